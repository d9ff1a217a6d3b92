// The blank template: the exact headers, an Instructions sheet, a dropdown for every
// enum column and a number check for every number column (read back with exceljs),
// example rows that the reader skips, and rows filled in by a program that read back
// without a problem. The import into Neo4j is tested in apps/api (template.int.test.ts).
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ROW_SCHEMAS, TEMPLATE_TABLE_NAMES, TEMPLATE_TABLES } from '@smart/domain';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BLANK_VALIDATED_ROWS,
  blankTemplateXlsx,
  dataValidationsOf,
  EXAMPLE_ROWS,
  INSTRUCTIONS_SHEET,
  readTemplate,
  readTemplateBuffer,
  TABLE_GUIDE,
  writeBlankTemplateFolder,
} from '../src';
import { tempDir } from './helpers';

let dir = '';
beforeAll(async () => {
  dir = await tempDir();
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Rows a program fills in below the examples: one small map that uses every table. */
const FILLED: Record<string, (string | number)[][]> = {
  organizations: [['h1', 'General Hospital', 'Direct patient care', 'Hospital', 'North', 'MEDIUM', 200]],
  suppliers: [
    ['s1', 'ClearHouse One', 'Clearhouse', 'US', 80],
    ['s2', 'Portal Co', 'Portal'],
  ],
  services: [
    ['sv1', 'Eligibility API', 's1', 'SOFTWARE', 'Eligibility'],
    ['sv2', 'Eligibility portal', 's2', 'software', 'Eligibility'],
  ],
  assets: [['a1', 'EHR', 'h1', 'EHR']],
  workflows: [
    ['w1', 'Registration', 'h1', 'ADMINISTRATIVE', 'Claims and payments', 2, 24, 0.5, 800, 'patients'],
  ],
  criticalFunctions: [['cf1', 'Process claims']],
  workflowFunctions: [['w1', 'cf1']],
  dependencies: [
    ['w1', 'sv1', 'eligibility', 1, 'CONTRACT', 0.9],
    ['w1', 'sv2', 'eligibility', 1, 'QUESTIONNAIRE', 0.7],
    ['w1', 'a1'],
  ],
};

async function loadWorkbook(data: Uint8Array) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as unknown as ArrayBuffer);
  return wb;
}

const headerOf = (ws: ExcelJS.Worksheet) => (ws.getRow(1).values as unknown[]).slice(1).map((v) => String(v));

describe('blank template (xlsx)', () => {
  it('has an Instructions sheet and one sheet per table with the exact headers', async () => {
    const wb = await loadWorkbook(await blankTemplateXlsx());
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      INSTRUCTIONS_SHEET,
      ...TEMPLATE_TABLE_NAMES.map((t) => TEMPLATE_TABLES[t].sheet),
    ]);
    for (const table of TEMPLATE_TABLE_NAMES) {
      expect(headerOf(wb.getWorksheet(TEMPLATE_TABLES[table].sheet)!)).toEqual([
        ...TEMPLATE_TABLES[table].columns,
      ]);
    }
    const instructions = wb
      .getWorksheet(INSTRUCTIONS_SHEET)!
      .getSheetValues()
      .flat()
      .filter((v) => typeof v === 'string')
      .join('\n');
    expect(instructions).toContain('group label');
    expect(instructions).toContain('tolerance_hours');
    expect(instructions).toContain('Unit: hours');
    expect(instructions).toContain('One of DIRECT_PATIENT_CARE, HEALTH_PLANS_PAYERS');
  });

  it('puts a dropdown on every enum column and a number check on every number column', async () => {
    const wb = await loadWorkbook(await blankTemplateXlsx());
    let lists = 0;
    let numbers = 0;
    for (const table of TEMPLATE_TABLE_NAMES) {
      const ws = wb.getWorksheet(TEMPLATE_TABLES[table].sheet)!;
      TEMPLATE_TABLES[table].columns.forEach((column, i) => {
        const guide = TABLE_GUIDE[table].columns[column]!;
        const letter = String.fromCharCode(65 + i);
        for (const row of [2, 100, BLANK_VALIDATED_ROWS + 1]) {
          const v = dataValidationsOf(ws).find(`${letter}${row}`);
          if (guide.values) {
            expect(v?.type, `${table}.${column}`).toBe('list');
            expect(v?.formulae).toEqual([`"${guide.values.join(',')}"`]);
          } else if (guide.range) {
            expect(v?.type, `${table}.${column}`).toBe(guide.range.integer ? 'whole' : 'decimal');
            expect(v?.formulae).toEqual(
              guide.range.max === undefined ? [guide.range.min] : [guide.range.min, guide.range.max],
            );
          } else {
            expect(v, `${table}.${column}`).toBeUndefined();
          }
        }
        if (guide.values) lists++;
        else if (guide.range) numbers++;
      });
    }
    // subsector, size, service type, workflow category, criticality, source
    expect(lists).toBe(6);
    // beds, security_rating, tolerance, capacity, volume, strength, confidence
    expect(numbers).toBe(7);
  });

  it('reads as an empty template: the example rows are skipped, the Instructions sheet too', async () => {
    const r = await readTemplateBuffer('smart-template.xlsx', await blankTemplateXlsx());
    expect(r.problems).toEqual([]);
    expect(r.rows).toBe(0);
    expect(Object.keys(r.tables)).toEqual(TEMPLATE_TABLE_NAMES);
    for (const table of TEMPLATE_TABLE_NAMES) {
      expect(EXAMPLE_ROWS[table].length).toBeGreaterThan(0);
      expect(r.template[table]).toEqual([]);
    }
  });

  it('reads rows filled in below the examples without a problem, at their spreadsheet lines', async () => {
    const wb = await loadWorkbook(await blankTemplateXlsx());
    for (const table of TEMPLATE_TABLE_NAMES) {
      const ws = wb.getWorksheet(TEMPLATE_TABLES[table].sheet)!;
      for (const cells of FILLED[table]!) ws.addRow(cells);
    }
    const data = new Uint8Array(await wb.xlsx.writeBuffer());
    const r = await readTemplateBuffer('filled.xlsx', data);
    expect(r.problems).toEqual([]);
    expect(r.rows).toBe(Object.values(FILLED).flat().length);
    expect(r.template.services.map((s) => s.type)).toEqual(['SOFTWARE', 'SOFTWARE']);
    expect(r.template.dependencies).toEqual([
      { from: 'w1', to: 'sv1', group: 'eligibility', strength: 1, source: 'CONTRACT', confidence: 0.9 },
      { from: 'w1', to: 'sv2', group: 'eligibility', strength: 1, source: 'QUESTIONNAIRE', confidence: 0.7 },
      { from: 'w1', to: 'a1' },
    ]);
    // Header 1, then the examples, then the filled rows.
    expect(r.lines.dependencies).toEqual([5, 6, 7]);
  });

  it('has example rows that are valid rows once their mark is removed', () => {
    for (const table of TEMPLATE_TABLE_NAMES) {
      for (const row of EXAMPLE_ROWS[table]) {
        const unmarked = Object.fromEntries(
          Object.entries(row).map(([k, v]) => [k, typeof v === 'string' ? v.replace(/^#/, '') : String(v)]),
        );
        expect(ROW_SCHEMAS[table].safeParse(unmarked).success, `${table} ${JSON.stringify(row)}`).toBe(true);
        expect(String(Object.values(row)[0])).toMatch(/^#/);
      }
    }
  });
});

describe('blank template (folder)', () => {
  it('writes the eight CSV files with their headers and examples, and a README.txt', async () => {
    const out = join(dir, 'blank');
    const files = await writeBlankTemplateFolder(out);
    expect((await readdir(out)).sort()).toEqual([...files].sort());
    for (const table of TEMPLATE_TABLE_NAMES) {
      const text = await readFile(join(out, TEMPLATE_TABLES[table].file), 'utf8');
      const lines = text.trimEnd().split('\n');
      expect(lines[0]).toBe(TEMPLATE_TABLES[table].columns.join(','));
      expect(lines.length).toBe(1 + EXAMPLE_ROWS[table].length);
      for (const line of lines.slice(1)) expect(line).toMatch(/^#/);
    }
    const readme = await readFile(join(out, 'README.txt'), 'utf8');
    expect(readme).toContain('dependencies.csv');
    expect(readme).toContain('workaround_capacity: ');
    const blank = await readTemplate(out);
    expect(blank.problems).toEqual([]);
    expect(blank.rows).toBe(0);

    for (const table of TEMPLATE_TABLE_NAMES) {
      const file = join(out, TEMPLATE_TABLES[table].file);
      const rows = FILLED[table]!.map((cells) => cells.join(',')).join('\n');
      await writeFile(file, `${(await readFile(file, 'utf8')).trimEnd()}\n${rows}\n`);
    }
    const filled = await readTemplate(out);
    expect(filled.problems).toEqual([]);
    expect(filled.template.workflows).toEqual([
      {
        id: 'w1',
        name: 'Registration',
        organizationId: 'h1',
        category: 'ADMINISTRATIVE',
        sectorWorkflow: 'Claims and payments',
        criticality: 2,
        toleranceHours: 24,
        workaroundCapacity: 0.5,
        volumePerDay: 800,
        volumeUnit: 'patients',
      },
    ]);
  });
});
