// The data-quality checks that need provenance (issue 13 item 6): entities not
// confirmed for more than a configurable age, and suppliers whose dependents all come
// from one submission. Worked by hand on the hand-built map: Riverside's submission of
// 2025-01-01 asserts all of it (16 entities, 5 dependencies); the pharmacy's of
// 2026-11-01 repeats org-pharm, wf-dispense, svc-pbm and wf-dispense → svc-pbm.
import { emptyTemplate } from '@smart/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handBuilt } from '../../../test/fixtures/hand-built';
import { resetDatabase, testStore } from '../../../test/support/neo4j';
import { checkSubmission, dataQuality, importTemplate } from '../src';

const store = testStore();
const now = new Date('2026-12-03T12:00:00Z');
let riverside: string;

beforeAll(async () => {
  await resetDatabase(store);
  riverside = (
    await importTemplate(store, handBuilt(), {
      actor: 'test',
      submission: checkSubmission({ contributor: 'Riverside General', date: '2025-01-01' }, 'test'),
    })
  ).submissionId!;
  const hand = handBuilt();
  const t = emptyTemplate();
  t.organizations.push(hand.organizations.find((o) => o.id === 'org-pharm')!);
  t.workflows.push(hand.workflows.find((w) => w.id === 'wf-dispense')!);
  t.services.push(hand.services.find((s) => s.id === 'svc-pbm')!);
  t.dependencies.push({ from: 'wf-dispense', to: 'svc-pbm' });
  await importTemplate(store, t, {
    actor: 'test',
    submission: checkSubmission({ contributor: 'Corner Pharmacy', date: '2026-11-01' }, 'test'),
  });
});
afterAll(async () => {
  await store.close();
});

const finding = async (check: string, opts: Parameters<typeof dataQuality>[1] = {}) =>
  (await dataQuality(store, { now, ...opts })).find((f) => f.check === check)!;

describe('data quality with provenance', () => {
  it('UNCONFIRMED_ENTITIES: last confirmed more than unconfirmedDays ago, oldest first', async () => {
    // 365 days before 2026-12-03 is 2025-12-03: the 13 entities only Riverside asserted.
    const year = await finding('UNCONFIRMED_ENTITIES', { samples: 2 });
    expect(year.count).toBe(13);
    expect(year.samples).toEqual([
      { id: 'cf-care', detail: 'last confirmed 2025-01-01' },
      { id: 'cf-pay', detail: 'last confirmed 2025-01-01' },
    ]);
    // 10 days: the pharmacy's three are 32 days old too.
    expect((await finding('UNCONFIRMED_ENTITIES', { unconfirmedDays: 10 })).count).toBe(16);
    // 1,000 days: none.
    expect((await finding('UNCONFIRMED_ENTITIES', { unconfirmedDays: 1000 })).count).toBe(0);
  });

  it('SINGLE_SOURCE_SUPPLIERS: every dependency on the supplier or its services from one submission', async () => {
    // sup-ch1 (wf-claims, wf-elig → svc-ch1), sup-ch2 (wf-elig → svc-ch2), sup-cloud
    // (svc-pbm → svc-cloud): Riverside's only. sup-pbm: Riverside's and the pharmacy's.
    const found = await finding('SINGLE_SOURCE_SUPPLIERS');
    expect(found.count).toBe(3);
    expect(found.samples).toEqual([
      { id: 'sup-ch1', detail: `2 dependent(s), all from submission ${riverside} (2025-01-01)` },
      { id: 'sup-ch2', detail: `1 dependent(s), all from submission ${riverside} (2025-01-01)` },
      { id: 'sup-cloud', detail: `1 dependent(s), all from submission ${riverside} (2025-01-01)` },
    ]);
    // A dependency on the cloud that no submission asserted: its word is no longer all the map has.
    const t = emptyTemplate();
    t.dependencies.push({ from: 'wf-er', to: 'svc-cloud' });
    await importTemplate(store, t, { actor: 'test' });
    expect((await finding('SINGLE_SOURCE_SUPPLIERS')).samples.map((s) => s.id)).toEqual([
      'sup-ch1',
      'sup-ch2',
    ]);
  });
});
