// Workflows by time to failure, from the report's timeline (issue 16 item 3).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { failedBy, failureBands } from '../src/impact/aggregates';

const SEED = Number(process.env.FC_SEED ?? 20261202);

describe('failureBands', () => {
  it('counts the workflows failing in each band, by hand', () => {
    // 2 fail at 0 h, 1 at 4 h (inside "within 4 h"), 3 at 30 h, 1 at 200 h
    const timeline = [
      { atHours: 0, failed: 2, degraded: 5 },
      { atHours: 4, failed: 3, degraded: 4 },
      { atHours: 30, failed: 6, degraded: 1 },
      { atHours: 200, failed: 7, degraded: 0 },
    ];
    expect(failedBy(timeline, 3.9)).toBe(2);
    expect(failedBy(timeline, 24)).toBe(3);
    expect(failureBands(timeline)).toEqual([
      { label: 'Within 4 h', workflows: 3 },
      { label: '4 h – 1 day', workflows: 0 },
      { label: '1 – 3 days', workflows: 3 },
      { label: '3 – 7 days', workflows: 0 },
      { label: 'Later', workflows: 1 },
    ]);
    expect(failureBands([]).every((b) => b.workflows === 0)).toBe(true);
  });

  it('adds up to the workflows failed at the end, none negative (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ t: fc.double({ min: 0, max: 500, noNaN: true }), k: fc.nat(5) }), {
          maxLength: 30,
        }),
        (steps) => {
          // a step series: times ascending, failures never undone
          const sorted = [...steps].sort((a, b) => a.t - b.t);
          let failed = 0;
          const timeline = sorted.map((s) => {
            failed += s.k;
            return { atHours: s.t, failed, degraded: 0 };
          });
          const bands = failureBands(timeline);
          expect(bands.reduce((a, b) => a + b.workflows, 0)).toBe(failed);
          for (const b of bands) expect(b.workflows).toBeGreaterThanOrEqual(0);
        },
      ),
      { seed: SEED, numRuns: 200 },
    );
  });
});
