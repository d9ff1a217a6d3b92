// `npm run bench -- [--sizes S,M,L] [--json FILE] [--docs] [--only impact,paths,…]`:
// the benchmark suite of tools/bench on the bench Neo4j (port 7689, .neo4j/bench).
// Prints a table on stdout and progress on stderr; --json writes the report, --docs
// writes docs/benchmarks/{results.json,results.md,ratios.svg}.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import {
  type BenchOptions,
  type BenchReport,
  type RunOutput,
  checkGoals,
  DEFAULT_OPTIONS,
  type SizeName,
  SUITES,
  type SuiteName,
  barChartSvg,
  formatGoals,
  formatTable,
  markdownGoals,
  markdownTable,
  ratioChart,
  reportJson,
  runBench,
} from '@smart/bench';
import { REPO_ROOT } from '@smart/neo4j-tools';

export const BENCH_USAGE = `usage: smart bench [--sizes S,M,L] [--json FILE] [--docs] [--only SUITE,…] [--reuse]
  --sizes S,M        ecosystem sizes (S ≈ 10k, M ≈ 100k, L ≈ 1M entities); default S,M
  --json FILE        write the report as JSON
  --docs             write docs/benchmarks/results.json, results.md and ratios.svg
  --only LIST        suites: ${SUITES.join(', ')} (default: all)
  --reuse            keep the bench database when it already holds the size (no import measured)
  --keep-running     leave the bench Neo4j (port 7689) running afterwards
  --passes N         timed passes over the 30 scenarios (default ${DEFAULT_OPTIONS.passes})
  --baseline-timeout SECONDS   per query of the naive Cypher baseline (default ${DEFAULT_OPTIONS.baselineTimeoutMs / 1000})
  --report FILE      do not run: print and write the docs of an earlier --json report
  --load-seconds N   length of each load test (default ${DEFAULT_OPTIONS.loadSeconds})
  --max-import-rows N   larger templates skip the product import (one transaction) and run the
                     analyses on the neo4j-admin import (default ${DEFAULT_OPTIONS.maxProductImportRows.toLocaleString('en')}: L is skipped)`;

function parseSizes(text: string): SizeName[] {
  const sizes = text
    .split(',')
    .map((s) => s.trim().toUpperCase())
    .filter(Boolean);
  for (const s of sizes)
    if (!['S', 'M', 'L'].includes(s)) throw new Error(`unknown size '${s}': use S, M or L`);
  return sizes as SizeName[];
}

function parseSuites(text: string): Set<SuiteName> {
  const names = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const n of names)
    if (!(SUITES as readonly string[]).includes(n))
      throw new Error(`unknown suite '${n}': use ${SUITES.join(', ')}`);
  return new Set(names as SuiteName[]);
}

function positiveNumber(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number`);
  return n;
}

/** Formats a generated JSON file with the repository's Biome, so `npm run lint` passes on it (skipped without Biome). */
async function formatLikeTheRepository(file: string): Promise<void> {
  const biome = join(REPO_ROOT, 'node_modules', '.bin', 'biome');
  if (!existsSync(biome)) return;
  await promisify(execFile)(biome, ['format', '--write', file], { cwd: REPO_ROOT }).catch(() => undefined);
}

/** A report written by --json, split back into the report and the per-scenario details. */
async function readReport(path: string): Promise<RunOutput> {
  const { scenarios = {}, ...report } = JSON.parse(await readFile(resolve(path), 'utf8')) as BenchReport & {
    scenarios?: RunOutput['scenarios'];
  };
  // Goals are checked again: the definitions may be newer than the run.
  return { report: { ...report, goals: checkGoals(report.results) }, scenarios };
}

export async function benchCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      sizes: { type: 'string' },
      json: { type: 'string' },
      docs: { type: 'boolean' },
      only: { type: 'string' },
      reuse: { type: 'boolean' },
      passes: { type: 'string' },
      'baseline-timeout': { type: 'string' },
      'load-seconds': { type: 'string' },
      'max-import-rows': { type: 'string' },
      report: { type: 'string' },
      'keep-running': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(BENCH_USAGE);
    return 0;
  }
  const options: BenchOptions = {
    ...DEFAULT_OPTIONS,
    sizes: values.sizes ? parseSizes(values.sizes) : DEFAULT_OPTIONS.sizes,
    only: values.only ? parseSuites(values.only) : DEFAULT_OPTIONS.only,
    reuse: values.reuse === true,
    keepRunning: values['keep-running'] === true,
    passes: Math.round(positiveNumber('passes', values.passes, DEFAULT_OPTIONS.passes)),
    baselineTimeoutMs: positiveNumber('baseline-timeout', values['baseline-timeout'], 10) * 1000,
    loadSeconds: Math.round(
      positiveNumber('load-seconds', values['load-seconds'], DEFAULT_OPTIONS.loadSeconds),
    ),
  };
  // --report FILE: print and write the docs of an earlier run's JSON, without running anything.
  const { report, scenarios } = values.report ? await readReport(values.report) : await runBench(options);

  console.log(`\n${formatTable(report.results)}\n`);
  console.log(`${formatGoals(report.goals)}\n`);
  const m = report.machine;
  console.log(
    `machine: ${m.cpu}, ${m.cores} cores, ${m.memory_gb} GB, ${m.os}, Node ${m.node}, Neo4j ${m.neo4j}; ran ${report.duration_s} s`,
  );
  const full = { ...report, scenarios };
  if (values.json) {
    const path = resolve(values.json);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, reportJson(full));
    console.error(`report written to ${path}`);
  }
  if (values.docs) {
    const dir = join(REPO_ROOT, 'docs', 'benchmarks');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'results.json'), reportJson(full));
    await formatLikeTheRepository(join(dir, 'results.json'));
    const subtitle = `${m.cores} × ${m.cpu}, ${m.memory_gb} GB, Node ${m.node}, Neo4j ${m.neo4j} — ${report.started_at.slice(0, 10)}`;
    await writeFile(join(dir, 'ratios.svg'), barChartSvg(ratioChart(report.results, report.sizes, subtitle)));
    await writeFile(
      join(dir, 'results.md'),
      `<!-- Generated by \`npm run bench -- --docs\` on ${report.started_at}; do not edit. -->\n\n${markdownTable(report.results)}\n\n${markdownGoals(report.goals)}\n`,
    );
    console.error(`docs/benchmarks/results.json, results.md and ratios.svg written`);
  }
  return 0;
}
