// The in-process record of imports being read and validated (import-reading.ts): what
// importInProgress shows the importer before the write's journal exists.
import { describe, expect, it } from 'vitest';
import { importReading, startImportReading } from '../src/import-reading';

describe('the imports being read in this process', () => {
  it('follows one import from its rows read, table by table, to its total and its write, then forgets it', () => {
    const r = startImportReading('ann', 'import', 'sector.xlsx');
    expect(importReading('ann')).toMatchObject({
      phase: 'VALIDATING',
      rowsRead: 0,
      rowsTotal: null,
      table: null,
    });
    r.progress(10_000, 'organizations');
    r.progress(20_000, 'dependencies');
    expect(importReading('ann')).toMatchObject({ rowsRead: 20_000, table: 'dependencies', rowsTotal: null });
    r.progress(20_500); // the reader's last call: the total, no table
    expect(importReading('ann')).toMatchObject({ rowsRead: 20_500, rowsTotal: 20_500, table: null });
    r.writing();
    expect(importReading('ann')?.phase).toBe('WRITING');
    expect(importReading('bo')).toBeUndefined(); // keyed by the importer
    r.end();
    expect(importReading('ann')).toBeUndefined();
  });

  it('keeps a second import by the same user when the first one ends', () => {
    const first = startImportReading('ann', 'import', 'a.xlsx');
    const second = startImportReading('ann', 'import', 'b.xlsx');
    first.end();
    expect(importReading('ann')?.source).toBe('b.xlsx');
    second.end();
    expect(importReading('ann')).toBeUndefined();
  });
});
