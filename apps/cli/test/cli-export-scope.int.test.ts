// `smart export DIR --org ORG_ID[,…]` (issue 19): the real command against the test
// Neo4j holding two hospitals on one catalogue writes only what a user scoped to the
// named organizations may see, and refuses an unknown organization writing nothing.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEMPLATE_TABLES } from '@smart/domain';
import { importTemplate } from '@smart/store';
import { readTemplate } from '@smart/templates';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BAY, HARBOR, SECRETS, twoOrganizations } from '../../../test/fixtures/two-organizations';
import { resetDatabase, testStore } from '../../../test/support/neo4j';
import { SPAWNS, runCli, shown } from './spawn-cli';

const store = testStore();
const dir = mkdtempSync(join(tmpdir(), 'smart-cli-export-scope-'));

beforeAll(async () => {
  await resetDatabase(store);
  await importTemplate(store, twoOrganizations(), { actor: 'test' });
}, 120_000);
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Every file of a CSV folder as one text, to look for names and ids anywhere in it. */
const allText = (folder: string) =>
  Object.values(TEMPLATE_TABLES)
    .map((table) => join(folder, table.file))
    .filter(existsSync)
    .map((f) => readFileSync(f, 'utf8'))
    .join('\n');

describe('smart export --org', SPAWNS, () => {
  it("writes Harbor's rows, the catalogue and the links among them only", async () => {
    const out = join(dir, 'harbor');
    const r = await runCli(['export', out, '--org', HARBOR]);
    expect(r.code, shown(r)).toBe(0);
    expect(r.stdout).toContain(`Exported 14 rows to ${out} (csv, scoped to ${HARBOR}).`);
    const { template: t, problems } = await readTemplate(out);
    expect(problems).toEqual([]);
    expect(t.organizations.map((o) => [o.id, o.name])).toEqual([[HARBOR, 'Harbor Hospital']]);
    expect(t.workflows.map((w) => w.id).sort()).toEqual(['wf-a-billing', 'wf-a-claims']);
    expect(t.assets.map((a) => a.id)).toEqual(['asset-a-ie']);
    expect(t.suppliers.map((s) => s.id).sort()).toEqual(['sup-ch', 'sup-cloud']);
    expect(t.services.map((s) => s.id).sort()).toEqual(['svc-ch', 'svc-cloud']);
    expect(t.criticalFunctions.map((f) => f.id).sort()).toEqual(['cf-care', 'cf-pay']);
    expect(t.workflowFunctions).toEqual([{ workflowId: 'wf-a-claims', functionId: 'cf-pay' }]);
    // Bay's dependency on Harbor's interface engine is Bay's row, left out with Bay.
    expect(t.dependencies.map((d) => `${d.from}>${d.to}`).sort()).toEqual([
      'asset-a-ie>svc-ch',
      'wf-a-billing>wf-a-claims',
      'wf-a-claims>svc-ch',
    ]);
    const text = allText(out);
    for (const secret of SECRETS[BAY]!) expect(text, secret).not.toContain(secret);
  });

  it("writes Bay's rows for --org org-b, and the whole map for both (as A,B or repeated)", async () => {
    const bay = join(dir, 'bay');
    const both = join(dir, 'both');
    const whole = join(dir, 'whole');
    const repeated = join(dir, 'repeated');
    const [b, ab, rep, w] = await Promise.all([
      runCli(['export', bay, '--org', BAY]),
      runCli(['export', both, '--org', `${HARBOR},${BAY}`]),
      runCli(['export', repeated, '--org', HARBOR, '--org', BAY]),
      runCli(['export', whole]),
    ]);
    for (const r of [b, ab, rep, w]) expect(r.code, shown(r)).toBe(0);
    const t = (await readTemplate(bay)).template;
    expect(t.organizations.map((o) => o.id)).toEqual([BAY]);
    expect(t.workflows.map((w) => w.id).sort()).toEqual(['wf-b-billing', 'wf-b-claims', 'wf-b-er']);
    expect(t.assets.map((a) => a.id)).toEqual(['asset-b-ehr']);
    expect(t.workflowFunctions.map((l) => l.workflowId).sort()).toEqual(['wf-b-claims', 'wf-b-er']);
    expect(t.dependencies.map((d) => `${d.from}>${d.to}`).sort()).toEqual([
      'asset-b-ehr>svc-cloud',
      'wf-b-claims>svc-ch',
      'wf-b-er>asset-b-ehr',
    ]);
    const text = allText(bay);
    for (const secret of SECRETS[HARBOR]!) expect(text, secret).not.toContain(secret);
    expect(allText(both)).toEqual(allText(whole));
    expect(allText(repeated)).toEqual(allText(whole));
    expect((await readTemplate(both)).template.dependencies).toHaveLength(7);
  });

  it('refuses an unknown organization id, naming it, and writes nothing', async () => {
    const out = join(dir, 'unknown');
    const empty = join(dir, 'empty');
    const [r, e] = await Promise.all([
      runCli(['export', out, '--org', `${HARBOR},org-nowhere`]),
      runCli(['export', empty, '--org', ',']),
    ]);
    expect(r.code, shown(r)).toBe(1);
    expect(r.stderr).toContain("error: --org: no organization has the id 'org-nowhere'");
    expect(r.stderr).not.toContain(`'${HARBOR}'`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(out)).toBe(false);
    expect(e.code, shown(e)).toBe(1);
    expect(e.stderr).toContain('--org needs organization ids');
    expect(existsSync(empty)).toBe(false);
  });
});
