// How an outage unfolds: workflows degraded and failed over time, from each one's
// disruptedAtHours (its workaround starts) and failedAtHours (the workaround ran out).
import type { ImpactedEntity } from '@smart/engine';

export interface TimelinePoint {
  atHours: number;
  degraded: number;
  failed: number;
}

/** A step series from 0 h: the counts right after each time at which one of them changes. */
export function timelineSeries(affected: readonly ImpactedEntity[]): TimelinePoint[] {
  const events: { t: number; d: number; f: number }[] = [];
  for (const a of affected) {
    if (a.kind !== 'WORKFLOW') continue;
    const f = a.failedAtHours;
    // A workflow failing at once is never counted as degraded.
    if (f === null || a.disruptedAtHours < f) events.push({ t: a.disruptedAtHours, d: 1, f: 0 });
    if (f !== null) events.push({ t: f, d: a.disruptedAtHours < f ? -1 : 0, f: 1 });
  }
  events.sort((a, b) => a.t - b.t);
  const points: TimelinePoint[] = [{ atHours: 0, degraded: 0, failed: 0 }];
  let degraded = 0;
  let failed = 0;
  for (const e of events) {
    degraded += e.d;
    failed += e.f;
    const last = points[points.length - 1]!;
    if (last.atHours === e.t) {
      last.degraded = degraded;
      last.failed = failed;
    } else points.push({ atHours: e.t, degraded, failed });
  }
  return points;
}
