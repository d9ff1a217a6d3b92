// `smart paths` says when the list was cut by --limit (default 100): a note in the
// text output, `truncated: true` in --json; a list that fits is not marked.
import { emptyTemplate } from '@smart/domain';
import { importTemplate } from '@smart/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resetDatabase, testStore } from '../../../test/support/neo4j';
import { SPAWNS, runCli, shown } from './spawn-cli';

const store = testStore();
/** More workflows on one service than the default limit of 100 paths. */
const WORKFLOWS = 102;
const wf = (i: number) => `wf-${String(i).padStart(3, '0')}`;

beforeAll(async () => {
  await resetDatabase(store);
  const t = emptyTemplate();
  t.organizations.push({ id: 'org-1', name: 'Hospital', subsector: 'DIRECT_PATIENT_CARE' });
  t.suppliers.push({ id: 'sup-1', name: 'Clearinghouse', category: 'clearinghouse' });
  t.services.push({ id: 'svc-1', name: 'Claims API', supplierId: 'sup-1', type: 'SOFTWARE' });
  for (let i = 0; i < WORKFLOWS; i++) {
    t.workflows.push({
      id: wf(i),
      name: `Workflow ${i}`,
      organizationId: 'org-1',
      category: 'ADMINISTRATIVE',
    });
    t.dependencies.push({ from: wf(i), to: 'svc-1' });
  }
  await importTemplate(store, t, { actor: 'test' });
}, 120_000);
afterAll(async () => {
  await store.close();
});

describe('smart paths past its limit', SPAWNS, () => {
  it('says the list was cut, in text and --json, and not when it fits', async () => {
    const [text, json, all] = await Promise.all([
      runCli(['paths', '--from', 'sup-1']),
      runCli(['paths', '--from', 'sup-1', '--json']),
      runCli(['paths', '--from', 'sup-1', '--limit', String(WORKFLOWS), '--json']),
    ]);
    for (const r of [text, json, all]) expect(r.code, shown(r)).toBe(0);

    const lines = text.stdout.trimEnd().split('\n');
    expect(lines.filter((l) => l.includes(' → '))).toHaveLength(100);
    expect(lines.at(-1)).toBe('100 path(s): showing the first 100; more exist (use --limit N for more)');

    const cut = JSON.parse(json.stdout) as { paths: { nodes: string[] }[]; truncated: boolean };
    expect(cut.truncated).toBe(true);
    expect(cut.paths).toHaveLength(100);
    expect(cut.paths[0]).toEqual({ nodes: ['sup-1', 'svc-1', wf(0)], length: 2 });
    expect(cut.paths.at(-1)).toEqual({ nodes: ['sup-1', 'svc-1', wf(99)], length: 2 });

    const whole = JSON.parse(all.stdout) as { paths: unknown[]; truncated: boolean };
    expect(whole.truncated).toBe(false);
    expect(whole.paths).toHaveLength(WORKFLOWS);
  });
});
