// Issue 14 item 1 end to end, in Debian's Chromium on the real stack: on a simulation
// of the dominant clearinghouse, the "What if…" panel builds a change (a failed
// workflow's workaround made to hold past the outage), shows the baseline and the
// changed figures side by side — each equal to what the API answers for that input —
// and saves the failure with its change as a scenario. Nothing is written to the map.
// An alternative to a dependency already in a group joins that group (not a new one).
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
    // The scenario's page lists its changes, and its figures are the simulation with them.
    await panel.getByRole('status').filter({ hasText: 'Saved as' }).getByRole('link').click();
    await page.waitForURL((u) => u.pathname.startsWith('/scenarios/'));
    const listed = page.getByRole('region', { name: 'What-if changes (1)' });
    await listed.waitFor();
    expect(await listed.getByRole('listitem').allTextContents()).toEqual([
      `${workflow.id}: its workaround holds 1000 h (41.7 days)`,
    ]);
    const summary = page.getByRole('region', { name: 'Impact summary' });
    await summary.waitFor();
    expect(
      Number((await summary.locator('[data-metric="workflowsFailed"]').textContent())!.replace(/,/g, '')),
    ).toBe(after.summary.workflowsFailed);
    expect(s.consoleErrors).toEqual([]);
  });

  it('makes an alternative join the group its dependency is already in, as the API would', async () => {
    const { page, base } = s;
    // A workflow whose dependency already has alternatives (a group), and a service outside it.
    const { dependencyAlternatives } = await s.gql<{
      dependencyAlternatives: {
        dependent: { id: string; kind: string };
        dependency: { id: string };
        group: string | null;
        alternatives: { id: string }[];
      }[];
    }>(
      `{ dependencyAlternatives(first: 200) {
        dependent { id kind } dependency { id } group alternatives { id } } }`,
    );
    const row = dependencyAlternatives.find(
      (d) => d.dependent.kind === 'WORKFLOW' && d.group && d.alternatives.length >= 1,
    );
    expect(row, 'a workflow dependency with alternatives').toBeDefined();
    const workflow = row!.dependent.id;
    const group = row!.group!;
    const members = [row!.dependency.id, ...row!.alternatives.map((a) => a.id)];
    const { impact } = await s.gql<{
      impact: { affected: { edges: { node: { entity: { id: string } } }[] } };
    }>(
      `query($input: ImpactInput!) { impact(input: $input) {
        affected(first: 50, kinds: [SERVICE]) { edges { node { entity { id } } } } } }`,
      { input: BASE },
    );
    const alt = impact.affected.edges.map((e) => e.node.entity.id).find((id) => !members.includes(id))!;
    const expected = [{ addDependency: { from: workflow, to: alt, group } }];
    const after = await figures({ ...BASE, changes: expected });

    await page.goto(`${base}/?impact=${SUPPLIER}&hours=72`);
    await page.getByRole('region', { name: 'Impact summary' }).waitFor();
    await page.getByRole('button', { name: 'What if…' }).click();
    const panel = page.getByRole('region', { name: 'What if' });
    await panel.getByRole('combobox', { name: 'Kind of change' }).selectOption('alternative');
    const pick = async (label: string, id: string) => {
      await panel.getByRole('combobox', { name: label }).fill(id);
      await panel
        .getByRole('listbox', { name: `${label} results` })
        .getByRole('option')
        .first()
        .click();
    };
    await pick('Dependent', workflow);
    await pick('Current dependency', members[0]!);
    await pick('Alternative', alt);
    await panel.getByRole('button', { name: 'Add change' }).click();
    // One change: the alternative joins the group; the dependency is not regrouped.
    const changes = panel.getByRole('list', { name: 'Changes' }).getByRole('listitem');
    await expect.poll(() => changes.count()).toBe(1);
    await expect(changes.first().textContent()).resolves.toContain('can use');
    await panel.getByRole('button', { name: 'Compare with these changes' }).click();
    const table = panel.getByRole('table', { name: 'Baseline and with changes' });
    await table.waitFor();
    const changed = Number(
      (await table.locator('tr[data-row="workflowsFailed"] td[data-side="changed"]').textContent())!.replace(
        /,/g,
        '',
      ),
    );
    expect(changed).toBe(after.summary.workflowsFailed);
    expect(s.consoleErrors).toEqual([]);
  });
});
