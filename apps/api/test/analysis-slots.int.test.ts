// A user's analysis slots (at most maxConcurrentAnalysesPerUser at once, 429 BUSY past
// it) are given back as soon as the client goes away, not when the work it waited for
// ends: a page closed or navigated away from must not leave the next page's analyses of
// the same user refused (the 429s in the e2e console checks). The four analyses here wait
// for the first default ranking, which is shared by every caller and so deliberately not
// stopped when one of them leaves; its tasks are held in their workers by the test's gate,
// so nothing finishes until the test lets it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handBuilt } from '../../../test/fixtures/hand-built';
import { startTestApi } from '../../../test/support/api';
import { resetDatabase, testStore } from '../../../test/support/neo4j';
import { until } from '../../../test/support/poll';
import { importTemplate } from '@smart/store';

const store = testStore();

beforeAll(async () => {
  await resetDatabase(store);
  await importTemplate(store, handBuilt(), { actor: 'test' });
});
afterAll(async () => {
  await store.close();
});

const RANKING = '{ systemicRisk { entity { id } score } }';

describe("a user's analysis slots", () => {
  it('are given back when the clients go away, so a fifth analysis is admitted while the work they waited for still runs', async () => {
    // [started, finished, released bits]: no bit set, every task waits in its worker.
    const gate = new Int32Array(new SharedArrayBuffer(12));
    const api = await startTestApi(store, {
      // No task time limit within the test's reach: only the clients' leaving can free a slot.
      limits: { maxConcurrentAnalysesPerUser: 4, analysisTimeoutMs: 3_600_000 },
      hooks: { taskGate: gate },
    });
    try {
      const token = await api.token('VIEWER');
      const ask = (signal?: AbortSignal) =>
        fetch(`${api.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ query: RANKING }),
          signal,
        });
      const clients = [0, 1, 2, 3].map(() => new AbortController());
      const pending = clients.map((c) => ask(c.signal).catch((err: unknown) => err));
      await until(
        'four analyses hold their slots',
        () => api.api.analysisGate.runningFor('test-viewer') === 4,
      );
      await until('the ranking runs in the workers', () => Atomics.load(gate, 0) > 0);
      // The limit is reached: a fifth is refused.
      const refused = await ask();
      expect(refused.status).toBe(429);
      expect(
        ((await refused.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code,
      ).toBe('BUSY');

      for (const c of clients) c.abort();
      for (const p of await Promise.all(pending)) expect((p as Error).name).toBe('AbortError');
      await until('the slots are given back', () => api.api.analysisGate.runningFor('test-viewer') === 0);
      // The ranking they waited for has not finished: the slots came back with the clients.
      expect(Atomics.load(gate, 1)).toBe(0);

      const fifth = ask();
      await until(
        'the fifth analysis is admitted',
        () => api.api.analysisGate.runningFor('test-viewer') === 1,
      );
      Atomics.store(gate, 2, -1);
      Atomics.notify(gate, 2);
      const res = await fifth;
      expect(res.status).toBe(200);
      const body = (await res.json()) as { data?: { systemicRisk: unknown[] }; errors?: unknown };
      expect(body.errors).toBeUndefined();
      expect(body.data!.systemicRisk.length).toBeGreaterThan(0);
    } finally {
      Atomics.store(gate, 2, -1);
      Atomics.notify(gate, 2);
      await api.close();
    }
  });
});
