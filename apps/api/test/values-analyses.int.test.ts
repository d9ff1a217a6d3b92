// The values of the analysis answers no other test checks (issue 17 item 2), worked out
// by hand on the widened hand-built ecosystem (test/fixtures/hand-built-wide.ts):
// shortestPath, fourthPartyConcentration, concentrationMatrix, RiskRanking.score and
// capacityLoss, neighborhood direction and truncated.
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

async function ok<T>(query: string, variables: Record<string, unknown> = {}) {
  const res = await api.gql<T>(query, variables, { role: 'VIEWER' });
  expect(res.errors).toBeUndefined();
  return res.data!;
}

describe('shortestPath', () => {
  const SHORTEST = `query($from: ID!, $to: ID!) { shortestPath(from: $from, to: $to) { length nodes { id kind } } }`;
  type Path = { length: number; nodes: { id: string; kind: string }[] } | null;

  it('follows dependents and owned services downstream: the cloud reaches clinic visits through its backup service', async () => {
    // sup-cloud → its services svc-cloud, svc-cloud-backup; the asset depends on the
    // backup, the visits on the asset: 3 hops. Through svc-cloud → svc-ehr → asset it is 4.
    const { shortestPath } = await ok<{ shortestPath: Path }>(SHORTEST, {
      from: 'sup-cloud',
      to: 'wf-clinic-visits',
    });
    expect(shortestPath).toEqual({
      length: 3,
      nodes: [
        { id: 'sup-cloud', kind: 'SUPPLIER' },
        { id: 'svc-cloud-backup', kind: 'SERVICE' },
        { id: 'asset-clinic-ehr', kind: 'ASSET' },
        { id: 'wf-clinic-visits', kind: 'WORKFLOW' },
      ],
    });
  });

  it('answers in either direction: from the workflow up to the supplier is the same chain reversed', async () => {
    const { shortestPath } = await ok<{ shortestPath: Path }>(SHORTEST, {
      from: 'wf-clinic-visits',
      to: 'sup-cloud',
    });
    expect(shortestPath!.nodes.map((n) => n.id)).toEqual([
      'wf-clinic-visits',
      'asset-clinic-ehr',
      'svc-cloud-backup',
      'sup-cloud',
    ]);
    expect(shortestPath!.length).toBe(3);
  });

  it('a path of one entity to itself has length 0', async () => {
    const { shortestPath } = await ok<{ shortestPath: Path }>(SHORTEST, { from: 'svc-ehr', to: 'svc-ehr' });
    expect(shortestPath).toEqual({ length: 0, nodes: [{ id: 'svc-ehr', kind: 'SERVICE' }] });
  });

  it('is null between entities no chain connects (a function no workflow supports)', async () => {
    const { shortestPath } = await ok<{ shortestPath: Path }>(SHORTEST, { from: 'cf-orphan', to: 'wf-er' });
    expect(shortestPath).toBeNull();
  });

  it('an unknown id is NOT_FOUND', async () => {
    const res = await api.gql(SHORTEST, { from: 'sup-cloud', to: 'nope' }, { role: 'VIEWER' });
    expect(res.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(res.errors?.[0]?.message).toContain('nope');
  });
});

describe('fourthPartyConcentration', () => {
  const Q = `query($first: Int) { fourthPartyConcentration(first: $first) { entity { id kind } firstTierDependents organizationsReached } }`;
  type Row = {
    entity: { id: string; kind: string };
    firstTierDependents: number;
    organizationsReached: number;
  };

  it('the cloud behind two other suppliers’ first-tier services, not counting its own', async () => {
    // First-tier services (a workflow or asset uses them directly): svc-pbm (org-pharm's
    // dispensing), svc-ehr and svc-cloud-backup (org-clinic's EHR asset), svc-ch1/ch2.
    // svc-cloud is reached from svc-pbm and svc-ehr (other suppliers): 2, reaching
    // org-pharm and org-clinic: 2. svc-cloud-backup is sup-cloud's own, so not counted.
    // sup-cloud (itself or its services) counts the same two. Nothing else sits behind a
    // first-tier service. Ties break by id: sup-cloud before svc-cloud.
    const { fourthPartyConcentration } = await ok<{ fourthPartyConcentration: Row[] }>(Q);
    expect(fourthPartyConcentration).toEqual([
      { entity: { id: 'sup-cloud', kind: 'SUPPLIER' }, firstTierDependents: 2, organizationsReached: 2 },
      { entity: { id: 'svc-cloud', kind: 'SERVICE' }, firstTierDependents: 2, organizationsReached: 2 },
    ]);
    const top = await ok<{ fourthPartyConcentration: Row[] }>(Q, { first: 1 });
    expect(top.fourthPartyConcentration.map((r) => r.entity.id)).toEqual(['sup-cloud']);
  });
});

describe('concentrationMatrix', () => {
  it('counts organizations per supplier category and subsector, directly or one service hop away', async () => {
    // org-hosp (direct patient care): claims and eligibility on svc-ch1/svc-ch2 (two
    //   clearinghouse suppliers), the ER on sup-local (no category: "uncategorised").
    // org-pharm (pharma, labs and blood): dispensing on svc-pbm (pbm), which runs on
    //   svc-cloud (cloud) one hop further.
    // org-clinic (direct patient care): its EHR asset on svc-ehr (ehr) and
    //   svc-cloud-backup (cloud); svc-ehr on svc-cloud is the same cloud supplier.
    const { concentrationMatrix } = await ok<{
      concentrationMatrix: {
        supplierCategory: string;
        subsector: string;
        organizations: number;
        suppliers: number;
      }[];
    }>('{ concentrationMatrix { supplierCategory subsector organizations suppliers } }');
    expect(concentrationMatrix).toEqual([
      { supplierCategory: 'clearinghouse', subsector: 'DIRECT_PATIENT_CARE', organizations: 1, suppliers: 2 },
      { supplierCategory: 'cloud', subsector: 'DIRECT_PATIENT_CARE', organizations: 1, suppliers: 1 },
      { supplierCategory: 'cloud', subsector: 'PHARMA_LABS_BLOOD', organizations: 1, suppliers: 1 },
      { supplierCategory: 'ehr', subsector: 'DIRECT_PATIENT_CARE', organizations: 1, suppliers: 1 },
      { supplierCategory: 'pbm', subsector: 'PHARMA_LABS_BLOOD', organizations: 1, suppliers: 1 },
      { supplierCategory: 'uncategorised', subsector: 'DIRECT_PATIENT_CARE', organizations: 1, suppliers: 1 },
    ]);
  });
});

describe('systemicRisk score and capacityLoss', () => {
  const RISK = `query($hours: Float) { systemicRisk(durationHours: $hours) {
    entity { id } score capacityLoss organizationsAffected workflowsFailed functionsImpaired singlePointOfFailureFor directDependents } }`;
  type Row = {
    entity: { id: string };
    score: number;
    capacityLoss: number;
    organizationsAffected: number;
    workflowsFailed: number;
    functionsImpaired: number;
    singlePointOfFailureFor: number;
    directDependents: number;
  };
  // score = 100 × Σ capacityLoss + 10 × organizationsAffected + Σ_FAILED (6 − criticality)/5
  const ranked = async (hours: number | null) =>
    (await ok<{ systemicRisk: Row[] }>(RISK, { hours })).systemicRisk;

  it('indefinitely: every reached workflow fails', async () => {
    const r = await ranked(null);
    expect(r.map((x) => x.entity.id)).toEqual([
      'sup-cloud',
      'sup-ch1',
      'sup-pbm',
      'sup-local',
      'sup-ehr',
      'sup-ch2',
    ]);
    const by = Object.fromEntries(r.map((x) => [x.entity.id, x]));
    // sup-cloud: dispensing (300, criticality 1) and clinic visits (100, criticality 2)
    // fail; cf-care loses 400/500 = 0.8; org-pharm and org-clinic: 80 + 20 + 1 + 0.8.
    // Direct dependents of it or its services: svc-pbm, svc-ehr, svc-cloud-backup (on
    // svc-cloud) and the clinic's EHR asset (on svc-cloud-backup).
    expect(by['sup-cloud']).toMatchObject({
      organizationsAffected: 2,
      workflowsFailed: 2,
      functionsImpaired: 1,
      singlePointOfFailureFor: 2,
      directDependents: 4,
    });
    expect(by['sup-cloud']!.capacityLoss).toBeCloseTo(0.8, 10);
    expect(by['sup-cloud']!.score).toBeCloseTo(101.8, 10);
    // sup-ch1: claims (1000 of cf-pay's 1500, criticality 2) fail; eligibility has svc-ch2.
    expect(by['sup-ch1']!.capacityLoss).toBeCloseTo(2 / 3, 10);
    expect(by['sup-ch1']!.score).toBeCloseTo(200 / 3 + 10 + 0.8, 10);
    // sup-pbm: dispensing, 300/500 of cf-care, criticality 1: 60 + 10 + 1.
    expect(by['sup-pbm']!.capacityLoss).toBeCloseTo(0.6, 10);
    expect(by['sup-pbm']!.score).toBeCloseTo(71, 10);
    // sup-local: the ER (100/500, criticality 1): 20 + 10 + 1.
    expect(by['sup-local']!.score).toBeCloseTo(31, 10);
    // sup-ehr: clinic visits (100/500, criticality 2): 20 + 10 + 0.8.
    expect(by['sup-ehr']!.capacityLoss).toBeCloseTo(0.2, 10);
    expect(by['sup-ehr']!.score).toBeCloseTo(30.8, 10);
    // sup-ch2 is everywhere an alternative: nothing beyond itself and its service.
    expect(by['sup-ch2']).toMatchObject({ score: 0, capacityLoss: 0, functionsImpaired: 0 });
  });

  it('for 6 hours: workflows whose workaround outlasts the outage are degraded, and the order changes', async () => {
    const r = await ranked(6);
    expect(r.map((x) => x.entity.id)).toEqual([
      'sup-cloud',
      'sup-pbm',
      'sup-ch1',
      'sup-local',
      'sup-ehr',
      'sup-ch2',
    ]);
    const by = Object.fromEntries(r.map((x) => [x.entity.id, x]));
    // sup-cloud: dispensing fails at 2 h; clinic visits (8 h workaround at 50 %) are
    // degraded: cf-care loses (300 + 100 × 0.5)/500 = 0.7; 70 + 20 + 1.
    expect(by['sup-cloud']!.capacityLoss).toBeCloseTo(0.7, 10);
    expect(by['sup-cloud']!.score).toBeCloseTo(91, 10);
    expect(by['sup-cloud']!.workflowsFailed).toBe(1);
    // sup-ch1: claims hold 24 h at 25 %: cf-pay loses 1000 × 0.75 / 1500 = 0.5; 50 + 10, no failure.
    expect(by['sup-ch1']!.capacityLoss).toBeCloseTo(0.5, 10);
    expect(by['sup-ch1']!.score).toBeCloseTo(60, 10);
    expect(by['sup-ch1']!.workflowsFailed).toBe(0);
    // …but indefinitely the claims workflow is still the one it leaves without an alternative.
    expect(by['sup-ch1']!.singlePointOfFailureFor).toBe(1);
    // sup-ehr: visits degraded: 100 × 0.5 / 500 = 0.1; 10 + 10.
    expect(by['sup-ehr']!.score).toBeCloseTo(20, 10);
    expect(by['sup-pbm']!.score).toBeCloseTo(71, 10);
    expect(by['sup-local']!.score).toBeCloseTo(31, 10);
  });
});

describe('neighborhood direction and truncated', () => {
  const N = `query($id: ID!, $depth: Int, $direction: Direction, $limit: Int) {
    neighborhood(id: $id, depth: $depth, direction: $direction, limit: $limit) {
      nodes { id kind dependents } edges { source target type group strength } truncated } }`;
  type Hood = {
    nodes: { id: string; kind: string; dependents: number }[];
    edges: { source: string; target: string; type: string; group: string | null; strength: number | null }[];
    truncated: boolean;
  };
  const hood = async (vars: Record<string, unknown>) =>
    (await ok<{ neighborhood: Hood }>(N, vars)).neighborhood;
  const ids = (h: Hood) => h.nodes.map((n) => n.id).sort();
  const edgeKeys = (h: Hood) => h.edges.map((e) => `${e.source} -${e.type}-> ${e.target}`).sort();

  it('UPSTREAM: what svc-cloud depends on — only its supplier', async () => {
    const h = await hood({ id: 'svc-cloud', direction: 'UPSTREAM' });
    expect(ids(h)).toEqual(['sup-cloud', 'svc-cloud']);
    expect(h.edges).toEqual([
      { source: 'svc-cloud', target: 'sup-cloud', type: 'PROVIDED_BY', group: null, strength: null },
    ]);
    expect(h.truncated).toBe(false);
  });

  it('DOWNSTREAM: who depends on svc-cloud, and at depth 2 who depends on them', async () => {
    const one = await hood({ id: 'svc-cloud', direction: 'DOWNSTREAM' });
    expect(ids(one)).toEqual(['svc-cloud', 'svc-cloud-backup', 'svc-ehr', 'svc-pbm']);
    expect(edgeKeys(one)).toEqual([
      'svc-cloud-backup -DEPENDS_ON-> svc-cloud',
      'svc-ehr -DEPENDS_ON-> svc-cloud',
      'svc-pbm -DEPENDS_ON-> svc-cloud',
    ]);
    // svc-cloud sized by its three dependents.
    expect(one.nodes.find((n) => n.id === 'svc-cloud')!.dependents).toBe(3);
    const two = await hood({ id: 'svc-cloud', direction: 'DOWNSTREAM', depth: 2 });
    // + the EHR asset (on svc-ehr and svc-cloud-backup) and dispensing (on svc-pbm); not
    // the suppliers of those services, which are upstream of them.
    expect(ids(two)).toEqual([
      'asset-clinic-ehr',
      'svc-cloud',
      'svc-cloud-backup',
      'svc-ehr',
      'svc-pbm',
      'wf-dispense',
    ]);
    expect(edgeKeys(two)).toEqual([
      'asset-clinic-ehr -DEPENDS_ON-> svc-cloud-backup',
      'asset-clinic-ehr -DEPENDS_ON-> svc-ehr',
      'svc-cloud-backup -DEPENDS_ON-> svc-cloud',
      'svc-ehr -DEPENDS_ON-> svc-cloud',
      'svc-pbm -DEPENDS_ON-> svc-cloud',
      'wf-dispense -DEPENDS_ON-> svc-pbm',
    ]);
    expect(two.truncated).toBe(false);
  });

  it('BOTH is the union; a limit below what is in reach truncates nearest-first and says so', async () => {
    const all = await hood({ id: 'svc-cloud', direction: 'BOTH' });
    expect(ids(all)).toEqual(['sup-cloud', 'svc-cloud', 'svc-cloud-backup', 'svc-ehr', 'svc-pbm']);
    expect(all.truncated).toBe(false);
    // Exactly as many as in reach: not truncated.
    expect((await hood({ id: 'svc-cloud', limit: 5 })).truncated).toBe(false);
    // Three: the centre, then upstream first (its supplier), then the first dependent by id.
    const cut = await hood({ id: 'svc-cloud', limit: 3 });
    expect(cut.truncated).toBe(true);
    expect(cut.nodes.map((n) => n.id)).toEqual(['svc-cloud', 'sup-cloud', 'svc-cloud-backup']);
    expect(edgeKeys(cut)).toEqual([
      'svc-cloud -PROVIDED_BY-> sup-cloud',
      'svc-cloud-backup -DEPENDS_ON-> svc-cloud',
      'svc-cloud-backup -PROVIDED_BY-> sup-cloud',
    ]);
  });
});
