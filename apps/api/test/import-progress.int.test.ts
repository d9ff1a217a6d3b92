// A large import's progress (issue 11 item 4): `importInProgress` reads the staged
// import's journal, so the Import page can show how far it is, also to someone who left
// the page and came back; a scoped user sees only an import they started. (The CLI's
// kill test checks a real staged import's journal total against the template's rows.)
import { issueToken } from '@smart/api';
import { beginImport, importTemplate } from '@smart/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handBuilt } from '../../../test/fixtures/hand-built';
import { type TestApi, startTestApi } from '../../../test/support/api';
import { resetDatabase, testStore } from '../../../test/support/neo4j';

const store = testStore();
let api: TestApi;

beforeAll(async () => {
  await resetDatabase(store);
  await importTemplate(store, handBuilt(), { actor: 'test' });
  api = await startTestApi(store);
});
afterAll(async () => {
  await api?.close();
  await store.close();
});

const PROGRESS = `{ importInProgress {
  actor action source phase rowsWritten rowsTotal startedAt heartbeatAt
} }`;
interface Progress {
  importInProgress: {
    actor: string;
    action: string;
    source: string | null;
    phase: string;
    rowsWritten: number;
    rowsTotal: number | null;
    startedAt: string;
    heartbeatAt: string;
  } | null;
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
});
