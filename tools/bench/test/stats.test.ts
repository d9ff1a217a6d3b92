import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { perSecond, percentile, ratio, ratioVsBaseline, ratioVsLimit, round, summarize } from '../src/stats';

// Seeded so a failure replays: FC_SEED=<n> runs another sequence (fast-check prints the
// seed and path of a failing case).
const SEED = Number(process.env.FC_SEED ?? 20261202);

describe('percentile (nearest rank)', () => {
  it('follows the nearest-rank definition on a hand-worked list', () => {
    const xs = [15, 20, 35, 40, 50];
    expect(percentile(xs, 0)).toBe(15);
    expect(percentile(xs, 5)).toBe(15);
    expect(percentile(xs, 30)).toBe(20);
    expect(percentile(xs, 40)).toBe(20);
    expect(percentile(xs, 50)).toBe(35);
    expect(percentile(xs, 95)).toBe(50);
    expect(percentile(xs, 100)).toBe(50);
  });

  it('does not depend on the order of the samples and does not sort them in place', () => {
    const xs = [5, 1, 4, 2, 3];
    expect(percentile(xs, 50)).toBe(3);
    expect(xs).toEqual([5, 1, 4, 2, 3]);
  });

  it('is NaN for no samples and rejects p outside 0..100', () => {
    expect(percentile([], 50)).toBeNaN();
    expect(() => percentile([1], 101)).toThrow(RangeError);
    expect(() => percentile([1], -1)).toThrow(RangeError);
    expect(() => percentile([1], Number.NaN)).toThrow(RangeError);
  });

  it('returns a sample such that at least p % are ≤ it, and fewer than p % are < it', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 1, max: 100 }),
        (xs, p) => {
          const v = percentile(xs, p);
          expect(xs).toContain(v);
          const atMost = xs.filter((x) => x <= v).length;
          const below = xs.filter((x) => x < v).length;
          expect(atMost / xs.length).toBeGreaterThanOrEqual(p / 100);
          expect(below / xs.length).toBeLessThan(p / 100);
        },
      ),
      { seed: SEED },
    );
  });

  it('is monotone in p', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ noNaN: true, min: 0, max: 1e6 }), { minLength: 1, maxLength: 40 }),
        (xs) => {
          let last = Number.NEGATIVE_INFINITY;
          for (let p = 0; p <= 100; p += 5) {
            const v = percentile(xs, p);
            expect(v).toBeGreaterThanOrEqual(last);
            last = v;
          }
        },
      ),
      { seed: SEED },
    );
  });
});

describe('summarize', () => {
  it('gives count, extremes, mean and percentiles', () => {
    const xs = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(summarize(xs)).toEqual({ n: 100, min: 1, p50: 50, p95: 95, p99: 99, max: 100, mean: 50.5 });
  });

  it('is all NaN for no samples', () => {
    const s = summarize([]);
    expect(s.n).toBe(0);
    expect(s.p50).toBeNaN();
    expect(s.mean).toBeNaN();
  });
});

describe('ratios', () => {
  it('ratio_vs_limit is ours ÷ the limit and ratio_vs_baseline the baseline ÷ ours', () => {
    expect(ratioVsLimit(30, 10)).toBe(3);
    expect(ratioVsBaseline(10, 250)).toBe(25);
    expect(ratioVsBaseline(50, 25)).toBe(0.5);
  });

  it('is null when a side is missing, not finite, negative or the denominator is not positive', () => {
    expect(ratio(null, 1)).toBeNull();
    expect(ratio(1, undefined)).toBeNull();
    expect(ratio(1, 0)).toBeNull();
    expect(ratio(1, -1)).toBeNull();
    expect(ratio(-1, 1)).toBeNull();
    expect(ratio(Number.NaN, 1)).toBeNull();
    expect(ratio(1, Number.POSITIVE_INFINITY)).toBeNull();
    expect(ratioVsBaseline(0, 10)).toBeNull();
  });

  it('perSecond turns a count and milliseconds into a rate', () => {
    expect(perSecond(50_000, 1000)).toBe(50_000);
    expect(perSecond(300, 1500)).toBe(200);
    expect(perSecond(1, 0)).toBeNull();
  });
});

describe('round', () => {
  it('keeps three significant digits below 1000 and whole numbers above', () => {
    expect(round(0.0012345)).toBe(0.00123);
    expect(round(1.23456)).toBe(1.23);
    expect(round(123.456)).toBe(123);
    expect(round(98765.4)).toBe(98765);
    expect(round(0)).toBe(0);
    expect(round(-2.345)).toBe(-2.35);
  });

  it('turns absent and non-finite values into null', () => {
    expect(round(null)).toBeNull();
    expect(round(undefined)).toBeNull();
    expect(round(Number.NaN)).toBeNull();
    expect(round(Number.POSITIVE_INFINITY)).toBeNull();
  });
});
