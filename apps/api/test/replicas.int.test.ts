// Two API replicas against one Neo4j (issue 10 item 5): a write through one is in the
// next analysis on the other (each checks the graph version in Neo4j and catches up
// from the change log), a token revoked through one is refused by the other once its
// revocation cache expires (1 s, DESIGN §7), and the rate limits and the sign-in
// backoff count the requests of both. The replicas are two API instances in this test
// process, each with its own Store (driver, revocation list, bookmarks) and caches, as
// two processes would have.
import { type Store, createUser, importTemplate } from '@smart/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handBuilt } from '../../../test/fixtures/hand-built';
import { type TestApi, startTestApi } from '../../../test/support/api';
import { resetDatabase, testStore } from '../../../test/support/neo4j';
import { until } from '../../../test/support/poll';

const store = testStore();
const storeA = testStore();
const storeB = testStore();
let a: TestApi;
let b: TestApi;

beforeAll(async () => {
  await resetDatabase(store);
  await importTemplate(store, handBuilt(), { actor: 'test' });
  a = await startTestApi(storeA);
  b = await startTestApi(storeB);
});
afterAll(async () => {
  await a?.close();
  await b?.close();
  for (const s of [store, storeA, storeB]) await s.close();
});

/** Two more replicas with small limits, each on its own Store. */
async function limitedPair(limits: Parameters<typeof startTestApi>[1]): Promise<{
  pair: [TestApi, TestApi];
  close: () => Promise<void>;
}> {
  const stores: Store[] = [testStore(), testStore()];
  const pair: [TestApi, TestApi] = [
    await startTestApi(stores[0]!, limits),
    await startTestApi(stores[1]!, limits),
  ];
  return {
    pair,
    close: async () => {
      for (const api of pair) await api.close();
      for (const s of stores) await s.close();
    },
  };
}

// Request counts are per clock-aligned minute: a test that straddled two would start
// over halfway. Not a timing assertion: it only picks when to begin.
async function awayFromMinuteEnd(): Promise<void> {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < 20_000) await new Promise((r) => setTimeout(r, left + 100));
}

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
    const version = Number((await storeA.graphVersion()).toString());
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

describe('limits shared by the replicas', () => {
  it("a client at the request limit on A is refused on B (B learns A's count within a sync)", async () => {
    const { pair, close } = await limitedPair({ limits: { requestsPerMinute: 5 } });
    const [ra, rb] = pair;
    try {
      await awayFromMinuteEnd();
      const token = (
        await a.gql<{ issueToken: { token: string } }>(
          'mutation { issueToken(role: VIEWER, username: "rate-user") { token } }',
        )
      ).data!.issueToken.token;
      const q = { query: '{ stats { graphVersion } }' };
      for (let i = 0; i < 5; i++) expect((await ra.post(q, { token })).status).toBe(200);
      expect((await ra.post(q, { token })).status).toBe(429);
      // B's first request of the window waits for one sync, and A shares its counts
      // every 250 ms: B refuses once A's have reached Neo4j.
      const refused = await until('B refuses the client A limited', async () => {
        const res = await rb.post(q, { token });
        return res.status === 429 ? res : null;
      });
      expect(
        (refused.json as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code,
      ).toBe('RATE_LIMITED');
      // Another client is not limited on either.
      const other = (
        await a.gql<{ issueToken: { token: string } }>(
          'mutation { issueToken(role: VIEWER, username: "rate-other") { token } }',
        )
      ).data!.issueToken.token;
      expect((await rb.post(q, { token: other })).status).toBe(200);
      expect((await ra.post(q, { token: other })).status).toBe(200);
    } finally {
      await close();
    }
  });

  it('failed sign-ins on A delay the next attempt on B, and the right password on B clears them', async () => {
    let clock = Date.now();
    const { pair, close } = await limitedPair({ now: () => clock });
    const [ra, rb] = pair;
    await createUser(
      store,
      { username: 'replica-dana', role: 'VIEWER', password: 'the right password' },
      'test',
    );
    // One address of its own (the test's proxy is trusted on loopback), so no other
    // test's sign-ins count against this one.
    const from = { 'content-type': 'application/json', 'x-forwarded-for': '198.51.100.23' };
    const login = (api: TestApi, password: string) =>
      fetch(`${api.url}/auth/login`, {
        method: 'POST',
        headers: from,
        body: JSON.stringify({ username: 'replica-dana', password }),
      });
    try {
      // Five failures are free per (username, address): three on A, two on B.
      for (const api of [ra, ra, ra, rb, rb]) expect((await login(api, 'a wrong guess')).status).toBe(401);
      // The sixth waits 1 s, on either replica, whichever took the failures.
      const onA = await login(ra, 'the right password');
      expect(onA.status).toBe(429);
      expect(onA.headers.get('retry-after')).toBe('1');
      expect((await login(rb, 'the right password')).status).toBe(429);
      clock += 1_000;
      expect((await login(rb, 'the right password')).status).toBe(200);
      // The success on B forgave the failures on A too: a wrong guess on A is free again.
      expect((await login(ra, 'another wrong guess')).status).toBe(401);
    } finally {
      await close();
    }
  });
});
