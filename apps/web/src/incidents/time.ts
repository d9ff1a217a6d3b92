// Times on the Incidents page: the browser's datetime-local fields hold local wall-clock
// time, the API takes ISO 8601 instants; the call list says how far a failure is from the
// now marker. Pure (unit-tested in apps/web/test/incidentTime.test.ts).
import { formatHours } from '../impact/duration';

/** A datetime-local value ("2024-02-21T08:00") read as local time, as an ISO instant; null when unreadable. */
export function localToIso(local: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(local)) return null;
  const d = new Date(local);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** An instant as a datetime-local value in local time, to the minute. */
export function isoToLocal(iso: string | Date): string {
  const d = typeof iso === 'string' ? new Date(iso) : iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** Hours from `startIso` to `now` (ms), 0 at least. */
export function hoursSince(startIso: string, now: number): number {
  return Math.max(0, (now - Date.parse(startIso)) / 3_600_000);
}

/** "in 6 h", "now", "2 h ago": a failure's distance from the now marker. */
export function untilPhrase(hoursUntil: number): string {
  if (Math.abs(hoursUntil) < 1 / 120) return 'now';
  return hoursUntil > 0 ? `in ${formatHours(hoursUntil)}` : `${formatHours(-hoursUntil)} ago`;
}

/** Hours as the now marker keeps them: a tenth of an hour (6 min), not below 0. */
export function markerHours(h: number): number {
  return Math.max(0, Math.round(h * 10) / 10);
}

/** Comma- or space-separated ids, trimmed, without repeats. */
export function idList(text: string): string[] {
  return [...new Set(text.split(/[\s,]+/).filter(Boolean))];
}
