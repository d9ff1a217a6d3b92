/**
 * Test helpers: a plain (array-of-records) model of a graph, its conversion to a
 * CompactGraph, a fast-check generator of random plain graphs, and brute-force
 * reference implementations of §3 that read the plain model directly, so they
 * share no code or data structure with the engine.
 */
import fc from 'fast-check';
import { type CompactGraph, type EntityKind, GraphBuilder, type WhatIfChange } from '../src/index';

export interface PlainDep {
  from: number;
  to: number;
  group: string | null;
  strength: number;
}

export interface Plain {
  ids: string[];
  kinds: EntityKind[];
  tolerance: number[];
  workaround: number[];
  volume: number[];
  criticality: number[];
  deps: PlainDep[];
  /** [child, parent]: service→supplier, workflow→organisation, asset→organisation. */
  parents: [number, number][];
  /** [workflow, function]. */
  supports: [number, number][];
  /** Optional category (or type) and subsector of each node. */
  categories?: (string | null)[];
  subsectors?: (string | null)[];
  /** Optional region of each node (kept for organizations only). */
  regions?: (string | null)[];
  /** Optional volume unit of each node (kept for workflows only). */
  volumeUnits?: (string | null)[];
}

/** Builds the compact graph, feeding the builder in a shuffled order when `seed` is given. */
export function toGraph(p: Plain, seed?: number): CompactGraph {
  const b = new GraphBuilder();
  const order = p.ids.map((_, i) => i);
  const deps = [...p.deps];
  if (seed !== undefined) {
    shuffle(order, seed);
    shuffle(deps, seed + 1);
  }
  // links first: the builder must accept them before their nodes
  for (const d of deps) {
    b.addDependency({ from: p.ids[d.from]!, to: p.ids[d.to]!, group: d.group, strength: d.strength });
  }
  for (const [c, par] of p.parents) {
    const kc = p.kinds[c];
    if (kc === 'SERVICE') b.addProvidedBy(p.ids[c]!, p.ids[par]!);
    else if (kc === 'WORKFLOW') b.addPerforms(p.ids[par]!, p.ids[c]!);
    else b.addOwns(p.ids[par]!, p.ids[c]!);
  }
  for (const [w, f] of p.supports) b.addSupports(p.ids[w]!, p.ids[f]!);
  for (const i of order) {
    b.addNode({
      id: p.ids[i]!,
      kind: p.kinds[i]!,
      toleranceHours: p.kinds[i] === 'WORKFLOW' ? p.tolerance[i]! : null,
      workaroundCapacity: p.workaround[i]!,
      volumePerDay: p.volume[i]!,
      criticality: p.criticality[i]!,
      category: p.categories?.[i] ?? null,
      subsector: p.subsectors?.[i] ?? null,
      region: p.regions?.[i] ?? null,
      volumeUnit: p.volumeUnits?.[i] ?? null,
    });
  }
  return b.build();
}

function shuffle<T>(xs: T[], seed: number): void {
  let s = seed >>> 0 || 1;
  for (let i = xs.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    [xs[i], xs[j]] = [xs[j]!, xs[i]!];
  }
}

const KIND_POOL: EntityKind[] = [
  'SUPPLIER',
  'SERVICE',
  'SERVICE',
  'WORKFLOW',
  'WORKFLOW',
  'WORKFLOW',
  'ASSET',
  'ORGANIZATION',
  'CRITICAL_FUNCTION',
];
const DEPENDENT: EntityKind[] = ['WORKFLOW', 'ASSET', 'SERVICE'];
const DEPENDENCY: EntityKind[] = ['WORKFLOW', 'ASSET', 'SERVICE', 'SUPPLIER'];

export interface RandomCase {
  plain: Plain;
  failed: number[];
  duration: number | undefined;
  seed: number;
}

export interface RandomOptions {
  maxNodes?: number;
  tolerances?: number[];
  strengths?: number[];
  groups?: (string | null)[];
}

/** Random graphs with cycles, self-loops, groups, ties (small integer tolerances) and implicit links. */
export function arbCase(opts: RandomOptions = {}): fc.Arbitrary<RandomCase> {
  const maxNodes = opts.maxNodes ?? 12;
  const tolerances = opts.tolerances ?? [0, 0, 1, 2, 4];
  const strengths = opts.strengths ?? [0, 0.5, 1];
  const groups = opts.groups ?? ['a', 'b', null, null];
  return fc.integer({ min: 2, max: maxNodes }).chain((n) => {
    const per = <T>(arb: fc.Arbitrary<T>) => fc.array(arb, { minLength: n, maxLength: n });
    return fc
      .record({
        kinds: per(fc.constantFrom(...KIND_POOL)),
        tolerance: per(fc.constantFrom(...tolerances)),
        workaround: per(fc.constantFrom(0, 0.5, 1)),
        volume: per(fc.constantFrom(0, 1, 3)),
        criticality: per(fc.constantFrom(1, 3, 5)),
        edges: fc.array(
          fc.record({
            from: fc.nat(n - 1),
            to: fc.nat(n - 1),
            group: fc.constantFrom(...groups),
            strength: fc.constantFrom(...strengths),
          }),
          { maxLength: 3 * n },
        ),
        parentPick: per(fc.nat(1000)),
        parentSkip: per(fc.boolean()),
        functionPick: per(fc.array(fc.nat(1000), { maxLength: 2 })),
        failed: fc.array(fc.nat(n - 1), { minLength: 1, maxLength: 3 }),
        duration: fc.constantFrom(undefined, 0.5, 1, 2, 3, 4, 6),
        seed: fc.nat(),
      })
      .map((r): RandomCase => {
        const ids = r.kinds.map((_, i) => `${String.fromCharCode(97 + ((i * 7) % 26))}${i}`);
        const of = (k: EntityKind) => r.kinds.flatMap((kk, i) => (kk === k ? [i] : []));
        const suppliers = of('SUPPLIER');
        const orgs = of('ORGANIZATION');
        const functions = of('CRITICAL_FUNCTION');
        const parents: [number, number][] = [];
        const supports: [number, number][] = [];
        r.kinds.forEach((k, i) => {
          const pool = k === 'SERVICE' ? suppliers : k === 'WORKFLOW' || k === 'ASSET' ? orgs : [];
          if (pool.length > 0 && !r.parentSkip[i]) parents.push([i, pool[r.parentPick[i]! % pool.length]!]);
          if (k === 'WORKFLOW' && functions.length > 0) {
            for (const pick of r.functionPick[i]!) supports.push([i, functions[pick % functions.length]!]);
          }
        });
        const deps = r.edges.filter(
          (e) => DEPENDENT.includes(r.kinds[e.from]!) && DEPENDENCY.includes(r.kinds[e.to]!),
        );
        return {
          plain: {
            ids,
            kinds: r.kinds,
            tolerance: r.tolerance,
            workaround: r.workaround,
            volume: r.volume,
            criticality: r.criticality,
            deps,
            parents,
            supports,
          },
          failed: [...new Set(r.failed)],
          duration: r.duration,
          seed: r.seed,
        };
      });
  });
}

/** Groups of n as member lists with their strength (max member strength), duplicates merged. */
export function plainGroups(p: Plain, n: number): { members: number[]; strength: number }[] {
  const labelled = new Map<string, Map<number, number>>();
  const single = new Map<number, number>();
  for (const d of p.deps) {
    if (d.from !== n) continue;
    if (d.group === null) single.set(d.to, Math.max(single.get(d.to) ?? 0, d.strength));
    else {
      const m = labelled.get(d.group) ?? new Map<number, number>();
      m.set(d.to, Math.max(m.get(d.to) ?? 0, d.strength));
      labelled.set(d.group, m);
    }
  }
  const out = [...labelled.values()].map((m) => ({
    members: [...m.keys()],
    strength: Math.max(...m.values()),
  }));
  for (const [to, s] of single) out.push({ members: [to], strength: s });
  return out;
}

export function plainChildren(p: Plain, parent: number): number[] {
  return p.parents.filter(([, par]) => par === parent).map(([c]) => c);
}

/**
 * Brute-force discrete model. Which fixed point: §3 wants nodes on a cycle that
 * nothing failed reaches to keep t = ∞, i.e. the fixed point where a node has a
 * finite t only when a finite chain of failures from F justifies it. That is the
 * limit of iterating the equations from t ≡ ∞ (F and its expansion at 0): after
 * k rounds t(n) is the best value justified by derivations of depth ≤ k, values
 * only decrease, and optimal derivations have depth ≤ V, so V + 1 rounds
 * suffice. (Iterating from t ≡ 0 instead would give the other extreme: every
 * cycle "failing itself" at time 0.) Numerically this is the greatest fixed
 * point; in the information order of §3, where ∞ means "no evidence of failure",
 * it is the least.
 */
export function bruteDiscrete(
  p: Plain,
  failed: number[],
): { t: number[]; disrupted: number[]; fixed: boolean[] } {
  const V = p.ids.length;
  const t = new Array<number>(V).fill(Number.POSITIVE_INFINITY);
  const disrupted = new Array<number>(V).fill(Number.POSITIVE_INFINITY);
  const fixed = new Array<boolean>(V).fill(false);
  for (const f of failed) {
    for (const n of [f, ...plainChildren(p, f)]) {
      fixed[n] = true;
      t[n] = 0;
      disrupted[n] = 0;
    }
  }
  const groups = p.ids.map((_, n) => plainGroups(p, n));
  for (let round = 0; ; round++) {
    if (round > V + 2) throw new Error('brute force did not stabilise');
    let changed = false;
    const next = t.slice();
    for (let n = 0; n < V; n++) {
      if (fixed[n]) continue;
      let d = Number.POSITIVE_INFINITY;
      for (const g of groups[n]!) d = Math.min(d, Math.max(...g.members.map((m) => t[m]!)));
      const tol = p.kinds[n] === 'WORKFLOW' ? p.tolerance[n]! : 0;
      const tn = d + tol;
      if (tn !== t[n]) {
        changed = true;
        next[n] = tn;
        disrupted[n] = d;
      }
    }
    if (!changed) break;
    for (let n = 0; n < V; n++) t[n] = next[n]!;
  }
  return { t, disrupted, fixed };
}

/**
 * Brute-force inoperability model: Jacobi iteration of the §3 equations from
 * q ≡ 0, the textbook route to the least fixed point, until nothing moves by
 * more than 1e-15.
 */
export function bruteInoperability(p: Plain, failed: Map<number, number>): number[] {
  const V = p.ids.length;
  let q = new Array<number>(V).fill(0);
  const groups = p.ids.map((_, n) => plainGroups(p, n));
  const parentsOf = p.ids.map((_, n) => p.parents.filter(([c]) => c === n).map(([, par]) => par));
  for (let round = 0; round < 500_000; round++) {
    const next = q.map((_, n) => {
      let v = failed.get(n) ?? 0;
      for (const g of groups[n]!) v += g.strength * Math.min(...g.members.map((m) => q[m]!));
      for (const par of parentsOf[n]!) v += q[par]!;
      return Math.min(1, v);
    });
    const delta = Math.max(...next.map((v, n) => Math.abs(v - q[n]!)));
    q = next;
    if (delta <= 1e-15) break;
  }
  return q;
}

/** Dense Gaussian elimination with partial pivoting: solves M x = b. */
export function solveLinear(M: number[][], b: number[]): number[] {
  const n = b.length;
  const a = M.map((row, i) => [...row, b[i]!]);
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r]![c]!) > Math.abs(a[piv]![c]!)) piv = r;
    [a[c], a[piv]] = [a[piv]!, a[c]!];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = a[r]![c]! / a[c]![c]!;
      for (let k = c; k <= n; k++) a[r]![k]! -= f * a[c]![k]!;
    }
  }
  return a.map((row, i) => row[n]! / row[i]!);
}

// What-if edits made to the plain model (the oracle of whatif and mitigations tests).
export const DEPENDENT_KINDS = new Set(['WORKFLOW', 'ASSET', 'SERVICE']);
export const DEPENDENCY_KINDS = new Set(['WORKFLOW', 'ASSET', 'SERVICE', 'SUPPLIER']);

/** One edge per (from, to), as the store holds them (MERGE). */
export function uniqueDeps(p: Plain): Plain {
  const seen = new Set<string>();
  return {
    ...p,
    deps: p.deps.filter((d) => !seen.has(`${d.from}>${d.to}`) && !!seen.add(`${d.from}>${d.to}`)),
  };
}

/** The edits made to the plain model; false when the change is not allowed there. */
export function editPlain(p: Plain, c: WhatIfChange): boolean {
  const at = (id: string) => p.ids.indexOf(id);
  if (c.addDependency) {
    const from = at(c.addDependency.from);
    const to = at(c.addDependency.to);
    if (from === to || !DEPENDENT_KINDS.has(p.kinds[from]!) || !DEPENDENCY_KINDS.has(p.kinds[to]!))
      return false;
    const group = c.addDependency.group || null;
    const strength = c.addDependency.strength ?? 1;
    const i = p.deps.findIndex((d) => d.from === from && d.to === to);
    if (i >= 0) p.deps[i] = { from, to, group, strength };
    else p.deps.push({ from, to, group, strength });
    return true;
  }
  if (c.removeDependency) {
    const from = at(c.removeDependency.from);
    const to = at(c.removeDependency.to);
    const i = p.deps.findIndex((d) => d.from === from && d.to === to);
    if (i < 0) return false;
    p.deps.splice(i, 1);
    return true;
  }
  if (c.setWorkflow) {
    const n = at(c.setWorkflow.id);
    if (p.kinds[n] !== 'WORKFLOW') return false;
    if (c.setWorkflow.toleranceHours != null) p.tolerance[n] = c.setWorkflow.toleranceHours;
    if (c.setWorkflow.workaroundCapacity != null) p.workaround[n] = c.setWorkflow.workaroundCapacity;
    return true;
  }
  const n = at(c.unaffected!.id);
  p.deps = p.deps.filter((d) => d.from !== n);
  p.parents = p.parents.filter(([child]) => child !== n);
  return true;
}

export const clonePlain = (p: Plain): Plain => ({
  ...p,
  tolerance: [...p.tolerance],
  workaround: [...p.workaround],
  deps: p.deps.map((d) => ({ ...d })),
  parents: p.parents.map(([a, b]) => [a, b] as [number, number]),
});
