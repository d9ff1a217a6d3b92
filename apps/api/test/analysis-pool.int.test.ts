// Analyses off the request loop (issue 10 items 2–3): answers through the worker pool
// equal the engine run in-process on a projection built from scratch; a task over its
// time limit or whose client went away is stopped and its worker freed; a full queue
// answers 503 BUSY at once; /healthz answers while a task provably runs in a worker;
// an answer racing writes carries the graph version its content belongs to; the
// default ranking is answered at once for the version before while it is refreshed.
import { readFileSync, readdirSync } from 'node:fs';
import { ENTITY_KINDS } from '@smart/domain';
import { impact, paths, systemicRisk } from '@smart/engine';
import { SIZES, generateEcosystem } from '@smart/seed';
import {
  addDependency,
  deleteEntity,
  importTemplate,
  loadProjection,
  removeDependency,
  upsertEntity,
} from '@smart/store';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handBuilt } from '../../../test/fixtures/hand-built';
import { type GqlResponse, type TestApi, startTestApi } from '../../../test/support/api';
import { resetDatabase, testStore } from '../../../test/support/neo4j';
import { until } from '../../../test/support/poll';

const store = testStore();

afterAll(async () => {
  await store.close();
});

type Json = {
  data?: Record<string, unknown> | null;
  errors?: { message: string; path?: string[]; extensions?: Record<string, unknown> }[];
};

async function withApi(opts: Parameters<typeof startTestApi>[1], run: (api: TestApi) => Promise<void>) {
  const api = await startTestApi(store, opts);
  try {
    await run(api);
  } finally {
    await api.close();
  }
}

/** A gate every analysis task passes in its worker (see worker.ts): [started, finished, released bits]. */
function newGate() {
  const gate = new Int32Array(new SharedArrayBuffer(12));
  return {
    gate,
    started: () => Atomics.load(gate, 0),
    finished: () => Atomics.load(gate, 1),
    release: (k: number) => {
      Atomics.or(gate, 2, 1 << k);
      Atomics.notify(gate, 2);
    },
    releaseAll: () => {
      Atomics.store(gate, 2, -1);
      Atomics.notify(gate, 2);
    },
  };
}

const IMPACT =
  '{ impact(input: { failed: [{ id: "sup-ch1" }], durationHours: 48 }) { graphVersion summary { failed } } }';

describe('answers through the pool', () => {
  const template = generateEcosystem({ entities: SIZES.S, seed: 3 });

  beforeAll(async () => {
    await resetDatabase(store);
    await importTemplate(store, template, { actor: 'test' });
  });

  it('a summary asked alone is the summary of the report read with its rows', async () => {
    const id = template.suppliers[0]!.id;
    const SUMMARY =
      'summary { failed degraded workflowsFailed workflowsDegraded organizationsAffected functions { capacityLoss failedWorkflows } byRegion { region organizationsAffected } bySubsector { subsector workflowsFailed } }';
    await withApi({}, async (api) => {
      const alone = await api.gql<{ impact: { summary: unknown } }>(
        `{ impact(input: { failed: [{ id: "${id}" }], durationHours: 72 }) { ${SUMMARY} graphVersion } }`,
      );
      const withRows = await api.gql<{ impact: { summary: unknown; affected: { totalCount: number } } }>(
        `{ impact(input: { failed: [{ id: "${id}" }], durationHours: 72 }) { ${SUMMARY} ...Rows } }
         fragment Rows on ImpactReport { affected(first: 1) { totalCount } }`,
      );
      expect(alone.errors).toBeUndefined();
      expect(withRows.errors).toBeUndefined();
      // the fragment asked for rows: they came (the supplier's outage reaches its services at least)
      expect(withRows.data!.impact.affected.totalCount).toBeGreaterThan(1);
      expect(alone.data!.impact.summary).toEqual(withRows.data!.impact.summary);
    });
  });

  it('equal the in-process engine: impact, paths and the ranking spread over two workers', async () => {
    const { graph, version } = await loadProjection(store);
    const hub = template.suppliers[0]!.id;
    const service = template.services.find((s) => s.supplierId === hub)!.id;
    await withApi({ limits: { analysisWorkers: 2 } }, async (api) => {
      const res = await api.gql<{
        impact: {
          graphVersion: string;
          summary: { failed: number; degraded: number };
          affected: {
            totalCount: number;
            edges: {
              cursor: string;
              node: { entity: { id: string }; state: string; failedAtHours: number | null };
            }[];
          };
        };
        paths: { nodes: { id: string }[] }[];
        systemicRisk: { entity: { id: string }; score: number; graphVersion: string }[];
      }>(
        `query($hub: ID!, $svc: ID!, $first: Int) {
          impact(input: { failed: [{ id: $hub }], durationHours: 24 }) {
            graphVersion summary { failed degraded }
            affected(first: $first) { totalCount edges { cursor node { entity { id } state failedAtHours } } } }
          paths(from: $svc, toKinds: [WORKFLOW, CRITICAL_FUNCTION], maxDepth: 8, limit: 1000) { nodes { id } }
          systemicRisk(kinds: [${ENTITY_KINDS.join(', ')}], durationHours: 24, first: 1000) { entity { id } score graphVersion }
        }`,
        { hub, svc: service, first: 1000 },
      );
      expect(res.errors).toBeUndefined();
      const engineImpact = impact(graph, { failed: [{ id: hub }], durationHours: 24 });
      expect(res.data!.impact.graphVersion).toBe(String(version));
      expect(res.data!.impact.summary).toMatchObject({
        failed: engineImpact.summary.failed,
        degraded: engineImpact.summary.degraded,
      });
      // Every affected entity, page by page, compared in id order (the pages have their own order).
      const byId = (a: { entity: { id: string } }, b: { entity: { id: string } }) =>
        a.entity.id < b.entity.id ? -1 : a.entity.id > b.entity.id ? 1 : 0;
      expect(res.data!.impact.affected.totalCount).toBe(engineImpact.affected.length);
      type Row = { entity: { id: string }; state: string; failedAtHours: number | null };
      const rows: Row[] = res.data!.impact.affected.edges.map((e) => e.node);
      for (let after: string | null = null; rows.length < engineImpact.affected.length; ) {
        type Page = {
          impact: {
            affected: {
              edges: { cursor: string; node: Row }[];
              pageInfo: { endCursor: string | null; hasNextPage: boolean };
            };
          };
        };
        const page: GqlResponse<Page> = await api.gql<Page>(
          `query($hub: ID!, $after: String, $first: Int) { impact(input: { failed: [{ id: $hub }], durationHours: 24 }) {
            affected(first: $first, after: $after) { edges { node { entity { id } state failedAtHours } } pageInfo { endCursor hasNextPage } } } }`,
          { hub, first: 1000, after: after ?? res.data!.impact.affected.edges.at(-1)!.cursor },
        );
        expect(page.errors).toBeUndefined();
        const a: Page['impact']['affected'] = page.data!.impact.affected;
        if (a.edges.length === 0) break;
        rows.push(...a.edges.map((e) => e.node));
        after = a.pageInfo.endCursor;
      }
      expect(rows.sort(byId)).toEqual(
        engineImpact.affected
          .map((a) => ({ entity: { id: a.id }, state: a.state, failedAtHours: a.failedAtHours }))
          .sort(byId),
      );
      expect(engineImpact.affected.length).toBeGreaterThan(10);

      const enginePaths = paths(graph, service, {
        toKinds: ['WORKFLOW', 'CRITICAL_FUNCTION'],
        maxDepth: 8,
        limit: 1000,
      });
      expect(res.data!.paths.map((p) => p.nodes.map((n) => n.id))).toEqual(enginePaths.map((p) => p.nodes));
      expect(enginePaths.length).toBeGreaterThan(0);

      const engineRanking = systemicRisk(graph, { kinds: ENTITY_KINDS, durationHours: 24, first: 1000 });
      expect(res.data!.systemicRisk.map((r) => [r.entity.id, r.score])).toEqual(
        engineRanking.map((r) => [r.id, r.score]),
      );
      expect(new Set(res.data!.systemicRisk.map((r) => r.graphVersion))).toEqual(new Set([String(version)]));
      // It ran in the workers (two parts of the ranking, one impact, one paths), not here.
      expect(api.api.analysis.stats().completed).toBeGreaterThanOrEqual(4);
    });
  });

  it('the default ranking is answered at once for the version before a write, then refreshed in the background', async () => {
    await withApi({ limits: { riskRefreshMs: 50 } }, async (api) => {
      const ask = async () => {
        const r = await api.gql<{ systemicRisk: { graphVersion: string; entity: { id: string } }[] }>(
          '{ systemicRisk(first: 3) { graphVersion entity { id } } }',
        );
        expect(r.errors).toBeUndefined();
        return r.data!.systemicRisk;
      };
      const before = await ask();
      const v0 = Number(before[0]!.graphVersion);
      expect(v0).toBe(await store.graphVersion());
      // A write elsewhere (straight to the store): the next answer does not wait for a new ranking.
      const wf = template.workflows[0]!.id;
      const svc = template.services.at(-1)!.id;
      await addDependency(store, { from: wf, to: svc }, 'test');
      const v1 = await store.graphVersion();
      expect(v1).toBeGreaterThan(v0);
      const stale = await ask();
      expect(stale[0]!.graphVersion).toBe(String(v0));
      // …and a fresh one is made in the background, for the new version.
      await until('a ranking of the new version', async () => (await ask())[0]!.graphVersion === String(v1));
      await removeDependency(store, wf, svc, 'test');
    });
  });
});

describe('stopping and refusing work', () => {
  beforeAll(async () => {
    await resetDatabase(store);
    await importTemplate(store, handBuilt(), { actor: 'test' });
  });

  it('/healthz answers while an analysis provably still runs in a worker', async () => {
    const g = newGate();
    await withApi({ hooks: { taskGate: g.gate } }, async (api) => {
      const pending = api.gql(IMPACT);
      await until('the task runs in its worker', () => g.started() === 1);
      const health = await fetch(`${api.url}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: 'ok' });
      // The task was still running in its worker when /healthz answered.
      expect(g.finished()).toBe(0);
      g.releaseAll();
      const res = await pending;
      expect(res.errors).toBeUndefined();
      expect(g.finished()).toBe(1);
    });
  });

  it('a task over its time limit, or whose client went away, is stopped and its worker freed', async () => {
    const g = newGate();
    await withApi(
      { limits: { analysisWorkers: 1, analysisTimeoutMs: 3_000 }, hooks: { taskGate: g.gate } },
      async (api) => {
        // Task 0 warms the one worker (its start-up is not part of any task's time).
        g.release(0);
        expect((await api.gql(IMPACT)).errors).toBeUndefined();
        // Task 1 is never released: it runs until its time limit stops it.
        const slow = await api.gql(IMPACT);
        expect(g.started()).toBe(2);
        expect(slow.status).toBe(503);
        expect(slow.errors?.[0]?.extensions?.code).toBe('REQUEST_TIMEOUT');
        expect(slow.errors?.[0]?.message).toMatch(/took longer than 3 s and was stopped/);
        // With one worker, the next task can only run if that worker was freed.
        g.release(2);
        const next = await api.gql<{ impact: { summary: { failed: number } } }>(IMPACT);
        expect(next.errors).toBeUndefined();
        expect(next.data!.impact.summary.failed).toBeGreaterThan(0);

        // Task 3: its client goes away while it runs.
        const gone = new AbortController();
        const token = await api.token('VIEWER');
        const abandoned = fetch(`${api.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ query: IMPACT }),
          signal: gone.signal,
        }).catch((err: unknown) => err);
        await until('task 3 runs in its worker', () => g.started() === 4);
        gone.abort();
        await abandoned;
        await until('task 3 is stopped', () => api.api.analysis.stats().aborted === 2);
        g.release(4);
        const after = await api.gql(IMPACT);
        expect(after.errors).toBeUndefined();
        // Tasks 1 and 3 never finished: they were stopped, not left running.
        expect(g.finished()).toBe(3);
      },
    );
  });

  it('a full queue answers 503 BUSY with Retry-After at once, not by waiting', async () => {
    const g = newGate();
    await withApi(
      { limits: { analysisWorkers: 1, analysisQueue: 1 }, hooks: { taskGate: g.gate } },
      async (api) => {
        const running = api.gql(IMPACT, undefined, { role: 'VIEWER' });
        await until('the task runs in its worker', () => g.started() === 1);
        const waiting = api.gql(IMPACT, undefined, { role: 'ANALYST' });
        await until('a second task waits', () => api.api.analysis.stats().inFlight === 2);
        // One running, one waiting: the queue (1) is full.
        const refused = await api.post({ query: IMPACT }, { role: 'ADMIN' });
        expect(refused.status).toBe(503);
        expect(refused.headers.get('retry-after')).toBe('1');
        const body = refused.json as Json;
        expect(body.errors?.[0]?.extensions?.code).toBe('BUSY');
        expect(body.errors?.[0]?.message).toMatch(/busy with other analyses/);
        // Nothing was started for it.
        expect(g.started()).toBe(1);
        g.releaseAll();
        expect((await running).errors).toBeUndefined();
        expect((await waiting).errors).toBeUndefined();
      },
    );
  });

  it('an answer racing writes carries the version its content belongs to', async () => {
    // wf-er depends on nothing third-party; each write adds or removes wf-er → svc-cloud,
    // so wf-er is affected by sup-cloud's outage exactly at the versions with the edge.
    const edgeAt = new Map<number, boolean>([[await store.graphVersion(), false]]);
    await withApi({}, async (api) => {
      const answers: { version: number; erAffected: boolean }[] = [];
      const ask = async () => {
        const r = await api.gql<{ impact: { graphVersion: string; affected: { totalCount: number } } }>(
          '{ impact(input: { failed: [{ id: "sup-cloud" }] }) { graphVersion affected(ids: ["wf-er"]) { totalCount } } }',
        );
        expect(r.errors).toBeUndefined();
        answers.push({
          version: Number(r.data!.impact.graphVersion),
          erAffected: r.data!.impact.affected.totalCount === 1,
        });
      };
      // Warm (projection built, worker up), so the writes race answers, not the start-up.
      await ask();
      let writing = true;
      const writer = (async () => {
        for (let i = 0; i < 16; i++) {
          const seen = answers.length;
          if (i % 2 === 0) await addDependency(store, { from: 'wf-er', to: 'svc-cloud' }, 'test');
          else await removeDependency(store, 'wf-er', 'svc-cloud', 'test');
          edgeAt.set(await store.graphVersion(), i % 2 === 0);
          // Let at least one answer land between two writes (it may still race the next one).
          await until('an answer after the write', () => answers.length > seen);
        }
        writing = false;
      })();
      while (writing) await ask();
      await writer;
      expect(new Set(answers.map((a) => a.version)).size).toBeGreaterThan(1);
      for (const a of answers) expect({ version: a.version, erAffected: edgeAt.get(a.version) }).toEqual(a);
    });
  });
});

/** The nice value of each thread of this process (Linux: field 19 of /proc/self/task/<tid>/stat). */
function threadNices(): number[] {
  return readdirSync('/proc/self/task').map((tid) => {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    // the thread's name, in parentheses, may hold spaces: count fields after it (state is field 3)
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
  });
}

describe('the first projection', () => {
  beforeAll(async () => {
    await resetDatabase(store);
    await importTemplate(store, handBuilt(), { actor: 'test' });
  });

  const readiness = async (api: TestApi) =>
    ((await (await fetch(`${api.url}/readyz`)).json()) as { analysis: Record<string, unknown> }).analysis;

  it('an analysis asked while it loads is answered 503 BUSY with Retry-After; the load goes on and the next one answers', async () => {
    await withApi({ limits: { projectionWaitMs: 0 } }, async (api) => {
      expect(await readiness(api)).toMatchObject({ state: 'idle', graphVersion: null, firstLoadMs: null });
      const refused = await api.post({ query: IMPACT }, { role: 'VIEWER' });
      expect(refused.status).toBe(503);
      expect(refused.headers.get('retry-after')).toBe('10');
      const body = refused.json as Json;
      expect(body.errors?.[0]?.extensions?.code).toBe('BUSY');
      expect(body.errors?.[0]?.message).toMatch(
        /still being loaded for analysis \(\d+ s so far\); try again/,
      );
      // The refused request started the load, which went on without it.
      await until('the projection is loaded', async () => (await readiness(api)).state === 'ready');
      const r = await readiness(api);
      expect(r.graphVersion).toBe(await store.graphVersion());
      expect(r.firstLoadMs).toEqual(expect.any(Number));
      const answered = await api.gql<{ impact: { summary: { failed: number } } }>(IMPACT);
      expect(answered.errors).toBeUndefined();
      expect(answered.data!.impact.summary.failed).toBeGreaterThan(0);
    });
  });

  it('says how the projection was last brought up to date: a build at first, a replay after a write', async () => {
    await withApi({}, async (api) => {
      expect((await readiness(api)).lastUpdate).toBeNull();
      expect((await api.gql(IMPACT)).errors).toBeUndefined();
      const first = (await readiness(api)).lastUpdate as Record<string, unknown>;
      expect(first).toEqual({
        graphVersion: await store.graphVersion(),
        how: 'build',
        ms: expect.any(Number),
      });
      await upsertEntity(store, { id: 'sup-ready', kind: 'SUPPLIER', name: 'Ready Vendor' }, 'test');
      expect((await api.gql(IMPACT)).errors).toBeUndefined();
      const next = (await readiness(api)).lastUpdate as Record<string, unknown>;
      expect(next).toEqual({
        graphVersion: await store.graphVersion(),
        how: 'replay',
        ms: expect.any(Number),
      });
      expect(next.graphVersion).toBe((first.graphVersion as number) + 1);
    });
  });

  it('the impact CSV export asked while it loads says the same, with the same status and header', async () => {
    await withApi({ limits: { projectionWaitMs: 0 } }, async (api) => {
      const input = JSON.stringify({ failed: [{ id: 'sup-ch1' }], durationHours: 48 });
      const csv = await fetch(`${api.url}/export/impact.csv?input=${encodeURIComponent(input)}`, {
        headers: { authorization: `Bearer ${await api.token('VIEWER')}` },
      });
      expect(csv.status).toBe(503);
      expect(csv.headers.get('retry-after')).toBe('10');
      const body = (await csv.json()) as Json;
      expect(body.errors?.[0]?.extensions?.code).toBe('BUSY');
      expect(body.errors?.[0]?.message).toMatch(/still being loaded for analysis/);
    });
  });

  it('warm() loads it at start, with no analysis asked, so the first one does not wait', async () => {
    const warnings: string[] = [];
    const log = pino({ level: 'warn' }, { write: (line: string) => void warnings.push(line) });
    await withApi({ limits: { projectionWaitMs: 0 }, log }, async (api) => {
      api.api.analysis.warm();
      expect(['loading', 'ready']).toContain((await readiness(api)).state);
      await until('the projection is loaded', async () => (await readiness(api)).state === 'ready');
      expect(api.api.analysis.stats().completed).toBe(0);
      const answered = await api.gql(IMPACT);
      expect(answered.errors).toBeUndefined();
    });
    // warm() waits for the whole load: the wait that answers requests BUSY is not its own.
    expect(warnings).toEqual([]);
  });
});

describe('CPU priority', () => {
  beforeAll(async () => {
    await resetDatabase(store);
    await importTemplate(store, handBuilt(), { actor: 'test' });
  });

  it('runs every analysis thread below the request loop (nice 10), and nothing else', async () => {
    const before = threadNices();
    expect(before.filter((n) => n === 10)).toEqual([]);
    await withApi({}, async (api) => {
      const r = await api.gql(IMPACT);
      expect(r.errors).toBeUndefined();
      const workers = api.api.analysis.workers;
      expect(workers).toBeGreaterThan(0);
      // piscina starts every worker of the pool at once; each lowers itself as it loads
      await until(
        'every analysis thread lowered',
        () => threadNices().filter((n) => n === 10).length === workers,
      );
      // the request loop (this test's own thread, which serves the API) and the other threads keep theirs
      const own = readFileSync('/proc/thread-self/stat', 'utf8');
      expect(Number(own.slice(own.lastIndexOf(')') + 2).split(' ')[16])).toBe(0);
      expect(threadNices().filter((n) => n !== 10 && n !== 0)).toEqual([]);
    });
  });
});

describe('names after writes', () => {
  beforeAll(async () => {
    await resetDatabase(store);
    await importTemplate(store, handBuilt(), { actor: 'test' });
  });

  // Each thread decodes a new version's strings from the version it held before (only
  // the rows a write changed; a new id shifts every row after it): the analysis workers
  // for rankings' names, the request loop for the report rows' search.
  it('rankings and report rows name what the map holds after entities are added, renamed and deleted', async () => {
    await withApi({}, async (api) => {
      // a duration: not the default ranking, which is answered for the version before a write
      const names = async () => {
        const r = await api.gql<{ systemicRisk: { entity: { id: string; name: string } }[] }>(
          '{ systemicRisk(kinds: [SUPPLIER], durationHours: 72, first: 50) { entity { id name } } }',
        );
        expect(r.errors).toBeUndefined();
        return Object.fromEntries(r.data!.systemicRisk.map((x) => [x.entity.id, x.entity.name]));
      };
      const rows = async (search: string) => {
        const r = await api.gql<{ impact: { affected: { edges: { node: { entity: { id: string } } }[] } } }>(
          `{ impact(input: { failed: [{ id: "sup-cloud" }] }) { affected(first: 50, search: ${JSON.stringify(search)}) { edges { node { entity { id } } } } } }`,
        );
        expect(r.errors).toBeUndefined();
        return r.data!.impact.affected.edges.map((e) => e.node.entity.id);
      };
      // warm: both sides hold a decoded version before the writes
      expect((await names())['sup-cloud']).toBe('Stratus Cloud');
      expect(await rows('Corner Pharmacy')).toEqual(['wf-dispense']);

      // a supplier whose id sorts before every other (every row shifts), with a service the ER uses
      await upsertEntity(store, { id: 'aaa-sup', kind: 'SUPPLIER', name: 'Alpha Vendor' }, 'test');
      await upsertEntity(
        store,
        { id: 'aaa-svc', kind: 'SERVICE', name: 'Alpha API', supplierId: 'aaa-sup', type: 'SOFTWARE' },
        'test',
      );
      await addDependency(store, { from: 'wf-er', to: 'aaa-svc' }, 'test');
      expect(await names()).toMatchObject({ 'aaa-sup': 'Alpha Vendor', 'sup-cloud': 'Stratus Cloud' });

      await upsertEntity(
        store,
        { id: 'sup-cloud', kind: 'SUPPLIER', name: 'Nimbus Cloud', category: 'cloud' },
        'test',
      );
      await upsertEntity(
        store,
        { id: 'org-pharm', kind: 'ORGANIZATION', name: 'Hilltop Drugstore', subsector: 'PHARMA_LABS_BLOOD' },
        'test',
      );
      expect(await names()).toMatchObject({ 'aaa-sup': 'Alpha Vendor', 'sup-cloud': 'Nimbus Cloud' });
      expect(await rows('Hilltop Drugstore')).toEqual(['wf-dispense']);
      expect(await rows('Corner Pharmacy')).toEqual([]);

      await deleteEntity(store, 'aaa-sup', 'test');
      const after = await names();
      expect(after['aaa-sup']).toBeUndefined();
      expect(after['sup-cloud']).toBe('Nimbus Cloud');
      expect(await rows('Hilltop')).toEqual(['wf-dispense']);
    });
  });
});
