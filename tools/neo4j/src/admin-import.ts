// `neo4j-admin database import full` into an instance's `neo4j` database, with the
// instance stopped: the offline bulk load of `smart import --bulk` and the import
// benchmark's limit. The database's files are moved aside first and put back if the
// import fails, so a failed run leaves the database as it was.
import { execFile } from 'node:child_process';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type Instance, assertPortFree, ensureInstalled, readPid } from './instance';

const run = promisify(execFile);

export interface AdminImportResult {
  /** The import command's time, JVM start included. */
  ms: number;
  /** What neo4j-admin printed (its report ends with "IMPORT DONE in …"). */
  output: string;
}

/** The folders of the `neo4j` database: its store and its transaction logs. */
function databaseDirs(i: Instance): string[] {
  return [join(i.home, 'data', 'databases', 'neo4j'), join(i.home, 'data', 'transactions', 'neo4j')];
}
const ASIDE = '.before-admin-import';

/**
 * Runs `neo4j-admin database import full neo4j <fileArgs>` (`--nodes=…`,
 * `--relationships=…`) for the stopped instance `i`. Throws, with neo4j-admin's output,
 * when it fails; the database's previous files are back in place then.
 */
export async function adminImportFull(
  i: Instance,
  fileArgs: string[],
  log: (m: string) => void = console.log,
  opts: { heap?: string } = {},
): Promise<AdminImportResult> {
  if (readPid(i) !== null) throw new Error(`Neo4j (${i.name}) is running: stop it before neo4j-admin import`);
  await assertPortFree(i);
  const lib = await ensureInstalled(log);
  const dirs = databaseDirs(i);
  for (const d of dirs)
    if (existsSync(d + ASIDE))
      throw new Error(
        `${d + ASIDE} exists: an earlier bulk import was interrupted; move it back to ${d} (the database before that import) or delete it`,
      );
  for (const d of dirs) if (existsSync(d)) renameSync(d, d + ASIDE);
  const env = { ...process.env, NEO4J_HOME: i.home, NEO4J_CONF: join(i.home, 'conf') };
  const args = [
    `-Xmx${opts.heap ?? '2g'}`,
    ...i.jvmOptions,
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
    ...fileArgs,
  ];
  const t0 = performance.now();
  try {
    const r = await run('java', args, { env, maxBuffer: 64 * 1024 * 1024 });
    const ms = performance.now() - t0;
    for (const d of dirs) rmSync(d + ASIDE, { recursive: true, force: true });
    return { ms, output: `${r.stdout}\n${r.stderr}` };
  } catch (err) {
    for (const d of dirs) {
      rmSync(d, { recursive: true, force: true });
      if (existsSync(d + ASIDE)) renameSync(d + ASIDE, d);
    }
    const e = err as { stdout?: string; stderr?: string; message: string };
    throw new Error(`neo4j-admin import failed: ${e.message}\n${e.stdout ?? ''}\n${e.stderr ?? ''}`);
  }
}
