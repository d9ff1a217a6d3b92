// Two API replicas against one Neo4j (issue 10 item 5): a write through one is in the
// next analysis on the other (each checks the graph version in Neo4j and catches up
// from the change log), and a token revoked through one is refused by the other once
// its revocation cache expires (1 s, DESIGN §7). The replicas are two API instances
// in this test process, each with its own caches, as two processes would have.
import { importTemplate } from '@smart/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handBuilt } from '../../../test/fixtures/hand-built';
import { type TestApi, startTestApi } from '../../../test/support/api';
import { resetDatabase, testStore } from '../../../test/support/neo4j';
import { until } from '../../../test/support/poll';

const store = testStore();
let a: TestApi;
let b: TestApi;

beforeAll(async () => {
  await resetDatabase(store);
  await importTemplate(store, handBuilt(), { actor: 'test' });
  a = await startTestApi(store);
  b = await startTestApi(store);
});
afterAll(async () => {
  await a?.close();
  await b?.close();
  await store.close();
});

const IMPACT = `query { impact(input: { failed: [{ id: "sup-ch1" }] }) {
  graphVersion summary { workflowsFailed }
} }`;
interface Impact {
  impact: { graphVersion: string; summary: { workflowsFailed: number } };
}

describe('two replicas', () => {
  it('an analysis on B reflects a write made through A, at the version the write made', async () => {
    const before = await b.gql<Impact>(IMPACT);
    expect(before.errors).toBeUndefined();
    // wf-claims fails with ClearPath in the fixture; wf-elig has an alternative: 1 failed.
    expect(before.data!.impact.summary.workflowsFailed).toBe(1);
    const write = await a.gql<{ addDependency: { from: { id: string } } }>(
      `mutation { addDependency(input: { from: "wf-er", to: "svc-ch1" }) { from { id } } }`,
      {},
      { role: 'ANALYST' },
    );
    expect(write.errors).toBeUndefined();
    const version = Number((await store.graphVersion()).toString());
    // No waiting: B reads the version from Neo4j before answering.
    const after = await b.gql<Impact>(IMPACT);
    expect(after.data!.impact.graphVersion).toBe(String(version));
    // wf-er (no tolerance) now fails with ClearPath too.
    expect(after.data!.impact.summary.workflowsFailed).toBe(2);
  });

  it('a token revoked through A is refused by B within the revocation cache bound', async () => {
    const issued = await a.gql<{ issueToken: { token: string; jti: string } }>(
      `mutation { issueToken(role: VIEWER, username: "replica-user") { token jti } }`,
    );
    const { token, jti } = issued.data!.issueToken;
    expect((await b.gql('{ stats { dependencies } }', {}, { token })).errors).toBeUndefined();
    const revoked = await a.gql(`mutation($jti: ID!) { revokeToken(jti: $jti) }`, { jti });
    expect(revoked.errors).toBeUndefined();
    await until(
      'B refuses the revoked token',
      async () => (await b.gql('{ stats { dependencies } }', {}, { token })).status === 401,
      {
        timeoutMs: 30_000,
      },
    );
  });
});
