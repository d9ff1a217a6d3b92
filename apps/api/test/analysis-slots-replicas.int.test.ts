// A user's analysis limit holds across API replicas on one Neo4j (issue 10 item 5,
// DESIGN §7 "Replicas"): two API instances in one process, each with its own gate.
// Analyses held on replica A count on replica B once A has shared them (its lease in
// Neo4j); when they finish, B admits the user again; a lease left by a replica that
// died counts until it expires, then no more. Every wait polls for a state.
import { importTemplate, limitKey, syncAnalysisSlots } from '@smart/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handBuilt } from '../../../test/fixtures/hand-built';
import { type TestApi, startTestApi } from '../../../test/support/api';
import { resetDatabase, testStore } from '../../../test/support/neo4j';
import { until } from '../../../test/support/poll';

const store = testStore();

beforeAll(async () => {
  await resetDatabase(store);
  await importTemplate(store, handBuilt(), { actor: 'test' });
});
afterAll(async () => {
  await store.close();
});

const IMPACT = '{ impact(input: { failed: [{ id: "sup-ch1" }], durationHours: 24 }) { summary { failed } } }';
const USER = limitKey('analysis-slots', 'test-viewer');

/** The analyses of the viewer every replica has shared, by unexpired leases. */
async function shared(): Promise<number> {
  const [row] = await store.readRows<{ running: number }>('queries/limits/analysis-slots-others', {
    users: [USER],
    replica: 'none',
    now: Date.now(),
  });
  return Number(row?.running ?? 0);
}

const code = (res: { json: unknown }) =>
  (res.json as { errors?: { extensions?: { code?: string } }[] }).errors?.[0]?.extensions?.code;

describe('analysis slots across replicas', () => {
  it("counts a user's analyses on every replica, gives them back when they end, and forgets a dead replica's when its lease expires", async () => {
    let admitted = 0;
    let release!: () => void;
    const held = new Promise<void>((r) => {
      release = r;
    });
    let a: TestApi | undefined;
    let b: TestApi | undefined;
    try {
      a = await startTestApi(store, {
        limits: { maxConcurrentAnalysesPerUser: 2, rateSyncMs: 100 },
        hooks: {
          analysisAdmitted: async () => {
            admitted++;
            await held;
          },
        },
      });
      // B asks Neo4j before a user's first analysis and waits up to two sync periods for it.
      b = await startTestApi(store, { limits: { maxConcurrentAnalysesPerUser: 2, rateSyncMs: 2_000 } });

      const onA = [
        a.post({ query: IMPACT }, { role: 'VIEWER' }),
        a.post({ query: IMPACT }, { role: 'VIEWER' }),
      ];
      await until('A runs two analyses of the viewer', () => admitted === 2);
      await until('A has shared them (its lease in Neo4j)', async () => (await shared()) === 2);

      // The viewer is at the limit over both replicas: B refuses, and admits another user.
      const refused = await b.post({ query: IMPACT }, { role: 'VIEWER' });
      expect(refused.status).toBe(429);
      expect(code(refused)).toBe('BUSY');
      const other = await b.post({ query: IMPACT }, { role: 'ANALYST' });
      expect(other.status).toBe(200);
      expect(b.api.analysisGate.runningFor('test-viewer')).toBe(0);

      // A's analyses end: A shares that, and B admits the viewer again (B reads the
      // other replicas' counts again once its view is two periods old).
      release();
      for (const res of await Promise.all(onA)) expect(res.status).toBe(200);
      await until('A has shared that they ended', async () => (await shared()) === 0);
      const again = await until(
        'B admits the viewer again',
        async () => {
          const res = await b!.post({ query: IMPACT }, { role: 'VIEWER' });
          return res.status === 200 ? res : null;
        },
        { everyMs: 250 },
      );
      expect(code(again)).toBeUndefined();

      // A replica that died with two analyses running: its lease counts until it
      // expires (written here as that replica would have, then expired by rewriting it).
      const live = Date.now() + 3_600_000;
      await syncAnalysisSlots(store, 'replica-that-died', [{ user: USER, running: 2 }], [], live);
      const blocked = await until(
        'B refuses the viewer while the dead lease is live',
        async () => {
          const res = await b!.post({ query: IMPACT }, { role: 'VIEWER' });
          return res.status === 429 ? res : null;
        },
        { everyMs: 250 },
      );
      expect(code(blocked)).toBe('BUSY');
      const past = Date.now() - 1;
      await syncAnalysisSlots(store, 'replica-that-died', [{ user: USER, running: 2 }], [], past, past - 1);
      // B's own lease may still show an analysis it admitted while the dead lease was being
      // noticed, until its next sync (2 s): wait for the total, which the dead lease would keep at 2.
      await until('no live lease counts the viewer', async () => (await shared()) === 0, { everyMs: 250 });
      await until(
        'B admits the viewer once the dead lease expired',
        async () => {
          const res = await b!.post({ query: IMPACT }, { role: 'VIEWER' });
          return res.status === 200;
        },
        { everyMs: 250 },
      );
    } finally {
      release();
      await a?.close();
      await b?.close();
    }
  });
});
