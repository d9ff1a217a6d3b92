// Edits from the explorer, against the real Neo4j: the optimistic version check (two
// analysts editing one entity or one dependency: the second save is refused with CONFLICT
// and nothing is overwritten), the delete preview (exactly what the delete removes, and a
// delete refused when that changed), its undo (restoreEntities brings back the same map),
// and errors that name the field.
import { beginImport, exportTemplate, importTemplate as storeImport } from '@smart/store';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { handBuilt } from '../../../test/fixtures/hand-built';
import { type TestApi, startTestApi } from '../../../test/support/api';
import { resetDatabase, testStore } from '../../../test/support/neo4j';
import { issueToken } from '../src';

const store = testStore();
let api: TestApi;
let alice = '';
let bob = '';

beforeAll(async () => {
  api = await startTestApi(store);
  alice = await issueToken({ username: 'alice', role: 'ANALYST' });
  bob = await issueToken({ username: 'bob', role: 'ANALYST' });
});
beforeEach(async () => {
  await resetDatabase(store);
  await storeImport(store, handBuilt(), { actor: 'test' });
});
afterAll(async () => {
  await api?.close();
  await store.close();
});

const UPSERT = `mutation Upsert($input: EntityInput!, $v: String) {
  upsertEntity(input: $input, expectedVersion: $v) { id version ... on Workflow { toleranceHours } }
}`;
const VERSION = `query V($id: ID!) { entity(id: $id) { version ... on Workflow { toleranceHours } } }`;

const workflowInput = (toleranceHours: number) => ({
  id: 'wf-claims',
  kind: 'WORKFLOW',
  name: 'Claims submission',
  organizationId: 'org-hosp',
  category: 'ADMINISTRATIVE',
  toleranceHours,
  workaroundCapacity: 0.25,
  volumePerDay: 1000,
  criticality: 2,
});

async function versionOf(id: string) {
  const r = await api.gql<{ entity: { version: string; toleranceHours?: number } }>(
    VERSION,
    { id },
    {
      token: alice,
    },
  );
  return r.data!.entity;
}

describe('optimistic concurrency', () => {
  it('refuses the second of two saves made from the same version, and keeps the first', async () => {
    const opened = (await versionOf('wf-claims')).version;
    const first = await api.gql<{ upsertEntity: { version: string } }>(
      UPSERT,
      { input: workflowInput(36), v: opened },
      { token: alice },
    );
    expect(first.errors).toBeUndefined();
    expect(first.data!.upsertEntity.version).not.toBe(opened);

    const second = await api.gql(UPSERT, { input: workflowInput(48), v: opened }, { token: bob });
    expect(second.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(second.errors?.[0]?.message).toMatch(/^expectedVersion: 'wf-claims' changed since you opened it/);
    expect((await versionOf('wf-claims')).toleranceHours).toBe(36);

    // Saved again from the version the first save left, it goes through.
    const again = await api.gql(
      UPSERT,
      { input: workflowInput(48), v: first.data!.upsertEntity.version },
      { token: bob },
    );
    expect(again.errors).toBeUndefined();
    expect((await versionOf('wf-claims')).toleranceHours).toBe(48);
  });

  it('runs two concurrent saves one after the other: exactly one wins', async () => {
    const opened = (await versionOf('wf-claims')).version;
    const [a, b] = await Promise.all([
      api.gql(UPSERT, { input: workflowInput(10), v: opened }, { token: alice }),
      api.gql(UPSERT, { input: workflowInput(20), v: opened }, { token: bob }),
    ]);
    const codes = [a, b].map((r) => r.errors?.[0]?.extensions?.code ?? 'OK').sort();
    expect(codes).toEqual(['CONFLICT', 'OK']);
    const winner = a.errors ? 20 : 10;
    expect((await versionOf('wf-claims')).toleranceHours).toBe(winner);
  });

  it('refuses a create over an existing id, and an edit of an entity deleted since', async () => {
    const create = await api.gql(UPSERT, { input: workflowInput(1), v: 'absent' }, { token: alice });
    expect(create.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', argument: 'input.id' });
    const opened = (await versionOf('wf-er')).version;
    await api.gql('mutation { deleteEntity(id: "wf-er") }', {}, { token: bob });
    const edit = await api.gql(
      UPSERT,
      {
        input: {
          id: 'wf-er',
          kind: 'WORKFLOW',
          name: 'ER',
          organizationId: 'org-hosp',
          category: 'CLINICAL',
        },
        v: opened,
      },
      { token: alice },
    );
    expect(edit.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(edit.errors?.[0]?.message).toContain('was deleted since you opened it');
    expect(await versionOf('wf-er')).toBeNull();
  });

  it('checks dependencies by their version too', async () => {
    const deps = await api.gql<{
      dependencies: { alternatives: { to: { id: string }; version: string }[] }[];
    }>('{ dependencies(id: "wf-elig") { alternatives { to { id } version } } }', {}, { token: alice });
    const edge = deps.data!.dependencies.flatMap((g) => g.alternatives).find((d) => d.to.id === 'svc-ch1')!;
    const ADD = `mutation A($input: DependencyInput!, $v: String) { addDependency(input: $input, expectedVersion: $v) { version } }`;
    const REMOVE = `mutation R($v: String) { removeDependency(from: "wf-elig", to: "svc-ch1", expectedVersion: $v) }`;
    const exists = await api.gql(
      ADD,
      { input: { from: 'wf-elig', to: 'svc-ch1' }, v: 'absent' },
      { token: alice },
    );
    expect(exists.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', argument: 'input.to' });

    const changed = await api.gql(
      ADD,
      { input: { from: 'wf-elig', to: 'svc-ch1', group: 'ch', strength: 0.5 }, v: edge.version },
      { token: alice },
    );
    expect(changed.errors).toBeUndefined();
    const stale = await api.gql(REMOVE, { v: edge.version }, { token: bob });
    expect(stale.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const fresh = await api.gql<{ removeDependency: boolean }>(
      REMOVE,
      { v: (changed.data as { addDependency: { version: string } }).addDependency.version },
      { token: bob },
    );
    expect(fresh.data).toEqual({ removeDependency: true });
  });

  it('adds an alternative in one write: both dependencies share a group, and the impact follows', async () => {
    const failed = async () => {
      const r = await api.gql<{ impact: { affected: { edges: { node: { entity: { id: string } } }[] } } }>(
        '{ impact(input: {failed: [{id: "sup-ch1"}]}) { affected(states: [FAILED]) { edges { node { entity { id } } } } } }',
        {},
        { token: alice },
      );
      return r.data!.impact.affected.edges.map((e) => e.node.entity.id);
    };
    expect(await failed()).toContain('wf-claims');
    const add = await api.gql<{ addDependency: { group: string } }>(
      'mutation { addDependency(input: {from: "wf-claims", to: "svc-ch2"}, expectedVersion: "absent", alternativeTo: "svc-ch1") { group } }',
      {},
      { token: alice },
    );
    expect(add.errors).toBeUndefined();
    expect(add.data!.addDependency.group).toBe('svc-ch1|svc-ch2');
    const deps = await api.gql<{ dependencies: { group: string; alternatives: { to: { id: string } }[] }[] }>(
      '{ dependencies(id: "wf-claims") { group alternatives { to { id } } } }',
      {},
      { token: alice },
    );
    expect(deps.data!.dependencies).toEqual([
      { group: 'svc-ch1|svc-ch2', alternatives: [{ to: { id: 'svc-ch1' } }, { to: { id: 'svc-ch2' } }] },
    ]);
    // The projection replays the write's change log: the claims workflow now has an alternative.
    expect(await failed()).not.toContain('wf-claims');
    const wrong = await api.gql(
      'mutation { addDependency(input: {from: "wf-er", to: "svc-ch2"}, alternativeTo: "svc-ch1") { group } }',
      {},
      { token: alice },
    );
    expect(wrong.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', argument: 'alternativeTo' });
  });

  it('names the field of a value the template rules refuse, and writes nothing', async () => {
    const before = await exportTemplate(store);
    const r = await api.gql(UPSERT, { input: workflowInput(-1) }, { token: alice });
    expect(r.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'input.toleranceHours',
    });
    expect(r.errors?.[0]?.message).toBe('input.toleranceHours: must be a number ≥ 0');
    const dep = await api.gql(
      'mutation { addDependency(input: {from: "wf-er", to: "svc-ch1", confidence: 2}) { from { id } } }',
      {},
      { token: alice },
    );
    expect(dep.errors?.[0]?.message).toBe('input.confidence: must be a number from 0 to 1');
    expect(await exportTemplate(store)).toEqual(before);
  });
});

const PREVIEW = `query P($id: ID!) {
  deleteEntityPreview(id: $id) {
    version
    entities {
      id name kind
      ... on Organization { subsector type region size beds notes }
      ... on Supplier { category country securityRating notes }
      ... on Service { serviceType: type category region notes supplier { id } }
      ... on Asset { type notes organization { id } }
      ... on Workflow { workflowCategory: category sectorWorkflow criticality toleranceHours workaroundCapacity volumePerDay volumeUnit notes organization { id } }
      ... on CriticalFunction { description ncf }
    }
    dependencies { from { id } to { id } group strength source confidence notes }
    functionLinks { workflowId functionId }
  }
}`;

/** The map as export gives it, a missing strength read as its default (1): the API lists it so. */
async function map() {
  const t = await exportTemplate(store);
  t.dependencies = t.dependencies.map((d) => ({ ...d, strength: d.strength ?? 1 }));
  return t;
}

interface Preview {
  version: string;
  entities: (Record<string, unknown> & { id: string; kind: string })[];
  dependencies: { from: { id: string }; to: { id: string } }[];
  functionLinks: { workflowId: string; functionId: string }[];
}

/** The preview as restoreEntities' input (what the explorer's Undo sends). */
function restoreInput(p: Preview) {
  return {
    // Service.type and Workflow.category are enums, asked for under other names (GraphQL
    // does not merge one field name of two types across fragments).
    entities: p.entities.map(({ supplier, organization, serviceType, workflowCategory, ...e }) => ({
      ...e,
      ...(serviceType ? { type: serviceType } : {}),
      ...(workflowCategory ? { category: workflowCategory } : {}),
      supplierId: (supplier as { id: string } | null | undefined)?.id,
      organizationId: (organization as { id: string } | null | undefined)?.id,
    })),
    dependencies: p.dependencies.map(({ from, to, ...d }) => ({ ...d, from: from.id, to: to.id })),
    functionLinks: p.functionLinks,
  };
}

describe('delete preview and undo', () => {
  it('lists exactly what a delete removes; the delete removes that; restoring brings the same map back', async () => {
    const before = await map();
    const p = await api.gql<{ deleteEntityPreview: Preview }>(PREVIEW, { id: 'org-pharm' }, { token: alice });
    expect(p.errors).toBeUndefined();
    const preview = p.data!.deleteEntityPreview;
    expect(preview.entities.map((e) => e.id)).toEqual(['org-pharm', 'wf-dispense']);
    expect(preview.dependencies.map((d) => `${d.from.id}->${d.to.id}`)).toEqual(['wf-dispense->svc-pbm']);
    expect(preview.functionLinks).toEqual([{ workflowId: 'wf-dispense', functionId: 'cf-care' }]);
    // Nothing was removed by the preview.
    expect(await map()).toEqual(before);

    const del = await api.gql(
      'mutation D($v: String) { deleteEntity(id: "org-pharm", expectedVersion: $v) }',
      { v: preview.version },
      { token: alice },
    );
    expect(del.errors).toBeUndefined();
    const after = await map();
    expect(after.organizations.map((o) => o.id)).not.toContain('org-pharm');
    expect(after.workflows.map((w) => w.id)).not.toContain('wf-dispense');
    expect(after.dependencies).toHaveLength(before.dependencies.length - 1);

    const restore = await api.gql<{ restoreEntities: { id: string }[] }>(
      'mutation R($input: RestoreInput!) { restoreEntities(input: $input) { id } }',
      { input: restoreInput(preview) },
      { token: alice },
    );
    expect(restore.errors).toBeUndefined();
    expect(restore.data!.restoreEntities.map((e) => e.id).sort()).toEqual(['org-pharm', 'wf-dispense']);
    expect(await map()).toEqual(before);

    // A second restore of the same entities is refused: they exist again.
    const twice = await api.gql(
      'mutation R($input: RestoreInput!) { restoreEntities(input: $input) { id } }',
      { input: restoreInput(preview) },
      { token: alice },
    );
    expect(twice.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(await map()).toEqual(before);
  });

  it("counts a supplier's services and their dependents, and refuses the delete once that changed", async () => {
    const p = await api.gql<{ deleteEntityPreview: Preview }>(PREVIEW, { id: 'sup-ch1' }, { token: alice });
    const preview = p.data!.deleteEntityPreview;
    expect(preview.entities.map((e) => e.id)).toEqual(['sup-ch1', 'svc-ch1']);
    expect(preview.dependencies.map((d) => `${d.from.id}->${d.to.id}`)).toEqual([
      'wf-claims->svc-ch1',
      'wf-elig->svc-ch1',
    ]);
    // Someone adds a dependent in between: the delete would remove more than was shown.
    await api.gql(
      'mutation { addDependency(input: {from: "wf-er", to: "svc-ch1"}) { strength } }',
      {},
      {
        token: bob,
      },
    );
    const before = await map();
    const del = await api.gql(
      'mutation D($v: String) { deleteEntity(id: "sup-ch1", expectedVersion: $v) }',
      { v: preview.version },
      { token: alice },
    );
    expect(del.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(del.errors?.[0]?.message).toContain("What deleting 'sup-ch1' removes changed since you opened it");
    expect(await map()).toEqual(before);
  });

  it('is for analysts: a viewer may not preview a delete', async () => {
    const r = await api.gql(PREVIEW, { id: 'sup-ch1' }, { role: 'VIEWER' });
    expect(r.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const missing = await api.gql(PREVIEW, { id: 'nope' }, { token: alice });
    expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

describe('an edit while a staged import runs', () => {
  it('is refused with CONFLICT, saying when the import started, and changes nothing', async () => {
    const before = await exportTemplate(store);
    const version = await store.graphVersion();
    // A staged import (one above SMART_IMPORT_SINGLE_TX_ROWS) holds its journal from its
    // first transaction to its last; this test holds one open.
    const running = await beginImport(store, {
      actor: 'importer',
      action: 'import',
      source: 'national.xlsx',
    });
    try {
      const r = await api.gql(UPSERT, { input: workflowInput(36) }, { token: alice });
      expect(r.errors?.[0]?.extensions?.code).toBe('CONFLICT');
      expect(r.errors?.[0]?.message).toMatch(
        /^an import started at \S+ by importer \(national\.xlsx\) is in progress; retry when it ends$/,
      );
      expect(r.errors?.[0]?.path).toEqual(['upsertEntity']);
    } finally {
      await running.rollBack();
    }
    expect(await exportTemplate(store)).toEqual(before);
    expect(await store.graphVersion()).toBe(version);
    // Once it has ended, the same edit goes through.
    const again = await api.gql(UPSERT, { input: workflowInput(36) }, { token: alice });
    expect(again.errors).toBeUndefined();
  });
});
