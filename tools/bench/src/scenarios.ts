// The 30 failure scenarios of the impact and paths benchmarks, chosen from the graph
// deterministically: the biggest cloud service, the dominant clearinghouse, and 28
// suppliers drawn with a seeded generator (the same ids on every run of a size).
import { type CompactGraph, Kind } from '@smart/engine';

export interface Scenario {
  id: string;
  /** Why it was chosen. */
  label: string;
}

/** mulberry32: a tiny seeded generator (32-bit integer arithmetic, same output everywhere). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Distinct owners of DEPENDS_ON edges into n (for a supplier: into it or one of its services). */
export function directDependents(g: CompactGraph, n: number): number {
  const owners = new Set<number>();
  const add = (m: number) => {
    for (const group of g.dependentGroupsOf(m)) owners.add(g.groupOwner[group]!);
  };
  add(n);
  if (g.kinds[n] === Kind.SUPPLIER) for (const s of g.childrenOf(n)) add(s);
  return owners.size;
}

/** A typical supplier: the median by direct dependents among those that have any. */
export function typicalSupplier(g: CompactGraph): string {
  const scored: [number, number][] = [];
  for (let i = 0; i < g.nodeCount; i++) {
    const d = g.kinds[i] === Kind.SUPPLIER ? directDependents(g, i) : 0;
    if (d > 0) scored.push([i, d]);
  }
  scored.sort((a, b) => a[1] - b[1] || a[0] - b[0]);
  return g.ids[scored[Math.floor(scored.length / 2)]![0]]!;
}

/** The node of `kind` whose category matches `category` with the most direct dependents (ties: lowest id). */
export function biggest(g: CompactGraph, kind: number, category: RegExp): number {
  let best = -1;
  let bestCount = -1;
  for (let n = 0; n < g.nodeCount; n++) {
    if (g.kinds[n] !== kind || !category.test(g.categories[n] ?? '')) continue;
    const c = directDependents(g, n);
    if (c > bestCount) {
      best = n;
      bestCount = c;
    }
  }
  return best;
}

export function chooseScenarios(g: CompactGraph, count = 30, seed = 20251028): Scenario[] {
  const out: Scenario[] = [];
  const taken = new Set<number>();
  const cloud = biggest(g, Kind.SERVICE, /cloud/i);
  if (cloud >= 0) {
    out.push({ id: g.ids[cloud]!, label: 'biggest cloud service' });
    taken.add(cloud);
  }
  const clearinghouse = biggest(g, Kind.SUPPLIER, /clearinghouse/i);
  if (clearinghouse >= 0) {
    out.push({ id: g.ids[clearinghouse]!, label: 'dominant clearinghouse' });
    taken.add(clearinghouse);
  }
  const suppliers: number[] = [];
  for (let n = 0; n < g.nodeCount; n++) if (g.kinds[n] === Kind.SUPPLIER && !taken.has(n)) suppliers.push(n);
  // Partial Fisher–Yates over the suppliers in id (= index) order.
  const rand = mulberry32(seed);
  for (let i = 0; i < suppliers.length && out.length < count; i++) {
    const j = i + Math.floor(rand() * (suppliers.length - i));
    [suppliers[i], suppliers[j]] = [suppliers[j]!, suppliers[i]!];
    out.push({ id: g.ids[suppliers[i]!]!, label: 'random supplier' });
  }
  return out;
}
