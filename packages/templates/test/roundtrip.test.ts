// read(write(T)) deep-equals T, for a CSV folder, an XLSX file, and the download
// buffers (xlsx and zip), over generated templates.
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { emptyTemplate, TEMPLATE_TABLE_NAMES, TEMPLATE_TABLES, type Template } from '@smart/domain';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTemplate, readTemplateBuffer, templateToBuffer, writeTemplate } from '../src';
import { template } from './arbitraries';
import { tempDir } from './helpers';

// Seeded so a failure replays: FC_SEED=<n> runs another sequence (fast-check prints the
// seed and path of a failing case).
const SEED = Number(process.env.FC_SEED ?? 20261202);

let dir = '';
beforeAll(async () => {
  dir = await tempDir();
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

let n = 0;
const lossless = (result: { template: Template; problems: unknown[] }, t: Template) => {
  expect(result.problems).toEqual([]);
  expect(result.template).toEqual(t);
};

describe('round trip', () => {
  it('CSV folder', async () => {
    await fc.assert(
      fc.asyncProperty(template, async (t) => {
        const out = join(dir, `csv${n++}`);
        await writeTemplate(t, out, { format: 'csv' });
        lossless(await readTemplate(out), t);
      }),
      { seed: SEED, numRuns: 60 },
    );
  });

  it('XLSX file', async () => {
    await fc.assert(
      fc.asyncProperty(template, async (t) => {
        const out = join(dir, `t${n++}.xlsx`);
        await writeTemplate(t, out, { format: 'xlsx' });
        lossless(await readTemplate(out), t);
      }),
      { seed: SEED, numRuns: 25 },
    );
  });

  it('download buffers: xlsx and zip', async () => {
    await fc.assert(
      fc.asyncProperty(template, async (t) => {
        lossless(await readTemplateBuffer('template.xlsx', await templateToBuffer(t, 'xlsx')), t);
        lossless(await readTemplateBuffer('template.zip', await templateToBuffer(t, 'zip')), t);
      }),
      { seed: SEED, numRuns: 15 },
    );
  });

  it('writes all eight files with headers even when empty, in the export format', async () => {
    const out = join(dir, 'empty');
    const t = emptyTemplate();
    t.suppliers.push({ id: 's1', name: 'Tiny', securityRating: 1e-7 });
    t.workflows.push({
      id: 'w1',
      name: 'Big',
      organizationId: 'h1',
      category: 'clinical' as 'CLINICAL', // export writes enums upper case whatever it is given
      volumePerDay: 2.5e21,
    });
    await writeTemplate(t, out, { format: 'csv' });
    for (const table of TEMPLATE_TABLE_NAMES) {
      const bytes = await readFile(join(out, TEMPLATE_TABLES[table].file));
      expect(bytes[0]).not.toBe(0xef); // no BOM
      const textContent = bytes.toString('utf8');
      expect(textContent).not.toContain('\r');
      expect(textContent.split('\n')[0]).toBe(TEMPLATE_TABLES[table].columns.join(','));
    }
    expect(await readFile(join(out, 'suppliers.csv'), 'utf8')).toBe(
      'id,name,category,country,security_rating,notes\ns1,Tiny,,,0.0000001,\n',
    );
    expect(await readFile(join(out, 'workflows.csv'), 'utf8')).toContain(
      'w1,Big,h1,CLINICAL,,,,,2500000000000000000000,,\n',
    );
  });

  it('writes a workbook with one sheet per table, header bold and frozen, numbers as numbers', async () => {
    const t = emptyTemplate();
    t.suppliers.push({ id: 's1', name: 'Change', securityRating: 85.5 });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await templateToBuffer(t, 'xlsx')) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((ws) => ws.name)).toEqual(
      TEMPLATE_TABLE_NAMES.map((n) => TEMPLATE_TABLES[n].sheet),
    );
    const ws = wb.getWorksheet('suppliers');
    expect(ws?.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws?.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(ws?.getRow(1).values).toEqual([undefined, ...TEMPLATE_TABLES.suppliers.columns]);
    expect(ws?.getRow(2).getCell('E').value).toBe(85.5);
    expect(ws?.getRow(2).getCell('F').value).toBe(null);
  });
});
