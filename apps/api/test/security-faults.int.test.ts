// Faults: Neo4j stopped and started under a load of concurrent queries (the API stays
// up, /readyz says so, queries fail fast with SERVICE_UNAVAILABLE, it recovers by
// itself), and SIGTERM draining a slow in-flight request in a real API process.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { issueToken } from '@smart/api';
import { importTemplate } from '@smart/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { instance, start, stop } from '../../../tools/neo4j/src/instance';
import { handBuilt } from '../../../test/fixtures/hand-built';
import { type TestApi, startTestApi } from '../../../test/support/api';
import { resetDatabase, testStore, testStoreConfig } from '../../../test/support/neo4j';

const store = testStore();
let api: TestApi;

beforeAll(async () => {
  await resetDatabase(store);
  await importTemplate(store, handBuilt(), { actor: 'test' });
  api = await startTestApi(store, { limits: { requestsPerMinute: 1_000_000 } });
});
afterAll(async () => {
  await api?.close();
  await store.close();
});

const QUERY = '{ stats { graphVersion } search(text: "a") { id } }';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Outcome {
  at: number;
  ms: number;
  status: number;
  ok: boolean;
  codes: string[];
  text: string;
}

describe('Neo4j stopped and started under load', () => {
  it('keeps answering, fails fast with SERVICE_UNAVAILABLE, and recovers by itself', async () => {
    const inst = instance('test');
    const token = await api.token('VIEWER');
    const outcomes: Outcome[] = [];
    let running = true;
    const worker = async () => {
      while (running) {
        const t0 = Date.now();
        let o: Outcome;
        try {
          const res = await fetch(`${api.url}/graphql`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
            body: JSON.stringify({ query: QUERY }),
          });
          const text = await res.text();
          const body = JSON.parse(text) as { data?: unknown; errors?: { extensions?: { code?: string } }[] };
          o = {
            at: t0,
            ms: Date.now() - t0,
            status: res.status,
            ok: !body.errors && !!body.data,
            codes: (body.errors ?? []).map((e) => e.extensions?.code ?? '?'),
            text: text.slice(0, 300),
          };
        } catch (err) {
          o = { at: t0, ms: Date.now() - t0, status: 0, ok: false, codes: ['NETWORK'], text: String(err) };
        }
        outcomes.push(o);
        await sleep(25);
      }
    };
    const workers = Array.from({ length: 8 }, worker);

    await sleep(2_000);
    const stoppedAt = Date.now();
    await stop(inst, () => {});
    // (Neo4j takes a while to shut down under load; from here its process is gone.)
    const goneAt = Date.now();
    let readyWhileDown = 0;
    try {
      await sleep(1_500);
      readyWhileDown = (await fetch(`${api.url}/readyz`)).status;
      expect((await fetch(`${api.url}/healthz`)).status).toBe(200);
    } finally {
      await start(inst, () => {});
    }
    const startedAt = Date.now();
    // Recovers by itself: no restart of the API, no reconnect by hand.
    let recoveredAt = 0;
    while (!recoveredAt && Date.now() - startedAt < 60_000) {
      await sleep(200);
      if (outcomes.some((o) => o.at > startedAt && o.ok)) recoveredAt = Date.now();
    }
    await sleep(500);
    running = false;
    await Promise.all(workers);

    expect(readyWhileDown).toBe(503);
    expect(recoveredAt).toBeGreaterThan(0);
    const before = outcomes.filter((o) => o.at + o.ms < stoppedAt);
    const down = outcomes.filter((o) => o.at > goneAt && o.at < startedAt);
    expect(before.length).toBeGreaterThan(10);
    expect(before.every((o) => o.ok)).toBe(true);
    expect(down.length).toBeGreaterThan(10);
    // While down: every answer is a clear SERVICE_UNAVAILABLE, quickly.
    for (const o of outcomes) {
      expect(o.status, o.text).not.toBe(0);
      expect(o.status === 200 || o.status === 503, o.text).toBe(true);
      for (const code of o.codes) expect(code, o.text).toBe('SERVICE_UNAVAILABLE');
      expect(o.text).not.toMatch(/\n\s+at |bolt:\/\/|neo4j-driver|Neo4jError/);
    }
    expect(down.every((o) => !o.ok)).toBe(true);
    // Fast: one request at a time probes Neo4j (about a second), the rest fail at once.
    const times = down.map((o) => o.ms).sort((a, b) => a - b);
    expect(times[Math.floor(times.length * 0.9)]).toBeLessThan(100);
    expect(times[times.length - 1]).toBeLessThan(3_000);
    // Never hung, even while Neo4j was shutting down.
    expect(Math.max(...outcomes.map((o) => o.ms))).toBeLessThan(15_000);
    // After recovery everything succeeds again.
    const after = outcomes.filter((o) => o.at > recoveredAt);
    expect(after.length).toBeGreaterThan(0);
    expect(after.every((o) => o.ok)).toBe(true);
    expect((await fetch(`${api.url}/readyz`)).status).toBe(200);
  });
});

describe('SIGTERM', () => {
  let child: ChildProcess | undefined;
  afterAll(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
  });

  it('drains a slow in-flight request before the process exits', async () => {
    const config = testStoreConfig();
    const tsx = resolve(import.meta.dirname, '../../../node_modules/.bin/tsx');
    child = spawn(tsx, [resolve(import.meta.dirname, 'fixtures/serve.ts')], {
      env: { ...process.env, NEO4J_URI: config.uri, NEO4J_PASSWORD: config.password },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const [line] = (await Promise.race([
      once(child.stdout!, 'data'),
      sleep(30_000).then(() => {
        throw new Error('the API process did not start');
      }),
    ])) as [Buffer];
    const { port } = JSON.parse(line.toString()) as { port: number };
    const url = `http://127.0.0.1:${port}`;
    const admin = await issueToken({ username: 'drain-admin', role: 'ADMIN' });

    // Hold the lock createUser(drain-slow) needs, so the request stays in flight.
    const session = store.driver.session();
    const tx = session.beginTransaction();
    await tx.run("CREATE (:User {username: 'drain-slow', role: 'VIEWER', passwordHash: 'x'})");
    const inFlight = fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
      body: JSON.stringify({
        query:
          'mutation { createUser(username: "drain-slow", password: "a long password", role: VIEWER) { username } }',
      }),
    });
    await sleep(500);
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    await sleep(500);
    // Draining: no new connections, the process still there.
    expect(child.exitCode).toBeNull();
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
    // Let the slow request finish: it completes, then the process exits cleanly.
    await tx.rollback();
    await session.close();
    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ data: { createUser: { username: 'drain-slow' } } });
    const [code] = (await exited) as [number | null];
    expect(code).toBe(0);
  });
});
