// XLSX workbooks through exceljs's streaming reader and writer: one sheet per
// table, named like the CSV file without `.csv`. The reader never builds the
// whole workbook model; rows go one at a time to the table readers.
// A sheet holds at most 1,048,576 rows, so a template with more rows in one table
// (a size-L dependencies table) can only be exchanged as CSV.
import { Readable, type Writable } from 'node:stream';
import { type ProvenanceTable, TEMPLATE_TABLE_NAMES, TEMPLATE_TABLES, type Template } from '@smart/domain';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { type Archive, openArchive } from './archive';
import type { ReadState } from './collect';
import { TemplateLimitError } from './limits';
import { PROVENANCE_COLUMNS, PROVENANCE_SHEET, provenanceRows } from './provenance';
import { isInstructionsSheet, plainNumber, rowToCells, TABLE_SHEETS, tableOfName } from './tables';

/** Rows of an XLSX sheet, header included (Excel's limit). */
export const MAX_XLSX_ROWS = 1_048_576;

/** A cell as the text a user sees: numbers without exponent, formulas by their result. */
function cellText(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return plainNumber(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (Array.isArray(v.richText)) {
      return v.richText
        .map((run: { text?: unknown }) => (typeof run.text === 'string' ? run.text : ''))
        .join('');
    }
    if ('formula' in v || 'sharedFormula' in v) return cellText(v.result);
    if ('text' in v) return cellText(v.text); // hyperlink
    if (typeof v.error === 'string') return v.error;
  }
  return undefined;
}

/** Parts of a workbook the reader needs, in the order exceljs's streaming reader needs them. */
const PART_ORDER = ['xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/sharedStrings.xml'];
const SHEET_PART = /^xl\/worksheets\/sheet\d+\.xml$/;
const EMPTY_SHARED_STRINGS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"/>';

/**
 * The workbook's parts re-packed (uncompressed, streamed) so that the workbook,
 * its relationships and the shared strings come before the sheets.
 *
 * Why: exceljs 4.4's streaming reader parks sheets that come before
 * sharedStrings.xml (the usual order in files from Excel and from exceljs itself)
 * in temporary files, and in that path stops reading the zip early: sheet names
 * fall back to "Sheet1"… and shared strings are never resolved. In this order every
 * sheet is parsed straight from the stream, one row at a time.
 */
function reordered(archive: Archive): Readable {
  const out = new JSZip();
  const parts = new Map(archive.entries.map((e) => [e.name, e]));
  const names = [...parts.keys()].filter((n) => SHEET_PART.test(n));
  names.sort((a, b) => Number(a.replace(/\D/g, '')) - Number(b.replace(/\D/g, '')));
  for (const name of [...PART_ORDER, ...names]) {
    const part = parts.get(name);
    if (part) {
      // Counted as it is inflated; a failing part ends quietly, and readXlsx reports
      // why (a failing source would leave exceljs waiting forever).
      const inflated = archive.open(part, { xml: true, quiet: true });
      out.file(name, Readable.from(inflated, { objectMode: false }));
    }
    // Without shared strings (inline strings only), exceljs would take the broken path again.
    else if (name === 'xl/sharedStrings.xml') out.file(name, EMPTY_SHARED_STRINGS);
  }
  return new Readable().wrap(out.generateNodeStream({ streamFiles: true, compression: 'STORE' }));
}

/**
 * Reads every sheet of a workbook; sheets that are not template tables are skipped
 * with a warning. The zip stays compressed in memory; sheet XML is inflated and
 * parsed as a stream.
 */
export async function readXlsx(state: ReadState, data: Uint8Array, fileName: string): Promise<void> {
  const archive = openArchive(data, fileName, state.limits);
  if (!archive) {
    state.problem(fileName, 0, '', 'is not an XLSX workbook (it is not a zip archive); save it as .xlsx');
    return;
  }
  await archive.verify();
  const { budget } = archive;
  if (!archive.entries.some((e) => e.name === 'xl/workbook.xml')) {
    state.problem(fileName, 0, '', 'is not an XLSX workbook (it has no xl/workbook.xml); save it as .xlsx');
    return;
  }
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(reordered(archive), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore', // with styles, date-formatted numbers would come back as dates
    entries: 'ignore',
  });
  let sheets = 0;
  try {
    for await (const sheet of workbook) {
      sheets++;
      const name = (sheet as { name?: string }).name ?? `sheet${sheets}`;
      const table = tableOfName(name);
      const provenance = name.trim().toLowerCase() === PROVENANCE_SHEET;
      if (provenance) state.provenance = { file: name, records: [] };
      if (!table && !provenance && !isInstructionsSheet(name)) {
        state.problem(
          name,
          0,
          '',
          `unknown sheet, ignored; the sheets of a template are ${TABLE_SHEETS}`,
          'warning',
        );
      }
      const reader = table && state.begin(table, name);
      let line = 0;
      // Every sheet is read to its end, even an ignored one: the workbook is one stream.
      for await (const row of sheet) {
        if (provenance && !budget.exceeded && !budget.failure) {
          const values = row.values as unknown[];
          const cells: string[] = [];
          for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]) ?? '');
          state.provenance!.records.push(cells);
        }
        if (!reader || budget.exceeded || budget.failure) continue;
        // Blank rows are absent from the file; the row number keeps the lines right.
        line = Number.isFinite(row.number) ? row.number : line + 1;
        const values = row.values as unknown[];
        const cells: (string | undefined)[] = [];
        for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]));
        reader.row(cells, line);
        await state.flush(); // a streamed import's second pass writes each full batch before reading on
      }
      reader?.finish();
    }
    if (budget.exceeded) throw budget.exceeded;
    if (budget.failure) throw budget.failure;
  } catch (error) {
    // A part that failed ended quietly; what exceljs made of the rest is beside the point.
    if (budget.exceeded) throw budget.exceeded;
    if (error instanceof TemplateLimitError) throw error;
    const why = (budget.failure ?? (error as Error)).message;
    state.problem(fileName, 0, '', `is not a readable XLSX workbook (${why})`);
    return;
  } finally {
    archive.close(); // a read that ended early (a limit, a damaged part) leaves no inflater behind
  }
  if (sheets === 0) state.problem(fileName, 0, '', 'is not an XLSX workbook (it has no worksheets)');
}

/**
 * Writes a workbook: one sheet per table in template order, header row bold and
 * frozen, numbers as number cells, undefined as empty cells. Shared strings are
 * used because exceljs's streaming reader decodes inline strings twice. `open`
 * is called only once the template is known to fit, so no empty file is left.
 */
export async function writeXlsx(
  template: Template,
  open: () => Writable,
  provenance?: ProvenanceTable,
): Promise<void> {
  for (const table of TEMPLATE_TABLE_NAMES) {
    const n = template[table].length;
    if (n + 1 > MAX_XLSX_ROWS) {
      throw new RangeError(
        `${table} has ${n} rows; an XLSX sheet holds at most ${MAX_XLSX_ROWS - 1}: export the template as CSV`,
      );
    }
  }
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: open(),
    useSharedStrings: true,
    useStyles: true,
  });
  workbook.creator = 'SMART Graph';
  for (const table of TEMPLATE_TABLE_NAMES) {
    const { sheet, columns } = TEMPLATE_TABLES[table];
    const ws = workbook.addWorksheet(sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = columns.map((c) => ({ key: c, width: Math.max(12, c.length + 4) }));
    const header = ws.addRow([...columns]);
    header.font = { bold: true };
    header.commit();
    for (const row of template[table]) ws.addRow(rowToCells(table, row, 'number')).commit();
    ws.commit();
  }
  // The provenance table (issue 13), when the map has submissions: a sheet of its own.
  if (provenance?.submissions.length) {
    const ws = workbook.addWorksheet(PROVENANCE_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = PROVENANCE_COLUMNS.map((c) => ({ key: c, width: Math.max(12, c.length + 4) }));
    const header = ws.addRow([...PROVENANCE_COLUMNS]);
    header.font = { bold: true };
    header.commit();
    for (const row of provenanceRows(provenance)) ws.addRow(row.map((v) => v ?? undefined)).commit();
    ws.commit();
  }
  await workbook.commit();
}
