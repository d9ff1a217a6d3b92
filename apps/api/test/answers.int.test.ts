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
