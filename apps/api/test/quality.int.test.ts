// Data quality (issue 13 item 6) on the hand-built ecosystem with one of each weakness
// added: every check's count and samples worked out by hand.
import { importTemplate } from '@smart/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handBuilt } from '../../../test/fixtures/hand-built';
import { type TestApi, startTestApi } from '../../../test/support/api';
import { resetDatabase, testStore } from '../../../test/support/neo4j';

const store = testStore();
let api: TestApi;

beforeAll(async () => {
  await resetDatabase(store);
  const t = handBuilt();
  t.organizations.push({ id: 'org-empty', name: 'Empty Clinic', subsector: 'DIRECT_PATIENT_CARE' });
  t.suppliers.push({ id: 'sup-lonely', name: 'Lonely Vendor', category: 'cloud' });
  t.services.push({ id: 'svc-unused', name: 'Unused API', supplierId: 'sup-cloud', type: 'SOFTWARE' });
  t.workflows.push({
    id: 'wf-orphan',
    name: 'Orphan workflow',
    organizationId: 'org-hosp',
    category: 'ADMINISTRATIVE',
  });
  t.dependencies.push({ from: 'wf-orphan', to: 'svc-cloud', confidence: 0.9 });
  const claims = t.dependencies.find((d) => d.from === 'wf-claims' && d.to === 'svc-ch1')!;
  claims.confidence = 0.3;
  const elig = t.dependencies.find((d) => d.from === 'wf-elig' && d.to === 'svc-ch2')!;
  elig.confidence = 0.45;
  await importTemplate(store, t, { actor: 'test' });
  api = await startTestApi(store);
});
afterAll(async () => {
  await api?.close();
  await store.close();
});

interface Finding {
  check: string;
  count: number;
  title: string;
  samples: { detail: string | null; entity: { id: string; name: string } }[];
}

describe('dataQuality', () => {
  it('finds one of each weakness, and the least confident dependencies first', async () => {
    const res = await api.gql<{ dataQuality: Finding[] }>(
      '{ dataQuality { check count title samples { detail entity { id name } } } }',
      {},
      { role: 'VIEWER' },
    );
    expect(res.errors).toBeUndefined();
    const byCheck = Object.fromEntries(
      res.data!.dataQuality.map((f) => [f.check, [f.count, f.samples.map((s) => [s.entity.id, s.detail])]]),
    );
    expect(byCheck).toEqual({
      WORKFLOWS_WITHOUT_FUNCTION: [1, [['wf-orphan', null]]],
      // wf-er has no third-party dependency in the fixture
      WORKFLOWS_WITHOUT_DEPENDENCIES: [1, [['wf-er', null]]],
      ORGANIZATIONS_WITHOUT_WORKFLOWS: [1, [['org-empty', null]]],
      SERVICES_WITHOUT_DEPENDENTS: [1, [['svc-unused', null]]],
      SUPPLIERS_WITHOUT_SERVICES: [1, [['sup-lonely', null]]],
      LOW_CONFIDENCE_DEPENDENCIES: [
        2,
        [
          ['wf-claims', 'depends on svc-ch1 (confidence 0.3)'],
          ['wf-elig', 'depends on svc-ch2 (confidence 0.45)'],
        ],
      ],
      // No submission recorded: nothing to find (quality-provenance.int.test.ts).
      UNCONFIRMED_ENTITIES: [0, []],
      SINGLE_SOURCE_SUPPLIERS: [0, []],
    });
    expect(res.data!.dataQuality[0]!.samples[0]!.entity.name).toBe('Orphan workflow');
  });

  it('limits the samples, not the counts, and refuses a limit out of range', async () => {
    const res = await api.gql<{ dataQuality: Finding[] }>(
      '{ dataQuality(samples: 1) { check count samples { entity { id } } } }',
      {},
      { role: 'VIEWER' },
    );
    const low = res.data!.dataQuality.find((f) => f.check === 'LOW_CONFIDENCE_DEPENDENCIES')!;
    expect([low.count, low.samples.length]).toEqual([2, 1]);
    const bad = await api.gql('{ dataQuality(samples: 101) { count } }', {}, { role: 'VIEWER' });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'samples' });
  });
});
