// @smart/bench: the benchmark suite behind `npm run bench` (see docs/benchmarks.md).
export { type Adjacency, Reachability, adjacencyFromEdges, reverseAdjacency } from './bfs';
export { type ChartSpec, barChartSvg, logDomain, ratioChart } from './chart';
export {
  detail,
  fmtCount,
  fmtMs,
  fmtRatio,
  formatGoals,
  formatTable,
  markdownGoals,
  markdownTable,
  reportJson,
} from './format';
export { GOALS, checkGoals } from './goals';
export { Progress } from './progress';
export { BENCH_DIR, DEFAULT_OPTIONS, type RunOutput, runBench } from './runner';
export { type Scenario, chooseScenarios, mulberry32 } from './scenarios';
export {
  percentile,
  perSecond,
  ratio,
  ratioVsBaseline,
  ratioVsLimit,
  round,
  summarize,
  type Summary,
} from './stats';
export { SUITES, type BenchOptions, type SuiteName } from './suites/context';
export type { BenchReport, BenchResult, GoalCheck, MachineInfo, SizeName } from './types';
