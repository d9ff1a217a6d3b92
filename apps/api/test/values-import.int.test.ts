// The values of importTemplate no other test checks (issue 17 item 2): a replace with a
// complete template (exact summary and exact map after it) and the kind-conflict branch
// (an id taken by an entity of another kind between reading the file and writing it).
// The too-large branch is in values-import-too-large.int.test.ts (its own Neo4j). Every
// test starts from the widened hand-built ecosystem (test/fixtures/hand-built-wide.ts).
import type { Template } from '@smart/domain';
import { Store, type TxOptions, exportTemplate, importTemplate, upsertEntity } from '@smart/store';
import type { ManagedTransaction } from 'neo4j-driver';
import { templateToBuffer } from '@smart/templates';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { handBuiltWide } from '../../../test/fixtures/hand-built-wide';
import { type TestApi, startTestApi } from '../../../test/support/api';
import { resetDatabase, testStore, testStoreConfig } from '../../../test/support/neo4j';

/**
 * A store that runs `beforeNextWrite` just before its next write transaction: the window
 * between the API reading and validating an upload and the import's transaction, where
 * another user's write can land.
 */
class RacingStore extends Store {
  beforeNextWrite: (() => Promise<void>) | null = null;
  override async write<T>(work: (tx: ManagedTransaction) => Promise<T>, opts: TxOptions<T> = {}): Promise<T> {
    const hook = this.beforeNextWrite;
    this.beforeNextWrite = null;
    if (hook) await hook();
    return super.write(work, opts);
  }
}

const store = testStore();
const racing = new RacingStore(testStoreConfig());
let api: TestApi;

beforeAll(async () => {
  // The hook below must catch the import's own write: the API's periodic writes (the
  // shared rate-limit counts and analysis slots, every SMART_RATE_SYNC_MS) would take it
  // first, so they wait an hour here.
  api = await startTestApi(racing, { limits: { rateSyncMs: 3_600_000 } });
});
beforeEach(async () => {
  await resetDatabase(store);
  await importTemplate(store, handBuiltWide(), { actor: 'test' });
});
afterAll(async () => {
  await api?.close();
  await racing.close();
  await store.close();
});

const IMPORT = `mutation($name: String!, $data: String!, $replace: Boolean) {
  importTemplate(fileName: $name, contentBase64: $data, replace: $replace) {
    ok dryRun rows graphVersion problemCount
    problems { file line column message severity }
    summary { kind created updated removed }
  }
}`;
interface ImportResult {
  ok: boolean;
  dryRun: boolean;
  rows: number;
  graphVersion: string;
  problemCount: number;
  problems: { file: string; line: number; column: string; message: string; severity: string }[];
  summary: { kind: string; created: number; updated: number; removed: number }[];
}
async function upload(name: string, data: Uint8Array | string, replace = false): Promise<ImportResult> {
  const res = await api.gql<{ importTemplate: ImportResult }>(
    IMPORT,
    { name, data: Buffer.from(data).toString('base64'), replace },
    { role: 'ADMIN' },
  );
  expect(res.errors).toBeUndefined();
  return res.data!.importTemplate;
}

/** Every table's rows in a fixed order, so two templates compare whatever order they came in. */
const canonical = (t: Template) =>
  Object.fromEntries(
    Object.entries(t).map(([table, rows]) => [
      table,
      (rows as object[]).map((r) => JSON.stringify(Object.fromEntries(Object.entries(r).sort()))).sort(),
    ]),
  );
const version = async () => Number(await store.graphVersion());
const auditActions = async () =>
  store.read(async (tx) =>
    (await tx.run('MATCH (e:AuditEvent) RETURN e.action AS action ORDER BY e.at')).records.map(
      (r) => r.get('action') as string,
    ),
  );

describe('importTemplate(replace: true) with a complete template', () => {
  it('reports exactly what it created, updated and removed, and leaves exactly the template', async () => {
    const t = handBuiltWide();
    // Removed: the ER (with its function link and its dependency on sup-local) and sup-local;
    // eligibility's alternative clearinghouse; the visits' link to cf-care.
    t.workflows = t.workflows.filter((w) => w.id !== 'wf-er');
    t.workflowFunctions = t.workflowFunctions.filter(
      (l) => l.workflowId !== 'wf-er' && l.workflowId !== 'wf-clinic-visits',
    );
    t.dependencies = t.dependencies.filter(
      (d) => d.from !== 'wf-er' && !(d.from === 'wf-elig' && d.to === 'svc-ch2'),
    );
    t.suppliers = t.suppliers.filter((s) => s.id !== 'sup-local');
    // Updated: the claims workflow renamed. Created: a supplier, its service, and the EHR
    // asset's dependency on it.
    t.workflows.find((w) => w.id === 'wf-claims')!.name = 'Claims submission v2';
    t.suppliers.push({ id: 'sup-new', name: 'NewCo Hosting', category: 'cloud' });
    t.services.push({ id: 'svc-new', name: 'NewCo VMs', supplierId: 'sup-new', type: 'TECHNOLOGY' });
    t.dependencies.push({ from: 'asset-clinic-ehr', to: 'svc-new', group: 'hosting' });

    const before = await version();
    const r = await upload('map.xlsx', await templateToBuffer(t, 'xlsx'), true);
    expect(r).toMatchObject({ ok: true, dryRun: false, problemCount: 0, problems: [] });
    // 3 + 6 + 6 + 1 + 4 + 3 organizations … functions, 3 function links, 11 dependencies.
    expect(r.rows).toBe(3 + 6 + 6 + 1 + 4 + 3 + 3 + 11);
    expect(r.summary).toEqual([
      { kind: 'ORGANIZATION', created: 0, updated: 0, removed: 0 },
      { kind: 'SUPPLIER', created: 1, updated: 0, removed: 1 },
      { kind: 'SERVICE', created: 1, updated: 0, removed: 0 },
      { kind: 'ASSET', created: 0, updated: 0, removed: 0 },
      { kind: 'WORKFLOW', created: 0, updated: 1, removed: 1 },
      { kind: 'CRITICAL_FUNCTION', created: 0, updated: 0, removed: 0 },
      // Only wf-elig → svc-ch2 is removed on its own; wf-er → sup-local goes with the ER
      // (counted as the workflow removed, as the store's own tests document).
      { kind: 'DEPENDENCY', created: 1, updated: 0, removed: 1 },
    ]);
    // One write, one version.
    expect(Number(r.graphVersion)).toBe(before + 1);
    expect(canonical(await exportTemplate(store))).toEqual(canonical(t));
    // The analyses answer on the new map: the visits no longer count towards cf-care.
    const res = await api.gql<{ entity: { workflows: { id: string }[] } }>(
      '{ entity(id: "cf-care") { ... on CriticalFunction { workflows { id } } } }',
      {},
      { role: 'VIEWER' },
    );
    expect(res.data!.entity.workflows).toEqual([{ id: 'wf-dispense' }]);
    expect((await auditActions()).at(-1)).toBe('import-replace');
  });
});

describe('an id that another kind took after the upload was checked', () => {
  const csv =
    'id,name,supplier_id,type\nsvc-ok,Fine API,sup-ch1,SOFTWARE\nsvc-taken,Taken API,sup-ch1,SOFTWARE\n';

  it('caught while reading (the id was already taken): the row’s line and column', async () => {
    await upsertEntity(store, { id: 'svc-taken', kind: 'SUPPLIER', name: 'Someone else' }, 'other');
    const r = await upload('services.csv', csv);
    expect(r.ok).toBe(false);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ file: 'services.csv', line: 3, column: 'id', severity: 'error' });
    expect(r.problems[0]!.message).toContain('svc-taken');
  });

  it('caught by the write (taken in between): refused with the same row, nothing written', async () => {
    racing.beforeNextWrite = () =>
      upsertEntity(store, { id: 'svc-taken', kind: 'SUPPLIER', name: 'Someone else' }, 'other').then(
        () => {},
      );
    const before = await version();
    const r = await upload('services.csv', csv);
    expect(racing.beforeNextWrite).toBeNull(); // the race ran
    expect(r).toMatchObject({ ok: false, summary: [], problemCount: 1 });
    expect(r.problems).toEqual([
      {
        file: 'services.csv',
        line: 3,
        column: 'id',
        message: "id 'svc-taken' already belongs to a SUPPLIER in the database, not a SERVICE",
        severity: 'error',
      },
    ]);
    // Only the other user's write happened: svc-ok was not imported, svc-taken is theirs.
    expect(await version()).toBe(before + 1);
    const res = await api.gql<{ ok: null; taken: { kind: string; name: string } }>(
      '{ ok: entity(id: "svc-ok") { id } taken: entity(id: "svc-taken") { kind name } }',
      {},
      { role: 'VIEWER' },
    );
    expect(res.data).toEqual({ ok: null, taken: { kind: 'SUPPLIER', name: 'Someone else' } });
  });
});
