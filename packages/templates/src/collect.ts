// Row-level reading shared by the CSV and XLSX readers: header mapping, blank
// rows, and the zod schema of each table. A read keeps, per row, its line and the
// integers of its ids (./ids), which is all the cross-file checks (./validate)
// need; the typed row objects are kept too in 'full' mode (readTemplate), not in
// 'index' mode (the first pass of a streamed import, ./stream), and handed on in
// batches in 'rows' mode (its second pass). The raw text of a row is dropped as soon
// as it is parsed.
import { entityId, ROW_SCHEMAS, TEMPLATE_TABLES, type TemplateTableName } from '@smart/domain';
import { COMMENT_MARK } from './guide';
import { IdIndex, IntColumn } from './ids';
import { DEFAULT_READ_LIMITS, type ReadLimits, TemplateLimitError } from './limits';
import type { Problem } from './problems';
import { fieldOf, ID_COLUMNS, normalizeColumnName, type Row, unescapeFormula } from './tables';

/** Everything read for one table. */
export interface TableData<T extends TemplateTableName = TemplateTableName> {
  /** The name the table was read under (file name, or sheet name in a workbook). */
  name: string;
  /**
   * Rows in file order ('full' mode only; empty otherwise). A row with errors is kept
   * as a partial object holding only its id fields that parsed; its index is in `invalid`.
   */
  rows: Row<T>[];
  /** Rows read (valid or not): the length of `lines` and of each `ids` column. */
  count: number;
  /** The spreadsheet line of each row. */
  lines: IntColumn;
  /**
   * Per id column (snake_case, ID_COLUMNS), the index in ReadState.ids of each row's
   * id, or -1 when the cell is empty or did not parse (so that later checks neither
   * miss a row's id nor report references to it as unknown).
   */
  ids: Record<string, IntColumn>;
  invalid: Set<number>;
}

/**
 * What a read keeps: 'full' the typed rows and the index (readTemplate), 'index' only
 * the index (the first pass of a streamed import), 'rows' nothing but hands the valid
 * rows of one table on in batches (its second pass).
 */
export type ReadMode = 'full' | 'index' | 'rows';

/** The second pass of a streamed import: one table's rows, in batches. */
export interface RowsReplay {
  table: TemplateTableName;
  /** Rows (by index among those read) the first pass dropped: a repeated workflow–function link. */
  skip: ReadonlySet<number>;
  batchSize: number;
  onBatch: (rows: unknown[]) => Promise<void>;
}

/**
 * Takes each row that passed its row checks as it is read (`ReadOptions.rowSink`): a
 * `--bulk` load writes neo4j-admin's files in the same pass as the checks. The cross-file
 * checks run after the whole read, so a row given here may still turn out invalid: the
 * caller loads nothing when the read ends with errors, and rewrites a table whose rows a
 * warning dropped. `drain` is awaited between chunks of the input, as a batch is.
 */
export interface RowSink {
  add(table: TemplateTableName, row: object): void;
  drain(): Promise<void>;
}

/** The input changed between the two passes of a streamed import: a row that was valid no longer is. */
export class TemplateChangedError extends Error {
  constructor(file: string, line: number) {
    super(
      `${file}:${line}: the template changed while it was being imported (this row no longer reads as it did when it was checked); nothing more is written`,
    );
    this.name = 'TemplateChangedError';
  }
}

type Tables = { [T in TemplateTableName]?: TableData<T> };

// The row schemas differ in output type; reading only needs this much of them.
interface RowSchema {
  safeParse(
    raw: unknown,
  ):
    | { success: true; data: unknown }
    | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
}

const PROGRESS_EVERY = 10_000;

/**
 * Problems as found, at most `max` of each severity kept; all counted. Errors are
 * kept apart so that a flood of warnings never pushes an error out of the list
 * (the importer decides from the list whether anything may be written).
 */
class ProblemList {
  readonly errors: Problem[] = [];
  readonly warnings: Problem[] = [];
  count = 0;
  errorCount = 0;

  constructor(private readonly max: number) {}

  add(p: Problem) {
    this.count++;
    if (p.severity === 'error') this.errorCount++;
    const list = p.severity === 'error' ? this.errors : this.warnings;
    if (list.length < this.max) list.push(p);
  }

  /** Counts problems that were found but not kept. */
  addUnlisted(errors: number, warnings: number) {
    this.count += errors + warnings;
    this.errorCount += errors;
  }

  /** The first `max` problems, errors first. */
  listed(): Problem[] {
    return [...this.errors, ...this.warnings.slice(0, Math.max(0, this.max - this.errors.length))];
  }

  clear() {
    this.errors.length = 0;
    this.warnings.length = 0;
    this.count = 0;
    this.errorCount = 0;
  }
}

/** The state of one read: tables read so far, problems, row count. */
export class ReadState {
  readonly tables: Tables = {};
  private readonly found: ProblemList;
  /** File/sheet name → table index, for sorting problems. */
  readonly fileRank = new Map<string, number>();
  rows = 0;
  /** The provenance table an .xlsx sheet or a .zip entry held (issue 13), header row first. */
  provenance?: { file: string; records: string[][] };
  /** The same as CSV text (a .zip's provenance.csv). */
  provenanceText?: { file: string; text: string };
  /** Every id met, as a small integer (the rows' `ids` columns point into it). */
  readonly ids = new IdIndex();
  private pending: unknown[] = [];

  constructor(
    private readonly onProgress?: (rowsRead: number, table?: TemplateTableName) => void,
    readonly limits: ReadLimits = DEFAULT_READ_LIMITS,
    readonly mode: ReadMode = 'full',
    readonly replay?: RowsReplay,
    readonly sink?: RowSink,
  ) {
    this.found = new ProblemList(limits.maxProblems);
  }

  /** A valid row for the replay's batch ('rows' mode). */
  take(row: unknown): void {
    this.pending.push(row);
  }

  /**
   * Hands a full batch on ('rows' mode; `all`: whatever is left), waiting for it to be
   * written: the readers call this between chunks, which is what bounds the rows in memory.
   */
  async flush(all = false): Promise<void> {
    if (this.sink) await this.sink.drain();
    const replay = this.replay;
    if (!replay) return;
    while (this.pending.length >= replay.batchSize || (all && this.pending.length > 0)) {
      const batch = this.pending.splice(0, replay.batchSize);
      await replay.onBatch(batch);
    }
  }

  /** The problems listed (at most limits.maxProblems, errors first), in the order found. */
  get problems(): Problem[] {
    return this.found.listed();
  }

  /** Every problem found, listed or not. */
  get problemCount(): number {
    return this.found.count;
  }

  problem(
    file: string,
    line: number,
    column: string,
    message: string,
    severity: Problem['severity'] = 'error',
  ) {
    this.found.add({ file, line, column, message, severity });
  }

  /** Starts reading a table under a file or sheet name; undefined (and an error) when it was already read. */
  begin(table: TemplateTableName, name: string): TableReader | undefined {
    // The second pass reads one table; the others are skipped (the first pass reported on them).
    if (this.replay && this.replay.table !== table) return undefined;
    this.fileRank.set(name, TEMPLATE_TABLE_ORDER[table]);
    const first = this.tables[table];
    if (first) {
      this.problem(
        name,
        0,
        '',
        `${first.name} is already read for the same table; a template has one ${TEMPLATE_TABLES[table].file}`,
      );
      return undefined;
    }
    return new TableReader(this, table, name);
  }

  /** Counts a data row of `table`; every PROGRESS_EVERY rows tells onProgress (and which table it is in). */
  countRow(table: TemplateTableName) {
    this.rows++;
    if (this.rows % PROGRESS_EVERY === 0) this.onProgress?.(this.rows, table);
  }

  done() {
    this.onProgress?.(this.rows);
  }

  commit<T extends TemplateTableName>(table: T, data: TableData<T>, problems: ProblemList) {
    (this.tables as Record<T, TableData<T>>)[table] = data;
    for (const p of problems.errors) this.found.add(p);
    for (const p of problems.warnings) this.found.add(p);
    this.found.addUnlisted(
      problems.errorCount - problems.errors.length,
      problems.count - problems.errorCount - problems.warnings.length,
    );
  }
}

const TEMPLATE_TABLE_ORDER = Object.fromEntries(Object.keys(TEMPLATE_TABLES).map((t, i) => [t, i])) as Record<
  TemplateTableName,
  number
>;

const isBlank = (v: string | undefined) => v === undefined || v.trim() === '';

/**
 * Line breaks inside a cell are stored as \n: spreadsheets use it, XLSX cannot
 * keep a \r, and Windows CSV exports write \r\n inside quoted fields.
 */
const normalizeCell = (v: string) => (v.includes('\r') ? v.replace(/\r\n?/g, '\n') : v);

/** Reads one file or sheet: feed it rows in order, then `finish` (or `discard` it). */
export class TableReader {
  private readonly data: TableData;
  private readonly problems: ProblemList;
  private readonly schema: RowSchema;
  private readonly columns: readonly string[];
  private header: { present: [string, number][]; missing: Set<string>; width: number } | undefined;
  private warnedExtraCells = false;

  constructor(
    private readonly state: ReadState,
    readonly table: TemplateTableName,
    readonly name: string,
  ) {
    this.data = {
      name,
      rows: [],
      count: 0,
      lines: new IntColumn(),
      ids: Object.fromEntries(ID_COLUMNS[table].map((c) => [c, new IntColumn()])),
      invalid: new Set(),
    };
    this.problems = new ProblemList(state.limits.maxProblems);
    this.schema = ROW_SCHEMAS[table] as unknown as RowSchema;
    this.columns = TEMPLATE_TABLES[table].columns;
  }

  /** A problem in this file; dropped with the rows if the file is discarded. */
  problem(line: number, column: string, message: string, severity: Problem['severity'] = 'error') {
    this.problems.add({ file: this.name, line, column, message, severity });
  }

  /** One row of cells; `line` as the spreadsheet numbers it. The first row that is not blank is the header. */
  row(cells: readonly (string | undefined)[], line: number): void {
    if (cells.every(isBlank)) return;
    if (!this.header) {
      this.readHeader(cells, line);
      return;
    }
    // An example or comment row (the blank template's examples): skipped, not counted.
    if (cells[0]?.trimStart().startsWith(COMMENT_MARK)) return;
    if (this.data.count >= this.state.limits.maxRowsPerTable) {
      const max = this.state.limits.maxRowsPerTable.toLocaleString('en');
      throw new TemplateLimitError(
        this.name,
        'maxRowsPerTable',
        `has more than ${max} data rows, the limit for one table; nothing was read (split the template)`,
      );
    }
    this.state.countRow(this.table);
    const { present, missing, width } = this.header;
    const raw: Record<string, string> = {};
    for (const [column, index] of present) {
      const v = cells[index];
      if (v !== undefined) raw[column] = unescapeFormula(normalizeCell(v));
    }
    if (!this.warnedExtraCells && cells.length > width && cells.slice(width).some((v) => !isBlank(v))) {
      this.warnedExtraCells = true;
      this.problem(
        line,
        '',
        'values in columns without a header are ignored (first seen on this line)',
        'warning',
      );
    }

    const result = this.schema.safeParse(raw);
    if (this.state.mode === 'rows') {
      // The first pass found this row valid; if it no longer is, the input changed under us.
      if (!result.success) throw new TemplateChangedError(this.name, line);
      if (!this.state.replay!.skip.has(this.data.count)) this.state.take(result.data);
      this.data.count++;
      return;
    }
    if (result.success) {
      this.keep(result.data as Row<TemplateTableName>, line);
      this.state.sink?.add(this.table, result.data as object);
      return;
    }
    const bad = new Set<string>();
    for (const issue of result.error.issues) {
      const column = String(issue.path[0] ?? '');
      // A column missing from the header is reported once, on the header, not on every row.
      if (missing.has(column) || bad.has(column)) continue;
      bad.add(column);
      this.problem(line, column, issue.message);
    }
    const partial: Record<string, string> = {};
    for (const column of ID_COLUMNS[this.table]) {
      if (bad.has(column) || missing.has(column)) continue;
      const id = entityId.safeParse(raw[column]);
      if (id.success) partial[fieldOf(this.table, column)] = id.data;
    }
    this.data.invalid.add(this.data.count);
    this.keep(partial as unknown as Row<TemplateTableName>, line);
  }

  /** Records a row: its line, its ids' integers, and (in 'full' mode) the row itself. */
  private keep(row: Row<TemplateTableName>, line: number) {
    const record = row as unknown as Record<string, string | undefined>;
    for (const column of ID_COLUMNS[this.table]) {
      const id = record[fieldOf(this.table, column)];
      this.data.ids[column]!.push(id === undefined ? -1 : this.state.ids.of(id));
    }
    this.data.lines.push(line);
    this.data.count++;
    if (this.state.mode === 'full') this.data.rows.push(row);
  }

  private readHeader(cells: readonly (string | undefined)[], line: number) {
    const seen = new Map<string, number>();
    let width = 0;
    cells.forEach((cell, index) => {
      const column = normalizeColumnName(cell ?? '');
      if (!column) return;
      width = index + 1;
      if (!this.columns.includes(column)) {
        this.problem(
          line,
          (cell ?? '').trim(),
          `unknown column, ignored; the columns of ${this.name} are ${this.columns.join(', ')}`,
          'warning',
        );
      } else if (seen.has(column)) {
        this.problem(line, column, 'the column appears twice in the header; keep one');
      } else {
        seen.set(column, index);
      }
    });
    const required = TEMPLATE_TABLES[this.table].required;
    for (const column of required) {
      if (!seen.has(column)) {
        this.problem(
          line,
          column,
          `required column is missing from the header (required: ${required.join(', ')})`,
        );
      }
    }
    this.header = {
      present: [...seen],
      missing: new Set(this.columns.filter((c) => !seen.has(c))),
      width,
    };
  }

  finish(): void {
    this.state.commit(this.table, this.data, this.problems);
  }

  /** Forgets the rows and problems of this file (it turned out not to be text); the table stays unread. */
  discard(): void {
    this.state.rows -= this.data.count;
    this.data.rows.length = 0;
    this.data.count = 0;
    this.data.lines.truncate(0);
    for (const column of Object.values(this.data.ids)) column.truncate(0);
    this.problems.clear();
  }
}
