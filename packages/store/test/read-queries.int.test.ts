// The read queries of cypher/ against small fixture graphs in the real Neo4j, table by
// table (issue 15 item 5): each fixture is a graph drawn below, each case a query and
// the rows worked out by hand from the drawing.
import { type Template, emptyTemplate } from '@smart/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resetDatabase, testStore } from '../../../test/support/neo4j';
import {
  type Store,
  concentrationMatrix,
  concentrationOrganizations,
  dataQuality,
  dependenciesOf,
  dependentsOf,
  graphStats,
  importTemplate,
  searchHits,
} from '../src';

const store = testStore();
afterAll(async () => {
  await store.close();
});

// Concentration:
//   o-a Alpha Hospital (DPC):  w-a ─► v-ehr1 (s-ehr1 "EHR");  w-a2 ─► s-ehr2 "EHR"
//   o-b Beta Clinic (DPC):     a-b ─► s-ehr2 "EHR"
//   o-c Gamma IT (HEALTH_IT):  w-c ─► v-host (s-host, no category) ─► v-cloud (s-cloud "cloud")
//                                                                    ─► v-dns (s-dns "dns": two hops, not counted)
//   o-d Delta Lab (PHARMA):    nothing
function concentration(): Template {
  const t = emptyTemplate();
  t.organizations.push(
    { id: 'o-a', name: 'Alpha Hospital', subsector: 'DIRECT_PATIENT_CARE' },
    { id: 'o-b', name: 'Beta Clinic', subsector: 'DIRECT_PATIENT_CARE' },
    { id: 'o-c', name: 'Gamma IT', subsector: 'HEALTH_IT' },
    { id: 'o-d', name: 'Delta Lab', subsector: 'PHARMA_LABS_BLOOD' },
  );
  t.suppliers.push(
    { id: 's-ehr1', name: 'EHR One', category: 'EHR' },
    { id: 's-ehr2', name: 'EHR Two', category: 'EHR' },
    { id: 's-host', name: 'Hosting Co' },
    { id: 's-cloud', name: 'Cloud Co', category: 'cloud' },
    { id: 's-dns', name: 'DNS Co', category: 'dns' },
  );
  t.services.push(
    { id: 'v-ehr1', name: 'EHR One hosted', supplierId: 's-ehr1', type: 'SOFTWARE' },
    { id: 'v-host', name: 'Hosting', supplierId: 's-host', type: 'TECHNOLOGY' },
    { id: 'v-cloud', name: 'Cloud region', supplierId: 's-cloud', type: 'TECHNOLOGY' },
    { id: 'v-dns', name: 'DNS', supplierId: 's-dns', type: 'TECHNOLOGY' },
  );
  t.assets.push({ id: 'a-b', name: 'Beta EHR', organizationId: 'o-b' });
  t.workflows.push(
    { id: 'w-a', name: 'Charting', organizationId: 'o-a', category: 'CLINICAL' },
    { id: 'w-a2', name: 'Orders', organizationId: 'o-a', category: 'CLINICAL' },
    { id: 'w-c', name: 'Billing', organizationId: 'o-c', category: 'ADMINISTRATIVE' },
  );
  t.dependencies.push(
    { from: 'w-a', to: 'v-ehr1' },
    { from: 'w-a2', to: 's-ehr2' },
    { from: 'a-b', to: 's-ehr2', group: 'ehr', strength: 0.5 },
    { from: 'w-c', to: 'v-host' },
    { from: 'v-host', to: 'v-cloud' },
    { from: 'v-cloud', to: 'v-dns' },
  );
  return t;
}

// Quality:
//   q-o1 performs q-w1 (supports q-f1; ─► q-v1 confidence 0.3, ─► q-s3 confidence 0.9),
//        q-w2 (no dependency, no function), q-w3 (─► q-v1 confidence 0.45, no function)
//   q-o2 performs nothing
//   q-s1 provides q-v1 and q-v2 (nothing depends on q-v2); q-s2 has nothing; q-s3 no service
function quality(): Template {
  const t = emptyTemplate();
  t.organizations.push(
    { id: 'q-o1', name: 'One', subsector: 'DIRECT_PATIENT_CARE' },
    { id: 'q-o2', name: 'Two', subsector: 'HEALTH_IT' },
  );
  t.suppliers.push({ id: 'q-s1', name: 'S1' }, { id: 'q-s2', name: 'S2' }, { id: 'q-s3', name: 'S3' });
  t.services.push(
    { id: 'q-v1', name: 'V1', supplierId: 'q-s1', type: 'SOFTWARE' },
    { id: 'q-v2', name: 'V2', supplierId: 'q-s1', type: 'SOFTWARE' },
  );
  t.workflows.push(
    { id: 'q-w1', name: 'W1', organizationId: 'q-o1', category: 'CLINICAL' },
    { id: 'q-w2', name: 'W2', organizationId: 'q-o1', category: 'CLINICAL' },
    { id: 'q-w3', name: 'W3', organizationId: 'q-o1', category: 'CLINICAL' },
  );
  t.criticalFunctions.push({ id: 'q-f1', name: 'F1' });
  t.workflowFunctions.push({ workflowId: 'q-w1', functionId: 'q-f1' });
  t.dependencies.push(
    { from: 'q-w1', to: 'q-v1', confidence: 0.3 },
    { from: 'q-w1', to: 'q-s3', confidence: 0.9 },
    { from: 'q-w3', to: 'q-v1', confidence: 0.45 },
  );
  return t;
}

interface Case {
  name: string;
  run: (store: Store) => Promise<unknown>;
  expected: unknown;
}

const byOrgThenSuppliers = (rows: { organizationId: string; supplierIds: string[] }[]) =>
  rows.map((r) => ({ ...r, supplierIds: [...r.supplierIds].sort() }));
const edges = (rows: { from: string; to: string; group: string | null; strength: number }[]) =>
  rows.map(({ from, to, group, strength }) => ({ from, to, group, strength }));

const FIXTURES: { name: string; template: () => Template; cases: Case[] }[] = [
  {
    name: 'concentration',
    template: concentration,
    cases: [
      {
        name: 'risk/concentration-matrix: organizations and suppliers per category × subsector, one service hop',
        run: concentrationMatrix,
        expected: [
          { supplierCategory: 'EHR', subsector: 'DIRECT_PATIENT_CARE', organizations: 2, suppliers: 2 },
          { supplierCategory: 'cloud', subsector: 'HEALTH_IT', organizations: 1, suppliers: 1 },
          { supplierCategory: 'uncategorised', subsector: 'HEALTH_IT', organizations: 1, suppliers: 1 },
        ],
      },
      {
        name: 'risk/concentration-cell: the organizations of one cell, by name, with the suppliers they reach',
        run: async (s) =>
          byOrgThenSuppliers(
            await concentrationOrganizations(
              s,
              { supplierCategory: 'EHR', subsector: 'DIRECT_PATIENT_CARE' },
              100,
            ),
          ),
        expected: [
          { organizationId: 'o-a', supplierIds: ['s-ehr1', 's-ehr2'] },
          { organizationId: 'o-b', supplierIds: ['s-ehr2'] },
        ],
      },
      {
        name: 'risk/concentration-cell: at most `first`',
        run: async (s) =>
          (
            await concentrationOrganizations(
              s,
              { supplierCategory: 'EHR', subsector: 'DIRECT_PATIENT_CARE' },
              1,
            )
          ).map((r) => r.organizationId),
        expected: ['o-a'],
      },
      {
        name: 'risk/concentration-cell: suppliers without a category are "uncategorised"',
        run: (s) =>
          concentrationOrganizations(s, { supplierCategory: 'uncategorised', subsector: 'HEALTH_IT' }, 10),
        expected: [{ organizationId: 'o-c', supplierIds: ['s-host'] }],
      },
      {
        name: 'risk/concentration-cell: two service hops away is not in the cell',
        run: (s) => concentrationOrganizations(s, { supplierCategory: 'dns', subsector: 'HEALTH_IT' }, 10),
        expected: [],
      },
      {
        name: 'entities/dependents: DEPENDS_ON edges into a supplier, by dependent',
        run: async (s) => edges(await dependentsOf(s, 's-ehr2', 100)),
        expected: [
          { from: 'a-b', to: 's-ehr2', group: 'ehr', strength: 0.5 },
          { from: 'w-a2', to: 's-ehr2', group: null, strength: 1 },
        ],
      },
      {
        name: "entities/dependents: a supplier's dependents include its services' ones",
        run: async (s) => edges(await dependentsOf(s, 's-host', 100)),
        expected: [{ from: 'w-c', to: 'v-host', group: null, strength: 1 }],
      },
      {
        name: 'entities/dependencies: what an entity depends on',
        run: async (s) => (await dependenciesOf(s, 'v-host')).map((d) => d.to),
        expected: ['v-cloud'],
      },
      {
        name: 'entities/search: every kind whose name has a word starting with the term, whole records',
        run: async (s) =>
          (await searchHits(s, 'hosting', [], 10))
            .map((h) => ({ id: h.entity.id, field: h.matchedField, supplierId: h.entity.supplierId ?? null }))
            .sort((x, y) => x.id.localeCompare(y.id)),
        // 'EHR One hosted' does not match: "hosting" is no prefix of "hosted".
        expected: [
          { id: 's-host', field: 'NAME', supplierId: null },
          { id: 'v-host', field: 'NAME', supplierId: 's-host' },
        ],
      },
      {
        name: 'entities/search: only the labels asked for, at most `first`',
        run: async (s) => ({
          services: (await searchHits(s, 'hosting', ['Service'], 10)).map((h) => h.entity.id),
          one: (await searchHits(s, 'ehr', [], 1)).length,
        }),
        expected: { services: ['v-host'], one: 1 },
      },
      {
        name: 'stats: entities per kind and DEPENDS_ON edges',
        run: async (s) => {
          const { counts, dependencies } = await graphStats(s);
          return { counts: Object.fromEntries(counts.map((c) => [c.kind, c.count])), dependencies };
        },
        expected: {
          counts: { ORGANIZATION: 4, SUPPLIER: 5, SERVICE: 4, ASSET: 1, WORKFLOW: 3, CRITICAL_FUNCTION: 0 },
          dependencies: 6,
        },
      },
    ],
  },
  {
    name: 'quality',
    template: quality,
    cases: [
      {
        name: 'quality/*: every check, its count and its samples by id (least confident first)',
        run: async (s) =>
          (await dataQuality(s)).map(({ check, count, samples }) => ({ check, count, samples })),
        expected: [
          {
            check: 'WORKFLOWS_WITHOUT_FUNCTION',
            count: 2,
            samples: [
              { id: 'q-w2', detail: null },
              { id: 'q-w3', detail: null },
            ],
          },
          { check: 'WORKFLOWS_WITHOUT_DEPENDENCIES', count: 1, samples: [{ id: 'q-w2', detail: null }] },
          { check: 'ORGANIZATIONS_WITHOUT_WORKFLOWS', count: 1, samples: [{ id: 'q-o2', detail: null }] },
          { check: 'SERVICES_WITHOUT_DEPENDENTS', count: 1, samples: [{ id: 'q-v2', detail: null }] },
          { check: 'SUPPLIERS_WITHOUT_SERVICES', count: 1, samples: [{ id: 'q-s2', detail: null }] },
          {
            check: 'LOW_CONFIDENCE_DEPENDENCIES',
            count: 2,
            samples: [
              { id: 'q-w1', detail: 'depends on q-v1 (confidence 0.3)' },
              { id: 'q-w3', detail: 'depends on q-v1 (confidence 0.45)' },
            ],
          },
          { check: 'UNCONFIRMED_ENTITIES', count: 0, samples: [] },
          { check: 'SINGLE_SOURCE_SUPPLIERS', count: 0, samples: [] },
        ],
      },
      {
        name: 'quality/*: samples cut at `samples`, counts whole',
        run: async (s) =>
          (await dataQuality(s, { samples: 1 })).map(({ count, samples }) => [count, samples.length]),
        expected: [
          [2, 1],
          [1, 1],
          [1, 1],
          [1, 1],
          [1, 1],
          [2, 1],
          [0, 0],
          [0, 0],
        ],
      },
    ],
  },
];

for (const fixture of FIXTURES) {
  describe(`read queries on the ${fixture.name} fixture`, () => {
    beforeAll(async () => {
      await resetDatabase(store);
      await importTemplate(store, fixture.template(), { actor: 'test' });
    });
    for (const c of fixture.cases) {
      it(c.name, async () => {
        expect(await c.run(store)).toEqual(c.expected);
      });
    }
  });
}
