// `npm run template -- <file.xlsx|dir>` as a child process: the blank folder and workbook
// are written (not over an existing path without --force), and the folder, filled in
// below its examples, imports with `smart import` into the test Neo4j without other edits.
import { appendFileSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportTemplate } from '@smart/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resetDatabase, testStore } from '../../../test/support/neo4j';
import { SPAWNS, runCli, shown } from './spawn-cli';

const store = testStore();
const dir = mkdtempSync(join(tmpdir(), 'smart-cli-template-'));

beforeAll(async () => {
  await resetDatabase(store);
}, 120_000);
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('smart template', SPAWNS, () => {
  it('writes the blank folder and workbook, and refuses to overwrite without --force', async () => {
    const folder = join(dir, 'blank');
    const xlsx = join(dir, 'blank.xlsx');
    const [a, b] = await Promise.all([runCli(['template', folder]), runCli(['template', xlsx])]);
    expect(a.code, shown(a)).toBe(0);
    expect(b.code, shown(b)).toBe(0);
    expect(readdirSync(folder).sort()).toEqual([
      'README.txt',
      'assets.csv',
      'critical_functions.csv',
      'dependencies.csv',
      'organizations.csv',
      'services.csv',
      'suppliers.csv',
      'workflow_functions.csv',
      'workflows.csv',
    ]);
    expect(existsSync(xlsx)).toBe(true);
    const again = await runCli(['template', xlsx]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('exists already; add --force to overwrite it');
    const forced = await runCli(['template', xlsx, '--force']);
    expect(forced.code, shown(forced)).toBe(0);
  });

  it('imports the folder filled in below its examples, and none of the examples', async () => {
    const folder = join(dir, 'blank');
    appendFileSync(join(folder, 'organizations.csv'), 'h1,General Hospital,DIRECT_PATIENT_CARE\n');
    appendFileSync(join(folder, 'suppliers.csv'), 's1,ClearHouse One\n');
    appendFileSync(join(folder, 'services.csv'), 'sv1,Claims API,s1,SOFTWARE\n');
    appendFileSync(join(folder, 'workflows.csv'), 'w1,Claims,h1,ADMINISTRATIVE,,2,24,0.5,1000,claims\n');
    appendFileSync(join(folder, 'dependencies.csv'), 'w1,sv1,,1,CONTRACT,0.9\n');
    const r = await runCli(['import', folder, '--json']);
    expect(r.code, shown(r)).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, problems: [], summary: { rows: 5 } });
    const t = await exportTemplate(store);
    expect(t.workflows).toEqual([
      {
        id: 'w1',
        name: 'Claims',
        organizationId: 'h1',
        category: 'ADMINISTRATIVE',
        criticality: 2,
        toleranceHours: 24,
        workaroundCapacity: 0.5,
        volumePerDay: 1000,
        volumeUnit: 'claims',
      },
    ]);
    expect(t.dependencies).toEqual([
      { from: 'w1', to: 'sv1', strength: 1, source: 'CONTRACT', confidence: 0.9 },
    ]);
    expect(t.organizations.map((o) => o.id)).toEqual(['h1']);
  });
});
