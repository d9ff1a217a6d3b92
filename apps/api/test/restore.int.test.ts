// A backup taken before a token was revoked, restored after, keeps the token revoked
// (issue 12, item 3), through the real API: the token works, a backup is taken, the
// token is revoked, the backup is restored as `npm run restore -- file --force` does,
// and an API that reads the revocations afresh from Neo4j still refuses the token.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { issueToken } from '@smart/api';
import { backupToFile, importTemplate, restoreFromFile } from '@smart/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handBuilt } from '../../../test/fixtures/hand-built';
import { type TestApi, startTestApi } from '../../../test/support/api';
import { resetDatabase, testStore } from '../../../test/support/neo4j';

const store = testStore();
let api: TestApi;
const dir = mkdtempSync(join(tmpdir(), 'smart-restore-'));

beforeAll(async () => {
  await resetDatabase(store);
  await importTemplate(store, handBuilt(), { actor: 'test' });
  api = await startTestApi(store);
});
afterAll(async () => {
  await api?.close();
  await store.close();
});

const STATS = '{ stats { graphVersion } }';
const codes = (res: { errors?: { extensions?: { code?: string } }[] }) =>
  (res.errors ?? []).map((e) => e.extensions?.code);

describe('restore and revoked tokens', () => {
  it('a token revoked after the backup stays refused after the backup is restored', async () => {
    const issued = await api.gql<{ issueToken: { token: string; jti: string } }>(
      'mutation { issueToken(role: VIEWER, ttlHours: 2, username: "robot") { token jti } }',
    );
    const { token: byJti, jti } = issued.data!.issueToken;
    const byUser = await issueToken({ username: 'leaver', role: 'ANALYST' });
    for (const token of [byJti, byUser]) expect((await api.gql(STATS, {}, { token })).errors).toBeUndefined();

    const file = join(dir, 'before-revocation.json.gz');
    await backupToFile(store, file);

    expect((await api.gql('mutation($jti: ID!) { revokeToken(jti: $jti) }', { jti })).errors).toBeUndefined();
    expect((await api.gql('mutation { revokeTokens(username: "leaver") }')).errors).toBeUndefined();
    for (const token of [byJti, byUser])
      expect(codes(await api.gql(STATS, {}, { token }))).toEqual(['UNAUTHENTICATED']);

    await restoreFromFile(store, file, { actor: 'cli:test', force: true });

    // A second API on its own store reads the revocation list from Neo4j only (the
    // first one also remembers what it revoked itself for a while).
    const fresh = await startTestApi(testStore());
    try {
      for (const token of [byJti, byUser]) {
        expect(codes(await api.gql(STATS, {}, { token }))).toEqual(['UNAUTHENTICATED']);
        expect(codes(await fresh.gql(STATS, {}, { token }))).toEqual(['UNAUTHENTICATED']);
      }
      // The restored database serves requests: a token issued now works.
      const later = await issueToken({ username: 'leaver', role: 'ANALYST' });
      expect((await fresh.gql(STATS, {}, { token: later })).errors).toBeUndefined();
    } finally {
      await fresh.close();
      await fresh.store.close();
    }
  });
});
