// `npm run export -- <path> [--format csv|xlsx]`: the whole graph as a SMART template;
// a CSV folder also gets provenance.csv (the submissions and what each asserted) when
// the map has any, which `import` of the folder writes back.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Store, exportProvenance, exportTemplate } from '@smart/store';
import { PROVENANCE_FILE, provenanceCsv, writeTemplate } from '@smart/templates';

export async function exportPath(store: Store, path: string, format: string): Promise<void> {
  if (format !== 'csv' && format !== 'xlsx') throw new Error(`--format must be csv or xlsx, not '${format}'`);
  const template = await exportTemplate(store);
  await writeTemplate(template, path, { format });
  const provenance = await exportProvenance(store);
  if (format === 'csv' && provenance.submissions.length)
    await writeFile(join(path, PROVENANCE_FILE), provenanceCsv(provenance));
  const rows = Object.values(template).reduce((n, r: unknown[]) => n + r.length, 0);
  console.log(`Exported ${rows} rows to ${path} (${format}).`);
}
