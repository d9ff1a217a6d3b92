// The real `smart` command (import, export, seed, impact, paths) run as a child
// process against the test Neo4j: exit codes, --json shapes, invalid input writes
// nothing, export → import → export is byte-identical, seed is deterministic.
// Each spawn costs a tsx start-up, so independent runs go in parallel.
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Template } from '@smart/domain';
import { impact, paths } from '@smart/engine';
import { exportTemplate, loadProjection } from '@smart/store';
import { readTemplate, writeTemplate } from '@smart/templates';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handBuilt } from '../../../test/fixtures/hand-built';
import { countNodesAndRelationships, resetDatabase, testStore } from '../../../test/support/neo4j';
import { SPAWNS, runCli, shown } from './spawn-cli';

const store = testStore();
const dir = mkdtempSync(join(tmpdir(), 'smart-cli-data-'));
const handDir = join(dir, 'hand');

beforeAll(async () => {
  await resetDatabase(store);
  await writeTemplate(handBuilt(), handDir, { format: 'csv' });
}, 120_000);
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Every table's rows in a fixed order, so templates compare whatever order rows came in. */
function sorted(t: Template): Template {
  return Object.fromEntries(
    Object.entries(t).map(([table, rows]: [string, unknown[]]) => [
      table,
      [...rows].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1)),
    ]),
  ) as unknown as Template;
}

/** The files of a folder and their bytes. */
function filesOf(folder: string): Map<string, Buffer> {
  return new Map(readdirSync(folder).map((f) => [f, readFileSync(join(folder, f))]));
}

describe('smart: commands, flags and exit codes', SPAWNS, () => {
  it('refuses an unknown command or flag, and a bad --size, with exit 2 or 1 and a message', async () => {
    const noSeed = join(dir, 'no-seed');
    const [unknown, flag, none, size] = await Promise.all([
      runCli(['frobnicate']),
      runCli(['export', join(dir, 'x'), '--bogus']),
      runCli([]),
      runCli(['seed', '--size', '5', '--out', noSeed]),
    ]);
    expect(unknown.code, shown(unknown)).toBe(2);
    expect(unknown.stderr).toContain("unknown command 'frobnicate'");
    expect(unknown.stderr).toContain('usage: smart <command>');
    expect(flag.code, shown(flag)).toBe(1);
    expect(flag.stderr).toMatch(/^error: Unknown option '--bogus'/);
    expect(flag.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(existsSync(join(dir, 'x'))).toBe(false);
    expect(none.code, shown(none)).toBe(2);
    expect(none.stdout).toContain('usage: smart <command>');
    expect(size.code, shown(size)).toBe(1);
    expect(size.stderr).toContain('--size must be S, M, L or a number of entities from 100 to 5000000');
    expect(existsSync(noSeed)).toBe(false);
  });
});

describe('smart import', SPAWNS, () => {
  it('imports a valid template folder: exit 0 and the --json summary of what it wrote', async () => {
    const r = await runCli(['import', handDir, '--json']);
    expect(r.code, shown(r)).toBe(0);
    const t = handBuilt();
    // 2 organizations + 4 suppliers + 4 services + 4 workflows + 2 functions + 4 workflow-function links + 5 dependencies
    const rows = Object.values(t).reduce((n, table: unknown[]) => n + table.length, 0);
    expect(rows).toBe(25);
    const none = { created: 0, updated: 0, removed: 0 };
    expect(JSON.parse(r.stdout)).toEqual({
      ok: true,
      problems: [],
      problemCount: 0,
      summary: {
        rows,
        dryRun: false,
        // Every CLI import keeps an undo snapshot first (import --undo).
        snapshotId: expect.any(String),
        // Not recorded as a submission (no --contributor).
        submissionId: null,
        byKind: {
          ORGANIZATION: { ...none, created: 2 },
          SUPPLIER: { ...none, created: 4 },
          SERVICE: { ...none, created: 4 },
          ASSET: none,
          WORKFLOW: { ...none, created: 4 },
          CRITICAL_FUNCTION: { ...none, created: 2 },
          DEPENDENCY: { ...none, created: 5 },
        },
      },
    });
    expect(sorted(await exportTemplate(store))).toEqual(sorted((await readTemplate(handDir)).template));
  });

  it('writes nothing from an invalid template and says where each problem is (text and --json)', async () => {
    const bad = join(dir, 'bad');
    mkdirSync(bad);
    for (const f of readdirSync(handDir)) copyFileSync(join(handDir, f), join(bad, f));
    // a tolerance that is not a number, and a dependency on an entity that exists nowhere
    const workflows = readFileSync(join(bad, 'workflows.csv'), 'utf8').split('\n');
    const eligLine = workflows.findIndex((l) => l.startsWith('wf-elig,')) + 1;
    const header = workflows[0]!.split(',');
    const elig = workflows[eligLine - 1]!.split(',');
    elig[header.indexOf('tolerance_hours')] = 'soon';
    workflows[eligLine - 1] = elig.join(',');
    writeFileSync(join(bad, 'workflows.csv'), workflows.join('\n'));
    const deps = readFileSync(join(bad, 'dependencies.csv'), 'utf8').trimEnd().split('\n');
    deps.push('wf-er,svc-nowhere,,,,,');
    const nowhereLine = deps.length;
    writeFileSync(join(bad, 'dependencies.csv'), `${deps.join('\n')}\n`);

    const before = await countNodesAndRelationships(store);
    const beforeExport = sorted(await exportTemplate(store));
    const [text, json] = await Promise.all([runCli(['import', bad]), runCli(['import', bad, '--json'])]);

    expect(text.code, shown(text)).toBe(1);
    expect(text.stdout).toBe('');
    expect(text.stderr).toMatch(new RegExp(`^error: workflows\\.csv:${eligLine}: tolerance_hours: .+`, 'm'));
    expect(text.stderr).toMatch(
      new RegExp(`^error: dependencies\\.csv:${nowhereLine}: to_id: .*svc-nowhere`, 'm'),
    );
    expect(text.stderr).toContain('Nothing was imported: 2 problem(s) to fix first.');

    expect(json.code, shown(json)).toBe(1);
    const out = JSON.parse(json.stdout) as { ok: boolean; problems: unknown[]; summary?: unknown };
    expect(out.ok).toBe(false);
    expect(out.summary).toBeUndefined();
    expect(out.problems).toEqual([
      expect.objectContaining({
        file: 'workflows.csv',
        line: eligLine,
        column: 'tolerance_hours',
        severity: 'error',
      }),
      expect.objectContaining({
        file: 'dependencies.csv',
        line: nowhereLine,
        column: 'to_id',
        severity: 'error',
      }),
    ]);
    for (const p of out.problems)
      expect(Object.keys(p as object).sort()).toEqual(['column', 'file', 'line', 'message', 'severity']);

    expect(await countNodesAndRelationships(store)).toEqual(before);
    expect(sorted(await exportTemplate(store))).toEqual(beforeExport);
  });
});

describe('smart impact and paths on the hand-built ecosystem', SPAWNS, () => {
  it('--json gives the values worked out by hand, and the engine’s', async () => {
    // The database holds test/fixtures/hand-built.ts (imported above).
    const impactArgs = ['impact', '--failed', 'sup-ch1,svc-cloud', '--hours', '8', '--json'];
    const pathsArgs = ['paths', '--from', 'sup-ch1', '--to', 'workflow,critical_function', '--json'];
    const [imp, found, noFailed] = await Promise.all([
      runCli(impactArgs),
      runCli(pathsArgs),
      runCli(['impact', '--hours', '8']),
    ]);
    expect(imp.code, shown(imp)).toBe(0);
    const r = JSON.parse(imp.stdout);
    // Outage of sup-ch1 and svc-cloud for 8 h:
    // - F expands to sup-ch1's service svc-ch1: sup-ch1, svc-ch1, svc-cloud FAILED at 0.
    // - svc-pbm depends on svc-cloud alone: disrupted 0, tolerance 0 → FAILED at 0.
    // - wf-dispense on svc-pbm: disrupted 0, t = 0 + 2 h < 8 → FAILED at 2.
    // - wf-claims on svc-ch1: disrupted 0, t = 0 + 24 h ≥ 8 → DEGRADED (workaround holds).
    // - wf-elig has the alternatives {svc-ch1, svc-ch2}; svc-ch2 is up → unaffected. wf-er → unaffected.
    // cf-pay: wf-claims degraded: 1000·(1 − 0.25) / (1000 + 500) = 0.5
    // cf-care: wf-dispense failed: 300 / (300 + 100) = 0.75
    // organizations: org-hosp (wf-claims) and org-pharm (wf-dispense) = 2
    expect(r.summary).toEqual({
      failed: 5,
      degraded: 1,
      workflowsFailed: 1,
      workflowsDegraded: 1,
      organizationsAffected: 2,
      functions: expect.arrayContaining([
        { functionId: 'cf-pay', capacityLoss: 0.5, failedWorkflows: 0, degradedWorkflows: 1 },
        { functionId: 'cf-care', capacityLoss: 0.75, failedWorkflows: 1, degradedWorkflows: 0 },
      ]),
      // Where it hits: neither organization has a region; org-pharm (PHARMA_LABS_BLOOD) has
      // the failed wf-dispense (CLINICAL), org-hosp (DIRECT_PATIENT_CARE) the degraded
      // wf-claims (ADMINISTRATIVE); most failed first. No workflow of the fixture names a
      // volume unit, so no volume per day is counted as lost.
      byRegion: [
        { region: null, organizationsAffected: 2, workflowsFailed: 1, workflowsDegraded: 1, volumesLost: [] },
      ],
      bySubsector: [
        {
          subsector: 'PHARMA_LABS_BLOOD',
          organizationsAffected: 1,
          workflowsFailed: 1,
          workflowsDegraded: 0,
        },
        {
          subsector: 'DIRECT_PATIENT_CARE',
          organizationsAffected: 1,
          workflowsFailed: 0,
          workflowsDegraded: 1,
        },
      ],
      byWorkflowCategory: [
        { category: 'CLINICAL', workflowsFailed: 1, workflowsDegraded: 0 },
        { category: 'ADMINISTRATIVE', workflowsFailed: 0, workflowsDegraded: 1 },
      ],
    });
    expect(r.summary.functions).toHaveLength(2);
    const byId = Object.fromEntries(
      (r.affected as { id: string }[]).map(({ id, ...rest }) => [id, rest]),
    ) as Record<
      string,
      { state: string; disruptedAtHours: number; failedAtHours: number | null; because: string[] }
    >;
    expect(Object.keys(byId).sort()).toEqual([
      'sup-ch1',
      'svc-ch1',
      'svc-cloud',
      'svc-pbm',
      'wf-claims',
      'wf-dispense',
    ]);
    expect(byId['wf-dispense']).toMatchObject({
      state: 'FAILED',
      disruptedAtHours: 0,
      failedAtHours: 2,
      because: ['wf-dispense', 'svc-pbm', 'svc-cloud'],
    });
    expect(byId['wf-claims']).toMatchObject({
      state: 'DEGRADED',
      disruptedAtHours: 0,
      failedAtHours: null,
      because: ['wf-claims', 'svc-ch1', 'sup-ch1'],
    });
    expect(byId['svc-ch1']).toMatchObject({
      state: 'FAILED',
      failedAtHours: 0,
      because: ['svc-ch1', 'sup-ch1'],
    });

    // and exactly what the engine says on the same projection
    const { graph, version } = await loadProjection(store);
    expect(r).toEqual(
      JSON.parse(
        JSON.stringify({
          graphVersion: String(version),
          ...impact(graph, {
            failed: [{ id: 'sup-ch1' }, { id: 'svc-cloud' }],
            durationHours: 8,
            model: 'DISCRETE',
          }),
        }),
      ),
    );

    expect(found.code, shown(found)).toBe(0);
    // sup-ch1 → its service svc-ch1 → the workflows on it (wf-claims, wf-elig) → the function they support (cf-pay);
    // shortest first, then by the ids along the path
    const foundJson = JSON.parse(found.stdout);
    expect(foundJson).toEqual({
      paths: [
        { nodes: ['sup-ch1', 'svc-ch1', 'wf-claims'], length: 2 },
        { nodes: ['sup-ch1', 'svc-ch1', 'wf-elig'], length: 2 },
        { nodes: ['sup-ch1', 'svc-ch1', 'wf-claims', 'cf-pay'], length: 3 },
        { nodes: ['sup-ch1', 'svc-ch1', 'wf-elig', 'cf-pay'], length: 3 },
      ],
      truncated: false,
    });
    expect(foundJson.paths).toEqual(paths(graph, 'sup-ch1', { toKinds: ['WORKFLOW', 'CRITICAL_FUNCTION'] }));

    expect(noFailed.code, shown(noFailed)).toBe(1);
    expect(noFailed.stderr).toContain('impact needs --failed');
  });
});

describe('smart seed, and export → import → export', SPAWNS, () => {
  const d1 = join(dir, 'seed-7a');
  const d2 = join(dir, 'seed-7b');
  const d3 = join(dir, 'seed-8');

  it('seed --out writes the same files for the same seed, other files for another', async () => {
    const runs = await Promise.all([
      runCli(['seed', '--size', '150', '--seed', '7', '--out', d1]),
      runCli(['seed', '--size', '150', '--seed', '7', '--out', d2]),
      runCli(['seed', '--size', '150', '--seed', '8', '--out', d3]),
    ]);
    for (const r of runs) expect(r.code, shown(r)).toBe(0);
    const a = filesOf(d1);
    expect([...a.keys()].sort()).toEqual([...filesOf(d2).keys()].sort());
    expect(a.size).toBe(8);
    for (const [f, bytes] of filesOf(d2)) expect(bytes.equals(a.get(f)!), f).toBe(true);
    expect(readFileSync(join(d3, 'dependencies.csv')).equals(a.get('dependencies.csv')!)).toBe(false);
    const read = await readTemplate(d1);
    expect(read.problems.filter((p) => p.severity === 'error')).toEqual([]);
    // the summary line counts what is in the files
    const t = read.template;
    const rows = Object.values(t).reduce((n, table: unknown[]) => n + table.length, 0);
    const entities =
      t.organizations.length +
      t.suppliers.length +
      t.services.length +
      t.assets.length +
      t.workflows.length +
      t.criticalFunctions.length;
    expect(runs[0]!.stdout).toMatch(
      new RegExp(
        `^Wrote ${rows} rows \\(${entities} entities, ${t.dependencies.length} dependencies\\) to ${d1} in `,
      ),
    );
  });

  it('seed into Neo4j writes what seed --out wrote, and prints the summary', async () => {
    await resetDatabase(store);
    const r = await runCli(['seed', '--size', '150', '--seed', '7']);
    expect(r.code, shown(r)).toBe(0);
    const files = (await readTemplate(d1)).template;
    const rows = Object.values(files).reduce((n, table: unknown[]) => n + table.length, 0);
    expect(r.stdout).toContain(`Imported ${rows} rows.`);
    expect(r.stdout).toMatch(new RegExp(`^SUPPLIER\\s+${files.suppliers.length}\\s+0\\s+0$`, 'm'));
    expect(sorted(await exportTemplate(store))).toEqual(sorted(files));
  });

  it('export → import → export gives byte-identical CSV; the .xlsx holds the same template', async () => {
    const a = join(dir, 'export-a');
    const b = join(dir, 'export-b');
    const xlsx = join(dir, 'export.xlsx');
    const [csv, book, pdf] = await Promise.all([
      runCli(['export', a]),
      runCli(['export', xlsx]),
      runCli(['export', join(dir, 'export.pdf'), '--format', 'pdf']),
    ]);
    expect(csv.code, shown(csv)).toBe(0);
    expect(csv.stdout).toMatch(/^Exported \d+ rows to .*export-a \(csv\)\./);
    expect(book.code, shown(book)).toBe(0);
    expect(readFileSync(xlsx).subarray(0, 2).toString()).toBe('PK'); // a workbook is a zip
    expect(pdf.code, shown(pdf)).toBe(1);
    expect(pdf.stderr).toContain("--format must be csv or xlsx, not 'pdf'");
    expect(existsSync(join(dir, 'export.pdf'))).toBe(false);

    await resetDatabase(store);
    const back = await runCli(['import', a]);
    expect(back.code, shown(back)).toBe(0);
    const exported = (await readTemplate(a)).template;
    const rows = Object.values(exported).reduce((n, table: unknown[]) => n + table.length, 0);
    expect(back.stdout).toContain(`Imported ${rows} rows.`);
    expect(back.stdout).toMatch(new RegExp(`^DEPENDENCY\\s+${exported.dependencies.length}\\s+0\\s+0$`, 'm'));
    const again = await runCli(['export', b]);
    expect(again.code, shown(again)).toBe(0);
    const first = filesOf(a);
    const second = filesOf(b);
    expect([...second.keys()].sort()).toEqual([...first.keys()].sort());
    for (const [f, bytes] of first) expect(second.get(f)!.toString('utf8'), f).toBe(bytes.toString('utf8'));
    for (const [f, bytes] of first) expect(second.get(f)!.equals(bytes), f).toBe(true);

    const fromCsv = await readTemplate(a);
    const fromXlsx = await readTemplate(xlsx);
    expect(fromXlsx.problems).toEqual([]);
    expect(fromXlsx.template).toEqual(fromCsv.template);
  });
});
