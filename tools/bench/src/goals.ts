// The goals of the benchmark issue, checked against a run's results. A goal stated
// for size L and measured at M is reported as an indication (met: null), never as met.
import { fmtCount, fmtDuration, fmtRatio } from './format';
import type { BenchResult, GoalCheck, SizeName } from './types';

interface Goal {
  goal: string;
  forSize: SizeName | 'any';
  result: string;
  /** The measured value as text, and whether it meets the goal; null when not measured. */
  check(r: BenchResult): { measured: string; ok: boolean } | null;
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

export const GOALS: readonly Goal[] = [
  {
    goal: 'impact p50 ≤ 100 ms end-to-end (GraphQL)',
    forSize: 'L',
    result: 'impact',
    check: (r) =>
      num(r.p50_ms) === null ? null : { measured: `p50 ${fmtDuration(r.p50_ms)}`, ok: r.p50_ms! <= 100 },
  },
  {
    goal: 'impact ≤ 3× the bare-BFS limit',
    forSize: 'L',
    result: 'impact',
    check: (r) =>
      num(r.ratio_vs_limit) === null
        ? null
        : { measured: fmtRatio(r.ratio_vs_limit), ok: r.ratio_vs_limit! <= 3 },
  },
  {
    goal: 'impact ≥ 20× faster than the naive Cypher baseline',
    forSize: 'L',
    result: 'impact',
    check: (r) => {
      const v = num(r.ratio_vs_baseline);
      if (v === null) return null;
      const lowerBound = (num(r.baseline_timeouts) ?? 0) > 0;
      return { measured: fmtRatio(v, lowerBound), ok: v >= 20 };
    },
  },
  {
    goal: 'paths (top 100) ≤ 100 ms (p50, GraphQL)',
    forSize: 'L',
    result: 'paths',
    check: (r) =>
      num(r.p50_ms) === null
        ? null
        : { measured: `p50 ${fmtDuration(r.p50_ms)}, p95 ${fmtDuration(r.p95_ms)}`, ok: r.p50_ms! <= 100 },
  },
  {
    goal: 'API peak RSS ≤ 2 GB',
    forSize: 'L',
    result: 'memory:api',
    check: (r) =>
      num(r.rss_mb) === null ? null : { measured: `${fmtCount(r.rss_mb)} MB`, ok: r.rss_mb! <= 2048 },
  },
  {
    goal: 'systemicRisk (full ranking, uncached) ≤ 10 s',
    forSize: 'M',
    result: 'systemicRisk',
    check: (r) =>
      num(r.p50_ms) === null ? null : { measured: `${fmtDuration(r.p50_ms)}`, ok: r.p50_ms! <= 10_000 },
  },
  {
    goal: 'mitigations: 10 ranked for the dominant clearinghouse ≤ 2 s (GraphQL)',
    forSize: 'M',
    result: 'mitigations:dominant-clearinghouse',
    check: (r) =>
      num(r.p50_ms) === null ? null : { measured: `p50 ${fmtDuration(r.p50_ms)}`, ok: r.p50_ms! <= 2_000 },
  },
  {
    goal: 'import ≥ 50,000 rows/s',
    forSize: 'any',
    result: 'import',
    check: (r) =>
      num(r.rows_per_s) === null
        ? null
        : { measured: `${fmtCount(r.rows_per_s)} rows/s`, ok: r.rows_per_s! >= 50_000 },
  },
  {
    goal: 'import ≥ 0.25× neo4j-admin import',
    forSize: 'any',
    result: 'import',
    check: (r) => {
      const v = num(r.ratio_vs_limit);
      return v === null
        ? null
        : { measured: `${(1 / v).toFixed(3)}× of neo4j-admin's rate`, ok: 1 / v >= 0.25 };
    },
  },
  {
    goal: 'search ≥ 1,000 req/s (32 connections, 2 cores)',
    forSize: 'any',
    result: 'api:search',
    check: (r) =>
      num(r.req_per_s) === null
        ? null
        : { measured: `${fmtCount(r.req_per_s)} req/s`, ok: r.req_per_s! >= 1000 },
  },
  {
    goal: 'next impact after a single-entity write ≤ 150 ms (p50, GraphQL)',
    forSize: 'M',
    result: 'pool:impact-after-write',
    check: (r) =>
      num(r.p50_ms) === null
        ? null
        : {
            measured: `p50 ${fmtDuration(r.p50_ms)} (${fmtDuration(num(r.steady_p50_ms))} with no write before it)`,
            ok: r.p50_ms! <= 150,
          },
  },
  {
    goal: 'replica catch-up (write on A → visible in an analysis on B) p95 ≤ 1 s',
    forSize: 'any',
    result: 'replicas:catch-up',
    check: (r) =>
      num(r.p95_ms) === null ? null : { measured: `p95 ${fmtDuration(r.p95_ms)}`, ok: r.p95_ms! <= 1000 },
  },
  {
    goal: 'render: 50k nodes, first render ≤ 3 s',
    forSize: 'any',
    result: 'render:first 50k',
    check: (r) =>
      num(r.p50_ms) === null ? null : { measured: `${fmtDuration(r.p50_ms)}`, ok: r.p50_ms! <= 3000 },
  },
];

const ORDER: Record<string, number> = { S: 0, M: 1, L: 2, '-': 3 };

/** Every goal against every size that measured it. */
export function checkGoals(results: readonly BenchResult[]): GoalCheck[] {
  const out: GoalCheck[] = [];
  for (const g of GOALS) {
    const rows = results
      .filter((r) => r.name === g.result)
      .sort((a, b) => (ORDER[a.size] ?? 9) - (ORDER[b.size] ?? 9));
    for (const r of rows) {
      const c = g.check(r);
      if (!c) continue;
      const atSize = g.forSize === 'any' || g.forSize === r.size;
      out.push({
        goal: g.goal,
        for_size: g.forSize,
        size: r.size,
        measured: c.measured,
        met: atSize ? c.ok : null,
      });
    }
    if (rows.length === 0 || rows.every((r) => !g.check(r))) {
      out.push({
        goal: g.goal,
        for_size: g.forSize,
        size: '-',
        measured: 'not measured in this run',
        met: null,
      });
    }
  }
  return out;
}
