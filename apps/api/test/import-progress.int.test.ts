// A large import's progress (issue 11 item 4): `importInProgress` reads the staged
// import's journal, so the Import page can show how far it is, also to someone who left
// the page and came back; a scoped user sees only an import they started. (The CLI's
// kill test checks a real staged import's journal total against the template's rows.)
import { issueToken } from '@smart/api';
import { SIZES, generateEcosystem } from '@smart/seed';
import { beginImport, importTemplate } from '@smart/store';
import { templateToBuffer } from '@smart/templates';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handBuilt } from '../../../test/fixtures/hand-built';
import { type TestApi, startTestApi } from '../../../test/support/api';
import { resetDatabase, testStore } from '../../../test/support/neo4j';

const store = testStore();
let api: TestApi;

beforeAll(async () => {
  await resetDatabase(store);
  await importTemplate(store, handBuilt(), { actor: 'test' });
  // The polls follow each other 50 ms apart for as long as an import runs (a staged
  // import reads its file twice): the per-token rate limit is not what is tested here.
  api = await startTestApi(store, { limits: { requestsPerMinute: 1_000_000 } });
});
afterAll(async () => {
  await api?.close();
  await store.close();
});

const PROGRESS = `{ importInProgress {
  actor action source phase rowsRead table rowsWritten rowsTotal startedAt heartbeatAt
} }`;
interface Progress {
  importInProgress: {
    actor: string;
    action: string;
    source: string | null;
    phase: string;
    rowsRead: number | null;
    table: string | null;
    rowsWritten: number;
    rowsTotal: number | null;
    startedAt: string;
    heartbeatAt: string;
  } | null;
}

type Seen = NonNullable<Progress['importInProgress']>;

const POLL_PAUSE_MS = 50;

/**
 * Imports `bytes` as the importer and polls importInProgress, as the importer and as each
 * of `watchers`, until the import has ended, one round of polls every 50 ms (the pause
 * only paces the polls, nothing waits for it: reading and validating an S workbook takes
 * seconds, tens of rounds). Back to back, the polls took this process's event loop, which
 * the import they watch runs on, from that import: the test took ~50 % longer (issue 17).
 * Only answers that came back before the import ended are kept.
 */
async function importWhilePolling(bytes: Uint8Array, importer: string, watchers: string[]) {
  let settled = false;
  const running = api
    .gql<{ importTemplate: { ok: boolean; rows: number } }>(
      'mutation($f: String!, $c: String!) { importTemplate(fileName: $f, contentBase64: $c) { ok rows } }',
      { f: 'sector-s.xlsx', c: Buffer.from(bytes).toString('base64') },
      { token: importer },
    )
    .finally(() => {
      settled = true;
    });
  const own: Seen[] = [];
  const others: Seen[] = [];
  while (!settled) {
    const [mine, ...theirs] = await Promise.all(
      [importer, ...watchers].map((token) => api.gql<Progress>(PROGRESS, {}, { token })),
    );
    expect(mine!.errors).toBeUndefined();
    if (settled) break; // answered after the import ended: not "before"
    if (mine!.data!.importInProgress) own.push(mine!.data!.importInProgress);
    for (const r of theirs) if (r.data!.importInProgress) others.push(r.data!.importInProgress);
    await new Promise((r) => setTimeout(r, POLL_PAUSE_MS));
  }
  return { result: await running, own, others };
}

describe('importInProgress', () => {
  it('is null when no import is under way', async () => {
    const r = await api.gql<Progress>(PROGRESS, {}, { role: 'ANALYST' });
    expect(r.errors).toBeUndefined();
    expect(r.data!.importInProgress).toBeNull();
  });

  it('follows a staged import from its snapshot through its batches, then is null again', async () => {
    const staged = await beginImport(store, {
      actor: 'analyst-ann',
      action: 'import',
      source: 'sector.xlsx',
      total: 1000,
    });
    try {
      const first = await api.gql<Progress>(PROGRESS, {}, { role: 'ANALYST' });
      expect(first.errors).toBeUndefined();
      expect(first.data!.importInProgress).toMatchObject({
        actor: 'analyst-ann',
        action: 'import',
        source: 'sector.xlsx',
        phase: 'SNAPSHOT',
        rowsWritten: 0,
        rowsTotal: 1000,
      });
      expect(Number.isNaN(Date.parse(first.data!.importInProgress!.startedAt))).toBe(false);

      // Two batches of 250 rows (no statements: only the journal's heartbeat moves).
      await staged.write([], 250, 'writing');
      await staged.write([], 250, 'writing');
      const later = await api.gql<Progress>(PROGRESS, {}, { role: 'ANALYST' });
      expect(later.data!.importInProgress).toMatchObject({
        phase: 'WRITING',
        rowsWritten: 500,
        rowsTotal: 1000,
      });
      expect(Date.parse(later.data!.importInProgress!.heartbeatAt)).toBeGreaterThanOrEqual(
        Date.parse(first.data!.importInProgress!.heartbeatAt),
      );

      // A scoped analyst sees their own import only: this one is analyst-ann's.
      const other = await issueToken({
        username: 'analyst-bo',
        role: 'ANALYST',
        organizations: ['org-hosp'],
      });
      const own = await issueToken({ username: 'analyst-ann', role: 'ANALYST', organizations: ['org-hosp'] });
      expect((await api.gql<Progress>(PROGRESS, {}, { token: other })).data!.importInProgress).toBeNull();
      expect((await api.gql<Progress>(PROGRESS, {}, { token: own })).data!.importInProgress).toMatchObject({
        rowsWritten: 500,
      });
      // A VIEWER cannot ask.
      const viewer = await api.gql<Progress>(PROGRESS, {}, { role: 'VIEWER' });
      expect(viewer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    } finally {
      await staged.rollBack();
    }
    const after = await api.gql<Progress>(PROGRESS, {}, { role: 'ANALYST' });
    expect(after.data!.importInProgress).toBeNull();
  });

  it("shows the caller's own upload being read and validated, its rows growing, before the write", async () => {
    // A size-S workbook (~61k rows): reading and validating it takes seconds.
    const bytes = await templateToBuffer(generateEcosystem({ entities: SIZES.S, seed: 11 }), 'xlsx');
    const importer = await issueToken({ username: 'analyst-cy', role: 'ANALYST' });
    const stranger = await issueToken({ username: 'admin-dee', role: 'ADMIN' });
    const scoped = await issueToken({ username: 'analyst-bo', role: 'ANALYST', organizations: ['org-hosp'] });
    const { result, own, others } = await importWhilePolling(bytes, importer, [stranger, scoped]);
    expect(result.errors).toBeUndefined();
    const rows = result.data!.importTemplate.rows;
    expect(rows).toBeGreaterThan(50_000);

    const validating = own.filter((p) => p.phase === 'VALIDATING');
    expect(validating[0]).toMatchObject({ actor: 'analyst-cy', action: 'import', source: 'sector-s.xlsx' });
    // Rows read grow while it validates (more than one count seen), never past the file's rows.
    const counts = validating.map((p) => p.rowsRead!);
    expect(new Set(counts.filter((n) => n > 0)).size).toBeGreaterThan(1);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    expect(Math.max(...counts)).toBeLessThanOrEqual(rows);
    // While reading, the table being read is named.
    expect(validating.some((p) => p.table !== null)).toBe(true);
    // Once handed to the store: the whole file's rows are the total.
    for (const p of own.filter((q) => q.phase === 'WRITING')) expect(p.rowsTotal).toBe(rows);
    // Nobody else sees it validating: not another user (even an ADMIN), not a scoped one.
    expect(others.filter((p) => p.phase === 'VALIDATING')).toEqual([]);
    // Ended: nothing is under way for the importer.
    expect((await api.gql<Progress>(PROGRESS, {}, { token: importer })).data!.importInProgress).toBeNull();
  }, 240_000);

  it('shows a scoped user their own upload being validated, and no one else', async () => {
    // Rows of other organizations: refused once read and validated, but validated first.
    const bytes = await templateToBuffer(generateEcosystem({ entities: SIZES.S, seed: 12 }), 'xlsx');
    const importer = await issueToken({
      username: 'analyst-eve',
      role: 'ANALYST',
      organizations: ['org-hosp'],
    });
    const admin = await issueToken({ username: 'admin-dee', role: 'ADMIN' });
    const { result, own, others } = await importWhilePolling(bytes, importer, [admin]);
    expect(result.errors).toBeUndefined();
    expect(result.data!.importTemplate.ok).toBe(false);
    const validating = own.filter((p) => p.phase === 'VALIDATING');
    expect(validating.length).toBeGreaterThan(0);
    expect(validating.every((p) => p.actor === 'analyst-eve')).toBe(true);
    expect(others.filter((p) => p.phase === 'VALIDATING')).toEqual([]);
  }, 240_000);
});
