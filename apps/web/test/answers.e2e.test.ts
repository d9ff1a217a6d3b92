// The analyst's answers on screen (issue 18), end to end in Debian's Chromium against
// the real stack (demo ecosystem, the API serving the built app): search by category,
// "why" in words, and single points of failure. Set-up as in explorer.e2e.test.ts.
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { until } from '../../../test/support/poll';
import { SHOTS, type Stack, startStack } from './support/stack';

let s: Stack;
// The shared stack's page and GraphQL client, by the names the steps below use.
let page: Stack['page'];
let base: string;
const gql = <T>(query: string, variables: Record<string, unknown> = {}) => s.gql<T>(query, variables);
const shot = (name: string) => page.screenshot({ path: join(SHOTS, `answers-${name}.png`) });

beforeAll(async () => {
  s = await startStack();
  page = s.page;
  base = s.base;
});

afterAll(async () => {
  await s?.close();
});

// A failed scenario leaves a picture of what the user would have seen.
afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail' && page) {
    const name = ctx.task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60);
    await page.screenshot({ path: join(SHOTS, `answers-failed-${name}.png`) }).catch(() => {});
  }
});

describe("the analyst's answers on screen", () => {
  it('signs in', async () => {
    await page.goto(await s.signInUrl());
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
  });

  it('a category search finds the EHR hosting services and says the category matched', async () => {
    const search = page.getByRole('combobox', { name: 'Search entities' });
    await search.fill('EHR hosting');
    const option = page.getByRole('option', { name: /Cernix Remote Hosting/ });
    await option.waitFor();
    await expect(option.locator('.hit-matched').textContent()).resolves.toBe('matched category: EHR hosting');
    await search.fill('clearinghouse');
    await page
      .getByRole('option', { name: /matched category: Clearinghouse/ })
      .first()
      .waitFor();
    await shot('search-category');
    await search.fill('');
  });

  it('says why in words beside the chain, in the table and in Details', async () => {
    const reason =
      'Fails at 31 h: its workaround covers 31 h and both eligibility services it can use (AvailPoint eligibility and ClearHouse One eligibility (270/271)) are down.';
    await page.goto(`${base}/?impact=sup-clearhouse-one,sup-availpoint-exchange`);
    const affected = page.getByRole('region', { name: 'Affected entities' });
    await affected.waitFor();
    await affected
      .getByRole('searchbox', { name: 'Filter affected entities' })
      .fill('wf-questmark-harbor-city-eligibility');
    // The server filters (after a short pause in typing): wait for the filtered page.
    await until('the filtered page', async () => (await affected.locator('h3 .count').textContent()) === '1');
    const row = affected.locator('tbody tr').first();
    await expect(row.locator('.reason').textContent()).resolves.toBe(reason);
    await expect(row.locator('button.why').textContent()).resolves.toMatch(/ClearHouse One|AvailPoint/);
    await row.getByRole('button', { name: 'Eligibility verification' }).click();
    await page.getByRole('tab', { name: 'Details' }).click();
    const inSimulation = page.getByRole('region', { name: 'In this simulation' });
    await expect(inSimulation.locator('.reason').textContent()).resolves.toBe(reason);
    await shot('why');
  });

  it('lists hospitals with no alternative for EHR hosting, as the API does', async () => {
    await page.goto(`${base}/risk`);
    const card = page.getByRole('region', { name: 'No alternative' });
    await card.waitFor();
    await card.getByLabel('Category').fill('EHR hosting');
    await card.getByLabel('Subsector').selectOption('DIRECT_PATIENT_CARE');
    await card.getByRole('button', { name: 'Show' }).click();
    const { singlePointsOfFailure } = await gql<{
      singlePointsOfFailure: { organization: { id: string }; dependency: { name: string } }[];
    }>(
      `{ singlePointsOfFailure(category: "EHR hosting", subsector: DIRECT_PATIENT_CARE, first: 500) {
        organization { id } dependency { name } } }`,
    );
    expect(singlePointsOfFailure.length).toBeGreaterThan(0);
    const organizations = new Set(singlePointsOfFailure.map((r) => r.organization.id)).size;
    await page.waitForFunction(
      (text) => document.querySelector('.noalt-count')?.textContent?.includes(text) ?? false,
      `Direct patient care organizations with no alternative for EHR hosting: ${organizations} (`,
    );
    await expect(card.locator('tbody tr').count()).resolves.toBe(singlePointsOfFailure.length);
    await expect(card.locator('tbody tr').first().locator('td').nth(2).textContent()).resolves.toBe(
      singlePointsOfFailure[0]!.dependency.name,
    );
    await shot('no-alternative');
  });

  it('says for an organization which dependencies have an alternative and which have none', async () => {
    const org = 'org-harbor-city-public-hospital';
    const { dependencyAlternatives } = await gql<{
      dependencyAlternatives: { singlePointOfFailure: boolean }[];
    }>('query($o: ID!) { dependencyAlternatives(organization: $o, first: 500) { singlePointOfFailure } }', {
      o: org,
    });
    const single = dependencyAlternatives.filter((r) => r.singlePointOfFailure).length;
    expect(single).toBeGreaterThan(0);
    expect(single).toBeLessThan(dependencyAlternatives.length);
    await page.goto(`${base}/?focus=${org}`);
    const section = page.getByRole('region', { name: 'Alternatives' });
    await section.waitFor();
    await expect(section.locator('p').textContent()).resolves.toBe(
      `Of ${dependencyAlternatives.length} dependencies of its workflows and assets, ${dependencyAlternatives.length - single} have an alternative; ${single} have none.`,
    );
    await expect(section.locator('li').count()).resolves.toBe(single);
    await shot('organization-alternatives');
  });
});
