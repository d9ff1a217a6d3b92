// Data quality and possible duplicates (issue 13 items 5, 6) end to end in Debian's Chromium against the
// real stack (demo ecosystem): a second spelling of a demo supplier, written as a
// second submission would, is proposed beside the original with the evidence, and
// merged from the page (preview, merge, undo).
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SHOTS, type Stack, startStack } from './support/stack';

let s: Stack;
let page: Stack['page'];
// A merge and its undo are writes on a loaded machine: wait for their answers, not for 1 s.
const LONG = { timeout: 60_000 };
const shot = (name: string) => page.screenshot({ path: join(SHOTS, `duplicates-${name}.png`) });

beforeAll(async () => {
  s = await startStack();
  page = s.page;
});
afterAll(async () => {
  await s?.close();
});
afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail' && page) {
    const name = ctx.task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60);
    await page.screenshot({ path: join(SHOTS, `duplicates-failed-${name}.png`) }).catch(() => {});
  }
});

describe('possible duplicates', () => {
  it('shows a second spelling of ClearHouse One beside it, with why', async () => {
    await s.gql(
      `mutation { upsertEntity(input: { id: "sup-clearhouse-one-inc", kind: SUPPLIER, name: "Clearhouse One, Inc." }) { id } }`,
    );
    await page.goto(await s.signInUrl());
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Data quality' }).click();
    await page.getByRole('heading', { level: 1, name: 'Data quality' }).waitFor();
    // The data-quality page: every check with the API's count.
    const { dataQuality } = await s.gql<{ dataQuality: { title: string; count: number }[] }>(
      '{ dataQuality { title count } }',
    );
    await page.locator('.quality-list h2').first().waitFor();
    await expect(page.locator('.quality-list h2').allTextContents()).resolves.toEqual(
      dataQuality.map((f) => `${f.title} ${f.count.toLocaleString('en-US')}`),
    );
    await shot('quality');
    await page.getByRole('link', { name: 'possible duplicates' }).click();
    await page.getByRole('heading', { level: 1, name: 'Possible duplicates' }).waitFor();
    const first = page.locator('.duplicate-list > li').first();
    await first.waitFor();
    await expect(first.locator('.duplicate-score').textContent()).resolves.toBe('100 % alike');
    await expect(first.locator('ul').first().getByRole('link').allTextContents()).resolves.toEqual([
      'ClearHouse One',
      'Clearhouse One, Inc.',
    ]);
    await expect(first.locator('.evidence li').allTextContents()).resolves.toEqual([
      'same name once case, punctuation and legal forms are set aside: "clearhouse one"',
    ]);
    await expect(
      first.getByRole('link', { name: 'ClearHouse One', exact: true }).getAttribute('href'),
    ).resolves.toBe('/?focus=sup-clearhouse-one');
    await shot('found');
  });

  it('lists what the API lists at each level, the same count on screen', async () => {
    await page.getByLabel('Match').selectOption('0.4');
    const { duplicateCandidates } = await s.gql<{ duplicateCandidates: { score: number }[] }>(
      `{ duplicateCandidates(kinds: [SUPPLIER], minScore: 0.4, first: 100) { score } }`,
    );
    const status = page.locator('.duplicates > .status');
    await expect
      .poll(() => status.textContent())
      .toBe(
        duplicateCandidates.length === 1
          ? '1 possible duplicate.'
          : `${duplicateCandidates.length} possible duplicates${duplicateCandidates.length === 100 ? ' (the first 100)' : ''}.`,
      );
    await expect(page.locator('.duplicate-list > li').count()).resolves.toBe(duplicateCandidates.length);
  });

  it('merges the two spellings from the page, with a preview, and undoes the merge', async () => {
    await page.getByLabel('Match').selectOption('1');
    const first = page.locator('.duplicate-list > li').first();
    await expect
      .poll(() => first.locator('ul').first().getByRole('link').allTextContents(), LONG)
      .toEqual(['ClearHouse One', 'Clearhouse One, Inc.']);
    await first.getByRole('button', { name: 'Merge…' }).click();
    // Keep the second spelling: every relationship of ClearHouse One moves to it.
    await first.getByRole('radio', { name: /Clearhouse One, Inc\./ }).check();
    const { mergePreview } = await s.gql<{
      mergePreview: { moved: number; merged: number; dropped: number };
    }>(
      `{ mergePreview(survivor: "sup-clearhouse-one-inc", others: ["sup-clearhouse-one"]) { moved merged dropped } }`,
    );
    expect(mergePreview.moved).toBeGreaterThan(0);
    await expect
      .poll(() => first.locator('.merge-preview p').first().textContent(), LONG)
      .toBe(
        `Merging moves ${mergePreview.moved.toLocaleString('en-US')} relationships to Clearhouse One, Inc..`,
      );
    await shot('merge-preview');
    await first.getByRole('button', { name: 'Merge into Clearhouse One, Inc.' }).click();
    const banner = page.locator('.merge-done');
    await expect
      .poll(() => banner.textContent(), LONG)
      .toContain('Merged ClearHouse One into Clearhouse One, Inc.');
    // The old id now resolves to the survivor, which holds what the old one had.
    const after = await s.gql<{ entity: { id: string }; directDependents: number }>(
      `{ entity(id: "sup-clearhouse-one") { id } directDependents(id: "sup-clearhouse-one-inc") }`,
    );
    expect(after.entity.id).toBe('sup-clearhouse-one-inc');
    expect(after.directDependents).toBeGreaterThan(0);
    await shot('merged');
    await banner.getByRole('button', { name: 'Undo merge' }).click();
    await expect.poll(() => page.locator('.merge-done').count(), LONG).toBe(0);
    const undone = await s.gql<{ entity: { id: string }; directDependents: number }>(
      `{ entity(id: "sup-clearhouse-one") { id } directDependents(id: "sup-clearhouse-one-inc") }`,
    );
    expect(undone).toEqual({ entity: { id: 'sup-clearhouse-one' }, directDependents: 0 });
    // The pair is proposed again.
    await expect
      .poll(
        () =>
          page
            .locator('.duplicate-list > li')
            .first()
            .locator('ul')
            .first()
            .getByRole('link')
            .allTextContents(),
        LONG,
      )
      .toEqual(['ClearHouse One', 'Clearhouse One, Inc.']);
  });
});
