import { type CompactGraph, Kind } from './graph';
import type {
  FunctionImpact,
  GroupImpact,
  ImpactedEntity,
  RegionImpact,
  SubsectorImpact,
  WorkflowCategoryImpact,
} from './types';

/**
 * Summary counters shared by both impact models and the risk ranking, so the
 * three agree on what "affected" means. Scratch arrays are per graph and reset
 * by an epoch stamp, so a run costs what it touches, not O(V).
 */
export class ImpactTally {
  failed = 0;
  degraded = 0;
  workflowsFailed = 0;
  workflowsDegraded = 0;
  organizationsAffected = 0;
  /** Σ over FAILED workflows of (6 − criticality)/5, criticality 3 where missing (risk score). */
  failedWorkflowWeight = 0;

  private epoch = 0;
  private readonly orgStamp: Uint32Array;
  private readonly fnStamp: Uint32Array;
  private readonly fnLoss: Float64Array;
  private readonly fnFailed: Int32Array;
  private readonly fnDegraded: Int32Array;
  private readonly fnForced: Uint8Array;
  private readonly fnList: Int32Array;
  private fnCount = 0;

  constructor(private readonly g: CompactGraph) {
    const V = g.nodeCount;
    this.orgStamp = new Uint32Array(V);
    this.fnStamp = new Uint32Array(V);
    this.fnLoss = new Float64Array(V);
    this.fnFailed = new Int32Array(V);
    this.fnDegraded = new Int32Array(V);
    this.fnForced = new Uint8Array(V);
    this.fnList = new Int32Array(V);
  }

  begin(): void {
    if (this.epoch === 0xffffffff) {
      this.orgStamp.fill(0);
      this.fnStamp.fill(0);
      this.epoch = 0;
    }
    this.epoch++;
    this.failed = 0;
    this.degraded = 0;
    this.workflowsFailed = 0;
    this.workflowsDegraded = 0;
    this.organizationsAffected = 0;
    this.failedWorkflowWeight = 0;
    this.fnCount = 0;
  }

  /**
   * Records an entity that has a state. `share` is the part of a workflow's volume
   * lost: 1 when FAILED and 1 − workaroundCapacity when DEGRADED (discrete model),
   * q(w) (inoperability model).
   */
  add(n: number, failed: boolean, share: number): void {
    const g = this.g;
    if (failed) this.failed++;
    else this.degraded++;
    const kind = g.kinds[n]!;
    if (kind === Kind.ORGANIZATION) {
      this.org(n);
    } else if (kind === Kind.WORKFLOW) {
      if (failed) {
        this.workflowsFailed++;
        const c = g.criticality[n]!;
        const criticality = Number.isNaN(c) ? 3 : Math.min(5, Math.max(1, c));
        this.failedWorkflowWeight += (6 - criticality) / 5;
      } else {
        this.workflowsDegraded++;
      }
      const orgs = g.parents;
      for (let k = orgs.offsets[n]!; k < orgs.offsets[n + 1]!; k++) this.org(orgs.targets[k]!);
      const fns = g.supports;
      for (let k = fns.offsets[n]!; k < fns.offsets[n + 1]!; k++) {
        const f = fns.targets[k]!;
        this.touchFunction(f);
        this.fnLoss[f]! += (g.functionUnweighted[f] ? 1 : g.volume[n]!) * share;
        if (failed) this.fnFailed[f]!++;
        else this.fnDegraded[f]!++;
      }
    } else if (kind === Kind.CRITICAL_FUNCTION) {
      // only when named in F: the function itself is lost
      this.touchFunction(n);
      this.fnForced[n] = 1;
    }
  }

  private org(o: number): void {
    if (this.orgStamp[o] === this.epoch) return;
    this.orgStamp[o] = this.epoch;
    this.organizationsAffected++;
  }

  private touchFunction(f: number): void {
    if (this.fnStamp[f] === this.epoch) return;
    this.fnStamp[f] = this.epoch;
    this.fnLoss[f] = 0;
    this.fnFailed[f] = 0;
    this.fnDegraded[f] = 0;
    this.fnForced[f] = 0;
    this.fnList[this.fnCount++] = f;
  }

  private lossOf(f: number): number {
    if (this.fnForced[f]) return 1;
    const total = this.g.functionVolume[f]!;
    return total > 0 ? Math.min(1, this.fnLoss[f]! / total) : 0;
  }

  /** Functions with capacityLoss > 0, and Σ of their losses (risk ranking; allocates nothing). */
  functionTotals(): { impaired: number; capacityLoss: number } {
    let impaired = 0;
    let capacityLoss = 0;
    for (let i = 0; i < this.fnCount; i++) {
      const loss = this.lossOf(this.fnList[i]!);
      if (loss > 0) {
        impaired++;
        capacityLoss += loss;
      }
    }
    return { impaired, capacityLoss };
  }

  /** Functions with a FAILED or DEGRADED supporting workflow, by capacityLoss desc then id. */
  functions(): FunctionImpact[] {
    const list = Array.from(this.fnList.subarray(0, this.fnCount)).map((f) => ({
      f,
      impact: {
        functionId: this.g.ids[f]!,
        capacityLoss: this.lossOf(f),
        failedWorkflows: this.fnFailed[f]!,
        degradedWorkflows: this.fnDegraded[f]!,
      },
    }));
    list.sort((a, b) => b.impact.capacityLoss - a.impact.capacityLoss || a.f - b.f);
    return list.map((x) => x.impact);
  }
}

const tallies = new WeakMap<CompactGraph, ImpactTally>();

export function tallyFor(g: CompactGraph): ImpactTally {
  let t = tallies.get(g);
  if (!t) {
    t = new ImpactTally(g);
    tallies.set(g, t);
  }
  return t;
}

/** Causal path from n back to F following `pred` (−1 marks an entity of F). */
const affectedNodeIndex = new WeakMap<readonly ImpactedEntity[], Int32Array>();

/** Notes the node of each row of an impact's `affected` list, as `affectedNodes` gives it. */
export function noteAffectedNodes(affected: readonly ImpactedEntity[], nodes: Int32Array): void {
  affectedNodeIndex.set(affected, nodes);
}

/**
 * The node index of each row of `affected` (same order) in the graph the impact ran on,
 * when this thread's engine made that very list (a copy posted from another thread has
 * none): a report's rows then need no id lookup (64k binary searches over 1M ids at L).
 */
export function affectedNodes(affected: readonly ImpactedEntity[]): Int32Array | undefined {
  return affectedNodeIndex.get(affected);
}

export function causalPath(g: CompactGraph, pred: Int32Array, n: number): string[] {
  const path: string[] = [];
  for (let m = n; m >= 0; m = pred[m]!) path.push(g.ids[m]!);
  return path;
}

/**
 * Where an impact hits: the affected organizations and their FAILED and DEGRADED workflows
 * per region and per subsector of the organization, and the workflows per category. Counted as `ImpactTally` counts
 * them, so each breakdown adds up to the summary's totals: an organization is affected
 * when it has a state or one of its workflows has; a workflow belongs to its
 * organization (the first by id should a graph give it several; none: the null group).
 * Per region also the volume per day lost, by unit, of the workflows that give a unit:
 * volume × the share lost (`share`, as the capacity loss counts it: 1 when FAILED,
 * 1 − workaround capacity when DEGRADED in the discrete model, q in the other).
 * O(rows): only the affected entities are visited.
 */
export function impactBreakdown(
  g: CompactGraph,
  rows: Iterable<{ n: number; failed: boolean; share: number }>,
): {
  byRegion: RegionImpact[];
  bySubsector: SubsectorImpact[];
  byWorkflowCategory: WorkflowCategoryImpact[];
} {
  const orgs = new Set<number>();
  const regions = new Map<string | null, GroupImpact>();
  const subsectors = new Map<string | null, GroupImpact>();
  const categories = new Map<string | null, GroupImpact>();
  const volumes = new Map<string | null, Map<string, number>>();
  const entry = (m: Map<string | null, GroupImpact>, key: string | null): GroupImpact => {
    let e = m.get(key);
    if (!e) {
      e = { organizationsAffected: 0, workflowsFailed: 0, workflowsDegraded: 0 };
      m.set(key, e);
    }
    return e;
  };
  const parents = g.parents;
  for (const { n, failed, share } of rows) {
    const kind = g.kinds[n]!;
    if (kind === Kind.ORGANIZATION) orgs.add(n);
    if (kind !== Kind.WORKFLOW) continue;
    const lo = parents.offsets[n]!;
    const hi = parents.offsets[n + 1]!;
    for (let k = lo; k < hi; k++) orgs.add(parents.targets[k]!);
    // parents are sorted by index, i.e. by id: the first is the workflow's organization
    const o = lo < hi ? parents.targets[lo]! : -1;
    const field = failed ? 'workflowsFailed' : 'workflowsDegraded';
    const region = o < 0 ? null : (g.regions[o] ?? null);
    entry(regions, region)[field]++;
    const unit = g.volumeUnits[n];
    if (unit) {
      let byUnit = volumes.get(region);
      if (!byUnit) {
        byUnit = new Map();
        volumes.set(region, byUnit);
      }
      byUnit.set(unit, (byUnit.get(unit) ?? 0) + g.volume[n]! * share);
    }
    entry(subsectors, o < 0 ? null : (g.subsectors[o] ?? null))[field]++;
    entry(categories, g.categories[n] ?? null)[field]++;
  }
  for (const o of orgs) {
    entry(regions, g.regions[o] ?? null).organizationsAffected++;
    entry(subsectors, g.subsectors[o] ?? null).organizationsAffected++;
  }
  return {
    byRegion: ordered(regions).map(([region, e]) => ({
      region,
      ...e,
      volumesLost: [...(volumes.get(region) ?? [])]
        .map(([unit, perDay]) => ({ unit, perDay }))
        .sort((a, b) => b.perDay - a.perDay || (a.unit < b.unit ? -1 : a.unit > b.unit ? 1 : 0)),
    })),
    bySubsector: ordered(subsectors).map(([subsector, e]) => ({ subsector, ...e })),
    byWorkflowCategory: ordered(categories).map(([category, e]) => ({
      category,
      workflowsFailed: e.workflowsFailed,
      workflowsDegraded: e.workflowsDegraded,
    })),
  };
}

function ordered(m: Map<string | null, GroupImpact>): [string | null, GroupImpact][] {
  return [...m].sort(
    ([ka, a], [kb, b]) =>
      b.organizationsAffected - a.organizationsAffected ||
      b.workflowsFailed - a.workflowsFailed ||
      b.workflowsDegraded - a.workflowsDegraded ||
      (ka === null ? 1 : kb === null ? -1 : ka < kb ? -1 : ka > kb ? 1 : 0),
  );
}
