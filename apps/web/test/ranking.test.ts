import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { barWidths, nextSort, type RankingRow, sortRanking, spofEntries } from '../src/risk/ranking';

const row = (id: string, over: Partial<RankingRow> = {}): RankingRow => ({
  entity: { id, name: id, kind: 'SUPPLIER' },
  score: 0,
  capacityLoss: 0,
  organizationsAffected: 0,
  workflowsFailed: 0,
  functionsImpaired: 0,
  directDependents: 0,
  singlePointOfFailureFor: 0,
  ...over,
});

const SEED = Number(process.env.FC_SEED ?? 1811);

describe('barWidths', () => {
  it('is proportional to the values, the largest at 100 %', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 100_000 }), { minLength: 1, maxLength: 30 }), (vs) => {
        const w = barWidths(vs);
        const max = Math.max(...vs);
        for (let i = 0; i < vs.length; i++) {
          expect(w[i]).toBeCloseTo(max === 0 ? 0 : (vs[i]! / max) * 100, 9);
          // a bigger value never draws a shorter bar
          for (let j = 0; j < vs.length; j++) if (vs[i]! > vs[j]!) expect(w[i]!).toBeGreaterThan(w[j]!);
        }
      }),
      { seed: SEED, numRuns: 200 },
    );
  });

  it('draws 1,138 longer than 953', () => {
    const [a, b] = barWidths([1138, 953]);
    expect(a).toBe(100);
    expect(b).toBeCloseTo((953 / 1138) * 100, 9);
  });
});

describe('sortRanking', () => {
  const rows = [row('b', { score: 9, directDependents: 1 }), row('a', { score: 5, directDependents: 7 })];
  it('keeps the rank (score order) whatever the column', () => {
    const s = sortRanking(rows, { key: 'directDependents', dir: 'descending' });
    expect(s.map((r) => [r.rank, r.row.entity.id])).toEqual([
      [2, 'a'],
      [1, 'b'],
    ]);
    expect(sortRanking(rows, { key: 'name', dir: 'ascending' }).map((r) => r.row.entity.id)).toEqual([
      'a',
      'b',
    ]);
  });
  it('starts numbers biggest first and text A to Z, and flips the same column', () => {
    expect(nextSort({ key: 'rank', dir: 'ascending' }, 'score', true)).toEqual({
      key: 'score',
      dir: 'descending',
    });
    expect(nextSort({ key: 'rank', dir: 'ascending' }, 'name', false)).toEqual({
      key: 'name',
      dir: 'ascending',
    });
    expect(nextSort({ key: 'name', dir: 'ascending' }, 'name', false)).toEqual({
      key: 'name',
      dir: 'descending',
    });
  });
});

describe('spofEntries', () => {
  it('puts each supplier once with its services, largest first, and leaves out zeros', () => {
    const sup = { id: 's', name: 's' };
    const e = spofEntries([
      row('svc1', {
        entity: { id: 'svc1', name: 'svc1', kind: 'SERVICE', supplier: sup },
        singlePointOfFailureFor: 5,
      }),
      row('s', { singlePointOfFailureFor: 9 }),
      row('t', { singlePointOfFailureFor: 12 }),
      row('z', { singlePointOfFailureFor: 0 }),
    ]);
    expect(e.map((x) => [x.row.entity.id, x.services.map((s) => s.entity.id)])).toEqual([
      ['t', []],
      ['s', ['svc1']],
    ]);
  });
});
