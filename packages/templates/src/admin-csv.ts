// Template rows written as node and relationship CSV files in `neo4j-admin database
// import`'s header format
// (https://neo4j.com/docs/operations-manual/5/tools/neo4j-admin/neo4j-admin-import/),
// with the labels, property names and relationship types the product's import writes:
// `smart import --bulk` (DESIGN.md §8) and the import benchmark's offline limit.
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { TEMPLATE_TABLES, type TemplateTableName } from '@smart/domain';

type Row = Record<string, unknown>;

/** camelCase field of a template column (`security_rating` → `securityRating`). */
export const fieldOf = (column: string): string =>
  column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** Properties that hold numbers; the driver writes JS numbers as floats, so the offline import does too. */
const NUMERIC = new Set([
  'beds',
  'securityRating',
  'criticality',
  'toleranceHours',
  'workaroundCapacity',
  'volumePerDay',
  'strength',
  'confidence',
]);

interface NodeFile {
  kind: 'nodes';
  file: string;
  table: TemplateTableName;
  labels: string[];
  /** Row fields written as properties, in column order (the id first). */
  fields: string[];
}

interface RelFile {
  kind: 'relationships';
  file: string;
  table: TemplateTableName;
  type: string;
  start: string;
  end: string;
  fields: string[];
}

export type AdminFile = NodeFile | RelFile;

const OWNER_FIELDS = new Set(['supplierId', 'organizationId']);

const nodeFile = (table: TemplateTableName, label: string): NodeFile => ({
  kind: 'nodes',
  file: `nodes-${TEMPLATE_TABLES[table].sheet}.csv`,
  table,
  labels: ['Entity', label],
  fields: TEMPLATE_TABLES[table].columns.map(fieldOf).filter((f) => !OWNER_FIELDS.has(f)),
});

const relFile = (table: TemplateTableName, type: string, start: string, end: string, fields: string[] = []) =>
  ({
    kind: 'relationships',
    file: `rels-${type.toLowerCase()}.csv`,
    table,
    type,
    start,
    end,
    fields,
  }) as RelFile;

/** Every file, in the order `neo4j-admin` gets them. */
export const ADMIN_FILES: readonly AdminFile[] = [
  nodeFile('organizations', 'Organization'),
  nodeFile('suppliers', 'Supplier'),
  nodeFile('services', 'Service'),
  nodeFile('assets', 'Asset'),
  nodeFile('workflows', 'Workflow'),
  nodeFile('criticalFunctions', 'CriticalFunction'),
  relFile('dependencies', 'DEPENDS_ON', 'from', 'to', ['group', 'strength', 'source', 'confidence', 'notes']),
  relFile('services', 'PROVIDED_BY', 'id', 'supplierId'),
  relFile('workflows', 'PERFORMS', 'organizationId', 'id'),
  relFile('assets', 'OWNS', 'organizationId', 'id'),
  relFile('workflowFunctions', 'SUPPORTS', 'workflowId', 'functionId'),
];

const typed = (f: string) => (NUMERIC.has(f) ? `${f}:float` : f);

/**
 * Whether a file's rows are asserted by the submission a load is recorded as (issue 13
 * item 3): the entities and the DEPENDS_ON edges, as the product's import asserts them.
 */
const asserted = (f: AdminFile) => f.kind === 'nodes' || f.type === 'DEPENDS_ON';

/**
 * The header line of a file (without line end). With a `submission` id, the entity and
 * DEPENDS_ON files end with the `submissions` list the import keeps (a string array).
 */
export function adminHeader(f: AdminFile, submission?: string | null): string {
  const columns =
    f.kind === 'nodes'
      ? f.fields.map((field) => (field === 'id' ? 'id:ID' : typed(field)))
      : [':START_ID', ':END_ID', ...f.fields.map(typed)];
  if (submission && asserted(f)) columns.push('submissions:string[]');
  return columns.join(',');
}

/** One CSV field: RFC 4180 quoting, numbers in plain decimal notation, absent values empty. */
export function adminField(v: unknown): string {
  if (v === undefined || v === null) return '';
  let s: string;
  if (typeof v === 'number') {
    s = String(v);
    if (/e/i.test(s)) s = Number.isInteger(v) ? BigInt(v).toString() : v.toFixed(20).replace(/\.?0+$/, '');
  } else s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * One data line of a file for a template row (with its line end); with a `submission`
 * id, an entity's or a DEPENDS_ON edge's `submissions` list is that one id (a list of
 * one needs no array delimiter: an id is sub-<date>-<hex>).
 */
export function adminLine(f: AdminFile, row: Row, submission?: string | null): string {
  const values =
    f.kind === 'nodes'
      ? f.fields.map((k) => row[k])
      : [row[f.start], row[f.end], ...f.fields.map((k) => row[k])];
  if (submission && asserted(f)) values.push(submission);
  return `${values.map(adminField).join(',')}\n`;
}

/** The `--nodes=…` / `--relationships=…` arguments for files in `dir`. */
export function adminArgs(dir: string): string[] {
  return ADMIN_FILES.map((f) =>
    f.kind === 'nodes'
      ? `--nodes=${f.labels.join(':')}=${join(dir, f.file)}`
      : `--relationships=${f.type}=${join(dir, f.file)}`,
  );
}

/**
 * The files of one load, written as rows arrive: `add` is synchronous (a reader calls it
 * for each row it checks, DESIGN §8 "Bulk initial load"), and `drain` waits until the
 * files have taken what was written, which is what bounds the memory of a long stream.
 * A table can be written again from its start (`rewrite`) when rows it was given turn
 * out not to be loaded (a repeat a later check dropped with a warning).
 */
export class AdminCsvWriter {
  private readonly streams = new Map<AdminFile, WriteStream>();
  private readonly buffers = new Map<AdminFile, string>();
  private readonly byTable = new Map<TemplateTableName, AdminFile[]>();
  private readonly perTable = new Map<TemplateTableName, number>();
  private closed = false;
  /** Template rows written (rows of a rewritten table counted once). */
  rows = 0;

  private constructor(
    readonly dir: string,
    private readonly submission: string | null,
  ) {
    for (const f of ADMIN_FILES) this.byTable.set(f.table, [...(this.byTable.get(f.table) ?? []), f]);
  }

  /** Creates `dir` and the files, each with its header line. */
  static async open(dir: string, opts: { submission?: string | null } = {}): Promise<AdminCsvWriter> {
    if (opts.submission && /[;,"\s]/.test(opts.submission))
      throw new Error(
        `a submission id for neo4j-admin holds no ';', ',', quote or space: '${opts.submission}'`,
      );
    await mkdir(dir, { recursive: true });
    const w = new AdminCsvWriter(dir, opts.submission ?? null);
    for (const f of ADMIN_FILES) w.openFile(f);
    return w;
  }

  private openFile(f: AdminFile) {
    this.streams.set(f, createWriteStream(join(this.dir, f.file), { highWaterMark: 1 << 20 }));
    this.buffers.set(f, `${adminHeader(f, this.submission)}\n`);
  }

  /** Rows of `table` given so far (since its last rewrite). */
  written(table: TemplateTableName): number {
    return this.perTable.get(table) ?? 0;
  }

  /** One template row: its line in each of its table's files. */
  add(table: TemplateTableName, row: object): void {
    this.rows++;
    this.perTable.set(table, this.written(table) + 1);
    for (const f of this.byTable.get(table) ?? []) {
      const next = this.buffers.get(f)! + adminLine(f, row as Row, this.submission);
      if (next.length > 1 << 18) {
        this.streams.get(f)!.write(next);
        this.buffers.set(f, '');
      } else this.buffers.set(f, next);
    }
  }

  /** Waits until every file has written out what it was given beyond its buffer. */
  async drain(): Promise<void> {
    for (const s of this.streams.values()) if (s.writableNeedDrain) await once(s, 'drain');
  }

  /**
   * Writes `table`'s files again from their header: `feed` calls `add` with the table's
   * rows (and may await `drain` between them).
   */
  async rewrite(table: TemplateTableName, feed: () => Promise<void>): Promise<void> {
    const files = this.byTable.get(table) ?? [];
    await Promise.all(files.map((f) => this.closeFile(f, false)));
    for (const f of files) this.openFile(f);
    this.rows -= this.written(table);
    this.perTable.set(table, 0);
    await feed();
  }

  private async closeFile(f: AdminFile, flush: boolean) {
    const s = this.streams.get(f)!;
    if (flush && this.buffers.get(f)) s.write(this.buffers.get(f)!);
    this.buffers.set(f, '');
    if (s.closed) return;
    const closed = once(s, 'close');
    s.end();
    await closed;
  }

  /** Writes out what is left and closes the files (once; later calls do nothing). */
  async close(): Promise<string[]> {
    if (!this.closed) {
      this.closed = true;
      await Promise.all(ADMIN_FILES.map((f) => this.closeFile(f, true)));
    }
    return ADMIN_FILES.map((f) => join(this.dir, f.file));
  }
}

/**
 * Writes the files for a stream of template rows (the generator's `generateRows`, or
 * a Template's tables) into `dir`; returns the number of template rows seen. With a
 * `submission` id every entity and dependency is asserted by it (`submissions`).
 */
export async function writeAdminCsv(
  rows: Iterable<{ table: TemplateTableName; row: object }>,
  dir: string,
  opts: { submission?: string | null } = {},
): Promise<{ rows: number; files: string[] }> {
  const w = await AdminCsvWriter.open(dir, opts);
  try {
    for (const { table, row } of rows) {
      w.add(table, row);
      if (w.rows % 10_000 === 0) await w.drain();
    }
  } finally {
    await w.close();
  }
  return { rows: w.rows, files: ADMIN_FILES.map((f) => join(dir, f.file)) };
}

/** A Template's rows as the (table, row) stream `writeAdminCsv` takes. */
export function* templateTableRows(t: { [K in TemplateTableName]: readonly object[] }): Generator<{
  table: TemplateTableName;
  row: object;
}> {
  for (const table of Object.keys(TEMPLATE_TABLES) as TemplateTableName[]) {
    for (const row of t[table]) yield { table, row };
  }
}
