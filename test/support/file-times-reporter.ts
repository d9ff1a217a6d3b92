// A vitest reporter that keeps each test file's time (issue 17): `npm test` writes
// test-results/file-times.json beside vitest's own JSON report, and `.ci/run` prints
// the slowest files from it (`node .ci/file-times.mjs`, which also compares two runs).
//
// vitest's JSON report times a file from its first test's start to its last test's
// end, which leaves out the file's import and its beforeAll/afterAll hooks (a private
// Neo4j's start and stop, a fixture's import). This one records what the file cost the
// run: the environment, the import of the file (collect) and its tests and hooks.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import type { Reporter, TestModule } from 'vitest/node';

export interface FileTime {
  /** The file, relative to the repository root. */
  file: string;
  project: string;
  state: string;
  /** All of the file's time in the run: environment + prepare + setup + collect + tests and hooks, in ms. */
  totalMs: number;
  /** Importing the file and everything it imports, in ms. */
  collectMs: number;
  /** Its tests and hooks, in ms. */
  runMs: number;
  /** Its tests alone (so runMs - testsMs is its hooks), in ms. */
  testsMs: number;
  tests: number;
  /** Its three slowest tests. */
  slowest: { name: string; ms: number }[];
}

export interface FileTimesReport {
  startedAt: string;
  /** Wall time of the whole vitest run, in ms. */
  wallMs: number;
  files: FileTime[];
}

const round = (ms: number) => Math.round(ms);

export default class FileTimesReporter implements Reporter {
  private readonly out: string;
  private readonly started = new Date();
  private root = process.cwd();

  constructor(options: { outputFile?: string } = {}) {
    this.out = options.outputFile ?? 'test-results/file-times.json';
  }

  onInit(ctx: { config: { root: string } }): void {
    this.root = ctx.config.root;
  }

  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const files = modules.map((m): FileTime => {
      const d = m.diagnostic();
      const tests = [...m.children.allTests()].map((t) => ({
        name: t.fullName,
        ms: t.diagnostic()?.duration ?? 0,
      }));
      const testsMs = tests.reduce((sum, t) => sum + t.ms, 0);
      return {
        file: relative(this.root, m.moduleId),
        project: m.project.name,
        state: m.state(),
        totalMs: round(
          d.environmentSetupDuration + d.prepareDuration + d.setupDuration + d.collectDuration + d.duration,
        ),
        collectMs: round(d.collectDuration),
        runMs: round(d.duration),
        testsMs: round(testsMs),
        tests: tests.length,
        slowest: tests
          .sort((a, b) => b.ms - a.ms)
          .slice(0, 3)
          .map((t) => ({ name: t.name, ms: round(t.ms) })),
      };
    });
    files.sort((a, b) => b.totalMs - a.totalMs);
    const report: FileTimesReport = {
      startedAt: this.started.toISOString(),
      wallMs: Date.now() - this.started.getTime(),
      files,
    };
    const path = resolve(this.root, this.out);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, `${JSON.stringify(report, null, 1)}\n`);
  }
}
