// The blank template round trip: download it (no sign-in needed, the app's security
// headers on), check its headers and dropdowns, fill rows in below the examples with a
// program, upload it through importTemplate (the real reader and the real Neo4j) without
// any other edit, and find the rows in the map, and none of the examples.
import { TEMPLATE_TABLE_NAMES, TEMPLATE_TABLES } from '@smart/domain';
import { dataValidationsOf } from '@smart/templates';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApi, startTestApi } from '../../../test/support/api';
import { resetDatabase, testStore } from '../../../test/support/neo4j';

const store = testStore();
let api: TestApi;

beforeAll(async () => {
  await resetDatabase(store);
  api = await startTestApi(store);
});
afterAll(async () => {
  await api?.close();
  await store.close();
});

const IMPORT = `mutation Import($name: String!, $data: String!) {
  importTemplate(fileName: $name, contentBase64: $data) {
    ok rows problems { file line column message severity }
    summary { kind created updated removed }
  }
}`;

/** What an organization types in, one row per line, below the examples. */
const FILLED: Record<string, (string | number)[][]> = {
  organizations: [['h1', 'General Hospital', 'DIRECT_PATIENT_CARE', 'Hospital', 'North', 'MEDIUM', 200]],
  suppliers: [
    ['s1', 'ClearHouse One', 'Clearinghouse', 'US', 80],
    ['s2', 'Portal Co', 'Payer portal'],
  ],
  services: [
    ['sv1', 'Eligibility API', 's1', 'SOFTWARE', 'Eligibility'],
    ['sv2', 'Eligibility portal', 's2', 'SOFTWARE', 'Eligibility'],
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

describe('GET /templates/smart-template.xlsx', () => {
  it('serves the blank workbook without a sign-in, with the security headers', async () => {
    const res = await fetch(`${api.url}/templates/smart-template.xlsx`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="smart-template.xlsx"');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
  });

  it('fills in and imports into the map without any other edit; the examples stay out', async () => {
    const res = await fetch(`${api.url}/templates/smart-template.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    for (const table of TEMPLATE_TABLE_NAMES) {
      const ws = wb.getWorksheet(TEMPLATE_TABLES[table].sheet)!;
      expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual([...TEMPLATE_TABLES[table].columns]);
      for (const cells of FILLED[table]!) ws.addRow(cells);
    }
    const subsector = dataValidationsOf(wb.getWorksheet('organizations')!).find('C2')!;
    expect(subsector.type).toBe('list');

    const data = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
    const r = await api.gql<{
      importTemplate: {
        ok: boolean;
        rows: number;
        problems: unknown[];
        summary: { kind: string; created: number }[];
      };
    }>(IMPORT, { name: 'filled.xlsx', data }, { role: 'ANALYST' });
    expect(r.errors).toBeUndefined();
    expect(r.data!.importTemplate).toMatchObject({ ok: true, rows: 12, problems: [] });
    const created = Object.fromEntries(r.data!.importTemplate.summary.map((s) => [s.kind, s.created]));
    expect(created).toMatchObject({
      ORGANIZATION: 1,
      SUPPLIER: 2,
      SERVICE: 2,
      ASSET: 1,
      WORKFLOW: 1,
      CRITICAL_FUNCTION: 1,
      DEPENDENCY: 3,
    });

    const deps = await api.gql<{
      dependencies: { group: string | null; alternatives: { to: { id: string } }[] }[];
    }>('{ dependencies(id: "w1") { group alternatives { to { id } } } }', {}, { role: 'VIEWER' });
    expect(deps.data!.dependencies).toEqual([
      { group: 'eligibility', alternatives: [{ to: { id: 'sv1' } }, { to: { id: 'sv2' } }] },
      { group: null, alternatives: [{ to: { id: 'a1' } }] },
    ]);
    const example = await api.gql<{ entity: unknown }>(
      '{ entity(id: "#ex-hospital") { id } }',
      {},
      {
        role: 'VIEWER',
      },
    );
    expect(example.data!.entity).toBeNull();
  });
});
