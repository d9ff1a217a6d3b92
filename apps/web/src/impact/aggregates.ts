// The aggregates an impact opens on (issue 16 item 3): workflows failed by time to
// failure, from the report's timeline (workflows failed right after each change).
export interface TimelinePointLike {
  atHours: number;
  failed: number;
  degraded: number;
}

export interface FailureBand {
  label: string;
  /** Workflows whose failure time lies in the band (both models: the timeline's counts). */
  workflows: number;
}

/** Band ends in hours: within 4 h, the first day, three days, a week, later. */
const BANDS: [number, string][] = [
  [4, 'Within 4 h'],
  [24, '4 h – 1 day'],
  [72, '1 – 3 days'],
  [168, '3 – 7 days'],
];

/** Workflows failed `t` hours in: the count of the last timeline point at or before t. */
export function failedBy(timeline: readonly TimelinePointLike[], t: number): number {
  let out = 0;
  for (const p of timeline) {
    if (p.atHours > t) break;
    out = p.failed;
  }
  return out;
}

/**
 * Workflows failed per band of time to failure; the bands add up to the workflows failed
 * at the end of the timeline (the summary's workflowsFailed). Empty bands are kept, so
 * the table always reads the same way.
 */
export function failureBands(timeline: readonly TimelinePointLike[]): FailureBand[] {
  const out: FailureBand[] = [];
  let before = 0;
  for (const [end, label] of BANDS) {
    const by = failedBy(timeline, end);
    out.push({ label, workflows: by - before });
    before = by;
  }
  const total = timeline.length ? timeline[timeline.length - 1]!.failed : 0;
  out.push({ label: 'Later', workflows: total - before });
  return out;
}
