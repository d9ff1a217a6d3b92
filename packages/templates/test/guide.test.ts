// The template guide (Instructions, dropdowns, number checks) says what the row
// schemas accept: every column of every table is described, every listed value is
// accepted and nothing else, and every range is exactly the schema's.
import { ROW_SCHEMAS, TEMPLATE_TABLE_NAMES, TEMPLATE_TABLES } from '@smart/domain';
import { describe, expect, it } from 'vitest';
import { TABLE_GUIDE } from '../src';

/** A valid row of each table (text cells, as read), to vary one column of. */
const BASE: Record<string, Record<string, string>> = {
  organizations: { id: 'o', name: 'O', subsector: 'HEALTH_IT' },
  suppliers: { id: 's', name: 'S' },
  services: { id: 'v', name: 'V', supplier_id: 's', type: 'SOFTWARE' },
  assets: { id: 'a', name: 'A', organization_id: 'o' },
  workflows: { id: 'w', name: 'W', organization_id: 'o', category: 'CLINICAL' },
  criticalFunctions: { id: 'c', name: 'C' },
  workflowFunctions: { workflow_id: 'w', function_id: 'c' },
  dependencies: { from_id: 'w', to_id: 'v' },
};

const accepts = (table: string, column: string, value: string) =>
  ROW_SCHEMAS[table as keyof typeof ROW_SCHEMAS].safeParse({ ...BASE[table], [column]: value }).success;

describe('template guide', () => {
  it('describes exactly the columns of every table', () => {
    for (const table of TEMPLATE_TABLE_NAMES) {
      expect(Object.keys(TABLE_GUIDE[table].columns).sort()).toEqual(
        [...TEMPLATE_TABLES[table].columns].sort(),
      );
    }
  });

  it('lists the values the schemas accept for each enum column, and the schemas refuse others', () => {
    for (const table of TEMPLATE_TABLE_NAMES) {
      for (const [column, guide] of Object.entries(TABLE_GUIDE[table].columns)) {
        if (!guide.values) continue;
        for (const v of guide.values) expect(accepts(table, column, v), `${table}.${column}=${v}`).toBe(true);
        expect(accepts(table, column, 'NOT_A_VALUE'), `${table}.${column}`).toBe(false);
      }
    }
  });

  it('gives the ranges the schemas check, bound for bound', () => {
    let checked = 0;
    for (const table of TEMPLATE_TABLE_NAMES) {
      for (const [column, guide] of Object.entries(TABLE_GUIDE[table].columns)) {
        const r = guide.range;
        if (!r) continue;
        checked++;
        expect(accepts(table, column, String(r.min)), `${table}.${column} min`).toBe(true);
        expect(accepts(table, column, String(r.min - 0.001)), `${table}.${column} below`).toBe(false);
        if (r.max === undefined) expect(accepts(table, column, '1e9')).toBe(true);
        else {
          expect(accepts(table, column, String(r.max)), `${table}.${column} max`).toBe(true);
          expect(accepts(table, column, String(r.max + 0.001)), `${table}.${column} above`).toBe(false);
        }
        expect(accepts(table, column, String(r.min + 0.5)), `${table}.${column} fraction`).toBe(!r.integer);
      }
    }
    expect(checked).toBe(8);
  });

  it('leaves no number column of the schemas without a range', () => {
    for (const table of TEMPLATE_TABLE_NAMES) {
      for (const column of TEMPLATE_TABLES[table].columns) {
        const guide = TABLE_GUIDE[table].columns[column]!;
        if (guide.range || guide.values) continue;
        // A free-text or id column takes this text; a number column would refuse it.
        expect(accepts(table, column, 'some-text'), `${table}.${column}`).toBe(true);
      }
    }
  });
});
