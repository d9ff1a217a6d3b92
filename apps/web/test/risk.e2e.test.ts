// The systemic-risk dashboard end to end in Debian's Chromium against the real stack
// (demo ecosystem): sortable ranking with units, proportional single-point-of-failure
// bars, one entry per supplier, and heat-map cells that drill into their organizations.
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SHOTS, type Stack, startStack } from './support/stack';

let s: Stack;
let page: Stack['page'];
const shot = (name: string) => page.screenshot({ path: join(SHOTS, `risk-${name}.png`), fullPage: true });

beforeAll(async () => {
  s = await startStack();
  page = s.page;
  await page.goto(await s.signInUrl());
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
});

afterAll(async () => {
  await s?.close();
});

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail' && page) {
    const name = ctx.task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60);
    await page.screenshot({ path: join(SHOTS, `risk-failed-${name}.png`) }).catch(() => {});
  }
});

describe('the systemic-risk dashboard', () => {
  it("shows a supplier's direct dependents on Details as the ranking counts them", async () => {
    const id = 'sup-clearhouse-one';
    const { systemicRisk } = await s.gql<{
      systemicRisk: { entity: { id: string }; directDependents: number }[];
    }>('{ systemicRisk(first: 200) { entity { id } directDependents } }');
    const ranked = systemicRisk.find((r) => r.entity.id === id)!.directDependents;
    expect(ranked).toBeGreaterThan(0);
    await page.goto(`${s.base}/?focus=${id}`);
    const heading = page.getByRole('heading', { name: /Depended on by/ });
    await heading.waitFor();
    await expect(heading.locator('.count').textContent()).resolves.toBe(String(ranked));
    // the list names the service each dependent uses
    await expect(
      page.locator('.rel li', { hasText: '· on ClearHouse One' }).first().isVisible(),
    ).resolves.toBe(true);
    await page.goto(`${s.base}/risk`);
    const row = page.locator('table.ranking tbody tr', { has: page.locator(`a[href*="focus=${id}"]`) });
    await row.waitFor();
    const col = await page
      .locator('table.ranking thead th')
      .evaluateAll((ths) => ths.findIndex((th) => /Direct dependents/.test(th.textContent ?? '')));
    await expect(row.locator('td').nth(col).textContent()).resolves.toBe(String(ranked));
  });

  it('shows the best mitigation of each of the top three suppliers, as the API ranks it', async () => {
    const { systemicRisk } = await s.gql<{ systemicRisk: { entity: { id: string } }[] }>(
      '{ systemicRisk(kinds: [SUPPLIER], durationHours: 72, first: 3) { entity { id } } }',
    );
    await page.goto(`${s.base}/risk?hours=72`);
    const section = page.getByRole('region', { name: 'Best mitigation per top supplier' });
    const items = section.locator('li[data-supplier]');
    await items.first().waitFor();
    // One request per supplier: wait until none is still simulating.
    await page.waitForFunction(
      () => document.querySelectorAll('li[data-supplier][aria-busy="true"]').length === 0,
    );
    const shown = await items.evaluateAll((lis) => lis.map((li) => li.getAttribute('data-supplier')));
    expect(shown).toEqual(systemicRisk.map((r) => r.entity.id));
    for (const [i, id] of shown.entries()) {
      const { mitigations } = await s.gql<{ mitigations: { explanation: string; workflowsSaved: number }[] }>(
        'query($input: ImpactInput!) { mitigations(input: $input, first: 1) { explanation workflowsSaved } }',
        { input: { failed: [{ id }], durationHours: 72 } },
      );
      const text = await items.nth(i).textContent();
      if (mitigations[0]) {
        expect(text).toContain(mitigations[0].explanation);
        expect(text).toContain(`Saves ${mitigations[0].workflowsSaved.toLocaleString('en-US')} workflow`);
      } else expect(text).toContain('no single change');
    }
  });

  it('sorts the ranking by a column from the keyboard, with aria-sort', async () => {
    await page.goto(`${s.base}/risk`);
    const table = page.locator('table.ranking');
    await table.locator('tbody tr').first().waitFor();
    const header = table.getByRole('columnheader', { name: /Direct dependents/ });
    await expect(header.getAttribute('aria-sort')).resolves.toBe('none');
    await header.getByRole('button').focus();
    await page.keyboard.press('Enter');
    await expect(header.getAttribute('aria-sort')).resolves.toBe('descending');
    const col = await table
      .locator('thead th')
      .evaluateAll((ths) => ths.findIndex((th) => /Direct dependents/.test(th.textContent ?? '')));
    const values = await table
      .locator('tbody tr')
      .evaluateAll((trs, i) => trs.map((tr) => Number(tr.children[i]!.textContent)), col);
    expect(values.length).toBeGreaterThan(1);
    expect(values).toEqual([...values].sort((a, b) => b - a));
    // every numeric header carries a unit
    await expect(table.getByRole('columnheader', { name: /Capacity loss/ }).textContent()).resolves.toContain(
      "functions' worth",
    );
    await shot('ranking-sorted');
  });

  it('draws single-point-of-failure bars proportional to their values, one entry per supplier', async () => {
    const card = page.getByRole('region', { name: 'Single points of failure' });
    await card.locator('.hbar').first().waitFor();
    const bars = await card.locator('.hbar').evaluateAll((els) =>
      els.map((e) => ({
        value: Number((e as HTMLElement).dataset.value),
        width: e.getBoundingClientRect().width,
        track: e.parentElement!.getBoundingClientRect().width,
      })),
    );
    expect(bars.length).toBeGreaterThan(2);
    const max = Math.max(...bars.map((b) => b.value));
    for (const b of bars) {
      // every track is as wide as the first, and each bar its value's share of it (±1 px)
      expect(Math.abs(b.track - bars[0]!.track)).toBeLessThanOrEqual(1);
      expect(Math.abs(b.width - (b.value / max) * b.track)).toBeLessThanOrEqual(1);
    }
    for (let i = 1; i < bars.length; i++)
      expect(bars[i]!.width).toBeLessThanOrEqual(bars[i - 1]!.width + 0.5);
    // a supplier's own services are listed under it, not as entries of their own
    const { systemicRisk } = await s.gql<{
      systemicRisk: { entity: { id: string; kind: string; supplier?: { id: string } | null } }[];
    }>(
      '{ systemicRisk(kinds: [SUPPLIER, SERVICE, ASSET], first: 200) { entity { id kind ... on Service { supplier { id } } } } }',
    );
    const supplierOf = new Map(systemicRisk.map((r) => [r.entity.id, r.entity.supplier?.id]));
    const entryIds = await card
      .locator('ol.bars > li > .bar-row a')
      .evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).searchParams.get('focus')));
    const listed = new Set(entryIds);
    for (const id of entryIds) {
      const sup = supplierOf.get(id!);
      expect(sup && listed.has(sup), `${id} is listed beside its supplier ${sup}`).toBeFalsy();
    }
    await expect(card.locator('.bar-services li').count()).resolves.toBeGreaterThan(0);
    await card.screenshot({ path: join(SHOTS, 'risk-spof.png') });
  });

  it('drills from a heat-map cell into the organizations behind it', async () => {
    const card = page.getByRole('region', { name: /Concentration/ });
    const cell = card.locator('button.heat-cell').first();
    await cell.waitFor();
    const count = Number(await cell.textContent());
    const label = (await cell.getAttribute('aria-label'))!;
    await cell.focus();
    await page.keyboard.press('Enter');
    await expect(cell.getAttribute('aria-pressed')).resolves.toBe('true');
    const drill = card.locator('.heat-drill');
    await drill.locator('tbody tr').first().waitFor();
    await expect(drill.locator('tbody tr').count()).resolves.toBe(Math.min(count, 200));
    const [category] = label.split(' → ');
    await expect(drill.getByRole('heading').textContent()).resolves.toContain(
      `on ${category} suppliers (${count})`,
    );
    await card.screenshot({ path: join(SHOTS, 'risk-heat-drill.png') });
  });
});
