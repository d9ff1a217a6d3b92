// The "limit" of the impact benchmark: a bare breadth-first reachability over a
// typed-array adjacency of the same graph, in the same process. It answers only
// "who can be reached by following DEPENDS_ON and PROVIDED_BY backwards" (what the
// naive Cypher baseline asks): no groups, no alternatives, no times, no report. No
// impact computation can touch its region for less, so our time ÷ its time is the
// overhead of everything the product does on top (≥ 1).
import { bucket, type CompactGraph } from '@smart/engine';

/** Reverse adjacency in CSR form: the nodes one step downstream of n are targets[offsets[n] .. offsets[n+1]). */
export interface Adjacency {
  nodeCount: number;
  offsets: Int32Array;
  targets: Int32Array;
}

/**
 * Builds the reverse adjacency of `(x)-[:DEPENDS_ON|PROVIDED_BY]->(y)`: for each y,
 * the x that depend on it, plus the services of y when y is a supplier. (PERFORMS and
 * OWNS are not followed: the baseline query does not follow them either.)
 */
export function reverseAdjacency(g: CompactGraph): Adjacency {
  const SUPPLIER = 1; // Kind.SUPPLIER
  const edges: [number, number][] = [];
  for (let n = 0; n < g.nodeCount; n++) {
    for (const group of g.dependentGroupsOf(n)) edges.push([g.groupOwner[group]!, n]);
    if (g.kinds[n] === SUPPLIER) for (const child of g.childrenOf(n)) edges.push([child, n]);
  }
  return adjacencyFromEdges(g.nodeCount, edges);
}

/**
 * An adjacency from plain edge lists: edge [x, y] means y → x is followed. Rows are
 * the engine's CSR bucketing (stable: a row keeps the edges' order).
 */
export function adjacencyFromEdges(
  nodeCount: number,
  edges: readonly (readonly [number, number])[],
): Adjacency {
  const { offsets, order } = bucket(
    nodeCount,
    edges.map(([, y]) => y),
  );
  return { nodeCount, offsets, targets: Int32Array.from(order, (i) => edges[i]![0]) };
}

/**
 * Reusable BFS: scratch arrays are allocated once per graph and reset by an epoch
 * stamp, like the engine's, so a run costs only the region it reaches.
 */
export class Reachability {
  private readonly seen: Uint32Array;
  private readonly queue: Int32Array;
  private epoch = 0;

  constructor(private readonly adj: Adjacency) {
    this.seen = new Uint32Array(adj.nodeCount);
    this.queue = new Int32Array(adj.nodeCount);
  }

  /**
   * How many distinct nodes are reachable from `sources` by one or more steps (what
   * `MATCH (s)<-[*]-(x) RETURN DISTINCT x` returns; a source counts only when a cycle
   * leads back to it).
   */
  count(sources: ArrayLike<number>): number {
    if (++this.epoch === 0xffffffff) {
      this.seen.fill(0);
      this.epoch = 1;
    }
    const { offsets, targets } = this.adj;
    const seen = this.seen;
    const queue = this.queue;
    const epoch = this.epoch;
    let tail = 0;
    let reached = 0;
    // Sources are expanded first without being marked: they are not "reached" unless an edge leads to them.
    for (let i = 0; i < sources.length; i++) {
      const s = sources[i]!;
      for (let k = offsets[s]!, end = offsets[s + 1]!; k < end; k++) {
        const x = targets[k]!;
        if (seen[x] !== epoch) {
          seen[x] = epoch;
          queue[tail++] = x;
          reached++;
        }
      }
    }
    for (let head = 0; head < tail; head++) {
      const n = queue[head]!;
      for (let k = offsets[n]!, end = offsets[n + 1]!; k < end; k++) {
        const x = targets[k]!;
        if (seen[x] !== epoch) {
          seen[x] = epoch;
          queue[tail++] = x;
          reached++;
        }
      }
    }
    return reached;
  }
}
