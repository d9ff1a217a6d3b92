// The report as text: a fixed-width table for the terminal, a Markdown table for
// docs/benchmarks.md, and the JSON document written by `--json`.
import type { BenchReport, BenchResult, GoalCheck } from './types';

/** A number for a table cell: ms with sensible precision, '–' when absent. */
export function fmtMs(v: number | null | undefined): string {
  if (v == null || !Number.isFinite(v)) return '–';
  if (v >= 10_000) return `${(v / 1000).toFixed(1)} s`;
  if (v >= 100) return v.toFixed(0);
  if (v >= 10) return v.toFixed(1);
  if (v >= 1) return v.toFixed(2);
  return v.toFixed(3);
}

/** A duration with its unit: '42.1 ms', or '12.3 s' from 10 s on. */
export function fmtDuration(v: number | null | undefined): string {
  const text = fmtMs(v);
  return v != null && Number.isFinite(v) && v < 10_000 ? `${text} ms` : text;
}

export function fmtRatio(v: number | null | undefined, atLeast = false): string {
  if (v == null || !Number.isFinite(v)) return '–';
  const text = v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2);
  return `${atLeast ? '≥ ' : ''}${text}×`;
}

/** Thousands separators, no decimals (rates, counts). */
export function fmtCount(v: number | null | undefined): string {
  if (v == null || !Number.isFinite(v)) return '–';
  return Math.round(v)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** The "other" column: throughput, p99, memory, timeouts — whatever the row carries. */
export function detail(r: BenchResult): string {
  const parts: string[] = [];
  if (r.rows_per_s != null) parts.push(`${fmtCount(r.rows_per_s)} rows/s`);
  if (r.req_per_s != null) parts.push(`${fmtCount(r.req_per_s)} req/s`);
  if (r.p99_ms != null) parts.push(`p99 ${fmtMs(r.p99_ms)} ms`);
  if (r.rss_mb != null) parts.push(`RSS ${fmtCount(r.rss_mb)} MB`);
  if (r.timeouts) parts.push(`${r.timeouts}/${r.samples ?? '?'} timed out`);
  return parts.join(', ');
}

const HEADERS = ['benchmark', 'size', 'p50 ms', 'p95 ms', 'vs limit', 'vs baseline', 'throughput / other'];

function cells(r: BenchResult): string[] {
  // A baseline with timeouts is a lower bound of the baseline, so the ratio is too.
  const baselineLowerBound = (r.baseline_timeouts as number | undefined) ?? 0;
  return [
    r.name,
    r.size,
    fmtMs(r.p50_ms),
    fmtMs(r.p95_ms),
    fmtRatio(r.ratio_vs_limit),
    fmtRatio(r.ratio_vs_baseline, baselineLowerBound > 0),
    detail(r),
  ];
}

/** A fixed-width table for a terminal. */
export function formatTable(results: readonly BenchResult[]): string {
  const rows = [HEADERS, ...results.map(cells)];
  const widths = HEADERS.map((_, c) => Math.max(...rows.map((row) => [...(row[c] ?? '')].length)));
  const numeric = new Set([2, 3, 4, 5]);
  const line = (row: string[]) =>
    row
      .map((cell, c) => {
        const pad = widths[c]! - [...cell].length;
        return numeric.has(c) ? ' '.repeat(pad) + cell : cell + ' '.repeat(pad);
      })
      .join('  ')
      .trimEnd();
  return [line(rows[0]!), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

const mdEscape = (s: string) => s.replace(/\|/g, '\\|');

/** A GitHub-flavoured Markdown table. */
export function markdownTable(results: readonly BenchResult[]): string {
  const head = `| ${HEADERS.join(' | ')} |`;
  const rule = `|${HEADERS.map((_, c) => (c >= 2 && c <= 5 ? '---:' : '---')).join('|')}|`;
  const body = results.map((r) => `| ${cells(r).map(mdEscape).join(' | ')} |`);
  return [head, rule, ...body].join('\n');
}

export function markdownGoals(goals: readonly GoalCheck[]): string {
  const mark = (m: boolean | null) => (m === true ? '✅ met' : m === false ? '❌ missed' : '… indication');
  const rows = goals.map(
    (g) => `| ${mdEscape(g.goal)} | ${g.for_size} | ${g.size} | ${mdEscape(g.measured)} | ${mark(g.met)} |`,
  );
  return ['| goal | goal at | measured at | measured | status |', '|---|---|---|---|---|', ...rows].join(
    '\n',
  );
}

export function formatGoals(goals: readonly GoalCheck[]): string {
  return goals
    .map((g) => {
      const mark = g.met === true ? 'met   ' : g.met === false ? 'MISSED' : 'n/a   ';
      const where =
        g.for_size === g.size || g.for_size === 'any' ? g.size : `${g.size} (goal at ${g.for_size})`;
      return `${mark} ${g.goal} — ${where}: ${g.measured}`;
    })
    .join('\n');
}

/** The JSON document: stable key order, numbers as measured (already rounded by the runner). */
export function reportJson(report: BenchReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
