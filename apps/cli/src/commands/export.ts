// `npm run export -- <path> [--format csv|xlsx]`: the whole graph as a SMART template.
import { type Store, exportTemplate } from '@smart/store';
import { writeTemplate } from '@smart/templates';

export async function exportPath(store: Store, path: string, format: string): Promise<void> {
  if (format !== 'csv' && format !== 'xlsx') throw new Error(`--format must be csv or xlsx, not '${format}'`);
  const template = await exportTemplate(store);
  await writeTemplate(template, path, { format });
  const rows = Object.values(template).reduce((n, r: unknown[]) => n + r.length, 0);
  console.log(`Exported ${rows} rows to ${path} (${format}).`);
}
