// Need to know in the browser (issue 19), in Debian's Chromium against the real stack
// holding two hospitals on one catalogue: a viewer scoped to Harbor signs in with a
// one-time link, opens the explorer and the impact of the clearinghouse both hospitals
// use. Harbor's own rows are shown by name; Bay's names and ids never reach the page;
// the others are shown as aggregates ("< 5" organizations, sector-wide capacity loss).
import { join } from 'node:path';
import { createUser, issueSignInCode } from '@smart/store';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BAY, HARBOR, SECRETS, twoOrganizations } from '../../../test/fixtures/two-organizations';
import { SHOTS, type Stack, startStack } from './support/stack';

let s: Stack;
let page: Stack['page'];
const USER = 'harbor-viewer';

beforeAll(async () => {
  s = await startStack({ template: twoOrganizations() });
  page = s.page;
  await createUser(
    s.store,
    { username: USER, role: 'VIEWER', password: 'harbor-viewer-password', organizations: [HARBOR] },
    'e2e',
  );
});
afterAll(async () => {
  await s?.close();
});
afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail' && page) {
    const name = ctx.task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60);
    await page.screenshot({ path: join(SHOTS, `scope-failed-${name}.png`) }).catch(() => {});
  }
});

/** Everything the page holds: the text shown, and the markup (labels, titles, attributes). */
async function pageText(): Promise<string> {
  return `${await page.locator('body').textContent()}\n${await page.content()}`;
}

function expectNoneOfBay(text: string) {
  for (const secret of SECRETS[BAY]!) expect(text, `"${secret}" is Bay's`).not.toContain(secret);
}

describe('a viewer scoped to one organization', () => {
  it('signs in with a one-time link and sees their own organization in the explorer', async () => {
    const { code } = await issueSignInCode(s.store, { username: USER, role: 'VIEWER' }, 'e2e');
    await page.goto(`${s.base}/?code=${encodeURIComponent(code)}`);
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    await page.goto(`${s.base}/?focus=${HARBOR}`);
    await expect(page.locator('#details-title').textContent()).resolves.toBe('Harbor Hospital');
    // Loaded: the details list Harbor's dependencies and the canvas holds its neighbourhood
    // (Bay's billing depends on Harbor's interface engine: that link is Bay's, not shown).
    await page.locator('.details').getByText('Harbor interface engine').first().waitFor();
    await page
      .locator('.canvas-list')
      .getByText('Harbor interface engine')
      .first()
      .waitFor({ state: 'attached' });
    const text = await pageText();
    expect(text).toContain('Harbor Hospital');
    expectNoneOfBay(text);
    await page.screenshot({ path: join(SHOTS, 'scope-explorer.png') });
  });

  it("asks for Bay's organization by id and is answered as for an unknown id, never by name", async () => {
    const alertFor = async (id: string) => {
      await page.goto(`${s.base}/?focus=${encodeURIComponent(id)}`);
      const alert = page.getByRole('complementary', { name: 'Details and analysis' }).getByRole('alert');
      await alert.waitFor();
      return (await alert.textContent())!.replaceAll(id, 'ID');
    };
    const unknown = await alertFor('org-nowhere');
    expect(unknown).toContain("no entity has id 'ID'");
    // The explorer answers an id out of scope exactly as an unknown id.
    await expect(alertFor(BAY)).resolves.toBe(unknown);
    expect(await page.locator('#details-title').count()).toBe(0);
    const text = (await page.locator('body').textContent()) ?? '';
    for (const secret of SECRETS[BAY]!.filter((x) => x !== BAY)) expect(text).not.toContain(secret);
  });

  it('sees the impact of the shared clearinghouse on Harbor by name and on the others as aggregates', async () => {
    await page.goto(`${s.base}/?impact=sup-ch&hours=24`);
    const summary = page.getByRole('region', { name: 'Impact summary' });
    await summary.waitFor();
    // Two organizations are affected: fewer than k = 5, so the count is not shown.
    await expect(summary.locator('[data-metric="organizationsAffected"]').textContent()).resolves.toBe('< 5');
    // Capacity loss per critical function is sector-wide: both hospitals' claims workflows
    // fail, so claims processing loses all of its capacity, Bay's share included.
    await expect(summary.getByRole('img').getAttribute('aria-label')).resolves.toMatch(
      /Process claims and payments: 100(\.0)?\s?% lost/,
    );
    // Harbor's own affected workflows are listed by name once the table has loaded.
    const affected = page.getByRole('region', { name: 'Affected entities' });
    await affected.getByRole('cell', { name: 'Harbor claims' }).first().waitFor();
    await expect(affected.getAttribute('aria-busy')).resolves.not.toBe('true');
    const text = await pageText();
    expect(text).toContain('Harbor claims');
    expectNoneOfBay(text);
    await page.screenshot({ path: join(SHOTS, 'scope-impact.png') });
  });
});
