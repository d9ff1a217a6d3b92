// Ids merged away (mergeEntities) resolve to their survivor wherever an id comes in
// (issue 13): a saved scenario and a what-if that still name the old id, and the edit
// mutations. Values by hand on the hand-built map with AltClaims (sup-ch2) merged into
// ClearPath (sup-ch1): svc-ch1 and svc-ch2 are both ClearPath's afterwards.
import { issueToken } from '@smart/api';
import { importTemplate as storeImport } from '@smart/store';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { handBuilt } from '../../../test/fixtures/hand-built';
import { type TestApi, startTestApi } from '../../../test/support/api';
import { resetDatabase, testStore } from '../../../test/support/neo4j';

const store = testStore();
let api: TestApi;

beforeAll(async () => {
  api = await startTestApi(store);
});
beforeEach(async () => {
  await resetDatabase(store);
  await storeImport(store, handBuilt(), { actor: 'test' });
});
afterAll(async () => {
  await api?.close();
  await store.close();
});

const MERGE = `mutation { mergeEntities(survivor: "sup-ch1", others: ["sup-ch2"]) { id } }`;
const merge = async () => expect((await api.gql(MERGE, {}, { role: 'ANALYST' })).errors).toBeUndefined();
const suppliers = async () =>
  store.read(async (tx) =>
    (await tx.run('MATCH (s:Supplier) RETURN s.id AS id ORDER BY id')).records.map((r) => r.get('id')),
  );

describe('an alias resolves to its survivor', () => {
  it('in a saved scenario and its comparison: failing the old id fails the survivor', async () => {
    const saved = await api.gql<{ saveScenario: { id: string } }>(
      `mutation { saveScenario(input: { name: "AltClaims down", impact: { failed: [{ id: "sup-ch2" }] } }) { id } }`,
      {},
      { role: 'ANALYST' },
    );
    expect(saved.errors).toBeUndefined();
    const id = saved.data!.saveScenario.id;
    const other = (
      await api.gql<{ saveScenario: { id: string } }>(
        `mutation { saveScenario(input: { name: "Cloud down", impact: { failed: [{ id: "sup-cloud" }] } }) { id } }`,
        {},
        { role: 'ANALYST' },
      )
    ).data!.saveScenario.id;
    const REPORT = `query($id: ID!) { scenario(id: $id) { failed { id } report { summary { workflowsFailed } } } }`;
    // Before the merge AltClaims alone fails no workflow: wf-elig keeps ClearPath (group "ch").
    const before = await api.gql<{ scenario: { report: { summary: { workflowsFailed: number } } } }>(REPORT, {
      id,
    });
    expect(before.data!.scenario.report.summary.workflowsFailed).toBe(0);
    await merge();
    // After it, sup-ch2 is ClearPath: both services fail, so wf-claims (24 h) and wf-elig (4 h) fail.
    const after = await api.gql<{
      scenario: { failed: { id: string }[]; report: { summary: { workflowsFailed: number } } };
    }>(REPORT, { id });
    expect(after.errors).toBeUndefined();
    expect(after.data!.scenario.failed).toEqual([{ id: 'sup-ch2' }]);
    expect(after.data!.scenario.report.summary.workflowsFailed).toBe(2);
    const compared = await api.gql<{ compareScenarios: { onlyA: { entity: { id: string } }[] } }>(
      `query($a: ID!, $b: ID!) { compareScenarios(a: $a, b: $b) { onlyA { entity { id } } } }`,
      { a: id, b: other },
    );
    expect(compared.errors).toBeUndefined();
    expect(compared.data!.compareScenarios.onlyA.map((x) => x.entity.id)).toContain('wf-claims');
  });

  it('in what-if changes, failed ids and mitigations', async () => {
    await merge();
    // wf-er is made to depend on the old id: it lands on ClearPath, so failing ClearPath
    // (named by its alias too) fails wf-claims, wf-elig and wf-er.
    const IMPACT = `query($f: ID!) { impact(input: { failed: [{ id: $f }],
      changes: [{ addDependency: { from: "wf-er", to: "sup-ch2" } }] }) { summary { workflowsFailed } } }`;
    for (const f of ['sup-ch1', 'sup-ch2']) {
      const r = await api.gql<{ impact: { summary: { workflowsFailed: number } } }>(IMPACT, { f });
      expect(r.errors).toBeUndefined();
      expect(r.data!.impact.summary.workflowsFailed).toBe(3);
    }
    const mitigations = await api.gql(
      `{ mitigations(input: { failed: [{ id: "sup-ch2" }] }) { kind } }`,
      {},
      { role: 'ANALYST' },
    );
    expect(mitigations.errors).toBeUndefined();
    // An id that is no alias is still refused as unknown.
    const unknown = await api.gql(
      `{ impact(input: { failed: [{ id: "sup-none" }] }) { summary { workflowsFailed } } }`,
    );
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(unknown.errors?.[0]?.message).toBe("no entity has id 'sup-none'");
  });

  it('in upsertEntity (its id and its owner), addDependency, removeDependency and deleteEntityPreview', async () => {
    await merge();
    const upserted = await api.gql<{ upsertEntity: { id: string; name: string } }>(
      `mutation { upsertEntity(input: { id: "sup-ch2", kind: SUPPLIER, name: "ClearPath (renamed)" }) { id name } }`,
      {},
      { role: 'ANALYST' },
    );
    expect(upserted.errors).toBeUndefined();
    expect(upserted.data!.upsertEntity).toEqual({ id: 'sup-ch1', name: 'ClearPath (renamed)' });
    // No second supplier under the old id.
    expect(await suppliers()).toEqual(['sup-ch1', 'sup-cloud', 'sup-pbm']);
    const service = await api.gql<{ upsertEntity: { supplier: { id: string } } }>(
      `mutation { upsertEntity(input: { id: "svc-ch3", kind: SERVICE, name: "Batch claims", type: "SOFTWARE", supplierId: "sup-ch2" })
        { ... on Service { supplier { id } } } }`,
      {},
      { role: 'ANALYST' },
    );
    expect(service.errors).toBeUndefined();
    expect(service.data!.upsertEntity.supplier.id).toBe('sup-ch1');

    const added = await api.gql<{ addDependency: { from: { id: string }; to: { id: string } } }>(
      `mutation { addDependency(input: { from: "wf-er", to: "sup-ch2", strength: 0.5 }) { from { id } to { id } } }`,
      {},
      { role: 'ANALYST' },
    );
    expect(added.errors).toBeUndefined();
    expect(added.data!.addDependency.to.id).toBe('sup-ch1');
    const deps = async () =>
      store.read(async (tx) =>
        (
          await tx.run(
            "MATCH (:Workflow {id: 'wf-er'})-[d:DEPENDS_ON]->(b) RETURN b.id AS id, d.strength AS s",
          )
        ).records.map((r) => [r.get('id'), r.get('s')]),
      );
    expect(await deps()).toEqual([['sup-ch1', 0.5]]);
    const removed = await api.gql<{ removeDependency: boolean }>(
      `mutation { removeDependency(from: "wf-er", to: "sup-ch2") }`,
      {},
      { role: 'ANALYST' },
    );
    expect(removed.data).toEqual({ removeDependency: true });
    expect(await deps()).toEqual([]);

    const preview = await api.gql<{ deleteEntityPreview: { entities: { id: string }[] } }>(
      `{ deleteEntityPreview(id: "sup-ch2") { entities { id } } }`,
      {},
      { role: 'ANALYST' },
    );
    expect(preview.errors).toBeUndefined();
    expect(preview.data!.deleteEntityPreview.entities.map((e) => e.id).sort()).toEqual([
      'sup-ch1',
      'svc-ch1',
      'svc-ch2',
      'svc-ch3',
    ]);
  });

  it('in paths, shortestPath, neighborhood, dependencies and dependents: the old id answers as its survivor', async () => {
    const Q = `query($id: ID!) {
      paths(from: $id, toKinds: [WORKFLOW]) { nodes { id } length }
      shortestPath(from: $id, to: "wf-claims") { nodes { id } length }
      back: shortestPath(from: "wf-claims", to: $id) { length }
      neighborhood(id: $id, depth: 2) { nodes { id } edges { id } truncated }
      dependents(id: $id) { from { id } }
      dependencies(id: $id) { alternatives { to { id } } } }`;
    await merge();
    const survivor = await api.gql(Q, { id: 'sup-ch1' });
    expect(survivor.errors).toBeUndefined();
    const alias = await api.gql(Q, { id: 'sup-ch2' });
    expect(alias.errors).toBeUndefined();
    expect(alias.data).toEqual(survivor.data);
    // By hand: ClearPath now provides AltClaims' service too, and wf-elig depends on it.
    const paths = (alias.data as { paths: { nodes: { id: string }[] }[] }).paths;
    expect(paths.map((p) => p.nodes.map((n) => n.id))).toContainEqual(['sup-ch1', 'svc-ch2', 'wf-elig']);
    // An id that is no alias is still unknown.
    const unknown = await api.gql('{ neighborhood(id: "sup-none") { truncated } }');
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(unknown.errors?.[0]?.message).toBe("no entity has id 'sup-none'");
  });

  it("a survivor out of the reader's scope: the old id is unknown, as it was asked", async () => {
    const merged = await api.gql(
      `mutation { mergeEntities(survivor: "org-hosp", others: ["org-pharm"]) { id } }`,
      {},
      { role: 'ANALYST' },
    );
    expect(merged.errors).toBeUndefined();
    const hosp = await issueToken({ username: 'hosp', role: 'VIEWER', organizations: ['org-hosp'] });
    const pharm = await issueToken({ username: 'pharm', role: 'VIEWER', organizations: ['org-pharm'] });
    const Q = `{ neighborhood(id: "org-pharm") { nodes { id } } }`;
    const own = await api.gql<{ neighborhood: { nodes: { id: string }[] } }>(Q, {}, { token: hosp });
    expect(own.errors).toBeUndefined();
    expect(own.data!.neighborhood.nodes.map((n) => n.id)).toContain('org-hosp');
    for (const q of [
      Q,
      '{ paths(from: "org-pharm") { length } }',
      '{ dependents(id: "org-pharm") { group } }',
    ]) {
      const other = await api.gql(q, {}, { token: pharm });
      expect(other.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      expect(other.errors?.[0]?.message).toBe("no entity has id 'org-pharm'");
    }
  });

  it('in the organization and dependent filters of singlePointsOfFailure and dependencyAlternatives', async () => {
    for (const m of [
      `mutation { mergeEntities(survivor: "org-hosp", others: ["org-pharm"]) { id } }`,
      `mutation { mergeEntities(survivor: "wf-elig", others: ["wf-er"]) { id } }`,
    ])
      expect((await api.gql(m, {}, { role: 'ANALYST' })).errors).toBeUndefined();
    const ROW =
      'organization { id } dependent { id } dependency { id } alternatives { id } singlePointOfFailure';
    const Q = `query($org: ID, $dep: ID) {
      singlePointsOfFailure(organization: $org) { ${ROW} }
      dependencyAlternatives(dependent: $dep) { ${ROW} } }`;
    const alias = await api.gql(Q, { org: 'org-pharm', dep: 'wf-er' });
    expect(alias.errors).toBeUndefined();
    // By hand: the pharmacy's Dispensing now belongs to the hospital, so the hospital's
    // single points of failure are Claims submission → ClearPath claims API (ungrouped)
    // and Dispensing → RxBridge switch (ungrouped), by dependent name; wf-elig's two
    // clearinghouses (group "ch") are each other's alternative. wf-er had no dependency:
    // as wf-elig it has wf-elig's, by dependency name (AltClaims API first).
    const spof = (dependent: string, dependency: string) => ({
      organization: { id: 'org-hosp' },
      dependent: { id: dependent },
      dependency: { id: dependency },
      alternatives: [],
      singlePointOfFailure: true,
    });
    const alt = (dependency: string, other: string) => ({
      organization: { id: 'org-hosp' },
      dependent: { id: 'wf-elig' },
      dependency: { id: dependency },
      alternatives: [{ id: other }],
      singlePointOfFailure: false,
    });
    expect(alias.data).toEqual({
      singlePointsOfFailure: [spof('wf-claims', 'svc-ch1'), spof('wf-dispense', 'svc-pbm')],
      dependencyAlternatives: [alt('svc-ch2', 'svc-ch1'), alt('svc-ch1', 'svc-ch2')],
    });
    // The same as asking with the survivors.
    expect((await api.gql(Q, { org: 'org-hosp', dep: 'wf-elig' })).data).toEqual(alias.data);
    // A reader scoped to the survivor's organization gets the same answer; one scoped to
    // the old organization alone is told the id it asked is unknown.
    const hosp = await issueToken({ username: 'hosp', role: 'VIEWER', organizations: ['org-hosp'] });
    const scoped = await api.gql(Q, { org: 'org-pharm', dep: 'wf-er' }, { token: hosp });
    expect(scoped.errors).toBeUndefined();
    expect(scoped.data).toEqual(alias.data);
    const pharm = await issueToken({ username: 'pharm', role: 'VIEWER', organizations: ['org-pharm'] });
    const other = await api.gql(
      '{ singlePointsOfFailure(organization: "org-pharm") { group } }',
      {},
      { token: pharm },
    );
    expect(other.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(other.errors?.[0]?.message).toBe("no entity has id 'org-pharm'");
    // An id that is no alias still matches nothing.
    const none = await api.gql<{ singlePointsOfFailure: unknown[] }>(
      '{ singlePointsOfFailure(organization: "org-none") { group } }',
    );
    expect(none.errors).toBeUndefined();
    expect(none.data!.singlePointsOfFailure).toEqual([]);
  });
});
