// The Import page end to end (issue 12 item 1), in Debian's Chromium against the real
// stack: a replace from a partial file is refused with the missing tables; a replace
// that removes something lists the removals and waits for a typed confirmation; "Undo
// last import" brings the map back; an ANALYST sees neither replace nor undo; a large
// import under way is shown with its progress, and so is a large upload being validated.
import { join } from 'node:path';
import type { ImportHooks } from '@smart/api';
import { SIZES, generateEcosystem } from '@smart/seed';
import type { Store } from '@smart/store';
import { beginImport, issueSignInCode } from '@smart/store';
import { templateToBuffer } from '@smart/templates';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { handBuilt } from '../../../test/fixtures/hand-built';
import { SHOTS, type Stack, startStack } from './support/stack';

let s: Stack;
let store: Store;
let base: string;
let browser: Browser;
let page: Page;
let consoleErrors: string[];

const entityExists = (id: string) =>
  store.read(
    async (tx) =>
      (await tx.run('MATCH (n:Entity {id: $id}) RETURN count(n) AS n', { id })).records[0]!.get('n') === 1,
  );

/** The API's import seam: the validating test holds an upload once it is read. */
const importHooks: ImportHooks = {};

beforeAll(async () => {
  // The small hand-built map: a replace's removals are few enough to read on the page.
  s = await startStack({ template: handBuilt(), importHooks });
  ({ store, base, browser, page, consoleErrors } = s);
});

afterAll(async () => {
  await s?.close();
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

  it('shows a large import under way, with its rows, to someone who comes back to the page, then its end', async () => {
    // A staged import held open by this test: its journal is what the page reads.
    const staged = await beginImport(store, {
      actor: 'analyst-ann',
      action: 'import',
      source: 'sector.xlsx',
      total: 1000,
    });
    try {
      await staged.write([], 400, 'writing');
      await openImport(page, 'ANALYST');
      const panel = page.getByRole('region', { name: 'An import is under way' });
      await panel
        .getByTestId('import-rows')
        .filter({ hasText: '400 of 1,000 rows written (40 %)' })
        .waitFor();
      expect(await panel.textContent()).toContain('sector.xlsx');
      expect(await panel.textContent()).toContain('analyst-ann');
      // Left and come back: the next poll has moved on.
      await page.getByRole('link', { name: 'Explorer' }).click();
      await staged.write([], 350, 'writing');
      await page.getByRole('link', { name: 'Import' }).click();
      await panel
        .getByTestId('import-rows')
        .filter({ hasText: '750 of 1,000 rows written (75 %)' })
        .waitFor();
    } finally {
      await staged.rollBack();
    }
    await page
      .getByRole('status')
      .filter({ hasText: 'The import of sector.xlsx by analyst-ann has ended' })
      .waitFor();
    expect(await page.getByRole('region', { name: 'An import is under way' }).count()).toBe(0);
  });

  it('shows a large upload being read and validated, its rows counted, before the outcome', async () => {
    // A size-S workbook (~61k rows) with one bad row at its end: read and checked whole,
    // then refused, so nothing is written.
    const t = generateEcosystem({ entities: SIZES.S, seed: 5 });
    t.dependencies.push({ from: t.workflows[0]!.id, to: 'no-such-entity' });
    await openImport(page, 'ANALYST');
    await page.getByLabel('Template file').setInputFiles({
      name: 'sector-s.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: Buffer.from(await templateToBuffer(t, 'xlsx')),
    });
    // Held once read and checked, still VALIDATING, until the page has shown it: a quiet
    // machine reads the workbook faster than the page's once-a-second poll.
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    importHooks.afterRead = () => held;
    try {
      await page.getByRole('button', { name: 'Check file' }).click();
      const panel = page.getByRole('region', { name: 'An import is under way' });
      await panel
        .getByTestId('import-rows')
        .filter({ hasText: /^validating: [1-9][\d,]*( of [\d,]+)? rows read and checked/ })
        .waitFor();
      expect(await panel.textContent()).toContain('sector-s.xlsx');
      expect(await panel.textContent()).toContain('Nothing is written until every row has been checked');
      expect(await panel.getByRole('progressbar', { name: 'Validating' }).count()).toBe(1);
      await page.screenshot({ path: join(SHOTS, 'e2e-import-validating.png') });
    } finally {
      importHooks.afterRead = undefined;
      release();
    }
    await page.getByText(/1 problem found; nothing was written/).waitFor();
    // The next poll finds nothing under way: the panel says it has ended.
    await page
      .getByRole('status')
      .filter({ hasText: 'The import of sector-s.xlsx by e2e-analyst has ended' })
      .waitFor();
    expect(await page.getByRole('region', { name: 'An import is under way' }).count()).toBe(0);
  });

  it('logged no page error along the way', () => {
    expect(consoleErrors).toEqual([]);
  });
});
