/**
 * Dependency paths (DESIGN §4 `paths`) and shortest connections.
 *
 * `paths` walks downstream: from a node to what depends on it (DEPENDS_ON
 * reversed), from a supplier to its services, from a workflow to the critical
 * functions it supports. Paths are simple, have 1..maxDepth edges and come out
 * ordered by length, then by the ids along the path.
 *
 * The enumeration is breadth-first by layer. Layer L−1 is kept in lexicographic
 * order, and extending each of its paths with successors in id order yields
 * layer L in lexicographic order (node index order is id order), so paths are
 * emitted already sorted and we stop at `limit` without enumerating the rest.
 * Two prunings keep layers small: a path is extended only towards nodes that can
 * still reach a target within the remaining hops (distances from a reverse
 * breadth-first search inside the region reachable within maxDepth), and a path
 * is kept for the next layer only if it can still be extended to a target.
 * Simple paths can still be exponentially many, so the number of extensions
 * tried is capped (`workCap`, default 1,000,000). Output up to the cap is still
 * a correct prefix of the full ordered list, only shorter.
 */
import { InvalidInputError, UnknownEntityError } from './errors';
import { type CompactGraph, type EntityKind, Kind } from './graph';
import { resolveCount, resolveKinds } from './validate';

export interface DependencyPath {
  /** Entity ids from `from` to a target. */
  nodes: string[];
  /** Number of edges. */
  length: number;
}

export interface PathOptions {
  /** Kinds a path may end at; default ['WORKFLOW']. */
  toKinds?: readonly EntityKind[] | null;
  /** Maximum number of edges; default 6. */
  maxDepth?: number | null;
  /** Maximum number of paths; default 100. */
  limit?: number | null;
  /** Maximum number of path extensions tried; default DEFAULT_PATH_WORK_CAP. */
  workCap?: number | null;
}

export const DEFAULT_PATH_WORK_CAP = 1_000_000;

export type PathDirection = 'downstream' | 'upstream' | 'any';

/** Successors for `paths` (§4): dependents, a supplier's services, a workflow's functions; sorted. */
export function downstreamOf(g: CompactGraph, n: number): Int32Array {
  const out: number[] = [];
  pushDependents(g, n, out);
  const kind = g.kinds[n];
  if (kind === Kind.SUPPLIER) out.push(...g.childrenOf(n));
  if (kind === Kind.WORKFLOW) out.push(...g.functionsOf(n));
  return sortedUnique(out);
}

function pushDependents(g: CompactGraph, n: number, out: number[]): void {
  for (let k = g.dependentOffsets[n]!; k < g.dependentOffsets[n + 1]!; k++) {
    out.push(g.groupOwner[g.dependentGroups[k]!]!);
  }
}

function pushDependencies(g: CompactGraph, n: number, out: number[]): void {
  for (let gi = g.groupOffsets[n]!; gi < g.groupOffsets[n + 1]!; gi++) out.push(...g.membersOf(gi));
}

function sortedUnique(values: number[]): Int32Array {
  const sorted = Int32Array.from(values).sort();
  let w = 0;
  for (let i = 0; i < sorted.length; i++) {
    if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[w++] = sorted[i]!;
  }
  return sorted.subarray(0, w);
}

const EMPTY = new Int32Array(0);

/**
 * Downstream paths from `fromId` to entities of `toKinds` (§4). Throws
 * UnknownEntityError for an unknown id, InvalidInputError for bad options.
 */
export function paths(g: CompactGraph, fromId: string, options: PathOptions = {}): DependencyPath[] {
  const toKinds = resolveKinds(options.toKinds, ['WORKFLOW'], 'toKinds');
  const maxDepth = resolveCount(options.maxDepth, 6, 'maxDepth');
  const limit = resolveCount(options.limit, 100, 'limit');
  const workCap = resolveCount(options.workCap, DEFAULT_PATH_WORK_CAP, 'workCap');
  const s = g.indexOf(fromId);
  if (s < 0) throw new UnknownEntityError([fromId]);
  if (limit === 0 || maxDepth === 0 || toKinds.length === 0) return [];
  const targetKind = new Uint8Array(6);
  for (const k of toKinds) targetKind[Kind[k]] = 1;
  const isTarget = (n: number) => targetKind[g.kinds[n]!] === 1;

  // 1. the region reachable within maxDepth, with successor lists
  const depth = new Map<number, number>([[s, 0]]);
  const successors = new Map<number, Int32Array>();
  const region = [s];
  for (let i = 0; i < region.length; i++) {
    const u = region[i]!;
    const d = depth.get(u)!;
    if (d >= maxDepth) continue;
    const next = downstreamOf(g, u);
    successors.set(u, next);
    for (const w of next) {
      if (!depth.has(w)) {
        depth.set(w, d + 1);
        region.push(w);
      }
    }
  }

  // 2. hops to the nearest target inside the region (a lower bound for simple paths)
  const predecessors = new Map<number, number[]>();
  for (const [u, next] of successors) {
    for (const w of next) {
      const list = predecessors.get(w);
      if (list) list.push(u);
      else predecessors.set(w, [u]);
    }
  }
  const toTarget = new Map<number, number>();
  const queue: number[] = [];
  for (const n of region) {
    if (isTarget(n)) {
      toTarget.set(n, 0);
      queue.push(n);
    }
  }
  for (let i = 0; i < queue.length; i++) {
    const w = queue[i]!;
    const d = toTarget.get(w)! + 1;
    for (const u of predecessors.get(w) ?? []) {
      if (!toTarget.has(u)) {
        toTarget.set(u, d);
        queue.push(u);
      }
    }
  }
  // hops from n to a target through at least one successor (memoised: hubs recur in many paths)
  const via = new Map<number, number>();
  const viaSuccessor = (n: number): number => {
    let best = via.get(n);
    if (best !== undefined) return best;
    best = Number.POSITIVE_INFINITY;
    for (const w of successors.get(n) ?? EMPTY) {
      best = Math.min(best, 1 + (toTarget.get(w) ?? Number.POSITIVE_INFINITY));
    }
    via.set(n, best);
    return best;
  };

  // 3. layers of simple paths as a parent-pointer forest
  const result: DependencyPath[] = [];
  if (viaSuccessor(s) > maxDepth) return result;
  const pathNode: number[] = [s];
  const pathParent: number[] = [-1];
  const onPath = (p: number, w: number) => {
    for (let x = p; x >= 0; x = pathParent[x]!) if (pathNode[x] === w) return true;
    return false;
  };
  const materialise = (p: number, w: number, length: number): DependencyPath => {
    const nodes: string[] = new Array(length + 1);
    nodes[length] = g.ids[w]!;
    for (let x = p, i = length - 1; x >= 0; x = pathParent[x]!, i--) nodes[i] = g.ids[pathNode[x]!]!;
    return { nodes, length };
  };
  let layerStart = 0;
  let layerEnd = 1;
  let work = 0;
  for (let L = 1; L <= maxDepth && layerStart < layerEnd; L++) {
    for (let p = layerStart; p < layerEnd; p++) {
      for (const w of successors.get(pathNode[p]!) ?? EMPTY) {
        if (++work > workCap) return result;
        const hops = toTarget.get(w);
        if (hops === undefined || L + hops > maxDepth || onPath(p, w)) continue;
        if (isTarget(w)) {
          result.push(materialise(p, w, L));
          if (result.length >= limit) return result;
        }
        if (L < maxDepth && L + viaSuccessor(w) <= maxDepth) {
          pathNode.push(w);
          pathParent.push(p);
        }
      }
    }
    layerStart = layerEnd;
    layerEnd = pathNode.length;
  }
  return result;
}

/**
 * A shortest connection from `fromId` to `toId`, as ids, or null.
 * 'downstream' follows how failure spreads: to dependents (DEPENDS_ON reversed),
 * from a supplier to its services, from an organisation to its workflows and
 * assets, from a workflow to its functions; 'upstream' is the reverse; 'any'
 * ignores direction. Among shortest paths, breadth-first search in id order
 * picks a deterministic one.
 */
export function shortestPath(
  g: CompactGraph,
  fromId: string,
  toId: string,
  options: { direction?: PathDirection } = {},
): string[] | null {
  const direction = options.direction ?? 'downstream';
  if (direction !== 'downstream' && direction !== 'upstream' && direction !== 'any') {
    throw new InvalidInputError('direction', `must be downstream, upstream or any, got ${String(direction)}`);
  }
  const s = g.indexOf(fromId);
  const t = g.indexOf(toId);
  const unknown = [...new Set([s < 0 ? fromId : null, t < 0 ? toId : null])].filter(
    (x): x is string => x !== null,
  );
  if (unknown.length > 0) throw new UnknownEntityError(unknown);
  const down = direction === 'downstream' || direction === 'any';
  const up = direction === 'upstream' || direction === 'any';
  const neighbours = (u: number): Int32Array => {
    const out: number[] = [];
    const kind = g.kinds[u];
    if (down) {
      pushDependents(g, u, out);
      out.push(...g.childrenOf(u));
      if (kind === Kind.WORKFLOW) out.push(...g.functionsOf(u));
    }
    if (up) {
      pushDependencies(g, u, out);
      out.push(...g.parentsOf(u));
      if (kind === Kind.CRITICAL_FUNCTION) out.push(...g.workflowsSupporting(u));
    }
    return sortedUnique(out);
  };
  const parent = new Map<number, number>([[s, -1]]);
  const queue = [s];
  for (let i = 0; i < queue.length && !parent.has(t); i++) {
    const u = queue[i]!;
    for (const w of neighbours(u)) {
      if (parent.has(w)) continue;
      parent.set(w, u);
      queue.push(w);
    }
  }
  if (!parent.has(t)) return null;
  const path: string[] = [];
  for (let x = t; x >= 0; x = parent.get(x)!) path.push(g.ids[x]!);
  return path.reverse();
}
