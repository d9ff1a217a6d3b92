// Semantic zoom on the overview: which super-node opens at a camera, with hysteresis,
// and where its members are drawn.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ENTER_RATIO, LEAVE_RATIO, memberLayout, zoomedInto } from '../src/overview/semanticZoom';

const SEED = Number(process.env.FC_SEED ?? 20261203);
const discs = [
  { key: 'a', x: 0, y: 0 },
  { key: 'b', x: 100, y: 0 },
  { key: 'c', x: 0, y: -40 },
];

/** A view 20 wide and high around a point. */
const at = (x: number, y: number) => ({ x0: x - 10, y0: y - 10, x1: x + 10, y1: y + 10 });

describe('zoomedInto', () => {
  it('opens the super-node nearest the centre once zoomed in, and closes it only past the leave ratio', () => {
    expect(zoomedInto(null, 1, at(90, 0), discs)).toBeNull();
    expect(zoomedInto(null, ENTER_RATIO, at(90, 0), discs)).toBeNull();
    expect(zoomedInto(null, ENTER_RATIO * 0.9, at(90, 0), discs)).toBe('b');
    expect(zoomedInto(null, 0.1, at(2, -30), discs)).toBe('c');
    // between the two ratios an open one stays open, a closed one stays closed
    const between = (ENTER_RATIO + LEAVE_RATIO) / 2;
    expect(zoomedInto('b', between, at(0, 0), discs)).toBe('b');
    expect(zoomedInto(null, between, at(0, 0), discs)).toBeNull();
    expect(zoomedInto('b', LEAVE_RATIO, at(100, 0), discs)).toBeNull();
    // nothing opens while no super-node is in view
    expect(zoomedInto(null, 0.1, at(50, 0), discs)).toBeNull();
    // a super-node no longer in the overview is not kept open
    expect(zoomedInto('gone', between, at(0, 0), discs)).toBeNull();
  });

  it('never flickers: zooming in then out opens and closes at most once each way', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0.01, max: 2, noNaN: true }), { maxLength: 50 }), (ratios) => {
        let open: string | null = null;
        for (const r of ratios) {
          const next = zoomedInto(open, r, at(0, 0), discs);
          if (next !== open) {
            // a change happens only across a threshold
            if (next === null) expect(r).toBeGreaterThanOrEqual(LEAVE_RATIO);
            else expect(r).toBeLessThan(ENTER_RATIO);
          }
          open = next;
        }
      }),
      { seed: SEED, numRuns: 300 },
    );
  });
});

describe('memberLayout', () => {
  it('places every member within the radius, apart from each other, the first nearest the centre', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200 }),
        fc.double({ min: 1, max: 100, noNaN: true }),
        (n, radius) => {
          const c = { x: 10, y: -20 };
          const ps = memberLayout(c, radius, n);
          expect(ps).toHaveLength(n);
          const d = ps.map((p) => Math.hypot(p.x - c.x, p.y - c.y));
          for (const x of d) expect(x).toBeLessThanOrEqual(radius + 1e-9);
          expect(Math.min(...d)).toBe(d[0]);
          expect(new Set(ps.map((p) => `${p.x.toFixed(6)},${p.y.toFixed(6)}`)).size).toBe(n);
        },
      ),
      { seed: SEED, numRuns: 200 },
    );
  });
});
