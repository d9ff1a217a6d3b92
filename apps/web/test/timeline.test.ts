import { describe, expect, it } from 'vitest';
import {
  bucketEvents,
  niceTicks,
  stateAt,
  statesAt,
  timelineEvents,
  timelineHorizon,
  timelineSeries,
} from '../src/impact/timeline';

// F fails at 0; w1 has no workaround (fails at 2); w2's workaround holds 6 h after
// it is disrupted at 2 (fails at 8); w3 is disrupted at 4 and degraded until the end.
const rows = [
  { id: 'F', disruptedAtHours: 0, failedAtHours: 0 },
  { id: 'w1', disruptedAtHours: 2, failedAtHours: 2 },
  { id: 'w2', disruptedAtHours: 2, failedAtHours: 8 },
  { id: 'w3', disruptedAtHours: 4, failedAtHours: null },
];

describe('impact timeline', () => {
  it('gives each entity its state at a time', () => {
    expect(stateAt(rows[2]!, 1)).toBeNull();
    expect(stateAt(rows[2]!, 2)).toBe('DEGRADED');
    expect(stateAt(rows[2]!, 7.99)).toBe('DEGRADED');
    expect(stateAt(rows[2]!, 8)).toBe('FAILED');
    expect(stateAt(rows[3]!, 100)).toBe('DEGRADED');
    expect([...statesAt(rows, 0)]).toEqual([['F', 'FAILED']]);
    expect(statesAt(rows, 5)).toEqual(
      new Map([
        ['F', 'FAILED'],
        ['w1', 'FAILED'],
        ['w2', 'DEGRADED'],
        ['w3', 'DEGRADED'],
      ]),
    );
  });

  it('lists transitions in time order, no DEGRADED step without a workaround', () => {
    expect(timelineEvents(rows)).toEqual([
      { t: 0, id: 'F', to: 'FAILED' },
      { t: 2, id: 'w2', to: 'DEGRADED' },
      { t: 2, id: 'w1', to: 'FAILED' },
      { t: 4, id: 'w3', to: 'DEGRADED' },
      { t: 8, id: 'w2', to: 'FAILED' },
    ]);
  });

  it('builds a step series that agrees with statesAt', () => {
    const series = timelineSeries(rows, 24);
    expect(series).toEqual([
      { t: 0, degraded: 0, failed: 1 },
      { t: 2, degraded: 1, failed: 2 },
      { t: 4, degraded: 2, failed: 2 },
      { t: 8, degraded: 1, failed: 3 },
    ]);
    for (const p of series) {
      const s = [...statesAt(rows, p.t).values()];
      expect(s.filter((x) => x === 'FAILED')).toHaveLength(p.failed);
      expect(s.filter((x) => x === 'DEGRADED')).toHaveLength(p.degraded);
    }
    // Events after the horizon are left out.
    expect(timelineSeries(rows, 5).at(-1)).toEqual({ t: 4, degraded: 2, failed: 2 });
  });

  it('buckets transitions', () => {
    const b = bucketEvents(rows, 8, 4);
    expect(b.map((x) => [x.from, x.to, x.degraded, x.failed])).toEqual([
      [0, 2, 0, 1],
      [2, 4, 1, 1],
      [4, 6, 1, 0],
      [6, 8, 0, 1],
    ]);
    expect(bucketEvents(rows, 0, 3).every((x) => x.failed === 0)).toBe(true);
  });

  it('chooses a horizon', () => {
    expect(timelineHorizon(rows, 24)).toBe(24);
    expect(timelineHorizon(rows, null)).toBeCloseTo(8.8);
    expect(timelineHorizon([{ id: 'F', disruptedAtHours: 0, failedAtHours: 0 }], null)).toBe(1);
  });
});

describe('timeline ticks', () => {
  it('falls on round hours', () => {
    expect(niceTicks(24)).toEqual([0, 6, 12, 18, 24]);
    expect(niceTicks(72)).toEqual([0, 24, 48, 72]);
    expect(niceTicks(720)).toEqual([0, 168, 336, 504, 672]);
    expect(niceTicks(1)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(niceTicks(0)).toEqual([0]);
    expect(niceTicks(24, 3)).toEqual([0, 12, 24]);
  });
});
