// The streamed read (indexTemplate, the first pass of a staged import) reports exactly
// what readTemplate reports, and its second pass hands on exactly readTemplate's rows:
// checked on random messy templates (duplicate ids, unknown and wrong-kind references,
// self and repeated dependencies, repeated links, bad values, missing tables), as a CSV
// folder and as a .zip, with and without the database's ids, and with a small problem limit.
// A `--bulk` load's single pass (rowSink) gets the rows as they are read.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type EntityKind,
  TEMPLATE_TABLE_NAMES,
  TEMPLATE_TABLES,
  type TemplateTableName,
} from '@smart/domain';
import fc from 'fast-check';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import {
  hasErrors,
  indexTemplate,
  readTemplate,
  readTemplateBuffer,
  TemplateChangedError,
  templateToBuffer,
  writeTemplate,
} from '../src';
import { template } from './arbitraries';
import { tempDir } from './helpers';

const ID = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', '');
const cell = (...values: string[]) => fc.constantFrom(...values);
const COLUMNS: Record<TemplateTableName, Record<string, fc.Arbitrary<string>>> = {
  organizations: { id: ID, name: cell('Org', ''), subsector: cell('DIRECT_PATIENT_CARE', 'BAD') },
  suppliers: { id: ID, name: cell('Sup', 'Sup 2') },
  services: { id: ID, name: cell('Svc'), supplier_id: ID, type: cell('SOFTWARE', 'NOPE') },
  assets: { id: ID, name: cell('Asset'), organization_id: ID },
  workflows: { id: ID, name: cell('Wf'), organization_id: ID, category: cell('ADMINISTRATIVE') },
  criticalFunctions: { id: ID, name: cell('Cf', '') },
  workflowFunctions: { workflow_id: ID, function_id: ID },
  dependencies: { from_id: ID, to_id: ID, criticality: cell('3', '', '9') },
};

const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** A random template as CSV files (some tables left out). */
const files = fc
  .tuple(
    ...TEMPLATE_TABLE_NAMES.map((table) =>
      fc.option(fc.array(fc.record(COLUMNS[table]), { maxLength: 8 }), { nil: undefined, freq: 6 }),
    ),
  )
  .map((tables) => {
    const out: Record<string, string> = {};
    TEMPLATE_TABLE_NAMES.forEach((table, i) => {
      const rows = tables[i];
      if (!rows) return;
      const columns = Object.keys(COLUMNS[table]);
      out[TEMPLATE_TABLES[table].file] = [
        columns.join(','),
        ...rows.map((r) => columns.map((c) => quote(r[c]!)).join(',')),
      ].join('\n');
    });
    return out;
  });

const existing = fc.option(
  fc.dictionary(
    cell('a', 'f', 'g', 'x'),
    fc.constantFrom<EntityKind[]>(
      'ORGANIZATION',
      'SUPPLIER',
      'SERVICE',
      'WORKFLOW',
      'CRITICAL_FUNCTION',
      'ASSET',
    ),
  ),
  { nil: undefined },
);

async function zipOf(content: Record<string, string>): Promise<Uint8Array> {
  const zip = new JSZip();
  for (const [name, text] of Object.entries(content)) zip.file(name, text);
  return zip.generateAsync({ type: 'uint8array' });
}

describe('a streamed read', () => {
  it('reports what readTemplate reports and replays its rows (CSV folder and .zip)', async () => {
    const root = await tempDir();
    let n = 0;
    try {
      await fc.assert(
        fc.asyncProperty(files, existing, fc.boolean(), async (content, known, few) => {
          const dir = join(root, String(n++));
          await mkdir(dir);
          for (const [name, text] of Object.entries(content)) await writeFile(join(dir, name), text);
          const zip = join(root, `${n}.zip`);
          await writeFile(zip, await zipOf(content));
          const opts = {
            existing: known && new Map<string, EntityKind>(Object.entries(known)),
            limits: few ? { maxProblems: 3 } : {},
          };
          for (const path of [dir, zip]) {
            const read = await readTemplate(path, opts);
            const index = await indexTemplate({ path }, opts);
            expect(index.problems).toEqual(read.problems);
            expect(index.problemCount).toBe(read.problemCount);
            expect(index.rows).toBe(read.rows);
            expect(index.tables).toEqual(read.tables);
            expect(index.provenance).toEqual(read.provenance);
            for (const table of TEMPLATE_TABLE_NAMES) {
              expect(index.counts[table]).toBe(read.template[table].length);
              read.template[table].forEach((_, row) => {
                expect(index.location(table, row)).toEqual({
                  file: read.tables[table],
                  line: read.lines[table][row],
                });
              });
            }
            if (hasErrors(read.problems)) continue;
            const ids = new Map<string, EntityKind>();
            for (const [table, kind] of [
              ['organizations', 'ORGANIZATION'],
              ['suppliers', 'SUPPLIER'],
              ['services', 'SERVICE'],
              ['assets', 'ASSET'],
              ['workflows', 'WORKFLOW'],
              ['criticalFunctions', 'CRITICAL_FUNCTION'],
            ] as const)
              for (const r of read.template[table]) ids.set(r.id, kind);
            expect(new Map([...index.kinds.keys()].map((id) => [id, index.kinds.get(id)]))).toEqual(ids);
            for (const d of read.template.dependencies)
              expect(index.hasEdge('DEPENDS_ON', d.from, d.to)).toBe(true);
            for (const l of read.template.workflowFunctions)
              expect(index.hasEdge('SUPPORTS', l.workflowId, l.functionId)).toBe(true);
            expect(index.hasEdge('DEPENDS_ON', 'nothing', 'a')).toBe(false);
            for (const table of TEMPLATE_TABLE_NAMES) {
              const rows: unknown[] = [];
              const sizes: number[] = [];
              await index.eachBatch(table, 2, async (batch) => {
                sizes.push(batch.length);
                rows.push(...batch);
              });
              expect(rows).toEqual(read.template[table]);
              expect(sizes.every((s) => s > 0 && s <= 2)).toBe(true);
            }
          }
        }),
        { seed: 20261203, numRuns: 60 },
      );
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('replays exactly the rows of valid templates (CSV folder, .xlsx file, uploaded .zip and .xlsx)', async () => {
    const root = await tempDir();
    let n = 0;
    try {
      await fc.assert(
        fc.asyncProperty(template, fc.integer({ min: 1, max: 7 }), async (t, batch) => {
          const dir = join(root, String(n++));
          await writeTemplate(t, dir, { format: 'csv' });
          const xlsx = join(root, `${n}.xlsx`);
          await writeTemplate(t, xlsx, { format: 'xlsx' });
          const uploads = await Promise.all(
            (['zip', 'xlsx'] as const).map(async (f) => ({
              fileName: `upload.${f}`,
              data: await templateToBuffer(t, f),
            })),
          );
          for (const input of [{ path: dir }, { path: xlsx }, ...uploads]) {
            const read =
              'path' in input
                ? await readTemplate(input.path)
                : await readTemplateBuffer(input.fileName, input.data);
            // A `--bulk` load takes the rows in the same pass as the checks (rowSink).
            const sunk = Object.fromEntries(TEMPLATE_TABLE_NAMES.map((t) => [t, [] as object[]]));
            const index = await indexTemplate(input, {
              rowSink: { add: (table, row) => sunk[table]!.push(row), drain: async () => {} },
            });
            expect(index.problems).toEqual(read.problems);
            expect(read.problems.filter((p) => p.severity === 'error')).toEqual([]);
            // Without any problem no row is dropped after the read: the sink had them all.
            if (read.problems.length === 0)
              for (const table of TEMPLATE_TABLE_NAMES) expect(sunk[table]).toEqual(read.template[table]);
            for (const table of TEMPLATE_TABLE_NAMES) {
              const rows: unknown[] = [];
              await index.eachBatch(table, batch, async (b) => {
                expect(b.length).toBeLessThanOrEqual(batch);
                rows.push(...b);
              });
              expect(rows).toEqual(read.template[table]);
              expect(index.counts[table]).toBe(t[table].length);
            }
          }
        }),
        { seed: 20261203, numRuns: 15 },
      );
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('hands each row that passes its row checks to a rowSink as it reads, draining it between chunks', async () => {
    const dir = await tempDir();
    try {
      const DEPS = 50_000;
      await writeFile(
        join(dir, 'organizations.csv'),
        'id,name,subsector\nh1,General,DIRECT_PATIENT_CARE\nh2,Bad,NOT_A_SUBSECTOR\n',
      );
      await writeFile(join(dir, 'suppliers.csv'), 'id,name\ns1,Cloud\n');
      const services = ['id,name,supplier_id,type'];
      for (let i = 0; i < 100; i++) services.push(`sv${i},API ${i},s1,SOFTWARE`);
      await writeFile(join(dir, 'services.csv'), `${services.join('\n')}\n`);
      const workflows = ['id,name,organization_id,category'];
      for (let i = 0; i < DEPS / 100; i++) workflows.push(`w${i},Workflow ${i},h1,ADMINISTRATIVE`);
      await writeFile(join(dir, 'workflows.csv'), `${workflows.join('\n')}\n`);
      await writeFile(join(dir, 'critical_functions.csv'), 'id,name\ncf1,Care\n');
      // The repeat is dropped with a warning only after the read (a cross-file check).
      await writeFile(join(dir, 'workflow_functions.csv'), 'workflow_id,function_id\nw1,cf1\nw1,cf1\n');
      const deps = ['from_id,to_id,strength'];
      for (let i = 0; i < DEPS; i++) deps.push(`w${Math.floor(i / 100)},sv${i % 100},0.${i % 10}`);
      await writeFile(join(dir, 'dependencies.csv'), `${deps.join('\n')}\n`);

      const sunk: { table: string; row: object }[] = [];
      const atDrain: number[] = [];
      const index = await indexTemplate(
        { path: dir },
        {
          rowSink: {
            add: (table, row) => sunk.push({ table, row }),
            drain: async () => {
              atDrain.push(sunk.length);
            },
          },
        },
      );
      const read = await readTemplate(dir);
      expect(index.problems).toEqual(read.problems);
      // The row with a bad value never reaches the sink; the others do, in file order.
      const of = (table: string) => sunk.filter((s) => s.table === table).map((s) => s.row);
      expect(of('organizations')).toEqual(read.template.organizations);
      expect(of('dependencies')).toEqual(read.template.dependencies);
      expect(of('dependencies')).toHaveLength(DEPS);
      // The repeated link was given (its check comes after the read), and then dropped.
      expect(of('workflowFunctions')).toHaveLength(2);
      expect(index.counts.workflowFunctions).toBe(1);
      // Rows flow while the file is read: drained between chunks, not only at the end.
      expect(atDrain.some((n) => n > 0 && n < sunk.length)).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses to replay a template that changed after it was checked', async () => {
    const dir = await tempDir();
    try {
      await writeFile(join(dir, 'suppliers.csv'), 'id,name\ns1,One\ns2,Two\n');
      const index = await indexTemplate({ path: dir });
      expect(index.problems).toEqual([]);
      await writeFile(join(dir, 'suppliers.csv'), 'id,name\ns1,One\ns2,\n');
      await expect(index.eachBatch('suppliers', 10, async () => {})).rejects.toBeInstanceOf(
        TemplateChangedError,
      );
      await writeFile(join(dir, 'suppliers.csv'), 'id,name\ns1,One\ns2,Two\ns3,Three\n');
      await expect(index.eachBatch('suppliers', 10, async () => {})).rejects.toThrow(/changed/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
