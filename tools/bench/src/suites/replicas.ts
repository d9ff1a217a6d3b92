// Benchmark "replicas" (issue 10 item 5): replica catch-up. Two API processes on the
// bench Neo4j; an ANALYST write through A (a probe supplier created, then renamed each
// time), then the same analysis asked of B again and again until B's answer holds the
// write (the probe's new name, from B's projection). Catch-up = from A's answer to B's
// first answer that holds it; B reads the graph version before every analysis and
// replays the change log, so this is usually B's first request, and its time is the
// replay plus the analysis. The probe is deleted at the end.
import { issueToken } from '@smart/api';
import { analysisReady, startApi } from '../api-process';
import { GraphQLClient } from '../graphql';
import { round, summarize } from '../stats';
import type { BenchResult } from '../types';
import type { SizeContext } from './context';

const PROBE = 'bench-replica-probe';
const UPSERT = `mutation BenchReplicaWrite($name: String!) {
  upsertEntity(input: { id: "${PROBE}", kind: SUPPLIER, name: $name, category: "Benchmark" }) { id }
}`;
const DELETE = `mutation { deleteEntity(id: "${PROBE}") }`;
const SEEN = `query BenchReplicaRead {
  impact(input: { failed: [{ id: "${PROBE}" }] }) {
    graphVersion
    affected(first: 1) { edges { node { entity { name } } } }
  }
}`;
interface Seen {
  impact: { graphVersion: string; affected: { edges: { node: { entity: { name: string } } }[] } };
}

export async function replicasSuite(env: { ctx: SizeContext; secret: string }): Promise<BenchResult[]> {
  const { size, progress, options } = env.ctx;
  const apis = await Promise.all(
    [3, 4].map((offset) =>
      startApi({
        port: options.apiPort + offset,
        secret: env.secret,
        env: { SMART_RATE_LIMIT_PER_MINUTE: '100000000', SMART_MAX_CONCURRENT_ANALYSES: '64' },
      }),
    ),
  );
  const catchUp: number[] = [];
  const writes: number[] = [];
  const reads: number[] = [];
  try {
    // Each loads its projection from the start; analyses answer BUSY until then.
    await Promise.all(apis.map((a) => analysisReady(a.url, () => {})));
    const token = await issueToken({ username: 'bench', role: 'ANALYST', ttlSeconds: 3600 });
    const [a, b] = apis.map((x) => new GraphQLClient(x.url, token)) as [GraphQLClient, GraphQLClient];
    // Warm: the probe exists and both projections are built and hold it.
    await a.request(UPSERT, { name: 'Replica probe' });
    for (const c of [a, b]) await c.request(SEEN);
    const rounds = Math.max(30, options.passes * 10);
    for (let i = 0; i < rounds; i++) {
      const name = `Replica probe ${i}`;
      const write = await a.request(UPSERT, { name });
      const answered = performance.now();
      let tries = 0;
      for (;;) {
        tries++;
        const seen = await b.request<Seen>(SEEN);
        if (seen.data.impact.affected.edges[0]?.node.entity.name === name) break;
        if (performance.now() - answered > 30_000) throw new Error(`B never saw write ${i}`);
      }
      catchUp.push(performance.now() - answered);
      writes.push(write.ms);
      reads.push(tries);
    }
    await a.request(DELETE);
  } finally {
    await Promise.all(apis.map((x) => x.stop()));
  }
  const s = summarize(catchUp);
  const w = summarize(writes);
  const firstTry = reads.filter((n) => n === 1).length;
  progress.step(
    `${size}: replicas: catch-up p50 ${round(s.p50)} ms, p95 ${round(s.p95)} ms (write on A p50 ${round(w.p50)} ms); B saw the write on its first request ${firstTry}/${reads.length} times`,
  );
  return [
    {
      name: 'replicas:catch-up',
      size,
      p50_ms: round(s.p50),
      p95_ms: round(s.p95),
      p99_ms: round(s.p99),
      ratio_vs_limit: null,
      ratio_vs_baseline: null,
      samples: s.n,
      write_p50_ms: round(w.p50),
      first_request_share: round(firstTry / reads.length),
      note: `upsertEntity of a probe supplier through API process A, then impact(probe) on API process B until its projection holds the new name; from A's answer to B's; limit 1 s (p95, issue 10); same machine, one Neo4j`,
    },
  ];
}
