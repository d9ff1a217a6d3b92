// Issue 13 end to end, in Debian's Chromium on the real stack over the hand-built map:
// an ANALYST gives "Claims submission" an alternative to the ClearPath claims API from
// the details panel; the open simulation of ClearPath's failure runs again on the new
// graph and no longer fails the workflow; Undo brings the map and the simulation back.
// A VIEWER sees no edit control.
import { join } from 'node:path';
import { issueSignInCode } from '@smart/store';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { handBuilt } from '../../../test/fixtures/hand-built';
import { SHOTS, type Stack, startStack } from './support/stack';

let s: Stack;

beforeAll(async () => {
  s = await startStack({ template: handBuilt() });
});
afterAll(async () => {
  await s?.close();
});
afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail' && s?.page) {
    const name = ctx.task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60);
    await s.page.screenshot({ path: join(SHOTS, `e2e-editing-failed-${name}.png`) }).catch(() => {});
  }
});

const DEPS = `query($id: ID!) { dependencies(id: $id) { group alternatives { to { id } } } }`;
type Deps = { dependencies: { group: string | null; alternatives: { to: { id: string } }[] }[] };

async function signIn(page: Page, username: string, role: 'ANALYST' | 'VIEWER') {
  const { code } = await issueSignInCode(s.store, { username, role }, 'e2e');
  await page.goto(`${s.base}/?code=${encodeURIComponent(code)}`);
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
}

/** Workflows failed in the open simulation, once the summary shows `expected`. */
async function workflowsFailed(page: Page, expected: number) {
  await page.getByRole('tab', { name: 'Simulate' }).click();
  const metric = page
    .getByRole('region', { name: 'Impact summary' })
    .locator('[data-metric="workflowsFailed"]');
  await expect
    .poll(async () => Number((await metric.textContent())?.replace(/,/g, '')), { timeout: 20_000 })
    .toBe(expected);
}

describe('editing in the explorer', () => {
  it('an analyst adds an alternative from the details panel; the simulation follows; Undo restores it', async () => {
    const { page } = s;
    await signIn(page, 'ana', 'ANALYST');
    await page.goto(`${s.base}/?impact=sup-ch1&focus=wf-claims`);
    // ClearPath down: Claims submission has no alternative to its claims API, so it fails.
    await workflowsFailed(page, 1);

    await page.getByRole('tab', { name: 'Details' }).click();
    await expect(page.locator('#details-title').textContent()).resolves.toBe('Claims submission');
    const edit = page.getByRole('region', { name: 'Edit' });
    await edit.getByRole('button', { name: 'Add dependency' }).click();
    const form = page.getByRole('form', { name: 'Add dependency' });
    await form.getByRole('combobox', { name: 'Depends on' }).fill('AltClaims');
    await page.getByRole('option', { name: /AltClaims API/ }).click();
    await form.getByLabel('Alternative to').selectOption('svc-ch1');
    await form.getByLabel(/^Source/).selectOption('CONTRACT');
    await form.getByLabel(/^Confidence/).fill('0.8');
    // What the save does, before saving.
    await expect(form.getByRole('status', { name: 'What saving changes' }).textContent()).resolves.toContain(
      'Adds: Claims submission depends on AltClaims API or ClearPath claims API',
    );
    await form.getByRole('button', { name: 'Add' }).click();
    const last = page.getByRole('status', { name: 'Last edit' });
    await expect
      .poll(() => last.textContent())
      .toContain(
        'Added the dependency of Claims submission on AltClaims API as an alternative to ClearPath claims API',
      );
    const after = await s.gql<Deps>(DEPS, { id: 'wf-claims' });
    expect(after.dependencies).toEqual([
      { group: 'svc-ch1|svc-ch2', alternatives: [{ to: { id: 'svc-ch1' } }, { to: { id: 'svc-ch2' } }] },
    ]);
    await page.screenshot({ path: join(SHOTS, 'e2e-editing-added.png') });

    // The open simulation ran again on the new graph: the claims workflow has an alternative now.
    await workflowsFailed(page, 0);

    await last.getByRole('button', { name: 'Undo' }).click();
    await expect
      .poll(() => last.textContent())
      .toContain('Undone: Claims submission no longer depends on AltClaims API');
    expect((await s.gql<Deps>(DEPS, { id: 'wf-claims' })).dependencies).toEqual([
      { group: null, alternatives: [{ to: { id: 'svc-ch1' } }] },
    ]);
    await workflowsFailed(page, 1);
  });

  it('refuses a value the template rules refuse, naming the field, and saves nothing', async () => {
    const { page } = s;
    await page.goto(`${s.base}/?focus=wf-claims`);
    const edit = page.getByRole('region', { name: 'Edit' });
    await edit.getByRole('button', { name: 'Edit', exact: true }).click();
    const form = page.getByRole('form', { name: 'Edit entity' });
    await form.getByLabel(/^Workaround capacity/).fill('1.5');
    await expect(form.getByRole('status', { name: 'What saving changes' }).textContent()).resolves.toContain(
      'Workaround capacity: 0.25 → 1.5',
    );
    await form.getByRole('button', { name: 'Save' }).click();
    await expect(form.locator('.field-error').textContent()).resolves.toBe(
      'Workaround capacity: must be a number from 0 to 1',
    );
    const { entity } = await s.gql<{ entity: { workaroundCapacity: number } }>(
      '{ entity(id: "wf-claims") { ... on Workflow { workaroundCapacity } } }',
    );
    expect(entity.workaroundCapacity).toBe(0.25);
  });

  it('shows a viewer no edit control', async () => {
    const context = await s.browser.newContext({ viewport: { width: 1440, height: 900 } });
    const viewer = await context.newPage();
    viewer.on('pageerror', (e) => s.consoleErrors.push(e.message));
    try {
      await signIn(viewer, 'vera', 'VIEWER');
      await viewer.goto(`${s.base}/?focus=wf-claims`);
      await expect(viewer.locator('#details-title').textContent()).resolves.toBe('Claims submission');
      await viewer.getByRole('heading', { name: /Depends on/ }).waitFor();
      expect(await viewer.getByRole('region', { name: 'Edit' }).count()).toBe(0);
      for (const name of ['Edit', 'Add dependency', 'New entity', 'Delete…'])
        expect(await viewer.getByRole('button', { name, exact: true }).count(), name).toBe(0);
    } finally {
      await context.close();
    }
  });

  it('logged no console error along the way', () => {
    expect(s.consoleErrors).toEqual([]);
  });
});
