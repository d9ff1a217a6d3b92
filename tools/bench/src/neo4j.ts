// The benchmarks' own Neo4j (instance 'bench': port 7689, folder .neo4j/bench), so a
// run never touches the developer's or the tests' data: start/stop, empty the
// database, and the offline `neo4j-admin database import full` of the import limit.
import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  type Instance,
  NEO4J_VERSION,
  boltUri,
  ensureInstalled,
  instance,
  readPid,
  start,
  status,
  stop,
} from '@smart/neo4j-tools';
import { Store } from '@smart/store';
import { adminArgs } from './admin-csv';

const run = promisify(execFile);

export const benchInstance = (): Instance => instance('bench');

export function benchStoreConfig(i: Instance = benchInstance()) {
  return {
    uri: boltUri(i),
    user: 'neo4j',
    password: i.password,
    database: undefined,
    queryTimeoutMs: 600_000,
  };
}

export function openBenchStore(i: Instance = benchInstance()): Store {
  return new Store(benchStoreConfig(i));
}

export async function startBench(log: (m: string) => void): Promise<void> {
  await start(benchInstance(), log);
}

export async function stopBench(log: (m: string) => void): Promise<void> {
  if (readPid(benchInstance()) !== null) await stop(benchInstance(), log);
}

/**
 * Empties the bench database the fastest way: stop the server, delete the `neo4j`
 * database's store and transaction logs, start again (Neo4j creates the default
 * database afresh). Only ever under .neo4j/bench.
 */
export async function emptyBenchDatabase(log: (m: string) => void): Promise<void> {
  const i = benchInstance();
  if (!i.home.endsWith(join('.neo4j', 'bench'))) throw new Error(`refusing to empty ${i.home}`);
  await stopBench(log);
  rmSync(join(i.home, 'data', 'databases', 'neo4j'), { recursive: true, force: true });
  rmSync(join(i.home, 'data', 'transactions', 'neo4j'), { recursive: true, force: true });
  await startBench(log);
}

export interface AdminImportResult {
  ms: number;
  output: string;
}

/**
 * `neo4j-admin database import full --overwrite-destination neo4j` of the CSV files
 * in `dir` (see admin-csv.ts), with the bench instance stopped; started again after.
 * Only the import command itself is timed (JVM start included, stop/start not).
 */
export async function adminImport(dir: string, log: (m: string) => void): Promise<AdminImportResult> {
  const i = benchInstance();
  const lib = await ensureInstalled(log);
  await stopBench(log);
  const env = { ...process.env, NEO4J_HOME: i.home, NEO4J_CONF: join(i.home, 'conf') };
  const args = [
    '-Xmx2g',
    '--add-opens=java.base/java.nio=ALL-UNNAMED',
    '--add-opens=java.base/java.lang=ALL-UNNAMED',
    '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
    '-cp',
    `${lib}/*`,
    'org.neo4j.cli.AdminTool',
    'database',
    'import',
    'full',
    '--overwrite-destination',
    // The database name before the file lists: --nodes/--relationships take several values.
    'neo4j',
    ...adminArgs(dir),
  ];
  const t0 = performance.now();
  let output: string;
  try {
    const r = await run('java', args, { env, maxBuffer: 64 * 1024 * 1024 });
    output = `${r.stdout}\n${r.stderr}`;
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; message: string };
    throw new Error(`neo4j-admin import failed: ${e.message}\n${e.stdout ?? ''}\n${e.stderr ?? ''}`);
  }
  const ms = performance.now() - t0;
  await startBench(log);
  return { ms, output };
}

/** The server's version and edition as it reports them. */
export async function neo4jVersion(i: Instance = benchInstance()): Promise<string> {
  const s = await status(boltUri(i), 'neo4j', i.password);
  return s.running ? `${s.version} ${s.edition}` : NEO4J_VERSION;
}
