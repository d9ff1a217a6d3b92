/**
 * Inoperability model (DESIGN §3): the Leontief-based Inoperability Input–Output
 * Model of Haimes & Jiang (2001) on the dependency graph.
 *
 *   q(n) = min(1, c*(n) + Σ over groups g of strength(g) · min over members m of q(m))
 *
 * with strength(g) = max member strength and the implicit links (a service on its
 * supplier, a workflow or asset on its organisation) as ungrouped strength-1 terms.
 * Without groups this is q = min(1, A*q + c*).
 *
 * We want the least fixed point. Plain iteration from q = 0 gets there, but can be
 * arbitrarily slow: on a strength-1 cycle fed by a small c, q = min(1, c + q)
 * climbs by c per sweep (10⁶ sweeps for c = 10⁻⁶) although the answer, 1, is
 * immediate from above. So:
 *
 * 1. The support P = {n : q(n) > 0} is found combinatorially (a node is positive
 *    when c*(n) > 0, or one of its groups with strength > 0 has all members
 *    positive, or one of its implicit parents is positive): a breadth-first,
 *    counting pass from F over the reachable region. Groups with a member outside P
 *    contribute 0 and are dropped.
 * 2. On P the system is monotone and concave with every node forced positive, so
 *    its fixed point in (0, 1]^P is unique (if ν ≥ μ are fixed points and t < 1 is
 *    the largest with tν ≤ μ, concavity gives μ = Ψ(μ) ≥ Ψ(tν) ≥ tν + (1 − t)Ψ(0)
 *    > tν for Ψ a power of the map with Ψ(0) > 0, a contradiction). Iterating
 *    from above therefore also converges to the least fixed point.
 * 3. P is split into strongly connected components (Tarjan), solved dependencies
 *    first: an acyclic node is evaluated exactly once; a cyclic component is swept
 *    Gauss–Seidel from q = 1 until no value moves by more than 1e-13 (bounded by
 *    MAX_SWEEPS per component and MAX_EVALUATIONS per run; on that rare cut-off
 *    the values are upper bounds).
 *
 * Causal paths follow the breadth-first derivation of step 1: each node points to
 * the member (or parent) whose turning positive made it positive, so paths are
 * shortest in hops, end in F and cannot loop.
 */
import type { CompactGraph } from './graph';
import { causalPath, noteAffectedNodes, impactBreakdown, tallyFor } from './summary';
import type { ImpactedEntity, ImpactResult } from './types';
import type { ResolvedFailures } from './validate';

/** Largest change per sweep at which a cyclic component counts as converged. */
export const SWEEP_TOLERANCE = 1e-13;
export const MAX_SWEEPS = 100_000;
export const MAX_EVALUATIONS = 50_000_000;
/** q at or above this is reported as 1 (FAILED). */
export const FAILED_THRESHOLD = 1 - 1e-12;

export interface InoperabilityRun {
  /** The support P (q > 0) in breadth-first order from F. */
  readonly nodes: Int32Array;
  /** q(n), valid for `nodes`. */
  readonly q: Float64Array;
  /** Causal predecessor, −1 for entities of F; valid for `nodes`. */
  readonly pred: Int32Array;
  /** False when a cyclic component hit the sweep or evaluation cap. */
  readonly converged: boolean;
}

class InoperabilityScratch {
  private epoch = 0;
  private readonly stamp: Uint32Array;
  readonly q: Float64Array;
  readonly pred: Int32Array;
  private readonly cstar: Float64Array;
  private readonly queue: Int32Array;
  private readonly local: Int32Array;
  private readonly groupStamp: Uint32Array;
  private readonly remaining: Int32Array;

  constructor(private readonly g: CompactGraph) {
    const V = g.nodeCount;
    this.stamp = new Uint32Array(V);
    this.q = new Float64Array(V);
    this.pred = new Int32Array(V);
    this.cstar = new Float64Array(V);
    this.queue = new Int32Array(V);
    this.local = new Int32Array(V);
    this.groupStamp = new Uint32Array(g.groupCount);
    this.remaining = new Int32Array(g.groupCount);
  }

  run(failed: ResolvedFailures): InoperabilityRun {
    const g = this.g;
    if (this.epoch === 0xffffffff) {
      this.stamp.fill(0);
      this.groupStamp.fill(0);
      this.epoch = 0;
    }
    const epoch = ++this.epoch;
    const { stamp, q, pred, cstar, queue, local, groupStamp, remaining } = this;
    const { dependentOffsets, dependentGroups, groupOwner, groupStrength, memberOffsets, members } = g;
    const { groupOffsets, parents, children } = g;

    // 1. support P, breadth-first from F
    let tail = 0;
    const add = (n: number, parent: number, c: number) => {
      stamp[n] = epoch;
      cstar[n] = c;
      pred[n] = parent;
      q[n] = 0;
      queue[tail++] = n;
    };
    for (let i = 0; i < failed.nodes.length; i++) add(failed.nodes[i]!, -1, failed.inoperability[i]!);
    for (let head = 0; head < tail; head++) {
      const m = queue[head]!;
      for (let k = dependentOffsets[m]!; k < dependentOffsets[m + 1]!; k++) {
        const gi = dependentGroups[k]!;
        if (!(groupStrength[gi]! > 0)) continue;
        // count every member, even when the owner is already positive: a group is
        // "complete" (all members in P) exactly when its count reaches 0
        if (groupStamp[gi] !== epoch) {
          groupStamp[gi] = epoch;
          remaining[gi] = memberOffsets[gi + 1]! - memberOffsets[gi]!;
        }
        if (--remaining[gi]! !== 0) continue;
        const n = groupOwner[gi]!;
        if (stamp[n] !== epoch) add(n, m, 0);
      }
      for (let k = children.offsets[m]!; k < children.offsets[m + 1]!; k++) {
        const c = children.targets[k]!;
        if (stamp[c] !== epoch) add(c, m, 0);
      }
    }
    const P = tail;
    const nodes = queue.subarray(0, P);
    const complete = (gi: number) => groupStamp[gi] === epoch && remaining[gi] === 0;

    // 2. the dependency subgraph on P, in local indices
    for (let i = 0; i < P; i++) local[nodes[i]!] = i;
    const offsets = new Int32Array(P + 1);
    const targets: number[] = [];
    const selfLoop = new Uint8Array(P);
    for (let i = 0; i < P; i++) {
      const n = nodes[i]!;
      for (let gi = groupOffsets[n]!; gi < groupOffsets[n + 1]!; gi++) {
        if (!complete(gi)) continue;
        for (let k = memberOffsets[gi]!; k < memberOffsets[gi + 1]!; k++) {
          const j = local[members[k]!]!;
          if (j === i) selfLoop[i] = 1;
          targets.push(j);
        }
      }
      for (let k = parents.offsets[n]!; k < parents.offsets[n + 1]!; k++) {
        const p = parents.targets[k]!;
        if (stamp[p] === epoch) targets.push(local[p]!);
      }
      offsets[i + 1] = targets.length;
    }

    const evaluate = (n: number): number => {
      let v = cstar[n]!;
      for (let gi = groupOffsets[n]!; gi < groupOffsets[n + 1]!; gi++) {
        if (!complete(gi)) continue;
        let min = Number.POSITIVE_INFINITY;
        for (let k = memberOffsets[gi]!; k < memberOffsets[gi + 1]!; k++) {
          const qm = q[members[k]!]!;
          if (qm < min) min = qm;
        }
        v += groupStrength[gi]! * min;
      }
      for (let k = parents.offsets[n]!; k < parents.offsets[n + 1]!; k++) {
        const p = parents.targets[k]!;
        if (stamp[p] === epoch) v += q[p]!;
      }
      return Math.min(v, 1);
    };

    // 3. components in dependency order (Tarjan emits a component after all it reaches)
    let converged = true;
    let evaluations = 0;
    forEachComponent(P, offsets, targets, (component) => {
      if (component.length === 1 && !selfLoop[component[0]!]) {
        const n = nodes[component[0]!]!;
        q[n] = evaluate(n);
        evaluations++;
        return;
      }
      for (const i of component) q[nodes[i]!] = 1;
      for (let sweep = 0; ; sweep++) {
        let delta = 0;
        for (const i of component) {
          const n = nodes[i]!;
          const v = evaluate(n);
          const d = q[n]! - v;
          if (d > delta) delta = d;
          q[n] = v;
        }
        evaluations += component.length;
        if (delta <= SWEEP_TOLERANCE) break;
        if (sweep + 1 >= MAX_SWEEPS || evaluations >= MAX_EVALUATIONS) {
          converged = false;
          break;
        }
      }
    });
    return { nodes, q, pred, converged };
  }
}

/** Calls `visit` with the local indices of each strongly connected component, sinks first. */
function forEachComponent(
  P: number,
  offsets: Int32Array,
  targets: readonly number[],
  visit: (component: Int32Array) => void,
): void {
  const index = new Int32Array(P).fill(-1);
  const low = new Int32Array(P);
  const onStack = new Uint8Array(P);
  const stack = new Int32Array(P);
  const callNode = new Int32Array(P);
  const callEdge = new Int32Array(P);
  let sp = 0;
  let counter = 0;
  for (let root = 0; root < P; root++) {
    if (index[root] !== -1) continue;
    let cp = 0;
    const open = (v: number) => {
      index[v] = counter;
      low[v] = counter++;
      stack[sp++] = v;
      onStack[v] = 1;
      callNode[cp] = v;
      callEdge[cp++] = offsets[v]!;
    };
    open(root);
    while (cp > 0) {
      const v = callNode[cp - 1]!;
      const e = callEdge[cp - 1]!;
      if (e < offsets[v + 1]!) {
        callEdge[cp - 1] = e + 1;
        const w = targets[e]!;
        if (index[w] === -1) open(w);
        else if (onStack[w] && index[w]! < low[v]!) low[v] = index[w]!;
        continue;
      }
      cp--;
      if (cp > 0) {
        const u = callNode[cp - 1]!;
        if (low[v]! < low[u]!) low[u] = low[v]!;
      }
      if (low[v] === index[v]) {
        let start = sp;
        do {
          start--;
          onStack[stack[start]!] = 0;
        } while (stack[start] !== v);
        visit(stack.slice(start, sp));
        sp = start;
      }
    }
  }
}

const scratches = new WeakMap<CompactGraph, InoperabilityScratch>();

/** Low-level run; the arrays are scratch memory, overwritten by the next run on the graph. */
export function propagateInoperability(g: CompactGraph, failed: ResolvedFailures): InoperabilityRun {
  let s = scratches.get(g);
  if (!s) {
    s = new InoperabilityScratch(g);
    scratches.set(g, s);
  }
  return s.run(failed);
}

/**
 * Impact under the inoperability model. `affected` = entities with q > 0: FAILED
 * where q = 1 (within 1e-12), DEGRADED where 0 < q < 1, both at time 0.
 * Capacity loss of a function = Σ vol(w)·q(w) / Σ vol(w) over its workflows.
 */
export function inoperabilityImpact(g: CompactGraph, failed: ResolvedFailures): ImpactResult {
  const run = propagateInoperability(g, failed);
  const { q, pred } = run;
  const tally = tallyFor(g);
  tally.begin();
  const rows: { n: number; value: number; failed: boolean }[] = [];
  for (const n of run.nodes) {
    const v = q[n]!;
    if (!(v > 0)) continue;
    const isFailed = v >= FAILED_THRESHOLD;
    const value = isFailed ? 1 : v;
    rows.push({ n, value, failed: isFailed });
    tally.add(n, isFailed, value);
  }
  // all times are 0: FAILED (failedAtHours 0) before DEGRADED (null), then id
  rows.sort((a, b) => Number(b.failed) - Number(a.failed) || a.n - b.n);
  const affected = rows.map(
    ({ n, value, failed: isFailed }): ImpactedEntity => ({
      id: g.ids[n]!,
      kind: g.kindOf(n),
      state: isFailed ? 'FAILED' : 'DEGRADED',
      disruptedAtHours: 0,
      failedAtHours: isFailed ? 0 : null,
      inoperability: value,
      because: causalPath(g, pred, n),
    }),
  );
  noteAffectedNodes(
    affected,
    Int32Array.from(rows, (r) => r.n),
  );
  return {
    summary: {
      failed: tally.failed,
      degraded: tally.degraded,
      workflowsFailed: tally.workflowsFailed,
      workflowsDegraded: tally.workflowsDegraded,
      organizationsAffected: tally.organizationsAffected,
      functions: tally.functions(),
      ...impactBreakdown(
        g,
        rows.map(({ n, value, failed: isFailed }) => ({ n, failed: isFailed, share: value })),
      ),
    },
    affected,
  };
}
