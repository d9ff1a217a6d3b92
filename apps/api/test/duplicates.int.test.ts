// Possible duplicates (issue 13 item 5) through the API: the held spellings of one
// clearinghouse, as two submissions would write them, are proposed with the evidence.
import { importTemplate } from '@smart/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handBuilt } from '../../../test/fixtures/hand-built';
import { type TestApi, startTestApi } from '../../../test/support/api';
import { resetDatabase, testStore } from '../../../test/support/neo4j';

const store = testStore();
let api: TestApi;

beforeAll(async () => {
  await resetDatabase(store);
  const t = handBuilt();
  // hand-built has "ClearPath Clearinghouse" (sup-ch1); a second submission spells it twice more.
  t.suppliers.push(
    { id: 'sup-ch1-b', name: 'Clearpath Clearinghouse, Inc.', category: 'clearinghouse' },
    { id: 'sup-ch1-c', name: 'CLEARPATH CLEARINGHOUSE (Optimum Health)', category: 'clearinghouse' },
  );
  await importTemplate(store, t, { actor: 'test' });
  api = await startTestApi(store);
});
afterAll(async () => {
  await api?.close();
  await store.close();
});

interface Candidates {
  duplicateCandidates: {
    score: number;
    evidence: string[];
    entities: { id: string; name: string; kind: string }[];
  }[];
}
const QUERY = `query($kinds: [EntityKind!], $minScore: Float, $first: Int) {
  duplicateCandidates(kinds: $kinds, minScore: $minScore, first: $first) { score evidence entities { id name kind } }
}`;

describe('duplicateCandidates', () => {
  it('proposes the three spellings of one supplier as one candidate, with the evidence', async () => {
    const res = await api.gql<Candidates>(QUERY, { kinds: ['SUPPLIER'], minScore: 0.9 }, { role: 'VIEWER' });
    expect(res.errors).toBeUndefined();
    expect(res.data!.duplicateCandidates).toEqual([
      {
        score: 1,
        evidence: [
          'same name once case, punctuation and legal forms are set aside: "clearpath clearinghouse"',
        ],
        entities: [
          { id: 'sup-ch1', name: 'ClearPath Clearinghouse', kind: 'SUPPLIER' },
          { id: 'sup-ch1-b', name: 'Clearpath Clearinghouse, Inc.', kind: 'SUPPLIER' },
          { id: 'sup-ch1-c', name: 'CLEARPATH CLEARINGHOUSE (Optimum Health)', kind: 'SUPPLIER' },
        ],
      },
    ]);
  });

  it('refuses a score outside 0–1, naming the argument', async () => {
    const res = await api.gql(QUERY, { minScore: 2 }, { role: 'VIEWER' });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'minScore' });
  });
});
