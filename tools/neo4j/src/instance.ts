// A local Neo4j 5.26 Community server run from Maven Central jars (no Docker, no
// tarball): resolve the pinned artifacts with mvn, write a configuration, start
// CommunityEntryPoint in the background, wait for Bolt, stop it cleanly.
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { type AddressInfo, connect, createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import neo4j from 'neo4j-driver';

const run = promisify(execFile);
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const POM = join(REPO_ROOT, 'tools/neo4j/pom.xml');
export const NEO4J_VERSION = /<neo4j\.version>([^<]+)</.exec(readFileSync(POM, 'utf8'))![1]!;
export const DEFAULT_PASSWORD = 'smart-graph-local';

export interface Instance {
  name: string;
  boltPort: number;
  heap: string;
  pageCache: string;
  password: string;
  home: string;
  /** More neo4j.conf settings, for a private instance a test configures (e.g. a small transaction memory limit). */
  settings?: Record<string, string>;
  /** Extra JVM options for the server and for neo4j-admin on this instance (QUICK_START_JVM for the private test instances). */
  jvmOptions: string[];
}

/**
 * The JIT of the private test instances (the ones a test file starts and stops, and the
 * CLI's bulk load restarts): the client compiler only (tiered level 1). They live a minute
 * or two and hold small graphs, so the optimising compiler's background compilation costs
 * more CPU than it gives back: on the 2-core CI machine a start takes about half as long
 * and the first queries about a third (docs/testing.md). The shared `test` instance, which
 * serves the whole run, keeps the full JIT unless NEO4J_QUICK_JVM=1 (measurements of it
 * were inconclusive on a loaded machine); `dev` and `bench` always keep it.
 * NEO4J_QUICK_JVM=0 gives every instance the full JIT and the default shutdown.
 */
export const QUICK_START_JVM = ['-XX:TieredStopAtLevel=1'];

/**
 * neo4j.conf settings of the tests' instances: Bolt's shutdown without its two quiet
 * periods (Netty's 5 s, and 5 s for the Bolt thread pool), which a stop otherwise spends
 * idle after the databases have closed: a stop of a test instance takes about 1 s instead
 * of 10-12 s. The tests stop a Neo4j only after closing their drivers; the CLI's bulk load
 * closes its own before it stops the server. NEO4J_QUICK_JVM=0 turns it off.
 */
export const QUICK_STOP_SETTINGS: Record<string, string> = {
  'internal.dbms.bolt.netty_server_shutdown_quiet_period': '0',
  'internal.server.bolt.thread_pool_shutdown_wait_time': '0s',
};

/**
 * The developer's database (`npm run db:start`), the tests' own, and the benchmarks'
 * (`npm run bench`), each on its own port and folder so none touches another's data.
 * Any other name is a private instance (e.g. one a fault test stops and starts, so a
 * failed restart cannot break other tests): sized like the tests', in .neo4j/<name>,
 * on the port given (e.g. from freePort()).
 */
export function instance(
  name: 'dev' | 'test' | 'bench' | (string & {}),
  opts: { boltPort?: number; heap?: string; pageCache?: string; settings?: Record<string, string> } = {},
): Instance {
  if (!/^[a-z][a-z0-9-]*$/.test(name)) throw new Error(`instance name '${name}': use a-z, 0-9 and -`);
  const dev = name === 'dev';
  const bench = name === 'bench';
  const test = name === 'test';
  // The tests' instances stop quickly (QUICK_STOP_SETTINGS); the private ones also start
  // quickly (QUICK_START_JVM), the shared one only with NEO4J_QUICK_JVM=1.
  const quickSwitch = process.env.NEO4J_QUICK_JVM;
  const quick = !dev && !bench && quickSwitch !== '0';
  const quickJvm = quick && (!test || quickSwitch === '1');
  if (!dev && !bench && !test && opts.boltPort === undefined)
    throw new Error(`instance '${name}' needs a boltPort (e.g. from freePort())`);
  return {
    name,
    boltPort: Number(
      opts.boltPort ??
        (dev
          ? (process.env.NEO4J_BOLT_PORT ?? 7687)
          : bench
            ? (process.env.NEO4J_BENCH_BOLT_PORT ?? 7689)
            : (process.env.NEO4J_TEST_BOLT_PORT ?? 7688)),
    ),
    // Sized for a 2-core / 24 GB machine: room for the API, the web build and a test run beside it.
    // An import is one transaction, and Neo4j lets transactions use 70 % of the heap:
    // 4 GB takes a template of ~100k entities and ~500k dependencies (size M).
    heap: opts.heap ?? process.env.NEO4J_HEAP ?? (dev || bench ? '4g' : '1g'),
    pageCache: opts.pageCache ?? process.env.NEO4J_PAGECACHE ?? (dev || bench ? '2g' : '512m'),
    password: process.env.NEO4J_PASSWORD ?? DEFAULT_PASSWORD,
    home: join(REPO_ROOT, '.neo4j', name),
    ...(quick || opts.settings
      ? { settings: { ...(quick ? QUICK_STOP_SETTINGS : {}), ...opts.settings } }
      : {}),
    jvmOptions: quickJvm ? QUICK_START_JVM : [],
  };
}

/** A TCP port free on 127.0.0.1 right now (the OS picks it), for an instance of its own. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolvePort(port));
    });
  });
}

/** True when something accepts TCP connections on 127.0.0.1:`port`. */
export function portAnswers(port: number, timeoutMs = 2_000): Promise<boolean> {
  return new Promise((resolveAnswer) => {
    const socket = connect({ port, host: '127.0.0.1' });
    const done = (answers: boolean) => {
      socket.destroy();
      resolveAnswer(answers);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/**
 * Refuses when something answers on the instance's Bolt port although the instance
 * is not running (no live pid file of its own): another checkout's server, or one left
 * behind. Starting would otherwise report that server as this instance, and a bulk load
 * would replace the store under it (it keeps serving the files it holds open).
 */
export async function assertPortFree(i: Instance): Promise<void> {
  if (!(await portAnswers(i.boltPort))) return;
  throw new Error(
    `something already answers on port ${i.boltPort}, but Neo4j (${i.name}, ${i.home}) is not running from this folder: stop that server, or use it with NEO4J_URI, or give this instance another port (NEO4J_BOLT_PORT, NEO4J_TEST_BOLT_PORT, NEO4J_BENCH_BOLT_PORT)`,
  );
}

/** The Bolt port a running instance was configured with (its neo4j.conf), if any. */
export function configuredBoltPort(i: Instance): number | null {
  try {
    const conf = readFileSync(join(i.home, 'conf', 'neo4j.conf'), 'utf8');
    const m = /^server\.bolt\.listen_address=[^:\n]*:(\d+)$/m.exec(conf);
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

export const boltUri = (i: Instance) => `bolt://127.0.0.1:${i.boltPort}`;
const libDir = () => join(REPO_ROOT, '.neo4j', `lib-${NEO4J_VERSION}`);
const pidFile = (i: Instance) => join(i.home, 'run', 'neo4j.pid');

/** Resolves the server jars once into a git-ignored folder. */
export async function ensureInstalled(log: (msg: string) => void = console.log): Promise<string> {
  const lib = libDir();
  const marker = join(lib, '.complete');
  if (existsSync(marker)) return lib;
  await requireCommand('java', ['-version'], 'Java 17+ (e.g. apt-get install openjdk-17-jre-headless)');
  await requireCommand('mvn', ['-v'], 'Maven 3.8+ (e.g. apt-get install maven)');
  log(`Resolving Neo4j ${NEO4J_VERSION} Community from Maven Central…`);
  rmSync(lib, { recursive: true, force: true });
  await run('mvn', ['-q', '-B', '-f', POM, 'dependency:copy-dependencies', `-DoutputDirectory=${lib}`], {
    maxBuffer: 64 * 1024 * 1024,
  });
  const jars = readdirSync(lib).filter((f) => f.endsWith('.jar'));
  if (!jars.some((j) => j === `neo4j-${NEO4J_VERSION}.jar`)) {
    throw new Error(`Maven did not deliver neo4j-${NEO4J_VERSION}.jar into ${lib}`);
  }
  writeFileSync(marker, `${jars.length} jars\n`);
  log(`Neo4j ${NEO4J_VERSION}: ${jars.length} jars in ${lib}`);
  return lib;
}

async function requireCommand(cmd: string, args: string[], hint: string) {
  try {
    await run(cmd, args);
  } catch {
    throw new Error(
      `'${cmd}' is needed to run the local Neo4j: install ${hint}, or set NEO4J_URI to a running server.`,
    );
  }
}

/** Writes the instance's neo4j.conf (on every start) and creates its folders. */
export function writeConfig(i: Instance) {
  for (const d of ['conf', 'data', 'logs', 'run', 'import', 'plugins'])
    mkdirSync(join(i.home, d), { recursive: true });
  const conf = [
    '# Written by tools/neo4j on every start; edit tools/neo4j/src/instance.ts instead.',
    'server.default_listen_address=127.0.0.1',
    `server.bolt.listen_address=127.0.0.1:${i.boltPort}`,
    `server.bolt.advertised_address=127.0.0.1:${i.boltPort}`,
    'server.http.enabled=false',
    'server.https.enabled=false',
    `server.directories.data=${join(i.home, 'data')}`,
    `server.directories.logs=${join(i.home, 'logs')}`,
    `server.directories.run=${join(i.home, 'run')}`,
    `server.directories.import=${join(i.home, 'import')}`,
    `server.directories.plugins=${join(i.home, 'plugins')}`,
    `server.memory.heap.initial_size=${i.heap}`,
    `server.memory.heap.max_size=${i.heap}`,
    `server.memory.pagecache.size=${i.pageCache}`,
    'dbms.usage_report.enabled=false',
    // A runaway query must not hold the database: the API sets tighter per-query timeouts.
    'db.transaction.timeout=120s',
    'db.lock.acquisition.timeout=60s',
    ...Object.entries(i.settings ?? {}).map(([k, v]) => `${k}=${v}`),
    '',
  ].join('\n');
  writeFileSync(join(i.home, 'conf', 'neo4j.conf'), conf);
}

function readPid(i: Instance): number | null {
  try {
    const pid = Number(readFileSync(pidFile(i), 'utf8').trim());
    if (!pid) return null;
    process.kill(pid, 0);
    // Guard against a recycled pid: the process must be our server for this home.
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return cmdline.includes(i.home) ? pid : null;
  } catch {
    return null;
  }
}

export async function boltAnswers(uri: string, password: string, user = 'neo4j'): Promise<boolean> {
  const driver = neo4j.driver(uri, neo4j.auth.basic(user, password), { connectionTimeout: 2000 });
  try {
    await driver.verifyConnectivity();
    return true;
  } catch {
    return false;
  } finally {
    await driver.close();
  }
}

export interface StartResult {
  uri: string;
  started: boolean;
}

export async function start(i: Instance, log: (msg: string) => void = console.log): Promise<StartResult> {
  const uri = boltUri(i);
  if (readPid(i) !== null && (await waitForBolt(i, 120_000))) return { uri, started: false };
  await assertPortFree(i);
  const lib = await ensureInstalled(log);
  writeConfig(i);
  const env = { ...process.env, NEO4J_HOME: i.home, NEO4J_CONF: join(i.home, 'conf') };
  if (!existsSync(join(i.home, 'data', 'dbms', 'auth.ini'))) {
    // Only effective before the first start; afterwards the password lives in the system database.
    await run(
      'java',
      [
        ...i.jvmOptions,
        '-cp',
        `${lib}/*`,
        'org.neo4j.cli.AdminTool',
        'dbms',
        'set-initial-password',
        i.password,
      ],
      {
        env,
      },
    );
  }
  log(`Starting Neo4j ${NEO4J_VERSION} (${i.name}) on ${uri}…`);
  const out = openSync(join(i.home, 'logs', 'console.log'), 'a');
  const child = spawn(
    'java',
    [
      `-Xms${i.heap}`,
      `-Xmx${i.heap}`,
      '-XX:+UseG1GC',
      '-XX:+ExitOnOutOfMemoryError',
      '-XX:+UseStringDeduplication',
      ...i.jvmOptions,
      '--add-opens=java.base/java.nio=ALL-UNNAMED',
      '--add-opens=java.base/java.lang=ALL-UNNAMED',
      '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
      '-Dfile.encoding=UTF-8',
      `-Dsmartgraph.home=${i.home}`,
      '-cp',
      `${lib}/*`,
      'org.neo4j.server.CommunityEntryPoint',
      `--home-dir=${i.home}`,
      `--config-dir=${join(i.home, 'conf')}`,
    ],
    { env, detached: true, stdio: ['ignore', out, out] },
  );
  child.unref();
  writeFileSync(pidFile(i), String(child.pid));
  if (!(await waitForBolt(i, 180_000, () => readPid(i) !== null))) {
    throw new Error(`Neo4j did not answer on ${uri}; see ${join(i.home, 'logs')}`);
  }
  log(`Neo4j is up on ${uri}`);
  return { uri, started: true };
}

async function waitForBolt(
  i: Instance,
  timeoutMs: number,
  alive: () => boolean = () => true,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await boltAnswers(boltUri(i), i.password)) return true;
    if (!alive()) return false;
    await new Promise((r) => setTimeout(r, 500));
  }
  return false;
}

export async function stop(i: Instance, log: (msg: string) => void = console.log): Promise<boolean> {
  const pid = readPid(i);
  if (pid === null) {
    log(`Neo4j (${i.name}) is not running`);
    return false;
  }
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline && readPid(i) !== null) await new Promise((r) => setTimeout(r, 250));
  if (readPid(i) !== null) process.kill(pid, 'SIGKILL');
  rmSync(pidFile(i), { force: true });
  log(`Neo4j (${i.name}) stopped`);
  return true;
}

export interface Status {
  running: boolean;
  uri: string;
  version?: string;
  edition?: string;
  pid?: number | null;
}

export async function status(uri: string, user: string, password: string): Promise<Status> {
  const driver = neo4j.driver(uri, neo4j.auth.basic(user, password), { connectionTimeout: 3000 });
  try {
    const res = await driver.executeQuery(
      'CALL dbms.components() YIELD name, versions, edition RETURN versions[0] AS version, edition',
      {},
      { routing: 'READ' },
    );
    const r = res.records[0];
    return { running: true, uri, version: r?.get('version'), edition: r?.get('edition') };
  } catch {
    return { running: false, uri };
  } finally {
    await driver.close();
  }
}

export { readPid };
