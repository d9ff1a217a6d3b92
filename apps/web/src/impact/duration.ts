// The outage-duration slider: discrete, roughly logarithmic stops from 1 hour to 30
// days, because "6 h vs 8 h" matters as much as "10 d vs 20 d" for tolerances.

export const DURATION_STOPS: readonly number[] = [
  1, 2, 4, 6, 8, 12, 18, 24, 36, 48, 72, 96, 120, 168, 240, 336, 504, 720,
];

/** The stop index nearest to `hours` (for restoring the slider from a URL). */
export function stopIndexOf(hours: number): number {
  let best = 0;
  for (let i = 1; i < DURATION_STOPS.length; i++) {
    if (
      Math.abs(Math.log(DURATION_STOPS[i]!) - Math.log(hours)) <
      Math.abs(Math.log(DURATION_STOPS[best]!) - Math.log(hours))
    )
      best = i;
  }
  return best;
}

export function hoursAtStop(index: number): number {
  const i = Math.max(0, Math.min(DURATION_STOPS.length - 1, Math.round(index)));
  return DURATION_STOPS[i]!;
}

/**
 * The stops of the slider, plus `hours` itself when it falls between two, so a
 * duration from a link or a saved scenario (54 h) is shown and run exactly.
 */
export function stopsWith(hours: number | null | undefined): readonly number[] {
  if (hours === null || hours === undefined || !Number.isFinite(hours) || hours <= 0) return DURATION_STOPS;
  if (DURATION_STOPS.includes(hours)) return DURATION_STOPS;
  return [...DURATION_STOPS, hours].sort((a, b) => a - b);
}

/**
 * Responders count outages in hours: "45 min", "6 h", "54 h (2.3 days)",
 * "72 h (3 days)"; null or Infinity is "indefinite".
 */
export function formatHours(hours: number | null | undefined): string {
  if (hours === null || hours === undefined || !Number.isFinite(hours)) return 'indefinite';
  if (hours === 0) return '0 h';
  if (hours < 1) return `${Math.round(hours * 60)} min`;
  if (hours < 24) return `${trim(hours)} h`;
  const days = hours / 24;
  return `${trim(hours)} h (${trim(days)} ${trim(days) === '1' ? 'day' : 'days'})`;
}

/** Hours alone ("48 h", "30 min"), where space is short: the timeline's axis. */
export function formatHoursShort(hours: number): string {
  return formatHours(hours).replace(/ \(.*\)$/, '');
}

/** "for 72 h (3 days)" or "indefinitely", after "failing" or "an outage". */
export function outagePhrase(hours: number | null | undefined): string {
  const text = formatHours(hours);
  return text === 'indefinite' ? 'indefinitely' : `for ${text}`;
}

function trim(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1).replace(/\.0$/, '');
}
