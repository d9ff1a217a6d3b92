/// <reference path="../autocannon.d.ts" />
// Benchmark 5, api: requests per second and latency of `search` and `neighborhood`
// under 32 concurrent connections (autocannon, in this process, against the API child
// process on the same machine: client, API and Neo4j share the cores).
import autocannon from 'autocannon';
import { type CompactGraph, Kind } from '@smart/engine';
import { readPid } from '@smart/neo4j-tools';
import { procCpuMs } from '../api-process';
import type { GraphQLClient } from '../graphql';
import { QUERIES } from '../graphql';
import { benchInstance } from '../neo4j';
import { mulberry32 } from '../scenarios';
import { round, summarize } from '../stats';
import type { BenchResult } from '../types';
import type { SizeContext } from './context';

/** Type-ahead texts: the first 3–6 letters of a word of a name, from 64 entities drawn with a seed. */
export function searchTexts(g: CompactGraph, count = 64, seed = 7): string[] {
  const rand = mulberry32(seed);
  const out: string[] = [];
  for (let tries = 0; out.length < count && tries < count * 20; tries++) {
    const n = Math.floor(rand() * g.nodeCount);
    const words = (g.names[n] ?? '').split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 3);
    if (words.length === 0) continue;
    const w = words[Math.floor(rand() * words.length)]!;
    out.push(w.slice(0, 3 + Math.floor(rand() * 4)).toLowerCase());
  }
  return out;
}

/** Entities to open in the explorer: 64 drawn with a seed, critical functions excluded (thousands of neighbours). */
export function neighborhoodIds(g: CompactGraph, count = 64, seed = 11): string[] {
  const rand = mulberry32(seed);
  const out: string[] = [];
  for (let tries = 0; out.length < count && tries < count * 20; tries++) {
    const n = Math.floor(rand() * g.nodeCount);
    if (g.kinds[n] !== Kind.CRITICAL_FUNCTION) out.push(g.ids[n]!);
  }
  return out;
}

interface LoadRun {
  latencies: number[];
  ok: number;
  failed: number;
  seconds: number;
  errors: number;
}

function cannon(
  client: GraphQLClient,
  bodies: string[],
  connections: number,
  seconds: number,
): Promise<LoadRun> {
  return new Promise((resolve, reject) => {
    const latencies: number[] = [];
    let ok = 0;
    let failed = 0;
    const headers = client.headers();
    const instance = autocannon(
      {
        url: client.url,
        connections,
        duration: seconds,
        timeout: 30,
        requests: bodies.map((body) => ({ method: 'POST', path: '/graphql', headers, body })),
      },
      (err, result) => {
        if (err) reject(err);
        else resolve({ latencies, ok, failed, seconds: result.duration, errors: result.errors });
      },
    );
    instance.on('response', (_client, status, _bytes, responseTime) => {
      if (status >= 200 && status < 300) {
        ok++;
        latencies.push(responseTime);
      } else failed++;
    });
  });
}

/** CPU ms used by the API, Neo4j and this process (autocannon) while `work` runs. */
async function cpuSplit<T>(apiPid: number | undefined, work: () => Promise<T>) {
  const neo4jPid = readPid(benchInstance());
  const read = () => ({
    api: apiPid ? procCpuMs(apiPid) : null,
    neo4j: neo4jPid ? procCpuMs(neo4jPid) : null,
    client: process.cpuUsage(),
  });
  const before = read();
  const value = await work();
  const after = read();
  const diff = (a: number | null, b: number | null) => (a === null || b === null ? null : b - a);
  const client = process.cpuUsage(before.client);
  return {
    value,
    cpu: {
      api: diff(before.api, after.api),
      neo4j: diff(before.neo4j, after.neo4j),
      client: (client.user + client.system) / 1000,
    },
  };
}

export async function loadSuite(env: {
  ctx: SizeContext;
  graph: CompactGraph;
  client: GraphQLClient;
  apiPid?: number;
}): Promise<BenchResult[]> {
  const { ctx, graph, client } = env;
  const { size, progress, options } = ctx;
  const cases = [
    {
      name: 'api:search',
      query: QUERIES.search,
      variables: searchTexts(graph).map((text) => ({ text })),
      what: 'search(text, first: 20) { id name kind }, 64 type-ahead texts',
    },
    {
      name: 'api:neighborhood',
      query: QUERIES.neighborhood,
      variables: neighborhoodIds(graph).map((id) => ({ id })),
      what: 'neighborhood(depth: 1, limit: 200) with nodes and edges, 64 entities',
    },
  ];
  const results: BenchResult[] = [];
  for (const c of cases) {
    // Every request must succeed before it is timed under load.
    for (const v of c.variables) await client.request(c.query, v);
    progress.step(`${size}: ${c.name}: ${options.connections} connections for ${options.loadSeconds} s…`);
    const { value: run, cpu } = await cpuSplit(env.apiPid, () =>
      cannon(
        client,
        c.variables.map((v) => client.body(c.query, v)),
        options.connections,
        options.loadSeconds,
      ),
    );
    const perRequest = (ms: number | null) => (ms === null || run.ok === 0 ? null : round(ms / run.ok));
    const s = summarize(run.latencies);
    const rps = run.ok / run.seconds;
    progress.step(
      `${size}: ${c.name}: ${Math.round(rps)} req/s, p50 ${s.p50.toFixed(1)} ms, p99 ${s.p99.toFixed(1)} ms${run.failed ? `, ${run.failed} non-2xx` : ''}; CPU ms/request: API ${perRequest(cpu.api)}, Neo4j ${perRequest(cpu.neo4j)}, autocannon ${perRequest(cpu.client)}`,
    );
    results.push({
      name: c.name,
      size,
      p50_ms: round(s.p50),
      p95_ms: round(s.p95),
      ratio_vs_limit: null,
      ratio_vs_baseline: null,
      samples: s.n,
      p99_ms: round(s.p99),
      req_per_s: round(rps),
      non_2xx: run.failed,
      errors: run.errors,
      // Where the machine's CPU went, per successful request (2 cores = 2,000 CPU ms per second).
      cpu_ms_per_request: {
        api: perRequest(cpu.api),
        neo4j: perRequest(cpu.neo4j),
        client: perRequest(cpu.client),
      },
      note: `${c.what}; autocannon, ${options.connections} connections, ${options.loadSeconds} s, same machine`,
    });
  }
  return results;
}
