// How template tables map between the file format (snake_case columns of text)
// and the typed rows of a Template (camelCase fields), in both directions.
import {
  TEMPLATE_TABLE_NAMES,
  TEMPLATE_TABLES,
  type EntityKind,
  type Template,
  type TemplateTableName,
} from '@smart/domain';

export type Row<T extends TemplateTableName> = Template[T][number];

/** The field of the typed row that holds each column (dependencies say from/to, not fromId/toId). */
export function fieldOf(table: TemplateTableName, column: string): string {
  if (table === 'dependencies' && column === 'from_id') return 'from';
  if (table === 'dependencies' && column === 'to_id') return 'to';
  return column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}

/** Enum columns: written upper case on export (free-text `type`/`category` of other tables are not enums). */
const ENUM_COLUMNS: Partial<Record<TemplateTableName, readonly string[]>> = {
  organizations: ['subsector', 'size'],
  services: ['type'],
  workflows: ['category'],
  dependencies: ['source'],
};
export const isEnumColumn = (table: TemplateTableName, column: string): boolean =>
  ENUM_COLUMNS[table]?.includes(column) ?? false;

/** Entity tables and the kind of entity each row defines. */
export const TABLE_KIND: Partial<Record<TemplateTableName, EntityKind>> = {
  organizations: 'ORGANIZATION',
  suppliers: 'SUPPLIER',
  services: 'SERVICE',
  assets: 'ASSET',
  workflows: 'WORKFLOW',
  criticalFunctions: 'CRITICAL_FUNCTION',
};

/** Columns holding ids: an entity's own id, or a reference to another entity. */
export const ID_COLUMNS: Record<TemplateTableName, readonly string[]> = {
  organizations: ['id'],
  suppliers: ['id'],
  services: ['id', 'supplier_id'],
  assets: ['id', 'organization_id'],
  workflows: ['id', 'organization_id'],
  criticalFunctions: ['id'],
  workflowFunctions: ['workflow_id', 'function_id'],
  dependencies: ['from_id', 'to_id'],
};

/** Header cells as spreadsheets write them: ` Supplier ID` and `supplier-id` both mean supplier_id. */
export const normalizeColumnName = (name: string): string =>
  name
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');

/** File or sheet name → table. Case-insensitive; a sheet may also carry the `.csv` suffix. */
export function tableOfName(name: string): TemplateTableName | undefined {
  const base = name
    .trim()
    .toLowerCase()
    .replace(/\.csv$/, '');
  return TEMPLATE_TABLE_NAMES.find((t) => TEMPLATE_TABLES[t].sheet === base);
}

export const TABLE_FILES = TEMPLATE_TABLE_NAMES.map((t) => TEMPLATE_TABLES[t].file).join(', ');
/** Sheets a workbook may hold beside the tables, skipped without a warning (the blank template's). */
export const isInstructionsSheet = (name: string): boolean => /^(instructions|readme)$/i.test(name.trim());

export const TABLE_SHEETS = TEMPLATE_TABLE_NAMES.map((t) => TEMPLATE_TABLES[t].sheet).join(', ');

/**
 * A number as a plain decimal: never exponent notation, which some spreadsheets
 * turn into text or dates. Uses the shortest digits that read back as the same
 * double, so the text round-trips exactly.
 */
export function plainNumber(n: number): string {
  const s = String(n);
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (!m) return s;
  const [, sign, lead, frac = '', exp] = m;
  const digits = lead + frac;
  const point = 1 + Number(exp);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return sign + digits + '0'.repeat(point - digits.length);
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/**
 * Formula injection (CSV injection): a spreadsheet runs a cell that begins with
 * = + - @, tab or carriage return as a formula, and template text comes from
 * whoever wrote the imported file. Export puts an apostrophe before such text, the
 * convention spreadsheets themselves use for "this is text" (OWASP's advice).
 *
 * To keep the round trip lossless, text that already begins with apostrophes
 * followed by one of those characters (`'=x`) gets one more (`''=x`), and import
 * removes exactly one apostrophe from a cell that begins with one or more
 * apostrophes followed by one of those characters. Any other apostrophe is left as
 * it is, in both directions. Numbers are written as numbers, never escaped, so a
 * negative number stays a number.
 */
// `#` is not a formula, but a first cell starting with it marks a comment row (the
// blank template's examples), so it is escaped the same way to keep such text data.
const FORMULA_START = /^'*[=+\-@\t\r#]/;
const ESCAPED_FORMULA_START = /^'+[=+\-@\t\r#]/;

/** Text as export writes it: with a leading apostrophe when a spreadsheet could take it for a formula. */
export const escapeFormula = (text: string): string => (FORMULA_START.test(text) ? `'${text}` : text);

/** A cell as read: one leading apostrophe removed when escapeFormula would have added it. */
export const unescapeFormula = (cell: string): string =>
  ESCAPED_FORMULA_START.test(cell) ? cell.slice(1) : cell;

/** One typed row as the cells of its file, in TEMPLATE_TABLES column order (undefined = empty cell). */
export function rowToCells<T extends TemplateTableName>(
  table: T,
  row: Row<T>,
  numbers: 'text' | 'number',
): (string | number | undefined)[] {
  const record = row as unknown as Record<string, unknown>;
  return TEMPLATE_TABLES[table].columns.map((column) => {
    const v = record[fieldOf(table, column)];
    if (v === undefined || v === null) return undefined;
    if (typeof v === 'number') return numbers === 'number' ? v : plainNumber(v);
    const text = String(v);
    return isEnumColumn(table, column) ? text.toUpperCase() : escapeFormula(text);
  });
}
