import { type CompactGraph, Kind } from './graph';
import type { ImpactedEntity, ImpactState } from './types';

/**
 * How one entity's outcome moves from scenario A to scenario B:
 * - ONLY_A / ONLY_B: affected in one scenario, unaffected in the other;
 * - DEGRADED_TO_FAILED / FAILED_TO_DEGRADED: affected in both, in another state;
 * - EARLIER_IN_B / LATER_IN_B: same state, reached at another time (the failure time
 *   when FAILED, the disruption time when DEGRADED).
 */
export type ScenarioChange =
  | 'ONLY_A'
  | 'ONLY_B'
  | 'DEGRADED_TO_FAILED'
  | 'FAILED_TO_DEGRADED'
  | 'EARLIER_IN_B'
  | 'LATER_IN_B';

/** The order changes are listed in: what appears or disappears first, then timing. */
export const SCENARIO_CHANGES: readonly ScenarioChange[] = [
  'ONLY_B',
  'ONLY_A',
  'DEGRADED_TO_FAILED',
  'FAILED_TO_DEGRADED',
  'EARLIER_IN_B',
  'LATER_IN_B',
];

export interface EntityChange {
  id: string;
  change: ScenarioChange;
  stateA: ImpactState | null;
  stateB: ImpactState | null;
  disruptedAtHoursA: number | null;
  disruptedAtHoursB: number | null;
  failedAtHoursA: number | null;
  failedAtHoursB: number | null;
  /** B − A of the time the shared state is reached; set for EARLIER_IN_B and LATER_IN_B only. */
  shiftHours: number | null;
}

export type ChangeTotals = Record<ScenarioChange, number> & { total: number };

export interface OrganizationChanges {
  /** The organization the entities belong to; null for suppliers, services and critical functions. */
  organizationId: string | null;
  changes: EntityChange[];
  totals: ChangeTotals;
}

export interface ImpactComparison {
  /** Every entity whose outcome differs, grouped as in `byOrganization`. */
  changes: EntityChange[];
  totals: ChangeTotals;
  byOrganization: OrganizationChanges[];
}

/** Times closer than this are the same time (both runs compute them the same way). */
const SAME_TIME = 1e-9;

/** When the entity's state begins: its failure time when FAILED, its disruption time otherwise. */
function stateTime(x: ImpactedEntity): number {
  return x.state === 'FAILED' ? (x.failedAtHours ?? 0) : x.disruptedAtHours;
}

function changeOf(a: ImpactedEntity | undefined, b: ImpactedEntity | undefined): ScenarioChange | null {
  if (!a) return b ? 'ONLY_B' : null;
  if (!b) return 'ONLY_A';
  if (a.state !== b.state) return a.state === 'DEGRADED' ? 'DEGRADED_TO_FAILED' : 'FAILED_TO_DEGRADED';
  const shift = stateTime(b) - stateTime(a);
  if (Math.abs(shift) <= SAME_TIME) return null;
  return shift < 0 ? 'EARLIER_IN_B' : 'LATER_IN_B';
}

export function emptyTotals(): ChangeTotals {
  return {
    ONLY_A: 0,
    ONLY_B: 0,
    DEGRADED_TO_FAILED: 0,
    FAILED_TO_DEGRADED: 0,
    EARLIER_IN_B: 0,
    LATER_IN_B: 0,
    total: 0,
  };
}

/** The organization an entity is counted under: itself, or the owner of a workflow or asset. */
function organizationOf(g: CompactGraph, id: string): string | null {
  const n = g.indexOf(id);
  if (n < 0) return null;
  const kind = g.kinds[n];
  if (kind === Kind.ORGANIZATION) return id;
  if (kind !== Kind.WORKFLOW && kind !== Kind.ASSET) return null;
  const owners = g.parentsOf(n);
  return owners.length > 0 ? g.ids[owners[0]!]! : null;
}

/**
 * Every entity whose state or state time differs between two impact runs on the same
 * graph (`a` and `b` are their `affected` lists), grouped by organization with totals.
 * Groups are ordered by organization name (entities without one last); changes within
 * a group by SCENARIO_CHANGES, then entity name.
 */
export function compareImpacts(g: CompactGraph, a: readonly ImpactedEntity[], b: readonly ImpactedEntity[]) {
  const inA = new Map(a.map((x) => [x.id, x]));
  const inB = new Map(b.map((x) => [x.id, x]));
  const ids = new Set([...inA.keys(), ...inB.keys()]);
  const groups = new Map<string | null, OrganizationChanges>();
  const totals = emptyTotals();
  for (const id of ids) {
    const xa = inA.get(id);
    const xb = inB.get(id);
    const change = changeOf(xa, xb);
    if (!change) continue;
    const timed = change === 'EARLIER_IN_B' || change === 'LATER_IN_B';
    const row: EntityChange = {
      id,
      change,
      stateA: xa?.state ?? null,
      stateB: xb?.state ?? null,
      disruptedAtHoursA: xa?.disruptedAtHours ?? null,
      disruptedAtHoursB: xb?.disruptedAtHours ?? null,
      failedAtHoursA: xa?.failedAtHours ?? null,
      failedAtHoursB: xb?.failedAtHours ?? null,
      shiftHours: timed && xa && xb ? stateTime(xb) - stateTime(xa) : null,
    };
    const org = organizationOf(g, id);
    let group = groups.get(org);
    if (!group) {
      group = { organizationId: org, changes: [], totals: emptyTotals() };
      groups.set(org, group);
    }
    group.changes.push(row);
    group.totals[change]++;
    group.totals.total++;
    totals[change]++;
    totals.total++;
  }
  const nameOf = (id: string | null) => {
    const n = id === null ? -1 : g.indexOf(id);
    return n < 0 ? (id ?? '') : g.names[n]!;
  };
  const rank = (c: ScenarioChange) => SCENARIO_CHANGES.indexOf(c);
  const byName = (x: string | null, y: string | null) =>
    nameOf(x).localeCompare(nameOf(y)) || (x ?? '').localeCompare(y ?? '');
  const byOrganization = [...groups.values()].sort((x, y) =>
    x.organizationId === null
      ? 1
      : y.organizationId === null
        ? -1
        : byName(x.organizationId, y.organizationId),
  );
  for (const group of byOrganization)
    group.changes.sort((x, y) => rank(x.change) - rank(y.change) || byName(x.id, y.id));
  const result: ImpactComparison = {
    changes: byOrganization.flatMap((o) => o.changes),
    totals,
    byOrganization,
  };
  return result;
}
