// The web app end to end, in Debian's Chromium, against the real stack: the demo
// ecosystem in the tests' own Neo4j, the API serving the built app on an ephemeral
// port. Each scenario continues from the previous one, as a user would.
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { type Api, createApi, issueToken, listen, shutdown } from '@smart/api';
import { createUser, importTemplate, issueSignInCode, Store } from '@smart/store';
import { hasErrors, readTemplate } from '@smart/templates';
import { pino } from 'pino';
import { type Browser, chromium, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { resetDatabase } from '../../../test/support/neo4j';

const WEB_ROOT = 'apps/web';
// Absolute: the API's fallback for deep links uses res.sendFile, which needs one.
const WEB_DIST = resolve('apps/web/dist');
const SHOTS = 'test-results';
const SUPPLIER = 'sup-nimbus-cloud';
const SUPPLIER_NAME = 'Nimbus Cloud Services';
const VIEWER_PASSWORD = 'viewer-password-e2e';

let store: Store;
let api: Api;
let server: Server;
let base: string;
let token: string;
let browser: Browser;
let page: Page;
const consoleErrors: string[] = [];

/** The newest modification time under a folder. */
function newest(dir: string): number {
  let t = 0;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const s = statSync(p);
    t = Math.max(t, s.isDirectory() ? newest(p) : s.mtimeMs);
  }
  return t;
}

async function gql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: { message: string }[] };
  expect(body.errors).toBeUndefined();
  return body.data!;
}

// A picture for people, not an assertion: taken once the page has drawn two more frames.
const shot = async (name: string) => {
  await page.evaluate(
    () => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done()))),
  );
  await page.screenshot({ path: join(SHOTS, `e2e-${name}.png`) });
};

beforeAll(async () => {
  store = new Store({
    uri: inject('neo4jUri'),
    user: 'neo4j',
    password: inject('neo4jPassword'),
    queryTimeoutMs: 30_000,
  });
  await resetDatabase(store);
  const { template, problems } = await readTemplate('packages/seed/demo');
  expect(hasErrors(problems)).toBe(false);
  await importTemplate(store, template, { actor: 'e2e' });
  await createUser(store, { username: 'e2e-viewer', role: 'VIEWER', password: VIEWER_PASSWORD }, 'e2e');

  // Build the app when the bundle is missing or older than its sources.
  const index = join(WEB_DIST, 'index.html');
  const stale =
    !existsSync(index) ||
    statSync(index).mtimeMs <
      Math.max(newest(join(WEB_ROOT, 'src')), statSync(join(WEB_ROOT, 'index.html')).mtimeMs);
  if (stale) {
    // Vitest sets NODE_ENV=test, which Vite would honour: build what users get.
    const env = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      await build({ root: WEB_ROOT, mode: 'production', logLevel: 'warn' });
    } finally {
      process.env.NODE_ENV = env;
    }
  }

  api = await createApi({ store, webDist: WEB_DIST, log: pino({ level: 'silent' }) });
  server = await listen(api, 0, '127.0.0.1');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  token = await issueToken({ username: 'e2e', role: 'ADMIN' });

  mkdirSync(SHOTS, { recursive: true });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  });
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.setDefaultTimeout(30_000);
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(e.message));
});

afterAll(async () => {
  await browser?.close();
  if (api && server) await shutdown(api, server);
  await store?.close();
});

// A failed scenario leaves a picture of what the user would have seen.
afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail' && page) {
    const name = ctx.task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60);
    await page.screenshot({ path: join(SHOTS, `e2e-failed-${name}.png`) }).catch(() => {});
  }
});

describe('the web app on the real stack', () => {
  it('signs in through a one-time sign-in link and forgets the code', async () => {
    const { code } = await issueSignInCode(store, { username: 'e2e', role: 'ADMIN' }, 'e2e');
    await page.goto(`${base}/?code=${encodeURIComponent(code)}`);
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    expect(new URL(page.url()).searchParams.has('code')).toBe(false);
    await expect(page.locator('header .role').textContent()).resolves.toBe('Admin');
    await expect(page.locator('header .username').textContent()).resolves.toBe('e2e');
  });

  it('searches a supplier and focuses it', async () => {
    const search = page.getByRole('combobox', { name: 'Search entities' });
    await search.fill('Nimbus Cloud');
    const option = page.getByRole('option', { name: new RegExp(SUPPLIER_NAME) });
    await option.waitFor();
    await option.click();
    await page.waitForURL((u) => u.searchParams.get('focus') === SUPPLIER);
    await expect(page.locator('#details-title').textContent()).resolves.toBe(SUPPLIER_NAME);
    // Its neighbourhood is on the canvas (the supplier and its services).
    await page.waitForFunction(() =>
      /On the canvas \(([3-9]|\d\d+)\)/i.test(document.body.textContent ?? ''),
    );
    await shot('focus');
  });

  it('simulates its failure for 24 hours with the same numbers as the API', async () => {
    await page.getByRole('button', { name: 'Simulate failure' }).click();
    await page.waitForURL(
      (u) => u.searchParams.get('impact') === SUPPLIER && u.searchParams.get('hours') === '24',
    );
    const summary = page.getByRole('region', { name: 'Impact summary' });
    await summary.waitFor();
    const read = async () => {
      const out: Record<string, number> = {};
      for (const el of await summary.locator('[data-metric]').all()) {
        out[(await el.getAttribute('data-metric'))!] = Number((await el.textContent())!.replace(/,/g, ''));
      }
      return out;
    };
    const shown = await read();
    const { impact } = await gql<{
      impact: { summary: Record<string, number>; affected: { totalCount: number } };
    }>(
      `query($input: ImpactInput!) { impact(input: $input) {
        summary { failed degraded workflowsFailed workflowsDegraded organizationsAffected }
        affected { totalCount } } }`,
      { input: { failed: [{ id: SUPPLIER }], durationHours: 24 } },
    );
    expect(shown).toEqual(impact.summary);
    expect(impact.summary.workflowsFailed).toBeGreaterThan(0);
    // The table lists every affected entity, each with a reason.
    const affected = page.getByRole('region', { name: 'Affected entities' });
    // The table's page is its own request: its count reads "…" until that answers.
    const count = affected.locator('h3 .count', { hasText: /^[\d,]+$/ });
    await count.waitFor();
    await expect(count.textContent()).resolves.toBe(impact.affected.totalCount.toLocaleString('en-US'));
    const firstWhy = affected.locator('button.why').first();
    await firstWhy.click();
    await expect(firstWhy.getAttribute('aria-pressed')).resolves.toBe('true');
    // The capacity-loss chart names the critical functions.
    await expect(summary.locator('svg[role="img"]').getAttribute('aria-label')).resolves.toMatch(/lost/);
    await shot('impact');

    // The view is restorable from its URL.
    await page.reload();
    await page.getByRole('region', { name: 'Impact summary' }).waitFor();
    expect(await read()).toEqual(impact.summary);
  });

  it('traces paths from the supplier to clinical workflows', async () => {
    await page.goto(`${base}/?focus=${SUPPLIER}`);
    await page.locator('#details-title').waitFor();
    await page.getByRole('button', { name: 'Trace paths' }).click();
    await page.waitForURL((u) => u.searchParams.get('paths') === SUPPLIER);
    const list = page.locator('.path-list > li');
    await list.first().waitFor();
    const { paths } = await gql<{ paths: { length: number }[] }>(
      'query($from: ID!) { paths(from: $from, toKinds: [WORKFLOW], maxDepth: 6, limit: 500) { length } }',
      { from: SUPPLIER },
    );
    expect(await list.count()).toBe(paths.length);
    // Clinical first.
    await expect(list.first().locator('.cat').textContent()).resolves.toBe('Clinical');
    await page.getByRole('button', { name: 'Clinical', exact: true }).click();
    await page.waitForURL((u) => u.searchParams.get('cat') === 'CLINICAL');
    const cats = await page.locator('.path-list > li .cat').allTextContents();
    expect(cats.length).toBeGreaterThan(0);
    expect(new Set(cats)).toEqual(new Set(['Clinical']));
    await list.first().locator('.path-toggle').click();
    await shot('paths');
  });

  it('opens the systemic-risk dashboard and clicks through to the explorer', async () => {
    await page.getByRole('link', { name: 'Systemic risk' }).click();
    await page.getByRole('heading', { name: 'Systemic risk', level: 1 }).waitFor();
    // The menu opens the page at its own default (72 h), not an indefinite outage.
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe('/risk');
    const firstRow = page.locator('table.ranking tbody tr').first();
    await firstRow.waitFor({ timeout: 60_000 });
    const { systemicRisk } = await gql<{ systemicRisk: { entity: { id: string; name: string } }[] }>(
      '{ systemicRisk(kinds: [SUPPLIER], durationHours: 72, first: 1) { entity { id name } } }',
    );
    await expect(firstRow.locator('td').nth(1).textContent()).resolves.toBe(systemicRisk[0]!.entity.name);
    await page.locator('table.heatmap').waitFor();
    await shot('risk');
    await firstRow.getByRole('link', { name: systemicRisk[0]!.entity.name, exact: true }).click();
    await page.waitForURL(
      (u) => u.pathname === '/' && u.searchParams.get('focus') === systemicRisk[0]!.entity.id,
    );
    await expect(page.locator('#details-title').textContent()).resolves.toBe(systemicRisk[0]!.entity.name);
  });

  it('reports every problem of an invalid template and writes nothing', async () => {
    const before = await gql<{ stats: { graphVersion: string } }>('{ stats { graphVersion } }');
    await page.getByRole('link', { name: 'Import' }).click();
    await page.getByRole('heading', { name: 'Import a SMART template' }).waitFor();
    await page.getByLabel('Template file').setInputFiles({
      name: 'suppliers.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        'id,name,category,country,security_rating\nsup-e2e-1,,Cloud,US,150\nsup-e2e-2,Fine,Cloud,US,50\n',
      ),
    });
    await page.getByRole('button', { name: 'Check file' }).click();
    const problems = page.locator('table.problems tbody tr');
    await problems.first().waitFor();
    // Every problem on its own row, cell by cell: file, line, column, what is wrong.
    const rows = await problems.evaluateAll((trs) =>
      trs.map((tr) => Array.from(tr.querySelectorAll('td'), (td) => td.textContent)),
    );
    expect(rows).toEqual([
      ['suppliers.csv', '2', 'name', 'a value is required'],
      ['suppliers.csv', '2', 'security_rating', 'must be a number from 0 to 100'],
    ]);
    await expect(page.getByText('nothing was written', { exact: false }).first().isVisible()).resolves.toBe(
      true,
    );
    await shot('import');
    const after = await gql<{ stats: { graphVersion: string } }>('{ stats { graphVersion } }');
    expect(after.stats.graphVersion).toBe(before.stats.graphVersion);
  });

  it('signs a viewer in with a password and hides what a viewer may not do', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const viewer = await context.newPage();
    viewer.on('pageerror', (e) => consoleErrors.push(e.message));
    try {
      await viewer.goto(`${base}/?impact=${SUPPLIER}&hours=24`);
      const form = viewer.getByRole('region', { name: 'Sign in' });
      await form.getByLabel('Username').fill('e2e-viewer');
      await form.getByLabel('Password').fill('not-the-password');
      await form.getByRole('button', { name: 'Sign in' }).click();
      await expect(form.getByRole('alert').textContent()).resolves.toMatch(/wrong username or password/i);
      await form.getByLabel('Password').fill(VIEWER_PASSWORD);
      await form.getByRole('button', { name: 'Sign in' }).click();
      await viewer.getByRole('navigation', { name: 'Main' }).waitFor();
      await expect(viewer.locator('header .role').textContent()).resolves.toBe('Viewer');
      // The deep link survives signing in, and a viewer may simulate…
      await viewer.getByRole('region', { name: 'Impact summary' }).waitFor();
      // …but not import nor save scenarios.
      expect(await viewer.getByRole('link', { name: 'Import' }).count()).toBe(0);
      expect(await viewer.getByRole('button', { name: /Save as scenario/ }).count()).toBe(0);
      await viewer.screenshot({ path: join(SHOTS, 'e2e-viewer.png') });
    } finally {
      await context.close();
    }
  });

  it('logged no console error along the way', () => {
    expect(consoleErrors).toEqual([]);
  });
});
