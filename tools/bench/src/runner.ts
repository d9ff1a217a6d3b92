// The benchmark suite: for each size, generate the ecosystem, import it (against
// neo4j-admin), then measure the analyses end-to-end through a real API process on
// the bench Neo4j, its load capacity and memory; then the explorer's render. Returns
// the report; the CLI prints and writes it.
import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { issueToken } from '@smart/api';
import { REPO_ROOT } from '@smart/neo4j-tools';
import { SIZES } from '@smart/seed';
import { type Projection, graphStats, loadProjection, migrate } from '@smart/store';
import { type ApiProcess, analysisReady, startApi } from './api-process';
import { checkGoals } from './goals';
import { GraphQLClient, QUERIES } from './graphql';
import { describeMachine } from './machine';
import { neo4jVersion, openBenchStore, startBench, stopBench } from './neo4j';
import { Progress, timed } from './progress';
import { chooseScenarios } from './scenarios';
import { round } from './stats';
import { type ScenarioDetail, impactSuite, mitigationsSuite, pathsSuite, riskSuite } from './suites/analysis';
import type { BenchOptions, SizeContext } from './suites/context';
import { importSuite, writeDataset } from './suites/import';
import { loadSuite } from './suites/load';
import { poolSuite } from './suites/pool';
import { replicasSuite } from './suites/replicas';
import { renderSuite } from './suites/render';
import type { BenchReport, BenchResult, SizeName } from './types';

export const BENCH_DIR = join(REPO_ROOT, '.bench');

export const DEFAULT_OPTIONS: BenchOptions = {
  sizes: ['S', 'M'],
  only: new Set(['import', 'impact', 'paths', 'risk', 'api', 'pool', 'memory', 'render']),
  seed: 1,
  passes: 3,
  baselineTimeoutMs: 10_000,
  loadSeconds: 10,
  connections: 32,
  renderNodes: [5_000, 20_000, 50_000],
  reuse: false,
  apiPort: 4391,
  maxProductImportRows: 1_000_000,
  keepRunning: false,
};

export interface RunOutput {
  report: BenchReport;
  scenarios: Record<string, ScenarioDetail[]>;
}

export async function runBench(options: BenchOptions, progress = new Progress()): Promise<RunOutput> {
  try {
    return await runAll(options, progress);
  } finally {
    // The bench Neo4j holds 6 GB of memory: stopped unless asked otherwise (its data stays for --reuse).
    if (!options.keepRunning) await stopBench((m) => progress.step(m));
  }
}

async function runAll(options: BenchOptions, progress: Progress): Promise<RunOutput> {
  const startedAt = new Date();
  const log = (m: string) => progress.step(m);
  await mkdir(BENCH_DIR, { recursive: true });
  await startBench(log);
  const machine = describeMachine(await neo4jVersion());
  log(
    `machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memory_gb} GB, Node ${machine.node}, Neo4j ${machine.neo4j}, load ${machine.load_at_start}`,
  );

  // Tokens are signed with a secret of this run, handed to the API child process.
  process.env.SMART_SECRET ??= randomBytes(48).toString('base64url');
  const secret = process.env.SMART_SECRET;

  const results: BenchResult[] = [];
  const datasets: BenchReport['datasets'] = {};
  const scenarioDetails: Record<string, ScenarioDetail[]> = {};
  const notes: string[] = [];

  // The render benchmark alone needs no ecosystem in Neo4j.
  const perSize = ['import', 'impact', 'paths', 'risk', 'api', 'pool', 'memory'].some((s) =>
    options.only.has(s as never),
  );
  for (const size of perSize ? options.sizes : []) {
    const ctx: SizeContext = {
      size,
      entities: SIZES[size],
      seed: options.seed,
      dataDir: join(BENCH_DIR, 'data', size),
      tmpDir: join(BENCH_DIR, 'tmp'),
      options,
      progress,
    };
    log(`── size ${size} (${SIZES[size].toLocaleString('en')} entities) ──`);
    const reused = options.reuse && (await holdsSize(size));
    if (reused) {
      log(`${size}: the bench database already holds this size: reusing it (no import measured)`);
    } else {
      datasets[size] = await writeDataset(ctx);
      if (options.only.has('import')) {
        results.push(...(await importSuite(ctx)));
      } else {
        throw new Error('without the import suite, run with --reuse on a bench database that holds the size');
      }
    }
    results.push(...(await analyses(ctx, datasets, scenarioDetails, secret, notes)));
  }

  if (options.only.has('render')) {
    log('── render ──');
    try {
      results.push(
        ...(await renderSuite(options.renderNodes, options.seed, join(BENCH_DIR, 'render'), progress)),
      );
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      log(`render: failed: ${message}`);
      notes.push(`render did not run: ${message}`);
    }
  }

  const report: BenchReport = {
    machine,
    started_at: startedAt.toISOString(),
    duration_s: Math.round(progress.elapsedSeconds()),
    sizes: options.sizes,
    datasets,
    results,
    goals: checkGoals(results),
    notes,
  };
  return { report, scenarios: scenarioDetails };
}

/** True when the bench database holds the generated ecosystem of `size` (for --reuse). */
async function holdsSize(size: SizeName): Promise<boolean> {
  const store = openBenchStore();
  try {
    await migrate(store);
    const stats = await graphStats(store);
    const entities = stats.counts.reduce((n, c) => n + c.count, 0);
    return Math.abs(entities - SIZES[size]) <= SIZES[size] * 0.05 && entities > 0;
  } finally {
    await store.close();
  }
}

/** Impact, paths, risk, load and memory of one size, against a fresh API process. */
async function analyses(
  ctx: SizeContext,
  datasets: BenchReport['datasets'],
  scenarioDetails: Record<string, ScenarioDetail[]>,
  secret: string,
  notes: string[],
): Promise<BenchResult[]> {
  const { size, progress, options } = ctx;
  const wanted = ['impact', 'paths', 'risk', 'api', 'pool', 'replicas', 'memory'].some((s) =>
    options.only.has(s as never),
  );
  if (!wanted) return [];
  const results: BenchResult[] = [];
  const store = openBenchStore();
  let api: ApiProcess | undefined;
  try {
    // The same projection the API builds, loaded here for the in-process engine, the limit and the scenarios.
    progress.step(`${size}: loading the projection in the bench process…`);
    const loaded = await timed(() => loadProjection(store));
    const projection: Projection = loaded.value;
    const graph = projection.graph;
    const stats = graph.stats();
    datasets[size] ??= {
      entities: graph.nodeCount,
      dependencies: stats.dependencies,
      rows: 0,
    };
    results.push({
      name: 'projection:load',
      size,
      p50_ms: round(loaded.ms),
      p95_ms: null,
      ratio_vs_limit: null,
      ratio_vs_baseline: null,
      samples: 1,
      note: `loadProjection: ${graph.nodeCount.toLocaleString('en')} entities, ${stats.dependencies.toLocaleString('en')} dependencies paged from Neo4j, then GraphBuilder.build()`,
    });
    progress.step(
      `${size}: projection of ${graph.nodeCount.toLocaleString('en')} entities in ${(loaded.ms / 1000).toFixed(1)} s`,
    );
    const scenarios = chooseScenarios(graph);

    progress.step(`${size}: starting the API process…`);
    api = await startApi({
      port: options.apiPort,
      secret,
      // The per-token rate limit (1,200/min by default) would cap the load test at 20 req/s.
      env: { SMART_RATE_LIMIT_PER_MINUTE: '100000000', SMART_MAX_CONCURRENT_ANALYSES: '64' },
    });
    const listening = performance.now();
    const token = await issueToken({ username: 'bench', role: 'VIEWER', ttlSeconds: 6 * 3600 });
    const client = new GraphQLClient(api.url, token);
    await client.request(QUERIES.stats);
    // The API loads its projection from the start (as `npm start` does); analyses answer
    // BUSY until it is there. Wait for /readyz to say so, then time the first call.
    const loadedIn = await analysisReady(api.url, (ms) =>
      progress.status(`${size}: the API is loading its projection (${(ms / 1000).toFixed(0)} s)…`),
    );
    const first = await client.request(QUERIES.impact, {
      input: { failed: [{ id: scenarios[scenarios.length - 1]!.id }], durationHours: 72 },
    });
    results.push({
      name: 'api:first-call',
      size,
      p50_ms: round(performance.now() - listening),
      p95_ms: null,
      ratio_vs_limit: null,
      ratio_vs_baseline: null,
      samples: 1,
      projection_load_ms: round(loadedIn),
      first_impact_ms: round(first.ms),
      note: 'from the API listening to its first impact answered: the projection it loads at start (projection_load_ms, as /readyz reports it), then the first impact (first_impact_ms)',
    });
    // Memory right after the projection is built: the rest of the peak is per-request work.
    const rssAfterProjection = api.rssMb();
    // The peak (VmHWM) so far after each step: which step set the process's peak.
    const peaks: Record<string, number | null> = { projection: api.peakRssMb() };
    progress.step(
      `${size}: API up (pid ${api.pid}); projection loaded in ${(loadedIn / 1000).toFixed(1)} s, first call ${(first.ms / 1000).toFixed(1)} s; RSS ${Math.round(rssAfterProjection ?? 0)} MB`,
    );
    const env = { ctx, graph, client, store, scenarios, apiPid: api.pid };
    // A suite that fails is reported as such; the others still run.
    const guard = async (suite: string, work: () => Promise<void>) => {
      try {
        await work();
      } catch (err) {
        const cause = err instanceof Error && err.cause instanceof Error ? ` (${err.cause.message})` : '';
        const message = `${size}: ${suite} failed: ${err instanceof Error ? err.message : String(err)}${cause}`;
        progress.step(message);
        notes.push(message);
      } finally {
        peaks[suite] = api!.peakRssMb();
      }
    };

    if (options.only.has('impact')) {
      await guard('impact', async () => {
        progress.step(`${size}: impact (${scenarios.length} scenarios)…`);
        const r = await impactSuite(env);
        results.push(...r.results);
        scenarioDetails[size] = r.scenarios;
        const main = r.results[0]!;
        progress.step(
          `${size}: impact p50 ${main.p50_ms} ms, p95 ${main.p95_ms} ms, ×limit ${main.ratio_vs_limit}, ×baseline ${main.ratio_vs_baseline}`,
        );
      });
    }
    if (options.only.has('paths')) {
      await guard('paths', async () => {
        progress.step(`${size}: paths…`);
        const r = await pathsSuite(env);
        results.push(...r);
        progress.step(`${size}: paths p50 ${r[0]!.p50_ms} ms, p95 ${r[0]!.p95_ms} ms`);
      });
    }
    if (options.only.has('risk')) {
      await guard('systemicRisk', async () => {
        progress.step(`${size}: systemicRisk…`);
        const r = await riskSuite(env);
        results.push(...r);
        progress.step(`${size}: systemicRisk uncached p50 ${r[0]!.p50_ms} ms, cached ${r[1]!.p50_ms} ms`);
      });
      await guard('mitigations', async () => {
        progress.step(`${size}: mitigations of the dominant clearinghouse…`);
        const r = await mitigationsSuite(env);
        results.push(...r);
        if (r[0]) progress.step(`${size}: mitigations p50 ${r[0].p50_ms} ms`);
      });
    }
    if (options.only.has('api')) await guard('api', async () => void results.push(...(await loadSuite(env))));
    if (options.only.has('pool'))
      await guard('pool', async () => void results.push(...(await poolSuite({ ...env, secret }))));
    if (options.only.has('replicas'))
      await guard('replicas', async () => void results.push(...(await replicasSuite({ ctx, secret }))));
    if (options.only.has('memory')) {
      const rss = api.peakRssMb();
      results.push({
        name: 'memory:api',
        size,
        p50_ms: null,
        p95_ms: null,
        ratio_vs_limit: null,
        ratio_vs_baseline: null,
        rss_mb: round(rss),
        rss_after_projection_mb: round(rssAfterProjection),
        ...Object.fromEntries(
          Object.entries(peaks).map(([step, mb]) => [`peak_after_${step}_mb`, round(mb)]),
        ),
        note: 'peak RSS (VmHWM) of the API process over everything above at this size; rss_after_projection_mb: RSS right after its first request built the projection; peak_after_<step>_mb: the peak as it stood after each step, so the step that set it shows',
      });
      progress.step(`${size}: API peak RSS ${Math.round(rss ?? 0)} MB`);
    }
  } finally {
    await api?.stop();
    await store.close();
  }
  return results;
}
