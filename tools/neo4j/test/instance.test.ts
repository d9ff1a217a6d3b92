// Which instance runs where, and the configuration written for it, without starting
// a server: the developer's, the tests' and the benchmarks' databases never share a
// port or a folder, and the environment moves them.
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type AddressInfo, createServer } from 'node:net';
import {
  DEFAULT_PASSWORD,
  QUICK_START_JVM,
  QUICK_STOP_SETTINGS,
  REPO_ROOT,
  boltUri,
  configuredBoltPort,
  freePort,
  instance,
  portAnswers,
  start,
  writeConfig,
} from '../src/instance';
import { adminImportFull } from '../src/admin-import';

const PORT_VARS = ['NEO4J_BOLT_PORT', 'NEO4J_TEST_BOLT_PORT', 'NEO4J_BENCH_BOLT_PORT'];

afterEach(() => {
  vi.unstubAllEnvs();
});

function clearEnv() {
  for (const v of [...PORT_VARS, 'NEO4J_HEAP', 'NEO4J_PAGECACHE', 'NEO4J_PASSWORD', 'NEO4J_QUICK_JVM'])
    vi.stubEnv(v, undefined);
}

describe('instance', () => {
  it('gives dev, test and bench their own default port and folder', () => {
    clearEnv();
    const all = (['dev', 'test', 'bench'] as const).map((n) => instance(n));
    expect(all.map((i) => i.boltPort)).toEqual([7687, 7688, 7689]);
    expect(all.map((i) => i.home)).toEqual(['dev', 'test', 'bench'].map((n) => join(REPO_ROOT, '.neo4j', n)));
    expect(all.map((i) => i.password)).toEqual([DEFAULT_PASSWORD, DEFAULT_PASSWORD, DEFAULT_PASSWORD]);
    // the tests' database is small beside the developer's and the benchmarks'
    expect(all.map((i) => [i.heap, i.pageCache])).toEqual([
      ['4g', '2g'],
      ['1g', '512m'],
      ['4g', '2g'],
    ]);
    expect(boltUri(all[1]!)).toBe('bolt://127.0.0.1:7688');
  });

  it('starts the private test instances’ JVMs with the client compiler only; the shared test instance only with NEO4J_QUICK_JVM=1; the developer’s and the benchmarks’ never', () => {
    clearEnv();
    expect(QUICK_START_JVM).toEqual(['-XX:TieredStopAtLevel=1']);
    expect(instance('faults', { boltPort: 17799 }).jvmOptions).toEqual(QUICK_START_JVM);
    expect(instance('test').jvmOptions).toEqual([]);
    expect(instance('dev').jvmOptions).toEqual([]);
    expect(instance('bench').jvmOptions).toEqual([]);
    vi.stubEnv('NEO4J_QUICK_JVM', '1');
    expect(instance('test').jvmOptions).toEqual(QUICK_START_JVM);
    expect(instance('faults', { boltPort: 17799 }).jvmOptions).toEqual(QUICK_START_JVM);
    expect(instance('dev').jvmOptions).toEqual([]);
    expect(instance('bench').jvmOptions).toEqual([]);
    vi.stubEnv('NEO4J_QUICK_JVM', '0');
    expect(instance('test').jvmOptions).toEqual([]);
    expect(instance('faults', { boltPort: 17799 }).jvmOptions).toEqual([]);
  });

  it('writes the quick Bolt shutdown into the tests’ configurations (beside a private instance’s own settings), not the developer’s or the benchmarks’', () => {
    clearEnv();
    const home = mkdtempSync(join(tmpdir(), 'smart-neo4j-conf-'));
    const conf = (i: ReturnType<typeof instance>) => {
      writeConfig({ ...i, home });
      return readFileSync(join(home, 'conf', 'neo4j.conf'), 'utf8');
    };
    try {
      expect(Object.keys(QUICK_STOP_SETTINGS).length).toBeGreaterThan(0);
      const own = conf(
        instance('tx-memory', { boltPort: 17802, settings: { 'db.memory.transaction.max': '8m' } }),
      );
      expect(own).toContain('db.memory.transaction.max=8m\n');
      for (const text of [conf(instance('test')), own])
        for (const [k, v] of Object.entries(QUICK_STOP_SETTINGS)) expect(text).toContain(`\n${k}=${v}\n`);
      for (const text of [conf(instance('dev')), conf(instance('bench'))])
        for (const k of Object.keys(QUICK_STOP_SETTINGS)) expect(text).not.toContain(k);
      vi.stubEnv('NEO4J_QUICK_JVM', '0');
      for (const k of Object.keys(QUICK_STOP_SETTINGS)) expect(conf(instance('test'))).not.toContain(k);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });

  it('takes each port from its own variable, and memory and password from the environment', () => {
    clearEnv();
    vi.stubEnv('NEO4J_BOLT_PORT', '17687');
    vi.stubEnv('NEO4J_TEST_BOLT_PORT', '17708');
    vi.stubEnv('NEO4J_BENCH_BOLT_PORT', '17689');
    vi.stubEnv('NEO4J_HEAP', '2g');
    vi.stubEnv('NEO4J_PAGECACHE', '1g');
    vi.stubEnv('NEO4J_PASSWORD', 'another-password');
    expect(instance('dev')).toMatchObject({ boltPort: 17687, heap: '2g', pageCache: '1g' });
    expect(instance('test')).toMatchObject({ boltPort: 17708, password: 'another-password' });
    expect(instance('bench').boltPort).toBe(17689);
    expect(boltUri(instance('test'))).toBe('bolt://127.0.0.1:17708');
  });

  it('moving the tests’ port leaves the developer’s database where it was', () => {
    clearEnv();
    vi.stubEnv('NEO4J_TEST_BOLT_PORT', '7708');
    expect(instance('test').boltPort).toBe(7708);
    expect(instance('dev').boltPort).toBe(7687);
    expect(instance('bench').boltPort).toBe(7689);
  });
});

describe('a private instance', () => {
  it('has its own folder and the port given, sized like the tests’, and refuses to guess a port', () => {
    clearEnv();
    const i = instance('faults', { boltPort: 17799 });
    expect(i).toMatchObject({ name: 'faults', boltPort: 17799, heap: '1g', pageCache: '512m' });
    expect(i.home).toBe(join(REPO_ROOT, '.neo4j', 'faults'));
    expect(instance('faults', { boltPort: 17799, heap: '512m' }).heap).toBe('512m');
    expect(() => instance('faults')).toThrow(/needs a boltPort/);
    expect(() => instance('../escape', { boltPort: 1 })).toThrow(/use a-z/);
  });

  it('freePort gives a port nothing listens on, which can then be bound', async () => {
    const port = await freePort();
    expect(port).toBeGreaterThan(0);
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.on('error', reject);
      server.listen(port, '127.0.0.1', resolve);
    });
    await new Promise((resolve) => server.close(resolve));
  });

  it('refuses to start, or to bulk-load, when a server not its own answers on its port', async () => {
    // as a server left running by another checkout: it listens, and no pid file of this folder names it
    const stray = createServer();
    await new Promise<void>((resolve, reject) => {
      stray.on('error', reject);
      stray.listen(0, '127.0.0.1', resolve);
    });
    const port = (stray.address() as AddressInfo).port;
    const home = mkdtempSync(join(tmpdir(), 'smart-neo4j-stray-'));
    try {
      const i = { ...instance('stray', { boltPort: port }), home };
      expect(await portAnswers(port)).toBe(true);
      const refusal = new RegExp(
        `something already answers on port ${port}, but Neo4j \\(stray, .*\\) is not running from this folder`,
      );
      await expect(start(i, () => {})).rejects.toThrow(refusal);
      await expect(adminImportFull(i, ['--nodes=x.csv'], () => {})).rejects.toThrow(refusal);
      // nothing was written for it: no configuration, no database moved aside
      expect(readdirSync(home)).toEqual([]);
    } finally {
      await new Promise((resolve) => stray.close(resolve));
      rmSync(home, { recursive: true, force: true });
    }
    expect(await portAnswers(port)).toBe(false);
  });

  it('configuredBoltPort reads back the port its configuration was written with', () => {
    const home = mkdtempSync(join(tmpdir(), 'smart-neo4j-conf-'));
    try {
      const i = { ...instance('faults', { boltPort: 17801 }), home };
      expect(configuredBoltPort(i)).toBeNull();
      writeConfig(i);
      expect(configuredBoltPort(i)).toBe(17801);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
});

describe('writeConfig', () => {
  it('binds Bolt to loopback on the instance port, turns HTTP off and keeps every folder in its home', () => {
    clearEnv();
    vi.stubEnv('NEO4J_TEST_BOLT_PORT', '17708');
    const home = mkdtempSync(join(tmpdir(), 'smart-neo4j-conf-'));
    try {
      const i = { ...instance('test'), home };
      writeConfig(i);
      for (const d of ['conf', 'data', 'logs', 'run', 'import', 'plugins'])
        expect(existsSync(join(home, d)), d).toBe(true);
      const lines = readFileSync(join(home, 'conf', 'neo4j.conf'), 'utf8').split('\n');
      const conf = new Map(
        lines.filter((l) => l && !l.startsWith('#')).map((l) => l.split('=', 2) as [string, string]),
      );
      expect(Object.fromEntries(conf)).toMatchObject({
        'server.default_listen_address': '127.0.0.1',
        'server.bolt.listen_address': '127.0.0.1:17708',
        'server.bolt.advertised_address': '127.0.0.1:17708',
        'server.http.enabled': 'false',
        'server.https.enabled': 'false',
        'server.memory.heap.initial_size': '1g',
        'server.memory.heap.max_size': '1g',
        'server.memory.pagecache.size': '512m',
        'dbms.usage_report.enabled': 'false',
      });
      for (const [key, value] of conf) {
        if (key.startsWith('server.directories.')) expect(value.startsWith(`${home}/`), key).toBe(true);
      }
      expect([...conf.keys()].filter((k) => k.startsWith('server.directories.')).sort()).toEqual([
        'server.directories.data',
        'server.directories.import',
        'server.directories.logs',
        'server.directories.plugins',
        'server.directories.run',
      ]);
      // every setting once: a repeated key would leave Neo4j to pick one
      const keys = lines.filter((l) => l && !l.startsWith('#')).map((l) => l.split('=')[0]);
      expect(new Set(keys).size).toBe(keys.length);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
});
