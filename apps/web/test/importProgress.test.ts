import { describe, expect, it } from 'vitest';
import { rowsWritten } from '../src/import/ImportUnderWay';

describe('a large import’s progress in words', () => {
  it('says the rows written of the total, rounded down, and never past 100 %', () => {
    expect(rowsWritten({ phase: 'WRITING', rowsWritten: 12_000, rowsTotal: 60_676 })).toBe(
      '12,000 of 60,676 rows written (19 %)',
    );
    expect(rowsWritten({ phase: 'WRITING', rowsWritten: 999, rowsTotal: 1000 })).toBe(
      '999 of 1,000 rows written (99 %)',
    );
    expect(rowsWritten({ phase: 'WRITING', rowsWritten: 1200, rowsTotal: 1000 })).toContain('(100 %)');
  });

  it('gives the rows alone without a total, and the snapshot phase in words', () => {
    expect(rowsWritten({ phase: 'WRITING', rowsWritten: 5, rowsTotal: null })).toBe('5 rows written');
    expect(rowsWritten({ phase: 'SNAPSHOT', rowsWritten: 0, rowsTotal: 10 })).toBe(
      'saving the undo snapshot of the map as it was',
    );
  });

  it('counts the rows read and checked while validating, naming the table, with the total once known', () => {
    expect(
      rowsWritten({
        phase: 'VALIDATING',
        rowsRead: 20_000,
        table: 'DEPENDENCIES',
        rowsWritten: 0,
        rowsTotal: null,
      }),
    ).toBe('validating: 20,000 rows read and checked (dependencies)');
    expect(
      rowsWritten({ phase: 'VALIDATING', rowsRead: 60_676, table: null, rowsWritten: 0, rowsTotal: 60_676 }),
    ).toBe('validating: 60,676 of 60,676 rows read and checked');
  });
});
