import { describe, expect, it } from 'vitest';
import { barChartSvg, logDomain, ratioChart } from '../src/chart';
import {
  detail,
  fmtCount,
  fmtMs,
  fmtRatio,
  formatTable,
  markdownGoals,
  markdownTable,
  reportJson,
} from '../src/format';
import { checkGoals } from '../src/goals';
import type { BenchReport, BenchResult } from '../src/types';

const base = { p95_ms: null, ratio_vs_limit: null, ratio_vs_baseline: null } as const;

const results: BenchResult[] = [
  {
    ...base,
    name: 'impact',
    size: 'M',
    p50_ms: 42.1,
    p95_ms: 180,
    ratio_vs_limit: 12.5,
    ratio_vs_baseline: 31.2,
    baseline_timeouts: 2,
  },
  { ...base, name: 'impact', size: 'L', p50_ms: 95, ratio_vs_limit: 2.5, ratio_vs_baseline: 19 },
  { ...base, name: 'import', size: 'M', p50_ms: 9000, ratio_vs_limit: 3.2, rows_per_s: 61_234.5 },
  { ...base, name: 'api:search', size: 'M', p50_ms: 20.04, p99_ms: 88, req_per_s: 1500 },
  { ...base, name: 'memory:api', size: 'L', p50_ms: null, rss_mb: 2100 },
  { ...base, name: 'systemicRisk', size: 'S', p50_ms: 50 },
  { ...base, name: 'systemicRisk', size: 'M', p50_ms: 12_345 },
];

describe('cell formatting', () => {
  it('formats milliseconds with sensible precision and seconds past 10 s', () => {
    expect(fmtMs(0.01234)).toBe('0.012');
    expect(fmtMs(1.234)).toBe('1.23');
    expect(fmtMs(12.34)).toBe('12.3');
    expect(fmtMs(123.4)).toBe('123');
    expect(fmtMs(12_345)).toBe('12.3 s');
    expect(fmtMs(null)).toBe('–');
    expect(fmtMs(Number.NaN)).toBe('–');
  });

  it('formats ratios, marking lower bounds', () => {
    expect(fmtRatio(2.345)).toBe('2.35×');
    expect(fmtRatio(31.25)).toBe('31.3×');
    expect(fmtRatio(1234)).toBe('1234×');
    expect(fmtRatio(25, true)).toBe('≥ 25.0×');
    expect(fmtRatio(null)).toBe('–');
  });

  it('formats counts with thousands separators', () => {
    expect(fmtCount(61_234.5)).toBe('61,235');
    expect(fmtCount(999)).toBe('999');
    expect(fmtCount(1_000_000)).toBe('1,000,000');
    expect(fmtCount(undefined)).toBe('–');
  });

  it('puts throughput, p99, memory and timeouts in the detail column', () => {
    expect(detail(results[2]!)).toBe('61,235 rows/s');
    expect(detail(results[3]!)).toBe('1,500 req/s, p99 88.0 ms');
    expect(detail(results[4]!)).toBe('RSS 2,100 MB');
    expect(detail({ ...base, name: 'x', size: 'S', p50_ms: 1, timeouts: 3, samples: 30 })).toBe(
      '3/30 timed out',
    );
  });
});

describe('tables', () => {
  it('aligns every column of the text table', () => {
    const lines = formatTable(results).split('\n');
    expect(lines).toHaveLength(results.length + 2);
    expect(lines[0]).toMatch(/^benchmark\s+size\s+p50 ms\s+p95 ms\s+vs limit\s+vs baseline\s+throughput/);
    // Right-aligned numbers end at the same column on every row.
    const end = lines[0]!.indexOf('p50 ms') + 'p50 ms'.length;
    for (const line of lines.slice(2)) expect(line[end - 1]).not.toBe(' ');
    expect(lines[2]).toContain('≥ 31.2×');
  });

  it('writes a Markdown table with one row per result and escaped pipes', () => {
    const md = markdownTable([...results, { ...base, name: 'a|b', size: 'S', p50_ms: 1 }]).split('\n');
    expect(md[0]).toBe(
      '| benchmark | size | p50 ms | p95 ms | vs limit | vs baseline | throughput / other |',
    );
    expect(md[1]).toBe('|---|---|---:|---:|---:|---:|---|');
    expect(md).toHaveLength(results.length + 3);
    expect(md.at(-1)).toContain('a\\|b');
  });

  it('writes the report as stable, parseable JSON', () => {
    const report: BenchReport = {
      machine: {
        cpu: 'x',
        cores: 2,
        memory_gb: 24,
        os: 'Linux',
        node: 'v20',
        neo4j: '5.26',
        load_at_start: 0,
      },
      started_at: '2026-01-01T00:00:00.000Z',
      duration_s: 1,
      sizes: ['S'],
      datasets: {},
      results,
      goals: [],
      notes: [],
    };
    const text = reportJson(report);
    expect(text.endsWith('\n')).toBe(true);
    expect(JSON.parse(text)).toEqual(report);
    expect(Object.keys(JSON.parse(text))[0]).toBe('machine');
  });
});

describe('goals', () => {
  const goals = checkGoals(results);
  const find = (goal: string, size: string) => goals.find((g) => g.goal.startsWith(goal) && g.size === size);

  it('decides a goal only at the size it is stated for', () => {
    expect(find('impact p50', 'L')?.met).toBe(true);
    expect(find('impact p50', 'M')?.met).toBeNull();
    expect(find('impact ≤ 3×', 'L')?.met).toBe(true);
    expect(find('impact ≥ 20×', 'L')?.met).toBe(false);
    expect(find('API peak RSS', 'L')?.met).toBe(false);
    expect(find('systemicRisk', 'M')?.met).toBe(false);
    expect(find('systemicRisk', 'S')?.met).toBeNull();
  });

  it('decides size-free goals at every size, and marks lower bounds', () => {
    expect(find('import ≥ 50,000', 'M')?.met).toBe(true);
    expect(find('import ≥ 0.25×', 'M')?.met).toBe(true);
    expect(find('search', 'M')?.met).toBe(true);
    expect(find('impact ≥ 20×', 'M')?.measured).toBe('≥ 31.2×');
  });

  it('lists a goal that nothing measured', () => {
    expect(find('render', '-')?.measured).toBe('not measured in this run');
    expect(markdownGoals(goals)).toContain(
      '| render: 50k nodes, first render ≤ 3 s | any | - | not measured in this run |',
    );
  });
});

describe('the ratio chart', () => {
  it('spans whole decades around every value', () => {
    expect(logDomain([2.5, 31])).toEqual([1, 100]);
    expect(logDomain([0.3, 4])).toEqual([0.1, 10]);
    expect(logDomain([])).toEqual([0.1, 10]);
    expect(logDomain([1])).toEqual([1, 10]);
  });

  it('draws one bar per size and measured ratio, the goals, and is deterministic', () => {
    const spec = ratioChart(results, ['M', 'L'], 'test machine');
    const svg = barChartSvg(spec);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    expect(svg).toContain('<title>SMART Graph benchmarks: ratios (test machine)</title>');
    expect(svg).toContain('impact vs naive Cypher');
    expect(svg).toContain('goal ≥ 20× at L');
    expect(svg).toContain('≥ 31.2×'); // M's baseline had timeouts: a lower bound
    expect(svg).toContain('19.0×');
    expect(svg).toContain('M: not measured'); // e.g. paths at M
    // import: our rate ÷ neo4j-admin's = 1 / 3.2
    expect(svg).toContain('0.31×');
    expect(barChartSvg(spec)).toBe(svg);
    // Well-formed enough for any XML parser: every opened tag closes.
    expect((svg.match(/<text/g) ?? []).length).toBe((svg.match(/<\/text>/g) ?? []).length);
  });

  it('escapes text', () => {
    const svg = barChartSvg({ title: 'a < b & c', subtitle: '"q"', series: ['S'], groups: [] });
    expect(svg).toContain('a &lt; b &amp; c');
    expect(svg).toContain('&quot;q&quot;');
  });
});
