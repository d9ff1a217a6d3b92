// An impact report's tables in Debian's Chromium against the real stack (demo
// ecosystem): results per organization under a time window that follows the
// scrubber, a search that finds an organization by the name shown, and the timeline
// as one tab stop with the arrow keys inside (issues 10 and 18).
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { until } from '../../../test/support/poll';
import { SHOTS, type Stack, startStack } from './support/stack';

let s: Stack;
let page: Stack['page'];
let base: string;
const gql = <T>(query: string, variables: Record<string, unknown> = {}) => s.gql<T>(query, variables);
const shot = (name: string) => page.screenshot({ path: join(SHOTS, `reports-${name}.png`) });

const SUPPLIER = 'sup-clearhouse-one';
const INPUT = { failed: [{ id: SUPPLIER }], durationHours: 72, model: 'DISCRETE' };
const AT = 30;

beforeAll(async () => {
  s = await startStack();
  page = s.page;
  base = s.base;
});

afterAll(async () => {
  await s?.close();
});

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail' && page) {
    const name = ctx.task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60);
    await page.screenshot({ path: join(SHOTS, `reports-failed-${name}.png`) }).catch(() => {});
  }
});

interface OrgPage {
  totalCount: number;
  edges: { node: { organization: { name: string }; workflowsFailed: number } }[];
}
const orgs = async (vars: Record<string, unknown>) =>
  (
    await gql<{ impact: { organizations: OrgPage } }>(
      `query($input: ImpactInput!, $failsWithin: HoursWindow, $search: String) { impact(input: $input) {
        organizations(first: 100, failsWithin: $failsWithin, search: $search) {
          totalCount edges { node { organization { name } workflowsFailed } } } } }`,
      { input: INPUT, ...vars },
    )
  ).impact.organizations;

describe('impact report tables', () => {
  it('signs in', async () => {
    await page.goto(await s.signInUrl());
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
  });

  it('lists organizations failing in the next 24 h from the scrubber, as the API counts them', async () => {
    await page.goto(`${base}/?impact=${SUPPLIER}&hours=72&at=${AT}`);
    await page.getByRole('tab', { name: 'By organization' }).click();
    const table = page.getByRole('region', { name: 'Affected organizations' });
    await table.waitFor();
    const count = table.locator('h3 .count');
    const all = await orgs({});
    await until(
      'every organization',
      async () => (await count.textContent()) === all.totalCount.toLocaleString('en-US'),
    );

    await table.getByRole('combobox', { name: 'Time window' }).selectOption('24');
    const soon = await orgs({ failsWithin: { from: AT, to: AT + 24 } });
    expect(soon.totalCount).toBeGreaterThan(0);
    expect(soon.totalCount).toBeLessThan(all.totalCount);
    await until(
      'the window',
      async () => (await count.textContent()) === soon.totalCount.toLocaleString('en-US'),
    );
    await expect(table.locator('p.muted').first().textContent()).resolves.toMatch(
      /failing between 30 h .*and 54 h/,
    );
    const names = await table.locator('tbody tr td:first-child button').allTextContents();
    expect(names).toEqual(soon.edges.slice(0, names.length).map((e) => e.node.organization.name));
    const failed = await table.locator('tbody tr td:nth-child(6)').allTextContents();
    expect(failed.map(Number)).toEqual(soon.edges.slice(0, names.length).map((e) => e.node.workflowsFailed));
    await shot('organizations-window');
  });

  it('finds an organization by the name shown, in both tables', async () => {
    const table = page.getByRole('region', { name: 'Affected organizations' });
    await table.getByRole('combobox', { name: 'Time window' }).selectOption('');
    await table.getByRole('searchbox', { name: 'Filter organizations' }).fill('dunmore valley');
    const found = await orgs({ search: 'dunmore valley' });
    expect(found.edges.map((e) => e.node.organization.name)).toEqual(['Dunmore Valley Hospital']);
    await until('the search', async () => (await table.locator('h3 .count').textContent()) === '1');
    await expect(table.locator('tbody tr td:first-child button').textContent()).resolves.toBe(
      'Dunmore Valley Hospital',
    );

    // The entities table searches the organization's name shown under each row too.
    await page.getByRole('tab', { name: 'Affected entities' }).click();
    const entities = page.getByRole('region', { name: 'Affected entities' });
    await entities.getByRole('searchbox', { name: 'Filter affected entities' }).fill('dunmore valley');
    const { impact } = await gql<{ impact: { affected: { totalCount: number } } }>(
      `query($input: ImpactInput!) { impact(input: $input) { affected(search: "dunmore valley") { totalCount } } }`,
      { input: INPUT },
    );
    expect(impact.affected.totalCount).toBeGreaterThan(0);
    await until(
      'the entity search',
      async () =>
        (await entities.locator('h3 .count').textContent()) ===
        impact.affected.totalCount.toLocaleString('en-US'),
    );
    const orgsShown = await entities.locator('tbody tr td:nth-child(2) .muted').allTextContents();
    expect(new Set(orgsShown)).toEqual(new Set(['Dunmore Valley Hospital']));
    // "Download CSV" has the same rows, every one of them, with the page's own session.
    const href = await entities.getByRole('link', { name: 'Download CSV' }).getAttribute('href');
    expect(href).toMatch(/^\/export\/impact\.csv\?/);
    const csv = await page.request.get(`${base}${href}`);
    expect(csv.status()).toBe(200);
    const lines = (await csv.text()).trimEnd().split('\r\n');
    expect(lines.length - 1).toBe(impact.affected.totalCount);
    expect(lines.slice(1).every((l) => l.includes('Dunmore Valley Hospital'))).toBe(true);
    const anonymous = await fetch(`${base}${href}`);
    expect(anonymous.status).toBe(401);
    await shot('search-names');
  });

  it('makes the timeline one tab stop, with the arrow keys moving inside it', async () => {
    const list = page.getByRole('list', { name: /Workflow transitions/ });
    await list.locator('li button').nth(2).waitFor();
    // One element of the list takes Tab.
    expect(await list.locator('[tabindex="0"]').count()).toBe(1);
    const inList = () => page.evaluate(() => !!document.activeElement?.closest('ol.events'));
    const focused = () => page.evaluate(() => document.activeElement?.textContent ?? '');
    // From the scrubber, one Tab lands on the list's first item…
    await page.getByRole('slider', { name: 'Time into the outage' }).focus();
    let presses = 0;
    while (!(await inList()) && presses < 10) {
      await page.keyboard.press('Tab');
      presses++;
    }
    expect(await inList()).toBe(true);
    expect(presses).toBe(1);
    const first = await focused();
    const names = await list.locator('li button').allTextContents();
    expect(first).toBe(names[0]);
    // …the arrows move inside…
    await page.keyboard.press('ArrowDown');
    expect(await focused()).toBe(names[1]);
    await page.keyboard.press('ArrowDown');
    expect(await focused()).toBe(names[2]);
    await page.keyboard.press('ArrowUp');
    expect(await focused()).toBe(names[1]);
    await page.keyboard.press('End');
    expect(await focused()).toBe(names.at(-1));
    await page.keyboard.press('Home');
    expect(await focused()).toBe(names[0]);
    // …and the next Tab leaves the list.
    await page.keyboard.press('Tab');
    expect(await inList()).toBe(false);
    await page.keyboard.press('Shift+Tab');
    expect(await inList()).toBe(true);
    expect(await focused()).toBe(names[0]);
    await shot('timeline-keyboard');
  });
});
