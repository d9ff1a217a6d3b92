// The sector overview (issue 16 item 1) on the hand-built ecosystem, every figure
// worked out by hand from test/fixtures/hand-built.ts.
import { importTemplate } from '@smart/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

const OVERVIEW = `query($groupBy: [OverviewDimension!]) {
  sectorOverview(groupBy: $groupBy) {
    graphVersion
    nodes { key kind label members }
    edges { from to relation dependencies }
  }
}`;
const MEMBERS = `query($key: String!, $first: Int, $offset: Int) {
  overviewMembers(key: $key, first: $first, offset: $offset) {
    totalCount nextOffset entities { links entity { id name } }
  }
}`;

interface Overview {
  graphVersion: string;
  nodes: { key: string; kind: string; label: string; members: number }[];
  edges: { from: string; to: string; relation: string; dependencies: number }[];
}

describe('sectorOverview', () => {
  it('groups every entity and every link of the map by the default dimensions', async () => {
    const res = await api.gql<{ sectorOverview: Overview }>(OVERVIEW, {}, { role: 'VIEWER' });
    expect(res.errors).toBeUndefined();
    const o = res.data!.sectorOverview;
    expect(Number(o.graphVersion)).toBeGreaterThan(0);
    // Services have no category here, so they group by type; there are no assets.
    expect(o.nodes.map((n) => `${n.key}=${n.members}`)).toEqual([
      'SERVICE_CATEGORY:SOFTWARE=3', // ch1, ch2, pbm
      'SUPPLIER_CATEGORY:clearinghouse=2',
      'WORKFLOW_CATEGORY:ADMINISTRATIVE=2',
      'WORKFLOW_CATEGORY:CLINICAL=2',
      'CRITICAL_FUNCTION:cf-care=1',
      'CRITICAL_FUNCTION:cf-pay=1',
      'ORGANIZATION_SUBSECTOR:DIRECT_PATIENT_CARE=1',
      'ORGANIZATION_SUBSECTOR:PHARMA_LABS_BLOOD=1',
      'SERVICE_CATEGORY:TECHNOLOGY=1',
      'SUPPLIER_CATEGORY:cloud=1',
      'SUPPLIER_CATEGORY:pbm=1',
    ]);
    expect(o.nodes.find((n) => n.key === 'CRITICAL_FUNCTION:cf-pay')?.label).toBe(
      'Process claims and payments',
    );
    expect(o.edges.map((e) => `${e.from} ${e.relation} ${e.to} ×${e.dependencies}`)).toEqual([
      // wf-claims → svc-ch1, wf-elig → svc-ch1 and svc-ch2
      'WORKFLOW_CATEGORY:ADMINISTRATIVE DEPENDS_ON SERVICE_CATEGORY:SOFTWARE ×3',
      // org-hosp performs wf-claims and wf-elig
      'ORGANIZATION_SUBSECTOR:DIRECT_PATIENT_CARE PERFORMS WORKFLOW_CATEGORY:ADMINISTRATIVE ×2',
      'SERVICE_CATEGORY:SOFTWARE PROVIDED_BY SUPPLIER_CATEGORY:clearinghouse ×2',
      'WORKFLOW_CATEGORY:ADMINISTRATIVE SUPPORTS CRITICAL_FUNCTION:cf-pay ×2',
      'WORKFLOW_CATEGORY:CLINICAL SUPPORTS CRITICAL_FUNCTION:cf-care ×2', // wf-dispense, wf-er
      'ORGANIZATION_SUBSECTOR:DIRECT_PATIENT_CARE PERFORMS WORKFLOW_CATEGORY:CLINICAL ×1', // wf-er
      'ORGANIZATION_SUBSECTOR:PHARMA_LABS_BLOOD PERFORMS WORKFLOW_CATEGORY:CLINICAL ×1',
      'SERVICE_CATEGORY:SOFTWARE DEPENDS_ON SERVICE_CATEGORY:TECHNOLOGY ×1', // svc-pbm → svc-cloud
      'SERVICE_CATEGORY:SOFTWARE PROVIDED_BY SUPPLIER_CATEGORY:pbm ×1',
      'SERVICE_CATEGORY:TECHNOLOGY PROVIDED_BY SUPPLIER_CATEGORY:cloud ×1',
      'WORKFLOW_CATEGORY:CLINICAL DEPENDS_ON SERVICE_CATEGORY:SOFTWARE ×1', // wf-dispense → svc-pbm
    ]);
    // 5 dependencies + 4 services' suppliers + 4 workflows' organizations + 4 function links
    expect(o.edges.reduce((a, e) => a + e.dependencies, 0)).toBe(17);
  });

  it('shows a kind without a dimension whole, and refuses two dimensions for one kind, naming the argument', async () => {
    const res = await api.gql<{ sectorOverview: Overview }>(
      OVERVIEW,
      { groupBy: ['WORKFLOW_CATEGORY'] },
      { role: 'VIEWER' },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.sectorOverview.nodes.map((n) => `${n.key}=${n.members}`).sort()).toEqual([
      'CRITICAL_FUNCTION=2',
      'ORGANIZATION=2',
      'SERVICE=4',
      'SUPPLIER=4',
      'WORKFLOW_CATEGORY:ADMINISTRATIVE=2',
      'WORKFLOW_CATEGORY:CLINICAL=2',
    ]);
    const bad = await api.gql(
      OVERVIEW,
      { groupBy: ['ORGANIZATION_TYPE', 'ORGANIZATION_SUBSECTOR'] },
      { role: 'VIEWER' },
    );
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'groupBy' });
    expect(bad.errors?.[0]?.message).toMatch(
      /ORGANIZATION_SUBSECTOR and ORGANIZATION_TYPE both split ORGANIZATION/,
    );
  });
});

describe('overviewMembers', () => {
  interface Members {
    overviewMembers: {
      totalCount: number;
      nextOffset: number | null;
      entities: { links: number; entity: { id: string; name: string } }[];
    };
  }
  it('pages a super-node’s members, most linked first, ties by id', async () => {
    // svc-ch1: its supplier + wf-claims + wf-elig = 3; svc-pbm: its supplier + svc-cloud + wf-dispense = 3;
    // svc-ch2: its supplier + wf-elig = 2
    const first = await api.gql<Members>(
      MEMBERS,
      { key: 'SERVICE_CATEGORY:SOFTWARE', first: 2 },
      { role: 'VIEWER' },
    );
    expect(first.errors).toBeUndefined();
    const page = first.data!.overviewMembers;
    expect(page.totalCount).toBe(3);
    expect(page.entities.map((e) => [e.entity.id, e.links])).toEqual([
      ['svc-ch1', 3],
      ['svc-pbm', 3],
    ]);
    expect(page.entities[0]!.entity.name).toBe('ClearPath claims API');
    expect(page.nextOffset).toBe(2);
    const rest = await api.gql<Members>(
      MEMBERS,
      { key: 'SERVICE_CATEGORY:SOFTWARE', first: 2, offset: 2 },
      { role: 'VIEWER' },
    );
    expect(rest.data!.overviewMembers.entities.map((e) => [e.entity.id, e.links])).toEqual([['svc-ch2', 2]]);
    expect(rest.data!.overviewMembers.nextOffset).toBeNull();
  });

  it('answers an unknown key with no members, and a page size out of range with an error', async () => {
    const none = await api.gql<Members>(MEMBERS, { key: 'SUPPLIER_CATEGORY:nope' }, { role: 'VIEWER' });
    expect(none.data!.overviewMembers).toEqual({ totalCount: 0, nextOffset: null, entities: [] });
    const bad = await api.gql(MEMBERS, { key: 'SUPPLIER', first: 0 }, { role: 'VIEWER' });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'first' });
  });
});
