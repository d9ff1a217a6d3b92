// `smart impact` text output says why in words under each affected entity (issue 18).
import { importTemplate } from '@smart/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handBuilt } from '../../../test/fixtures/hand-built';
import { resetDatabase, testStore } from '../../../test/support/neo4j';
import { SPAWNS, runCli, shown } from './spawn-cli';

const store = testStore();

beforeAll(async () => {
  await resetDatabase(store);
  await importTemplate(store, handBuilt(), { actor: 'test' });
}, 120_000);
afterAll(async () => {
  await store.close();
});

describe('smart impact, text output', SPAWNS, () => {
  it('prints the reason in words under each causal chain', async () => {
    const r = await runCli(['impact', '--failed', 'sup-ch1', '--hours', '8']);
    expect(r.code, shown(r)).toBe(0);
    const lines = r.stdout.split('\n');
    const chain = lines.findIndex((l) => l.includes('wf-claims ← svc-ch1 ← sup-ch1'));
    expect(chain).toBeGreaterThan(0);
    // wf-claims: tolerance 24 h, an 8 h outage: the workaround holds (DEGRADED)
    expect(lines[chain + 1]?.trim()).toBe(
      'Degraded from 0 h: it depends on ClearPath claims API with no alternative, down from 0 h; its workaround covers 24 h, outlasting the 8 h outage at 25 % of normal volume.',
    );
    const svc = lines.findIndex((l) => l.includes('svc-ch1 ← sup-ch1') && !l.includes('wf-'));
    expect(lines[svc + 1]?.trim()).toBe('Fails at 0 h: its supplier ClearPath Clearinghouse failed.');
  });
});
