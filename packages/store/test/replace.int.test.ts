// Issue 12 items 1 and 6: a replace needs a complete template, its dry run reports the
// removals a real run makes, every replace keeps a snapshot that undo restores exactly,
// and references are checked inside the write transaction.
import { createHash } from 'node:crypto';
import { type Template, emptyTemplate } from '@smart/domain';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { handBuilt } from '../../../test/fixtures/hand-built';
import { countNodesAndRelationships, resetDatabase, testStore } from '../../../test/support/neo4j';
import {
  IncompleteTemplateError,
  StaleReferenceError,
  UndoError,
  deleteEntity,
  importTemplate,
  lastImport,
  undoLastImport,
} from '../src';

const store = testStore();
afterAll(() => store.close());
beforeEach(async () => {
  await resetDatabase(store);
  await importTemplate(store, handBuilt(), { actor: 'seed' });
});

/** A hash of the whole map: every entity (labels, properties) and relationship between entities. */
async function mapHash(): Promise<string> {
  const rows = await store.read(async (tx) => {
    const nodes = await tx.run(
      'MATCH (n:Entity) RETURN labels(n) AS labels, properties(n) AS props ORDER BY n.id',
    );
    const rels = await tx.run(
      'MATCH (a:Entity)-[r]->(b:Entity) RETURN a.id AS from, type(r) AS type, b.id AS to, properties(r) AS props ORDER BY from, type, to',
    );
    const sorted = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).sort());
    return [
      ...nodes.records.map((r) => [[...r.get('labels')].sort(), sorted(r.get('props'))]),
      ...rels.records.map((r) => [r.get('from'), r.get('type'), r.get('to'), sorted(r.get('props'))]),
    ];
  });
  return createHash('sha256').update(JSON.stringify(rows)).digest('hex');
}

describe('replace needs a complete template', () => {
  it('refuses a replace from one header-only critical_functions table, naming the missing tables, writing nothing', async () => {
    const before = await mapHash();
    const t = emptyTemplate(); // "id,name\n" in critical_functions.csv: present, empty by intent
    const refused = importTemplate(store, t, {
      actor: 'admin',
      replace: true,
      tables: ['criticalFunctions'],
    });
    await expect(refused).rejects.toBeInstanceOf(IncompleteTemplateError);
    const err = (await refused.catch((e: unknown) => e)) as IncompleteTemplateError;
    expect(err.missing).toEqual([
      'organizations',
      'suppliers',
      'services',
      'assets',
      'workflows',
      'workflowFunctions',
      'dependencies',
    ]);
    expect(err.message).toContain('--allow-empty organizations');
    expect(err.message).toContain('allowEmpty: [ORGANIZATIONS');
    expect(await mapHash()).toBe(before);
  });

  it('empties the tables a replace was told it may empty', async () => {
    const t = handBuilt();
    t.dependencies = [];
    const tables = [
      'organizations',
      'suppliers',
      'services',
      'assets',
      'workflows',
      'criticalFunctions',
    ] as const;
    const s = await importTemplate(store, t, {
      actor: 'admin',
      replace: true,
      tables: [...tables, 'workflowFunctions'],
      allowEmpty: ['dependencies'],
    });
    expect(s.byKind.DEPENDENCY.removed).toBe(handBuilt().dependencies.length);
  });
});

describe('dry run', () => {
  it('reports exactly the created, updated and removed counts of the real run, and writes nothing', async () => {
    const t = handBuilt();
    t.suppliers.push({ id: 'sup-new', name: 'New Supplier' });
    t.suppliers[0]!.name = 'Renamed';
    const gone = t.workflows.pop()!;
    t.workflowFunctions = t.workflowFunctions.filter((l) => l.workflowId !== gone.id);
    t.dependencies = t.dependencies.filter((d) => d.from !== gone.id && d.to !== gone.id);
    const before = await mapHash();
    const nodesBefore = await countNodesAndRelationships(store);
    const dry = await importTemplate(store, t, { actor: 'admin', replace: true, dryRun: true });
    expect(dry.dryRun).toBe(true);
    expect(await mapHash()).toBe(before);
    expect(await countNodesAndRelationships(store)).toEqual(nodesBefore);
    expect(dry.byKind.WORKFLOW.removed).toBe(1);
    expect(dry.byKind.SUPPLIER).toEqual({ created: 1, updated: 1, removed: 0 });
    const real = await importTemplate(store, t, { actor: 'admin', replace: true });
    expect(real.byKind).toEqual(dry.byKind);
  });
});

describe('undo', () => {
  it('restores the map to exactly what it was before a replace, bumping the version, with an audit event', async () => {
    const before = await mapHash();
    const t = handBuilt();
    t.dependencies = t.dependencies.slice(0, 2);
    t.suppliers[0]!.notes = 'changed';
    const imported = await importTemplate(store, t, { actor: 'admin', replace: true, source: 'small.xlsx' });
    expect(imported.snapshotId).toBeTruthy();
    expect(await mapHash()).not.toBe(before);
    const versionAfterImport = await store.graphVersion();
    expect((await lastImport(store)).blocked).toBeNull();

    const undone = await undoLastImport(store, { actor: 'root' });
    expect(await mapHash()).toBe(before);
    expect(undone.undone).toMatchObject({ actor: 'admin', action: 'import-replace', source: 'small.xlsx' });
    expect(await store.graphVersion()).toBeGreaterThan(versionAfterImport);
    const [audit] = await store.read(async (tx) =>
      (
        await tx.run(
          "MATCH (e:AuditEvent {action: 'undo-import'}) RETURN e.actor AS actor, e.target AS target",
        )
      ).records.map((r) => r.toObject()),
    );
    expect(audit).toEqual({ actor: 'root', target: 'small.xlsx' });
  });

  it('goes back one import at a time, then says there is nothing to undo', async () => {
    const h0 = await mapHash();
    const t1 = handBuilt();
    t1.suppliers.push({ id: 'sup-1', name: 'One' });
    await importTemplate(store, t1, { actor: 'a', snapshot: true });
    const h1 = await mapHash();
    const t2 = handBuilt();
    t2.suppliers.push({ id: 'sup-2', name: 'Two' });
    await importTemplate(store, t2, { actor: 'a', replace: true });
    await undoLastImport(store, { actor: 'root' });
    expect(await mapHash()).toBe(h1);
    await undoLastImport(store, { actor: 'root' });
    expect(await mapHash()).toBe(h0);
    await expect(undoLastImport(store, { actor: 'root' })).rejects.toThrow('there is no import to undo');
  });

  it('is refused when the map changed since the import, naming the change, and changes nothing', async () => {
    await importTemplate(store, handBuilt(), { actor: 'admin', replace: true });
    const supplier = handBuilt().suppliers[0]!.id;
    await deleteEntity(store, supplier, 'alice');
    const after = await mapHash();
    const refused = undoLastImport(store, { actor: 'root' });
    await expect(refused).rejects.toBeInstanceOf(UndoError);
    const err = (await refused.catch((e: unknown) => e)) as UndoError;
    expect(err.message).toContain(`deleteEntity ${supplier} by alice`);
    expect(err.changes.map((c) => c.action)).toEqual(['deleteEntity']);
    expect((await lastImport(store)).blocked).toContain('the map changed since');
    expect(await mapHash()).toBe(after);
  });

  it('keeps the newest SMART_IMPORT_SNAPSHOTS snapshots only', async () => {
    process.env.SMART_IMPORT_SNAPSHOTS = '2';
    try {
      for (let i = 0; i < 4; i++) await importTemplate(store, handBuilt(), { actor: 'a', replace: true });
    } finally {
      delete process.env.SMART_IMPORT_SNAPSHOTS;
    }
    const [row] = await store.read(async (tx) =>
      (
        await tx.run(
          'MATCH (s:ImportSnapshot) WITH count(s) AS s MATCH (c:ImportSnapshotChunk) RETURN s, count(c) AS c',
        )
      ).records.map((r) => r.toObject()),
    );
    expect(row).toEqual({ s: 2, c: 2 });
  });
});

describe('references are checked inside the write transaction', () => {
  /** A partial template that adds a service of an existing supplier and a dependency on it. */
  function addition(supplierId: string): Template {
    const t = emptyTemplate();
    t.services.push({ id: 'svc-late', name: 'Late API', supplierId, type: 'SOFTWARE' });
    t.dependencies.push({ from: handBuilt().workflows[0]!.id, to: 'svc-late' });
    return t;
  }

  it('fails with a located error when a referenced supplier was deleted after the template was checked', async () => {
    const supplier = handBuilt().suppliers[0]!.id;
    // The template was read and checked against the database (the supplier existed);
    // a delete commits before the import's write transaction starts.
    const t = addition(supplier);
    await deleteEntity(store, supplier, 'alice');
    const before = await mapHash();
    const failed = importTemplate(store, t, { actor: 'bob' });
    await expect(failed).rejects.toBeInstanceOf(StaleReferenceError);
    const err = (await failed.catch((e: unknown) => e)) as StaleReferenceError;
    expect(err.references).toEqual([
      {
        table: 'services',
        row: 0,
        column: 'supplier_id',
        id: supplier,
        message: `'${supplier}' is no longer in the database (deleted after the template was checked)`,
      },
    ]);
    expect(await mapHash()).toBe(before);
  });

  it('fails when a dependency endpoint was deleted, instead of dropping the dependency', async () => {
    const t = emptyTemplate();
    const [w0, w1] = handBuilt().workflows;
    t.dependencies.push({ from: w0!.id, to: w1!.id });
    await deleteEntity(store, w1!.id, 'alice');
    const failed = importTemplate(store, t, { actor: 'bob' });
    await expect(failed).rejects.toMatchObject({
      references: [{ table: 'dependencies', row: 0, column: 'to_id', id: w1!.id }],
    });
  });

  it('a replace may not reference an entity it does not hold (the replace would remove it)', async () => {
    const t = handBuilt();
    const [supplier] = t.suppliers.splice(0, 1);
    // Keep only what does not lean on the supplier's services, except one service of it.
    const failed = importTemplate(store, t, { actor: 'admin', replace: true });
    await expect(failed).rejects.toBeInstanceOf(StaleReferenceError);
    const err = (await failed.catch((e: unknown) => e)) as StaleReferenceError;
    expect(err.references[0]).toMatchObject({ table: 'services', column: 'supplier_id', id: supplier!.id });
    expect(err.references[0]!.message).toContain('add its row to suppliers.csv');
  });

  it('still imports when every reference holds', async () => {
    const t = addition(handBuilt().suppliers[0]!.id);
    const s = await importTemplate(store, t, { actor: 'bob' });
    expect(s.byKind.SERVICE.created).toBe(1);
    expect(s.byKind.DEPENDENCY.created).toBe(1);
  });
});
