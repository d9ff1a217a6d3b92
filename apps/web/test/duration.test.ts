import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DURATION_STOPS,
  formatHours,
  formatHoursShort,
  outagePhrase,
  stopsWith,
} from '../src/impact/duration';
import { parseOutageSetting } from '../src/settings';
import { parseRoute, serializeRoute } from '../src/url/route';

const parse = (url: string) => {
  const u = new URL(url, 'http://x');
  return parseRoute(u.pathname, u.search);
};

describe('times in hours', () => {
  it('writes hours, with days in parentheses from a day on', () => {
    expect(formatHours(null)).toBe('indefinite');
    expect(formatHours(0.5)).toBe('30 min');
    expect(formatHours(6)).toBe('6 h');
    expect(formatHours(24)).toBe('24 h (1 day)');
    expect(formatHours(54)).toBe('54 h (2.3 days)');
    expect(formatHours(72)).toBe('72 h (3 days)');
    expect(formatHours(336)).toBe('336 h (14 days)');
    expect(formatHours(7.25)).toBe('7.3 h');
    // The timeline's axis, short of room, keeps the hours only.
    expect(formatHoursShort(336)).toBe('336 h');
    expect(formatHoursShort(0.5)).toBe('30 min');
  });

  it('says "for N h" or "indefinitely", never "for indefinite"', () => {
    expect(outagePhrase(72)).toBe('for 72 h (3 days)');
    expect(outagePhrase(null)).toBe('indefinitely');
  });
});

describe('the duration slider', () => {
  it('has a stop at exactly the hours it is given, so the slider shows what the URL says', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 5000, noNaN: true }), (h) => {
        const stops = stopsWith(h);
        expect(stops).toContain(h);
        expect([...stops].sort((x, y) => x - y)).toEqual(stops);
        for (const s of DURATION_STOPS) expect(stops).toContain(s);
        expect(new Set(stops).size).toBe(stops.length);
      }),
      { seed: 18, numRuns: 200 },
    );
    expect(stopsWith(54)).toContain(54);
    expect(stopsWith(null)).toEqual(DURATION_STOPS);
  });
});

describe('hours in a deep link', () => {
  it('keeps any positive number exactly', () => {
    expect(parse('/?impact=A&hours=54')).toMatchObject({ impact: { hours: 54 } });
    expect(parse('/?impact=A&hours=indefinite')).toMatchObject({ impact: { hours: null } });
    expect(parse('/?impact=A')).toMatchObject({ impact: { hours: null } });
  });

  it('marks an invalid value as an error instead of an indefinite outage, and keeps it in the URL', () => {
    for (const raw of ['-5', '0', 'abc', 'Infinity5']) {
      const r = parse(`/?impact=A&hours=${raw}`);
      expect(r).toMatchObject({ impact: { invalidHours: raw } });
      expect(serializeRoute(r)).toBe(`/?impact=A&hours=${raw}`);
    }
    expect(parse('/?impact=A&hours=5')).not.toMatchObject({ impact: { invalidHours: expect.anything() } });
    // The dashboard shows its default, and says why.
    expect(parse('/risk?hours=-5')).toEqual({ view: 'risk', hours: 72, invalidHours: '-5' });
    expect(serializeRoute(parse('/risk?hours=-5'))).toBe('/risk?hours=-5');
    expect(parse('/risk?hours=54')).toEqual({ view: 'risk', hours: 54 });
  });
});

describe('the last outage used', () => {
  it('is read back as a positive number of hours or indefinite, else the default', () => {
    expect(parseOutageSetting('54')).toBe(54);
    expect(parseOutageSetting('indefinite')).toBeNull();
    expect(parseOutageSetting(null)).toBe(24);
    expect(parseOutageSetting('-3')).toBe(24);
    expect(parseOutageSetting('junk')).toBe(24);
  });
});
