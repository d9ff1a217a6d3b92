// An incident's picture at one hour into it (issue 14 item 3), from the impact report of
// its failed set over its duration: what is failed and degraded by then, which workflows
// fail within the next 6/12/24/72 h, and whom to call first — the affected organizations
// in order of their first failed clinical workflow. Pure: the engine's result and the
// projection in, the parents of IncidentReport out (unit-tested in test/incident-report.test.ts).
import { type CompactGraph, type ImpactedEntity, Kind } from '@smart/engine';
import { organizationOf } from './affected';

/** The windows of `failingNext`, in hours after the report's hour. */
export const FAILING_NEXT_HOURS = [6, 12, 24, 72] as const;

export interface IncidentSliceParent {
  /** Affected entities in the slice, earliest first (by the time that puts them there). */
  entities: ImpactedEntity[];
  /** Of which workflows. */
  workflows: number;
  /** Distinct organizations in it: itself, or the owner of one of its workflows or assets. */
  organizations: number;
}

export interface IncidentWindowParent {
  hours: number;
  /** Workflows that fail in (elapsed, elapsed + hours], earliest first. */
  entities: ImpactedEntity[];
}

export interface IncidentCallParent {
  organizationId: string;
  name: string;
  firstFailureAtHours: number;
  hoursUntilFirstFailure: number;
  /** Its FAILED clinical workflows, earliest first. */
  workflows: ImpactedEntity[];
}

export interface IncidentPicture {
  failedNow: IncidentSliceParent;
  degradedNow: IncidentSliceParent;
  failingNext: IncidentWindowParent[];
  callList: IncidentCallParent[];
}

const byTime = (time: (a: ImpactedEntity) => number) => (a: ImpactedEntity, b: ImpactedEntity) =>
  time(a) - time(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function slice(g: CompactGraph, entities: ImpactedEntity[]): IncidentSliceParent {
  const orgs = new Set<number>();
  let workflows = 0;
  for (const a of entities) {
    const n = g.indexOf(a.id);
    if (n < 0) continue;
    if (g.kinds[n] === Kind.WORKFLOW) workflows++;
    const o = organizationOf(g, n);
    if (o >= 0) orgs.add(o);
  }
  return { entities, workflows, organizations: orgs.size };
}

/**
 * The picture at `elapsed` hours: an entity is failed now when FAILED with t(n) ≤ elapsed,
 * degraded now when disrupted(n) ≤ elapsed and not failed now (a workaround still holding,
 * or DEGRADED for the whole outage).
 */
export function incidentPicture(
  g: CompactGraph,
  affected: readonly ImpactedEntity[],
  elapsed: number,
): IncidentPicture {
  const failedAt = (a: ImpactedEntity) => (a.state === 'FAILED' ? (a.failedAtHours ?? 0) : null);
  const failed: ImpactedEntity[] = [];
  const degraded: ImpactedEntity[] = [];
  for (const a of affected) {
    const t = failedAt(a);
    if (t !== null && t <= elapsed) failed.push(a);
    else if (a.disruptedAtHours <= elapsed) degraded.push(a);
  }
  failed.sort(byTime((a) => a.failedAtHours ?? 0));
  degraded.sort(byTime((a) => a.disruptedAtHours));

  const isWorkflow = (a: ImpactedEntity) => {
    const n = g.indexOf(a.id);
    return n >= 0 && g.kinds[n] === Kind.WORKFLOW;
  };
  const upcoming = affected
    .filter((a) => {
      const t = failedAt(a);
      return t !== null && t > elapsed && isWorkflow(a);
    })
    .sort(byTime((a) => a.failedAtHours ?? 0));
  const failingNext = FAILING_NEXT_HOURS.map((hours) => ({
    hours,
    entities: upcoming.filter((a) => (a.failedAtHours ?? 0) <= elapsed + hours),
  }));

  const calls = new Map<number, IncidentCallParent>();
  for (const a of affected) {
    if (a.state !== 'FAILED' || a.failedAtHours === null) continue;
    const n = g.indexOf(a.id);
    if (n < 0 || g.kinds[n] !== Kind.WORKFLOW || (g.categories[n] ?? '').toLowerCase() !== 'clinical')
      continue;
    const o = organizationOf(g, n);
    if (o < 0) continue;
    let c = calls.get(o);
    if (!c) {
      c = {
        organizationId: g.ids[o]!,
        name: g.names[o]!,
        firstFailureAtHours: a.failedAtHours,
        hoursUntilFirstFailure: 0,
        workflows: [],
      };
      calls.set(o, c);
    }
    c.workflows.push(a);
    c.firstFailureAtHours = Math.min(c.firstFailureAtHours, a.failedAtHours);
  }
  const callList = [...calls.values()]
    .map((c) => ({
      ...c,
      hoursUntilFirstFailure: c.firstFailureAtHours - elapsed,
      workflows: c.workflows.sort(byTime((a) => a.failedAtHours ?? 0)),
    }))
    .sort(
      (a, b) =>
        a.firstFailureAtHours - b.firstFailureAtHours ||
        b.workflows.length - a.workflows.length ||
        a.name.localeCompare(b.name) ||
        (a.organizationId < b.organizationId ? -1 : 1),
    );
  return { failedNow: slice(g, failed), degradedNow: slice(g, degraded), failingNext, callList };
}
