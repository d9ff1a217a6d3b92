// Micro-measurement (not part of `npm run bench`; issue 11 item 2): importTemplate of a
// generated size into the emptied bench Neo4j, with the CPU seconds of Neo4j's process and
// of this one (robust to a shared machine's load, unlike wall time), the time per Cypher
// statement (round trip as the driver sees it), and begin+commit of the write transactions.
// Run: npx tsx tools/bench/src/import-probe.ts [S|M] [--no-empty] [--drop-indexes]
//   --no-empty      import into the bench database as it is (default: emptied first)
//   --drop-indexes  without the full-text, name and dependency-group indexes (an experiment)
//   PROBE_JFR=FILE  a Java Flight Recorder profile of Neo4j during the import (jcmd)
//   SMART_IMPORT_BATCH_SIZE, SMART_IMPORT_SINGLE_TX_ROWS as for the product's import
import { generateEcosystem, SIZES, type SizeName } from '@smart/seed';
import { importTemplate, migrate, templateRowCount } from '@smart/store';
import type { ManagedTransaction } from 'neo4j-driver';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { benchInstance, emptyBenchDatabase, openBenchStore, startBench } from './neo4j';

const benchPid = () => readFileSync(join(benchInstance().home, 'run', 'neo4j.pid'), 'utf8').trim();

/** CPU seconds the bench Neo4j has used so far (utime + stime of its process, Linux). */
const neo4jCpu = (): number => {
  const stat = readFileSync(`/proc/${benchPid()}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) / 100;
};

const size = (process.argv[2] ?? 'M') as SizeName;
const empty = !process.argv.includes('--no-empty');
const log = (m: string) => console.log(m);

const template = generateEcosystem({ entities: SIZES[size], seed: 1 });
const rows = templateRowCount(template);
if (empty) await emptyBenchDatabase(log);
else await startBench(log);
const store = openBenchStore();
await migrate(store);
if (process.argv.includes('--drop-indexes'))
  for (const n of ['smart_entity_search_v2', 'smart_entity_name', 'smart_dependency_group'])
    await store.runAutoCommit(`DROP INDEX ${n} IF EXISTS`);

const perQuery = new Map<string, { n: number; ms: number; rows: number }>();
const nameOf = (text: string) => {
  const m = /^\/\/ ?(.{0,60})/.exec(text);
  return (m ? m[1]! : text.slice(0, 60)).replace(/\s+/g, ' ');
};
const wrapTx = (tx: ManagedTransaction): ManagedTransaction =>
  new Proxy(tx, {
    get(target, prop) {
      if (prop !== 'run') return Reflect.get(target, prop);
      return async (text: string, params?: Record<string, unknown>) => {
        const t0 = performance.now();
        const r = await target.run(text, params);
        const k = nameOf(text);
        const e = perQuery.get(k) ?? { n: 0, ms: 0, rows: 0 };
        e.n++;
        e.ms += performance.now() - t0;
        const p = params?.rows ?? params?.ids;
        e.rows += Array.isArray(p) ? p.length : 0;
        perQuery.set(k, e);
        return r;
      };
    },
  });
const origWrite = store.write.bind(store);
const origRead = store.read.bind(store);
let txMs = 0;
let txInner = 0;
let txN = 0;
let attempts = 0;
store.write = (async (work, opts) => {
  const t0 = performance.now();
  let inner = 0;
  const r = await origWrite(async (tx) => {
    attempts++;
    const s = performance.now();
    try {
      return await work(wrapTx(tx));
    } finally {
      inner = performance.now() - s;
    }
  }, opts);
  txMs += performance.now() - t0;
  txInner += inner;
  txN++;
  return r;
}) as typeof store.write;
store.read = ((work, opts) => origRead((tx) => work(wrapTx(tx)), opts)) as typeof store.read;

const marks: [number, number][] = [];
const jfr = process.env.PROBE_JFR;
if (jfr) execFileSync('jcmd', [benchPid(), 'JFR.start', 'name=probe', 'settings=profile', `filename=${jfr}`]);
const c0 = process.cpuUsage();
const n0 = neo4jCpu();
const t0 = performance.now();
await importTemplate(store, template, {
  actor: 'probe',
  source: 'probe',
  onProgress: (done) => marks.push([done, performance.now() - t0]),
});
const ms = performance.now() - t0;
if (jfr) execFileSync('jcmd', [benchPid(), 'JFR.stop', 'name=probe']);
const cpu = process.cpuUsage(c0);
console.log(
  `node CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s, Neo4j CPU ${(neo4jCpu() - n0).toFixed(1)} s, load ${loadavg()[0]!.toFixed(1)}`,
);
const deps = template.dependencies.length;
const entEnd = marks.filter(([d]) => d <= rows - deps).at(-1)?.[1] ?? 0;
console.log(
  `size ${size}: ${rows} rows in ${(ms / 1000).toFixed(1)} s = ${Math.round(rows / (ms / 1000))} rows/s; ` +
    `entities+links ${(entEnd / 1000).toFixed(1)} s, dependencies ${(((marks.at(-1)?.[1] ?? 0) - entEnd) / 1000).toFixed(1)} s, ` +
    `tail ${((ms - (marks.at(-1)?.[1] ?? 0)) / 1000).toFixed(1)} s`,
);
console.log(
  `${txN} write transactions (${attempts - txN} retried): ${(txMs / 1000).toFixed(1)} s in all, ${(txInner / 1000).toFixed(1)} s in their work, ${((txMs - txInner) / 1000).toFixed(1)} s begin+commit`,
);
for (const [k, v] of [...perQuery].sort((a, b) => b[1].ms - a[1].ms))
  console.log(
    `${(v.ms / 1000).toFixed(2).padStart(7)} s ${String(v.n).padStart(5)}× ${String(v.rows).padStart(7)} rows  ${k}`,
  );
await store.close();
