import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Box,
  claimLabelBox,
  fitLabel,
  LABEL_MAX_CHARS,
  labelBaseline,
  labelLeft,
  overlaps,
} from '../src/explorer/labels';

const SEED = Number(process.env.FC_SEED ?? 2718);

describe('canvas labels', () => {
  it('cut long names to the limit with an ellipsis, at a word when one is near', () => {
    expect(fitLabel('Short name')).toBe('Short name');
    expect(fitLabel('ClearHouse One eligibility (270/271)')).toBe('ClearHouse One…');
    expect(fitLabel('Supercalifragilisticexpialidocious')).toBe('Supercalifragilistice…'); // 21 + …
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (s) => {
        const f = fitLabel(s);
        expect(f.length).toBeLessThanOrEqual(Math.max(s.length, LABEL_MAX_CHARS));
        if (s.length <= LABEL_MAX_CHARS) expect(f).toBe(s);
        else expect(f.endsWith('…')).toBe(true);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('place every label inside the canvas, right of its node when it fits', () => {
    expect(labelLeft(100, 5, 50, 800)).toBe(108);
    // near the right edge: on the left of the node
    expect(labelLeft(780, 5, 50, 800)).toBe(780 - 5 - 3 - 50);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2000 }),
        fc.integer({ min: 1, max: 16 }),
        fc.integer({ min: 1, max: 150 }),
        fc.integer({ min: 200, max: 2000 }),
        (x, size, width, canvas) => {
          const left = labelLeft(x, size, width, canvas);
          expect(left).toBeGreaterThanOrEqual(0);
          expect(left + width).toBeLessThanOrEqual(canvas);
        },
      ),
      { seed: SEED, numRuns: 500 },
    );
    expect(labelBaseline(-20, 12, 600)).toBe(12);
    expect(labelBaseline(900, 12, 600)).toBeLessThanOrEqual(600);
  });

  it('never draws a label over one already drawn in the frame', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            x: fc.integer({ min: 0, max: 600 }),
            y: fc.integer({ min: 0, max: 400 }),
            w: fc.integer({ min: 1, max: 150 }),
            h: fc.integer({ min: 8, max: 16 }),
          }),
          { maxLength: 60 },
        ),
        (boxes) => {
          const taken: Box[] = [];
          for (const b of boxes) {
            const clear = !taken.some((t) => overlaps(t, b));
            expect(claimLabelBox(b, taken)).toBe(clear);
          }
          for (let i = 0; i < taken.length; i++)
            for (let j = i + 1; j < taken.length; j++) expect(overlaps(taken[i]!, taken[j]!)).toBe(false);
        },
      ),
      { seed: SEED, numRuns: 300 },
    );
    expect(overlaps({ x: 0, y: 0, w: 10, h: 10 }, { x: 10, y: 0, w: 10, h: 10 })).toBe(false);
  });
});
