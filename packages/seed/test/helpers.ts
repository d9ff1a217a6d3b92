// Shared checks for the seed tests.
import { ROW_SCHEMAS, TEMPLATE_TABLE_NAMES, TEMPLATE_TABLES, type Template } from '@smart/domain';
import { fieldOf } from '../src/csv';

/** Drops undefined fields (what a reader returns for blank cells is compared without them). */
export const plain = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

/**
 * Converts every row back to the text cells of its template file and parses it with
 * the domain's zod schema; returns the rows that fail, or that do not come back equal.
 */
export function schemaFailures(t: Template, limit = 10): string[] {
  const failures: string[] = [];
  for (const table of TEMPLATE_TABLE_NAMES) {
    const schema = ROW_SCHEMAS[table];
    for (const row of t[table] as object[]) {
      const r = row as Record<string, unknown>;
      const cells: Record<string, string> = {};
      for (const column of TEMPLATE_TABLES[table].columns) {
        const v = r[fieldOf(table, column)];
        cells[column] = v === undefined ? '' : String(v);
      }
      const parsed = schema.safeParse(cells);
      if (!parsed.success) {
        failures.push(
          `${table} ${JSON.stringify(row)}: ${parsed.error.issues.map((i) => i.message).join('; ')}`,
        );
      } else if (JSON.stringify(plain(parsed.data)) !== JSON.stringify(plain(row))) {
        // Same fields, same values (key order may differ).
        const a = plain(parsed.data) as Record<string, unknown>;
        const b = plain(row) as Record<string, unknown>;
        const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
        for (const k of keys)
          if (a[k] !== b[k])
            failures.push(`${table} ${JSON.stringify(row)}: ${k} reads back as ${String(a[k])}`);
      }
      if (failures.length >= limit) return failures;
    }
  }
  return failures;
}
