// The Import page end to end (issue 12 item 1), in Debian's Chromium against the real
// stack: a replace from a partial file is refused with the missing tables; a replace
// that removes something lists the removals and waits for a typed confirmation; "Undo
// last import" brings the map back; an ANALYST sees neither replace nor undo.
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { type Api, createApi, listen, shutdown } from '@smart/api';
import { importTemplate, issueSignInCode, Store } from '@smart/store';
import { templateToBuffer } from '@smart/templates';
import { pino } from 'pino';
import { type Browser, chromium, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { handBuilt } from '../../../test/fixtures/hand-built';
import { resetDatabase } from '../../../test/support/neo4j';

const WEB_ROOT = 'apps/web';
const WEB_DIST = resolve('apps/web/dist');
const SHOTS = 'test-results';

let store: Store;
let api: Api;
let server: Server;
let base: string;
let browser: Browser;
let page: Page;
const consoleErrors: string[] = [];

function newest(dir: string): number {
  let t = 0;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const s = statSync(p);
    t = Math.max(t, s.isDirectory() ? newest(p) : s.mtimeMs);
  }
  return t;
}

const entityExists = (id: string) =>
  store.read(
    async (tx) =>
      (await tx.run('MATCH (n:Entity {id: $id}) RETURN count(n) AS n', { id })).records[0]!.get('n') === 1,
  );

beforeAll(async () => {
  store = new Store({
    uri: inject('neo4jUri'),
    user: 'neo4j',
    password: inject('neo4jPassword'),
    queryTimeoutMs: 30_000,
  });
  await resetDatabase(store);
  await importTemplate(store, handBuilt(), { actor: 'e2e' });

  const index = join(WEB_DIST, 'index.html');
  const stale =
    !existsSync(index) ||
    statSync(index).mtimeMs <
      Math.max(newest(join(WEB_ROOT, 'src')), statSync(join(WEB_ROOT, 'index.html')).mtimeMs);
  if (stale) {
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

  mkdirSync(SHOTS, { recursive: true });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.setDefaultTimeout(30_000);
  page.on('pageerror', (e) => consoleErrors.push(e.message));
});

afterAll(async () => {
  await browser?.close();
  if (api && server) await shutdown(api, server);
  await store?.close();
});

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail' && page) {
    const name = ctx.task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60);
    await page.screenshot({ path: join(SHOTS, `e2e-import-failed-${name}.png`) }).catch(() => {});
  }
});

async function openImport(p: Page, role: 'ADMIN' | 'ANALYST') {
  const { code } = await issueSignInCode(store, { username: `e2e-${role.toLowerCase()}`, role }, 'e2e');
  await p.goto(`${base}/?code=${encodeURIComponent(code)}`);
  await p.getByRole('navigation', { name: 'Main' }).waitFor();
  await p.getByRole('link', { name: 'Import' }).click();
  await p.getByRole('heading', { name: 'Import a SMART template' }).waitFor();
}

describe('the Import page', () => {
  it('refuses a replace from a partial file, naming the missing tables', async () => {
    await openImport(page, 'ADMIN');
    await page.getByLabel('Template file').setInputFiles({
      name: 'critical_functions.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('id,name\n'),
    });
    await page.getByLabel(/^Replace:/).check();
    await page.getByRole('button', { name: 'Check file' }).click();
    const problem = page.locator('table.problems tbody tr').first();
    await problem.waitFor();
    const text = await problem.textContent();
    expect(text).toContain('organizations.csv, suppliers.csv');
    expect(text).toContain('--allow-empty');
    expect(await page.getByRole('button', { name: /Import|Replace the map/ }).count()).toBe(0);
  });

  it('lists the removals of a replace and imports only after the typed confirmation; undo restores', async () => {
    const t = handBuilt();
    const gone = t.workflows.pop()!;
    t.workflowFunctions = t.workflowFunctions.filter((l) => l.workflowId !== gone.id);
    t.dependencies = t.dependencies.filter((d) => d.from !== gone.id && d.to !== gone.id);
    await page.getByLabel('Template file').setInputFiles({
      name: 'map.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: Buffer.from(await templateToBuffer(t, 'xlsx')),
    });
    await page.getByRole('button', { name: 'Check file' }).click();
    const removal = page.locator('.confirm-removal [role=alert]');
    await removal.waitFor();
    expect(await removal.textContent()).toContain('This replace removes 1 workflows');
    const go = page.getByRole('button', { name: 'Replace the map' });
    expect(await go.isDisabled()).toBe(true);
    await page.getByLabel(/to confirm/).fill('replac');
    expect(await go.isDisabled()).toBe(true);
    await page.getByLabel(/to confirm/).fill('replace');
    expect(await go.isDisabled()).toBe(false);
    expect(await entityExists(gone.id)).toBe(true); // the check wrote nothing
    await go.click();
    await page.getByText(/^Imported \d+ rows/).waitFor();
    expect(await entityExists(gone.id)).toBe(false);
    await page.screenshot({ path: join(SHOTS, 'e2e-import-replace.png') });

    const undo = page.getByRole('region', { name: 'Undo last import' });
    await undo.getByText(/Last import: import-replace by e2e-admin/).waitFor();
    await undo.getByRole('button', { name: 'Undo last import' }).click();
    await undo.getByRole('button', { name: 'Restore the map as it was before' }).click();
    await undo.getByRole('status').filter({ hasText: 'Undone' }).waitFor();
    expect(await entityExists(gone.id)).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'e2e-import-undo.png') });
  });

  it('shows an ANALYST neither replace nor undo', async () => {
    const context = await browser.newContext();
    const analyst = await context.newPage();
    analyst.on('pageerror', (e) => consoleErrors.push(e.message));
    try {
      await openImport(analyst, 'ANALYST');
      expect(await analyst.getByLabel(/^Replace:/).count()).toBe(0);
      expect(await analyst.getByRole('region', { name: 'Undo last import' }).count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  it('logged no page error along the way', () => {
    expect(consoleErrors).toEqual([]);
  });
});
