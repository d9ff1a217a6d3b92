// The queries the explorer needs (entity, search, dependencies, dependents,
// neighborhood) and scenarios, on the hand-built ecosystem.
import { importTemplate } from '@smart/store';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { handBuilt } from '../../../test/fixtures/hand-built';
import { type TestApi, startTestApi } from '../../../test/support/api';
import { resetDatabase, testStore } from '../../../test/support/neo4j';

const store = testStore();
let api: TestApi;

beforeAll(async () => {
  await resetDatabase(store);
  await importTemplate(store, handBuilt(), { actor: 'test' });
  api = await startTestApi(store);
});
afterAll(async () => {
  await api?.close();
  await store.close();
});

async function ok<T>(
  query: string,
  variables: Record<string, unknown> = {},
  role: 'VIEWER' | 'ANALYST' = 'VIEWER',
) {
  const res = await api.gql<T>(query, variables, { role });
  expect(res.errors).toBeUndefined();
  return res.data!;
}

describe('entities', () => {
  it('entity returns the typed entity with its relationships', async () => {
    const d = await ok<{ entity: Record<string, unknown> }>(`{ entity(id: "wf-claims") {
      id name kind ... on Workflow { category toleranceHours workaroundCapacity volumePerDay organization { id } functions { id } } } }`);
    expect(d.entity).toEqual({
      id: 'wf-claims',
      name: 'Claims submission',
      kind: 'WORKFLOW',
      category: 'ADMINISTRATIVE',
      toleranceHours: 24,
      workaroundCapacity: 0.25,
      volumePerDay: 1000,
      organization: { id: 'org-hosp' },
      functions: [{ id: 'cf-pay' }],
    });
    const missing = await ok<{ entity: null }>('{ entity(id: "nope") { id } }');
    expect(missing.entity).toBeNull();
  });

  it("many entities' relatives (a report's workflows and their functions) are read in one query", async () => {
    const spy = vi.spyOn(store, 'readRows');
    try {
      const d = await ok<{
        impact: { affected: { edges: { node: { entity: { id: string; functions?: { id: string }[] } } }[] } };
      }>(`{ impact(input: { failed: [{ id: "sup-ch1" }, { id: "sup-ch2" }, { id: "sup-cloud" }, { id: "sup-pbm" }] }) {
            affected(first: 100, kinds: [WORKFLOW]) {
            edges { node { entity { id ... on Workflow { functions { id } } } } } } } }`);
      const workflows = d.impact.affected.edges.map((e) => e.node.entity);
      expect(workflows.length).toBeGreaterThan(1);
      // wf-claims supports cf-pay, as the single-entity read says
      expect(workflows.find((w) => w.id === 'wf-claims')?.functions).toEqual([{ id: 'cf-pay' }]);
      const reads = spy.mock.calls.filter(([name]) => name === 'queries/entities/children');
      expect(reads).toHaveLength(1);
      expect((reads[0]![1] as { ids: string[] }).ids.sort()).toEqual(workflows.map((w) => w.id).sort());
    } finally {
      spy.mockRestore();
    }
  });

  it('search finds by name or category prefix across kinds and filters by kind', async () => {
    // sup-ch1 and svc-ch1 by name (ClearPath…), sup-ch2 by its category "clearinghouse"
    const all = await ok<{ search: { id: string }[] }>('{ search(text: "clear") { id } }');
    expect(all.search.map((e) => e.id).sort()).toEqual(['sup-ch1', 'sup-ch2', 'svc-ch1']);
    const suppliers = await ok<{ search: { id: string }[] }>(
      '{ search(text: "clearpath claims", kinds: [SERVICE]) { id } }',
    );
    expect(suppliers.search.map((e) => e.id)).toEqual(['svc-ch1']);
  });

  it('dependencies come grouped as alternatives; dependents list who depends on it', async () => {
    const d = await ok<{ dependencies: { group: string | null; alternatives: { to: { id: string } }[] }[] }>(
      '{ dependencies(id: "wf-elig") { group alternatives { to { id } strength } } }',
    );
    expect(d.dependencies).toEqual([
      {
        group: 'ch',
        alternatives: [
          { to: { id: 'svc-ch1' }, strength: 1 },
          { to: { id: 'svc-ch2' }, strength: 1 },
        ],
      },
    ]);
    const svc = await ok<{ dependencies: { alternatives: { to: { id: string } }[] }[] }>(
      '{ dependencies(id: "svc-pbm") { alternatives { to { id } } } }',
    );
    expect(svc.dependencies.map((g) => g.alternatives.map((a) => a.to.id))).toEqual([
      ['sup-pbm'],
      ['svc-cloud'],
    ]);
    const deps = await ok<{ dependents: { from: { id: string } }[] }>(
      '{ dependents(id: "svc-ch1") { from { id } } }',
    );
    expect(deps.dependents.map((d) => d.from.id)).toEqual(['wf-claims', 'wf-elig']);
  });

  it("a supplier's dependents are those of its services too, counted as the risk ranking counts them", async () => {
    const d = await ok<{
      dependents: { from: { id: string }; to: { id: string } }[];
      directDependents: number;
      systemicRisk: { entity: { id: string }; directDependents: number }[];
    }>(
      '{ dependents(id: "sup-ch1") { from { id } to { id } } directDependents(id: "sup-ch1") systemicRisk(first: 50) { entity { id } directDependents } }',
    );
    expect(d.dependents.map((x) => [x.from.id, x.to.id])).toEqual([
      ['wf-claims', 'svc-ch1'],
      ['wf-elig', 'svc-ch1'],
    ]);
    const ranked = d.systemicRisk.find((r) => r.entity.id === 'sup-ch1')!;
    expect(d.directDependents).toBe(2);
    expect(ranked.directDependents).toBe(d.directDependents);
    const svc = await ok<{ directDependents: number }>('{ directDependents(id: "svc-ch1") }');
    expect(svc.directDependents).toBe(2);
    const unknown = await api.gql('{ directDependents(id: "nope") }', {}, { role: 'VIEWER' });
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('neighborhood gives nodes and edges for the canvas, bounded by depth and limit', async () => {
    const d = await ok<{
      neighborhood: {
        nodes: { id: string; dependents: number }[];
        edges: { source: string; target: string; type: string }[];
        truncated: boolean;
      };
    }>(
      '{ neighborhood(id: "svc-ch1", depth: 1) { nodes { id dependents } edges { source target type } truncated } }',
    );
    expect(d.neighborhood.nodes.map((n) => n.id).sort()).toEqual([
      'sup-ch1',
      'svc-ch1',
      'wf-claims',
      'wf-elig',
    ]);
    expect(d.neighborhood.nodes.find((n) => n.id === 'svc-ch1')!.dependents).toBe(2);
    expect(d.neighborhood.edges).toContainEqual({
      source: 'svc-ch1',
      target: 'sup-ch1',
      type: 'PROVIDED_BY',
    });
    const bad = await api.gql(
      '{ neighborhood(id: "svc-ch1", depth: 9) { truncated } }',
      {},
      { role: 'VIEWER' },
    );
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('scenarios', () => {
  it('saves, lists, reopens and compares what-ifs', async () => {
    const save = `mutation S($input: ScenarioInput!) { saveScenario(input: $input) { id name author report { summary { workflowsFailed } } } }`;
    const a = await ok<{ saveScenario: { id: string; report: { summary: { workflowsFailed: number } } } }>(
      save,
      { input: { name: 'Clearinghouse 48 h', impact: { failed: [{ id: 'sup-ch1' }], durationHours: 48 } } },
      'ANALYST',
    );
    expect(a.saveScenario.report.summary.workflowsFailed).toBe(1);
    const b = await ok<{ saveScenario: { id: string } }>(
      save,
      { input: { name: 'Cloud down', impact: { failed: [{ id: 'sup-cloud' }] } } },
      'ANALYST',
    );
    const list = await ok<{ scenarios: { name: string }[] }>('{ scenarios { name } }');
    expect(list.scenarios.map((s) => s.name).sort()).toEqual(['Clearinghouse 48 h', 'Cloud down']);
    // Reopened by id: the what-if as saved, and its report.
    const reopened = await ok<{
      scenario: {
        id: string;
        name: string;
        failed: { id: string }[];
        durationHours: number | null;
        report: { summary: { workflowsFailed: number } };
      };
    }>(
      'query R($id: ID!) { scenario(id: $id) { id name failed { id } durationHours report { summary { workflowsFailed } } } }',
      { id: a.saveScenario.id },
    );
    expect(reopened.scenario).toEqual({
      id: a.saveScenario.id,
      name: 'Clearinghouse 48 h',
      failed: [{ id: 'sup-ch1' }],
      durationHours: 48,
      report: { summary: { workflowsFailed: 1 } },
    });
    const cmp = await ok<{
      compareScenarios: {
        onlyA: { entity: { id: string } }[];
        onlyB: { entity: { id: string } }[];
        both: number;
      };
    }>(
      'query C($a: ID!, $b: ID!) { compareScenarios(a: $a, b: $b) { onlyA { entity { id } } onlyB { entity { id } } both } }',
      { a: a.saveScenario.id, b: b.saveScenario.id },
    );
    expect(cmp.compareScenarios.onlyA.map((x) => x.entity.id).sort()).toEqual([
      'sup-ch1',
      'svc-ch1',
      'wf-claims',
    ]);
    expect(cmp.compareScenarios.onlyB.map((x) => x.entity.id).sort()).toEqual([
      'sup-cloud',
      'svc-cloud',
      'svc-pbm',
      'wf-dispense',
    ]);
    expect(cmp.compareScenarios.both).toBe(0);
  });

  it('refuses to save a scenario naming an unknown entity', async () => {
    const res = await api.gql(
      'mutation { saveScenario(input: { name: "x", impact: { failed: [{ id: "ghost" }] } }) { id } }',
      {},
      { role: 'ANALYST' },
    );
    expect(res.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
