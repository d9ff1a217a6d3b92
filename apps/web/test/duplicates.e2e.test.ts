// Data quality and possible duplicates (issue 13 items 5, 6) end to end in Debian's Chromium against the
// real stack (demo ecosystem): a second spelling of a demo supplier, written as a
// second submission would, is proposed beside the original with the evidence.
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SHOTS, type Stack, startStack } from './support/stack';

let s: Stack;
let page: Stack['page'];
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
});
