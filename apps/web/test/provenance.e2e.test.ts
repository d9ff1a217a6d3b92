// Provenance in the web app (issue 13 item 3), in Chromium against the real stack on
// the hand-built map: a file imported from the Import page recorded as a submission
// (contributor and date filled in), then the explorer's details say who asserted the
// supplier and its dependency, and when, with the dependency's source and confidence;
// so does the path view, hop by hop.
import { join } from 'node:path';
import { templateToBuffer } from '@smart/templates';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handBuilt } from '../../../test/fixtures/hand-built';
import { SHOTS, type Stack, startStack } from './support/stack';

let s: Stack;

beforeAll(async () => {
  s = await startStack({ template: handBuilt() });
});
afterAll(async () => {
  await s?.close();
});

describe('provenance', () => {
  it('an import recorded as a submission from the Import page shows as "asserted by … on …" in the details', async () => {
    const page = s.page;
    await page.goto(await s.signInUrl());
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Import' }).click();
    await page.getByRole('heading', { name: 'Import a SMART template' }).waitFor();
    const t = handBuilt();
    const claims = t.dependencies.find((d) => d.from === 'wf-claims' && d.to === 'svc-ch1')!;
    claims.source = 'CONTRACT';
    claims.confidence = 0.9;
    await page.getByLabel('Template file').setInputFiles({
      name: 'riverside.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: Buffer.from(await templateToBuffer(t, 'xlsx')),
    });
    await page.getByLabel('Contributing organization').fill('Riverside General');
    await page.getByLabel('Date of the submission').fill('2026-01-10');
    await page.getByRole('button', { name: 'Check file' }).click();
    await page.getByRole('button', { name: /^Import \d+ rows/ }).click();
    await page.getByText(/Recorded as submission sub-2026-01-10-/).waitFor({ timeout: 60_000 });

    await page.goto(`${s.base}/?focus=wf-claims`);
    const details = page.locator('article.details');
    await details.locator('.provenance').waitFor();
    expect(await details.locator('.provenance').textContent()).toBe(
      'Asserted by Riverside General on 2026-01-10 · last confirmed 2026-01-10',
    );
    const dep = details.locator('ul.groups li', { hasText: 'ClearPath claims API' }).first();
    await expect(dep.textContent()).resolves.toContain(
      'contract · confidence 90 % · asserted by Riverside General on 2026-01-10',
    );
    await page.screenshot({ path: join(SHOTS, 'provenance-details.png') });

    // The path view: each hop of the highlighted path with its source, confidence and
    // who asserted it. From sup-ch1, the claims path comes first (criticality 2 before
    // eligibility's 3): the supplier's service, then the claims workflow's dependency.
    await page.goto(`${s.base}/?paths=sup-ch1`);
    const first = page.locator('.path-list > li').first();
    await first.locator('.path-toggle').click();
    const hops = first.getByRole('list', { name: 'Hops of this path' }).locator('li');
    await hops.first().waitFor();
    await expect(hops.allTextContents()).resolves.toEqual([
      'ClearPath Clearinghouse → ClearPath claims API · its service',
      'ClearPath claims API → Claims submission · contract · confidence 90 % · asserted by Riverside General on 2026-01-10',
    ]);
    await page.screenshot({ path: join(SHOTS, 'provenance-path.png') });
  });

  it('a check shows the diff against the map and its conflicts; Import applies it', async () => {
    const page = s.page;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Import' }).click();
    await page.getByRole('heading', { name: 'Import a SMART template' }).waitFor();
    const t = handBuilt();
    t.workflows.find((w) => w.id === 'wf-claims')!.toleranceHours = 12;
    t.suppliers.push({ id: 'sup-new', name: 'NewCo' });
    // The claims dependency as the first file gave it: unchanged.
    Object.assign(t.dependencies.find((d) => d.from === 'wf-claims' && d.to === 'svc-ch1')!, {
      source: 'CONTRACT',
      confidence: 0.9,
    });
    await page.getByLabel('Template file').setInputFiles({
      name: 'clearpath.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: Buffer.from(await templateToBuffer(t, 'xlsx')),
    });
    await page.getByLabel('Contributing organization').fill('ClearPath');
    await page.getByRole('button', { name: 'Check file' }).click();
    const diff = page.getByRole('region', { name: 'Changes to the map' });
    await diff.waitFor({ timeout: 60_000 });
    await expect(diff.locator('.diff-lines li').allTextContents()).resolves.toEqual([
      '+ supplier sup-new',
      '~ workflow wf-claims: toleranceHours 24 → 12',
    ]);
    await expect(diff.locator('.diff-conflicts li').allTextContents()).resolves.toEqual([
      'wf-claims changed; asserted by Riverside General on 2026-01-10',
    ]);
    await page.screenshot({ path: join(SHOTS, 'provenance-review.png') });
    await page.getByRole('button', { name: /^Import \d+ rows/ }).click();
    await page.getByText(/^Imported \d+ rows/).waitFor({ timeout: 60_000 });
    const w = await s.gql<{ entity: { toleranceHours: number } }>(
      '{ entity(id: "wf-claims") { ... on Workflow { toleranceHours } } }',
    );
    expect(w.entity.toleranceHours).toBe(12);
  });
});
