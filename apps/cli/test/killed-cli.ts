// The kill harness of the all-or-nothing tests (import-kill, restore-kill): the real CLI
// spawned against the test Neo4j and SIGKILLed at a seeded point of its progress, read
// from the journal its staged write keeps.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Template } from '@smart/domain';
import type { JournalInfo } from '@smart/store';
import { inject } from 'vitest';
import { until } from '../../../test/support/poll';
import { REPO_ROOT, TEST_SECRET, cliCommand } from './spawn-cli';

/** A seeded PRNG (mulberry32), so the kill points are the same on every run of one seed. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A row as text with its keys in order, so rows compare whatever order their fields came in. */
export const canon = (row: unknown) =>
  JSON.stringify(
    Object.entries(row as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1)),
  );

/** A template's rows per table as sorted text: equal for the same content in any order. */
export const sortedRows = (t: Template) =>
  Object.fromEntries(Object.entries(t).map(([k, rows]: [string, unknown[]]) => [k, rows.map(canon).sort()]));

/** True when the process no longer runs: no such pid, or a zombie. */
export function gone(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] === 'Z';
  } catch {
    return true;
  }
}

/**
 * Spawns the CLI with `args` (and `env` on top of the test database's) and SIGKILLs it
 * once `journal()` shows `written >= at`; resolves how far it got and what it printed.
 */
export function cliKilledAt(
  args: string[],
  at: number,
  journal: () => Promise<JournalInfo | null>,
  extraEnv: NodeJS.ProcessEnv,
): Promise<{ killed: boolean; journal: JournalInfo | null; out: string }> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NEO4J_URI: inject('neo4jUri'),
    NEO4J_USER: 'neo4j',
    NEO4J_PASSWORD: inject('neo4jPassword'),
    SMART_SECRET: TEST_SECRET,
    ...extraEnv,
    USER: 'cli-test',
  };
  const cli = cliCommand(args);
  const child = spawn(cli.command, cli.args, { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (s: Buffer) => {
    out += s.toString();
  });
  child.stderr.on('data', (s: Buffer) => {
    out += s.toString();
  });
  let exited = false;
  const exit = new Promise<void>((done) =>
    child.on('exit', () => {
      exited = true;
      done();
    }),
  );
  return (async () => {
    let seen: JournalInfo | null = null;
    while (!exited) {
      const j = await journal();
      if (j && Number(j.written) >= at) {
        seen = j;
        // The writing process itself (under tsx, a child of tsx's own), then the spawned one.
        process.kill(Number(j.pid), 'SIGKILL');
        child.kill('SIGKILL');
        break;
      }
      await new Promise((r) => setTimeout(r, 15));
    }
    await exit;
    // The next start comes after the process is gone: on a loaded machine a killed process
    // takes a moment to become a zombie (which the recovery counts as dead).
    if (seen)
      await until(`process ${seen.pid} to be gone`, () => gone(Number(seen!.pid)), { timeoutMs: 60_000 });
    return { killed: seen !== null, journal: seen, out };
  })();
}
