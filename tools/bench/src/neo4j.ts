// The benchmarks' own Neo4j (instance 'bench': port 7689, folder .neo4j/bench), so a
// run never touches the developer's or the tests' data: start/stop, empty the
// database, and the offline `neo4j-admin database import full` of the import limit.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  type AdminImportResult,
  type Instance,
  NEO4J_VERSION,
  adminImportFull,
  boltUri,
  instance,
  readPid,
  start,
  status,
  stop,
} from '@smart/neo4j-tools';
import { Store } from '@smart/store';
import { adminArgs } from '@smart/templates';

export type { AdminImportResult };

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

/**
 * `neo4j-admin database import full --overwrite-destination neo4j` of the CSV files
 * in `dir` (see @smart/templates admin-csv.ts), with the bench instance stopped; started
 * again after. Only the import command itself is timed (JVM start included, stop/start not).
 */
export async function adminImport(dir: string, log: (m: string) => void): Promise<AdminImportResult> {
  await stopBench(log);
  const result = await adminImportFull(benchInstance(), adminArgs(dir), log);
  await startBench(log);
  return result;
}

/** The server's version and edition as it reports them. */
export async function neo4jVersion(i: Instance = benchInstance()): Promise<string> {
  const s = await status(boltUri(i), 'neo4j', i.password);
  return s.running ? `${s.version} ${s.edition}` : NEO4J_VERSION;
}
