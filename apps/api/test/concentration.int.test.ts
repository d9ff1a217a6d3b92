// The concentration matrix's drill-down on the demo ecosystem: each cell's organizations
// are exactly as many as the cell says, from the subsector and reaching suppliers of the
// category.
import { importTemplate } from '@smart/store';
import { hasErrors, readTemplate } from '@smart/templates';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApi, startTestApi } from '../../../test/support/api';
import { resetDatabase, testStore } from '../../../test/support/neo4j';

const store = testStore();
let api: TestApi;

beforeAll(async () => {
  await resetDatabase(store);
  const demo = await readTemplate('packages/seed/demo');
  expect(hasErrors(demo.problems)).toBe(false);
  await importTemplate(store, demo.template, { actor: 'test' });
  api = await startTestApi(store);
});
afterAll(async () => {
  await api?.close();
  await store.close();
});

interface Cell {
  supplierCategory: string;
  subsector: string;
  organizations: number;
  suppliers: number;
}
interface Member {
  organization: { id: string; name: string; subsector: string };
  suppliers: { id: string; category: string | null }[];
}

describe('concentrationOrganizations', () => {
  it('lists, for every cell, as many organizations as the cell counts, of its subsector and category', async () => {
    const m = await api.gql<{ concentrationMatrix: Cell[] }>(
      '{ concentrationMatrix { supplierCategory subsector organizations suppliers } }',
      {},
      { role: 'VIEWER' },
    );
    expect(m.errors).toBeUndefined();
    const cells = m.data!.concentrationMatrix;
    expect(cells.length).toBeGreaterThan(10);
    for (const cell of cells) {
      const r = await api.gql<{ concentrationOrganizations: Member[] }>(
        `query($c: String!, $s: Subsector!) { concentrationOrganizations(supplierCategory: $c, subsector: $s, first: 300) {
          organization { id name subsector } suppliers { id ... on Supplier { category } } } }`,
        { c: cell.supplierCategory, s: cell.subsector },
        { role: 'VIEWER' },
      );
      expect(r.errors).toBeUndefined();
      const members = r.data!.concentrationOrganizations;
      const where = `${cell.supplierCategory} × ${cell.subsector}`;
      expect(members.length, where).toBe(cell.organizations);
      expect(new Set(members.flatMap((x) => x.suppliers.map((s) => s.id))).size, where).toBe(cell.suppliers);
      for (const x of members) {
        expect(x.organization.subsector).toBe(cell.subsector);
        for (const s of x.suppliers) expect(s.category ?? 'uncategorised').toBe(cell.supplierCategory);
      }
      const names = members.map((x) => x.organization.name);
      expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    }
  });

  it('bounds first and says where a bad argument is', async () => {
    const r = await api.gql(
      '{ concentrationOrganizations(supplierCategory: "Cloud", subsector: DIRECT_PATIENT_CARE, first: 0) { organization { id } } }',
      {},
      { role: 'VIEWER' },
    );
    expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(r.errors?.[0]?.message).toMatch(/first/);
  });
});
