// `npm run export -- <path> [--format csv|xlsx] [--org ORG_ID[,…]]`: the whole graph as
// a SMART template; a CSV folder also gets provenance.csv (the submissions and what each
// asserted) when the map has any, a workbook a `provenance` sheet, which `import` writes back. With --org,
// only what a user scoped to those organizations may see (`scopeTemplate`, DESIGN §6):
// no provenance.csv, whose submissions may name any organization's rows.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Store, exportProvenance, exportTemplate } from '@smart/store';
import {
  PROVENANCE_FILE,
  provenanceCsv,
  scopeTemplate,
  unknownScopeOrganizations,
  writeTemplate,
} from '@smart/templates';

/** --org A,B and --org A --org B: the organization ids, or undefined without --org. */
export function parseScope(values: string[] | undefined): string[] | undefined {
  if (values === undefined) return undefined;
  const ids = [...new Set(values.flatMap((v) => v.split(',')).map((o) => o.trim()))].filter(Boolean);
  if (!ids.length) throw new Error('--org needs organization ids: --org ORG_ID[,ORG_ID…]');
  return ids;
}

export async function exportPath(
  store: Store,
  path: string,
  format: string,
  organizations?: readonly string[],
): Promise<void> {
  if (format !== 'csv' && format !== 'xlsx') throw new Error(`--format must be csv or xlsx, not '${format}'`);
  const whole = await exportTemplate(store);
  let template = whole;
  if (organizations) {
    // Checked before anything is written: an unknown id is a mistake, not an empty scope.
    const unknown = unknownScopeOrganizations(whole, organizations);
    if (unknown.length)
      throw new Error(
        `--org: no organization has the id ${unknown.map((o) => `'${o}'`).join(', ')} (organizations.csv, column id); nothing written`,
      );
    template = scopeTemplate(whole, organizations);
  }
  const provenance = organizations ? undefined : await exportProvenance(store);
  // A workbook carries it as a `provenance` sheet, a CSV folder as provenance.csv.
  await writeTemplate(template, path, { format, provenance });
  if (format === 'csv' && provenance?.submissions.length)
    await writeFile(join(path, PROVENANCE_FILE), provenanceCsv(provenance));
  const rows = Object.values(template).reduce((n, r: unknown[]) => n + r.length, 0);
  const scope = organizations ? `, scoped to ${organizations.join(', ')}` : '';
  console.log(`Exported ${rows} rows to ${path} (${format}${scope}).`);
}
