// One template row as a CSV line, for writers that stream rows they generate (the
// seed's scale generator writes size L this way, never holding the template): the
// same cells as `writeTemplate` (rowToCells: column order, plain numbers, formula
// escaping, upper-case enums) and the same RFC 4180 quoting as csv-stringify.
import { TEMPLATE_TABLES, type TemplateTableName } from '@smart/domain';
import { type Row, rowToCells } from './tables';

const NEEDS_QUOTES = /[",\r\n]/;

function csvField(cell: string | number | undefined): string {
  if (cell === undefined) return '';
  const s = String(cell);
  return NEEDS_QUOTES.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The header line of a table's CSV file (with its line end). */
export function csvHeader(table: TemplateTableName): string {
  return `${TEMPLATE_TABLES[table].columns.join(',')}\n`;
}

/** One row as a line of its table's CSV file (with its line end). */
export function csvLine(table: TemplateTableName, row: Row<TemplateTableName>): string {
  return `${rowToCells(table, row, 'text').map(csvField).join(',')}\n`;
}
