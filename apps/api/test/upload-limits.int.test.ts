// importTemplate against hostile uploads: real zip and workbook bombs (small
// compressed, hundreds of megabytes inflated, honest or lying about their size)
// are refused with BAD_USER_INPUT naming the file and the limit, dry run or not,
// while the API process's memory stays flat; the problem list is capped with a
// total count; dry runs and refusals are audited.
import { importTemplate as storeImport } from '@smart/store';
import { templateToBuffer } from '@smart/templates';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handBuilt } from '../../../test/fixtures/hand-built';
import { type TestApi, startTestApi } from '../../../test/support/api';
import { bombEntry, csvZipBomb, rss, xlsxBomb, zip } from '../../../test/support/bombs';
import { resetDatabase, testStore } from '../../../test/support/neo4j';

const store = testStore();
let api: TestApi;
const MB = 1024 * 1024;

beforeAll(async () => {
  await resetDatabase(store);
  await storeImport(store, handBuilt(), { actor: 'test' });
  api = await startTestApi(store);
});
afterAll(async () => {
  await api?.close();
  await store.close();
});

const IMPORT = `mutation Import($name: String!, $data: String!, $dryRun: Boolean) {
  importTemplate(fileName: $name, contentBase64: $data, dryRun: $dryRun) {
    ok dryRun rows problemCount
    problems { file line column message severity }
  }
}`;

interface ImportResult {
  ok: boolean;
  dryRun: boolean;
  rows: number;
  problemCount: number;
  problems: { file: string; line: number; column: string; message: string; severity: string }[];
}

const upload = (name: string, bytes: Uint8Array | string, dryRun: boolean) =>
  api.gql<{ importTemplate: ImportResult }>(
    IMPORT,
    { name, data: typeof bytes === 'string' ? bytes : Buffer.from(bytes).toString('base64'), dryRun },
    { role: 'ANALYST' },
  );

/** The map without the audit trail: what an import may change. */
async function mapCounts() {
  return store.read(async (tx) => {
    const r = await tx.run(
      // The abuse-limit counters (RateWindow, SignInFailure, AnalysisSlots) are written by any request.
      'MATCH (n) WHERE NOT n:AuditEvent AND NOT n:RateWindow AND NOT n:SignInFailure AND NOT n:AnalysisSlots RETURN count(n) AS nodes, sum(COUNT { (n)-->() }) AS relationships',
    );
    return r.records[0]!.toObject();
  });
}

async function auditTrail(first = 10) {
  const res = await api.gql<{
    auditEvents: { actor: string; action: string; target: string | null; details: string | null }[];
  }>(`{ auditEvents(first: ${first}) { actor action target details } }`, {}, { role: 'ADMIN' });
  expect(res.errors).toBeUndefined();
  return res.data!.auditEvents;
}

/**
 * Uploads `bytes` as a dry run and for real; both are refused with `message`,
 * nothing changes, and this process (client and API server) grows by less than
 * 100 MB. For a large upload the request body's own copies come on top (JSON text
 * and its UTF-8 bytes on the client, raw chunks, joined buffer, text and parsed
 * string on the server, the decoded bytes: counted as 8× the base64 text); the
 * bomb inside it is gigabytes.
 */
async function expectRefused(name: string, bytes: Uint8Array, message: RegExp) {
  const before = await mapCounts();
  const data = Buffer.from(bytes).toString('base64');
  for (const dryRun of [true, false]) {
    const rssBefore = rss();
    const res = await upload(name, data, dryRun);
    const grown = rss() - rssBefore - (bytes.length > 4 * MB ? 8 * data.length : 0);
    expect(res.data).toBeNull();
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0]!.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors![0]!.message).toMatch(message);
    expect(grown).toBeLessThan(100 * MB);
    const [event] = await auditTrail(1);
    expect(event).toMatchObject({ actor: 'test-analyst', action: 'import-refused', target: name });
    expect(JSON.parse(event!.details!)).toMatchObject({ dryRun });
  }
  expect(await mapCounts()).toEqual(before);
}

describe('importTemplate refuses upload bombs', () => {
  it('a zip of CSV that inflates 250× (declared honestly)', async () => {
    const bomb = csvZipBomb(256 * MB);
    expect(bomb.length).toBeLessThan(1.5 * MB);
    await expectRefused(
      'bomb.zip',
      bomb,
      /^contentBase64: bomb\.zip: dependencies\.csv: the archive declares an inflated size of more than [\d.]+ MB \(20× its own size\); nothing was read/,
    );
  });

  it('a zip of CSV that lies about its inflated size', async () => {
    await expectRefused(
      'liar.zip',
      csvZipBomb(256 * MB, { declaredSize: 200_000 }),
      /^contentBase64: liar\.zip: dependencies\.csv: inflates to more than the 200,000 bytes the archive declares for it/,
    );
  });

  it('a workbook whose sheet XML inflates 250×, honest or lying', async () => {
    const workbook = await templateToBuffer(handBuilt(), 'xlsx');
    await expectRefused(
      'bomb.xlsx',
      await xlsxBomb(workbook, { inflatedBytes: 256 * MB }),
      /^contentBase64: bomb\.xlsx: xl\/worksheets\/sheet8\.xml: the archive declares an inflated size of more than [\d.]+ MB \(20× its own size\)/,
    );
    await expectRefused(
      'liar.xlsx',
      await xlsxBomb(workbook, { inflatedBytes: 256 * MB, declaredSize: 300_000 }),
      /^contentBase64: liar\.xlsx: xl\/worksheets\/sheet8\.xml: inflates to more than the 300,000 bytes/,
    );
  });

  it('an upload near the size limit holding gigabytes of lying entries', async () => {
    // 8 tables × 1 GB of rows in ~16 MB, each declaring 1 MB: the kind of upload that used to end the process.
    const one = bombEntry('x', {
      head: 'from_id,to_id\n',
      unit: 'wf-er,svc-ehr\n',
      tail: '',
      inflatedBytes: 1000 * MB,
    });
    const tables = ['organizations', 'suppliers', 'services', 'assets', 'workflows', 'critical_functions'];
    const bomb = zip(
      [...tables, 'workflow_functions', 'dependencies'].map((t) => ({ ...one, name: `${t}.csv`, size: MB })),
    );
    expect(bomb.length).toBeGreaterThan(10 * MB);
    expect(bomb.length).toBeLessThan(24 * MB);
    await expectRefused(
      'huge.zip',
      bomb,
      /^contentBase64: huge\.zip: organizations\.csv: inflates to more than the 1,048,576 bytes/,
    );
  });
});

describe('importTemplate problem list', () => {
  it('lists the first 1,000 problems, counts them all, and audits the dry run', async () => {
    const rows = Array.from({ length: 2_500 }, (_, i) => `s${i},Supplier,,,not-a-number\n`).join('');
    const csv = Buffer.from(`id,name,category,country,security_rating\n${rows}`);
    const res = await upload('suppliers.csv', csv, true);
    expect(res.errors).toBeUndefined();
    const r = res.data!.importTemplate;
    expect(r).toMatchObject({ ok: false, dryRun: true, rows: 2_500, problemCount: 2_500 });
    expect(r.problems).toHaveLength(1_000);
    expect(r.problems[0]).toMatchObject({ file: 'suppliers.csv', line: 2, column: 'security_rating' });
    const [event] = await auditTrail(1);
    expect(event).toMatchObject({ actor: 'test-analyst', action: 'import-dry-run', target: 'suppliers.csv' });
    expect(JSON.parse(event!.details!)).toEqual({ ok: false, rows: 2_500, problemCount: 2_500 });
  });
});
