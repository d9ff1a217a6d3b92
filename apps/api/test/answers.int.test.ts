// The analyst's answers (issue 18): search by category, type and subsector with what
// matched, on the demo ecosystem.
import { importTemplate, migrate } from '@smart/store';
import { hasErrors, readTemplate } from '@smart/templates';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApi, startTestApi } from '../../../test/support/api';
import { resetDatabase, testStore } from '../../../test/support/neo4j';

const store = testStore();
let api: TestApi;

beforeAll(async () => {
  await resetDatabase(store);
  const { template, problems } = await readTemplate('packages/seed/demo');
  expect(hasErrors(problems)).toBe(false);
  await importTemplate(store, template, { actor: 'test' });
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

interface Hit {
  matchedField: string;
  matchedText: string;
  entity: { id: string; kind: string };
}
const HITS = `query($text: String!, $kinds: [EntityKind!], $first: Int) {
  searchHits(text: $text, kinds: $kinds, first: $first) { matchedField matchedText entity { id kind } }
}`;

describe('search by what things are, not only by name', () => {
  it('"EHR hosting" finds the EHR hosting services by their category and says so', async () => {
    const { searchHits } = await ok<{ searchHits: Hit[] }>(HITS, { text: 'EHR hosting', kinds: ['SERVICE'] });
    const byCategory = searchHits.filter((h) => h.matchedField === 'CATEGORY');
    expect(byCategory.map((h) => h.entity.id).sort()).toEqual([
      'svc-altavia-hosted-ehr',
      'svc-cernix-remote-hosting',
      'svc-epoch-hosted-ehr',
      'svc-medharbor-hosted-ehr',
      'svc-meditrek-cloud-ehr',
      'svc-trucare-hosted-ehr',
    ]);
    expect(new Set(byCategory.map((h) => h.matchedText))).toEqual(new Set(['EHR hosting']));
  });

  it('"clearinghouse" finds suppliers and services by category; the contract `search` too', async () => {
    const { searchHits } = await ok<{ searchHits: Hit[] }>(HITS, { text: 'clearinghouse', first: 50 });
    const suppliers = searchHits.filter((h) => h.entity.kind === 'SUPPLIER');
    expect(suppliers.length).toBe(4);
    for (const s of suppliers)
      expect(s).toMatchObject({ matchedField: 'CATEGORY', matchedText: 'Clearinghouse' });
    expect(
      searchHits.filter((h) => h.entity.kind === 'SERVICE' && h.matchedText === 'Claims clearinghouse')
        .length,
    ).toBe(4);
    const { search } = await ok<{ search: { id: string }[] }>(
      '{ search(text: "clearinghouse", first: 50) { id } }',
    );
    expect(search.map((e) => e.id)).toEqual(searchHits.map((h) => h.entity.id));
  });

  it('a name match ranks before a category match', async () => {
    const { searchHits } = await ok<{ searchHits: Hit[] }>(HITS, { text: 'epoch hosted', first: 5 });
    expect(searchHits[0]).toMatchObject({ matchedField: 'NAME', entity: { id: 'svc-epoch-hosted-ehr' } });
  });

  it('subsectors in words, organization types and service types match', async () => {
    const sub = await ok<{ searchHits: Hit[] }>(HITS, {
      text: 'patient care',
      kinds: ['ORGANIZATION'],
      first: 5,
    });
    expect(sub.searchHits.length).toBe(5);
    for (const h of sub.searchHits)
      expect(h).toMatchObject({ matchedField: 'SUBSECTOR', matchedText: 'Direct patient care' });
    const type = await ok<{ searchHits: Hit[] }>(HITS, { text: 'acute care', kinds: ['ORGANIZATION'] });
    expect(type.searchHits.length).toBeGreaterThan(0);
    for (const h of type.searchHits)
      expect(h).toMatchObject({ matchedField: 'TYPE', matchedText: 'Acute care hospital' });
    const st = await ok<{ searchHits: Hit[] }>(HITS, {
      text: 'communications',
      kinds: ['SERVICE'],
      first: 50,
    });
    expect(
      st.searchHits.filter((h) => h.matchedField === 'TYPE' && h.matchedText === 'Communications').length,
    ).toBe(6);
  });

  it('the migration replaces the older name-and-id index on an existing database', async () => {
    await store.runAutoCommit('DROP INDEX smart_entity_search_v2 IF EXISTS');
    await store.runAutoCommit(
      'CREATE FULLTEXT INDEX smart_entity_search IF NOT EXISTS FOR (n:Organization|Supplier|Service|Asset|Workflow|CriticalFunction) ON EACH [n.name, n.id]',
    );
    await migrate(store);
    const names = await store.read(async (tx) =>
      (
        await tx.run("SHOW INDEXES YIELD name WHERE name STARTS WITH 'smart_entity_search' RETURN name")
      ).records.map((r) => r.get('name') as string),
    );
    expect(names).toEqual(['smart_entity_search_v2']);
    const { searchHits } = await ok<{ searchHits: Hit[] }>(HITS, { text: 'EHR hosting', kinds: ['SERVICE'] });
    expect(searchHits.length).toBeGreaterThanOrEqual(6);
  });
});

describe('"why" in words on ImpactedEntity.reason', () => {
  const IMPACT = `query($input: ImpactInput!, $first: Int = 1000) {
    impact(input: $input) { affected(first: $first) { totalCount edges { node { entity { id } state because reason } } } }
  }`;
  type Row = { entity: { id: string }; state: string; because: string[]; reason: string | null };

  it('both clearinghouses down: the eligibility workflow fails when its workaround runs out', async () => {
    const { impact } = await ok<{ impact: { affected: { totalCount: number; edges: { node: Row }[] } } }>(
      IMPACT,
      { input: { failed: [{ id: 'sup-clearhouse-one' }, { id: 'sup-availpoint-exchange' }] } },
    );
    const affected = impact.affected.edges.map((e) => e.node);
    expect(affected).toHaveLength(impact.affected.totalCount);
    const byId = new Map(affected.map((a) => [a.entity.id, a]));
    expect(byId.get('wf-questmark-harbor-city-eligibility-verification')?.reason).toBe(
      'Fails at 31 h: its workaround covers 31 h and both eligibility services it can use (AvailPoint eligibility and ClearHouse One eligibility (270/271)) are down.',
    );
    expect(byId.get('svc-clearhouse-one-eligibility')?.reason).toBe(
      'Fails at 0 h: its supplier ClearHouse One failed.',
    );
    expect(byId.get('sup-clearhouse-one')?.reason).toBe('Fails at 0 h: failed in this scenario.');
    for (const a of affected) expect(a.reason).toMatch(/^(Fails at|Degraded from) /);
  });
});

describe('alternatives and single points of failure', () => {
  type Row = {
    organization: { id: string };
    dependent: { id: string };
    dependency: { id: string };
    alternatives: { id: string }[];
    singlePointOfFailure: boolean;
    category: string | null;
  };
  const FIELDS =
    'organization { id } dependent { id } dependency { id } alternatives { id } singlePointOfFailure category';

  it('hospitals with no alternative for EHR hosting: the same edges Cypher finds', async () => {
    const { singlePointsOfFailure } = await ok<{ singlePointsOfFailure: Row[] }>(
      `{ singlePointsOfFailure(category: "EHR hosting", subsector: DIRECT_PATIENT_CARE, first: 500) { ${FIELDS} } }`,
    );
    // An independent oracle: edges from a direct-patient-care organization's workflow or
    // asset to an "EHR hosting" service (or a service of an "EHR hosting" supplier) that
    // share their group label with no other edge of the same entity.
    const expected = await store.read(async (tx) =>
      (
        await tx.run(`
          MATCH (o:Organization {subsector: 'DIRECT_PATIENT_CARE'})-[:PERFORMS|OWNS]->(a)-[r:DEPENDS_ON]->(b)
          OPTIONAL MATCH (b)-[:PROVIDED_BY]->(s:Supplier)
          WITH o, a, r, b, s
          WHERE toLower(b.category) = 'ehr hosting' OR toLower(s.category) = 'ehr hosting'
          OPTIONAL MATCH (a)-[r2:DEPENDS_ON]->(other) WHERE r.group IS NOT NULL AND r2.group = r.group AND other <> b
          WITH o, a, b, count(other) AS others WHERE others = 0
          RETURN o.id + ':' + a.id + '>' + b.id AS key`)
      ).records.map((x) => x.get('key') as string),
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(500);
    expect(
      singlePointsOfFailure.map((r) => `${r.organization.id}:${r.dependent.id}>${r.dependency.id}`).sort(),
    ).toEqual(expected.sort());
    for (const r of singlePointsOfFailure)
      expect(r).toMatchObject({ singlePointOfFailure: true, alternatives: [] });
  });

  it('for one workflow: which dependencies have an alternative and which do not', async () => {
    const { dependencyAlternatives } = await ok<{ dependencyAlternatives: Row[] }>(
      `{ dependencyAlternatives(dependent: "wf-questmark-harbor-city-eligibility-verification") { ${FIELDS} } }`,
    );
    const byDep = new Map(dependencyAlternatives.map((r) => [r.dependency.id, r]));
    expect(byDep.get('svc-clearhouse-one-eligibility')).toMatchObject({
      singlePointOfFailure: false,
      alternatives: [{ id: 'svc-availpoint-eligibility' }],
    });
    expect(byDep.get('asset-questmark-harbor-city-lis')).toMatchObject({
      singlePointOfFailure: true,
      alternatives: [],
    });
  });

  it('bad arguments are BAD_USER_INPUT naming the argument', async () => {
    const res = await api.gql('{ singlePointsOfFailure(first: 0) { category } }', {}, { role: 'VIEWER' });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toMatch(/first/);
  });
});
