import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contrast, heatColor, heatTextColor, luminance } from '../src/risk/heatmap';

const SEED = Number(process.env.FC_SEED ?? 4513);
const lum = (css: string) =>
  css.startsWith('#')
    ? luminance([1, 3, 5].map((i) => Number.parseInt(css.slice(i, i + 2), 16)))
    : luminance((css.match(/\d+/g) ?? []).map(Number));

describe('heat-map text', () => {
  it('contrasts at least 4.5:1 with its cell, for every value (WCAG AA)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), fc.nat(5000), (max, v) => {
        const value = Math.min(v, max);
        const ratio = contrast(lum(heatColor(value, max)), lum(heatTextColor(value, max)));
        expect(ratio).toBeGreaterThanOrEqual(4.5);
      }),
      { seed: SEED, numRuns: 500 },
    );
  });
  it('is dark on light cells and light on dark ones', () => {
    expect(heatTextColor(0, 100)).toBe('#000000');
    expect(heatTextColor(100, 100)).toBe('#ffffff');
  });
});
