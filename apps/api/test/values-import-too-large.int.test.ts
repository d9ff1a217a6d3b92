// importTemplate's too-large branch (issue 17 item 2): the database refuses an import
// transaction past its memory limit, and the API says so whole, with the rows and what
// to do, writing nothing. That is the one-transaction path (up to SMART_IMPORT_SINGLE_TX_ROWS
// rows); above the threshold the same upload is staged, in batches that each fit. On a Neo4j of its own with a small per-transaction limit
// (db.memory.transaction.max cannot be changed at run time on Community Edition), so
// the shared test instance keeps its settings.
import { Store, importTemplate, singleTransactionRows } from '@smart/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handBuilt } from '../../../test/fixtures/hand-built';
import { type TestApi, startTestApi } from '../../../test/support/api';
import {
  type OwnNeo4j,
  countNodesAndRelationships,
  ownNeo4j,
  resetDatabase,
} from '../../../test/support/neo4j';

let db: OwnNeo4j;
let store: Store;
let api: TestApi;

beforeAll(async () => {
  db = await ownNeo4j('tx-memory', { 'db.memory.transaction.max': '8m' });
  store = new Store(db.config);
  await resetDatabase(store);
  await importTemplate(store, handBuilt(), { actor: 'test' });
  api = await startTestApi(store);
});
afterAll(async () => {
  await api?.close();
  await store?.close();
  await db?.close();
});

const IMPORT = `mutation($name: String!, $data: String!) {
  importTemplate(fileName: $name, contentBase64: $data) {
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
async function upload(name: string, text: string): Promise<ImportResult> {
  const res = await api.gql<{ importTemplate: ImportResult }>(
    IMPORT,
    { name, data: Buffer.from(text).toString('base64') },
    { role: 'ANALYST' },
  );
  expect(res.errors).toBeUndefined();
  return res.data!.importTemplate;
}
const suppliers = (from: number, to: number) =>
  `id,name,category,notes\n${Array.from(
    { length: to - from },
    (_, i) => `sup-bulk-${from + i},Bulk supplier ${from + i},bulk,${'x'.repeat(400)}`,
  ).join('\n')}\n`;
const auditActions = async () =>
  store.read(async (tx) =>
    (await tx.run('MATCH (e:AuditEvent) RETURN e.action AS action ORDER BY e.at')).records.map(
      (r) => r.get('action') as string,
    ),
  );

describe('an import too large for the database’s transaction memory', () => {
  it('is refused whole, naming the rows and what to do, and nothing is written', async () => {
    const rows = 20_000; // ~8 MB of text: well past 8 MB of transaction state
    const before = {
      version: await store.graphVersion(),
      counts: await countNodesAndRelationships(store),
      actions: await auditActions(),
    };
    const refused = await upload('suppliers.csv', suppliers(0, rows));
    expect(refused).toMatchObject({ ok: false, dryRun: false, rows, summary: [], problemCount: 1 });
    expect(refused.problems).toEqual([
      {
        file: 'suppliers.csv',
        line: 0,
        column: '',
        message: `nothing was imported: ${rows} rows are more than the database's transaction memory holds (an import of up to ${singleTransactionRows()} rows is one transaction). Give Neo4j more heap (NEO4J_HEAP for the local one), set SMART_IMPORT_SINGLE_TX_ROWS below ${rows} so that it is written in batches, or split the template.`,
        severity: 'error',
      },
    ]);
    expect(Number(refused.graphVersion)).toBe(before.version);
    expect(await store.graphVersion()).toBe(before.version);
    expect(await countNodesAndRelationships(store)).toEqual(before.counts);
    // Not even an audit event: the import's own is written in the transaction that failed.
    expect(await auditActions()).toEqual(before.actions);
  });

  it('split as the message says, a part goes through', async () => {
    const part = await upload('suppliers.csv', suppliers(0, 500));
    expect(part.ok).toBe(true);
    expect(part.summary.find((s) => s.kind === 'SUPPLIER')).toEqual({
      kind: 'SUPPLIER',
      created: 500,
      updated: 0,
      removed: 0,
    });
  });

  it('staged, as the message says (SMART_IMPORT_SINGLE_TX_ROWS below its rows), it goes through in batches', async () => {
    const rows = 20_000;
    const bulk = async () =>
      store.read(
        async (tx) =>
          (
            await tx.run("MATCH (s:Supplier) WHERE s.id STARTS WITH 'sup-bulk-' RETURN count(s) AS n")
          ).records[0]!.get('n') as number,
      );
    const before = { version: await store.graphVersion(), bulk: await bulk() };
    process.env.SMART_IMPORT_SINGLE_TX_ROWS = String(rows - 1);
    process.env.SMART_IMPORT_BATCH_SIZE = '1000';
    let staged: ImportResult;
    try {
      staged = await upload('suppliers.csv', suppliers(100_000, 100_000 + rows));
    } finally {
      delete process.env.SMART_IMPORT_SINGLE_TX_ROWS;
      delete process.env.SMART_IMPORT_BATCH_SIZE;
    }
    expect(staged).toMatchObject({ ok: true, dryRun: false, rows, problemCount: 0 });
    expect(staged.summary.find((s) => s.kind === 'SUPPLIER')).toEqual({
      kind: 'SUPPLIER',
      created: rows,
      updated: 0,
      removed: 0,
    });
    // One version for the whole import, made current by its last transaction.
    expect(Number(staged.graphVersion)).toBe(before.version + 1);
    expect(await bulk()).toBe(before.bulk + rows);
    expect((await auditActions()).at(-1)).toBe('import');
  });
});
