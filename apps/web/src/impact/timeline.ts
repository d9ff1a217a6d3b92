// How an outage unfolds over time, from each entity's disruptedAtHours (its
// dependencies stopped: the workaround starts) and failedAtHours (the workaround ran
// out). Pure functions for the scrubber, the step chart and the event list.
import type { ImpactState } from '../generated/graphql';
import type { AffectedRow } from './model';

type Timed = Pick<AffectedRow, 'id' | 'disruptedAtHours' | 'failedAtHours'>;

/** The state of an affected entity `t` hours into the outage (null: not yet). */
export function stateAt(row: Timed, t: number): ImpactState | null {
  if (row.failedAtHours !== null && row.failedAtHours <= t) return 'FAILED';
  if (row.disruptedAtHours <= t) return 'DEGRADED';
  return null;
}

export function statesAt(rows: readonly Timed[], t: number): Map<string, ImpactState> {
  const out = new Map<string, ImpactState>();
  for (const r of rows) {
    const s = stateAt(r, t);
    if (s) out.set(r.id, s);
  }
  return out;
}

export interface TimelineEvent {
  t: number;
  id: string;
  to: ImpactState;
}

/** Every transition (into DEGRADED when a workaround starts, into FAILED), by time. */
export function timelineEvents(rows: readonly Timed[]): TimelineEvent[] {
  const events: TimelineEvent[] = [];
  for (const r of rows) {
    const f = r.failedAtHours;
    if (f === null || r.disruptedAtHours < f)
      events.push({ t: r.disruptedAtHours, id: r.id, to: 'DEGRADED' });
    if (f !== null) events.push({ t: f, id: r.id, to: 'FAILED' });
  }
  return events.sort(
    (a, b) => a.t - b.t || (a.to === b.to ? a.id.localeCompare(b.id) : a.to === 'FAILED' ? 1 : -1),
  );
}

export interface TimelinePoint {
  t: number;
  degraded: number;
  failed: number;
}

/** A step series: the counts right after each time at which something changes. */
export function timelineSeries(rows: readonly Timed[], horizon: number): TimelinePoint[] {
  const events = timelineEvents(rows).filter((e) => e.t <= horizon);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const points: TimelinePoint[] = [{ t: 0, degraded: 0, failed: 0 }];
  let degraded = 0;
  let failed = 0;
  for (const e of events) {
    if (e.to === 'DEGRADED') degraded++;
    else {
      failed++;
      // A failure after a workaround leaves the degraded count.
      const row = byId.get(e.id);
      if (row && row.disruptedAtHours < e.t) degraded--;
    }
    const last = points[points.length - 1]!;
    if (last.t === e.t) {
      last.degraded = degraded;
      last.failed = failed;
    } else points.push({ t: e.t, degraded, failed });
  }
  return points;
}

export interface TimelineBucket {
  from: number;
  to: number;
  degraded: number;
  failed: number;
}

/** Transitions counted per equal-width bucket over [0, horizon]; the last bucket is closed. */
export function bucketEvents(rows: readonly Timed[], horizon: number, buckets: number): TimelineBucket[] {
  const n = Math.max(1, Math.floor(buckets));
  const width = horizon / n;
  const out: TimelineBucket[] = Array.from({ length: n }, (_, i) => ({
    from: i * width,
    to: (i + 1) * width,
    degraded: 0,
    failed: 0,
  }));
  if (horizon <= 0) return out;
  for (const e of timelineEvents(rows)) {
    if (e.t > horizon) continue;
    const b = out[Math.min(n - 1, Math.floor(e.t / width))]!;
    if (e.to === 'FAILED') b.failed++;
    else b.degraded++;
  }
  return out;
}

/**
 * The span the scrubber covers: the outage when it is finite, otherwise a little past
 * the last transition (at least one hour so an all-at-once failure still has a track).
 */
export function timelineHorizon(rows: readonly Timed[], durationHours: number | null): number {
  if (durationHours !== null && Number.isFinite(durationHours)) return durationHours;
  let last = 0;
  for (const r of rows) last = Math.max(last, r.failedAtHours ?? r.disruptedAtHours);
  return last > 0 ? last * 1.1 : 1;
}

const TICK_STEPS = [0.25, 0.5, 1, 2, 3, 6, 12, 24, 48, 72, 168, 336, 720, 1440, 2160, 4320, 8760];

/** Axis ticks at round hours (6 h, 1 day, 1 week…): at most `max` of them, from 0. */
export function niceTicks(horizon: number, max = 6): number[] {
  if (!(horizon > 0)) return [0];
  const step = TICK_STEPS.find((s) => horizon / s <= max - 1) ?? horizon / (max - 1);
  const ticks: number[] = [];
  for (let t = 0; t <= horizon + 1e-9; t += step) ticks.push(Math.round(t * 1000) / 1000);
  return ticks;
}
