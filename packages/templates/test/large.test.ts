// A large template is read as a stream: 200k dependency rows, written to disk by a
// generator and read back with progress reported along the way. No timing
// assertions; this checks that it works and that rows flow through one by one.
import { createWriteStream } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { emptyTemplate } from '@smart/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTemplate, writeTemplate } from '../src';
import { errors, tempDir } from './helpers';

const DEPS = 200_000;
const WORKFLOWS = 1000;
const SERVICES = DEPS / WORKFLOWS;

async function writeLines(path: string, lines: () => Generator<string>) {
  await pipeline(Readable.from(lines()), createWriteStream(path));
}

let dir = '';
beforeAll(async () => {
  dir = await tempDir();
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('a large template', () => {
  it(`reads ${DEPS.toLocaleString('en')} dependency rows as a stream, finding the errors at their lines`, async () => {
    const folder = join(dir, 'csv');
    await writeTemplate(emptyTemplate(), folder, { format: 'csv' });
    await writeFile(join(folder, 'organizations.csv'), 'id,name,subsector\nh1,General,DIRECT_PATIENT_CARE\n');
    await writeFile(join(folder, 'suppliers.csv'), 'id,name\ns1,Cloud\n');
    await writeLines(join(folder, 'workflows.csv'), function* () {
      yield 'id,name,organization_id,category,tolerance_hours\n';
      for (let i = 0; i < WORKFLOWS; i++) yield `w${i},Workflow ${i},h1,clinical,${i % 72}\n`;
    });
    await writeLines(join(folder, 'services.csv'), function* () {
      yield 'id,name,supplier_id,type\n';
      for (let i = 0; i < SERVICES; i++) yield `sv${i},"Service ${i}, region ${i % 7}",s1,software\n`;
    });
    await writeLines(join(folder, 'dependencies.csv'), function* () {
      yield 'from_id,to_id,group,strength,source\n';
      for (let i = 0; i < DEPS; i++) {
        yield `w${i % WORKFLOWS},sv${Math.floor(i / WORKFLOWS)},${i % 3 === 0 ? 'g' : ''},0.${i % 10},sbom\n`;
      }
      yield 'w0,sv0,,,\n'; // a repeat of the first row
      yield 'w1,sv-missing,,,\n';
    });

    const progress: number[] = [];
    const tables: (string | undefined)[] = [];
    const r = await readTemplate(folder, {
      onProgress: (n, table) => {
        progress.push(n);
        tables.push(table);
      },
    });

    expect(errors(r)).toEqual([
      {
        file: 'dependencies.csv',
        line: DEPS + 2,
        column: 'to_id',
        message:
          'duplicate dependency "w0" → "sv0": already at line 2; each from_id, to_id pair may appear once',
      },
      {
        file: 'dependencies.csv',
        line: DEPS + 3,
        column: 'to_id',
        message:
          'unknown id "sv-missing": a dependency must point to a Workflow, an Asset, a Service or a Supplier in the template',
      },
    ]);
    const total = 2 + WORKFLOWS + SERVICES + DEPS + 2;
    expect(r.rows).toBe(total);
    expect(r.template.dependencies).toHaveLength(DEPS);
    expect(r.template.dependencies[DEPS - 1]).toEqual({
      from: `w${WORKFLOWS - 1}`,
      to: `sv${SERVICES - 1}`,
      strength: 0.9,
      source: 'SBOM',
    });
    // Progress arrives row by row while reading, not once at the end.
    expect(progress.length).toBeGreaterThan(20);
    expect(progress.at(-1)).toBe(total);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    // Each call while reading names the table being read; the last (the total) names none.
    expect(new Set(tables.slice(0, -1))).toEqual(new Set(['dependencies']));
    expect(tables.at(-1)).toBeUndefined();
  }, 120_000);

  it('round-trips a workbook with tens of thousands of rows through the streaming XLSX reader', async () => {
    const t = emptyTemplate();
    t.organizations.push({ id: 'h1', name: 'General', subsector: 'DIRECT_PATIENT_CARE' });
    for (let i = 0; i < 20_000; i++) {
      t.workflows.push({ id: `w${i}`, name: `Workflow ${i}`, organizationId: 'h1', category: 'CLINICAL' });
      t.dependencies.push({ from: `w${i}`, to: `w${(i + 1) % 20_000}`, strength: (i % 100) / 100 });
    }
    const file = join(dir, 'big.xlsx');
    await writeTemplate(t, file, { format: 'xlsx' });
    const r = await readTemplate(file);
    expect(r.problems).toEqual([]);
    expect(r.template).toEqual(t);
  }, 120_000);
});
