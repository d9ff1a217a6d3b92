// Streams a generated ecosystem straight to a SMART template folder (eight CSV
// files), without building it in memory: size L (a million entities, about 4.5
// million dependencies) is written in constant memory. Each line is formatted by
// @smart/templates (csvLine), so the files are exactly what its writer writes.
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { once } from 'node:events';
import { TEMPLATE_TABLE_NAMES, TEMPLATE_TABLES, type TemplateTableName } from '@smart/domain';
import { csvHeader, csvLine } from '@smart/templates';
import { type GenerateOptions, generateRows } from './generate';

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
    buffers[t] = csvHeader(t);
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
