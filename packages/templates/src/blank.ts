// The blank template (DESIGN.md §5, "Blank template"): what an organization fills in.
// A workbook with an Instructions sheet and one sheet per table (the exact headers
// the reader expects, a dropdown for every enum column, a number check for every
// number column, a note on each header), or a folder of CSV files with the same
// headers and a README.txt. Both carry example rows whose first cell starts with
// `#`, which the reader skips.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TEMPLATE_TABLE_NAMES, TEMPLATE_TABLES, type TemplateTableName } from '@smart/domain';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { columnText, EXAMPLE_ROWS, GENERAL_RULES, instructionsText, rangeText, TABLE_GUIDE } from './guide';

/** The sheet of instructions (the reader skips it without a warning). */
export const INSTRUCTIONS_SHEET = 'Instructions';
/** Rows of each table sheet that carry the dropdowns and number checks (header excluded). */
export const BLANK_VALIDATED_ROWS = 5000;

/** exceljs 4.4 keeps a sheet's data validations here but leaves them out of its types. */
interface DataValidations {
  add(address: string, validation: ExcelJS.DataValidation): void;
  find(address: string): ExcelJS.DataValidation | undefined;
}
export const dataValidationsOf = (ws: ExcelJS.Worksheet): DataValidations =>
  (ws as unknown as { dataValidations: DataValidations }).dataValidations;

const columnLetter = (index: number): string => {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
};

function exampleCells(table: TemplateTableName, row: Record<string, string | number>) {
  return TEMPLATE_TABLES[table].columns.map((c) => row[c] ?? null);
}

function addInstructions(workbook: ExcelJS.Workbook) {
  const ws = workbook.addWorksheet(INSTRUCTIONS_SHEET);
  ws.columns = [{ width: 22 }, { width: 24 }, { width: 110 }];
  const title = ws.addRow(['SMART template: how to fill it']);
  title.font = { bold: true, size: 14 };
  ws.addRow([]);
  for (const rule of GENERAL_RULES) ws.addRow(['', '', rule]).getCell(3).alignment = { wrapText: true };
  ws.addRow([]);
  const example = ws.addRow([
    'Example',
    '',
    'The rows starting with # in each sheet describe a hospital whose patient registration needs its EHR and either of two eligibility services (both dependencies have group "eligibility"): registration stops only when both eligibility services are down, or when the EHR is.',
  ]);
  example.getCell(1).font = { bold: true };
  example.getCell(3).alignment = { wrapText: true };
  ws.addRow([]);
  const header = ws.addRow(['Sheet', 'Column (* required)', 'Meaning, unit and allowed values']);
  header.font = { bold: true };
  for (const table of TEMPLATE_TABLE_NAMES) {
    const { sheet, columns, required } = TEMPLATE_TABLES[table];
    const guide = TABLE_GUIDE[table];
    const head = ws.addRow([sheet, '', guide.meaning]);
    head.font = { bold: true };
    head.getCell(3).alignment = { wrapText: true };
    for (const column of columns) {
      const row = ws.addRow([
        '',
        `${column}${required.includes(column) ? ' *' : ''}`,
        columnText(guide.columns[column]!),
      ]);
      row.getCell(3).alignment = { wrapText: true };
    }
  }
}

function addTable(workbook: ExcelJS.Workbook, table: TemplateTableName) {
  const { sheet, columns, required } = TEMPLATE_TABLES[table];
  const guide = TABLE_GUIDE[table];
  const ws = workbook.addWorksheet(sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ key: c, width: Math.max(14, c.length + 6) }));
  const header = ws.addRow([...columns]);
  header.font = { bold: true };
  columns.forEach((column, i) => {
    const cell = header.getCell(i + 1);
    const c = guide.columns[column]!;
    cell.note = `${required.includes(column) ? 'Required. ' : ''}${columnText(c)}`;
    if (required.includes(column))
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFE699' } };
  });
  for (const example of EXAMPLE_ROWS[table]) {
    const row = ws.addRow(exampleCells(table, example));
    row.font = { italic: true, color: { argb: 'FF7F7F7F' } };
  }
  const last = BLANK_VALIDATED_ROWS + 1;
  columns.forEach((column, i) => {
    const c = guide.columns[column]!;
    const range = `${columnLetter(i)}2:${columnLetter(i)}${last}`;
    if (c.values) {
      dataValidationsOf(ws).add(range, {
        type: 'list',
        allowBlank: !required.includes(column),
        formulae: [`"${c.values.join(',')}"`],
        showErrorMessage: true,
        errorTitle: column,
        error: `One of ${c.values.join(', ')}`,
      });
    } else if (c.range) {
      const { min, max, integer } = c.range;
      dataValidationsOf(ws).add(range, {
        type: integer ? 'whole' : 'decimal',
        operator: max === undefined ? 'greaterThanOrEqual' : 'between',
        allowBlank: true,
        formulae: max === undefined ? [min] : [min, max],
        showErrorMessage: true,
        errorTitle: column,
        error: rangeText(c.range),
      });
    }
  });
}

/** The blank template as an .xlsx workbook. */
export async function blankTemplateXlsx(): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'SMART Graph';
  addInstructions(workbook);
  for (const table of TEMPLATE_TABLE_NAMES) addTable(workbook, table);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** The blank template as a folder of CSV files (headers and example rows) with a README.txt. */
export async function writeBlankTemplateFolder(dir: string): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  for (const table of TEMPLATE_TABLE_NAMES) {
    const { file, columns } = TEMPLATE_TABLES[table];
    const rows = [[...columns], ...EXAMPLE_ROWS[table].map((r) => exampleCells(table, r))];
    await writeFile(join(dir, file), stringify(rows));
    written.push(file);
  }
  await writeFile(join(dir, 'README.txt'), instructionsText());
  written.push('README.txt');
  return written;
}
