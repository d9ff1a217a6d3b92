// A .zip of CSV files (what a browser uploads instead of a folder). The zip is in
// memory compressed; each entry is inflated as a stream into the CSV reader, so
// only one chunk of uncompressed text exists at a time, and the inflated bytes are
// counted against the ReadLimits as they come (see ./archive, ./limits).
import { type ProvenanceTable, TEMPLATE_TABLE_NAMES, TEMPLATE_TABLES, type Template } from '@smart/domain';
import JSZip from 'jszip';
import { DamagedEntryError, openArchive } from './archive';
import type { ReadState } from './collect';
import { csvTableStream, readCsvTable } from './csv';
import { PROVENANCE_FILE, provenanceCsv } from './provenance';
import { TABLE_FILES, tableOfName } from './tables';

/** Entries that zip tools add on their own (macOS resource forks, hidden files): skipped silently. */
const isNoise = (path: string) => path.startsWith('__MACOSX/') || /(^|\/)\./.test(path);

export async function readZip(state: ReadState, data: Uint8Array, fileName: string): Promise<void> {
  const archive = openArchive(data, fileName, state.limits);
  if (!archive) {
    state.problem(fileName, 0, '', 'is not a readable zip file (its directory is missing or damaged)');
    return;
  }
  await archive.verify();
  const entries = archive.entries.filter((f) => !isNoise(f.name));
  let tables = 0;
  for (const entry of entries) {
    const base = entry.name.slice(entry.name.lastIndexOf('/') + 1);
    if (base.toLowerCase() === PROVENANCE_FILE) {
      // The provenance table (issue 13): read whole, parsed with the template (read.ts finish).
      try {
        const decoder = new TextDecoder();
        let text = '';
        for await (const chunk of archive.open(entry)) text += decoder.decode(chunk, { stream: true });
        state.provenanceText = { file: base, text: text + decoder.decode() };
      } catch (error) {
        if (!(error instanceof DamagedEntryError)) throw error;
        state.problem(base, 0, '', `cannot be read from the zip (${error.message}); zip the files again`);
      }
      continue;
    }
    const table = base.toLowerCase().endsWith('.csv') ? tableOfName(base) : undefined;
    if (!table) {
      state.problem(
        base,
        0,
        '',
        `unknown file, ignored; the files of a template are ${TABLE_FILES}`,
        'warning',
      );
      continue;
    }
    tables++;
    try {
      await readCsvTable(state, table, base, () => archive.open(entry));
    } catch (error) {
      if (!(error instanceof DamagedEntryError)) throw error;
      state.problem(base, 0, '', `cannot be read from the zip (${error.message}); zip the files again`);
    }
  }
  if (tables === 0) state.problem(fileName, 0, '', `holds none of the template files (${TABLE_FILES})`);
}

/** All eight tables as CSV files in one zip (and provenance.csv), each streamed into the archive as it is compressed. */
export async function zipBuffer(template: Template, provenance?: ProvenanceTable): Promise<Uint8Array> {
  const zip = new JSZip();
  for (const table of TEMPLATE_TABLE_NAMES) {
    zip.file(TEMPLATE_TABLES[table].file, csvTableStream(table, template[table]));
  }
  // The provenance table (issue 13), when the map has submissions, as in a CSV folder.
  if (provenance?.submissions.length) zip.file(PROVENANCE_FILE, provenanceCsv(provenance));
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}
