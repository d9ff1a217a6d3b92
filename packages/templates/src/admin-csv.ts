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
 * Writes the files for a stream of template rows (the generator's `generateRows`, or
 * a Template's tables) into `dir`; returns the number of template rows seen. With a
 * `submission` id every entity and dependency is asserted by it (`submissions`).
 */
export async function writeAdminCsv(
  rows: Iterable<{ table: TemplateTableName; row: object }>,
  dir: string,
  opts: { submission?: string | null } = {},
): Promise<{ rows: number; files: string[] }> {
  if (opts.submission && /[;,"\s]/.test(opts.submission))
    throw new Error(
      `a submission id for neo4j-admin holds no ';', ',', quote or space: '${opts.submission}'`,
    );
  await mkdir(dir, { recursive: true });
  const streams = new Map<AdminFile, WriteStream>();
  const buffers = new Map<AdminFile, string>();
  const byTable = new Map<TemplateTableName, AdminFile[]>();
  for (const f of ADMIN_FILES) {
    streams.set(f, createWriteStream(join(dir, f.file), { highWaterMark: 1 << 20 }));
    buffers.set(f, `${adminHeader(f, opts.submission)}\n`);
    byTable.set(f.table, [...(byTable.get(f.table) ?? []), f]);
  }
  const flush = async (f: AdminFile) => {
    const s = streams.get(f)!;
    const chunk = buffers.get(f)!;
    buffers.set(f, '');
    if (!s.write(chunk)) await once(s, 'drain');
  };
  let count = 0;
  for (const { table, row } of rows) {
    count++;
    for (const f of byTable.get(table) ?? []) {
      const next = buffers.get(f)! + adminLine(f, row as Row, opts.submission);
      buffers.set(f, next);
      if (next.length > 1 << 18) await flush(f);
    }
  }
  for (const f of ADMIN_FILES) {
    await flush(f);
    streams.get(f)!.end();
  }
  await Promise.all([...streams.values()].map((s) => once(s, 'close')));
  return { rows: count, files: ADMIN_FILES.map((f) => join(dir, f.file)) };
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
