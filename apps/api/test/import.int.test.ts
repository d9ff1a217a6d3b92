// importTemplate through GraphQL: an uploaded workbook is validated in full before
// anything is written; a refused or dry-run import changes nothing.
import { exportTemplate, importTemplate as storeImport } from '@smart/store';
import { templateToBuffer } from '@smart/templates';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handBuilt } from '../../../test/fixtures/hand-built';
import { type TestApi, startTestApi } from '../../../test/support/api';
import { countNodesAndRelationships, resetDatabase, testStore } from '../../../test/support/neo4j';

const store = testStore();
let api: TestApi;

beforeAll(async () => {
  await resetDatabase(store);
  await storeImport(store, handBuilt(), { actor: 'test' });
  api = await startTestApi(store);
});
afterAll(async () => {
  await api?.close();
  await store.close();
});

const IMPORT = `mutation Import($name: String!, $data: String!, $dryRun: Boolean, $replace: Boolean) {
  importTemplate(fileName: $name, contentBase64: $data, dryRun: $dryRun, replace: $replace) {
    ok dryRun rows graphVersion
    problems { file line column message severity }
    summary { kind created updated removed }
  }
}`;

interface ImportResult {
  ok: boolean;
  dryRun: boolean;
  rows: number;
  problems: { file: string; line: number; column: string; message: string; severity: string }[];
  summary: { kind: string; created: number; updated: number; removed: number }[];
}

async function upload(
  template: ReturnType<typeof handBuilt>,
  vars: { dryRun?: boolean; replace?: boolean } = {},
) {
  const data = Buffer.from(await templateToBuffer(template, 'xlsx')).toString('base64');
  const res = await api.gql<{ importTemplate: ImportResult }>(
    IMPORT,
    { name: 'map.xlsx', data, ...vars },
    { role: 'ANALYST' },
  );
  expect(res.errors).toBeUndefined();
  return res.data!.importTemplate;
}

describe('importTemplate', () => {
  it('reports every problem with sheet, line and column, and writes nothing', async () => {
    const before = await countNodesAndRelationships(store);
    const t = handBuilt();
    t.suppliers.push({ id: 'sup-new', name: 'New Supplier' });
    t.workflows[1]!.workaroundCapacity = 3; // row 3 of the workflows sheet
    t.dependencies.push({ from: 'wf-er', to: 'svc-missing' }); // row 7 of dependencies
    const r = await upload(t);
    expect(r.ok).toBe(false);
    expect(r.problems.filter((p) => p.severity === 'error').map((p) => [p.file, p.line, p.column])).toEqual([
      ['workflows', 3, 'workaround_capacity'],
      ['dependencies', 7, 'to_id'],
    ]);
    expect(r.problems[0]!.message).toBe('must be a number from 0 to 1');
    expect(await countNodesAndRelationships(store)).toEqual(before);
  });

  it('a dry run of a valid template validates and writes nothing but its audit event', async () => {
    const before = await countNodesAndRelationships(store);
    const t = handBuilt();
    t.suppliers.push({ id: 'sup-new', name: 'New Supplier' });
    const r = await upload(t, { dryRun: true });
    expect(r).toMatchObject({ ok: true, dryRun: true, problems: [] });
    expect(await countNodesAndRelationships(store)).toEqual({ ...before, nodes: before.nodes + 1 });
    const audit = await api.gql<{ auditEvents: { action: string; target: string }[] }>(
      '{ auditEvents(first: 1) { action target } }',
    );
    expect(audit.data!.auditEvents).toEqual([{ action: 'import-dry-run', target: 'map.xlsx' }]);
  });

  it('imports a valid template and says what changed', async () => {
    const t = handBuilt();
    t.suppliers.push({ id: 'sup-new', name: 'New Supplier' });
    const r = await upload(t);
    expect(r.ok).toBe(true);
    expect(r.summary.find((s) => s.kind === 'SUPPLIER')).toEqual({
      kind: 'SUPPLIER',
      created: 1,
      updated: 0,
      removed: 0,
    });
    const found = await api.gql<{ entity: { name: string } | null }>(
      '{ entity(id: "sup-new") { name } }',
      {},
      { role: 'VIEWER' },
    );
    expect(found.data!.entity).toEqual({ name: 'New Supplier' });
  });

  it('is refused to a viewer', async () => {
    const data = Buffer.from(await templateToBuffer(handBuilt(), 'xlsx')).toString('base64');
    const res = await api.gql(IMPORT, { name: 'map.xlsx', data }, { role: 'VIEWER' });
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('importTemplate above SMART_IMPORT_SINGLE_TX_ROWS', () => {
  it('streams the upload into the staged import: the map and counts are what the in-memory staged import writes', async () => {
    const next = handBuilt();
    next.suppliers.push({ id: 'sup-streamed', name: 'Streamed Supplier' });
    next.workflows[0]!.toleranceHours = 7;
    next.dependencies.push({ from: 'wf-er', to: 'sup-streamed' });
    const canon = async () =>
      Object.values(await exportTemplate(store)).map((rows: unknown[]) =>
        rows.map((r) => JSON.stringify(r)).sort(),
      );

    await resetDatabase(store);
    await storeImport(store, handBuilt(), { actor: 'test' });
    const inMemory = await storeImport(store, next, {
      actor: 'test',
      snapshot: true,
      singleTransactionRows: 0,
    });
    const expected = await canon();

    await resetDatabase(store);
    await storeImport(store, handBuilt(), { actor: 'test' });
    const before = process.env.SMART_IMPORT_SINGLE_TX_ROWS;
    process.env.SMART_IMPORT_SINGLE_TX_ROWS = '0';
    try {
      const r = await upload(next);
      expect(r.problems).toEqual([]);
      expect(r.ok).toBe(true);
      expect(r.rows).toBe(inMemory.rows);
      expect(Object.fromEntries(r.summary.map(({ kind, ...c }) => [kind, c]))).toEqual(inMemory.byKind);
    } finally {
      if (before === undefined) delete process.env.SMART_IMPORT_SINGLE_TX_ROWS;
      else process.env.SMART_IMPORT_SINGLE_TX_ROWS = before;
    }
    expect(await canon()).toEqual(expected);
    expect(
      (await store.readRows<{ journal: unknown }>('queries/import/journal-read')).filter((j) => j.journal),
    ).toEqual([]);
  });
});
