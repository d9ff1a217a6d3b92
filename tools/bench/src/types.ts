// The shapes of the benchmark report (the JSON written by `--json` and read by the
// table, the goal check and the chart).

export type SizeName = 'S' | 'M' | 'L';

export interface MachineInfo {
  cpu: string;
  cores: number;
  memory_gb: number;
  os: string;
  node: string;
  neo4j: string;
  /** 1-minute load average when the run started (other work on the machine skews results). */
  load_at_start: number;
}

/** One measured row. Times are wall-clock milliseconds; null where a column does not apply. */
export interface BenchResult {
  name: string;
  /** The ecosystem size; '-' for measurements that do not depend on it (render). */
  size: SizeName | '-';
  p50_ms: number | null;
  p95_ms: number | null;
  /** Our time ÷ the limit's time (≥ 1). */
  ratio_vs_limit: number | null;
  /** The baseline's time ÷ ours (> 1: we are faster). */
  ratio_vs_baseline: number | null;
  samples?: number;
  p99_ms?: number | null;
  rows_per_s?: number | null;
  req_per_s?: number | null;
  rss_mb?: number | null;
  /** Baseline runs that hit their timeout (their time counts as the timeout: a lower bound). */
  timeouts?: number;
  /** Free-form detail: what was measured, how, what it includes. */
  note?: string;
  [extra: string]: unknown;
}

export interface BenchReport {
  machine: MachineInfo;
  started_at: string;
  duration_s: number;
  sizes: SizeName[];
  /** Entities and dependencies per size, as generated. */
  datasets: Record<string, { entities: number; dependencies: number; rows: number }>;
  results: BenchResult[];
  goals: GoalCheck[];
  notes: string[];
}

export interface GoalCheck {
  goal: string;
  /** The size the goal is stated for ('any' when the goal names none). */
  for_size: SizeName | 'any';
  /** The size the measurement comes from (may be smaller than for_size). */
  size: SizeName | '-';
  measured: string;
  /** true/false when measured at the goal's size; at a smaller size only an indication. */
  met: boolean | null;
}
