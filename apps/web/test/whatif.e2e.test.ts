// Issue 14 item 1 end to end, in Debian's Chromium on the real stack: on a simulation
// of the dominant clearinghouse, the "What if…" panel builds a change (a failed
// workflow's workaround made to hold past the outage), shows the baseline and the
// changed figures side by side — each equal to what the API answers for that input —
// and saves the failure with its change as a scenario. Nothing is written to the map.
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SHOTS, type Stack, startStack } from './support/stack';

const SUPPLIER = 'sup-clearhouse-one';
const BASE = { failed: [{ id: SUPPLIER }], durationHours: 72 };

let s: Stack;

beforeAll(async () => {
  s = await startStack();
});
afterAll(async () => {
  await s?.close();
});
afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail' && s?.page) {
    const name = ctx.task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60);
    await s.page.screenshot({ path: join(SHOTS, `e2e-whatif-failed-${name}.png`) }).catch(() => {});
  }
});

interface Figures {
  graphVersion: string;
  summary: {
    workflowsFailed: number;
    organizationsAffected: number;
    functions: { function: { name: string }; capacityLoss: number }[];
  };
}
const FIGURES = `query($input: ImpactInput!) { impact(input: $input) {
  graphVersion summary { workflowsFailed organizationsAffected functions { function { name } capacityLoss } } } }`;
const figures = async (input: unknown) => (await s.gql<{ impact: Figures }>(FIGURES, { input })).impact;

describe('what-if changes on the real stack', () => {
  it('signs in', async () => {
    await s.page.goto(await s.signInUrl());
    await s.page.getByRole('navigation', { name: 'Main' }).waitFor();
  });

  it('shows baseline and changed figures side by side, as the API computes them, and saves the change', async () => {
    const { page, base } = s;
    // The first workflow the clearinghouse's outage fails (its workaround runs out within 72 h).
    const { impact } = await s.gql<{
      impact: { affected: { edges: { node: { entity: { id: string; name: string } } }[] } };
    }>(
      `query($input: ImpactInput!) { impact(input: $input) {
        affected(first: 1, kinds: [WORKFLOW], states: [FAILED]) { edges { node { entity { id name } } } } } }`,
      { input: BASE },
    );
    const workflow = impact.affected.edges[0]!.node.entity;
    const change = { setWorkflow: { id: workflow.id, toleranceHours: 1000 } };
    const before = await figures(BASE);
    const after = await figures({ ...BASE, changes: [change] });
    // The change matters: that workflow no longer fails within the outage.
    expect(after.summary.workflowsFailed).toBeLessThan(before.summary.workflowsFailed);

    await page.goto(`${base}/?impact=${SUPPLIER}&hours=72`);
    await page.getByRole('region', { name: 'Impact summary' }).waitFor();
    await page.getByRole('button', { name: 'What if…' }).click();
    const panel = page.getByRole('region', { name: 'What if' });
    await panel.getByRole('combobox', { name: 'Kind of change' }).selectOption('workflow');
    await panel.getByRole('combobox', { name: 'Workflow' }).fill(workflow.id);
    await panel.getByRole('listbox', { name: 'Workflow results' }).getByRole('option').first().click();
    await panel.getByLabel('Workaround holds (hours)').fill('1000');
    await panel.getByRole('button', { name: 'Add change' }).click();
    await expect(panel.getByRole('list', { name: 'Changes' }).textContent()).resolves.toContain(
      'workaround holds 1000 h',
    );
    await panel.getByRole('button', { name: 'Compare with these changes' }).click();

    const table = panel.getByRole('table', { name: 'Baseline and with changes' });
    await table.waitFor();
    const cell = async (row: string, side: 'baseline' | 'changed') =>
      Number(
        (await table.locator(`tr[data-row="${row}"] td[data-side="${side}"]`).textContent())!.replace(
          /,/g,
          '',
        ),
      );
    expect(await cell('workflowsFailed', 'baseline')).toBe(before.summary.workflowsFailed);
    expect(await cell('workflowsFailed', 'changed')).toBe(after.summary.workflowsFailed);
    expect(await cell('organizationsAffected', 'baseline')).toBe(before.summary.organizationsAffected);
    expect(await cell('organizationsAffected', 'changed')).toBe(after.summary.organizationsAffected);
    // One row per critical function either side hits.
    const names = new Set(
      [...before.summary.functions, ...after.summary.functions].map((f) => f.function.name),
    );
    expect(await table.locator('tr[data-row^="fn:"]').count()).toBe(names.size);
    await page.screenshot({ path: join(SHOTS, 'e2e-whatif.png') });

    await panel.getByRole('button', { name: 'Save with changes as scenario…' }).click();
    const form = panel.getByRole('form', { name: 'Save scenario' });
    await form.getByLabel('Scenario name').fill('ClearHouse One with a longer workaround');
    await form.getByRole('button', { name: 'Save scenario' }).click();
    await panel.getByRole('status').filter({ hasText: 'Saved as' }).waitFor();
    const { scenarios } = await s.gql<{
      scenarios: {
        name: string;
        changes: { setWorkflow: { id: string; toleranceHours: number } | null }[];
        report: { summary: { workflowsFailed: number } };
      }[];
    }>(
      '{ scenarios { name changes { setWorkflow { id toleranceHours } } report { summary { workflowsFailed } } } }',
    );
    const saved = scenarios.find((x) => x.name === 'ClearHouse One with a longer workaround')!;
    expect(saved.changes).toEqual([{ setWorkflow: { id: workflow.id, toleranceHours: 1000 } }]);
    expect(saved.report.summary.workflowsFailed).toBe(after.summary.workflowsFailed);
    // The map itself was not changed.
    expect((await figures(BASE)).graphVersion).toBe(before.graphVersion);
    expect(s.consoleErrors).toEqual([]);
  });
});
