// Entry points for reading: decide what the input is (folder, workbook, zip, one
// CSV), read every table row by row, then run the cross-file checks once.
import { createReadStream } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import {
  emptyTemplate,
  type ProvenanceTable,
  TEMPLATE_TABLE_NAMES,
  TEMPLATE_TABLES,
  type Template,
  type TemplateTableName,
} from '@smart/domain';
import { ReadState, type RowSink } from './collect';
import { readCsvTable } from './csv';
import { DEFAULT_READ_LIMITS, type ReadLimits } from './limits';
import { type Problem, sortProblems } from './problems';
import { parseProvenanceCsv, parseProvenanceRows } from './provenance';
import { TABLE_FILES, tableOfName } from './tables';
import { type ExistingIds, validateTemplate } from './validate';
import { readXlsx } from './xlsx';
import { readZip } from './zip';

export interface ReadOptions {
  /**
   * Entities already in the database that the template may reference: a map of
   * id → kind, or a function that is asked once, after reading, for the kinds of
   * the ids the template references but does not define.
   */
  existing?: ExistingIds;
  /**
   * Called every 10,000 data rows with the number of rows read and the table the last
   * one is in, and once at the end (after the cross-file checks) with the total, no table.
   */
  onProgress?: (rowsRead: number, table?: TemplateTableName) => void;
  /**
   * Bounds on what the read may cost (DEFAULT_READ_LIMITS when left out). Passing
   * one makes the read throw a TemplateLimitError: the input is refused whole.
   */
  limits?: Partial<ReadLimits>;
  /**
   * Given each row that passed its row checks, as it is read (a `--bulk` load writes
   * neo4j-admin's files in the same pass); the cross-file checks come after (RowSink).
   */
  rowSink?: RowSink;
}

export interface ReadResult {
  /** The rows without errors (with errors present, the importer writes nothing anyway). */
  template: Template;
  /**
   * The errors and warnings, sorted by file (template order), line, column: at
   * most limits.maxProblems of them (1,000), errors before warnings.
   */
  problems: Problem[];
  /** Every problem found, including those left out of `problems`. */
  problemCount: number;
  /**
   * The provenance table an uploaded .xlsx (its `provenance` sheet) or .zip (its
   * provenance.csv) held (issue 13), for the importer to write back; absent when none.
   * A CSV folder's is read beside it (readProvenanceFile).
   */
  provenance?: ProvenanceTable;
  /** Data rows read (blank rows and headers not counted). */
  rows: number;
  /**
   * The tables the input held, each with the file or sheet name it was read under. A
   * header-only file or an empty sheet is present (empty by intent); a missing one is not,
   * which is what `--replace` needs to know (it refuses to empty a table by omission).
   */
  tables: Partial<Record<TemplateTableName, string>>;
  /** The spreadsheet line of each row of `template`, per table, to locate later problems. */
  lines: Record<TemplateTableName, number[]>;
}

/** Where row `row` of `table` in `read.template` came from: the file or sheet name and its spreadsheet line. */
export function rowLocation(
  read: Pick<ReadResult, 'tables' | 'lines'>,
  table: TemplateTableName,
  row: number,
): { file: string; line: number } {
  return { file: read.tables[table] ?? TEMPLATE_TABLES[table].file, line: read.lines[table][row] ?? 0 };
}

const INPUTS = `a folder of CSV files, an .xlsx workbook or a .zip of CSV files`;

/** Reads a template from a folder of CSV files, an .xlsx workbook, a .zip of CSV files, or one table's CSV file. */
export async function readTemplate(path: string, opts: ReadOptions = {}): Promise<ReadResult> {
  const state = new ReadState(
    opts.onProgress,
    { ...DEFAULT_READ_LIMITS, ...opts.limits },
    'full',
    undefined,
    opts.rowSink,
  );
  await readInput(state, { path });
  return finish(state, opts);
}

/** Where a template is read from: a path, or an uploaded file's name and bytes. */
export type TemplateInput = { path: string } | { fileName: string; data: Uint8Array };

/** Reads `input` into `state` (whatever its mode), without the cross-file checks. */
export async function readInput(state: ReadState, input: TemplateInput): Promise<void> {
  if ('path' in input) await readPath(state, input.path);
  else await readBuffer(state, input.fileName, input.data);
}

async function readPath(state: ReadState, path: string): Promise<void> {
  const name = basename(path);
  state.fileRank.set(name, -1);
  const info = await stat(path).catch(() => undefined);
  if (!info) {
    state.problem(name, 0, '', `not found; a template is ${INPUTS}`);
  } else if (info.isDirectory()) {
    await readFolder(state, path);
  } else {
    switch (extname(name).toLowerCase()) {
      case '.xlsx':
        await readXlsx(state, await readFile(path), name);
        break;
      case '.zip':
        await readZip(state, await readFile(path), name);
        break;
      case '.csv':
        await readSingleCsv(state, name, () => createReadStream(path));
        break;
      default:
        state.problem(name, 0, '', notATemplate(name));
    }
  }
}

/** Reads an uploaded template: an .xlsx workbook, a .zip of CSV files, or one CSV file named like its table. */
export async function readTemplateBuffer(
  fileName: string,
  data: Uint8Array,
  opts: ReadOptions = {},
): Promise<ReadResult> {
  const state = new ReadState(
    opts.onProgress,
    { ...DEFAULT_READ_LIMITS, ...opts.limits },
    'full',
    undefined,
    opts.rowSink,
  );
  await readBuffer(state, fileName, data);
  return finish(state, opts);
}

async function readBuffer(state: ReadState, fileName: string, data: Uint8Array): Promise<void> {
  const name = fileName.slice(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
  state.fileRank.set(name, -1);
  switch (extname(name).toLowerCase()) {
    case '.xlsx':
      await readXlsx(state, data, name);
      break;
    case '.zip':
      await readZip(state, data, name);
      break;
    case '.csv':
      await readSingleCsv(state, name, () => chunks(data));
      break;
    default:
      state.problem(name, 0, '', notATemplate(name));
  }
}

function notATemplate(name: string) {
  return extname(name).toLowerCase() === '.xls'
    ? 'is an old-style .xls workbook; save it as .xlsx'
    : `is not a template; expected ${INPUTS}, or one CSV file named like its table (${TABLE_FILES})`;
}

/** Slices an in-memory file so the CSV reader decodes it a piece at a time, like a file stream. */
function* chunks(data: Uint8Array, size = 1 << 16): Generator<Uint8Array> {
  for (let i = 0; i < data.length; i += size) yield data.subarray(i, i + size);
}

async function readSingleCsv(
  state: ReadState,
  name: string,
  open: () => AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
) {
  const table = tableOfName(name);
  if (!table) {
    state.problem(name, 0, '', notATemplate(name));
    return;
  }
  await readCsvTable(state, table, name, async function* () {
    yield* open();
  });
}

async function readFolder(state: ReadState, dir: string) {
  const found: [TemplateTableName, string][] = [];
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue; // .DS_Store and friends
    if (/\.(md|txt)$/i.test(entry.name) && /^readme/i.test(entry.name)) continue; // a template may explain itself
    if (entry.name.toLowerCase() === 'provenance.csv') continue; // read beside the template (readProvenanceFile)
    const isFile = entry.isFile() || entry.isSymbolicLink();
    const table = isFile && entry.name.toLowerCase().endsWith('.csv') ? tableOfName(entry.name) : undefined;
    if (table) found.push([table, entry.name]);
    else {
      state.problem(
        entry.name,
        0,
        '',
        `unknown file, ignored; the files of a template are ${TABLE_FILES}`,
        'warning',
      );
    }
  }
  // Template order, so the files are read (and progress moves) in the order users know.
  found.sort(([a], [b]) => TEMPLATE_TABLE_NAMES.indexOf(a) - TEMPLATE_TABLE_NAMES.indexOf(b));
  for (const [table, file] of found) {
    await readCsvTable(state, table, file, () => createReadStream(join(dir, file)));
  }
  if (found.length === 0)
    state.problem(basename(dir), 0, '', `holds none of the template files (${TABLE_FILES})`);
}

async function finish(state: ReadState, opts: ReadOptions): Promise<ReadResult> {
  await validateTemplate(state, opts.existing);
  state.done();
  const provenance = checkProvenance(state);
  const template = emptyTemplate();
  const tables: Partial<Record<TemplateTableName, string>> = {};
  const lines = Object.fromEntries(TEMPLATE_TABLE_NAMES.map((t) => [t, [] as number[]])) as Record<
    TemplateTableName,
    number[]
  >;
  for (const table of TEMPLATE_TABLE_NAMES) {
    const data = state.tables[table];
    if (!data) continue;
    tables[table] = data.name;
    const valid = (_: unknown, i: number) => !data.invalid.has(i);
    const rows = data.invalid.size === 0 ? data.rows : data.rows.filter(valid);
    (template as Record<TemplateTableName, unknown[]>)[table] = rows;
    lines[table] = Array.from(data.lines.toArray()).filter(valid);
  }
  return {
    template,
    provenance,
    problems: sortProblems(state.problems, state.fileRank),
    problemCount: state.problemCount,
    rows: state.rows,
    tables,
    lines,
  };
}

/** The provenance table an .xlsx sheet or a .zip entry held (issue 13), checked like provenance.csv. */
export function checkProvenance(state: ReadState): ProvenanceTable | undefined {
  let provenance: ProvenanceTable | undefined;
  const table = state.provenance
    ? parseProvenanceRows(state.provenance.records, state.provenance.file)
    : state.provenanceText
      ? parseProvenanceCsv(state.provenanceText.text, state.provenanceText.file)
      : undefined;
  if (table) {
    for (const p of table.problems) state.problem(p.file, p.line, p.column, p.message, p.severity);
    provenance = table.provenance;
  }
  return provenance;
}
