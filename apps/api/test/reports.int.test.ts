// An impact report's tables through the API on a real Neo4j: affected entities a
// page at a time (cursors, totalCount under filters, refusals), results per
// organization (values worked out by hand below) and the CSV export's stream.
//
// The hand-built ecosystem (test/fixtures/hand-built.ts) with organization types and
// regions, and one more organization:
//   org-clinic "Dunmore Valley Clinic" (Clinic, DIRECT_PATIENT_CARE, South County)
//     wf-clinic-ehr "EHR access"  CLINICAL, tolerance 8 h, criticality 1, 80 visits/day → svc-cloud; supports cf-care
//     wf-clinic-billing "=SUM(1+1) billing"  ADMINISTRATIVE, 60 h, workaround 30 %, 200 claims/day → svc-ch1;
//       supports cf-pay
//   and wf-claims counts claims (its 1000/day).
// sup-ch1 and sup-cloud fail for 48 h:
//   at 0 h  sup-ch1, svc-ch1, sup-cloud, svc-cloud, svc-pbm (on svc-cloud, no tolerance) FAIL
//   wf-claims (24 h) FAILS at 24; wf-dispense (2 h, on svc-pbm) at 2; wf-clinic-ehr at 8;
//   wf-clinic-billing (60 h > 48 h) stays DEGRADED from 0 h; wf-elig keeps svc-ch2; wf-er
//   depends on nothing. 9 affected entities; 3 organizations.
import type { Template } from '@smart/domain';
import { importTemplate } from '@smart/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handBuilt } from '../../../test/fixtures/hand-built';
import { type TestApi, startTestApi } from '../../../test/support/api';
import { resetDatabase, testStore } from '../../../test/support/neo4j';

const store = testStore();
let api: TestApi;

function ecosystem(clinicName = 'Dunmore Valley Clinic'): Template {
  const t = handBuilt();
  Object.assign(t.organizations[0]!, { type: 'Acute care hospital', region: 'North County' });
  Object.assign(t.organizations[1]!, { type: 'Retail pharmacy' });
  Object.assign(t.workflows.find((w) => w.id === 'wf-claims')!, { volumeUnit: 'claims' });
  t.organizations.push({
    id: 'org-clinic',
    name: clinicName,
    subsector: 'DIRECT_PATIENT_CARE',
    type: 'Clinic',
    region: 'South County',
  });
  t.workflows.push(
    {
      id: 'wf-clinic-ehr',
      name: 'EHR access',
      organizationId: 'org-clinic',
      category: 'CLINICAL',
      toleranceHours: 8,
      criticality: 1,
      volumePerDay: 80,
      volumeUnit: 'visits',
    },
    {
      id: 'wf-clinic-billing',
      name: '=SUM(1+1) billing',
      organizationId: 'org-clinic',
      category: 'ADMINISTRATIVE',
      toleranceHours: 60,
      criticality: 4,
      workaroundCapacity: 0.3,
      volumePerDay: 200,
      volumeUnit: 'claims',
    },
  );
  t.workflowFunctions.push(
    { workflowId: 'wf-clinic-ehr', functionId: 'cf-care' },
    { workflowId: 'wf-clinic-billing', functionId: 'cf-pay' },
  );
  t.dependencies.push(
    { from: 'wf-clinic-ehr', to: 'svc-cloud' },
    { from: 'wf-clinic-billing', to: 'svc-ch1' },
  );
  return t;
}

const INPUT = { failed: [{ id: 'sup-ch1' }, { id: 'sup-cloud' }], durationHours: 48 };

beforeAll(async () => {
  await resetDatabase(store);
  await importTemplate(store, ecosystem(), { actor: 'test' });
  api = await startTestApi(store);
});
afterAll(async () => {
  await api?.close();
  await store.close();
});

interface Page<N> {
  totalCount: number;
  edges: { cursor: string; node: N }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}
type Row = { entity: { id: string }; state: string; failedAtHours: number | null };

const AFFECTED = `query($input: ImpactInput!, $first: Int, $after: String, $states: [ImpactState!],
  $kinds: [EntityKind!], $failsWithin: HoursWindow, $search: String, $workflowCategories: [WorkflowCategory!],
  $organizationTypes: [String!], $maxCriticality: Int, $orderBy: AffectedOrder) {
  impact(input: $input) { graphVersion summary { failed degraded organizationsAffected }
    affected(first: $first, after: $after, states: $states, kinds: $kinds, failsWithin: $failsWithin,
      search: $search, workflowCategories: $workflowCategories, organizationTypes: $organizationTypes,
      maxCriticality: $maxCriticality, orderBy: $orderBy) {
      totalCount edges { cursor node { entity { id } state failedAtHours } }
      pageInfo { hasNextPage endCursor } } } }`;

async function affected(vars: Record<string, unknown> = {}) {
  const res = await api.gql<{
    impact: { graphVersion: string; summary: { failed: number; degraded: number }; affected: Page<Row> };
  }>(AFFECTED, { input: INPUT, ...vars }, { role: 'VIEWER' });
  return res;
}
const ok = async (vars: Record<string, unknown> = {}) => {
  const res = await affected(vars);
  expect(res.errors).toBeUndefined();
  return res.data!.impact;
};
const idsOf = (p: Page<Row>) => p.edges.map((e) => e.node.entity.id);

describe('ImpactReport.affected, a page at a time', () => {
  it('walks every affected entity once, page by page, with hasNextPage and endCursor', async () => {
    const seen: string[] = [];
    const flags: boolean[] = [];
    let after: string | null = null;
    for (;;) {
      const { affected: page, summary } = await ok({ first: 4, after });
      expect(page.totalCount).toBe(9);
      expect(page.totalCount).toBe(summary.failed + summary.degraded);
      seen.push(...idsOf(page));
      flags.push(page.pageInfo.hasNextPage);
      expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)!.cursor);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(flags).toEqual([true, true, false]);
    expect(seen).toHaveLength(9);
    expect(new Set(seen)).toEqual(
      new Set([
        'sup-ch1',
        'svc-ch1',
        'sup-cloud',
        'svc-cloud',
        'svc-pbm',
        'wf-claims',
        'wf-dispense',
        'wf-clinic-ehr',
        'wf-clinic-billing',
      ]),
    );
    // An edge's cursor continues right after that edge.
    const first = await ok({ first: 4 });
    const next = await ok({ first: 2, after: first.affected.edges[1]!.cursor });
    expect(idsOf(next.affected)).toEqual(idsOf(first.affected).slice(2, 4));
  });

  it('counts what every filter keeps (totalCount), not the page', async () => {
    const total = async (vars: Record<string, unknown>) =>
      (await ok({ first: 1, ...vars })).affected.totalCount;
    expect(await total({ states: ['FAILED'] })).toBe(8);
    expect(await total({ states: ['DEGRADED'] })).toBe(1);
    expect(await total({ kinds: ['WORKFLOW'] })).toBe(4);
    expect(await total({ failsWithin: { from: 0, to: 10 } })).toBe(7);
    expect(await total({ failsWithin: { from: 20, to: 30 } })).toBe(1);
    expect(await total({ workflowCategories: ['CLINICAL'] })).toBe(2);
    expect(await total({ maxCriticality: 1 })).toBe(2);
    expect(await total({ organizationTypes: ['clinic'] })).toBe(2);
    expect(await total({ kinds: ['WORKFLOW'], failsWithin: { from: 0, to: 10 } })).toBe(2);
    // The organization's name as shown under each row (not its id) is searched.
    const dunmore = await ok({ search: 'dunmore valley', orderBy: { field: 'NAME' } });
    expect(dunmore.affected.totalCount).toBe(2);
    expect(idsOf(dunmore.affected)).toEqual(['wf-clinic-billing', 'wf-clinic-ehr']);
    const failing = await ok({ orderBy: { field: 'FAILED_AT', direction: 'DESC' } });
    expect(idsOf(failing.affected).slice(0, 3)).toEqual(['wf-claims', 'wf-clinic-ehr', 'wf-dispense']);
    expect(idsOf(failing.affected).at(-1)).toBe('wf-clinic-billing');
  });

  it('refuses a cursor of another filter, another graph version, or none, naming `after`', async () => {
    const page = await ok({ first: 2 });
    const cursor = page.affected.pageInfo.endCursor;
    const other = await affected({ first: 2, after: cursor, states: ['FAILED'] });
    expect(other.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after' });
    expect(other.errors?.[0]?.message).toMatch(/another report/);
    const junk = await affected({ after: 'bm90IGEgY3Vyc29y' });
    expect(junk.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after' });
    const tooMany = await affected({ first: 1001 });
    expect(tooMany.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'first' });
    const window = await affected({ failsWithin: { from: 5, to: 1 } });
    expect(window.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'failsWithin' });

    // A write moves the graph version: the old cursor is refused, with the versions named.
    await importTemplate(store, ecosystem('Dunmore Valley Family Clinic'), { actor: 'test' });
    const stale = await affected({ first: 2, after: cursor });
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after' });
    expect(stale.errors?.[0]?.message).toContain(`graph version ${page.graphVersion}`);
    await importTemplate(store, ecosystem(), { actor: 'test' });
  });
});

describe('ImpactReport.organizations', () => {
  const ORGS = `query($input: ImpactInput!, $first: Int, $after: String, $types: [String!], $subsectors: [Subsector!],
    $workflowCategories: [WorkflowCategory!], $failsWithin: HoursWindow, $search: String) {
    impact(input: $input) { summary { organizationsAffected }
      organizations(first: $first, after: $after, types: $types, subsectors: $subsectors,
        workflowCategories: $workflowCategories, failsWithin: $failsWithin, search: $search) {
        totalCount types
        edges { cursor node { organization { id name region } type subsector state firstClinicalFailureAtHours
          workflowsFailed workflowsDegraded criticalFunctionsHit criticalFunctions { id } } }
        pageInfo { hasNextPage endCursor } } } }`;
  type Org = {
    organization: { id: string; name: string; region: string | null };
    type: string | null;
    subsector: string | null;
    state: string | null;
    firstClinicalFailureAtHours: number | null;
    workflowsFailed: number;
    workflowsDegraded: number;
    criticalFunctionsHit: number;
    criticalFunctions: { id: string }[];
  };
  const orgs = async (vars: Record<string, unknown> = {}) => {
    const res = await api.gql<{
      impact: { summary: { organizationsAffected: number }; organizations: Page<Org> & { types: string[] } };
    }>(ORGS, { input: INPUT, ...vars }, { role: 'VIEWER' });
    expect(res.errors).toBeUndefined();
    return res.data!.impact;
  };
  const table = (p: Page<Org>) =>
    p.edges.map(({ node: o }) => [
      o.organization.id,
      o.type,
      o.subsector,
      o.organization.region,
      o.firstClinicalFailureAtHours,
      o.workflowsFailed,
      o.workflowsDegraded,
      o.criticalFunctionsHit,
    ]);

  it('gives each affected organization its values, first clinical failure first', async () => {
    const r = await orgs();
    expect(r.organizations.totalCount).toBe(3);
    expect(r.organizations.totalCount).toBe(r.summary.organizationsAffected);
    expect(table(r.organizations)).toEqual([
      ['org-pharm', 'Retail pharmacy', 'PHARMA_LABS_BLOOD', null, 2, 1, 0, 1],
      ['org-clinic', 'Clinic', 'DIRECT_PATIENT_CARE', 'South County', 8, 1, 1, 2],
      ['org-hosp', 'Acute care hospital', 'DIRECT_PATIENT_CARE', 'North County', null, 1, 0, 1],
    ]);
    expect(r.organizations.edges[1]!.node.criticalFunctions.map((f) => f.id)).toEqual(['cf-care', 'cf-pay']);
    expect(r.organizations.edges.every((e) => e.node.state === null)).toBe(true);
    expect(r.organizations.types).toEqual(['Acute care hospital', 'Clinic', 'Retail pharmacy']);
  });

  it('counts only what its filters keep: a time window, a category, a type, the name shown', async () => {
    const soon = await orgs({ failsWithin: { from: 0, to: 10 } });
    expect(table(soon.organizations)).toEqual([
      ['org-pharm', 'Retail pharmacy', 'PHARMA_LABS_BLOOD', null, 2, 1, 0, 1],
      ['org-clinic', 'Clinic', 'DIRECT_PATIENT_CARE', 'South County', 8, 1, 0, 1],
    ]);
    const later = await orgs({ failsWithin: { from: 20, to: 30 } });
    expect(table(later.organizations)).toEqual([
      ['org-hosp', 'Acute care hospital', 'DIRECT_PATIENT_CARE', 'North County', null, 1, 0, 1],
    ]);
    const admin = await orgs({ workflowCategories: ['ADMINISTRATIVE'] });
    expect(table(admin.organizations)).toEqual([
      ['org-hosp', 'Acute care hospital', 'DIRECT_PATIENT_CARE', 'North County', null, 1, 0, 1],
      ['org-clinic', 'Clinic', 'DIRECT_PATIENT_CARE', 'South County', null, 0, 1, 1],
    ]);
    expect((await orgs({ types: ['CLINIC'] })).organizations.totalCount).toBe(1);
    expect((await orgs({ subsectors: ['DIRECT_PATIENT_CARE'] })).organizations.totalCount).toBe(2);
    const named = await orgs({ search: 'dunmore valley' });
    expect(named.organizations.edges.map((e) => e.node.organization.name)).toEqual(['Dunmore Valley Clinic']);
    // Pages as the entities do.
    const one = await orgs({ first: 1 });
    expect(one.organizations.pageInfo.hasNextPage).toBe(true);
    const two = await orgs({ first: 5, after: one.organizations.pageInfo.endCursor });
    expect(two.organizations.edges.map((e) => e.node.organization.id)).toEqual(['org-clinic', 'org-hosp']);
    expect(two.organizations.pageInfo.hasNextPage).toBe(false);
  });
});

describe('GET /export/impact.csv', () => {
  const url = (params: Record<string, string | string[]>) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) for (const x of [v].flat()) q.append(k, x);
    return `${api.url}/export/impact.csv?${q}`;
  };
  const get = async (params: Record<string, string | string[]>, role: 'VIEWER' | null = 'VIEWER') =>
    fetch(url(params), { headers: role ? { authorization: `Bearer ${await api.token(role)}` } : {} });
  const parse = (text: string) => text.trimEnd().split('\r\n');

  it('streams every row of the report, as many as totalCount, with the same filters', async () => {
    const res = await get({ input: JSON.stringify(INPUT) });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('transfer-encoding')).toBe('chunked');
    const lines = parse(await res.text());
    expect(lines[0]).toBe(
      'id,name,organization,kind,state,disrupted_at_hours,failed_at_hours,inoperability,because,reason',
    );
    const all = await ok({ first: 1 });
    expect(lines.length - 1).toBe(all.affected.totalCount);
    expect(Number(res.headers.get('x-total-count'))).toBe(all.affected.totalCount);

    const filtered = await get({
      input: JSON.stringify(INPUT),
      states: 'FAILED',
      kinds: 'WORKFLOW',
      orderBy: 'FAILED_AT',
    });
    const rows = parse(await filtered.text()).slice(1);
    const same = await ok({ states: ['FAILED'], kinds: ['WORKFLOW'] });
    expect(rows.length).toBe(same.affected.totalCount);
    expect(rows.map((l) => l.split(',')[0])).toEqual(idsOf(same.affected));
    expect(rows[0]).toMatch(
      /^wf-dispense,Dispensing,Corner Pharmacy,WORKFLOW,FAILED,0,2,,wf-dispense > svc-pbm > svc-cloud > sup-cloud,/,
    );

    // A name a spreadsheet would run as a formula is escaped, as in template exports.
    const named = parse(await (await get({ input: JSON.stringify(INPUT), search: 'billing' })).text());
    expect(named).toHaveLength(2);
    expect(named[1]).toMatch(
      /^wf-clinic-billing,'=SUM\(1\+1\) billing,Dunmore Valley Clinic,WORKFLOW,DEGRADED,0,,/,
    );
  });

  it('needs a signed-in user, and says which parameter is wrong', async () => {
    const anonymous = await get({ input: JSON.stringify(INPUT) }, null);
    expect(anonymous.status).toBe(401);
    expect(
      ((await anonymous.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code,
    ).toBe('UNAUTHENTICATED');
    const missing = await get({});
    expect(missing.status).toBe(400);
    expect(await missing.text()).toMatch(/query parameter `input`/);
    const badState = await get({ input: JSON.stringify(INPUT), states: 'BROKEN' });
    expect(badState.status).toBe(400);
    expect(await badState.text()).toMatch(
      /query parameter `states`: 'BROKEN' is not one of FAILED, DEGRADED/,
    );
    const unknown = await get({ input: JSON.stringify({ failed: [{ id: 'nope' }] }) });
    expect(unknown.status).toBe(404);
    const badHours = await get({ input: JSON.stringify({ failed: [{ id: 'sup-ch1' }], durationHours: -5 }) });
    expect(badHours.status).toBe(400);
    expect(await badHours.text()).toMatch(/input\.durationHours/);
  });
});

// Where it hits (issue 16 item 2), worked out by hand from the header: FAILED wf-claims
// (org-hosp, North County), wf-dispense (org-pharm, no region, PHARMA_LABS_BLOOD),
// wf-clinic-ehr (org-clinic, South County); DEGRADED wf-clinic-billing (org-clinic).
describe('ImpactSummary.byRegion and bySubsector', () => {
  const SUMMARY = `query($input: ImpactInput!) { impact(input: $input) { summary {
    organizationsAffected workflowsFailed workflowsDegraded
    byRegion { region organizationsAffected workflowsFailed workflowsDegraded }
    bySubsector { subsector organizationsAffected workflowsFailed workflowsDegraded } } } }`;
  const row = (key: string | null, o: number, f: number, d: number) => [key, o, f, d];
  type Group = { organizationsAffected: number; workflowsFailed: number; workflowsDegraded: number };
  const summary = async () => {
    const res = await api.gql<{
      impact: {
        summary: Group & {
          byRegion: (Group & { region: string | null })[];
          bySubsector: (Group & { subsector: string | null })[];
        };
      };
    }>(SUMMARY, { input: INPUT }, { role: 'VIEWER' });
    expect(res.errors).toBeUndefined();
    const s = res.data!.impact.summary;
    const flat = (k: string | null, g: Group) =>
      row(k, g.organizationsAffected, g.workflowsFailed, g.workflowsDegraded);
    return {
      totals: flat('total', s),
      byRegion: s.byRegion.map((r) => flat(r.region, r)),
      bySubsector: s.bySubsector.map((r) => flat(r.subsector, r)),
    };
  };

  it('counts each organization and its workflows in its region and subsector; the rows add up to the totals', async () => {
    const s = await summary();
    expect(s.totals).toEqual(row('total', 3, 3, 1));
    expect(s.byRegion).toEqual([
      row('South County', 1, 1, 1),
      row('North County', 1, 1, 0),
      // org-pharm has no region
      row(null, 1, 1, 0),
    ]);
    expect(s.bySubsector).toEqual([row('DIRECT_PATIENT_CARE', 2, 2, 1), row('PHARMA_LABS_BLOOD', 1, 1, 0)]);
    // by workflow category: wf-dispense, wf-clinic-ehr CLINICAL; wf-claims, wf-clinic-billing ADMINISTRATIVE
    const categories = await api.gql<{
      impact: {
        summary: {
          byWorkflowCategory: { category: string; workflowsFailed: number; workflowsDegraded: number }[];
        };
      };
    }>(
      `query($input: ImpactInput!) { impact(input: $input) { summary {
        byWorkflowCategory { category workflowsFailed workflowsDegraded } } } }`,
      { input: INPUT },
      { role: 'VIEWER' },
    );
    expect(categories.errors).toBeUndefined();
    expect(categories.data!.impact.summary.byWorkflowCategory).toEqual([
      { category: 'CLINICAL', workflowsFailed: 2, workflowsDegraded: 0 },
      { category: 'ADMINISTRATIVE', workflowsFailed: 1, workflowsDegraded: 1 },
    ]);
  });

  it('gives the volume per day lost per region and unit, worked out by hand', async () => {
    // North County: wf-claims FAILED, all its 1000 claims. South County: wf-clinic-billing
    // DEGRADED, 200 × (1 − 0.3) = 140 claims, and wf-clinic-ehr FAILED, 80 visits. No region:
    // wf-dispense gives no unit.
    const res = await api.gql<{
      impact: {
        summary: { byRegion: { region: string | null; volumesLost: { unit: string; perDay: number }[] }[] };
      };
    }>(
      `query($input: ImpactInput!) { impact(input: $input) { summary {
        byRegion { region volumesLost { unit perDay } } } } }`,
      { input: INPUT },
      { role: 'VIEWER' },
    );
    expect(res.errors).toBeUndefined();
    const byRegion = new Map(res.data!.impact.summary.byRegion.map((r) => [r.region, r.volumesLost]));
    expect(byRegion.get('North County')).toEqual([{ unit: 'claims', perDay: 1000 }]);
    const south = byRegion.get('South County')!;
    expect(south.map((v) => v.unit)).toEqual(['claims', 'visits']);
    expect(south[0]!.perDay).toBeCloseTo(140, 9);
    expect(south[1]!.perDay).toBe(80);
    expect(byRegion.get(null)).toEqual([]);
  });

  it('orders workflows by criticality, then failure time (the large canvas draws these first)', async () => {
    // wf-dispense (criticality 1, fails at 2 h), wf-clinic-ehr (1, 8 h), wf-claims (2, 24 h),
    // wf-clinic-billing (4, DEGRADED)
    const page = await ok({ kinds: ['WORKFLOW'], orderBy: { field: 'CRITICALITY', direction: 'ASC' } });
    expect(idsOf(page.affected)).toEqual(['wf-dispense', 'wf-clinic-ehr', 'wf-claims', 'wf-clinic-billing']);
  });

  it("follows an edit of an organization's region (replayed from the change log), and the overview groups by region", async () => {
    const edit = await api.gql(
      `mutation($input: EntityInput!) { upsertEntity(input: $input) { id } }`,
      {
        input: {
          id: 'org-pharm',
          kind: 'ORGANIZATION',
          name: 'Corner Pharmacy',
          subsector: 'PHARMA_LABS_BLOOD',
          type: 'Retail pharmacy',
          region: 'North County',
        },
      },
      { role: 'ANALYST' },
    );
    expect(edit.errors).toBeUndefined();
    const s = await summary();
    expect(s.byRegion).toEqual([row('North County', 2, 2, 0), row('South County', 1, 1, 1)]);

    const overview = await api.gql<{ sectorOverview: { nodes: { key: string; members: number }[] } }>(
      'query { sectorOverview(groupBy: [ORGANIZATION_REGION]) { nodes { key kind members } } }',
      {},
      { role: 'VIEWER' },
    );
    expect(overview.errors).toBeUndefined();
    const orgs = overview.data!.sectorOverview.nodes.filter((n) => n.key.startsWith('ORGANIZATION_REGION:'));
    expect(orgs.map((n) => [n.key, n.members])).toEqual([
      ['ORGANIZATION_REGION:North County', 2],
      ['ORGANIZATION_REGION:South County', 1],
    ]);
  });
});
