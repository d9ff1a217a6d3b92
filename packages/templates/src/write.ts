// Entry points for writing: a CSV folder or an XLSX file on disk, or a buffer
// (xlsx or zip of CSVs) for a download.
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { PassThrough } from 'node:stream';
import { TEMPLATE_TABLE_NAMES, TEMPLATE_TABLES, type Template } from '@smart/domain';
import { writeCsvTable } from './csv';
import { writeXlsx } from './xlsx';
import { zipBuffer } from './zip';

/**
 * Writes a template. csv: `path` is a folder (created if needed) that receives all
 * eight files, with headers even when a table is empty. xlsx: `path` is the
 * workbook file.
 */
export async function writeTemplate(
  template: Template,
  path: string,
  opts: { format: 'csv' | 'xlsx' },
): Promise<void> {
  if (opts.format === 'csv') {
    await mkdir(path, { recursive: true });
    for (const table of TEMPLATE_TABLE_NAMES) {
      await writeCsvTable(table, template[table], createWriteStream(join(path, TEMPLATE_TABLES[table].file)));
    }
    return;
  }
  await mkdir(dirname(path), { recursive: true });
  await writeXlsx(template, () => createWriteStream(path));
}

/** The template as one file for a download: an .xlsx workbook or a .zip of the eight CSV files. */
export async function templateToBuffer(template: Template, format: 'xlsx' | 'zip'): Promise<Uint8Array> {
  if (format === 'zip') return zipBuffer(template);
  const parts: Buffer[] = [];
  const out = new PassThrough();
  out.on('data', (chunk: Buffer) => parts.push(chunk));
  await writeXlsx(template, () => out);
  return Buffer.concat(parts);
}
