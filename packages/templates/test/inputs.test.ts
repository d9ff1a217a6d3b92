// The other inputs: XLSX workbooks as spreadsheets write them, zips of CSVs,
// single CSV uploads, and inputs that are not templates at all.
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { readTemplate, readTemplateBuffer } from '../src';
import { errors, VALID } from './helpers';

/** A workbook written with exceljs's regular (non-streaming) writer, as a third-party tool would. */
async function workbook(sheets: Record<string, unknown[][]>): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name);
    rows.forEach((row, i) => {
      ws.getRow(i + 1).values = row as ExcelJS.CellValue[];
    });
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe('XLSX input', () => {
  it('reads sheets by name (any case), cells of any type, and numbers problems by spreadsheet row', async () => {
    const data = await workbook({
      Organizations: [
        [' ID ', 'Name', 'Subsector', 'Beds'],
        ['h1', { richText: [{ text: 'General ' }, { text: 'Hospital' }] }, ' direct patient care ', 350],
        [],
        [],
        [42, 'Numbered', 'PUBLIC_HEALTH', 'many'],
      ],
      workflows: [
        ['id', 'name', 'organization_id', 'category', 'tolerance_hours'],
        ['w1', 'Claims', 'h1', 'administrative', { formula: '24*3', result: 72 }],
        ['w2', 'Billing', 'h1', 'nope', 1e-7],
      ],
      Notes: [['anything']],
    });
    const r = await readTemplateBuffer('template.xlsx', data);
    expect(r.problems).toEqual([
      {
        file: 'Organizations',
        line: 5,
        column: 'beds',
        message: 'must be a whole number ≥ 0',
        severity: 'error',
      },
      {
        file: 'workflows',
        line: 3,
        column: 'category',
        message: 'must be one of CLINICAL, ADMINISTRATIVE, MANUFACTURING',
        severity: 'error',
      },
      {
        file: 'Notes',
        line: 0,
        column: '',
        message:
          'unknown sheet, ignored; the sheets of a template are organizations, suppliers, services, assets, workflows, critical_functions, workflow_functions, dependencies',
        severity: 'warning',
      },
    ]);
    expect(r.template.organizations).toEqual([
      { id: 'h1', name: 'General Hospital', subsector: 'DIRECT_PATIENT_CARE', beds: 350 },
    ]);
    expect(r.template.workflows).toEqual([
      { id: 'w1', name: 'Claims', organizationId: 'h1', category: 'ADMINISTRATIVE', toleranceHours: 72 },
    ]);
  });

  it('reports a file that is not a workbook', async () => {
    const r = await readTemplateBuffer('template.xlsx', new TextEncoder().encode('id,name\nh1,x\n'));
    expect(errors(r)).toEqual([
      {
        file: 'template.xlsx',
        line: 0,
        column: '',
        message: 'is not an XLSX workbook (it is not a zip archive); save it as .xlsx',
      },
    ]);
  });
});

describe('zip input', () => {
  it('finds the CSV files in a folder inside the zip, skips zip-tool noise, warns about other files', async () => {
    const zip = new JSZip();
    for (const [name, content] of Object.entries(VALID)) zip.file(`my template/${name}`, content);
    zip.file('__MACOSX/my template/._organizations.csv', new Uint8Array([0, 5, 22, 7]));
    zip.file('my template/.DS_Store', new Uint8Array([0, 0, 0, 1]));
    zip.file('my template/readme.md', '# notes');
    const r = await readTemplateBuffer('upload.zip', await zip.generateAsync({ type: 'uint8array' }));
    expect(r.problems).toEqual([
      {
        file: 'readme.md',
        line: 0,
        column: '',
        message: expect.stringMatching(
          /^unknown file, ignored; the files of a template are organizations.csv/,
        ),
        severity: 'warning',
      },
    ]);
    expect(r.rows).toBe(8);
  });

  it('reports a table given twice', async () => {
    const zip = new JSZip();
    zip.file('a/suppliers.csv', VALID['suppliers.csv'] ?? '');
    zip.file('b/Suppliers.csv', VALID['suppliers.csv'] ?? '');
    const r = await readTemplateBuffer('upload.zip', await zip.generateAsync({ type: 'uint8array' }));
    expect(errors(r)).toEqual([
      {
        file: 'Suppliers.csv',
        line: 0,
        column: '',
        message: 'suppliers.csv is already read for the same table; a template has one suppliers.csv',
      },
    ]);
  });
});

describe('single CSV upload and other inputs', () => {
  it('reads one table named like its file, referencing the database', async () => {
    const existing = new Map([
      ['w1', 'WORKFLOW' as const],
      ['s1', 'SUPPLIER' as const],
    ]);
    const data = new TextEncoder().encode('from_id,to_id,strength\nw1,s1,0.5\n');
    const r = await readTemplateBuffer('C:\\Users\\me\\Dependencies.csv', data, { existing });
    expect(r.problems).toEqual([]);
    expect(r.template.dependencies).toEqual([{ from: 'w1', to: 's1', strength: 0.5 }]);
  });

  it('refuses a CSV not named like a table, an .xls and other files', async () => {
    const csv = await readTemplateBuffer('export.csv', new Uint8Array());
    expect(errors(csv)[0]?.message).toMatch(
      /^is not a template; expected a folder of CSV files, an .xlsx workbook/,
    );
    const xls = await readTemplateBuffer('old.xls', new Uint8Array([0xd0, 0xcf]));
    expect(errors(xls)).toEqual([
      { file: 'old.xls', line: 0, column: '', message: 'is an old-style .xls workbook; save it as .xlsx' },
    ]);
  });

  it('reports a path that does not exist', async () => {
    const r = await readTemplate(join('/nonexistent', 'template'));
    expect(errors(r)).toEqual([
      {
        file: 'template',
        line: 0,
        column: '',
        message: 'not found; a template is a folder of CSV files, an .xlsx workbook or a .zip of CSV files',
      },
    ]);
  });
});
