// What one read may cost (ReadLimits): zip and workbook bombs are refused while
// they inflate, tables have a row limit, and the problem list is capped with a
// total count, so a small hostile file cannot fill memory.
import { emptyTemplate } from '@smart/domain';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { bombEntry, csvZipBomb, entry, rss, xlsxBomb, zip } from '../../../test/support/bombs';
import { handBuilt } from '../../../test/fixtures/hand-built';
import { readTemplateBuffer, TemplateLimitError, templateToBuffer, UPLOAD_READ_LIMITS } from '../src';
import { readFiles, VALID } from './helpers';

const MB = 1024 * 1024;

/** The error a read throws (fails the test when it resolves). */
async function refusal(read: Promise<unknown>): Promise<TemplateLimitError> {
  const error = await read.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TemplateLimitError);
  return error as TemplateLimitError;
}

describe('zip bombs', () => {
  it('refuses a zip of CSV that declares 250× its size, before inflating anything', async () => {
    const bomb = csvZipBomb(256 * MB);
    expect(bomb.length).toBeLessThan((256 * MB) / 200);
    const before = rss();
    const e = await refusal(readTemplateBuffer('bomb.zip', bomb, { limits: UPLOAD_READ_LIMITS }));
    expect(rss() - before).toBeLessThan(100 * MB);
    expect(e.limit).toBe('maxInflateRatio');
    expect(e.message).toMatch(
      /^bomb\.zip: dependencies\.csv: the archive declares an inflated size of more than [\d.]+ MB \(20× its own size\); nothing was read/,
    );
  });

  it('refuses a zip bomb that lies about its size as soon as it inflates past what it declares', async () => {
    const bomb = csvZipBomb(256 * MB, { declaredSize: 100_000 });
    const before = rss();
    const e = await refusal(readTemplateBuffer('liar.zip', bomb, { limits: UPLOAD_READ_LIMITS }));
    expect(rss() - before).toBeLessThan(100 * MB);
    expect(e.limit).toBe('declaredSize');
    expect(e.message).toBe(
      'liar.zip: dependencies.csv: inflates to more than the 100,000 bytes the archive declares for it; nothing was read (a corrupt archive or a zip bomb)',
    );
  });

  it('refuses workbooks whose sheet XML inflates 250×, declared or not', async () => {
    const workbook = await templateToBuffer(handBuilt(), 'xlsx');
    const bomb = await xlsxBomb(workbook, { inflatedBytes: 256 * MB });
    expect(bomb.length).toBeLessThan((256 * MB) / 200);
    const before = rss();
    const e = await refusal(readTemplateBuffer('bomb.xlsx', bomb, { limits: UPLOAD_READ_LIMITS }));
    expect(e.limit).toBe('maxInflateRatio');
    expect(e.message).toMatch(
      /^bomb\.xlsx: xl\/worksheets\/sheet8\.xml: the archive declares an inflated size of more than/,
    );

    const liar = await xlsxBomb(workbook, { inflatedBytes: 256 * MB, declaredSize: 200_000 });
    const lied = await refusal(readTemplateBuffer('liar.xlsx', liar, { limits: UPLOAD_READ_LIMITS }));
    expect(rss() - before).toBeLessThan(100 * MB);
    expect(lied.limit).toBe('declaredSize');
    expect(lied.message).toMatch(
      /^liar\.xlsx: xl\/worksheets\/sheet8\.xml: inflates to more than the 200,000 bytes/,
    );
  });

  it('bounds one entry and all entries absolutely, whatever the ratio', async () => {
    const rows = `from_id,to_id\n${'wf-er,svc-ehr\n'.repeat(200_000)}`; // 2.8 MB, compresses ~500×
    const one = zip([entry('dependencies.csv', rows)]);
    const e = await refusal(
      readTemplateBuffer('big.zip', one, { limits: { maxEntryBytes: 1 * MB, maxInflateRatio: 10_000 } }),
    );
    expect(e.limit).toBe('maxEntryBytes');
    expect(e.message).toMatch(
      /^big\.zip: dependencies\.csv: declares an inflated size of more than 1 MB, the limit for one entry/,
    );

    const two = zip([entry('assets.csv', rows), entry('dependencies.csv', rows)]);
    const total = await refusal(
      readTemplateBuffer('big.zip', two, { limits: { maxInflatedBytes: 4 * MB, maxInflateRatio: 10_000 } }),
    );
    expect(total.limit).toBe('maxInflatedBytes');
    expect(total.message).toContain(
      'big.zip: dependencies.csv: the archive declares an inflated size of more than 4 MB (the limit for all entries together)',
    );
  });

  it('refuses a zip with more entries than allowed before parsing its directory', async () => {
    const many = zip(Array.from({ length: 1_001 }, (_, i) => entry(`junk/${i}.txt`, 'x')));
    const e = await refusal(readTemplateBuffer('many.zip', many));
    expect(e.limit).toBe('maxEntries');
    expect(e.message).toBe('many.zip: holds 1,001 entries; at most 1,000 are read (a template has 8 tables)');
  });

  it('refuses shared strings past their own limit, and an XML text longer than any cell', async () => {
    const workbook = await templateToBuffer(handBuilt(), 'xlsx');
    const strings = bombEntry('xl/sharedStrings.xml', {
      head: '<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">',
      unit: '<si><t>wf-er</t></si>',
      tail: '</sst>',
      inflatedBytes: 8 * MB,
    });
    strings.size = 100; // lies, so that only the running count can stop it
    const shared = await refusal(
      readTemplateBuffer(
        's.xlsx',
        await xlsxBomb(workbook, { part: 'xl/sharedStrings.xml', replacement: strings }),
        {
          limits: { maxSharedStringsBytes: 2 * MB, maxInflateRatio: 10_000 },
        },
      ),
    );
    expect(shared.limit).toBe('declaredSize');
    const honest = await refusal(
      readTemplateBuffer(
        's.xlsx',
        await xlsxBomb(workbook, { part: 'xl/sharedStrings.xml', replacement: { ...strings, size: 8 * MB } }),
        {
          limits: { maxSharedStringsBytes: 2 * MB, maxInflateRatio: 10_000 },
        },
      ),
    );
    expect(honest.limit).toBe('maxSharedStringsBytes');
    expect(honest.message).toContain(
      's.xlsx: xl/sharedStrings.xml: declares an inflated size of more than 2 MB, the limit for the shared strings of a workbook',
    );

    const longText = bombEntry('xl/worksheets/sheet8.xml', {
      head: '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c t="inlineStr"><is><t>',
      unit: 'x',
      tail: '</t></is></c></row></sheetData></worksheet>',
      inflatedBytes: 3 * MB,
    });
    longText.size = 3 * MB + 1_000; // declared honestly: within limits, refused by what it holds
    const text = await refusal(
      readTemplateBuffer('t.xlsx', await xlsxBomb(workbook, { replacement: longText }), {
        limits: { maxInflateRatio: 10_000 },
      }),
    );
    expect(text.limit).toBe('xmlText');
    expect(text.message).toContain(
      't.xlsx: xl/worksheets/sheet8.xml: holds a text or attribute longer than 1 MB',
    );
  }, 30_000);

  it('reads a real template zip and workbook well inside the limits', async () => {
    const t = handBuilt();
    for (const format of ['zip', 'xlsx'] as const) {
      const r = await readTemplateBuffer(`t.${format}`, await templateToBuffer(t, format), {
        limits: UPLOAD_READ_LIMITS,
      });
      expect(r.problems).toEqual([]);
      expect(r.template).toEqual(t);
    }
  });
});

describe('rows per table', () => {
  it('refuses a table with more data rows than allowed, in a CSV, a zip and a workbook', async () => {
    const rows = `id,name\n${Array.from({ length: 11 }, (_, i) => `s${i},Supplier ${i}\n`).join('')}`;
    const limits = { maxRowsPerTable: 10 };
    const csv = await refusal(readTemplateBuffer('suppliers.csv', Buffer.from(rows), { limits }));
    expect(csv.limit).toBe('maxRowsPerTable');
    expect(csv.message).toBe(
      'suppliers.csv: has more than 10 data rows, the limit for one table; nothing was read (split the template)',
    );
    await refusal(readFiles({ ...VALID, 'suppliers.csv': rows }, { limits }));
    const zipped = await refusal(
      readTemplateBuffer('t.zip', zip([entry('suppliers.csv', rows)]), { limits }),
    );
    expect(zipped.message).toMatch(/^suppliers\.csv: has more than 10 data rows/);

    const t = emptyTemplate();
    for (let i = 0; i < 11; i++) t.suppliers.push({ id: `s${i}`, name: `Supplier ${i}` });
    const sheet = await refusal(readTemplateBuffer('t.xlsx', await templateToBuffer(t, 'xlsx'), { limits }));
    expect(sheet.message).toMatch(/^suppliers: has more than 10 data rows/);
    // Exactly at the limit is fine.
    t.suppliers.pop();
    const ok = await readTemplateBuffer('t.xlsx', await templateToBuffer(t, 'xlsx'), { limits });
    expect(ok.template.suppliers).toHaveLength(10);
  });
});

describe('problems list', () => {
  it('lists the first 1,000 problems and counts them all', async () => {
    const bad = Array.from({ length: 3_000 }, (_, i) => `s${i},Supplier,,,not-a-number\n`).join('');
    const r = await readFiles({
      ...VALID,
      'suppliers.csv': `id,name,category,country,security_rating\n${bad}`,
    });
    expect(r.problemCount).toBe(3_000);
    expect(r.problems).toHaveLength(1_000);
    expect(r.problems[0]).toMatchObject({ file: 'suppliers.csv', line: 2, column: 'security_rating' });
    expect(r.problems.at(-1)).toMatchObject({ line: 1_001 });
  });

  it('never lets warnings push the errors out of the list', async () => {
    const links = Array.from({ length: 2_000 }, () => 'w1,cf1\n').join('');
    const r = await readFiles(
      {
        ...VALID,
        'workflow_functions.csv': `workflow_id,function_id\n${links}`,
        'dependencies.csv': 'from_id,to_id\nw1,nowhere\n',
      },
      { limits: { maxProblems: 100 } },
    );
    expect(r.problemCount).toBe(2_000); // 1,999 repeated links + 1 unknown reference
    expect(r.problems).toHaveLength(100);
    expect(r.problems.filter((p) => p.severity === 'error')).toEqual([
      expect.objectContaining({ file: 'dependencies.csv', line: 2, column: 'to_id' }),
    ]);
  });
});

it('counts a zip as JSZip lists it (sanity check of the test zip writer)', async () => {
  const z = await JSZip.loadAsync(zip([entry('a.csv', 'x'), entry('b.csv', 'y')]));
  expect(Object.keys(z.files)).toEqual(['a.csv', 'b.csv']);
  expect(await z.file('b.csv')!.async('string')).toBe('y');
});
