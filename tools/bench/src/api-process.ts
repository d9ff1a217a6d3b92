// Runs the API (api-server.ts) as a child process on the bench Neo4j and measures it
// from outside: readiness, peak resident memory (VmHWM in /proc/PID/status), stop.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { REPO_ROOT, boltUri } from '@smart/neo4j-tools';
import { benchInstance } from './neo4j';

const SERVER = fileURLToPath(new URL('./api-server.ts', import.meta.url));

export interface ApiProcess {
  pid: number;
  url: string;
  /** Peak resident set size so far, in MB (VmHWM). */
  peakRssMb(): number | null;
  /** Current resident set size, in MB (VmRSS). */
  rssMb(): number | null;
  stop(): Promise<void>;
}

/** A field of /proc/PID/status in MB (Linux only; null elsewhere or once the process is gone). */
export function procStatusMb(pid: number, field: 'VmHWM' | 'VmRSS'): number | null {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** CPU time (user + system) a process has used so far, in ms, from /proc/PID/stat; null when unreadable. */
export function procCpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after "(comm) ": state is field 3, utime field 14, stime field 15 (in clock ticks of 1/100 s).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

export async function startApi(opts: {
  port: number;
  secret: string;
  env?: NodeJS.ProcessEnv;
}): Promise<ApiProcess> {
  const i = benchInstance();
  // BENCH_API_CPU_PROF=DIR writes a V8 CPU profile of the API process there (open it in Chrome's DevTools).
  const profile = process.env.BENCH_API_CPU_PROF
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_API_CPU_PROF}`]
    : [];
  const child: ChildProcess = spawn(process.execPath, [...profile, '--import', 'tsx', SERVER], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      NEO4J_URI: boltUri(i),
      NEO4J_USER: 'neo4j',
      NEO4J_PASSWORD: i.password,
      PORT: String(opts.port),
      SMART_SECRET: opts.secret,
      LOG_LEVEL: 'warn',
      // The bench times analyses up to size L, where a supplier ranking costs far more
      // than the default per-request budget (SECURITY.md, analysis cost).
      SMART_MAX_ANALYSIS_COST: '1000000',
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-8000);
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the API did not start in 120 s:\n${stderr}`)), 120_000);
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('listening')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the API exited with code ${code} before listening:\n${stderr}`));
    });
  });
  const pid = child.pid!;
  return {
    pid,
    url: `http://127.0.0.1:${opts.port}`,
    peakRssMb: () => procStatusMb(pid, 'VmHWM'),
    rssMb: () => procStatusMb(pid, 'VmRSS'),
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/**
 * Polls the API's /readyz until its analysis tier holds a projection; returns how long
 * the API says the load took (its own `firstLoadMs`). `onWait` gets the time waited so far.
 */
export async function analysisReady(url: string, onWait: (ms: number) => void, timeoutMs = 30 * 60_000) {
  const t0 = performance.now();
  for (;;) {
    const res = await fetch(`${url}/readyz`);
    const body = (await res.json()) as { analysis?: { state: string; firstLoadMs: number | null } };
    if (body.analysis?.state === 'ready') return body.analysis.firstLoadMs ?? performance.now() - t0;
    if (body.analysis === undefined) throw new Error(`${url}/readyz does not report the analysis tier`);
    if (performance.now() - t0 > timeoutMs)
      throw new Error(`the API's projection was not loaded after ${Math.round(timeoutMs / 1000)} s`);
    onWait(performance.now() - t0);
    await new Promise((r) => setTimeout(r, 250));
  }
}
