// @smart/seed: the demo ecosystem and the deterministic scale generator.
export { demoEcosystem, DEMO_REGION } from './demo';
export { DEMO_DIR } from './paths';
export { INCIDENTS, type DemoMeasure, type Incident, type PublicFigure } from './incidents';
export {
  HOSPITAL_TYPE,
  type BacktestFigures,
  backtest,
  backtestBlock,
  backtestLines,
  demoFigure,
  renderBacktestDoc,
} from './backtest';
export {
  generateEcosystem,
  generateRows,
  SIZES,
  type GenerateOptions,
  type GeneratedRow,
  type SizeName,
} from './generate';
export { SUPPLIER_SHARE, NICHE_PER_ASSET, NICHE_PER_WORKFLOW } from './parameters';
export { writeGeneratedCsv, type WriteResult } from './csv';
export { ecosystemStats, kindIndex, type EcosystemStats } from './stats';
export { CRITICAL_FUNCTIONS, WORKFLOW_PROFILES, type WorkflowProfile } from './profiles';
export { Rng, Zipf, hashSeed } from './prng';
