// The values of saved scenarios no other test checks (issue 17 item 2), on the widened
// hand-built ecosystem (test/fixtures/hand-built-wide.ts): every Scenario field,
// scenario(id), deleteScenario, ScenarioComparison.functions, and a report computed on
// the graph as it is now, not as it was when the scenario was saved.
import { importTemplate } from '@smart/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handBuiltWide } from '../../../test/fixtures/hand-built-wide';
import { type TestApi, startTestApi } from '../../../test/support/api';
import { resetDatabase, testStore } from '../../../test/support/neo4j';

const store = testStore();
let api: TestApi;

beforeAll(async () => {
  await resetDatabase(store);
  await importTemplate(store, handBuiltWide(), { actor: 'test' });
  api = await startTestApi(store);
});
afterAll(async () => {
  await api?.close();
  await store.close();
});

async function ok<T>(
  query: string,
  variables: Record<string, unknown> = {},
  role: 'VIEWER' | 'ANALYST' | 'ADMIN' = 'VIEWER',
) {
  const res = await api.gql<T>(query, variables, { role });
  expect(res.errors).toBeUndefined();
  return res.data!;
}

const FIELDS = `id name failed { id inoperability } durationHours model notes author createdAt
  report { graphVersion summary { failed degraded workflowsFailed workflowsDegraded organizationsAffected
    functions { function { id } capacityLoss failedWorkflows degradedWorkflows } } }`;
interface Scenario {
  id: string;
  name: string;
  failed: { id: string; inoperability: number }[];
  durationHours: number | null;
  model: string;
  notes: string | null;
  author: string;
  createdAt: string;
  report: {
    graphVersion: string;
    summary: {
      failed: number;
      degraded: number;
      workflowsFailed: number;
      workflowsDegraded: number;
      organizationsAffected: number;
      functions: {
        function: { id: string };
        capacityLoss: number;
        failedWorkflows: number;
        degradedWorkflows: number;
      }[];
    };
  };
}
const SAVE = `mutation($input: ScenarioInput!) { saveScenario(input: $input) { ${FIELDS} } }`;
const ONE = `query($id: ID!) { scenario(id: $id) { ${FIELDS} } }`;
const save = async (input: Record<string, unknown>) =>
  (await ok<{ saveScenario: Scenario }>(SAVE, { input }, 'ANALYST')).saveScenario;

// Saved in order by the tests below, which continue from each other as a user would.
let cloud: Scenario;
let partial: Scenario;
let pair: Scenario;

describe('saving and reopening', () => {
  it('keeps every field as given, with its author and time, and reports the impact', async () => {
    const before = Date.now();
    cloud = await save({
      name: '  Cloud region down 6 h ',
      notes: 'Tabletop, March',
      impact: { failed: [{ id: 'sup-cloud' }], durationHours: 6 },
    });
    const after = Date.now();
    expect(cloud).toMatchObject({
      name: 'Cloud region down 6 h', // trimmed
      failed: [{ id: 'sup-cloud', inoperability: 1 }], // the default c* = 1
      durationHours: 6,
      model: 'DISCRETE',
      notes: 'Tabletop, March',
      author: 'test-analyst',
    });
    expect(Date.parse(cloud.createdAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(cloud.createdAt)).toBeLessThanOrEqual(after + 1000);
    // sup-cloud for 6 h: the supplier, svc-cloud, svc-cloud-backup, svc-pbm, svc-ehr and
    // the EHR asset fail at once; dispensing fails at 2 h (7 FAILED). Clinic visits hold 8 h
    // at 50 %: DEGRADED. cf-care loses (300 + 100 × 0.5) / 500 = 0.7.
    expect(cloud.report.summary).toEqual({
      failed: 7,
      degraded: 1,
      workflowsFailed: 1,
      workflowsDegraded: 1,
      organizationsAffected: 2,
      functions: [
        {
          function: { id: 'cf-care' },
          capacityLoss: expect.closeTo(0.7, 10),
          failedWorkflows: 1,
          degradedWorkflows: 1,
        },
      ],
    });
  });

  it('an inoperability scenario keeps its c* and model, with no duration and no notes', async () => {
    partial = await save({
      name: 'PBM at 40 %',
      impact: { failed: [{ id: 'svc-pbm', inoperability: 0.4 }], model: 'INOPERABILITY' },
    });
    expect(partial).toMatchObject({
      failed: [{ id: 'svc-pbm', inoperability: 0.4 }],
      durationHours: null,
      model: 'INOPERABILITY',
      notes: null,
    });
    // q(svc-pbm) = 0.4, dispensing depends on it with strength 1: q = 0.4, both DEGRADED;
    // cf-care loses 300 × 0.4 / 500 = 0.24.
    expect(partial.report.summary).toMatchObject({
      failed: 0,
      degraded: 2,
      workflowsFailed: 0,
      workflowsDegraded: 1,
      organizationsAffected: 1,
    });
    expect(partial.report.summary.functions).toEqual([
      {
        function: { id: 'cf-care' },
        capacityLoss: expect.closeTo(0.24, 10),
        failedWorkflows: 0,
        degradedWorkflows: 1,
      },
    ]);
  });

  it('scenario(id) reopens it with the same fields; an unknown id is null', async () => {
    const { scenario } = await ok<{ scenario: Scenario }>(ONE, { id: cloud.id });
    expect(scenario).toEqual(cloud);
    const missing = await ok<{ scenario: null }>(ONE, { id: 'no-such-scenario' });
    expect(missing.scenario).toBeNull();
  });

  it('scenarios lists them newest first', async () => {
    pair = await save({
      name: 'Clearinghouse and PBM 12 h',
      impact: { failed: [{ id: 'sup-ch1' }, { id: 'sup-pbm' }], durationHours: 12 },
    });
    const { scenarios } = await ok<{ scenarios: { id: string; name: string }[] }>(
      '{ scenarios { id name } }',
    );
    expect(scenarios.map((s) => s.id)).toEqual([pair.id, partial.id, cloud.id]);
  });
});

describe('comparing', () => {
  it('functions: each critical function’s capacity loss in A and in B, 0 where a scenario leaves it alone', async () => {
    // A (cloud 6 h): cf-care 0.7. B (clearinghouse and PBM 12 h): claims hold 24 h at 25 %,
    // cf-pay loses 1000 × 0.75 / 1500 = 0.5; dispensing fails at 2 h, cf-care loses 300/500.
    // Both break svc-pbm and dispensing.
    const { compareScenarios } = await ok<{
      compareScenarios: {
        a: { id: string };
        b: { id: string };
        both: number;
        functions: { function: { id: string }; capacityLossA: number; capacityLossB: number }[];
      };
    }>(
      `query($a: ID!, $b: ID!) { compareScenarios(a: $a, b: $b) { a { id } b { id } both
        functions { function { id } capacityLossA capacityLossB } } }`,
      { a: cloud.id, b: pair.id },
    );
    expect(compareScenarios).toEqual({
      a: { id: cloud.id },
      b: { id: pair.id },
      both: 2,
      functions: [
        {
          function: { id: 'cf-care' },
          capacityLossA: expect.closeTo(0.7, 10),
          capacityLossB: expect.closeTo(0.6, 10),
        },
        { function: { id: 'cf-pay' }, capacityLossA: 0, capacityLossB: expect.closeTo(0.5, 10) },
      ],
    });
  });
});

describe('the report is computed on the graph as it is now', () => {
  it('after dispensing stops depending on the PBM, the saved cloud scenario no longer fails it', async () => {
    const removed = await ok<{ removeDependency: boolean }>(
      'mutation { removeDependency(from: "wf-dispense", to: "svc-pbm") }',
      {},
      'ANALYST',
    );
    expect(removed.removeDependency).toBe(true);
    const { scenario } = await ok<{ scenario: Scenario }>(ONE, { id: cloud.id });
    // The saved fields are as they were…
    expect({ ...scenario, report: null }).toEqual({ ...cloud, report: null });
    // …the report is not: 6 FAILED (not dispensing), visits DEGRADED, only org-clinic; cf-care 50/500.
    expect(Number(scenario.report.graphVersion)).toBeGreaterThan(Number(cloud.report.graphVersion));
    expect(scenario.report.summary).toEqual({
      failed: 6,
      degraded: 1,
      workflowsFailed: 0,
      workflowsDegraded: 1,
      organizationsAffected: 1,
      functions: [
        {
          function: { id: 'cf-care' },
          capacityLoss: expect.closeTo(0.1, 10),
          failedWorkflows: 0,
          degradedWorkflows: 1,
        },
      ],
    });
  });
});

describe('deleteScenario', () => {
  const DELETE = 'mutation($id: ID!) { deleteScenario(id: $id) }';

  it('removes it from scenario(id), the list and comparisons, and records who did', async () => {
    const res = await ok<{ deleteScenario: boolean }>(DELETE, { id: cloud.id }, 'ANALYST');
    expect(res.deleteScenario).toBe(true);
    expect((await ok<{ scenario: null }>(ONE, { id: cloud.id })).scenario).toBeNull();
    const { scenarios } = await ok<{ scenarios: { id: string }[] }>('{ scenarios { id } }');
    expect(scenarios.map((s) => s.id)).toEqual([pair.id, partial.id]);
    const cmp = await api.gql(
      'query($a: ID!, $b: ID!) { compareScenarios(a: $a, b: $b) { both } }',
      { a: cloud.id, b: pair.id },
      { role: 'VIEWER' },
    );
    expect(cmp.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(cmp.errors?.[0]?.message).toBe(`a: no scenario has id '${cloud.id}'`);
    const { auditEvents } = await ok<{ auditEvents: { action: string; target: string; actor: string }[] }>(
      '{ auditEvents(first: 1) { action target actor } }',
      {},
      'ADMIN',
    );
    expect(auditEvents[0]).toEqual({ action: 'deleteScenario', target: cloud.id, actor: 'test-analyst' });
  });

  it('a second delete, or an unknown id, is false and removes nothing', async () => {
    expect((await ok<{ deleteScenario: boolean }>(DELETE, { id: cloud.id }, 'ANALYST')).deleteScenario).toBe(
      false,
    );
    expect((await ok<{ deleteScenario: boolean }>(DELETE, { id: 'nope' }, 'ANALYST')).deleteScenario).toBe(
      false,
    );
    const { scenarios } = await ok<{ scenarios: { id: string }[] }>('{ scenarios { id } }');
    expect(scenarios.map((s) => s.id)).toEqual([pair.id, partial.id]);
  });

  it('a viewer may not delete', async () => {
    const res = await api.gql(DELETE, { id: pair.id }, { role: 'VIEWER' });
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await ok<{ scenario: { id: string } }>(ONE, { id: pair.id })).scenario.id).toBe(pair.id);
  });
});
