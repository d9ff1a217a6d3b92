// The import's settings from the environment: where one transaction ends and staging
// begins (SMART_IMPORT_SINGLE_TX_ROWS) and the rows per batch (SMART_IMPORT_BATCH_SIZE);
// a bad value is refused naming the variable and what it may be.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importBatchSize, singleTransactionRows } from '../src/import';

describe('SMART_IMPORT_SINGLE_TX_ROWS', () => {
  it('defaults to 100,000 rows (size S, about 61k rows, stays one transaction)', () => {
    expect(singleTransactionRows({})).toBe(100_000);
    expect(singleTransactionRows({ SMART_IMPORT_SINGLE_TX_ROWS: '' })).toBe(100_000);
  });

  it('takes any whole number from 0 (every import staged)', () => {
    fc.assert(
      fc.property(fc.nat(), (n) => singleTransactionRows({ SMART_IMPORT_SINGLE_TX_ROWS: String(n) }) === n),
      { seed: 11, numRuns: 50 },
    );
  });

  it('refuses anything else, naming the variable', () => {
    for (const bad of ['-1', '1.5', 'many', '1e', 'Infinity'])
      expect(() => singleTransactionRows({ SMART_IMPORT_SINGLE_TX_ROWS: bad }), bad).toThrow(
        `SMART_IMPORT_SINGLE_TX_ROWS must be a whole number of rows (0 or more), not '${bad}'`,
      );
  });
});

describe('SMART_IMPORT_BATCH_SIZE', () => {
  it('defaults to 5,000 and takes 100 to 50,000', () => {
    expect(importBatchSize({})).toBe(5_000);
    expect(importBatchSize({ SMART_IMPORT_BATCH_SIZE: '100' })).toBe(100);
    expect(importBatchSize({ SMART_IMPORT_BATCH_SIZE: '50000' })).toBe(50_000);
    for (const bad of ['99', '50001', '1000.5', 'x'])
      expect(() => importBatchSize({ SMART_IMPORT_BATCH_SIZE: bad }), bad).toThrow(/SMART_IMPORT_BATCH_SIZE/);
  });
});
