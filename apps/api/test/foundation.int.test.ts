import { Store } from '@smart/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { start, stop } from '../../../tools/neo4j/src/instance';
import { type TestApi, startTestApi } from '../../../test/support/api';
import { type OwnNeo4j, restartableNeo4j, resetDatabase, testStore } from '../../../test/support/neo4j';
import { until } from '../../../test/support/poll';

const store = testStore();
let api: TestApi;

const STATS = '{ stats { counts { kind count } dependencies graphVersion } }';

beforeAll(async () => {
  await resetDatabase(store);
  await store.write(
    (tx) =>
      tx.run(`
        CREATE (s:Entity:Supplier {id: 's1', name: 'Clearwave'})
        CREATE (v:Entity:Service {id: 'v1', name: 'Claims API', type: 'SOFTWARE'})-[:PROVIDED_BY]->(s)
        CREATE (o:Entity:Organization {id: 'o1', name: 'General', subsector: 'DIRECT_PATIENT_CARE'})
        CREATE (w:Entity:Workflow {id: 'w1', name: 'Claims', category: 'ADMINISTRATIVE'})
        CREATE (o)-[:PERFORMS]->(w)
        CREATE (w)-[:DEPENDS_ON {strength: 1.0}]->(v)`),
    { bumpVersion: true },
  );
  api = await startTestApi(store);
});
afterAll(async () => {
  await api?.close();
  await store.close();
});

describe('health endpoints', () => {
  it('/healthz answers while the process is alive', async () => {
    const res = await fetch(`${api.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('/readyz is 200 when Neo4j is reachable and the schema applied', async () => {
    const res = await fetch(`${api.url}/readyz`);
    expect(res.status).toBe(200);
  });
});

describe('stats', () => {
  it('answers the counts per kind and dependencies from Neo4j', async () => {
    const res = await api.gql<{
      stats: { counts: { kind: string; count: number }[]; dependencies: number; graphVersion: string };
    }>(STATS, {}, { role: 'VIEWER' });
    expect(res.errors).toBeUndefined();
    const counts = Object.fromEntries(res.data!.stats.counts.map((c) => [c.kind, c.count]));
    expect(counts).toEqual({
      ORGANIZATION: 1,
      SUPPLIER: 1,
      SERVICE: 1,
      ASSET: 0,
      WORKFLOW: 1,
      CRITICAL_FUNCTION: 0,
    });
    expect(res.data!.stats.dependencies).toBe(1);
    expect(Number(res.data!.stats.graphVersion)).toBeGreaterThan(0);
  });

  it('refuses a request without a token as UNAUTHENTICATED, without data', async () => {
    const res = await api.gql(STATS, {}, { token: null });
    expect(res.data?.stats ?? null).toBeNull();
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a forged token', async () => {
    const good = await api.token('ADMIN');
    const [h, p] = good.split('.');
    const res = await api.gql(STATS, {}, { token: `${h}.${p}.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA` });
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('when Neo4j stops and starts again', () => {
  // The restart tests' private Neo4j (restartableNeo4j), not the shared instance: a
  // restart that fails (or takes long on a loaded machine) breaks no file on the shared one.
  let db: OwnNeo4j;
  let own: Store;
  let ownApi: TestApi;
  beforeAll(async () => {
    db = await restartableNeo4j();
    own = new Store(db.config);
    await resetDatabase(own);
    ownApi = await startTestApi(own);
  });
  afterAll(async () => {
    await ownApi?.close();
    await own?.close();
    await db?.close();
  });

  // Stopping and starting a JVM is slow on a loaded machine: the timeout is a safety net only.
  it('stays up, reports 503 on /readyz, fails queries clearly, and recovers without a restart', async () => {
    // A running API: it has answered (and read the revocation list) before Neo4j stops.
    expect((await ownApi.gql(STATS, {}, { role: 'VIEWER' })).errors).toBeUndefined();
    await stop(db.instance, () => {});
    try {
      expect((await fetch(`${ownApi.url}/healthz`)).status).toBe(200);
      expect((await fetch(`${ownApi.url}/readyz`)).status).toBe(503);
      const res = await ownApi.gql(STATS, {}, { role: 'VIEWER' });
      expect(res.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
      expect(res.errors?.[0]?.message).toBe('the graph database is unavailable; try again shortly');
      expect(JSON.stringify(res)).not.toMatch(/at \w+ \(|neo4j-driver|bolt:\/\//);
    } finally {
      await start(db.instance, () => {});
    }
    await until(
      '/readyz to answer 200 again',
      async () => (await fetch(`${ownApi.url}/readyz`)).status === 200,
    );
    const res = await ownApi.gql(STATS, {}, { role: 'VIEWER' });
    expect(res.errors).toBeUndefined();
    expect(res.data).toBeDefined();
  }, 600_000);
});
