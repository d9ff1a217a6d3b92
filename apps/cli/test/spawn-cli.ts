// Runs the real `smart` command in a child process, against the test Neo4j the global
// setup started: the CLI bundled once per run by test/cli.global-setup.ts (plain `node`,
// no TypeScript loader to start on each spawn), or with SMART_TEST_CLI=tsx as the npm
// scripts run it (`tsx apps/cli/src/main.ts …`).
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';

export const REPO_ROOT = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
const TSX = join(REPO_ROOT, 'node_modules/.bin/tsx');
const MAIN = join(REPO_ROOT, 'apps/cli/src/main.ts');

/** The secret the CLI signs tokens with in these tests; the in-process API must share it. */
export const TEST_SECRET = 'cli-integration-test-secret-0123456789abcdef';

/** The command and arguments that run `smart <args>`: the run's CLI bundle, or tsx on the source. */
export function cliCommand(args: string[]): { command: string; args: string[] } {
  const bundle = inject('cliMain');
  return bundle
    ? { command: process.execPath, args: [bundle, ...args] }
    : { command: TSX, args: [MAIN, ...args] };
}

/**
 * Per-test timeout for tests that spawn the CLI: a start-up is about a second on an idle
 * machine but far more on a loaded one, and a test runs a few in a row.
 */
export const SPAWNS = { timeout: 600_000 };

export interface CliResult {
  args: string[];
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(
  args: string[],
  opts: { input?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<CliResult> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    // NEO4J_URI set: the CLI uses that server and starts no local one
    NEO4J_URI: inject('neo4jUri'),
    NEO4J_USER: 'neo4j',
    NEO4J_PASSWORD: inject('neo4jPassword'),
    SMART_SECRET: TEST_SECRET,
    USER: 'cli-test',
    NO_COLOR: '1',
    ...opts.env,
  };
  return new Promise((done, fail) => {
    const cli = cliCommand(args);
    const child = spawn(cli.command, cli.args, { cwd: REPO_ROOT, env, stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => {
      stdout += s;
    });
    child.stderr.setEncoding('utf8').on('data', (s: string) => {
      stderr += s;
    });
    child.on('error', fail);
    child.on('close', (code) => done({ args, code, stdout, stderr }));
    child.stdin.end(opts.input ?? '');
  });
}

/** A readable failure message: the command and what it printed. */
export const shown = (r: CliResult) =>
  `smart ${r.args.join(' ')} → exit ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`;
