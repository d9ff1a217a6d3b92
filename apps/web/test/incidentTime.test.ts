// The Incidents page's times: datetime-local fields ↔ ISO instants, the now marker's
// rounding, and how far a failure is from the marker.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hoursSince, idList, isoToLocal, localToIso, markerHours, untilPhrase } from '../src/incidents/time';

describe('incident times', () => {
  it('reads a datetime-local value as local time and writes it back the same (to the minute)', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01'), max: new Date('2090-01-01'), noInvalidDate: true }),
        (d) => {
          const local = isoToLocal(d);
          const iso = localToIso(local)!;
          expect(isoToLocal(iso)).toBe(local);
          // Only the seconds are dropped.
          expect(Math.abs(Date.parse(iso) - d.getTime())).toBeLessThan(60_000);
        },
      ),
    );
    expect(localToIso('yesterday')).toBeNull();
    expect(localToIso('')).toBeNull();
  });

  it('says how far a failure is from the marker', () => {
    expect(untilPhrase(6)).toBe('in 6 h');
    expect(untilPhrase(-2)).toBe('2 h ago');
    expect(untilPhrase(0)).toBe('now');
    expect(untilPhrase(30)).toBe('in 30 h (1.3 days)');
  });

  it('keeps the marker to a tenth of an hour, never below 0', () => {
    expect(markerHours(10.04)).toBe(10);
    expect(markerHours(10.06)).toBe(10.1);
    expect(markerHours(-1)).toBe(0);
    expect(hoursSince('2024-02-21T08:00:00Z', Date.parse('2024-02-21T18:30:00Z'))).toBe(10.5);
    expect(hoursSince('2024-02-21T08:00:00Z', Date.parse('2024-02-21T07:00:00Z'))).toBe(0);
  });

  it('splits a list of ids on commas and spaces, without repeats', () => {
    expect(idList(' sup-a, sup-b  sup-a,,')).toEqual(['sup-a', 'sup-b']);
  });
});
