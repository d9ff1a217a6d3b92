// The sector overview (issue 16 item 1) end to end in Debian's Chromium against the
// real stack (demo ecosystem): the groups on screen are the API's, a group opens its
// members most linked first, and organizations can be grouped by type instead.
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SHOTS, type Stack, startStack } from './support/stack';

let s: Stack;
let page: Stack['page'];
let base: string;
const shot = (name: string) => page.screenshot({ path: join(SHOTS, `overview-${name}.png`) });

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
    await page.screenshot({ path: join(SHOTS, `overview-failed-${name}.png`) }).catch(() => {});
  }
});

interface Overview {
  sectorOverview: { nodes: { key: string; kind: string; label: string; members: number }[] };
}
const OVERVIEW = `query($groupBy: [OverviewDimension!]) { sectorOverview(groupBy: $groupBy) { nodes { key kind label members } } }`;

describe('sector overview', () => {
  it('signs in and opens the overview from the menu', async () => {
    await page.goto(await s.signInUrl());
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Overview' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sector overview' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/overview');
  });

  it('shows every group the API has, per kind, with its member count, and draws them', async () => {
    const { sectorOverview } = await s.gql<Overview>(OVERVIEW);
    const suppliers = page.getByRole('region', { name: 'Suppliers' });
    await suppliers.waitFor();
    const wanted = sectorOverview.nodes.filter((n) => n.kind === 'SUPPLIER');
    expect(wanted.length).toBeGreaterThan(1);
    await expect(suppliers.getByRole('button').count()).resolves.toBe(wanted.length);
    const all = await page.locator('.overview-groups button').count();
    expect(all).toBe(sectorOverview.nodes.length);
    // The largest supplier group, with its count in words.
    const top = wanted[0]!;
    const button = suppliers.getByRole('button', {
      name: new RegExp(`^${top.label} ${top.members} supplier`),
    });
    await expect(button.count()).resolves.toBe(1);
    await expect(page.locator('.overview-canvas canvas').count()).resolves.toBeGreaterThan(0);
    await shot('groups');
  });

  it('opens a group: its members most linked first, each a link into the explorer, and back', async () => {
    const { sectorOverview } = await s.gql<Overview>(OVERVIEW);
    const group = sectorOverview.nodes.find((n) => n.kind === 'SUPPLIER' && /clearinghouse/i.test(n.label))!;
    const { overviewMembers } = await s.gql<{
      overviewMembers: { totalCount: number; entities: { entity: { id: string; name: string } }[] };
    }>(
      `query($key: String!) { overviewMembers(key: $key, first: 25) { totalCount entities { entity { id name } } } }`,
      {
        key: group.key,
      },
    );
    await page
      .getByRole('region', { name: 'Suppliers' })
      .getByRole('button', { name: new RegExp(`^${group.label} `) })
      .click();
    const members = page.getByRole('region', { name: group.label });
    await members.waitFor();
    expect(new URL(page.url()).searchParams.get('node')).toBe(group.key);
    await members.locator('.member-list a').first().waitFor();
    const names = await members.locator('.member-list a').allTextContents();
    expect(names).toEqual(overviewMembers.entities.map((e) => e.entity.name));
    await expect(members.locator('.status').textContent()).resolves.toBe(
      `Showing ${names.length} of ${overviewMembers.totalCount}.`,
    );
    const first = overviewMembers.entities[0]!.entity;
    await expect(members.getByRole('link', { name: first.name }).getAttribute('href')).resolves.toBe(
      `/?focus=${first.id}`,
    );
    await shot('members');
    await members.getByRole('button', { name: 'Back to all groups' }).click();
    await expect(page.getByRole('region', { name: group.label }).count()).resolves.toBe(0);
    expect(new URL(page.url()).searchParams.get('node')).toBeNull();
  });

  it('semantic zoom: zoomed in on a group the canvas draws its members, zoomed out the groups again', async () => {
    const { sectorOverview } = await s.gql<Overview>(OVERVIEW);
    const group = sectorOverview.nodes.find((n) => n.kind === 'SUPPLIER' && /clearinghouse/i.test(n.label))!;
    const { overviewMembers } = await s.gql<{ overviewMembers: { totalCount: number; entities: unknown[] } }>(
      `query($key: String!) { overviewMembers(key: $key, first: 60) { totalCount entities { links } } }`,
      { key: group.key },
    );
    await page.goto(`${base}/overview`);
    const status = page.getByTestId('zoom-status');
    await status.filter({ hasText: /^Groups drawn/ }).waitFor();
    // picking a group zooms onto it: its members replace it on the canvas
    await page
      .getByRole('region', { name: 'Suppliers' })
      .getByRole('button', { name: new RegExp(`^${group.label} `) })
      .click();
    const drawn = Math.min(60, overviewMembers.totalCount);
    await status
      .filter({
        hasText: `Zoomed into ${group.label}: its ${drawn} most linked of ${overviewMembers.totalCount} members drawn.`,
      })
      .waitFor();
    await shot('semantic-zoom-group');

    // the mouse wheel at the centre of the canvas: out, the groups again; in, the group opens again
    const canvas = page.locator('.overview-canvas');
    const box = (await canvas.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const wheel = async (dy: number) => {
      for (let i = 0; i < 3; i++) {
        await page.mouse.wheel(0, dy);
        await page.waitForTimeout(300);
      }
    };
    await wheel(400);
    await status.filter({ hasText: /^Groups drawn/ }).waitFor();
    await wheel(-400);
    await status
      .filter({ hasText: new RegExp(`^Zoomed into ${group.label}: its ${drawn} most linked`) })
      .waitFor();
    await shot('semantic-zoom-wheel');

    // back to the groups: the camera zooms out and the aggregate returns
    await page.getByRole('button', { name: 'Back to all groups' }).click();
    await status.filter({ hasText: /^Groups drawn/ }).waitFor();
  });

  it('groups organizations by type on request, as a deep link', async () => {
    await page.getByLabel('Organizations by').selectOption('type');
    expect(new URL(page.url()).searchParams.get('org')).toBe('type');
    const { sectorOverview } = await s.gql<Overview>(OVERVIEW, {
      groupBy: [
        'SUPPLIER_CATEGORY',
        'SERVICE_CATEGORY',
        'ORGANIZATION_TYPE',
        'ASSET_CATEGORY',
        'WORKFLOW_CATEGORY',
        'CRITICAL_FUNCTION',
      ],
    });
    const types = sectorOverview.nodes.filter((n) => n.kind === 'ORGANIZATION');
    const orgs = page.getByRole('region', { name: 'Organizations' });
    await orgs.getByRole('button', { name: new RegExp(`^${types[0]!.label} `) }).waitFor();
    await expect(orgs.getByRole('button').count()).resolves.toBe(types.length);
    await page.goto(`${base}/overview?org=type`);
    await orgs.getByRole('button', { name: new RegExp(`^${types[0]!.label} `) }).waitFor();
  });
});
