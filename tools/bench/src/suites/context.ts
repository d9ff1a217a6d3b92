// What every suite of one size gets from the runner.
import type { Progress } from '../progress';
import type { SizeName } from '../types';

export const SUITES = [
  'import',
  'impact',
  'paths',
  'risk',
  'api',
  'pool',
  'replicas',
  'memory',
  'render',
] as const;
export type SuiteName = (typeof SUITES)[number];

export interface BenchOptions {
  sizes: SizeName[];
  /** Which suites to run (default: all). */
  only: ReadonlySet<SuiteName>;
  /** The generator's seed. */
  seed: number;
  /** Timed passes over the scenarios (after one warm-up pass). */
  passes: number;
  /** Per-query timeout of the naive Cypher baseline. */
  baselineTimeoutMs: number;
  /** Seconds of each autocannon run. */
  loadSeconds: number;
  connections: number;
  /** Node counts of the render benchmark. */
  renderNodes: number[];
  /** Reuse the bench database when it already holds the size (skips the import suite). */
  reuse: boolean;
  /** Port of the API child process. */
  apiPort: number;
  /**
   * Templates with more rows skip the product import (one transaction; the bench
   * Neo4j's heap takes about size M) and run the analyses on the neo4j-admin import.
   */
  maxProductImportRows: number;
  /** Leave the bench Neo4j running after the run (default: stop it; its data stays on disk). */
  keepRunning: boolean;
}

export interface SizeContext {
  size: SizeName;
  entities: number;
  seed: number;
  /** The size's template folder (generated CSV). */
  dataDir: string;
  /** Scratch space (neo4j-admin CSVs, render data). */
  tmpDir: string;
  options: BenchOptions;
  progress: Progress;
}
