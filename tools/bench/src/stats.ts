// Statistics of timing samples: percentiles (nearest rank on the sorted samples, the
// definition most load tools use), summaries, and the two ratios the report prints.

/**
 * The p-th percentile (0 ≤ p ≤ 100) by the nearest-rank method: the smallest sample
 * such that at least p % of the samples are ≤ it. NaN for no samples.
 */
export function percentile(samples: readonly number[], p: number): number {
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be within 0..100, not ${p}`);
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  if (p === 0) return sorted[0]!;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, rank) - 1]!;
}

export interface Summary {
  n: number;
  min: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

export function summarize(samples: readonly number[]): Summary {
  if (samples.length === 0) {
    return {
      n: 0,
      min: Number.NaN,
      p50: Number.NaN,
      p95: Number.NaN,
      p99: Number.NaN,
      max: Number.NaN,
      mean: Number.NaN,
    };
  }
  let sum = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const s of samples) {
    sum += s;
    if (s < min) min = s;
    if (s > max) max = s;
  }
  return {
    n: samples.length,
    min,
    p50: percentile(samples, 50),
    p95: percentile(samples, 95),
    p99: percentile(samples, 99),
    max,
    mean: sum / samples.length,
  };
}

/**
 * `numerator ÷ denominator`, or null when either is missing, not finite or the
 * denominator is not positive (a ratio against nothing is not a result).
 */
export function ratio(
  numerator: number | null | undefined,
  denominator: number | null | undefined,
): number | null {
  if (numerator == null || denominator == null) return null;
  if (!Number.isFinite(numerator) || !Number.isFinite(denominator) || denominator <= 0 || numerator < 0)
    return null;
  return numerator / denominator;
}

/** ratio_vs_limit: our time ÷ the limit's time (≥ 1 when the limit is a true floor). */
export const ratioVsLimit = (oursMs: number | null | undefined, limitMs: number | null | undefined) =>
  ratio(oursMs, limitMs);

/** ratio_vs_baseline: the baseline's time ÷ ours (> 1 means we are faster). */
export const ratioVsBaseline = (oursMs: number | null | undefined, baselineMs: number | null | undefined) =>
  ratio(baselineMs, oursMs);

/** Throughput from a count and a duration in ms (per second). */
export function perSecond(count: number, ms: number): number | null {
  return ms > 0 && Number.isFinite(ms) ? (count * 1000) / ms : null;
}

/** Rounds to `digits` significant digits (for the JSON and the table), keeping null/NaN as null. */
export function round(value: number | null | undefined, digits = 3): number | null {
  if (value == null || !Number.isFinite(value)) return null;
  if (value === 0) return 0;
  const magnitude = Math.floor(Math.log10(Math.abs(value)));
  const decimals = Math.max(0, digits - 1 - magnitude);
  return Number(value.toFixed(Math.min(decimals, 12)));
}

/**
 * Median CPU time (user + system) of `run` over `repeats` runs, in ms: for the
 * micro-measurements (patch.ts, shared.ts) on a shared machine, where wall time says little.
 */
export function medianCpuMs(repeats: number, run: () => unknown): number {
  const ms: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t0 = process.cpuUsage();
    run();
    const d = process.cpuUsage(t0);
    ms.push((d.user + d.system) / 1000);
  }
  return percentile(ms, 50);
}
