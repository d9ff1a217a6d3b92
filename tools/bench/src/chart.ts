// An SVG bar chart of the ratios of a run (docs/benchmarks/ratios.svg): horizontal
// grouped bars on a log scale, one bar per size, with the goal marked. Plain SVG text,
// no dependencies, deterministic for the same input.
import { fmtRatio } from './format';
import type { BenchResult, SizeName } from './types';

export interface ChartBar {
  series: string;
  value: number | null;
  /** The value is a lower bound (the baseline timed out). */
  lowerBound?: boolean;
}

export interface ChartGroup {
  label: string;
  /** What the ratio means, under the label. */
  caption: string;
  goal?: { value: number; text: string };
  bars: ChartBar[];
}

export interface ChartSpec {
  title: string;
  subtitle: string;
  series: string[];
  groups: ChartGroup[];
}

const PALETTE = ['#56B4E9', '#0072B2', '#000000'];

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Log-scale domain covering every value and goal, from a power of ten to a power of ten. */
export function logDomain(values: readonly number[]): [number, number] {
  const finite = values.filter((v) => Number.isFinite(v) && v > 0);
  if (finite.length === 0) return [0.1, 10];
  const lo = 10 ** Math.floor(Math.log10(Math.min(...finite, 1)));
  let hi = 10 ** Math.ceil(Math.log10(Math.max(...finite)));
  if (hi <= lo) hi = lo * 10;
  return [lo, hi];
}

export function barChartSvg(spec: ChartSpec): string {
  const width = 900;
  const left = 300;
  const right = 70;
  const top = 80;
  const barH = 16;
  const barGap = 4;
  const groupGap = 26;
  const plotW = width - left - right;
  const groupH = spec.series.length * (barH + barGap) - barGap;
  const height = top + spec.groups.length * (groupH + groupGap) + 50;
  const values = spec.groups.flatMap((g) => [
    ...g.bars.map((b) => b.value ?? Number.NaN),
    g.goal?.value ?? Number.NaN,
  ]);
  const [lo, hi] = logDomain(values);
  const x = (v: number) =>
    left + ((Math.log10(v) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo))) * plotW;

  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif" font-size="12" role="img">`,
    `<title>${esc(`${spec.title} (${spec.subtitle})`)}</title>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${left}" y="24" font-size="16" font-weight="bold">${esc(spec.title)}</text>`,
    `<text x="${left}" y="42" fill="#555">${esc(spec.subtitle)}</text>`,
  );
  // Decades: grid lines and tick labels.
  const plotBottom = height - 40;
  for (let v = lo; v <= hi * 1.0001; v *= 10) {
    const px = x(v).toFixed(1);
    out.push(`<line x1="${px}" y1="${top - 8}" x2="${px}" y2="${plotBottom}" stroke="#e3e3e3"/>`);
    out.push(
      `<text x="${px}" y="${plotBottom + 16}" text-anchor="middle" fill="#555">${esc(fmtRatio(v))}</text>`,
    );
  }
  const one = x(1).toFixed(1);
  out.push(`<line x1="${one}" y1="${top - 8}" x2="${one}" y2="${plotBottom}" stroke="#999"/>`);
  // Legend.
  spec.series.forEach((s, i) => {
    const lx = width - right - (spec.series.length - i) * 70;
    out.push(
      `<rect x="${lx}" y="14" width="12" height="12" fill="${PALETTE[i % PALETTE.length]}"/>`,
      `<text x="${lx + 16}" y="24">${esc(s)}</text>`,
    );
  });
  spec.groups.forEach((g, gi) => {
    const gy = top + gi * (groupH + groupGap);
    out.push(
      `<text x="${left - 10}" y="${gy + 12}" text-anchor="end" font-weight="bold">${esc(g.label)}</text>`,
      `<text x="${left - 10}" y="${gy + 27}" text-anchor="end" fill="#555" font-size="11">${esc(g.caption)}</text>`,
    );
    spec.series.forEach((s, si) => {
      const bar = g.bars.find((b) => b.series === s);
      const by = gy + si * (barH + barGap);
      if (!bar || bar.value == null || !(bar.value > 0)) {
        out.push(`<text x="${left + 4}" y="${by + barH - 4}" fill="#999">${esc(s)}: not measured</text>`);
        return;
      }
      // Bars grow from parity (1×): right for more than 1, left for less.
      const x0 = x(1);
      const x1 = x(Math.max(lo, Math.min(hi, bar.value)));
      const [from, to] = x1 >= x0 ? [x0, x1] : [x1, x0];
      const labelX = x1 >= x0 ? x1 + 4 : x0 + 4;
      out.push(
        `<rect x="${from.toFixed(1)}" y="${by}" width="${Math.max(1, to - from).toFixed(1)}" height="${barH}" fill="${PALETTE[si % PALETTE.length]}"/>`,
        `<text x="${labelX.toFixed(1)}" y="${by + barH - 4}">${esc(fmtRatio(bar.value, bar.lowerBound))}</text>`,
      );
    });
    if (g.goal) {
      const gx = x(g.goal.value).toFixed(1);
      out.push(
        `<line x1="${gx}" y1="${gy - 4}" x2="${gx}" y2="${gy + groupH + 4}" stroke="#D55E00" stroke-width="2" stroke-dasharray="4 3"/>`,
        `<text x="${(x(g.goal.value) + 5).toFixed(1)}" y="${gy - 6}" fill="#D55E00" font-size="11">${esc(g.goal.text)}</text>`,
      );
    }
  });
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}

/** The ratios of a run as a chart spec: each benchmark with a limit or a baseline, one bar per size. */
export function ratioChart(
  results: readonly BenchResult[],
  sizes: readonly SizeName[],
  subtitle: string,
): ChartSpec {
  const get = (name: string, size: SizeName) => results.find((r) => r.name === name && r.size === size);
  const bars = (name: string, field: 'ratio_vs_limit' | 'ratio_vs_baseline', invert = false): ChartBar[] =>
    sizes.map((size) => {
      const r = get(name, size);
      const v = r?.[field] ?? null;
      return {
        series: size,
        value: v == null ? null : invert ? 1 / v : v,
        lowerBound: field === 'ratio_vs_baseline' && ((r?.baseline_timeouts as number | undefined) ?? 0) > 0,
      };
    });
  return {
    title: 'SMART Graph benchmarks: ratios',
    subtitle,
    series: [...sizes],
    groups: [
      {
        label: 'impact vs naive Cypher',
        caption: 'Cypher time ÷ ours (higher is better)',
        goal: { value: 20, text: 'goal ≥ 20× at L' },
        bars: bars('impact', 'ratio_vs_baseline'),
      },
      {
        label: 'impact (hubs) vs naive Cypher',
        caption: 'cloud + clearinghouse only',
        bars: bars('impact:hubs', 'ratio_vs_baseline'),
      },
      {
        label: 'impact vs bare BFS',
        caption: 'our end-to-end time ÷ BFS (lower is better)',
        goal: { value: 3, text: 'goal ≤ 3× at L' },
        bars: bars('impact', 'ratio_vs_limit'),
      },
      {
        label: 'impact engine vs bare BFS',
        caption: 'engine alone ÷ BFS (lower is better)',
        bars: bars('impact:engine', 'ratio_vs_limit'),
      },
      {
        label: 'propagation vs bare BFS',
        caption: 'propagateDiscrete ÷ BFS',
        bars: bars('impact:engine-propagate', 'ratio_vs_limit'),
      },
      {
        label: 'import vs neo4j-admin',
        caption: 'our rate ÷ neo4j-admin rate (higher is better)',
        goal: { value: 0.25, text: 'goal ≥ 0.25×' },
        bars: bars('import', 'ratio_vs_limit', true),
      },
      {
        label: 'paths: GraphQL vs engine',
        caption: 'end-to-end ÷ engine alone',
        bars: bars('paths', 'ratio_vs_limit'),
      },
      {
        label: 'systemicRisk: GraphQL vs engine',
        caption: 'first call end-to-end ÷ engine alone',
        bars: bars('systemicRisk', 'ratio_vs_limit'),
      },
    ],
  };
}
