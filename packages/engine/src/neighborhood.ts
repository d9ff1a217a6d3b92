// The part of the graph around one entity, for the explorer canvas: breadth-first
// over every relationship (DEPENDS_ON, PROVIDED_BY, PERFORMS/OWNS, SUPPORTS) in the
// chosen direction, nearest first, at most `limit` nodes.
import { UnknownEntityError } from './errors';
import { type CompactGraph, type EntityKind, Kind } from './graph';
import { resolveCount } from './validate';

export type NeighborhoodDirection = 'UPSTREAM' | 'DOWNSTREAM' | 'BOTH';
export type EdgeType = 'DEPENDS_ON' | 'PROVIDED_BY' | 'PERFORMS' | 'OWNS' | 'SUPPORTS';

export interface NeighborhoodEdge {
  /** As stored in Neo4j: source -[type]-> target. */
  source: string;
  target: string;
  type: EdgeType;
  group: string | null;
  strength: number | null;
}

export interface NeighborhoodNode {
  id: string;
  name: string;
  kind: EntityKind;
  category: string | null;
  subsector: string | null;
  /** Entities that depend on it, its services/workflows/assets, and the functions it supports. */
  dependents: number;
  /** Hops from the centre. */
  depth: number;
}

export interface NeighborhoodResult {
  nodes: NeighborhoodNode[];
  edges: NeighborhoodEdge[];
  truncated: boolean;
}

// Counted once per projection (O(V + E)), not per request: the canvas sizes every node by it.
const dependentCounts = new WeakMap<CompactGraph, Int32Array>();

/** Distinct entities downstream of n at one hop: DEPENDS_ON dependents, children, functions. */
export function dependentCount(g: CompactGraph, n: number): number {
  let counts = dependentCounts.get(g);
  if (!counts) {
    counts = new Int32Array(g.nodeCount);
    const seenBy = new Int32Array(g.nodeCount).fill(-1);
    for (let m = 0; m < g.nodeCount; m++) {
      // A service may also DEPEND_ON its own supplier: one entity, counted once.
      let distinct = 0;
      const see = (e: number) => {
        if (seenBy[e] !== m) {
          seenBy[e] = m;
          distinct++;
        }
      };
      for (const gi of g.dependentGroupsOf(m)) see(g.groupOwner[gi]!);
      for (const c of g.childrenOf(m)) see(c);
      for (const f of g.functionsOf(m)) see(f);
      counts[m] = distinct;
    }
    dependentCounts.set(g, counts);
  }
  return counts[n]!;
}

interface Step {
  to: number;
  edge: Omit<NeighborhoodEdge, 'source' | 'target'> & { source: number; target: number };
}

/** One hop from n: upstream = what n depends on, downstream = who depends on n. */
function* steps(g: CompactGraph, n: number, up: boolean, down: boolean): IterableIterator<Step> {
  const parentEdge = (child: number): EdgeType =>
    g.kinds[child] === Kind.SERVICE ? 'PROVIDED_BY' : g.kinds[child] === Kind.WORKFLOW ? 'PERFORMS' : 'OWNS';
  if (up) {
    for (let gi = g.groupOffsets[n]!; gi < g.groupOffsets[n + 1]!; gi++) {
      const label = g.labelOf(gi);
      for (let k = g.memberOffsets[gi]!; k < g.memberOffsets[gi + 1]!; k++) {
        const m = g.members[k]!;
        const edge = {
          type: 'DEPENDS_ON' as const,
          source: n,
          target: m,
          group: label,
          strength: g.memberStrength[k]!,
        };
        yield { to: m, edge };
      }
    }
    for (const p of g.parentsOf(n)) {
      const type = parentEdge(n);
      // PROVIDED_BY points service → supplier; PERFORMS/OWNS point organization → child.
      const edge = type === 'PROVIDED_BY' ? { source: n, target: p } : { source: p, target: n };
      yield { to: p, edge: { type, ...edge, group: null, strength: null } };
    }
    for (const w of g.workflowsSupporting(n)) {
      yield { to: w, edge: { type: 'SUPPORTS', source: w, target: n, group: null, strength: null } };
    }
  }
  if (down) {
    for (const gi of g.dependentGroupsOf(n)) {
      const owner = g.groupOwner[gi]!;
      for (let k = g.memberOffsets[gi]!; k < g.memberOffsets[gi + 1]!; k++) {
        if (g.members[k] !== n) continue;
        const edge = {
          type: 'DEPENDS_ON' as const,
          source: owner,
          target: n,
          group: g.labelOf(gi),
          strength: g.memberStrength[k]!,
        };
        yield { to: owner, edge };
      }
    }
    for (const c of g.childrenOf(n)) {
      const type = parentEdge(c);
      const edge = type === 'PROVIDED_BY' ? { source: c, target: n } : { source: n, target: c };
      yield { to: c, edge: { type, ...edge, group: null, strength: null } };
    }
    for (const f of g.functionsOf(n)) {
      yield { to: f, edge: { type: 'SUPPORTS', source: n, target: f, group: null, strength: null } };
    }
  }
}

export function neighborhood(
  g: CompactGraph,
  id: string,
  options: { depth?: number | null; direction?: NeighborhoodDirection | null; limit?: number | null } = {},
): NeighborhoodResult {
  const maxDepth = resolveCount(options.depth, 1, 'depth');
  const limit = Math.max(1, resolveCount(options.limit, 200, 'limit'));
  const direction = options.direction ?? 'BOTH';
  const up = direction !== 'DOWNSTREAM';
  const down = direction !== 'UPSTREAM';
  const start = g.indexOf(id);
  if (start < 0) throw new UnknownEntityError([id]);

  const depth = new Map<number, number>([[start, 0]]);
  const order = [start];
  let truncated = false;
  for (let i = 0; i < order.length; i++) {
    const n = order[i]!;
    const d = depth.get(n)!;
    if (d >= maxDepth) continue;
    for (const s of steps(g, n, up, down)) {
      if (depth.has(s.to)) continue;
      if (order.length >= limit) {
        truncated = true;
        break;
      }
      depth.set(s.to, d + 1);
      order.push(s.to);
    }
    if (truncated) break;
  }
  // Every edge between included nodes, whichever direction found them.
  const edges: NeighborhoodEdge[] = [];
  const seen = new Set<string>();
  for (const n of order) {
    for (const s of steps(g, n, true, false)) {
      if (!depth.has(s.to)) continue;
      const key = `${s.edge.type}\u0000${s.edge.source}\u0000${s.edge.target}`;
      if (seen.has(key)) continue;
      seen.add(key);
      edges.push({ ...s.edge, source: g.ids[s.edge.source]!, target: g.ids[s.edge.target]! });
    }
  }
  const nodes = order.map((n) => ({
    id: g.ids[n]!,
    name: g.names[n]!,
    kind: g.kindOf(n),
    category: g.categories[n] ?? null,
    subsector: g.subsectors[n] ?? null,
    dependents: dependentCount(g, n),
    depth: depth.get(n)!,
  }));
  return { nodes, edges, truncated };
}
