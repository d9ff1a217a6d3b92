// Issue 18 end to end, in Debian's Chromium on the real stack: saving and reopening a
// scenario, a comparison that lists what changed, and durations that read the same in
// the link, the slider and the title. Each step continues from the previous one.
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SHOTS, type Stack, startStack } from './support/stack';

const SUPPLIER = 'sup-clearhouse-one';
const SUPPLIER_NAME = 'ClearHouse One';

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
    await s.page.screenshot({ path: join(SHOTS, `e2e-scenarios-failed-${name}.png`) }).catch(() => {});
  }
});

/** Runs the simulation a link names, saves it under `name`, and returns the "Saved as" link. */
async function simulateAndSave(hours: number, name: string) {
  const { page, base } = s;
  await page.goto(`${base}/?impact=${SUPPLIER}&hours=${hours}`);
  await page.getByRole('region', { name: 'Impact summary' }).waitFor();
  await page.getByRole('button', { name: 'Save as scenario…' }).click();
  const form = page.getByRole('form', { name: 'Save scenario' });
  await form.getByLabel('Scenario name').fill(name);
  await form.getByRole('button', { name: 'Save scenario' }).click();
  const saved = page.getByRole('status').filter({ hasText: 'Saved as' });
  await saved.waitFor();
  return saved.getByRole('link', { name });
}

describe('scenarios and durations on the real stack', () => {
  it('signs in', async () => {
    await s.page.goto(await s.signInUrl());
    await s.page.getByRole('navigation', { name: 'Main' }).waitFor();
  });

  it('saves a simulation and reopens it from "Saved as" and from the list', async () => {
    const { page } = s;
    const link = await simulateAndSave(72, 'ClearHouse One 72 h');
    await link.click();
    await page.waitForURL((u) => u.pathname.startsWith('/scenarios/'));
    await page.getByRole('heading', { level: 1, name: 'ClearHouse One 72 h' }).waitFor();
    const summary = page.getByRole('region', { name: 'Impact summary' });
    await summary.waitFor();
    expect(await page.getByText('Could not load the scenario').count()).toBe(0);
    await expect(page.locator('.page-head').textContent()).resolves.toContain('fails for 72 h (3 days)');
    const shown = Number(
      (await summary.locator('[data-metric="workflowsFailed"]').textContent())!.replace(/,/g, ''),
    );
    const { impact } = await s.gql<{ impact: { summary: { workflowsFailed: number } } }>(
      'query($input: ImpactInput!) { impact(input: $input) { summary { workflowsFailed } } }',
      { input: { failed: [{ id: SUPPLIER }], durationHours: 72 } },
    );
    expect(shown).toBe(impact.summary.workflowsFailed);

    await page.getByRole('link', { name: 'Scenarios', exact: true }).first().click();
    await page.getByRole('link', { name: 'ClearHouse One 72 h' }).click();
    await page.getByRole('heading', { level: 1, name: 'ClearHouse One 72 h' }).waitFor();
    await page.getByRole('region', { name: 'Impact summary' }).waitFor();
    await page.screenshot({ path: join(SHOTS, 'e2e-scenario.png') });
  });

  it('compares 72 h with 14 days and lists the workflows that go from degraded to failed', async () => {
    const { page, base } = s;
    await simulateAndSave(336, 'ClearHouse One 14 days');
    await page.goto(`${base}/scenarios`);
    await page.getByRole('checkbox', { name: 'Compare ClearHouse One 72 h' }).check();
    await page.getByRole('checkbox', { name: 'Compare ClearHouse One 14 days' }).check();
    await page.getByRole('button', { name: 'Compare', exact: true }).click();
    await page.waitForURL((u) => u.searchParams.has('compare'));
    const changes = page.getByRole('region', { name: /What changed from A to B/ });
    await changes.waitFor();

    const [a, b] = new URL(page.url()).searchParams.get('compare')!.split(',');
    const { compareScenarios: c } = await s.gql<{
      compareScenarios: {
        changeTotals: { total: number; degradedToFailed: number };
        byOrganization: unknown[];
      };
    }>(
      'query($a: ID!, $b: ID!) { compareScenarios(a: $a, b: $b) { changeTotals { total degradedToFailed } byOrganization { totals { total } } } }',
      { a, b },
    );
    expect(c.changeTotals.degradedToFailed).toBeGreaterThan(0);
    await expect(changes.getByRole('heading', { level: 2 }).textContent()).resolves.toBe(
      `What changed from A to B (${c.changeTotals.total})`,
    );
    await expect(changes.locator('.change-totals').textContent()).resolves.toContain(
      `${c.changeTotals.degradedToFailed} degraded → failed`,
    );
    // One group per organization; open the first and read a change in it.
    expect(await changes.locator('details.change-group').count()).toBe(c.byOrganization.length);
    const group = changes.locator('details.change-group').filter({ hasText: 'degraded → failed' }).first();
    await group.locator('summary').click();
    const row = group
      .locator('li')
      .filter({ hasText: /degraded in A → failed in B at \d+ h/ })
      .first();
    await row.waitFor();
    await page.screenshot({ path: join(SHOTS, 'e2e-compare.png') });

    // A and B on the comparison open their scenarios.
    await page.locator('th .tag-a + a').click();
    await page.getByRole('heading', { level: 1, name: 'ClearHouse One 72 h' }).waitFor();
    await page.getByRole('region', { name: 'Impact summary' }).waitFor();
  });

  it('shows exactly the hours of a link on the slider and in the title, and runs them', async () => {
    const { page, base } = s;
    await page.goto(`${base}/?impact=${SUPPLIER}&hours=54`);
    await page.getByRole('region', { name: 'Impact summary' }).waitFor();
    await expect(page.locator('output.duration-value').textContent()).resolves.toBe('54 h (2.3 days)');
    await expect(
      page.getByRole('slider', { name: 'Outage duration' }).getAttribute('aria-valuetext'),
    ).resolves.toBe('54 h (2.3 days)');
    await page
      .locator('.stage-title', { hasText: `Impact: ${SUPPLIER_NAME} failing for 54 h (2.3 days)` })
      .waitFor();
    await page.getByRole('button', { name: 'Run simulation' }).click();
    await page.waitForURL((u) => u.searchParams.get('hours') === '54');
    expect(new URL(page.url()).searchParams.get('hours')).toBe('54');
  });

  it('starts "Simulate failure" from the last outage run', async () => {
    const { page, base } = s;
    await page.goto(`${base}/?focus=${SUPPLIER}`);
    await page.locator('#details-title').waitFor();
    await page.getByRole('button', { name: 'Simulate failure' }).click();
    await page.waitForURL((u) => u.searchParams.get('impact') === SUPPLIER);
    expect(new URL(page.url()).searchParams.get('hours')).toBe('54');
  });

  it('answers a link with invalid hours with a clear error, not an indefinite outage', async () => {
    const { page, base } = s;
    await page.goto(`${base}/?impact=${SUPPLIER}&hours=-5`);
    const alert = page.getByRole('alert').filter({ hasText: 'hours=-5' });
    await alert.waitFor();
    await expect(alert.textContent()).resolves.toMatch(/is not valid: give a\s+positive number of hours/);
    await expect(page.locator('.stage-title').textContent()).resolves.not.toMatch(/indefinite/);
    expect(await page.getByRole('region', { name: 'Impact summary' }).count()).toBe(0);

    // The dashboard says so too, and shows its default.
    await page.goto(`${base}/risk?hours=-5`);
    const riskAlert = page.getByRole('alert').filter({ hasText: 'hours=-5' });
    await riskAlert.waitFor();
    await expect(riskAlert.textContent()).resolves.toContain('Shown for the default, 72 h (3 days).');
  });

  it('logged no console error along the way', () => {
    expect(s.consoleErrors).toEqual([]);
  });
});
