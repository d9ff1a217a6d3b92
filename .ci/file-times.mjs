#!/usr/bin/env node
// The slowest test files of a run, from the file-times report `npm test` writes
// (test/support/file-times-reporter.ts); with a second report, the two runs side by
// side, file by file (issue 17).
//
//   node .ci/file-times.mjs [report] [count]        the slowest files of one run
//   node .ci/file-times.mjs old-report new-report   every file of two runs, largest change first
import { existsSync, readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const reports = args.filter((a) => !/^\d+$/.test(a));
const count = Number(args.find((a) => /^\d+$/.test(a)) ?? 15);
if (reports.length === 0) reports.push('test-results/file-times.json');

const read = (path) => JSON.parse(readFileSync(path, 'utf8'));
const s = (ms) => (ms / 1000).toFixed(1).padStart(7);
const sums = (report) => {
  const byProject = new Map();
  for (const f of report.files) byProject.set(f.project, (byProject.get(f.project) ?? 0) + f.totalMs);
  return [...byProject].map(([p, ms]) => `${p} ${(ms / 1000).toFixed(0)} s`).join(', ');
};

if (!existsSync(reports[0])) {
  console.log(`No file times: ${reports[0]} was not written (the run stopped before the tests ended).`);
  process.exit(0);
}

if (reports.length === 1) {
  const report = read(reports[0]);
  console.log(
    `\nSlowest ${count} test files (seconds; wall ${(report.wallMs / 1000).toFixed(0)} s; files summed: ${sums(report)}):`,
  );
  console.log(`${'total'.padStart(7)} ${'import'.padStart(7)} ${'hooks'.padStart(7)}  file`);
  for (const f of report.files.slice(0, count)) {
    const fail = f.state === 'passed' ? '' : `  [${f.state}]`;
    console.log(`${s(f.totalMs)} ${s(f.collectMs)} ${s(f.runMs - f.testsMs)}  ${f.file}${fail}`);
  }
} else {
  const [a, b] = reports.map(read);
  const old = new Map(a.files.map((f) => [f.file, f.totalMs]));
  const now = new Map(b.files.map((f) => [f.file, f.totalMs]));
  const names = [...new Set([...old.keys(), ...now.keys()])];
  // Files of both runs first, largest change first; then the files of one run only.
  const rows = names.map((n) => ({ n, a: old.get(n), b: now.get(n) }));
  const both = (r) => r.a !== undefined && r.b !== undefined;
  rows.sort(
    (x, y) =>
      Number(both(y)) - Number(both(x)) ||
      Math.abs((y.b ?? 0) - (y.a ?? 0)) - Math.abs((x.b ?? 0) - (x.a ?? 0)),
  );
  console.log(`${reports[0]}: wall ${s(a.wallMs)} s; ${sums(a)}`);
  console.log(`${reports[1]}: wall ${s(b.wallMs)} s; ${sums(b)}`);
  console.log(`${'before'.padStart(7)} ${'after'.padStart(7)} ${'change'.padStart(7)}  file`);
  const opt = (ms) => (ms === undefined ? '      -' : s(ms));
  for (const r of rows.slice(0, count))
    console.log(`${opt(r.a)} ${opt(r.b)} ${opt((r.b ?? 0) - (r.a ?? 0))}  ${r.n}`);
}
