// `smart import --bulk` (issue 11 item 3): a template of size S loaded with neo4j-admin into
// the restart tests' private Neo4j (the CLI stops and restarts it, so not the shared instance):
// the export equals the template row for row, the schema is in place, the users the
// database held are kept, the API answers impact on the loaded map, and the refusals (a
// server the CLI does not run, a database holding a map without --replace) change nothing;
// a load with --contributor is recorded as a submission asserting every row (issue 13); a
// row dropped by a warning after the read (a repeated link) is not loaded.
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Template } from '@smart/domain';
import { generateEcosystem } from '@smart/seed';
import {
  Store,
  createUser,
  dependencyKey,
  dependencyProvenance,
  entityProvenance,
  exportProvenance,
  exportTemplate,
  getUser,
  schemaReady,
} from '@smart/store';
import { writeTemplate } from '@smart/templates';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi } from '../../../test/support/api';
import {
  type OwnNeo4j,
  countNodesAndRelationships,
  restartableNeo4j,
  resetDatabase,
} from '../../../test/support/neo4j';
import { runCli, shown } from './spawn-cli';

const dir = mkdtempSync(join(tmpdir(), 'smart-import-bulk-'));
const S = 10_000;
const template = generateEcosystem({ entities: S, seed: 11 });
const smaller = generateEcosystem({ entities: 1_500, seed: 12 });
let db: OwnNeo4j;

beforeAll(async () => {
  db = await restartableNeo4j();
  await writeTemplate(template, join(dir, 's'), { format: 'csv' });
  // A workflow–function link listed twice: the load writes its files while it checks the
  // rows, and this repeat is dropped (with a warning) only after the read, so the file of
  // that table is written again; the export below still equals the template.
  const link = template.workflowFunctions[0]!;
  appendFileSync(join(dir, 's', 'workflow_functions.csv'), `${link.workflowId},${link.functionId}\n`);
  await writeTemplate(smaller, join(dir, 'smaller'), { format: 'csv' });
}, 600_000);
afterAll(async () => {
  await db?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The CLI's environment for the test's own instance, as the project's local Neo4j (NEO4J_URI unset). */
const local = () => ({
  NEO4J_URI: '',
  SMART_NEO4J_INSTANCE: db.instance.name,
  NEO4J_BOLT_PORT: String(db.instance.boltPort),
  NEO4J_PASSWORD: db.config.password,
  NEO4J_HEAP: db.instance.heap,
  NEO4J_PAGECACHE: db.instance.pageCache,
});

/** A store on the test's instance for one check (the CLI restarts the server under it). */
async function withStore<T>(run: (store: Store) => Promise<T>): Promise<T> {
  const store = new Store(db.config);
  try {
    return await run(store);
  } finally {
    await store.close();
  }
}

/** A row as text with its keys in order, so rows compare whatever order their fields came in. */
const canon = (row: unknown) =>
  JSON.stringify(
    Object.entries(row as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1)),
  );
const sorted = (t: Template) =>
  Object.fromEntries(Object.entries(t).map(([k, rows]: [string, unknown[]]) => [k, rows.map(canon).sort()]));
const rowsOf = (t: Template) => Object.values(t).reduce((n, rows: unknown[]) => n + rows.length, 0);

const IMPACT = `query Impact($input: ImpactInput!) {
  impact(input: $input) {
    graphVersion
    summary { failed }
    affected(first: 200, kinds: [SUPPLIER, SERVICE], states: [FAILED]) {
      totalCount edges { node { entity { id kind } state } }
    }
  }
}`;

// A bulk load of S restarts Neo4j twice and builds the API's projection: on a loaded 2-core
// machine that passes SPAWNS' 10 minutes.
describe('smart import --bulk', { timeout: 1_800_000 }, () => {
  it('is refused for a server the CLI does not run (NEO4J_URI set), naming the way out', async () => {
    const r = await runCli(['import', join(dir, 's'), '--bulk']);
    expect(r.code, shown(r)).toBe(1);
    expect(r.stderr).toContain('NEO4J_URI is set');
    expect(r.stderr).toContain('Import without --bulk');
  });

  it('refuses a bad submission naming its flag, before anything runs (issue 13)', async () => {
    // NEO4J_URI set: nothing would run anyway, and the flag is named first.
    const r = await runCli([
      'import',
      join(dir, 's'),
      '--bulk',
      '--contributor',
      'X',
      '--date',
      '2026-02-30',
    ]);
    expect(r.code, shown(r)).toBe(1);
    expect(r.stderr).toContain("error: --date: '2026-02-30' is not a date written YYYY-MM-DD");
    expect(r.stderr).not.toContain('NEO4J_URI is set');
  });

  it('loads S into an empty database: the export is the template, the schema and the users are there, the API answers impact', async () => {
    const before = await withStore(async (store) => {
      await resetDatabase(store);
      await createUser(store, { username: 'keeper', role: 'ADMIN', password: 'a-long-password-1' }, 'test');
      return store.graphVersion();
    });
    const r = await runCli(['import', join(dir, 's'), '--bulk'], { env: local() });
    expect(r.code, shown(r)).toBe(0);
    expect(r.stdout).toContain(`Imported ${rowsOf(template)} rows.`);
    expect(r.stdout).toContain('Loaded with neo4j-admin');
    expect(r.stderr).toContain('the repeat is ignored');

    await withStore(async (store) => {
      expect(sorted(await exportTemplate(store))).toEqual(sorted(template));
      expect(await schemaReady(store)).toBe(true);
      expect((await getUser(store, 'keeper'))?.role).toBe('ADMIN');
      const version = await store.graphVersion();
      expect(version).toBeGreaterThan(before);
      const [audit] = await store.read(async (tx) =>
        (
          await tx.run(
            'MATCH (e:AuditEvent) RETURN e.action AS action, e.target AS target ORDER BY e.at DESC LIMIT 1',
          )
        ).records.map((x) => x.toObject()),
      );
      expect(audit).toMatchObject({ action: 'import-bulk', target: join(dir, 's') });

      // The API on the loaded map: a supplier fails, and every service it provides fails with it.
      // The supplier with the fewest services (one or more), so they all fit the first page.
      const bySupplier = new Map<string, string[]>();
      for (const v of template.services)
        bySupplier.set(v.supplierId, [...(bySupplier.get(v.supplierId) ?? []), v.id]);
      const [supplierId, services] = [...bySupplier].sort((a, b) => a[1].length - b[1].length)[0]!;
      const supplier = { id: supplierId };
      const api = await startTestApi(store);
      try {
        const res = await api.gql<{
          impact: {
            graphVersion: string;
            summary: { failed: number };
            affected: { edges: { node: { entity: { id: string }; state: string } }[] };
          };
        }>(IMPACT, { input: { failed: [{ id: supplier.id }], durationHours: 48 } }, { role: 'VIEWER' });
        expect(res.errors).toBeUndefined();
        expect(res.data!.impact.graphVersion).toBe(String(version));
        const state = new Map(res.data!.impact.affected.edges.map((e) => [e.node.entity.id, e.node.state]));
        for (const id of [supplier.id, ...services]) expect(state.get(id), id).toBe('FAILED');
        expect(res.data!.impact.summary.failed).toBeGreaterThanOrEqual(1 + services.length);
      } finally {
        await api.close();
      }
    });
  });

  it('refuses a database that holds a map without --replace; --replace overwrites the map and keeps the users', async () => {
    const before = await withStore((store) => countNodesAndRelationships(store));
    const refused = await runCli(['import', join(dir, 'smaller'), '--bulk'], { env: local() });
    expect(refused.code, shown(refused)).toBe(1);
    expect(refused.stderr).toContain('the database already holds a map');
    expect(refused.stderr).toContain('Add --replace');
    expect(await withStore((store) => countNodesAndRelationships(store))).toEqual(before);

    // Recorded as a submission (issue 13 item 3), as a (non-bulk) import records one.
    const r = await runCli(
      ['import', join(dir, 'smaller'), '--bulk', '--replace', '--contributor', 'Riverside General'].concat([
        '--contact',
        'cio@riverside.example',
        '--date',
        '2026-01-10',
      ]),
      { env: local() },
    );
    expect(r.code, shown(r)).toBe(0);
    const id = /Recorded as submission (sub-2026-01-10-[0-9a-f]{8})\./.exec(r.stdout)?.[1];
    expect(id, shown(r)).toBeDefined();
    await withStore(async (store) => {
      expect(sorted(await exportTemplate(store))).toEqual(sorted(smaller));
      expect(await schemaReady(store)).toBe(true);
      expect((await getUser(store, 'keeper'))?.role).toBe('ADMIN');

      // One Submission node; every entity and every dependency of the file asserted by it
      // (its `submissions` list is [id], what an import's first assertion writes).
      const p = await exportProvenance(store);
      const submission = {
        id: id!,
        contributor: 'Riverside General',
        contact: 'cio@riverside.example',
        date: '2026-01-10',
        note: null,
        recordedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
        actor: expect.stringMatching(/^cli:/),
      };
      expect(p.submissions).toEqual([submission]);
      const entityIds = [
        ...smaller.organizations,
        ...smaller.suppliers,
        ...smaller.services,
        ...smaller.assets,
        ...smaller.workflows,
        ...smaller.criticalFunctions,
      ].map((e) => e.id);
      expect(p.entities.map((e) => e.id).sort()).toEqual([...entityIds].sort());
      expect(p.entities.every((e) => e.submissions.length === 1 && e.submissions[0] === id)).toBe(true);
      expect(p.dependencies.map((d) => dependencyKey(d.from, d.to)).sort()).toEqual(
        smaller.dependencies.map((d) => dependencyKey(d.from, d.to)).sort(),
      );
      expect(p.dependencies.every((d) => d.submissions.length === 1 && d.submissions[0] === id)).toBe(true);
      // Entity.provenance and Dependency.provenance read it as they read an import's.
      const asserted = [{ submission, assertedAt: '2026-01-10', confirmedAt: '2026-01-10' }];
      const [e0, d0] = [entityIds[0]!, smaller.dependencies[0]!];
      expect((await entityProvenance(store, [e0])).get(e0)).toEqual(asserted);
      expect((await dependencyProvenance(store, [d0])).get(dependencyKey(d0.from, d0.to))).toEqual(asserted);
    });
  });
});
