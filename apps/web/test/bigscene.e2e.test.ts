// A big scene in the explorer (issue 16 item 4), end to end in Debian's Chromium on a
// generated ecosystem: the neighbourhoods of its hubs opened one after the other until
// the canvas holds 2,000 entities or more, which GraphCanvas draws as a big scene
// (bigScene.ts: tiered, edges of the focused part only). Checks that it draws without
// an error, that the keyboard still moves along every link of the scene (not only the
// drawn edges) and that the page stays accessible. Speed is the render benchmark's job.
import { join } from 'node:path';
import { generateEcosystem } from '@smart/seed';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { describeViolations, seriousViolations } from './support/axe';
import { SHOTS, type Stack, startStack } from './support/stack';

const template = generateEcosystem({ entities: 6000, seed: 16 });
let s: Stack;
let page: Stack['page'];
const errors: string[] = [];

beforeAll(async () => {
  s = await startStack({ template });
  const context = await s.browser.newContext({ bypassCSP: true, viewport: { width: 1440, height: 900 } });
  page = await context.newPage();
  page.setDefaultTimeout(60_000);
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(await s.signInUrl());
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
  // a node limit for big scenes, and groups only beyond 500 neighbours of one kind
  await page.evaluate(() =>
    localStorage.setItem(
      'smart-graph:preferences',
      JSON.stringify({ maxNodes: 50_000, fanoutThreshold: 500, layout: 'tiered' }),
    ),
  );
});
afterAll(async () => {
  await s?.close();
});
afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail' && page) {
    await page.screenshot({ path: join(SHOTS, 'bigscene-failed.png') }).catch(() => {});
  }
});

/** The entities most linked in the template (dependencies both ways, owners, functions). */
function hubs(): string[] {
  const links = new Map<string, number>();
  const add = (id: string) => links.set(id, (links.get(id) ?? 0) + 1);
  for (const d of template.dependencies) {
    add(d.from);
    add(d.to);
  }
  for (const w of template.workflows) add(w.organizationId);
  for (const a of template.assets) add(a.organizationId);
  for (const sv of template.services) add(sv.supplierId);
  return [...links].sort((a, b) => b[1] - a[1]).map(([id]) => id);
}

const onCanvas = async () =>
  Number(
    /On the canvas \((\d+)\)/.exec((await page.locator('.sidebar summary').last().textContent()) ?? '')?.[1],
  );

describe('a big scene in the explorer', () => {
  it('opens 2,000+ entities as a big scene: drawn, keyboard along every link, accessible', async () => {
    await page.goto(`${s.base}/`);
    await page.getByRole('combobox', { name: 'Search entities' }).waitFor();
    const busy = page.locator('.stage-head').getByText('Loading…');
    let n = 0;
    for (const id of hubs().slice(0, 40)) {
      // focus each hub in turn without reloading: the explorer adds its neighbourhood
      await page.evaluate((focus) => {
        history.pushState(null, '', `/?focus=${encodeURIComponent(focus)}`);
        dispatchEvent(new PopStateEvent('popstate'));
      }, id);
      await page.locator('#details-title').filter({ hasText: /./ }).waitFor();
      await busy.waitFor({ state: 'hidden' });
      n = await onCanvas();
      if (n >= 2000) break;
    }
    await busy.waitFor({ state: 'hidden' });
    n = await onCanvas();
    expect(n).toBeGreaterThanOrEqual(2000);
    await expect(page.locator('.canvas-wrap canvas').count()).resolves.toBeGreaterThan(0);
    await page.screenshot({ path: join(SHOTS, 'bigscene.png') });

    // the keyboard: into the map, then along links; "N linked" counts the scene's links
    const announcer = page.getByTestId('canvas-announcer');
    await page.locator('.canvas-wrap[role="application"]').focus();
    await announcer.filter({ hasText: /linked$/ }).waitFor();
    const first = (await announcer.textContent()) ?? '';
    expect(Number(/(\d+) linked$/.exec(first)?.[1])).toBeGreaterThan(0);
    let moved = false;
    for (const key of ['ArrowRight', 'ArrowDown', 'ArrowLeft', 'ArrowUp']) {
      await page.keyboard.press(key);
      const now = (await announcer.textContent()) ?? '';
      if (now !== first && /linked$/.test(now)) moved = true;
    }
    expect(moved).toBe(true);
    await page.keyboard.press('Escape');
    expect(errors).toEqual([]);
    const violations = await seriousViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
  });
});
