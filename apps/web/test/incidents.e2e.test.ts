// Incident mode end to end (issue 14 items 3 and 4) in Debian's Chromium on the real
// stack (demo map): the incident library beside the API's figures, declaring the
// clearinghouse scenario as an incident, moving the now marker and seeing the figures
// and the call list change — each figure checked against the API at the same hour —
// then a new estimate and the close with an actual end. Each step continues the last.
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SHOTS, type Stack, startStack } from './support/stack';

let s: Stack;
let page: Stack['page'];
let incidentId: string;

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
    await page
      .screenshot({ path: join(SHOTS, `incidents-failed-${name}.png`), fullPage: true })
      .catch(() => {});
  }
});

/** A datetime-local value in the machine's time zone (the browser's too). */
function local(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

interface Picture {
  hoursElapsed: number;
  failedNow: { count: number };
  degradedNow: { count: number };
  failingNext: Record<'within6h' | 'within12h' | 'within24h' | 'within72h', { workflows: number }>;
  callCount: number;
  callList: { organization: { id: string }; hoursUntilFirstFailure: number }[];
}
async function apiPicture(hours: number): Promise<Picture> {
  const { incident } = await s.gql<{ incident: { report: Picture } }>(
    `query($id: ID!, $h: Float) { incident(id: $id) { report(hoursElapsed: $h) { hoursElapsed
      failedNow { count } degradedNow { count }
      failingNext { within6h { workflows } within12h { workflows } within24h { workflows } within72h { workflows } }
      callCount callList(first: 25) { organization { id } hoursUntilFirstFailure } } } }`,
    { id: incidentId, h: hours },
  );
  return incident.report;
}

const figure = async (k: string) =>
  Number((await page.locator(`[data-figure="${k}"] .figure-value`).textContent())!.replace(/,/g, ''));

/** Moves the now marker with the number field and waits for the picture there. */
async function moveMarker(hours: number) {
  const field = page.getByLabel('Hours since the start');
  await field.fill(String(hours));
  await page.waitForURL((u) => u.searchParams.get('at') === String(hours));
  await page.locator('section[aria-label="At the marker"][aria-busy="false"]').waitFor();
  await page.getByTestId('marker').filter({ hasText: 'Marker:' }).waitFor();
}

/** The page's figures and call list equal the API's at the same hour. */
async function expectPictureOf(hours: number): Promise<Picture> {
  const api = await apiPicture(hours);
  expect(api.hoursElapsed).toBe(hours);
  expect(await figure('failedNow')).toBe(api.failedNow.count);
  expect(await figure('degradedNow')).toBe(api.degradedNow.count);
  for (const k of ['within6h', 'within12h', 'within24h', 'within72h'] as const)
    expect(await figure(k), k).toBe(api.failingNext[k].workflows);
  const rows = page.locator('table.call-list tbody tr');
  const shown = await rows.evaluateAll((trs) =>
    trs.map((tr) => [
      tr.getAttribute('data-organization'),
      Number(tr.querySelector('[data-until]')!.getAttribute('data-until')),
    ]),
  );
  expect(shown).toEqual(api.callList.map((c) => [c.organization.id, c.hoursUntilFirstFailure]));
  return api;
}

describe('incident mode on the real stack', () => {
  it('signs in and shows the incident library beside the API’s figures', async () => {
    await page.goto(await s.signInUrl());
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Incidents' }).click();
    await page.getByRole('heading', { level: 1, name: 'Incidents' }).waitFor();
    const { incidentLibrary } = await s.gql<{
      incidentLibrary: {
        id: string;
        available: boolean;
        figures: { demo: string | null }[];
        demoFigures: string[];
      }[];
    }>('{ incidentLibrary { id available figures { demo } demoFigures } }');
    const entries = page.locator('li[data-library]');
    await entries.first().waitFor();
    expect(await entries.evaluateAll((lis) => lis.map((li) => li.getAttribute('data-library')))).toEqual(
      incidentLibrary.map((l) => l.id),
    );
    for (const [i, l] of incidentLibrary.entries()) {
      expect(l.available).toBe(true);
      const text = (await entries.nth(i).textContent())!;
      for (const f of l.figures) if (f.demo) expect(text).toContain(f.demo);
      for (const d of l.demoFigures) expect(text).toContain(d);
    }
    const open = entries.first().getByRole('link', { name: 'Open as a simulation' });
    expect(await open.getAttribute('href')).toBe('/?impact=sup-clearhouse-one&hours=504');
  });

  it('declares the clearinghouse scenario as an incident that started 30 h ago', async () => {
    await page
      .locator('li[data-library="clearinghouse-weeks"]')
      .getByRole('button', { name: 'Declare as an incident…' })
      .click();
    const form = page.getByRole('region', { name: 'Declare an incident' });
    expect(await form.getByLabel('Failed entities (ids, comma-separated)').inputValue()).toBe(
      'sup-clearhouse-one',
    );
    expect(await form.getByLabel('Expected duration (hours)').inputValue()).toBe('504');
    await form.getByLabel('Name').fill('Clearinghouse outage (e2e)');
    await form.getByLabel('Started at').fill(local(new Date(Date.now() - 30 * 3_600_000)));
    await form.getByRole('button', { name: 'Declare' }).click();
    await page.waitForURL((u) => /^\/incidents\/[^/]+$/.test(u.pathname));
    incidentId = decodeURIComponent(new URL(page.url()).pathname.split('/')[2]!);
    await page.getByRole('heading', { level: 1, name: /Clearinghouse outage \(e2e\)/ }).waitFor();
    // Opened at the real now: about 30 h in.
    const marker = page.getByTestId('marker');
    await marker.filter({ hasText: 'The real now' }).waitFor();
    expect(await marker.textContent()).toMatch(/30(\.\d+)? h \(1\.3 days\) since the start/);
  });

  it('moves the now marker: the figures and the call list follow, equal to the API at each hour', async () => {
    await moveMarker(1);
    const early = await expectPictureOf(1);
    await moveMarker(100);
    const late = await expectPictureOf(100);
    await page.screenshot({ path: join(SHOTS, 'e2e-incident-marker.png'), fullPage: true });
    // More has failed 99 h later, and the calls' distances moved by 99 h.
    expect(late.failedNow.count).toBeGreaterThan(early.failedNow.count);
    expect(late.callCount).toBeGreaterThan(0);
    expect(late.callList[0]!.hoursUntilFirstFailure).toBeCloseTo(
      early.callList[0]!.hoursUntilFirstFailure - 99,
      9,
    );
    // The marker is in the link: reopening it shows the same picture.
    expect(new URL(page.url()).search).toBe('?at=100');
    await page.reload();
    await page.locator('section[aria-label="At the marker"][aria-busy="false"]').waitFor();
    await expectPictureOf(100);
  });

  it('takes a new estimate, then closes the incident with its actual end', async () => {
    await page.getByLabel('Expected duration (hours)').fill('48');
    await page.getByRole('button', { name: 'Update the estimate' }).click();
    await page.locator('.page-head').filter({ hasText: 'expected to last 48 h (2 days)' }).waitFor();
    const started = (
      await s.gql<{ incident: { startedAt: string } }>(
        'query($id: ID!) { incident(id: $id) { startedAt } }',
        {
          id: incidentId,
        },
      )
    ).incident.startedAt;
    const end = new Date(Date.parse(started) + 20 * 3_600_000);
    await page.getByLabel('Ended at').fill(local(end));
    await page.getByRole('button', { name: 'Close the incident' }).click();
    await page.locator('.page-head .status-badge.closed').waitFor();
    const { incident } = await s.gql<{
      incident: {
        status: string;
        endedAt: string;
        expectedDurationHours: number;
        report: { durationHours: number };
      };
    }>(
      'query($id: ID!) { incident(id: $id) { status endedAt expectedDurationHours report { durationHours } } }',
      {
        id: incidentId,
      },
    );
    expect(incident).toMatchObject({
      status: 'CLOSED',
      expectedDurationHours: 48,
      report: { durationHours: 20 },
    });
    expect(incident.endedAt).toBe(end.toISOString());
    // Closed: the picture is at the end unless the marker says otherwise, and nothing can be changed.
    await page.getByTestId('marker').filter({ hasText: 'The end:' }).waitFor();
    expect(await page.getByRole('button', { name: 'Close the incident' }).count()).toBe(0);
    // Listed, closed.
    await page.getByRole('link', { name: 'Incidents', exact: true }).first().click();
    const row = page.locator('table.incidents tr', { hasText: 'Clearinghouse outage (e2e)' });
    await row.waitFor();
    expect(await row.locator('.status-badge').textContent()).toBe('closed');
    expect(s.consoleErrors).toEqual([]);
  });
});
