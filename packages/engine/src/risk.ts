/**
 * Systemic ("one-to-many") risk: rank entities by what their failure alone
 * breaks, and find hidden fourth-party concentration.
 *
 * The ranking runs the discrete model once per candidate. One run with no
 * horizon gives both the indefinite outcome (single points of failure: every
 * reached workflow) and the outcome at durationHours (states from t and
 * disrupted), and the run reuses the graph's scratch arrays, so the whole
 * ranking costs Σ over candidates of their affected regions.
 *
 * Score (higher = more systemic):
 *
 *   score = 100 · Σ_f capacityLoss(f) + 10 · organizationsAffected + Σ_{w FAILED} (6 − criticality(w)) / 5
 *
 * Losing a whole critical function is worth 100 points, disrupting an
 * organisation 10, and each failed workflow 0.2 (criticality 5) to 1
 * (criticality 1; 3 where unset). See README for the rationale.
 */
import { visitDirectDependents } from './dependents';
import { InvalidInputError, UnknownEntityError } from './errors';
import { type CompactGraph, type EntityKind, Kind, compareIds } from './graph';
import { propagateDiscrete } from './impact';
import { tallyFor } from './summary';
import { resolveCount, resolveDuration, resolveKinds } from './validate';

export const RISK_WEIGHTS = {
  /** points per whole critical function of capacity lost */
  capacityLoss: 100,
  /** points per organisation with a FAILED or DEGRADED workflow */
  organization: 10,
  /** points per FAILED workflow of criticality 1 (scaled by (6 − criticality)/5) */
  failedWorkflow: 1,
} as const;

export interface RiskOptions {
  /** Kinds to rank; default ['SUPPLIER']. */
  kinds?: readonly EntityKind[] | null;
  /** Outage length; omitted = indefinite. */
  durationHours?: number | null;
  /** Keep the top `first`; default all. */
  first?: number | null;
  /**
   * Rank only part `index` of `of` of the candidates (every `of`-th, in id order), so
   * that workers can share one ranking; `mergeRankings` puts the parts back together.
   */
  part?: { index: number; of: number } | null;
}

export interface RiskComponents {
  /** Σ over critical functions of capacityLoss (0..1 each). */
  capacityLoss: number;
  organizationsAffected: number;
  /** Σ over FAILED workflows of (6 − criticality)/5. */
  failedWorkflowWeight: number;
}

export interface RiskRanking {
  id: string;
  kind: EntityKind;
  score: number;
  components: RiskComponents;
  /** Distinct entities with a DEPENDS_ON edge to it (for a supplier: to it or one of its services). */
  directDependents: number;
  organizationsAffected: number;
  workflowsFailed: number;
  /** Critical functions with capacityLoss > 0. */
  functionsImpaired: number;
  /** Other workflows FAILED when it alone fails indefinitely. */
  singlePointOfFailureFor: number;
}

class RiskScratch {
  epoch = 0;
  readonly stamp: Uint32Array;
  readonly queue: Int32Array;
  constructor(V: number) {
    this.stamp = new Uint32Array(V);
    this.queue = new Int32Array(V);
  }
  next(): number {
    if (this.epoch === 0xffffffff) {
      this.stamp.fill(0);
      this.epoch = 0;
    }
    return ++this.epoch;
  }
}

const scratches = new WeakMap<CompactGraph, RiskScratch>();
function scratchFor(g: CompactGraph): RiskScratch {
  let s = scratches.get(g);
  if (!s) {
    s = new RiskScratch(g.nodeCount);
    scratches.set(g, s);
  }
  return s;
}

function countDirectDependents(g: CompactGraph, n: number, scratch: RiskScratch): number {
  const epoch = scratch.next();
  const { stamp } = scratch;
  let count = 0;
  visitDirectDependents(g, n, (owner) => {
    if (stamp[owner] !== epoch) {
      stamp[owner] = epoch;
      count++;
    }
  });
  return count;
}

function assess(g: CompactGraph, n: number, D: number, scratch: RiskScratch): RiskRanking {
  const run = propagateDiscrete(g, [n], Number.POSITIVE_INFINITY);
  const { t, disrupted } = run;
  const tally = tallyFor(g);
  tally.begin();
  let spof = 0;
  for (const m of run.reached) {
    // indefinitely, every reached node fails (t is finite)
    if (m !== n && g.kinds[m] === Kind.WORKFLOW) spof++;
    if (t[m]! < D) tally.add(m, true, 1);
    else if (disrupted[m]! < D) tally.add(m, false, 1 - g.workaroundCapacity[m]!);
  }
  const fn = tally.functionTotals();
  const components: RiskComponents = {
    capacityLoss: fn.capacityLoss,
    organizationsAffected: tally.organizationsAffected,
    failedWorkflowWeight: tally.failedWorkflowWeight,
  };
  return {
    id: g.ids[n]!,
    kind: g.kindOf(n),
    score:
      RISK_WEIGHTS.capacityLoss * components.capacityLoss +
      RISK_WEIGHTS.organization * components.organizationsAffected +
      RISK_WEIGHTS.failedWorkflow * components.failedWorkflowWeight,
    components,
    directDependents: countDirectDependents(g, n, scratch),
    organizationsAffected: tally.organizationsAffected,
    workflowsFailed: tally.workflowsFailed,
    functionsImpaired: fn.impaired,
    singlePointOfFailureFor: spof,
  };
}

/** Ranks every entity of `kinds` by systemic risk: score desc, then id. */
export function systemicRisk(g: CompactGraph, options: RiskOptions = {}): RiskRanking[] {
  const kinds = resolveKinds(options.kinds, ['SUPPLIER'], 'kinds');
  const D = resolveDuration(options.durationHours);
  const first = resolveCount(options.first, Number.MAX_SAFE_INTEGER, 'first');
  const wanted = new Uint8Array(6);
  for (const k of kinds) wanted[Kind[k]] = 1;
  const part = options.part ?? { index: 0, of: 1 };
  if (
    !Number.isInteger(part.of) ||
    part.of < 1 ||
    !Number.isInteger(part.index) ||
    part.index < 0 ||
    part.index >= part.of
  )
    throw new InvalidInputError(
      'part',
      `must be {index, of} with 0 ≤ index < of, got ${JSON.stringify(part)}`,
    );
  const scratch = scratchFor(g);
  const rankings: { n: number; r: RiskRanking }[] = [];
  let candidate = 0;
  for (let n = 0; n < g.nodeCount; n++) {
    if (!wanted[g.kinds[n]!]) continue;
    if (candidate++ % part.of === part.index) rankings.push({ n, r: assess(g, n, D, scratch) });
  }
  rankings.sort((a, b) => b.r.score - a.r.score || a.n - b.n);
  return rankings.slice(0, first).map((x) => x.r);
}

/**
 * The ranking of the union of parts ranked apart (`RiskOptions.part`), each cut to
 * the same `first`: the same order as one `systemicRisk` over all of them (score
 * desc, then id, which is node order).
 */
export function mergeRankings(
  parts: readonly (readonly RiskRanking[])[],
  first?: number | null,
): RiskRanking[] {
  const n = resolveCount(first, Number.MAX_SAFE_INTEGER, 'first');
  return parts
    .flat()
    .sort((a, b) => b.score - a.score || compareIds(a.id, b.id))
    .slice(0, n);
}

/** The same metrics for one entity. */
export function entityRisk(
  g: CompactGraph,
  id: string,
  options: { durationHours?: number | null } = {},
): RiskRanking {
  const D = resolveDuration(options.durationHours);
  const n = g.indexOf(id);
  if (n < 0) throw new UnknownEntityError([id]);
  return assess(g, n, D, scratchFor(g));
}

export interface ConcentrationEntry {
  id: string;
  kind: EntityKind;
  /** First-tier services (used directly by a workflow or asset) of other suppliers that depend on it. */
  firstTierDependents: number;
  /** Distinct organisations whose workflows or assets use those first-tier services. */
  organizationsReached: number;
}

/**
 * Fourth-party concentration: services and suppliers that many first-tier
 * services depend on. A first-tier service is one a workflow or asset depends on
 * directly. A candidate X (service or supplier) counts a first-tier service s when
 * s reaches X through DEPENDS_ON edges between services (for a supplier: X or
 * any of its services) and s belongs to another supplier, i.e. X sits behind a
 * third party. Sorted by firstTierDependents desc, organizationsReached desc, id.
 */
export function fourthPartyConcentration(
  g: CompactGraph,
  options: { first?: number | null } = {},
): ConcentrationEntry[] {
  const first = resolveCount(options.first, Number.MAX_SAFE_INTEGER, 'first');
  const V = g.nodeCount;
  const { kinds, dependentOffsets, dependentGroups, groupOwner } = g;
  // organisations reached directly by each first-tier service
  const tierOrgs = new Map<number, number[]>();
  for (let s = 0; s < V; s++) {
    if (kinds[s] !== Kind.SERVICE) continue;
    let orgs: Set<number> | null = null;
    for (let k = dependentOffsets[s]!; k < dependentOffsets[s + 1]!; k++) {
      const owner = groupOwner[dependentGroups[k]!]!;
      const ok = kinds[owner];
      if (ok !== Kind.WORKFLOW && ok !== Kind.ASSET) continue;
      orgs ??= new Set();
      for (const o of g.parentsOf(owner)) orgs.add(o);
    }
    if (orgs) tierOrgs.set(s, [...orgs]);
  }
  const visited = new Uint32Array(V);
  const orgSeen = new Uint32Array(V);
  const queue = new Int32Array(V);
  let epoch = 0;
  const entries: { n: number; e: ConcentrationEntry }[] = [];
  for (let x = 0; x < V; x++) {
    const kx = kinds[x];
    if (kx !== Kind.SERVICE && kx !== Kind.SUPPLIER) continue;
    epoch++;
    const own = kx === Kind.SUPPLIER ? [x] : Array.from(g.parentsOf(x));
    let tail = 0;
    const start = kx === Kind.SUPPLIER ? [x, ...g.childrenOf(x)] : [x];
    for (const s of start) {
      visited[s] = epoch;
      queue[tail++] = s;
    }
    let firstTier = 0;
    let orgCount = 0;
    for (let head = 0; head < tail; head++) {
      const u = queue[head]!;
      for (let k = dependentOffsets[u]!; k < dependentOffsets[u + 1]!; k++) {
        const s = groupOwner[dependentGroups[k]!]!;
        if (kinds[s] !== Kind.SERVICE || visited[s] === epoch) continue;
        visited[s] = epoch;
        queue[tail++] = s;
        const orgs = tierOrgs.get(s);
        if (!orgs || g.parentsOf(s).some((p) => own.includes(p))) continue;
        firstTier++;
        for (const o of orgs) {
          if (orgSeen[o] !== epoch) {
            orgSeen[o] = epoch;
            orgCount++;
          }
        }
      }
    }
    if (firstTier > 0) {
      entries.push({
        n: x,
        e: {
          id: g.ids[x]!,
          kind: g.kindOf(x),
          firstTierDependents: firstTier,
          organizationsReached: orgCount,
        },
      });
    }
  }
  entries.sort(
    (a, b) =>
      b.e.firstTierDependents - a.e.firstTierDependents ||
      b.e.organizationsReached - a.e.organizationsReached ||
      a.n - b.n,
  );
  return entries.slice(0, first).map((x) => x.e);
}
