// Formula (CSV) injection: text that a spreadsheet would run as a formula is
// written with a leading apostrophe in every export (CSV folder, zip, XLSX), and
// import removes it again, so that any text round-trips unchanged.
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { emptyTemplate, type Template } from '@smart/domain';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  escapeFormula,
  readTemplate,
  readTemplateBuffer,
  templateToBuffer,
  unescapeFormula,
  writeTemplate,
} from '../src';
import { text } from './arbitraries';
import { tempDir } from './helpers';

let dir = '';
let n = 0;
beforeAll(async () => {
  dir = await tempDir();
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const PAYLOADS = [
  '=HYPERLINK("http://evil.example","x")',
  '+1+cmd|/C calc!A0',
  '-2+3',
  '@SUM(A1)',
  "'=already quoted",
];

/** A template with `value` in a text column, an id column and a reference column. */
function withText(value: string, id = 'sup-1'): Template {
  const t = emptyTemplate();
  t.suppliers.push({ id, name: value, securityRating: 85, notes: value });
  t.services.push({ id: 'svc-1', name: 'Claims', supplierId: id, type: 'SOFTWARE', notes: value });
  return t;
}

describe('formula injection', () => {
  it('escapes cells beginning with = + - @ in the CSV export, and leaves numbers as numbers', async () => {
    const t = withText(PAYLOADS[0]!, '=id');
    t.suppliers.push({ id: 'sup-2', name: 'Minus', securityRating: 0 });
    const out = join(dir, 'csv');
    await writeTemplate(t, out, { format: 'csv' });
    const suppliers = await readFile(join(out, 'suppliers.csv'), 'utf8');
    expect(suppliers).toBe(
      'id,name,category,country,security_rating,notes\n' +
        `'=id,"'=HYPERLINK(""http://evil.example"",""x"")",,,85,"'=HYPERLINK(""http://evil.example"",""x"")"\n` +
        'sup-2,Minus,,,0,\n',
    );
    expect(await readFile(join(out, 'services.csv'), 'utf8')).toContain(`svc-1,Claims,'=id,SOFTWARE,`);
    for (const line of suppliers.split('\n').slice(1)) {
      for (const cell of line.split(',')) expect(cell).not.toMatch(/^"?[=+\-@\t\r]/);
    }
  });

  it('escapes them in the zip download and in XLSX text cells too', async () => {
    for (const payload of PAYLOADS) {
      const t = withText(payload);
      const zip = await JSZip.loadAsync(await templateToBuffer(t, 'zip'));
      const csv = await zip.file('suppliers.csv')!.async('string');
      expect(csv.split('\n')[1]).toMatch(/^sup-1,"?'/);

      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load((await templateToBuffer(t, 'xlsx')) as unknown as ArrayBuffer);
      const row = wb.getWorksheet('suppliers')!.getRow(2);
      expect(row.getCell('B').value).toBe(`'${payload}`);
      expect(row.getCell('E').value).toBe(85); // a number cell, not text
    }
  });

  it('reads the escaped cells back to the original text, in every format', async () => {
    for (const payload of PAYLOADS) {
      const t = withText(payload, payload.replace(/\s/g, '_'));
      const out = join(dir, `rt-${PAYLOADS.indexOf(payload)}`);
      await writeTemplate(t, out, { format: 'csv' });
      expect((await readTemplate(out)).template).toEqual(t);
      expect((await readTemplateBuffer('t.xlsx', await templateToBuffer(t, 'xlsx'))).template).toEqual(t);
      expect((await readTemplateBuffer('t.zip', await templateToBuffer(t, 'zip'))).template).toEqual(t);
    }
  });

  it('keeps apostrophes that are not an escape, and negative numbers in numeric cells', async () => {
    expect(unescapeFormula("'tis")).toBe("'tis");
    expect(unescapeFormula("'")).toBe("'");
    expect(unescapeFormula("'=x")).toBe('=x');
    expect(unescapeFormula("''=x")).toBe("'=x");
    expect(escapeFormula("'tis")).toBe("'tis");
    expect(escapeFormula("'=x")).toBe("''=x");
    const r = await readTemplateBuffer(
      'workflows.csv',
      Buffer.from('id,name,organization_id,category,criticality\nw1,-5 degrees,h1,CLINICAL,-1\n'),
      { existing: new Map([['h1', 'ORGANIZATION']]) },
    );
    // -1 is read as the number -1 (and refused by the range), not as text.
    expect(r.problems.map((p) => [p.column, p.message])).toEqual([
      ['criticality', 'must be a whole number from 1 to 5'],
    ]);
  });

  it('round-trips any text, including text beginning with apostrophes and formula characters', async () => {
    const starts = fc
      .array(fc.constantFrom("'", '=', '+', '-', '@', '\t', '#'), { maxLength: 4 })
      .map((xs) => xs.join(''));
    const value = fc
      .tuple(starts, text)
      .map(([a, b]) => `${a}${b}`.trim())
      .filter((s) => s.length > 0 && s.length <= 500);
    for (const v of ['-', "'", "''", "'-", '@', "'@x", '#x', "'#x"])
      expect(unescapeFormula(escapeFormula(v))).toBe(v);
    await fc.assert(
      fc.property(fc.string(), (s) => unescapeFormula(escapeFormula(s)) === s),
      { numRuns: 2_000, seed: 8 },
    );
    await fc.assert(
      fc.asyncProperty(value, async (v) => {
        const t = withText(v);
        const out = join(dir, `p${n++}`);
        await writeTemplate(t, out, { format: 'csv' });
        expect((await readTemplate(out)).template).toEqual(t);
        expect((await readTemplateBuffer('t.xlsx', await templateToBuffer(t, 'xlsx'))).template).toEqual(t);
      }),
      { numRuns: 40, seed: 8 },
    );
  }, 60_000);
});
