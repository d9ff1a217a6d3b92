// Benchmarks 1–3: impact, paths and systemicRisk end-to-end through GraphQL, next to
// the same engine call in this process (where the time goes), the bare-BFS limit and
// the naive Cypher baseline.
import {
  type CompactGraph,
  impact,
  mitigations,
  paths,
  propagateDiscrete,
  systemicRisk,
} from '@smart/engine';
import { type Store, cypher } from '@smart/store';
import { Neo4jError } from 'neo4j-driver';
import { Reachability, reverseAdjacency } from '../bfs';
import { type GraphQLClient, QUERIES } from '../graphql';
import { timedSync } from '../progress';
import type { Scenario } from '../scenarios';
import { percentile, ratioVsBaseline, ratioVsLimit, round, summarize } from '../stats';
import type { BenchResult } from '../types';
import type { SizeContext } from './context';

export interface AnalysisEnv {
  ctx: SizeContext;
  graph: CompactGraph;
  client: GraphQLClient;
  store: Store;
  scenarios: Scenario[];
}

/** The outage every impact scenario simulates: "what breaks if X fails for 72 hours?" */
export const DURATION_HOURS = 72;

export interface ScenarioDetail {
  id: string;
  label: string;
  affected: number;
  reached: number;
  response_kb: number;
  e2e_ms: number | null;
  /** The same request asking for the summary only, and for the list without entity. */
  summary_only_ms: number | null;
  no_entity_ms: number | null;
  engine_ms: number | null;
  /** The engine's propagation alone (propagateDiscrete: Knuth–Dijkstra), without building the report. */
  propagate_ms: number | null;
  bfs_ms: number | null;
  baseline_ms: number | null;
  baseline_rows: number | null;
  baseline_timed_out: boolean;
}

const median = (xs: number[]) => percentile(xs, 50);

function row(
  name: string,
  size: SizeContext['size'],
  samples: number[],
  extra: Partial<BenchResult> = {},
): BenchResult {
  const s = summarize(samples);
  return {
    name,
    size,
    p50_ms: round(s.p50),
    p95_ms: round(s.p95),
    ratio_vs_limit: null,
    ratio_vs_baseline: null,
    samples: s.n,
    ...extra,
  };
}

export function isTimeout(err: unknown): boolean {
  return (
    err instanceof Neo4jError &&
    /TransactionTimedOut|Terminated|TransactionMarkedAsFailed/i.test(`${err.code} ${err.message}`)
  );
}

/** The naive Cypher baseline for one scenario: its time and row count, or a timeout. */
async function baseline(store: Store, id: string, timeoutMs: number) {
  const t0 = performance.now();
  try {
    const rows = await store.read(
      async (tx) => (await tx.run(cypher('queries/bench/naive-reachability'), { id })).records.length,
      { timeoutMs, metadata: { app: 'smart-graph-bench' } },
    );
    return { ms: performance.now() - t0, rows, timedOut: false };
  } catch (err) {
    if (!isTimeout(err)) throw err;
    return { ms: Math.max(timeoutMs, performance.now() - t0), rows: null, timedOut: true };
  }
}

export async function impactSuite(
  env: AnalysisEnv,
): Promise<{ results: BenchResult[]; scenarios: ScenarioDetail[] }> {
  const { ctx, graph, client, store, scenarios } = env;
  const { size, progress, options } = ctx;
  const n = scenarios.length;
  const details: ScenarioDetail[] = scenarios.map((s) => ({
    id: s.id,
    label: s.label,
    affected: 0,
    reached: 0,
    response_kb: 0,
    e2e_ms: null,
    summary_only_ms: null,
    no_entity_ms: null,
    engine_ms: null,
    propagate_ms: null,
    bfs_ms: null,
    baseline_ms: null,
    baseline_rows: null,
    baseline_timed_out: false,
  }));
  const perScenario = (k: keyof ScenarioDetail, samples: number[][]) =>
    samples.forEach((xs, i) => {
      (details[i] as unknown as Record<string, number | null>)[k] = round(median(xs));
    });

  // The limit: bare BFS over a typed-array reverse adjacency (built once, not timed).
  const adj = reverseAdjacency(graph);
  const reach = new Reachability(adj);
  const sources = scenarios.map((s) => Int32Array.of(graph.indexOf(s.id)));
  const bfs: number[][] = scenarios.map(() => []);
  for (let pass = -1; pass < Math.max(10, options.passes); pass++) {
    for (let i = 0; i < n; i++) {
      const t = timedSync(() => reach.count(sources[i]!));
      details[i]!.reached = t.value;
      if (pass >= 0) bfs[i]!.push(t.ms);
    }
  }
  perScenario('bfs_ms', bfs);

  // The engine alone, in this process: impact() on the same projection.
  const engine: number[][] = scenarios.map(() => []);
  for (let pass = -1; pass < options.passes; pass++) {
    for (let i = 0; i < n; i++) {
      const t = timedSync(() =>
        impact(graph, { failed: [{ id: scenarios[i]!.id }], durationHours: DURATION_HOURS }),
      );
      details[i]!.affected = t.value.affected.length;
      if (pass >= 0) engine[i]!.push(t.ms);
    }
  }
  perScenario('engine_ms', engine);

  // The propagation alone: what the engine's algorithm costs before the report is built.
  const propagate: number[][] = scenarios.map(() => []);
  for (let pass = -1; pass < Math.max(10, options.passes); pass++) {
    for (let i = 0; i < n; i++) {
      const t = timedSync(() => propagateDiscrete(graph, sources[i]!, DURATION_HOURS));
      if (pass >= 0) propagate[i]!.push(t.ms);
    }
  }
  perScenario('propagate_ms', propagate);

  // End-to-end: GraphQL over HTTP to the API process, one warm-up pass first.
  const e2e: number[][] = scenarios.map(() => []);
  for (let pass = -1; pass < options.passes; pass++) {
    for (let i = 0; i < n; i++) {
      progress.status(
        `${size}: impact over GraphQL, pass ${pass + 2}/${options.passes + 1}, scenario ${i + 1}/${n}`,
      );
      const r = await client.request(QUERIES.impact, {
        input: { failed: [{ id: scenarios[i]!.id }], durationHours: DURATION_HOURS },
      });
      details[i]!.response_kb = round(r.bytes / 1024) ?? 0;
      if (pass >= 0) e2e[i]!.push(r.ms);
    }
  }
  perScenario('e2e_ms', e2e);

  // Where the end-to-end time goes: the same requests asking for less.
  const variants = {
    summaryOnly: scenarios.map(() => [] as number[]),
    noEntity: scenarios.map(() => [] as number[]),
  };
  for (const [key, query] of [
    ['summaryOnly', QUERIES.impactSummaryOnly],
    ['noEntity', QUERIES.impactNoEntity],
  ] as const) {
    for (let pass = -1; pass < options.passes; pass++) {
      for (let i = 0; i < n; i++) {
        progress.status(`${size}: impact breakdown (${key}), pass ${pass + 2}, scenario ${i + 1}/${n}`);
        const r = await client.request(query, {
          input: { failed: [{ id: scenarios[i]!.id }], durationHours: DURATION_HOURS },
        });
        if (pass >= 0) variants[key][i]!.push(r.ms);
      }
    }
  }

  perScenario('summary_only_ms', variants.summaryOnly);
  perScenario('no_entity_ms', variants.noEntity);

  // The naive Cypher baseline: each scenario once (after one warm-up query), with a timeout.
  const base: number[] = [];
  let timeouts = 0;
  await baseline(store, scenarios[n - 1]!.id, options.baselineTimeoutMs);
  for (let i = 0; i < n; i++) {
    progress.status(`${size}: naive Cypher baseline, scenario ${i + 1}/${n}`);
    const b = await baseline(store, scenarios[i]!.id, options.baselineTimeoutMs);
    base.push(b.ms);
    details[i]!.baseline_ms = round(b.ms);
    details[i]!.baseline_rows = b.rows;
    details[i]!.baseline_timed_out = b.timedOut;
    if (b.timedOut) timeouts++;
  }
  progress.clear();

  const e2eAll = e2e.flat();
  const engineAll = engine.flat();
  const bfsAll = bfs.flat();
  const e2eP50 = percentile(e2eAll, 50);
  const affected = details.map((d) => d.affected);
  const mismatched = details.filter((d) => !d.baseline_timed_out && d.baseline_rows !== d.reached).length;
  const results: BenchResult[] = [
    row('impact', size, e2eAll, {
      ratio_vs_limit: round(ratioVsLimit(e2eP50, percentile(bfsAll, 50))),
      ratio_vs_baseline: round(ratioVsBaseline(e2eP50, percentile(base, 50))),
      baseline_timeouts: timeouts,
      affected_p50: percentile(affected, 50),
      affected_max: Math.max(...affected),
      response_kb_p50: percentile(
        details.map((d) => d.response_kb),
        50,
      ),
      note: `GraphQL over HTTP, ${n} scenarios × ${options.passes} passes, ${DURATION_HOURS} h outage, summary and the first page of 100 affected (entity, because)`,
    }),
    ...hubRows(size, scenarios, e2e, bfs, base, timeoutFlags(details)),
    row('impact:api-summary-only', size, variants.summaryOnly.flat(), {
      note: 'the same impact requests asking only for the summary: HTTP, auth, GraphQL, graph-version check and the engine',
    }),
    row('impact:api-no-entity', size, variants.noEntity.flat(), {
      note: 'the first page of affected { state, times, because } but not entity { id name kind }',
    }),
    row('impact:engine', size, engineAll, {
      ratio_vs_limit: round(ratioVsLimit(percentile(engineAll, 50), percentile(bfsAll, 50))),
      note: 'engine impact() alone on the same projection, in the bench process (no HTTP, no entity lookups, no JSON)',
    }),
    row('impact:engine-propagate', size, propagate.flat(), {
      ratio_vs_limit: round(ratioVsLimit(percentile(propagate.flat(), 50), percentile(bfsAll, 50))),
      note: 'propagateDiscrete alone (the Knuth–Dijkstra propagation to the 72 h horizon), no report: the algorithm vs the bare BFS',
    }),
    row('impact:limit-bfs', size, bfsAll, {
      reached_p50: percentile(
        details.map((d) => d.reached),
        50,
      ),
      note: 'bare BFS over typed-array reverse DEPENDS_ON|PROVIDED_BY adjacency, same graph, bench process',
    }),
    row('impact:baseline-cypher', size, base, {
      timeouts,
      timeout_ms: options.baselineTimeoutMs,
      rows_mismatching_bfs: mismatched,
      note: `naive-reachability.cypher, each scenario once, ${options.baselineTimeoutMs / 1000} s timeout (a timed-out query counts as the timeout)`,
    }),
  ];
  return { results, scenarios: details };
}

const timeoutFlags = (details: ScenarioDetail[]) => details.map((d) => d.baseline_timed_out);

/** The two hub scenarios (biggest cloud service, dominant clearinghouse) on their own: the largest reports. */
function hubRows(
  size: SizeContext['size'],
  scenarios: Scenario[],
  e2e: number[][],
  bfs: number[][],
  base: number[],
  timedOut: boolean[],
): BenchResult[] {
  const hubs = scenarios.map((s, i) => (s.label === 'random supplier' ? -1 : i)).filter((i) => i >= 0);
  if (hubs.length === 0) return [];
  const ours = hubs.flatMap((i) => e2e[i]!);
  const clearinghouse = scenarios.findIndex((s) => s.label === 'dominant clearinghouse');
  const limit = hubs.flatMap((i) => bfs[i]!);
  const baselines = hubs.map((i) => base[i]!);
  const p50 = percentile(ours, 50);
  return [
    row('impact:hubs', size, ours, {
      ratio_vs_limit: round(ratioVsLimit(p50, percentile(limit, 50))),
      ratio_vs_baseline: round(ratioVsBaseline(p50, percentile(baselines, 50))),
      baseline_timeouts: hubs.filter((i) => timedOut[i]).length,
      note: 'impact over GraphQL for the biggest cloud service and the dominant clearinghouse only (the largest reports)',
    }),
    ...(clearinghouse < 0
      ? []
      : [
          row('impact:first-page:dominant-clearinghouse', size, e2e[clearinghouse]!, {
            ratio_vs_limit: round(
              ratioVsLimit(percentile(e2e[clearinghouse]!, 50), percentile(bfs[clearinghouse]!, 50)),
            ),
            note: "the dominant clearinghouse's report over GraphQL: summary and the first page (100 rows) of affected, ordered by failure time (issue 10: ≤ 100 ms at M)",
          }),
        ]),
  ];
}

export async function pathsSuite(env: AnalysisEnv): Promise<BenchResult[]> {
  const { ctx, graph, client, scenarios } = env;
  const { size, progress, options } = ctx;
  const engine: number[] = [];
  const e2e: number[] = [];
  const found: number[] = [];
  for (let pass = -1; pass < options.passes; pass++) {
    for (const s of scenarios) {
      const t = timedSync(() => paths(graph, s.id, { toKinds: ['WORKFLOW'], limit: 100 }));
      if (pass >= 0) engine.push(t.ms);
      else found.push(t.value.length);
    }
  }
  for (let pass = -1; pass < options.passes; pass++) {
    for (const [i, s] of scenarios.entries()) {
      progress.status(
        `${size}: paths over GraphQL, pass ${pass + 2}/${options.passes + 1}, scenario ${i + 1}`,
      );
      const r = await client.request(QUERIES.paths, { from: s.id });
      if (pass >= 0) e2e.push(r.ms);
    }
  }
  progress.clear();
  const enginePart = percentile(engine, 50);
  return [
    row('paths', size, e2e, {
      ratio_vs_limit: round(ratioVsLimit(percentile(e2e, 50), enginePart)),
      paths_p50: percentile(found, 50),
      note: `GraphQL paths(toKinds: [WORKFLOW], limit: 100) from the ${scenarios.length} impact scenarios; vs limit = ÷ the engine call alone`,
    }),
    row('paths:engine', size, engine, { note: 'engine paths() alone, bench process' }),
  ];
}

export async function riskSuite(env: AnalysisEnv): Promise<BenchResult[]> {
  const { ctx, graph, client } = env;
  const { size, progress } = ctx;
  // The API keeps one ranking per graph version and arguments: each duration below is
  // a first, uncached computation; then the same three again come from the cache.
  const hours = [72, 48, 24];
  const engine: number[] = [];
  for (const h of hours) {
    progress.status(`${size}: systemicRisk in process, ${h} h`);
    engine.push(timedSync(() => systemicRisk(graph, { kinds: ['SUPPLIER'], durationHours: h })).ms);
  }
  const uncached: number[] = [];
  const cached: number[] = [];
  let bytes = 0;
  for (const h of hours) {
    progress.status(`${size}: systemicRisk over GraphQL (uncached), ${h} h`);
    const r = await client.request(QUERIES.systemicRisk, { hours: h });
    uncached.push(r.ms);
    bytes = r.bytes;
  }
  for (const h of hours) cached.push((await client.request(QUERIES.systemicRisk, { hours: h })).ms);
  progress.clear();
  const suppliers = graph.stats().counts.SUPPLIER;
  return [
    row('systemicRisk', size, uncached, {
      ratio_vs_limit: round(ratioVsLimit(percentile(uncached, 50), percentile(engine, 50))),
      suppliers,
      response_kb: round(bytes / 1024),
      note: `first (uncached) call per argument set: full ranking of ${suppliers} suppliers, first 500 returned (first: 1000 with these fields exceeds the cost limit); 3 durations; vs limit = ÷ the engine call alone`,
    }),
    row('systemicRisk:cached', size, cached, {
      note: 'the same calls again: the API serves the cached ranking',
    }),
    row('systemicRisk:engine', size, engine, { note: 'engine systemicRisk() alone, bench process' }),
  ];
}

/**
 * Issue 14 item 2: ten ranked mitigations for the dominant clearinghouse failing for
 * 72 h (target ≤ 2 s at M), over GraphQL and the engine call alone (40 candidates from
 * the groups on the failure's causal paths, each re-simulated).
 */
export async function mitigationsSuite(env: AnalysisEnv): Promise<BenchResult[]> {
  const { ctx, graph, client, scenarios } = env;
  const { size, progress, options } = ctx;
  const target = scenarios.find((s) => s.label === 'dominant clearinghouse');
  if (!target) return [];
  const input = { failed: [{ id: target.id }], durationHours: DURATION_HOURS };
  const engine: number[] = [];
  const e2e: number[] = [];
  let found = 0;
  for (let pass = -1; pass < options.passes; pass++) {
    progress.status(`${size}: mitigations in process, pass ${pass + 2}/${options.passes + 1}`);
    const t = timedSync(() => mitigations(graph, input, { first: 10, maxCandidates: 40 }));
    if (pass >= 0) engine.push(t.ms);
    found = t.value.length;
  }
  for (let pass = -1; pass < options.passes; pass++) {
    progress.status(`${size}: mitigations over GraphQL, pass ${pass + 2}/${options.passes + 1}`);
    const r = await client.request(QUERIES.mitigations, { input });
    if (pass >= 0) e2e.push(r.ms);
  }
  progress.clear();
  return [
    row('mitigations:dominant-clearinghouse', size, e2e, {
      ratio_vs_limit: round(ratioVsLimit(percentile(e2e, 50), percentile(engine, 50))),
      note: `GraphQL mitigations(first: 10) for the dominant clearinghouse, 72 h: ${found} suggestions in process from 40 candidates; the API simulates as many as its price allows (31 at M) (issue 14: ≤ 2 s at M); vs limit = ÷ the engine call alone`,
    }),
    row('mitigations:engine', size, engine, { note: 'engine mitigations() alone, bench process' }),
  ];
}
