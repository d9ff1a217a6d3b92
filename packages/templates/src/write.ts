// Entry points for writing: a CSV folder or an XLSX file on disk, or a buffer
// (xlsx or zip of CSVs) for a download.
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { PassThrough } from 'node:stream';
import { type ProvenanceTable, TEMPLATE_TABLE_NAMES, TEMPLATE_TABLES, type Template } from '@smart/domain';
import { writeCsvTable } from './csv';
import { writeXlsx } from './xlsx';
import { zipBuffer } from './zip';

/**
 * Writes a template. csv: `path` is a folder (created if needed) that receives all
 * eight files, with headers even when a table is empty. xlsx: `path` is the
 * workbook file, with a `provenance` sheet when `provenance` has submissions (a CSV
 * folder's provenance.csv is written by the caller).
 */
export async function writeTemplate(
  template: Template,
  path: string,
  opts: { format: 'csv' | 'xlsx'; provenance?: ProvenanceTable },
): Promise<void> {
  if (opts.format === 'csv') {
    await mkdir(path, { recursive: true });
    for (const table of TEMPLATE_TABLE_NAMES) {
      await writeCsvTable(table, template[table], createWriteStream(join(path, TEMPLATE_TABLES[table].file)));
    }
    return;
  }
  await mkdir(dirname(path), { recursive: true });
  await writeXlsx(template, () => createWriteStream(path), opts.provenance);
}

/**
 * The template as one file for a download: an .xlsx workbook or a .zip of the eight CSV
 * files, with the provenance table (a `provenance` sheet, a provenance.csv) when given.
 */
export async function templateToBuffer(
  template: Template,
  format: 'xlsx' | 'zip',
  provenance?: ProvenanceTable,
): Promise<Uint8Array> {
  if (format === 'zip') return zipBuffer(template, provenance);
  const parts: Buffer[] = [];
  const out = new PassThrough();
  out.on('data', (chunk: Buffer) => parts.push(chunk));
  await writeXlsx(template, () => out, provenance);
  return Buffer.concat(parts);
}
