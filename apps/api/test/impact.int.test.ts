// The analysis API on a real Neo4j, against figures worked out by hand
// (see test/fixtures/hand-built.ts for the ecosystem).
import { importTemplate } from '@smart/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApi, startTestApi } from '../../../test/support/api';
import { handBuilt } from '../../../test/fixtures/hand-built';
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

const IMPACT = `query Impact($input: ImpactInput!, $first: Int = 1000) {
  impact(input: $input) {
    graphVersion
    summary { failed degraded workflowsFailed workflowsDegraded organizationsAffected
      functions { function { id } capacityLoss failedWorkflows degradedWorkflows } }
    affected(first: $first) { totalCount edges { node {
      entity { id kind name } state disruptedAtHours failedAtHours inoperability because } } }
  }
}`;

interface Report {
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
  affected: Affected[];
}
interface Affected {
  entity: { id: string; kind: string };
  state: string;
  disruptedAtHours: number;
  failedAtHours: number | null;
  inoperability: number | null;
  because: string[];
}

async function impact(input: Record<string, unknown>): Promise<Report> {
  type Paged = Omit<Report, 'affected'> & { affected: { totalCount: number; edges: { node: Affected }[] } };
  const res = await api.gql<{ impact: Paged }>(IMPACT, { input }, { role: 'VIEWER' });
  expect(res.errors).toBeUndefined();
  const r = res.data!.impact;
  expect(r.affected.edges).toHaveLength(r.affected.totalCount);
  return { ...r, affected: r.affected.edges.map((e) => e.node) };
}
const byId = (r: Report) => Object.fromEntries(r.affected.map((a) => [a.entity.id, a]));

describe('impact, discrete model', () => {
  it('dominant clearinghouse out for 48 h: claims fail at their 24 h tolerance, eligibility holds on the alternative', async () => {
    const r = await impact({ failed: [{ id: 'sup-ch1' }], durationHours: 48 });
    const a = byId(r);
    expect(Object.keys(a).sort()).toEqual(['sup-ch1', 'svc-ch1', 'wf-claims']);
    expect(a['sup-ch1']).toMatchObject({
      state: 'FAILED',
      disruptedAtHours: 0,
      failedAtHours: 0,
      because: ['sup-ch1'],
    });
    expect(a['svc-ch1']).toMatchObject({
      state: 'FAILED',
      disruptedAtHours: 0,
      because: ['svc-ch1', 'sup-ch1'],
    });
    expect(a['wf-claims']).toMatchObject({
      state: 'FAILED',
      disruptedAtHours: 0,
      failedAtHours: 24,
      because: ['wf-claims', 'svc-ch1', 'sup-ch1'],
    });
    expect(r.summary).toMatchObject({
      failed: 3,
      degraded: 0,
      workflowsFailed: 1,
      workflowsDegraded: 0,
      organizationsAffected: 1,
    });
    // cf-pay: claims (1000/day) failed of 1000 + 500
    expect(r.summary.functions).toHaveLength(1);
    expect(r.summary.functions[0]!.function.id).toBe('cf-pay');
    expect(r.summary.functions[0]!.capacityLoss).toBeCloseTo(1000 / 1500, 10);
  });

  it('the same outage for 12 h leaves claims degraded on the workaround', async () => {
    const r = await impact({ failed: [{ id: 'sup-ch1' }], durationHours: 12 });
    expect(byId(r)['wf-claims']).toMatchObject({
      state: 'DEGRADED',
      disruptedAtHours: 0,
      failedAtHours: null,
    });
    expect(r.summary).toMatchObject({ failed: 2, degraded: 1, workflowsFailed: 0, workflowsDegraded: 1 });
    // degraded at 25 % capacity: 1000 × 0.75 / 1500
    expect(r.summary.functions[0]!.capacityLoss).toBeCloseTo(0.5, 10);
    expect(r.summary.functions[0]).toMatchObject({ failedWorkflows: 0, degradedWorkflows: 1 });
  });

  it('both clearinghouses out: eligibility fails after its 4 h tolerance', async () => {
    const r = await impact({ failed: [{ id: 'sup-ch1' }, { id: 'sup-ch2' }], durationHours: 48 });
    expect(byId(r)['wf-elig']).toMatchObject({ state: 'FAILED', disruptedAtHours: 0, failedAtHours: 4 });
    expect(r.summary.functions[0]!.capacityLoss).toBeCloseTo(1, 10);
  });

  it('cloud provider out indefinitely: pharmacy dispensing through the PBM on that cloud fails', async () => {
    const r = await impact({ failed: [{ id: 'sup-cloud' }] });
    const a = byId(r);
    expect(a['wf-dispense']).toMatchObject({
      state: 'FAILED',
      failedAtHours: 2,
      because: ['wf-dispense', 'svc-pbm', 'svc-cloud', 'sup-cloud'],
    });
    expect(a['wf-claims']).toBeUndefined();
    expect(r.summary.organizationsAffected).toBe(1);
    const care = r.summary.functions.find((f) => f.function.id === 'cf-care')!;
    // dispensing (300/day) of 300 + 100
    expect(care.capacityLoss).toBeCloseTo(0.75, 10);
  });
});

describe('entities named by an analysis', () => {
  it('carry every field: id, name and kind from the projection, the rest read on demand', async () => {
    const res = await api.gql<{
      impact: { affected: { edges: { node: { entity: Record<string, unknown> } }[] } };
    }>(
      `query($first: Int = 1000) { impact(input: { failed: [{ id: "sup-ch1" }], durationHours: 48 }) { affected(first: $first) { edges { node { entity {
          id name kind ... on Workflow { toleranceHours organization { id name } } ... on Service { supplier { id } } } } } } } }`,
      {},
      { role: 'VIEWER' },
    );
    expect(res.errors).toBeUndefined();
    const entities = Object.fromEntries(
      res.data!.impact.affected.edges.map(({ node: a }) => [a.entity.id, a.entity]),
    );
    expect(entities['wf-claims']).toEqual({
      id: 'wf-claims',
      name: 'Claims submission',
      kind: 'WORKFLOW',
      toleranceHours: 24,
      organization: { id: 'org-hosp', name: 'Riverside General' },
    });
    expect(entities['svc-ch1']).toMatchObject({ kind: 'SERVICE', supplier: { id: 'sup-ch1' } });
  });
});

describe('impact, inoperability model', () => {
  it('a partial perturbation spreads by strength (q = A*q + c*)', async () => {
    const r = await impact({ failed: [{ id: 'svc-cloud', inoperability: 0.4 }], model: 'INOPERABILITY' });
    const a = byId(r);
    // svc-pbm depends on svc-cloud with strength 1: q = 0.4; dispensing on svc-pbm: 0.4
    expect(a['svc-cloud']).toMatchObject({ state: 'DEGRADED' });
    expect(a['svc-cloud']!.inoperability).toBeCloseTo(0.4, 9);
    expect(a['svc-pbm']!.inoperability).toBeCloseTo(0.4, 9);
    expect(a['wf-dispense']!.inoperability).toBeCloseTo(0.4, 9);
  });
});

describe('paths', () => {
  const PATHS = `query P($from: ID!, $to: [EntityKind!]) { paths(from: $from, toKinds: $to) { length nodes { id } } }`;
  it('from the dominant clearinghouse to workflows, shortest first then by ids', async () => {
    const res = await api.gql<{ paths: { length: number; nodes: { id: string }[] }[] }>(
      PATHS,
      { from: 'sup-ch1' },
      { role: 'VIEWER' },
    );
    expect(res.data!.paths.map((p) => p.nodes.map((n) => n.id))).toEqual([
      ['sup-ch1', 'svc-ch1', 'wf-claims'],
      ['sup-ch1', 'svc-ch1', 'wf-elig'],
    ]);
  });
  it('from the cloud provider to critical functions', async () => {
    const res = await api.gql<{ paths: { length: number; nodes: { id: string }[] }[] }>(
      PATHS,
      { from: 'sup-cloud', to: ['CRITICAL_FUNCTION'] },
      { role: 'VIEWER' },
    );
    expect(res.data!.paths).toEqual([
      {
        length: 4,
        nodes: ['sup-cloud', 'svc-cloud', 'svc-pbm', 'wf-dispense', 'cf-care'].map((id) => ({ id })),
      },
    ]);
  });
});

describe('systemic risk', () => {
  it('ranks suppliers with the numbers behind the score', async () => {
    const res = await api.gql<{
      systemicRisk: {
        entity: { id: string };
        directDependents: number;
        workflowsFailed: number;
        singlePointOfFailureFor: number;
        organizationsAffected: number;
        score: number;
        functionsImpaired: number;
      }[];
    }>(
      '{ systemicRisk(first: 10) { entity { id } score directDependents workflowsFailed singlePointOfFailureFor organizationsAffected functionsImpaired } }',
      {},
      { role: 'VIEWER' },
    );
    expect(res.errors).toBeUndefined();
    const r = Object.fromEntries(res.data!.systemicRisk.map((x) => [x.entity.id, x]));
    // sup-ch1: wf-claims and wf-elig depend on its service; only claims fails.
    expect(r['sup-ch1']).toMatchObject({
      directDependents: 2,
      workflowsFailed: 1,
      singlePointOfFailureFor: 1,
      organizationsAffected: 1,
      functionsImpaired: 1,
    });
    // 100 × cf-pay's loss (1000 of 1500) + 10 × one organization + (6 − criticality 2)/5.
    expect(r['sup-ch1']!.score).toBeCloseTo(100 * (1000 / 1500) + 10 + 0.8, 10);
    // sup-ch2 has an alternative in every use: nothing fails.
    expect(r['sup-ch2']).toMatchObject({
      directDependents: 1,
      workflowsFailed: 0,
      singlePointOfFailureFor: 0,
      functionsImpaired: 0,
      score: 0,
    });
    expect(r['sup-cloud']).toMatchObject({ directDependents: 1, workflowsFailed: 1, functionsImpaired: 1 });
    // dispensing (300 of cf-care's 400, criticality 1) at the pharmacy: 75 + 10 + 1.
    expect(r['sup-cloud']!.score).toBeCloseTo(86, 10);
    // Ranked by score: the PBM breaks the same dispensing as the cloud (86, tie broken by
    // id), then the dominant clearinghouse (77.47), then the alternative (0).
    expect(res.data!.systemicRisk.map((x) => x.entity.id)).toEqual([
      'sup-cloud',
      'sup-pbm',
      'sup-ch1',
      'sup-ch2',
    ]);
  });
});

describe('errors', () => {
  it('an unknown id is NOT_FOUND, a bad duration BAD_USER_INPUT', async () => {
    const unknown = await api.gql(IMPACT, { input: { failed: [{ id: 'nope' }] } }, { role: 'VIEWER' });
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const bad = await api.gql(
      IMPACT,
      { input: { failed: [{ id: 'sup-ch1' }], durationHours: -1 } },
      { role: 'VIEWER' },
    );
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(bad.errors?.[0]?.message).toContain('input.durationHours');
  });
});

describe('edits', () => {
  it('an edit followed by an impact query sees the edit', async () => {
    const before = await impact({ failed: [{ id: 'sup-ch1' }], durationHours: 48 });
    expect(byId(before)['wf-claims']).toBeDefined();
    // Claims gets the alternative clearinghouse as a backup in the same group.
    const edit = await api.gql(
      `mutation { a: addDependency(input: {from: "wf-claims", to: "svc-ch1", group: "ch"}) { group }
                  b: addDependency(input: {from: "wf-claims", to: "svc-ch2", group: "ch"}) { group } }`,
      {},
      { role: 'ANALYST' },
    );
    expect(edit.errors).toBeUndefined();
    const after = await impact({ failed: [{ id: 'sup-ch1' }], durationHours: 48 });
    expect(byId(after)['wf-claims']).toBeUndefined();
    expect(Number(after.graphVersion)).toBeGreaterThan(Number(before.graphVersion));
  });

  it('a viewer may not edit', async () => {
    const res = await api.gql(
      'mutation { removeDependency(from: "wf-claims", to: "svc-ch1") }',
      {},
      { role: 'VIEWER' },
    );
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
