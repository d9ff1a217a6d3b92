// Benchmark "pool" (issue 10 items 2–3): what the analysis worker pool buys.
// - the fixed cost of an authenticated request: `{ __typename }`;
// - /healthz and `search` latency (p50, p99) while systemicRisk(all six kinds) and
//   4 hub impacts run, next to the same measurement on an idle API (ratio);
// - the next impact after a single-entity write (the projection catches up from the
//   change log), next to the same impact with no write before it;
// - throughput of concurrent hub impacts with 2 analysis workers vs 1 (two more API
//   processes, SMART_ANALYSIS_WORKERS=1 and 2), as a ratio.
import { issueToken } from '@smart/api';
import { ENTITY_KINDS } from '@smart/domain';
import { type CompactGraph, Kind } from '@smart/engine';
import { analysisReady, startApi } from '../api-process';
import { GraphQLClient, QUERIES } from '../graphql';
import { directDependents, typicalSupplier } from '../scenarios';
import { round, summarize } from '../stats';
import type { BenchResult } from '../types';
import type { SizeContext } from './context';
import { searchTexts } from './load';

/** The n entities (suppliers and services) with the most direct dependents: the hubs. */
export function hubs(g: CompactGraph, n = 4): string[] {
  const scored: [number, number][] = [];
  for (let i = 0; i < g.nodeCount; i++) {
    if (g.kinds[i] === Kind.SUPPLIER || g.kinds[i] === Kind.SERVICE) scored.push([i, directDependents(g, i)]);
  }
  scored.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  return scored.slice(0, n).map(([i]) => g.ids[i]!);
}

const ALL_KINDS_RISK = `query BenchRiskAll($hours: Float) {
  systemicRisk(kinds: [${ENTITY_KINDS.join(', ')}], durationHours: $hours, first: 10) { score graphVersion }
}`;
const TYPENAME = '{ __typename }';
const CREATE_SUPPLIER = `mutation BenchLiveWrite($input: EntityInput!) { upsertEntity(input: $input) { id } }`;
const DELETE = `mutation BenchLiveDelete($id: ID!) { deleteEntity(id: $id) }`;

/**
 * An impact report (what the web asks: summary and first page), `n` times right
 * after a single-entity write (a new supplier: the projection must replay it before it
 * answers) and `n` times with no write before it, interleaved; the suppliers are deleted
 * afterwards. Issue 10's target: the next analysis after a write within 150 ms at M.
 */
async function impactAfterWrite(client: GraphQLClient, writer: GraphQLClient, failedId: string, n: number) {
  const input = { failed: [{ id: failedId }], durationHours: 72 };
  const steady: number[] = [];
  const after: number[] = [];
  const writes: number[] = [];
  /** What the projection thread took to replay each write (/readyz `lastUpdate`). */
  const updates: number[] = [];
  const created: string[] = [];
  try {
    for (let i = 0; i < n; i++) {
      steady.push((await client.request(QUERIES.impact, { input })).ms);
      const id = `bench-live-${Date.now().toString(36)}-${i}`;
      writes.push(
        (await writer.request(CREATE_SUPPLIER, { input: { id, kind: 'SUPPLIER', name: `Bench live ${i}` } }))
          .ms,
      );
      created.push(id);
      after.push((await client.request(QUERIES.impact, { input })).ms);
      const ready = (await (await fetch(`${client.url}/readyz`)).json()) as {
        analysis?: { lastUpdate?: { how: string; ms: number } | null };
      };
      const last = ready.analysis?.lastUpdate;
      if (last?.how === 'replay') updates.push(last.ms);
    }
  } finally {
    for (const id of created) await writer.request(DELETE, { id });
  }
  return {
    steady: summarize(steady),
    after: summarize(after),
    writes: summarize(writes),
    updates: updates.length > 0 ? summarize(updates) : null,
  };
}

async function timedFetch(url: string, init?: RequestInit): Promise<number> {
  const t0 = performance.now();
  const res = await fetch(url, init);
  await res.text();
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return performance.now() - t0;
}

/** /healthz and search, one request after the other, until `busy` settles (or `count` when idle). */
async function probe(client: GraphQLClient, texts: string[], until: () => boolean) {
  const health: number[] = [];
  const search: number[] = [];
  for (let i = 0; until() || i < 20; i++) {
    health.push(await timedFetch(`${client.url}/healthz`));
    search.push((await client.request(QUERIES.search, { text: texts[i % texts.length]! })).ms);
  }
  return { health: summarize(health), search: summarize(search) };
}

/** Runs heavy analyses (the ranking of all six kinds, 4 hub impacts at once) for at least `seconds`. */
async function heavyLoad(client: GraphQLClient, hubIds: string[], seconds: number, firstHours: number) {
  const end = performance.now() + seconds * 1000;
  let rankings = 0;
  let impacts = 0;
  let hours = firstHours;
  const rank = async () => {
    while (performance.now() < end) {
      // A new duration each time: a new cache key, so the ranking is computed, not cached.
      await client.request(ALL_KINDS_RISK, { hours: hours++ });
      rankings++;
    }
  };
  const impact = async (id: string) => {
    while (performance.now() < end) {
      await client.request(QUERIES.impactSummaryOnly, { input: { failed: [{ id }], durationHours: 72 } });
      impacts++;
    }
  };
  await Promise.all([rank(), ...hubIds.map(impact)]);
  return { rankings, impacts };
}

/** Hub impacts, `concurrent` at a time, `total` in all: requests per second. */
async function hubThroughput(client: GraphQLClient, hubIds: string[], concurrent: number, total: number) {
  let next = 0;
  const t0 = performance.now();
  const worker = async () => {
    while (next < total) {
      const id = hubIds[next++ % hubIds.length]!;
      await client.request(QUERIES.impactSummaryOnly, { input: { failed: [{ id }], durationHours: 72 } });
    }
  };
  await Promise.all(Array.from({ length: concurrent }, worker));
  return total / ((performance.now() - t0) / 1000);
}

export async function poolSuite(env: {
  ctx: SizeContext;
  graph: CompactGraph;
  client: GraphQLClient;
  secret: string;
}): Promise<BenchResult[]> {
  const { ctx, graph, client } = env;
  const { size, progress, options } = ctx;
  const results: BenchResult[] = [];
  const row = (r: Partial<BenchResult> & { name: string }) =>
    results.push({
      size,
      p50_ms: null,
      p95_ms: null,
      ratio_vs_limit: null,
      ratio_vs_baseline: null,
      ...r,
      name: r.name,
    });

  // Fixed cost: authentication, parsing, plugins, JSON, HTTP — no store, no engine.
  for (let i = 0; i < 20; i++) await client.request(TYPENAME);
  const fixed: number[] = [];
  for (let i = 0; i < 200; i++) fixed.push((await client.request(TYPENAME)).ms);
  const f = summarize(fixed);
  row({
    name: 'pool:fixed-cost',
    p50_ms: round(f.p50),
    p95_ms: round(f.p95),
    p99_ms: round(f.p99),
    samples: f.n,
    note: 'an authenticated `{ __typename }`, 200 in a row: what every end-to-end figure includes besides the engine',
  });

  progress.step(`${size}: pool: an impact right after a single-entity write…`);
  const writer = new GraphQLClient(
    client.url,
    await issueToken({ username: 'bench-writer', role: 'ANALYST', ttlSeconds: 3600 }),
  );
  const typical = typicalSupplier(graph);
  const live = await impactAfterWrite(client, writer, typical, Math.max(10, options.passes * 4));
  row({
    name: 'pool:impact-after-write',
    p50_ms: round(live.after.p50),
    p95_ms: round(live.after.p95),
    samples: live.after.n,
    steady_p50_ms: round(live.steady.p50),
    steady_p95_ms: round(live.steady.p95),
    catch_up_p50_ms: round(live.after.p50 - live.steady.p50),
    ratio_vs_steady: round(live.after.p50 / live.steady.p50),
    write_p50_ms: round(live.writes.p50),
    projection_update_p50_ms: live.updates ? round(live.updates.p50) : null,
    note: `the impact report (summary and first 100 rows) of a typical supplier (${typical}, the median by direct dependents) right after upsertEntity created a new supplier (the projection replays the change log before answering; projection_update_*: the projection thread's own part, from /readyz lastUpdate), against the same report with no write before it (steady_*), interleaved; issue 10's goal: ≤ 150 ms at M, ≤ 300 ms at L`,
  });
  progress.step(
    `${size}: pool: impact after a write p50 ${round(live.after.p50)} ms (steady ${round(live.steady.p50)} ms; the write ${round(live.writes.p50)} ms; the projection's replay ${live.updates ? round(live.updates.p50) : '–'} ms)`,
  );

  const texts = searchTexts(graph);
  const hubIds = hubs(graph);
  // At L one ranking of all six kinds can outlast the analysis time limit: that is
  // reported, and the measurements after it still run.
  try {
    // Warm: the projection is built and every worker holds it.
    await heavyLoad(client, hubIds, 0.1, 1_000);
    progress.step(`${size}: pool: /healthz and search on an idle API…`);
    const idle = await probe(client, texts, () => false);
    progress.step(`${size}: pool: /healthz and search while systemicRisk(all kinds) + 4 hub impacts run…`);
    let busy = true;
    // Settled at once either way: a failed load must not go unhandled while the probe runs.
    const load = heavyLoad(client, hubIds, options.loadSeconds, 2_000).then(
      (value) => ({ value, error: null }),
      (error: unknown) => ({ value: null, error }),
    );
    void load.then(() => {
      busy = false;
    });
    const loaded = await probe(client, texts, () => busy);
    const settled = await load;
    if (settled.error) throw settled.error;
    const done = settled.value!;
    for (const [name, idleS, loadS] of [
      ['pool:healthz-under-analysis', idle.health, loaded.health],
      ['pool:search-under-analysis', idle.search, loaded.search],
    ] as const) {
      row({
        name,
        p50_ms: round(loadS.p50),
        p95_ms: round(loadS.p95),
        p99_ms: round(loadS.p99),
        samples: loadS.n,
        idle_p50_ms: round(idleS.p50),
        idle_p99_ms: round(idleS.p99),
        p99_ratio_vs_idle: round(loadS.p99 / idleS.p99),
        note: `one request at a time while systemicRisk(kinds: all six, first: 10; a new duration each time, so never cached) and 4 hub impacts (summary) ran in a loop for ${options.loadSeconds} s (${done.rankings} rankings, ${done.impacts} impacts finished); idle_*: the same on the idle API`,
      });
    }
    progress.step(
      `${size}: pool: /healthz p99 ${round(loaded.health.p99)} ms (idle ${round(idle.health.p99)}), search p99 ${round(loaded.search.p99)} ms (idle ${round(idle.search.p99)}); ${done.rankings} rankings, ${done.impacts} impacts`,
    );
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    row({
      name: 'pool:healthz-under-analysis',
      skipped: true,
      note: `not measured: the analysis load failed (${message})`,
    });
    progress.step(`${size}: pool: the analysis load failed: ${message}`);
  }

  // Throughput of concurrent hub impacts with 1 and 2 analysis workers: both API
  // processes up at once and measured in turns (1, 2, 1, 2, …), so a change in the
  // machine's other load between two measurements does not masquerade as a ratio.
  const apis = await Promise.all(
    [1, 2].map((workers) =>
      startApi({
        port: options.apiPort + workers,
        secret: env.secret,
        env: {
          SMART_RATE_LIMIT_PER_MINUTE: '100000000',
          SMART_ANALYSIS_WORKERS: String(workers),
          SMART_MAX_CONCURRENT_ANALYSES: '64',
        },
      }),
    ),
  );
  const rounds: { one: number; two: number }[] = [];
  try {
    // Each loads its projection from the start; analyses answer BUSY until then.
    await Promise.all(apis.map((a) => analysisReady(a.url, () => {})));
    const token = await issueToken({ username: 'bench', role: 'VIEWER', ttlSeconds: 3600 });
    const [c1, c2] = apis.map((a) => new GraphQLClient(a.url, token)) as [GraphQLClient, GraphQLClient];
    // Warm: each projection is built and every worker decoded it.
    await hubThroughput(c1, hubIds, 4, 8);
    await hubThroughput(c2, hubIds, 4, 8);
    const total = 4 * hubIds.length;
    for (let r = 0; r < Math.max(3, options.passes); r++) {
      const one = await hubThroughput(c1, hubIds, 4, total);
      const two = await hubThroughput(c2, hubIds, 4, total);
      rounds.push({ one, two });
    }
  } finally {
    await Promise.all(apis.map((a) => a.stop()));
  }
  const med = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
  const perWorkers: Record<number, number> = {
    1: med(rounds.map((r) => r.one)),
    2: med(rounds.map((r) => r.two)),
  };
  const ratio = med(rounds.map((r) => r.two / r.one));
  row({
    name: 'pool:hub-impacts-2-vs-1-workers',
    p50_ms: null,
    p95_ms: null,
    req_per_s: round(perWorkers[2]!),
    req_per_s_1_worker: round(perWorkers[1]!),
    throughput_ratio: round(ratio),
    rounds: rounds.map((r) => ({ one: round(r.one), two: round(r.two) })),
    note: `hub impacts (summary only asked for), 4 concurrent, ${4 * hubIds.length} per round, on two API processes with SMART_ANALYSIS_WORKERS=1 and =2 measured in turns; req/s: median over rounds; ratio: median of the per-round ratios 2 ÷ 1 (goal ≥ 1.7 on 2 cores; client, API and Neo4j share the cores)`,
  });
  progress.step(
    `${size}: pool: hub impacts ${round(perWorkers[1]!)} req/s with 1 worker, ${round(perWorkers[2]!)} with 2 (×${round(ratio)})`,
  );
  return results;
}
