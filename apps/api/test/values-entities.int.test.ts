// The values of entity fields and edits no other test checks (issue 17 item 2), on the
// widened hand-built ecosystem (test/fixtures/hand-built-wide.ts): Dependency.source,
// confidence and notes; Supplier.services; Organization.workflows and assets;
// CriticalFunction.workflows; deleteEntity and its cascade; upsertEntity as an update;
// removeDependency. Every test starts from the fixture as imported.
import { importTemplate } from '@smart/store';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { handBuiltWide } from '../../../test/fixtures/hand-built-wide';
import { type TestApi, startTestApi } from '../../../test/support/api';
import { resetDatabase, testStore } from '../../../test/support/neo4j';

const store = testStore();
let api: TestApi;

beforeAll(async () => {
  api = await startTestApi(store);
});
beforeEach(async () => {
  await resetDatabase(store);
  await importTemplate(store, handBuiltWide(), { actor: 'test' });
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

const idsOf = (xs: { id: string }[]) => xs.map((x) => x.id).sort();

type Counts = { counts: { kind: string; count: number }[]; dependencies: number };
const stats = async () => {
  const { stats } = await ok<{ stats: Counts }>('{ stats { counts { kind count } dependencies } }');
  return {
    ...Object.fromEntries(stats.counts.map((c) => [c.kind, c.count])),
    DEPENDS_ON: stats.dependencies,
  };
};
// The fixture: 3 organizations, 6 suppliers, 6 services, 1 asset, 5 workflows, 3 functions, 11 dependencies.
const FIXTURE = {
  ORGANIZATION: 3,
  SUPPLIER: 6,
  SERVICE: 6,
  ASSET: 1,
  WORKFLOW: 5,
  CRITICAL_FUNCTION: 3,
  DEPENDS_ON: 11,
};

const SUMMARY = `query($input: ImpactInput!) { impact(input: $input) { summary {
  failed degraded workflowsFailed workflowsDegraded organizationsAffected functions { function { id } capacityLoss } } } }`;
type Summary = {
  failed: number;
  degraded: number;
  workflowsFailed: number;
  workflowsDegraded: number;
  organizationsAffected: number;
  functions: { function: { id: string }; capacityLoss: number }[];
};
const summary = async (input: Record<string, unknown>) =>
  (await ok<{ impact: { summary: Summary } }>(SUMMARY, { input })).impact.summary;

describe('relationship fields', () => {
  it('Dependency carries source, confidence and notes as imported; unset ones are null', async () => {
    const FIELDS = 'group strength source confidence notes';
    const { dependencies } = await ok<{ dependencies: { alternatives: Record<string, unknown>[] }[] }>(
      `{ dependencies(id: "wf-claims") { alternatives { from { id } to { id } ${FIELDS} } } }`,
    );
    expect(dependencies).toEqual([
      {
        alternatives: [
          {
            from: { id: 'wf-claims' },
            to: { id: 'svc-ch1' },
            group: null,
            strength: 0.8,
            source: 'CONTRACT',
            confidence: 0.9,
            notes: 'MSA 2024',
          },
        ],
      },
    ]);
    const { dependents } = await ok<{ dependents: Record<string, unknown>[] }>(
      `{ dependents(id: "svc-ch1") { from { id } ${FIELDS} } }`,
    );
    expect(dependents).toEqual([
      {
        from: { id: 'wf-claims' },
        group: null,
        strength: 0.8,
        source: 'CONTRACT',
        confidence: 0.9,
        notes: 'MSA 2024',
      },
      { from: { id: 'wf-elig' }, group: 'ch', strength: 1, source: null, confidence: null, notes: null },
    ]);
  });

  it('addDependency stores source, confidence and notes, and answers them back', async () => {
    const { addDependency } = await ok<{ addDependency: Record<string, unknown> }>(
      `mutation { addDependency(input: { from: "wf-er", to: "svc-ch2", source: QUESTIONNAIRE, confidence: 0.4,
        notes: "said so in the 2025 survey", strength: 0.5 }) { from { id } to { id } group strength source confidence notes } }`,
      {},
      'ANALYST',
    );
    const expected = {
      group: null,
      strength: 0.5,
      source: 'QUESTIONNAIRE',
      confidence: 0.4,
      notes: 'said so in the 2025 survey',
    };
    expect(addDependency).toEqual({ from: { id: 'wf-er' }, to: { id: 'svc-ch2' }, ...expected });
    const { dependents } = await ok<{ dependents: Record<string, unknown>[] }>(
      '{ dependents(id: "svc-ch2") { from { id } group strength source confidence notes } }',
    );
    expect(dependents).toEqual([
      { from: { id: 'wf-elig' }, group: 'ch', strength: 1, source: null, confidence: null, notes: null },
      { from: { id: 'wf-er' }, ...expected },
    ]);
  });

  it('Supplier.services, Organization.workflows and assets, CriticalFunction.workflows list exactly their own', async () => {
    const q = `{
      cloud: entity(id: "sup-cloud") { ... on Supplier { services { id } } }
      local: entity(id: "sup-local") { ... on Supplier { services { id } } }
      hosp: entity(id: "org-hosp") { ... on Organization { workflows { id } assets { id } } }
      clinic: entity(id: "org-clinic") { ... on Organization { workflows { id } assets { id } } }
      care: entity(id: "cf-care") { ... on CriticalFunction { workflows { id } } }
      pay: entity(id: "cf-pay") { ... on CriticalFunction { workflows { id } } }
      orphan: entity(id: "cf-orphan") { ... on CriticalFunction { workflows { id } } }
    }`;
    type E = { services?: { id: string }[]; workflows?: { id: string }[]; assets?: { id: string }[] };
    const d = await ok<Record<string, E>>(q);
    expect(idsOf(d.cloud!.services!)).toEqual(['svc-cloud', 'svc-cloud-backup']);
    expect(d.local!.services).toEqual([]);
    expect(idsOf(d.hosp!.workflows!)).toEqual(['wf-claims', 'wf-elig', 'wf-er']);
    expect(d.hosp!.assets).toEqual([]);
    expect(idsOf(d.clinic!.workflows!)).toEqual(['wf-clinic-visits']);
    expect(idsOf(d.clinic!.assets!)).toEqual(['asset-clinic-ehr']);
    expect(idsOf(d.care!.workflows!)).toEqual(['wf-clinic-visits', 'wf-dispense', 'wf-er']);
    expect(idsOf(d.pay!.workflows!)).toEqual(['wf-claims', 'wf-elig']);
    expect(d.orphan!.workflows).toEqual([]);
  });
});

describe('deleteEntity', () => {
  const DELETE = 'mutation($id: ID!) { deleteEntity(id: $id) }';

  it('a supplier takes its services with it, and every dependency on them', async () => {
    const res = await ok<{ deleteEntity: boolean }>(DELETE, { id: 'sup-cloud' }, 'ANALYST');
    expect(res.deleteEntity).toBe(true);
    const gone = await ok<Record<string, unknown>>(
      '{ a: entity(id: "sup-cloud") { id } b: entity(id: "svc-cloud") { id } c: entity(id: "svc-cloud-backup") { id } }',
    );
    expect(gone).toEqual({ a: null, b: null, c: null });
    // Dependencies gone: svc-pbm, svc-ehr and svc-cloud-backup on svc-cloud, the EHR asset on
    // svc-cloud-backup (4 of 11). The asset and the other services stay.
    expect(await stats()).toEqual({ ...FIXTURE, SUPPLIER: 5, SERVICE: 4, DEPENDS_ON: 7 });
    const { dependencies } = await ok<{ dependencies: { alternatives: { to: { id: string } }[] }[] }>(
      '{ dependencies(id: "asset-clinic-ehr") { alternatives { to { id } } } }',
    );
    expect(dependencies).toEqual([{ alternatives: [{ to: { id: 'svc-ehr' } }] }]);
    // The analyses see it: the cloud is unknown now, and the EHR vendor alone breaks the clinic.
    const stale = await api.gql(SUMMARY, { input: { failed: [{ id: 'sup-cloud' }] } }, { role: 'VIEWER' });
    expect(stale.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    // sup-ehr, svc-ehr, the asset and the visits; cf-care loses 100 of 500.
    const s = await summary({ failed: [{ id: 'sup-ehr' }] });
    expect(s).toMatchObject({ failed: 4, workflowsFailed: 1, organizationsAffected: 1 });
    expect(s.functions.map((f) => [f.function.id, f.capacityLoss])).toEqual([['cf-care', 0.2]]);
    // The audit trail names everything removed.
    const { auditEvents } = await ok<{ auditEvents: { action: string; target: string; details: string }[] }>(
      '{ auditEvents(first: 1) { action target details } }',
      {},
      'ADMIN',
    );
    expect(auditEvents[0]).toMatchObject({ action: 'deleteEntity', target: 'sup-cloud' });
    expect((JSON.parse(auditEvents[0]!.details) as { removed: string[] }).removed.sort()).toEqual([
      'sup-cloud',
      'svc-cloud',
      'svc-cloud-backup',
    ]);
  });

  it('an organization takes its workflows and assets with it, and their links to functions', async () => {
    await ok(DELETE, { id: 'org-clinic' }, 'ANALYST');
    // Gone: the clinic, its asset and its visits; the asset's two dependencies and the
    // visits' one (3 of 11).
    expect(await stats()).toEqual({ ...FIXTURE, ORGANIZATION: 2, ASSET: 0, WORKFLOW: 4, DEPENDS_ON: 8 });
    const d = await ok<{ care: { workflows: { id: string }[] }; ehr: { services: { id: string }[] } }>(
      '{ care: entity(id: "cf-care") { ... on CriticalFunction { workflows { id } } } ehr: entity(id: "sup-ehr") { ... on Supplier { services { id } } } }',
    );
    expect(idsOf(d.care.workflows)).toEqual(['wf-dispense', 'wf-er']);
    expect(d.ehr.services).toEqual([{ id: 'svc-ehr' }]);
    const { dependents } = await ok<{ dependents: unknown[] }>(
      '{ dependents(id: "svc-ehr") { from { id } } }',
    );
    expect(dependents).toEqual([]);
    // cf-care now weighs 300 + 100: the cloud breaks dispensing only, 300/400.
    const s = await summary({ failed: [{ id: 'sup-cloud' }] });
    expect(s.workflowsFailed).toBe(1);
    expect(s.functions.map((f) => [f.function.id, f.capacityLoss])).toEqual([['cf-care', 0.75]]);
  });

  it('a workflow alone leaves its organization and functions in place', async () => {
    await ok(DELETE, { id: 'wf-er' }, 'ANALYST');
    expect(await stats()).toEqual({ ...FIXTURE, WORKFLOW: 4, DEPENDS_ON: 10 });
    const d = await ok<{ hosp: { workflows: { id: string }[] } }>(
      '{ hosp: entity(id: "org-hosp") { ... on Organization { workflows { id } } } }',
    );
    expect(idsOf(d.hosp.workflows)).toEqual(['wf-claims', 'wf-elig']);
  });

  it('an unknown id is NOT_FOUND and changes nothing', async () => {
    const res = await api.gql(DELETE, { id: 'ghost' }, { role: 'ANALYST' });
    expect(res.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(await stats()).toEqual(FIXTURE);
  });
});

describe('upsertEntity as an update', () => {
  const UPSERT = `mutation($input: EntityInput!) { upsertEntity(input: $input) {
    id name kind ... on Workflow { toleranceHours workaroundCapacity volumePerDay criticality organization { id } functions { id } } } }`;

  it('replaces the fields, moves the workflow to another organization, keeps its links, and the analyses follow', async () => {
    const { upsertEntity } = await ok<{ upsertEntity: Record<string, unknown> }>(
      UPSERT,
      {
        input: {
          id: 'wf-claims',
          kind: 'WORKFLOW',
          name: 'Claims submission (clinic)',
          category: 'ADMINISTRATIVE',
          organizationId: 'org-clinic',
          toleranceHours: 60,
          volumePerDay: 1000,
        },
      },
      'ANALYST',
    );
    // Replaced as a whole: the workaround and criticality not given are gone; the
    // function link and the dependency on svc-ch1 are relationships and stay.
    expect(upsertEntity).toEqual({
      id: 'wf-claims',
      name: 'Claims submission (clinic)',
      kind: 'WORKFLOW',
      toleranceHours: 60,
      workaroundCapacity: null,
      volumePerDay: 1000,
      criticality: null,
      organization: { id: 'org-clinic' },
      functions: [{ id: 'cf-pay' }],
    });
    expect(await stats()).toEqual(FIXTURE);
    const orgs = await ok<{ hosp: { workflows: { id: string }[] }; clinic: { workflows: { id: string }[] } }>(
      '{ hosp: entity(id: "org-hosp") { ... on Organization { workflows { id } } } clinic: entity(id: "org-clinic") { ... on Organization { workflows { id } } } }',
    );
    expect(idsOf(orgs.hosp.workflows)).toEqual(['wf-elig', 'wf-er']);
    expect(idsOf(orgs.clinic.workflows)).toEqual(['wf-claims', 'wf-clinic-visits']);
    const { dependencies } = await ok<{ dependencies: { alternatives: { to: { id: string } }[] }[] }>(
      '{ dependencies(id: "wf-claims") { alternatives { to { id } } } }',
    );
    expect(dependencies).toEqual([{ alternatives: [{ to: { id: 'svc-ch1' } }] }]);
    // sup-ch1 out for 48 h: claims now hold 60 h, with no workaround capacity: DEGRADED,
    // losing all 1000 of cf-pay's 1500; the organization affected is the clinic.
    const s = await summary({ failed: [{ id: 'sup-ch1' }], durationHours: 48 });
    expect(s).toMatchObject({ workflowsFailed: 0, workflowsDegraded: 1, organizationsAffected: 1 });
    expect(s.functions[0]!.capacityLoss).toBeCloseTo(2 / 3, 10);
  });

  it('a supplier renamed and recategorised: the concentration matrix moves it', async () => {
    await ok(
      UPSERT,
      { input: { id: 'sup-local', kind: 'SUPPLIER', name: 'Regional Oxygen', category: 'medical gas' } },
      'ANALYST',
    );
    const { entity } = await ok<{ entity: { name: string; category: string } }>(
      '{ entity(id: "sup-local") { name ... on Supplier { category } } }',
    );
    expect(entity).toEqual({ name: 'Regional Oxygen', category: 'medical gas' });
    const { concentrationMatrix } = await ok<{ concentrationMatrix: { supplierCategory: string }[] }>(
      '{ concentrationMatrix { supplierCategory } }',
    );
    expect(concentrationMatrix.map((c) => c.supplierCategory)).toEqual([
      'clearinghouse',
      'cloud',
      'cloud',
      'ehr',
      'medical gas',
      'pbm',
    ]);
  });
});

describe('removeDependency', () => {
  const REMOVE = 'mutation($from: ID!, $to: ID!) { removeDependency(from: $from, to: $to) }';

  it('removing the alternative leaves eligibility on one clearinghouse, which now breaks it', async () => {
    const before = await summary({ failed: [{ id: 'sup-ch1' }], durationHours: 48 });
    expect(before.workflowsFailed).toBe(1);
    const res = await ok<{ removeDependency: boolean }>(
      REMOVE,
      { from: 'wf-elig', to: 'svc-ch2' },
      'ANALYST',
    );
    expect(res.removeDependency).toBe(true);
    expect(await stats()).toEqual({ ...FIXTURE, DEPENDS_ON: 10 });
    const { dependencies } = await ok<{
      dependencies: { group: string | null; alternatives: { to: { id: string } }[] }[];
    }>('{ dependencies(id: "wf-elig") { group alternatives { to { id } } } }');
    expect(dependencies).toEqual([{ group: 'ch', alternatives: [{ to: { id: 'svc-ch1' } }] }]);
    // Claims fail at 24 h and eligibility at 4 h: all of cf-pay.
    const after = await summary({ failed: [{ id: 'sup-ch1' }], durationHours: 48 });
    expect(after.workflowsFailed).toBe(2);
    expect(after.functions[0]!.capacityLoss).toBeCloseTo(1, 10);
  });

  it('an edge that does not exist: false, and nothing removed', async () => {
    const res = await ok<{ removeDependency: boolean }>(REMOVE, { from: 'wf-er', to: 'svc-ch1' }, 'ANALYST');
    expect(res.removeDependency).toBe(false);
    // Only the edge in that direction: svc-ch1 does not depend on wf-claims.
    const reversed = await ok<{ removeDependency: boolean }>(
      REMOVE,
      { from: 'svc-ch1', to: 'wf-claims' },
      'ANALYST',
    );
    expect(reversed.removeDependency).toBe(false);
    expect(await stats()).toEqual(FIXTURE);
  });
});
