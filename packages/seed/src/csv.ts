// Streams a generated ecosystem straight to a SMART template folder (eight CSV
// files), without building it in memory: size L (a million entities, about 4.5
// million dependencies) is written in constant memory. Columns in the order of
// TEMPLATE_TABLES, a header row, "\n" line ends, no BOM, fields quoted per RFC 4180
// when they hold a comma, a quote or a line break — the format @smart/templates
// writes and reads.
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { once } from 'node:events';
import { TEMPLATE_TABLE_NAMES, TEMPLATE_TABLES, type TemplateTableName } from '@smart/domain';
import { type GenerateOptions, generateRows } from './generate';

/** The field of a typed row that holds a column (dependencies say from/to). */
export function fieldOf(table: TemplateTableName, column: string): string {
  if (table === 'dependencies' && column === 'from_id') return 'from';
  if (table === 'dependencies' && column === 'to_id') return 'to';
  return column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}

/** A number as plain decimal text (never exponent notation). */
function plainNumber(n: number): string {
  const s = String(n);
  if (!/e/i.test(s)) return s;
  return n.toFixed(20).replace(/\.?0+$/, '');
}

/** One CSV field. */
export function csvField(v: unknown): string {
  if (v === undefined || v === null) return '';
  const s = typeof v === 'number' ? plainNumber(v) : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const FIELDS = Object.fromEntries(
  TEMPLATE_TABLE_NAMES.map((t) => [t, TEMPLATE_TABLES[t].columns.map((c) => fieldOf(t, c))]),
) as Record<TemplateTableName, string[]>;

/** One row as a CSV line (with its line end). */
export function csvLine(table: TemplateTableName, row: object): string {
  const r = row as Record<string, unknown>;
  const fields = FIELDS[table];
  let line = '';
  for (let i = 0; i < fields.length; i++) {
    if (i > 0) line += ',';
    line += csvField(r[fields[i] as string]);
  }
  return `${line}\n`;
}

export interface WriteResult {
  /** Rows written per table. */
  rows: Record<TemplateTableName, number>;
  entities: number;
  dependencies: number;
  ms: number;
}

/**
 * Generates the ecosystem for `opts` and writes it as a CSV template folder `dir`
 * (created if needed). Memory stays flat whatever the size: rows are formatted as
 * they are generated and buffered per file in chunks of ~256 KB, waiting for the
 * file stream to drain when it asks to.
 */
export async function writeGeneratedCsv(
  opts: GenerateOptions,
  dir: string,
  progress?: (rowsWritten: number) => void,
): Promise<WriteResult> {
  const t0 = performance.now();
  await mkdir(dir, { recursive: true });
  const streams = {} as Record<TemplateTableName, WriteStream>;
  const buffers = {} as Record<TemplateTableName, string>;
  const rows = {} as Record<TemplateTableName, number>;
  for (const t of TEMPLATE_TABLE_NAMES) {
    streams[t] = createWriteStream(join(dir, TEMPLATE_TABLES[t].file), { highWaterMark: 1 << 20 });
    buffers[t] = `${TEMPLATE_TABLES[t].columns.join(',')}\n`;
    rows[t] = 0;
  }
  const failures: Error[] = [];
  for (const s of Object.values(streams)) s.on('error', (e) => failures.push(e));

  const flush = async (t: TemplateTableName) => {
    const chunk = buffers[t];
    buffers[t] = '';
    if (failures.length) throw failures[0];
    if (!streams[t].write(chunk)) await once(streams[t], 'drain');
  };

  let written = 0;
  for (const r of generateRows(opts)) {
    buffers[r.table] += csvLine(r.table, r.row);
    rows[r.table]++;
    if (buffers[r.table].length > 1 << 18) await flush(r.table);
    if (progress && ++written % 1_000_000 === 0) progress(written);
  }
  for (const t of TEMPLATE_TABLE_NAMES) {
    if (buffers[t]) await flush(t);
    streams[t].end();
  }
  await Promise.all(TEMPLATE_TABLE_NAMES.map((t) => once(streams[t], 'close')));
  if (failures.length) throw failures[0];
  const entities =
    rows.organizations +
    rows.suppliers +
    rows.services +
    rows.assets +
    rows.workflows +
    rows.criticalFunctions;
  return { rows, entities, dependencies: rows.dependencies, ms: performance.now() - t0 };
}
