import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { KIND_LABEL, type Template, emptyTemplate } from '@smart/domain';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import {
  countNodesAndRelationships,
  resetDatabase,
  testStore,
  testStoreConfig,
} from '../../../test/support/neo4j';
import { until } from '../../../test/support/poll';
import { KindConflictError, cypher, cypherNames, exportTemplate, importTemplate } from '../src';

const store = testStore();
afterAll(() => store.close());
beforeEach(() => resetDatabase(store));

/** A small ecosystem with every table and every optional field used somewhere, in export's (id) order. */
function sample(): Template {
  const t = emptyTemplate();
  t.organizations.push(
    {
      id: 'org-a',
      name: 'Acme General',
      subsector: 'DIRECT_PATIENT_CARE',
      type: 'hospital',
      region: 'North',
      size: 'LARGE',
      beds: 420,
      notes: 'Level I trauma, "quoted", with, commas',
    },
    { id: 'org-b', name: 'Baypoint Plan', subsector: 'HEALTH_PLANS_PAYERS' },
  );
  t.suppliers.push(
    { id: 'sup-ch', name: 'ClearHouse', category: 'clearinghouse', country: 'US', securityRating: 71.5 },
    { id: 'sup-cloud', name: 'Nimbus Cloud', category: 'cloud' },
  );
  t.services.push(
    {
      id: 'svc-claims',
      name: 'Claims API',
      supplierId: 'sup-ch',
      type: 'SOFTWARE',
      category: 'claims',
      region: 'us-east',
    },
    { id: 'svc-region', name: 'Nimbus us-east', supplierId: 'sup-cloud', type: 'TECHNOLOGY' },
  );
  t.assets.push({ id: 'asset-ehr', name: 'EHR instance', organizationId: 'org-a', type: 'EHR' });
  t.workflows.push({
    id: 'wf-claims',
    name: 'Claims submission',
    organizationId: 'org-a',
    category: 'ADMINISTRATIVE',
    sectorWorkflow: 'Claims and payments',
    criticality: 2,
    toleranceHours: 72,
    workaroundCapacity: 0.25,
    volumePerDay: 1800,
    volumeUnit: 'claims',
  });
  t.criticalFunctions.push({
    id: 'cf-pay',
    name: 'Process claims and payments',
    description: 'Pay for care',
    ncf: 'Provide Insurance Services',
  });
  t.workflowFunctions.push({ workflowId: 'wf-claims', functionId: 'cf-pay' });
  t.dependencies.push(
    { from: 'svc-claims', to: 'svc-region', strength: 1, source: 'SBOM', confidence: 0.9 },
    { from: 'wf-claims', to: 'asset-ehr' },
    {
      from: 'wf-claims',
      to: 'svc-claims',
      group: 'clearinghouse',
      strength: 0.8,
      source: 'CONTRACT',
      notes: 'primary',
    },
  );
  return t;
}

/** Export holds no undefined-vs-missing distinction: compare as JSON. */
const norm = (t: Template) => JSON.parse(JSON.stringify(t));

describe('import', () => {
  it('writes every table and export gives the same template back', async () => {
    const summary = await importTemplate(store, sample(), { actor: 'test' });
    expect(summary.byKind.ORGANIZATION).toEqual({ created: 2, updated: 0, removed: 0 });
    expect(summary.byKind.DEPENDENCY).toEqual({ created: 3, updated: 0, removed: 0 });
    expect(norm(await exportTemplate(store))).toEqual(norm(sample()));
  });

  it('is idempotent: a second import changes nothing and reports no changes', async () => {
    await importTemplate(store, sample(), { actor: 'test' });
    const before = await countNodesAndRelationships(store);
    const again = await importTemplate(store, sample(), { actor: 'test' });
    for (const s of Object.values(again.byKind)) expect(s).toEqual({ created: 0, updated: 0, removed: 0 });
    const after = await countNodesAndRelationships(store);
    // Only the audit event of the second import is new.
    expect(after).toEqual({ nodes: before.nodes + 1, relationships: before.relationships });
  });

  it('updates changed rows, clears removed optional values, and moves a service to its new supplier', async () => {
    await importTemplate(store, sample(), { actor: 'test' });
    const t = sample();
    t.suppliers[0]!.securityRating = undefined;
    t.services[0]!.supplierId = 'sup-cloud';
    const s = await importTemplate(store, t, { actor: 'test' });
    expect(s.byKind.SUPPLIER.updated).toBe(1);
    const back = await exportTemplate(store);
    expect(back.suppliers.find((x) => x.id === 'sup-ch')!.securityRating).toBeUndefined();
    expect(back.services.find((x) => x.id === 'svc-claims')!.supplierId).toBe('sup-cloud');
  });

  it('--replace removes entities and dependencies the template no longer holds', async () => {
    await importTemplate(store, sample(), { actor: 'test' });
    const t = sample();
    t.assets = [];
    t.dependencies = t.dependencies.filter((d) => d.to !== 'asset-ehr' && d.from !== 'svc-claims');
    const s = await importTemplate(store, t, { actor: 'test', replace: true });
    expect(s.byKind.ASSET.removed).toBe(1);
    expect(s.byKind.DEPENDENCY.removed).toBe(1); // svc-claims → svc-region (the asset's edge went with the asset)
    expect(norm(await exportTemplate(store))).toEqual(norm(t));
  });

  it('a partial template adds new entities linked to existing ones, and re-importing it changes nothing', async () => {
    await importTemplate(store, sample(), { actor: 'test' });
    const t = emptyTemplate();
    t.services.push({ id: 'svc-new', name: 'New API', supplierId: 'sup-cloud', type: 'SOFTWARE' });
    t.dependencies.push(
      { from: 'svc-new', to: 'svc-region' }, // new → existing
      { from: 'wf-claims', to: 'svc-new', group: 'clearinghouse' }, // existing → new
    );
    const first = await importTemplate(store, t, { actor: 'test' });
    expect(first.byKind.SERVICE.created).toBe(1);
    expect(first.byKind.DEPENDENCY.created).toBe(2);
    const before = await countNodesAndRelationships(store);
    const again = await importTemplate(store, t, { actor: 'test' });
    expect(again.byKind.SERVICE).toEqual({ created: 0, updated: 0, removed: 0 });
    expect(again.byKind.DEPENDENCY).toEqual({ created: 0, updated: 0, removed: 0 });
    expect((await countNodesAndRelationships(store)).relationships).toBe(before.relationships);
    const back = await exportTemplate(store);
    expect(back.services.find((s) => s.id === 'svc-new')).toMatchObject({ supplierId: 'sup-cloud' });
    expect(back.dependencies.filter((d) => d.to === 'svc-new' || d.from === 'svc-new')).toHaveLength(2);
  });

  it('refuses an id that already belongs to another kind, writing nothing', async () => {
    await importTemplate(store, sample(), { actor: 'test' });
    const before = await countNodesAndRelationships(store);
    const t = emptyTemplate();
    t.suppliers.push({ id: 'org-a', name: 'Clash' });
    await expect(importTemplate(store, t, { actor: 'test' })).rejects.toBeInstanceOf(KindConflictError);
    expect(await countNodesAndRelationships(store)).toEqual(before);
  });

  it('writes an audit event in the same transaction', async () => {
    await importTemplate(store, sample(), { actor: 'alice', source: 'demo.xlsx' });
    const events = await store.read(async (tx) =>
      (
        await tx.run('MATCH (e:AuditEvent) RETURN e.actor AS actor, e.action AS action, e.target AS target')
      ).records.map((r) => r.toObject()),
    );
    expect(events).toEqual([{ actor: 'alice', action: 'import', target: 'demo.xlsx' }]);
  });

  it('leaves the graph unchanged when the importing process is killed mid-way', async () => {
    await importTemplate(store, sample(), { actor: 'test' });
    const before = await countNodesAndRelationships(store);
    const { uri, password } = testStoreConfig();
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        fileURLToPath(new URL('./fixtures/import-child.ts', import.meta.url)),
        uri,
        password,
        '40000',
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    const killedMidway = await new Promise<boolean>((resolve) => {
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        // Kill once a good part of the batches are written but before commit.
        const m = [...out.matchAll(/progress (\d+)/g)].pop();
        if (m && Number(m[1]) >= 20_000 && !out.includes('committed')) {
          child.kill('SIGKILL');
          resolve(true);
        }
      });
      child.on('exit', () => resolve(false));
    });
    expect(killedMidway).toBe(true);
    await new Promise((r) => child.once('exit', r).emit('noop'));
    // Neo4j rolls back the transaction when its connection drops.
    let after = await countNodesAndRelationships(store);
    await until('the killed import to be rolled back', async () => {
      after = await countNodesAndRelationships(store);
      return after.nodes === before.nodes;
    }).catch(() => {}); // (the assertion below says what is left)
    expect(after).toEqual(before);
  });
});

// The staged writer (above SMART_IMPORT_SINGLE_TX_ROWS; here every import is staged)
// creates the template's new entities, then relates them by the element ids it got back
// or read for existing ones (issue 11 item 2): the same map as the one-transaction path.
describe('import, staged', () => {
  const staged = { actor: 'test', singleTransactionRows: 0 };

  it('writes every table and export gives the same template back', async () => {
    const summary = await importTemplate(store, sample(), staged);
    expect(summary.byKind.SERVICE).toEqual({ created: 2, updated: 0, removed: 0 });
    expect(summary.byKind.DEPENDENCY).toEqual({ created: 3, updated: 0, removed: 0 });
    expect(norm(await exportTemplate(store))).toEqual(norm(sample()));
  });

  it('updates changed rows and moves a service and an asset to their new owners', async () => {
    await importTemplate(store, sample(), staged);
    const t = sample();
    t.suppliers[0]!.securityRating = undefined;
    t.services[0]!.supplierId = 'sup-cloud';
    t.assets[0]!.organizationId = 'org-b';
    const s = await importTemplate(store, t, staged);
    expect(s.byKind.SUPPLIER.updated).toBe(1);
    expect(norm(await exportTemplate(store))).toEqual(norm(t));
  });

  it('a partial template relates new entities to existing ones, both ways, and to an existing owner', async () => {
    await importTemplate(store, sample(), staged);
    const t = emptyTemplate();
    t.services.push({ id: 'svc-new', name: 'New API', supplierId: 'sup-cloud', type: 'SOFTWARE' });
    t.workflows.push({ id: 'wf-new', name: 'New flow', organizationId: 'org-b', category: 'CLINICAL' });
    t.workflowFunctions.push({ workflowId: 'wf-new', functionId: 'cf-pay' });
    t.dependencies.push(
      { from: 'svc-new', to: 'svc-region' }, // new → existing
      { from: 'wf-claims', to: 'svc-new', group: 'clearinghouse' }, // existing → new
      { from: 'wf-claims', to: 'svc-region', strength: 0.5 }, // existing → existing
    );
    const first = await importTemplate(store, t, staged);
    expect(first.byKind.SERVICE.created).toBe(1);
    expect(first.byKind.DEPENDENCY.created).toBe(3);
    const back = await exportTemplate(store);
    expect(back.services.find((x) => x.id === 'svc-new')).toMatchObject({ supplierId: 'sup-cloud' });
    expect(back.workflows.find((x) => x.id === 'wf-new')).toMatchObject({ organizationId: 'org-b' });
    expect(back.workflowFunctions).toContainEqual({ workflowId: 'wf-new', functionId: 'cf-pay' });
    expect(back.dependencies).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ from: 'svc-new', to: 'svc-region' }),
        expect.objectContaining({ from: 'wf-claims', to: 'svc-new', group: 'clearinghouse' }),
        expect.objectContaining({ from: 'wf-claims', to: 'svc-region', strength: 0.5 }),
      ]),
    );
    const again = await importTemplate(store, t, staged);
    for (const k of ['SERVICE', 'WORKFLOW', 'DEPENDENCY'] as const)
      expect(again.byKind[k]).toEqual({ created: 0, updated: 0, removed: 0 });
    expect(norm(await exportTemplate(store))).toEqual(norm(back));
  });
});

describe('write plans', () => {
  // An Eager operator makes Neo4j materialise every row of a batch before writing; the
  // create and update statements of an import (and a restore) are planned without one,
  // nor are the provenance writes (a submission's assertions, a provenance table's lists).
  const writes = cypherNames('queries/import/').filter((n) =>
    /\/(create-[a-z-]+|update-[a-z-]+|link-functions(-by-element)?|assert-[a-z]+|set-[a-z]+-provenance)$/.test(
      n,
    ),
  );

  it('no create or update statement of an import has an Eager operator in its plan', async () => {
    // create: six kinds, dependencies, ownership links (each of the last two also by element
    // id); update: six kinds, dependencies; SUPPORTS links (also by element id); provenance:
    // assert entities and dependencies, set their lists
    expect(writes.length).toBe(10 + 7 + 2 + 4);
    const operators = (plan: { operatorType: string; children?: unknown[] }): string[] => [
      plan.operatorType.replace(/@.*$/, ''),
      ...(plan.children ?? []).flatMap((c) => operators(c as typeof plan)),
    ];
    for (const name of writes) {
      const session = store.driver.session();
      try {
        const result = await session.run(`EXPLAIN ${cypher(name)}`, { rows: [], ids: [], submission: '' });
        const ops = operators(result.summary.plan as { operatorType: string });
        expect(ops, `${name}: ${ops.join(' ← ')}`).not.toContain('Eager');
        expect(ops.length, name).toBeGreaterThan(2);
      } finally {
        await session.close();
      }
    }
  });

  // The six label-only upserts are one statement whose label is a parameter (issue 15
  // item 5). A dynamic label in MERGE still finds the node by the unique index on
  // Entity(id), then checks the label (Filter): measured here, the plan of DESIGN §8.
  interface Plan {
    operatorType: string;
    arguments?: Record<string, unknown>;
    children?: Plan[];
    dbHits?: number;
    rows?: number;
  }
  const flat = (plan: Plan): Plan[] => [plan, ...(plan.children ?? []).flatMap(flat)];
  const named = (p: Plan) => `${p.operatorType.replace(/@.*$/, '')} ${String(p.arguments?.Details ?? '')}`;

  it('upsert-entities: a unique index seek on Entity(id) for every kind, never a scan', async () => {
    for (const label of Object.values(KIND_LABEL)) {
      const session = store.driver.session();
      try {
        const result = await session.run(`EXPLAIN ${cypher('queries/import/upsert-entities')}`, {
          rows: [],
          label,
        });
        const ops = flat(result.summary.plan as Plan).map(named);
        expect(
          ops.filter((o) => o.startsWith('NodeUniqueIndexSeek')),
          label,
        ).toEqual([
          expect.stringMatching(/^NodeUniqueIndexSeek\(Locking\) UNIQUE n:Entity\(id\) WHERE id = row\.id/),
        ]);
        expect(
          ops.filter((o) => /Scan/.test(o)),
          label,
        ).toEqual([]);
      } finally {
        await session.close();
      }
    }
  });

  // The staged import relates the entities it created or read by element id (issue 11
  // item 2): one NodeByElementIdSeek per end instead of the locking unique-index seek a
  // MATCH on id does in a write (15 % of Neo4j's CPU in a profile of the M import).
  it('the staged writes by element id seek no index', async () => {
    for (const name of [
      'queries/import/create-links-by-element',
      'queries/import/link-functions-by-element',
      'queries/import/create-dependencies-by-element',
    ]) {
      const session = store.driver.session();
      try {
        const result = await session.run(`EXPLAIN ${cypher(name)}`, { rows: [] });
        const ops = flat(result.summary.plan as Plan).map(named);
        expect(ops.filter((o) => o.startsWith('NodeByElementIdSeek')).length, name).toBe(2);
        expect(
          ops.filter((o) => /IndexSeek|Scan/.test(o)),
          name,
        ).toEqual([]);
      } finally {
        await session.close();
      }
    }
  });

  it('upsert-entities: profiled on a stored map, one row read per upserted row, the others untouched', async () => {
    const t = emptyTemplate();
    t.suppliers.push({ id: 's1', name: 'One' }, { id: 's2', name: 'Two' }, { id: 's3', name: 'Three' });
    t.organizations.push({ id: 'o1', name: 'Org', subsector: 'HEALTH_IT' });
    await importTemplate(store, t, { actor: 'test' });
    const session = store.driver.session();
    try {
      const result = await session.run(`PROFILE ${cypher('queries/import/upsert-entities')}`, {
        rows: [{ id: 's2', props: { id: 's2', name: 'Two renamed' } }],
        label: 'Supplier',
      });
      expect(result.records[0]!.toObject()).toEqual({ created: 0, updated: 1 });
      const seek = flat(result.summary.profile as Plan).find((p) =>
        p.operatorType.startsWith('NodeUniqueIndexSeek'),
      );
      expect(seek?.rows).toBe(1);
    } finally {
      await session.close();
    }
    const back = await exportTemplate(store);
    expect(back.suppliers.map((s) => s.name).sort()).toEqual(['One', 'Three', 'Two renamed']);
  });
});
