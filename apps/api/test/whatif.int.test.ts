// What-if changes through the API on a real Neo4j (issue 14 item 1): a report
// simulated with `changes` equals the report of the same input after the same changes
// were made with the edit mutations (addDependency, removeDependency, upsertEntity);
// changes are never written; saved scenarios keep them; bad changes are refused naming
// the change.
//
// Hand-built ecosystem (test/fixtures/hand-built.ts), sup-ch1 and sup-cloud failing
// for 48 h. The changes: wf-claims gets the second clearinghouse as an alternative (its
// svc-ch1 edge joins group "alt" with svc-ch2), wf-dispense leaves svc-pbm for
// svc-cloud at strength 0.5, wf-er comes to depend on svc-pbm, and wf-elig's workaround
// holds 60 h at 40 %.
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

const CHANGES = [
  { addDependency: { from: 'wf-claims', to: 'svc-ch1', group: 'alt' } },
  { addDependency: { from: 'wf-claims', to: 'svc-ch2', group: 'alt' } },
  { removeDependency: { from: 'wf-dispense', to: 'svc-pbm' } },
  { addDependency: { from: 'wf-dispense', to: 'svc-cloud', strength: 0.5 } },
  { addDependency: { from: 'wf-er', to: 'svc-pbm' } },
  { setWorkflow: { id: 'wf-elig', toleranceHours: 60, workaroundCapacity: 0.4 } },
];
const BASE = { failed: [{ id: 'sup-ch1' }, { id: 'sup-cloud' }], durationHours: 48 };

// Everything a report shows, in full (one page holds every row here).
const REPORT = `
  summary {
    failed degraded workflowsFailed workflowsDegraded organizationsAffected
    functions { function { id } capacityLoss failedWorkflows degradedWorkflows }
  }
  affected(first: 50, orderBy: { field: NAME }) {
    totalCount
    edges { node { entity { id } state disruptedAtHours failedAtHours inoperability because reason } }
  }
  organizations(first: 50) {
    totalCount types
    edges { node { organization { id } state firstClinicalFailureAtHours workflowsFailed workflowsDegraded
                   criticalFunctionsHit criticalFunctions { id } } }
  }
  timeline { atHours degraded failed }
  graphVersion`;
const IMPACT = `query I($input: ImpactInput!) { impact(input: $input) { ${REPORT} } }`;

type Report = Record<string, unknown> & { graphVersion: string };

async function report(input: unknown): Promise<Report> {
  const r = await api.gql<{ impact: Report }>(IMPACT, { input }, { role: 'VIEWER' });
  expect(r.errors).toBeUndefined();
  return r.data!.impact;
}

const withoutVersion = ({ graphVersion: _v, ...rest }: Report) => rest;

async function edit(query: string, variables: Record<string, unknown>) {
  const r = await api.gql(query, variables, { role: 'ANALYST' });
  expect(r.errors).toBeUndefined();
}

/** The same changes made for real, with the explorer's edit mutations. */
async function applyWithMutations() {
  const ADD = 'mutation A($input: DependencyInput!) { addDependency(input: $input) { version } }';
  const REMOVE = 'mutation R($from: ID!, $to: ID!) { removeDependency(from: $from, to: $to) }';
  await edit(ADD, { input: { from: 'wf-claims', to: 'svc-ch1', group: 'alt' } });
  await edit(ADD, { input: { from: 'wf-claims', to: 'svc-ch2', group: 'alt' } });
  await edit(REMOVE, { from: 'wf-dispense', to: 'svc-pbm' });
  await edit(ADD, { input: { from: 'wf-dispense', to: 'svc-cloud', strength: 0.5 } });
  await edit(ADD, { input: { from: 'wf-er', to: 'svc-pbm' } });
  const wf = handBuilt().workflows.find((w) => w.id === 'wf-elig')!;
  await edit('mutation U($input: EntityInput!) { upsertEntity(input: $input) { id } }', {
    input: { ...wf, kind: 'WORKFLOW', toleranceHours: 60, workaroundCapacity: 0.4 },
  });
}

describe('impact with what-if changes', () => {
  it('equals the report after the same changes made with the edit mutations, and writes nothing', async () => {
    const before = await report(BASE);
    const changed = await report({ ...BASE, changes: CHANGES });
    // The changes matter here: the baseline differs from the changed report.
    expect(withoutVersion(changed)).not.toEqual(withoutVersion(before));
    // Nothing was written: same graph version, same baseline.
    const again = await report(BASE);
    expect(again.graphVersion).toBe(before.graphVersion);
    expect(again).toEqual(before);

    await applyWithMutations();
    const edited = await report(BASE);
    expect(edited.graphVersion).not.toBe(before.graphVersion);
    expect(withoutVersion(edited)).toEqual(withoutVersion(changed));
  });

  it('answers the CSV export with the changes, row for row as the edited map', async () => {
    const csv = async (input: unknown) => {
      const q = new URLSearchParams({ input: JSON.stringify(input), orderBy: 'NAME' });
      const res = await fetch(`${api.url}/export/impact.csv?${q}`, {
        headers: { authorization: `Bearer ${await api.token('VIEWER')}` },
      });
      expect(res.status).toBe(200);
      return res.text();
    };
    const changed = await csv({ ...BASE, changes: CHANGES });
    expect(changed).not.toBe(await csv(BASE));
    await applyWithMutations();
    expect(await csv(BASE)).toBe(changed);
  });

  it('marks an entity unaffected: it and its organization drop out of the tables', async () => {
    const input = { failed: [{ id: 'sup-ch1' }], durationHours: 48 };
    const before = (await report(input)) as unknown as {
      affected: { edges: { node: { entity: { id: string } } }[] };
      organizations: { totalCount: number };
    };
    expect(before.affected.edges.map((e) => e.node.entity.id)).toContain('wf-claims');
    expect(before.organizations.totalCount).toBe(1);
    const shielded = (await report({
      ...input,
      changes: [{ unaffected: { id: 'wf-claims' } }],
    })) as unknown as typeof before;
    expect(shielded.affected.edges.map((e) => e.node.entity.id)).not.toContain('wf-claims');
    // wf-elig keeps svc-ch2 and wf-claims no longer fails: the hospital is unaffected.
    expect(shielded.organizations.totalCount).toBe(0);
  });

  it('refuses a bad change with BAD_USER_INPUT naming it, and nothing else', async () => {
    const refused = async (changes: unknown[], message: string) => {
      const r = await api.gql(IMPACT, { input: { ...BASE, changes } }, { role: 'VIEWER' });
      expect(r.data).toBeNull();
      expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(r.errors?.[0]?.message).toBe(message);
    };
    await refused(
      [
        { setWorkflow: { id: 'wf-elig', toleranceHours: 2 } },
        { addDependency: { from: 'wf-er', to: 'ghost' } },
      ],
      "input.changes[1].addDependency.to: no entity has id 'ghost'",
    );
    await refused(
      [{ addDependency: { from: 'wf-er', to: 'wf-er' } }],
      'input.changes[0].addDependency.to: an entity cannot depend on itself',
    );
    await refused(
      [{ removeDependency: { from: 'wf-er', to: 'svc-ch1' } }],
      'input.changes[0].removeDependency: wf-er does not depend on svc-ch1',
    );
    await refused(
      [{ setWorkflow: { id: 'svc-ch1', toleranceHours: 2 } }],
      'input.changes[0].setWorkflow.id: svc-ch1 is not a workflow',
    );
    await refused(
      [{ setWorkflow: { id: 'wf-er', workaroundCapacity: 1.5 } }],
      'input.changes[0].setWorkflow.workaroundCapacity: must be a number from 0 to 1',
    );
    await refused(
      [{ removeDependency: { from: 'wf-er', to: 'svc-ch1' }, setWorkflow: { id: 'wf-er' } }],
      'input.changes[0]: set exactly one of addDependency, removeDependency, setWorkflow, unaffected (found 2)',
    );
    // A domain rule: nothing depends on an organization.
    const r = await api.gql(
      IMPACT,
      { input: { ...BASE, changes: [{ addDependency: { from: 'wf-er', to: 'org-hosp' } }] } },
      { role: 'VIEWER' },
    );
    expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(r.errors?.[0]?.message).toMatch(/^input\.changes\[0\]: /);
  });
});

describe('saved scenarios with changes', () => {
  const SAVE = `mutation S($input: ScenarioInput!) {
    saveScenario(input: $input) {
      id
      changes {
        addDependency { from to group strength }
        removeDependency { from to }
        setWorkflow { id toleranceHours workaroundCapacity }
        unaffected { id }
      }
      report { ${REPORT} }
    }
  }`;

  it('stores the changes, returns them in GraphChange form and simulates with them', async () => {
    const saved = await api.gql<{
      saveScenario: { id: string; changes: Record<string, unknown>[]; report: Report };
    }>(
      SAVE,
      { input: { name: 'two clearinghouses', impact: { ...BASE, changes: CHANGES } } },
      { role: 'ANALYST' },
    );
    expect(saved.errors).toBeUndefined();
    const s = saved.data!.saveScenario;
    expect(s.changes).toEqual([
      {
        addDependency: { from: 'wf-claims', to: 'svc-ch1', group: 'alt', strength: null },
        removeDependency: null,
        setWorkflow: null,
        unaffected: null,
      },
      {
        addDependency: { from: 'wf-claims', to: 'svc-ch2', group: 'alt', strength: null },
        removeDependency: null,
        setWorkflow: null,
        unaffected: null,
      },
      {
        addDependency: null,
        removeDependency: { from: 'wf-dispense', to: 'svc-pbm' },
        setWorkflow: null,
        unaffected: null,
      },
      {
        addDependency: { from: 'wf-dispense', to: 'svc-cloud', group: null, strength: 0.5 },
        removeDependency: null,
        setWorkflow: null,
        unaffected: null,
      },
      {
        addDependency: { from: 'wf-er', to: 'svc-pbm', group: null, strength: null },
        removeDependency: null,
        setWorkflow: null,
        unaffected: null,
      },
      {
        addDependency: null,
        removeDependency: null,
        setWorkflow: { id: 'wf-elig', toleranceHours: 60, workaroundCapacity: 0.4 },
        unaffected: null,
      },
    ]);
    expect(withoutVersion(s.report)).toEqual(withoutVersion(await report({ ...BASE, changes: CHANGES })));

    // Compared with the same failure without changes: the alternative spares wf-claims.
    const plain = await api.gql<{ saveScenario: { id: string } }>(
      'mutation S($input: ScenarioInput!) { saveScenario(input: $input) { id } }',
      { input: { name: 'as mapped', impact: BASE } },
      { role: 'ANALYST' },
    );
    const cmp = await api.gql<{
      compareScenarios: {
        onlyA: { entity: { id: string } }[];
        changes: { entity: { id: string }; change: string }[];
      };
    }>(
      'query C($a: ID!, $b: ID!) { compareScenarios(a: $a, b: $b) { onlyA { entity { id } } changes { entity { id } change } } }',
      { a: plain.data!.saveScenario.id, b: s.id },
      { role: 'VIEWER' },
    );
    expect(cmp.errors).toBeUndefined();
    expect(cmp.data!.compareScenarios.onlyA.map((x) => x.entity.id)).toContain('wf-claims');
  });

  it('refuses to save a scenario whose change is bad, naming it', async () => {
    const r = await api.gql(
      SAVE,
      {
        input: {
          name: 'bad',
          impact: { ...BASE, changes: [{ removeDependency: { from: 'wf-er', to: 'svc-ch1' } }] },
        },
      },
      { role: 'ANALYST' },
    );
    expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(r.errors?.[0]?.message).toBe(
      'input.impact.changes[0].removeDependency: wf-er does not depend on svc-ch1',
    );
    const list = await api.gql<{ scenarios: unknown[] }>('{ scenarios { id } }', {}, { role: 'VIEWER' });
    expect(list.data!.scenarios).toEqual([]);
  });
});

describe('mitigations and plan', () => {
  const MITIGATION = `kind explanation workflowsSaved organizationsSpared capacityLossReduction
    functions { function { id } reduction }
    change { addDependency { from to group strength } removeDependency { from to }
             setWorkflow { id toleranceHours workaroundCapacity } unaffected { id } }
    changes { addDependency { from to group strength } removeDependency { from to }
              setWorkflow { id toleranceHours workaroundCapacity } unaffected { id } }`;
  interface M {
    kind: string;
    explanation: string;
    workflowsSaved: number;
    organizationsSpared: number;
    capacityLossReduction: number;
    change: Record<string, unknown>;
    changes: Record<string, unknown>[];
  }
  const INPUT = { failed: [{ id: 'sup-ch1' }], durationHours: 72 };
  const summary = async (input: unknown) =>
    (
      await api.gql<{ impact: { summary: { workflowsFailed: number; organizationsAffected: number } } }>(
        'query I($input: ImpactInput!) { impact(input: $input) { summary { workflowsFailed organizationsAffected } } }',
        { input },
        { role: 'VIEWER' },
      )
    ).data!.impact.summary;
  // Sent back as input: only the member a change sets.
  const asInput = (changes: Record<string, unknown>[]) =>
    changes.map((c) => Object.fromEntries(Object.entries(c).filter(([, v]) => v !== null)));

  beforeEach(async () => {
    // The two clearinghouse services share a category, so one is the other's alternative.
    const t = handBuilt();
    for (const s of t.services)
      if (s.id === 'svc-ch1' || s.id === 'svc-ch2') s.category = 'Claims clearinghouse';
    await resetDatabase(store);
    await storeImport(store, t, { actor: 'test' });
  });

  it('ranks changes whose stated effect equals a fresh simulation with them', async () => {
    const r = await api.gql<{ mitigations: M[] }>(
      `query Q($input: ImpactInput!) { mitigations(input: $input, workaroundHours: 48) { ${MITIGATION} } }`,
      { input: INPUT },
      { role: 'VIEWER' },
    );
    expect(r.errors).toBeUndefined();
    const found = r.data!.mitigations;
    // wf-claims fails at 24 h on svc-ch1 alone: an alternative (svc-ch2), a 48 h longer
    // workaround (72 h: it holds to the end) or dropping the dependency each save it.
    expect(found.map((m) => m.kind).sort()).toEqual(['ADD_ALTERNATIVE', 'REMOVE_SPOF', 'WORKAROUND']);
    const alt = found.find((m) => m.kind === 'ADD_ALTERNATIVE')!;
    expect(alt.change).toMatchObject({ addDependency: { from: 'wf-claims', to: 'svc-ch2' } });
    expect(alt.changes).toHaveLength(2);
    const before = await summary(INPUT);
    for (const m of found) {
      const after = await summary({ ...INPUT, changes: asInput(m.changes) });
      expect(m.workflowsSaved).toBe(before.workflowsFailed - after.workflowsFailed);
      expect(m.organizationsSpared).toBe(before.organizationsAffected - after.organizationsAffected);
      expect(m.workflowsSaved).toBe(1);
    }
  });

  it('plans greedy steps with their cumulative effect, and refuses bad arguments naming them', async () => {
    const input = { failed: [{ id: 'sup-ch1' }, { id: 'sup-pbm' }], durationHours: 72 };
    const r = await api.gql<{ plan: M[] }>(
      `query Q($input: ImpactInput!) { plan(input: $input, steps: 2, kinds: [REMOVE_SPOF]) { ${MITIGATION} } }`,
      { input },
      { role: 'VIEWER' },
    );
    expect(r.errors).toBeUndefined();
    const plan = r.data!.plan;
    expect(plan).toHaveLength(2);
    const before = await summary(input);
    const made: Record<string, unknown>[] = [];
    for (const step of plan) {
      made.push(...asInput(step.changes));
      const after = await summary({ ...input, changes: made });
      expect(step.workflowsSaved).toBe(before.workflowsFailed - after.workflowsFailed);
    }
    expect(plan[1]!.workflowsSaved).toBe(2);

    const bad = async (query: string, field: RegExp) => {
      const x = await api.gql(query, { input }, { role: 'VIEWER' });
      expect(x.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(x.errors?.[0]?.message).toMatch(field);
    };
    await bad('query Q($input: ImpactInput!) { mitigations(input: $input, first: 0) { kind } }', /^first: /);
    await bad('query Q($input: ImpactInput!) { plan(input: $input, steps: 11) { kind } }', /^steps: /);
    await bad(
      'query Q($input: ImpactInput!) { mitigations(input: $input, workaroundHours: -2) { kind } }',
      /^workaroundHours: /,
    );
    const x = await api.gql(
      'query Q($input: ImpactInput!) { mitigations(input: $input) { kind } }',
      { input: { ...input, changes: [{ unaffected: { id: 'ghost' } }] } },
      { role: 'VIEWER' },
    );
    expect(x.errors?.[0]?.message).toBe("input.changes[0].unaffected.id: no entity has id 'ghost'");
  });
});
