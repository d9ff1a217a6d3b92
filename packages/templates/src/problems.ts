// What a reader reports: one Problem per thing an analyst must fix (error) or may
// want to know (warning), located as a spreadsheet would show it.
import { TEMPLATE_TABLES, TEMPLATE_TABLE_NAMES } from '@smart/domain';

export interface Problem {
  /** File name (CSV, also inside a zip), sheet name (XLSX), or the uploaded file for whole-input problems. */
  file: string;
  /** Spreadsheet row: header = 1, first data row = 2; 0 = the file as a whole. */
  line: number;
  /** Column name as in the template (snake_case), or '' when the problem is not about one column. */
  column: string;
  message: string;
  severity: 'error' | 'warning';
}

export const hasErrors = (problems: readonly Problem[]): boolean =>
  problems.some((p) => p.severity === 'error');

/**
 * `workflows.csv:14: tolerance_hours: must be a number ≥ 0`; a line of 0 and an
 * empty column are left out. Severity is not included: callers show it their way.
 */
export function formatProblem(p: Problem): string {
  const where = p.line > 0 ? `${p.file}:${p.line}` : p.file;
  const column = p.column ? `${p.column}: ` : '';
  return `${where}: ${column}${p.message}`;
}

/**
 * Sorts in place by file (template table order, whatever name the table was read
 * under; whole-input problems first, unknown files last), then line, then column
 * (template column order). The sort is stable, so problems of one cell keep the
 * order they were found in.
 */
export function sortProblems(problems: Problem[], tableOfFile: ReadonlyMap<string, number>): Problem[] {
  const fileRank = (file: string) => tableOfFile.get(file) ?? TEMPLATE_TABLE_NAMES.length;
  const columnRank = (file: string, column: string) => {
    if (column === '') return -1;
    const table = TEMPLATE_TABLE_NAMES[tableOfFile.get(file) ?? -1];
    const i = table ? TEMPLATE_TABLES[table].columns.indexOf(column) : -1;
    return i === -1 ? Number.MAX_SAFE_INTEGER : i;
  };
  return problems.sort(
    (a, b) =>
      fileRank(a.file) - fileRank(b.file) ||
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
      a.line - b.line ||
      columnRank(a.file, a.column) - columnRank(b.file, b.column) ||
      (a.column < b.column ? -1 : a.column > b.column ? 1 : 0),
  );
}
