/**
 * Discrete impact model (DESIGN §3) and the `impact()` entry point.
 *
 * disrupted(n) = min over groups g of (max over members m of t(m)),
 * t(n) = disrupted(n) + tolerance(n), least fixed point, with the failed set F
 * and its expansion (services of a failed supplier, workflows and assets of a
 * failed organisation) at t = 0.
 *
 * Solved by Knuth's generalisation of Dijkstra: nodes settle in order of t; each
 * group keeps a count of unsettled members and fires when it reaches 0, with
 * value t(last member) = max member t. Settlement order is non-decreasing in t, so
 * the first group of n to fire is the one with the smallest value: n's t is
 * final the moment it is pushed (no decrease-key), and its predecessor is the
 * member whose settlement fired that group — the member with the latest t in the
 * group that determined disrupted(n), ties broken by settlement order, which is
 * (t, id). Predecessors always settle first, so causal paths cannot loop.
 *
 * Only nodes reachable from F are touched. Scratch arrays live per graph and are
 * invalidated by bumping an epoch instead of being refilled, so running this once
 * per supplier (systemic risk) costs the affected regions, not V each time.
 */
import { InvalidInputError } from './errors';
import type { CompactGraph } from './graph';
import { NodeHeap } from './heap';
import { inoperabilityImpact } from './inoperability';
import { causalPath, noteAffectedNodes, type ImpactTally, impactBreakdown, tallyFor } from './summary';
import {
  type FunctionImpact,
  IMPACT_DEFAULTS,
  type ImpactedEntity,
  type ImpactOptions,
  type ImpactResult,
} from './types';
import { resolveDuration, resolveFailures } from './validate';

/** Result of one propagation; views into scratch memory, valid until the next run on the graph. */
export interface DiscreteRun {
  /**
   * Nodes with disrupted(n) < horizon: in settlement order (non-decreasing t,
   * then id), followed, when the run stopped at the horizon, by the nodes still
   * queued (their t ≥ horizon is final too).
   */
  readonly reached: Int32Array;
  /** t(n), valid for reached nodes. */
  readonly t: Float64Array;
  /** disrupted(n), valid for reached nodes. */
  readonly disrupted: Float64Array;
  /** Causal predecessor, −1 for entities of F; valid for reached nodes. */
  readonly pred: Int32Array;
}

/**
 * One local change a run applies without a new graph (ranked mitigations measure
 * hundreds of candidates; copying the graph for each would cost more than the run):
 * a dependency group that never fires (removed, or given an alternative that is not
 * disrupted within the horizon), and one node's tolerance replaced.
 */
export interface RunTweak {
  /** A group index that never fires, −1: none. */
  disabledGroup: number;
  /** The node whose tolerance is replaced, −1: none. */
  toleranceNode: number;
  toleranceHours: number;
}

const NO_TWEAK: RunTweak = { disabledGroup: -1, toleranceNode: -1, toleranceHours: 0 };

class DiscreteScratch implements DiscreteRun {
  reached: Int32Array;
  readonly t: Float64Array;
  readonly disrupted: Float64Array;
  readonly pred: Int32Array;
  private epoch = 0;
  private readonly stamp: Uint32Array;
  private readonly groupStamp: Uint32Array;
  private readonly remaining: Int32Array;
  private readonly order: Int32Array;
  private readonly heap: NodeHeap;

  constructor(private readonly g: CompactGraph) {
    const V = g.nodeCount;
    this.t = new Float64Array(V);
    this.disrupted = new Float64Array(V);
    this.pred = new Int32Array(V);
    this.stamp = new Uint32Array(V);
    this.groupStamp = new Uint32Array(g.groupCount);
    this.remaining = new Int32Array(g.groupCount);
    this.order = new Int32Array(V);
    this.reached = this.order.subarray(0, 0);
    this.heap = new NodeHeap(V, this.t);
  }

  run(failed: ArrayLike<number>, horizon: number, tweak: RunTweak = NO_TWEAK): DiscreteRun {
    const g = this.g;
    const { disabledGroup, toleranceNode, toleranceHours } = tweak;
    if (this.epoch === 0xffffffff) {
      this.stamp.fill(0);
      this.groupStamp.fill(0);
      this.epoch = 0;
    }
    const epoch = ++this.epoch;
    const { stamp, groupStamp, remaining, t, disrupted, pred, order, heap } = this;
    const { dependentOffsets, dependentGroups, groupOwner, memberOffsets, tolerance, children } = g;
    heap.clear();
    let count = 0;

    const seed = (n: number, parent: number) => {
      stamp[n] = epoch;
      t[n] = 0;
      disrupted[n] = 0;
      pred[n] = parent;
      heap.push(n);
    };
    // F first, so an entity both in F and expanded from F counts as in F
    for (let i = 0; i < failed.length; i++) {
      const f = failed[i]!;
      if (stamp[f] !== epoch) seed(f, -1);
    }
    // Expansion at time 0, not after tolerance: a failed organisation's workflows
    // are down now. Only suppliers and organisations have children.
    for (let i = 0; i < failed.length; i++) {
      const f = failed[i]!;
      for (let k = children.offsets[f]!; k < children.offsets[f + 1]!; k++) {
        const c = children.targets[k]!;
        if (stamp[c] !== epoch) seed(c, f);
      }
    }

    while (heap.size > 0) {
      const m = heap.peek();
      const tm = t[m]!;
      if (tm >= horizon) break;
      heap.pop();
      order[count++] = m;
      for (let k = dependentOffsets[m]!; k < dependentOffsets[m + 1]!; k++) {
        const gi = dependentGroups[k]!;
        if (gi === disabledGroup) continue;
        const n = groupOwner[gi]!;
        // n already has its (final) value: this group can no longer matter
        if (stamp[n] === epoch) continue;
        if (groupStamp[gi] !== epoch) {
          groupStamp[gi] = epoch;
          remaining[gi] = memberOffsets[gi + 1]! - memberOffsets[gi]!;
        }
        if (--remaining[gi]! !== 0) continue;
        stamp[n] = epoch;
        disrupted[n] = tm;
        t[n] = tm + (n === toleranceNode ? toleranceHours : tolerance[n]!);
        pred[n] = m;
        heap.push(n);
      }
    }
    // Stopped at the horizon: queued nodes have disrupted < horizon ≤ t, all final.
    if (heap.size > 0) {
      const rest = Array.from(heap.contents()).sort((a, b) => t[a]! - t[b]! || a - b);
      for (const n of rest) order[count++] = n;
      heap.clear();
    }
    this.reached = order.subarray(0, count);
    return this;
  }
}

const scratches = new WeakMap<CompactGraph, DiscreteScratch>();

/**
 * Low-level discrete propagation from F (node indices). Stops settling at
 * `horizon` (usually D): nodes whose t ≥ horizon keep their final t and
 * disrupted but propagate nothing, since everything downstream of them is
 * disrupted at or after the horizon. The returned arrays are scratch memory,
 * overwritten by the next run on the same graph.
 */
export function propagateDiscrete(
  g: CompactGraph,
  failed: ArrayLike<number>,
  horizon = Number.POSITIVE_INFINITY,
  tweak?: RunTweak,
): DiscreteRun {
  let s = scratches.get(g);
  if (!s) {
    s = new DiscreteScratch(g);
    scratches.set(g, s);
  }
  return s.run(failed, horizon, tweak);
}

/**
 * Counts a run's entities with a state into the graph's tally (in settlement order, so
 * sums come out exactly as in the report); `row` sees each one.
 */
function tallyRun(
  g: CompactGraph,
  run: DiscreteRun,
  D: number,
  row?: (n: number, failedNow: boolean) => void,
): ImpactTally {
  const { t, disrupted } = run;
  const tally = tallyFor(g);
  tally.begin();
  for (const n of run.reached) {
    const failedNow = t[n]! < D;
    if (!failedNow && !(disrupted[n]! < D)) continue;
    row?.(n, failedNow);
    tally.add(n, failedNow, failedNow ? 1 : 1 - g.workaroundCapacity[n]!);
  }
  return tally;
}

/** The totals an effect is measured by (ranked mitigations), without building the report. */
export interface DiscreteTotals {
  workflowsFailed: number;
  organizationsAffected: number;
  functions: FunctionImpact[];
}

/**
 * The summary totals of the discrete model for F (node indices) over D hours with
 * `tweak` applied: the same numbers `discreteImpact` gives on a graph that has the change.
 */
export function discreteTotals(
  g: CompactGraph,
  failed: ArrayLike<number>,
  durationHours: number,
  tweak?: RunTweak,
): DiscreteTotals {
  const tally = tallyRun(g, propagateDiscrete(g, failed, durationHours, tweak), durationHours);
  return {
    workflowsFailed: tally.workflowsFailed,
    organizationsAffected: tally.organizationsAffected,
    functions: tally.functions(),
  };
}

/** The discrete model over resolved inputs (F as ascending node indices, D in hours). */
export function discreteImpact(
  g: CompactGraph,
  failed: ArrayLike<number>,
  durationHours: number,
): ImpactResult {
  const D = durationHours;
  const run = propagateDiscrete(g, failed, D);
  const { t, disrupted, pred } = run;
  const rows: { n: number; failedAt: number }[] = [];
  const tally = tallyRun(g, run, D, (n, failedNow) =>
    rows.push({ n, failedAt: failedNow ? t[n]! : Number.POSITIVE_INFINITY }),
  );
  // disruptedAtHours, then failedAtHours (DEGRADED, i.e. null, last), then id
  rows.sort((a, b) => disrupted[a.n]! - disrupted[b.n]! || compareTimes(a.failedAt, b.failedAt) || a.n - b.n);
  const affected = rows.map(({ n, failedAt }): ImpactedEntity => {
    const failedNow = failedAt !== Number.POSITIVE_INFINITY;
    return {
      id: g.ids[n]!,
      kind: g.kindOf(n),
      state: failedNow ? 'FAILED' : 'DEGRADED',
      disruptedAtHours: disrupted[n]!,
      failedAtHours: failedNow ? failedAt : null,
      inoperability: null,
      because: causalPath(g, pred, n),
    };
  });
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
        rows.map(({ n, failedAt }) => {
          const failed = failedAt !== Number.POSITIVE_INFINITY;
          return { n, failed, share: failed ? 1 : 1 - g.workaroundCapacity[n]! };
        }),
      ),
    },
    affected,
  };
}

function compareTimes(a: number, b: number): number {
  return a === b ? 0 : a < b ? -1 : 1;
}

/**
 * What breaks when the entities in `failed` fail for `durationHours` (DESIGN §3).
 * Throws UnknownEntityError for unknown ids and InvalidInputError for a duration
 * ≤ 0, an inoperability outside (0, 1] or an unknown model.
 */
export function impact(g: CompactGraph, options: ImpactOptions): ImpactResult {
  const model = options.model ?? IMPACT_DEFAULTS.model;
  if (model !== 'DISCRETE' && model !== 'INOPERABILITY') {
    throw new InvalidInputError('model', `must be DISCRETE or INOPERABILITY, got ${String(model)}`);
  }
  const D = resolveDuration(options.durationHours);
  const failures = resolveFailures(g, options.failed);
  if (model === 'INOPERABILITY') return inoperabilityImpact(g, failures);
  return discreteImpact(g, failures.nodes, D);
}
