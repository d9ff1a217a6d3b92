// Accessibility in CI (issue 16 item 5): axe-core 4 (WCAG 2.1 AA + best practice) on
// every view of the web app, in Debian's Chromium against the real stack (demo
// ecosystem); any serious or critical violation fails the test, naming its elements.
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { describeViolations, seriousViolations } from './support/axe';
import { SHOTS, type Stack, startStack } from './support/stack';

let s: Stack;
let page: Stack['page'];
let scenarioA: string;
let scenarioB: string;

beforeAll(async () => {
  s = await startStack();
  // axe's source goes into the page as an inline script, which the app's own CSP forbids
  // (rightly): this context alone bypasses it.
  const context = await s.browser.newContext({ bypassCSP: true, viewport: { width: 1440, height: 900 } });
  page = await context.newPage();
  page.setDefaultTimeout(30_000);
  const save = async (name: string, hours: number) =>
    (
      await s.gql<{ saveScenario: { id: string } }>(
        'mutation($input: ScenarioInput!) { saveScenario(input: $input) { id } }',
        { input: { name, impact: { failed: [{ id: 'sup-clearhouse-one' }], durationHours: hours } } },
      )
    ).saveScenario.id;
  scenarioA = await save('ClearHouse One 72 h', 72);
  scenarioB = await save('ClearHouse One 14 days', 336);
  await page.goto(await s.signInUrl());
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
});

afterAll(async () => {
  await s?.close();
});

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail' && page) {
    const name = ctx.task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60);
    await page.screenshot({ path: join(SHOTS, `a11y-failed-${name}.png`) }).catch(() => {});
  }
});

/** Opens a view, waits for what shows it has loaded, and expects no serious violation. */
async function expectAccessible(path: string, loaded: () => Promise<unknown>) {
  await page.goto(`${s.base}${path}`);
  await loaded();
  // one level-one heading names every view
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  const violations = await seriousViolations(page);
  expect(violations, describeViolations(violations)).toEqual([]);
}

describe('every view passes axe-core (no serious or critical violation)', () => {
  it('the explorer, an entity focused', async () => {
    await expectAccessible('/?focus=sup-nimbus-cloud', () => page.locator('#details-title').waitFor());
  });

  it('the explorer with nothing focused', async () => {
    await expectAccessible('/', () => page.getByRole('combobox', { name: 'Search entities' }).waitFor());
  });

  it('an impact simulation', async () => {
    await expectAccessible('/?impact=sup-clearhouse-one&hours=72', () =>
      page.getByRole('region', { name: 'Affected entities' }).locator('tbody tr').first().waitFor(),
    );
  });

  it('the impact map (where it hits) and its table', async () => {
    await expectAccessible('/?impact=sup-clearhouse-one&hours=72', async () => {
      await page.getByRole('tab', { name: 'Where it hits' }).click();
      await page.getByRole('region', { name: 'Where it hits' }).locator('tbody tr').first().waitFor();
    });
  });

  it('path tracing', async () => {
    await expectAccessible('/?paths=sup-clearhouse-one&to=WORKFLOW', () =>
      page
        .getByText(/paths? /i)
        .first()
        .waitFor(),
    );
  });

  it('the incidents page with its library, and one incident at a marker', async () => {
    const { declareIncident } = await s.gql<{ declareIncident: { id: string } }>(
      'mutation($input: IncidentInput!) { declareIncident(input: $input) { id } }',
      {
        input: {
          name: 'Clearinghouse outage (a11y)',
          failed: [{ id: 'sup-clearhouse-one' }],
          startedAt: new Date(Date.now() - 30 * 3_600_000).toISOString(),
          expectedDurationHours: 504,
        },
      },
    );
    await expectAccessible('/incidents', () => page.locator('li[data-library]').first().waitFor());
    await expectAccessible(`/incidents/${declareIncident.id}?at=100`, () =>
      page.locator('section[aria-label="At the marker"][aria-busy="false"]').waitFor(),
    );
  });

  it('the systemic-risk dashboard', async () => {
    await expectAccessible('/risk', () => page.locator('table.ranking tbody tr').first().waitFor());
  });

  it('the scenarios list, one scenario, and a comparison', async () => {
    await expectAccessible('/scenarios', () =>
      page.getByRole('link', { name: 'ClearHouse One 72 h' }).first().waitFor(),
    );
    await expectAccessible(`/scenarios/${scenarioA}`, () =>
      page.getByRole('region', { name: 'Impact summary' }).waitFor(),
    );
    await expectAccessible(`/scenarios?compare=${scenarioA},${scenarioB}`, () =>
      page.getByRole('heading', { name: /What changed from A to B/ }).waitFor(),
    );
  });

  it('the sector overview, and one group opened', async () => {
    await expectAccessible('/overview', () => page.locator('.overview-groups button').first().waitFor());
    await page.locator('.overview-groups button').first().click();
    await page.locator('.member-list li').first().waitFor();
    const violations = await seriousViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
  });

  it('data quality and possible duplicates', async () => {
    await expectAccessible('/quality', () => page.locator('.quality-list li').first().waitFor());
    await expectAccessible('/duplicates', () => page.locator('.duplicates p.status[aria-live]').waitFor());
  });

  it('the import page', async () => {
    await expectAccessible('/import', () =>
      page.locator('input[type="file"]').first().waitFor({ state: 'attached' }),
    );
  });
});

describe('where it hits', () => {
  it("an impact's map shades the states its organizations are in, with their counts, and lists the rest", async () => {
    type Row = { region: string | null; organizationsAffected: number; workflowsFailed: number };
    const { impact } = await s.gql<{
      impact: { summary: { organizationsAffected: number; byRegion: Row[] } };
    }>(
      `{ impact(input: { failed: [{ id: "sup-clearhouse-one" }], durationHours: 72 }) {
           summary { organizationsAffected byRegion { region organizationsAffected workflowsFailed } } } }`,
    );
    // the demo's regions are "<county> County, <state>" or region-wide ("Northbridge…")
    const want = new Map<string, number>();
    let offMap = 0;
    for (const r of impact.summary.byRegion) {
      const code = /, (OH|PA|WV)$/.exec(r.region ?? '')?.[1];
      if (code) want.set(code, (want.get(code) ?? 0) + r.organizationsAffected);
      else offMap += r.organizationsAffected;
    }
    expect(want.size).toBeGreaterThan(1);
    await page.goto(`${s.base}/?impact=sup-clearhouse-one&hours=72`);
    await page.getByRole('tab', { name: 'Where it hits' }).click();
    const map = page.getByRole('region', { name: 'Where it hits' });
    await map.locator('tbody tr').first().waitFor();
    const FIPS = { OH: ['39', 'Ohio'], PA: ['42', 'Pennsylvania'], WV: ['54', 'West Virginia'] } as const;
    let onMap = 0;
    for (const [code, count] of want) {
      const [fips, name] = FIPS[code as keyof typeof FIPS];
      // the state's shape carries the count and a shade other than "none"
      const shape = map.locator(`path[data-state="${fips}"]`);
      await expect(shape.getAttribute('data-organizations')).resolves.toBe(String(count));
      await expect(shape.getAttribute('fill')).resolves.not.toBe('#f2f2f2');
      // the table says the same
      const row = map.locator(`tr[data-state="${fips}"]`);
      await expect(row.locator('th').textContent()).resolves.toContain(name);
      await expect(row.locator('td').first().textContent()).resolves.toBe(count.toLocaleString('en-US'));
      onMap += count;
    }
    // a state with nobody affected stays unshaded; the other regions are in the table
    await expect(map.locator('path[data-state="06"]').getAttribute('fill')).resolves.toBe('#f2f2f2');
    const listed = await map
      .locator('tr.unplaced td:first-of-type')
      .evaluateAll((cells) => cells.map((c) => Number((c.textContent ?? '').replace(/,/g, ''))));
    expect(listed.reduce((a, b) => a + b, 0)).toBe(offMap);
    expect(offMap).toBeGreaterThan(0);
    expect(onMap + offMap).toBe(impact.summary.organizationsAffected);
    await map.screenshot({ path: join(SHOTS, 'impact-map.png') });
  });
});

describe('where it hits, by volume', () => {
  it("shades the states by one unit's volume per day lost, with the API's figures in map, legend and table", async () => {
    type Row = { region: string | null; volumesLost: { unit: string; perDay: number }[] };
    const { impact } = await s.gql<{ impact: { summary: { byRegion: Row[] } } }>(
      `{ impact(input: { failed: [{ id: "sup-clearhouse-one" }], durationHours: 72 }) {
           summary { byRegion { region volumesLost { unit perDay } } } } }`,
    );
    // the unit lost most over the report, and its volume per state (and off the map)
    const total = new Map<string, number>();
    for (const r of impact.summary.byRegion)
      for (const v of r.volumesLost) total.set(v.unit, (total.get(v.unit) ?? 0) + v.perDay);
    const [unit] = [...total].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]!;
    expect(total.get(unit)).toBeGreaterThan(0);
    const perState = new Map<string, number>();
    for (const r of impact.summary.byRegion) {
      const code = /, (OH|PA|WV)$/.exec(r.region ?? '')?.[1];
      const v = r.volumesLost.find((x) => x.unit === unit)?.perDay ?? 0;
      if (code && v > 0) perState.set(code, (perState.get(code) ?? 0) + v);
    }
    expect(perState.size).toBeGreaterThan(0);

    await page.goto(`${s.base}/?impact=sup-clearhouse-one&hours=72`);
    await page.getByRole('tab', { name: 'Where it hits' }).click();
    const map = page.getByRole('region', { name: 'Where it hits' });
    await map.locator('tbody tr').first().waitFor();
    const select = map.getByRole('combobox', { name: 'Shade by' });
    // every unit the report loses is offered, besides organizations
    const offered = await select.locator('option').allTextContents();
    expect(offered).toEqual([
      'Organizations affected',
      ...[...total]
        .filter(([, v]) => v > 0)
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .map(([u]) => `${u} per day lost`),
    ]);
    await select.selectOption(unit);
    await expect(map.getByTestId('legend-title').textContent()).resolves.toBe(`${unit} per day lost`);
    const whole = (x: number) => (x < 0.5 ? '< 1' : Math.round(x).toLocaleString('en-US'));
    const FIPS = { OH: '39', PA: '42', WV: '54' } as const;
    let darkest = 0;
    for (const [code, value] of perState) {
      const fips = FIPS[code as keyof typeof FIPS];
      const shape = map.locator(`path[data-state="${fips}"]`);
      expect(Number(await shape.getAttribute('data-value'))).toBeCloseTo(value, 6);
      await expect(shape.getAttribute('fill')).resolves.not.toBe('#f2f2f2');
      // the table's volume column says the same
      const cell = map.locator(`tr[data-state="${fips}"] td[data-volume]`);
      await expect(cell.textContent()).resolves.toBe(whole(value));
      darkest = Math.max(darkest, value);
    }
    // the state losing most has the darkest shade, and the legend ends at its volume
    const top = [...perState].find(([, v]) => v === darkest)![0];
    await expect(
      map.locator(`path[data-state="${FIPS[top as keyof typeof FIPS]}"]`).getAttribute('fill'),
    ).resolves.toBe('#a63603');
    const legend = await map.locator('.region-legend li').allTextContents();
    expect(legend.at(-1)!.trim()).toMatch(new RegExp(`${whole(darkest).replace(/[<]/g, '\\$&')}$`));
    // states with none of this unit stay unshaded
    await expect(map.locator('path[data-state="06"]').getAttribute('fill')).resolves.toBe('#f2f2f2');
    const violations = await seriousViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    await map.screenshot({ path: join(SHOTS, 'impact-map-volume.png') });
  });
});

describe('a large report opens on aggregates', () => {
  it('the impact panel groups organizations and workflows, and each table adds up to its tile', async () => {
    await page.goto(`${s.base}/?impact=sup-clearhouse-one&hours=72`);
    const groups = page.getByRole('region', { name: 'Impact by group' });
    await groups.locator('table').first().waitFor();
    const tile = async (metric: string) =>
      Number(
        ((await page.locator(`[data-metric="${metric}"]`).first().textContent()) ?? '').replace(/,/g, ''),
      );
    /** The numbers of one column of the table with this caption. */
    const column = (caption: string, col: number) =>
      groups
        .locator('table', { has: page.locator('caption', { hasText: caption }) })
        .locator(`tbody tr td:nth-of-type(${col})`)
        .evaluateAll((cells) => cells.map((c) => Number((c.textContent ?? '').replace(/,/g, ''))));
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    const organizations = await tile('organizationsAffected');
    const failed = await tile('workflowsFailed');
    expect(organizations).toBeGreaterThan(0);
    expect(sum(await column('By subsector', 1))).toBe(organizations);
    expect(sum(await column('By subsector', 2))).toBe(failed);
    expect(sum(await column('By workflow category', 1))).toBe(failed);
    expect(sum(await column('By workflow category', 2))).toBe(await tile('workflowsDegraded'));
    expect(sum(await column('By time to failure', 1))).toBe(failed);
  });
});

describe('a large report draws the top of its causal tree', () => {
  /** A poll waits as long as the page waits for an element (the canvas follows a request). */
  const WAIT = { timeout: 30_000 };

  it('the first workflows of each category by criticality, more per category on request, critical functions at the end', async () => {
    type Page = {
      totalCount: number;
      edges: { node: { entity: { name: string; organization?: { name: string } } } }[];
    };
    const group = (alias: string, category: string, first: number) =>
      `${alias}: affected(first: ${first}, kinds: [WORKFLOW], workflowCategories: [${category}], orderBy: { field: CRITICALITY, direction: ASC }) {
         totalCount edges { node { entity { name ... on Workflow { organization { name } } } } } }`;
    const { impact } = await s.gql<{
      impact: Record<'CLINICAL' | 'ADMINISTRATIVE' | 'MANUFACTURING', Page> & {
        summary: { functions: { function: { name: string }; capacityLoss: number }[] };
      };
    }>(
      `{ impact(input: { failed: [{ id: "sup-clearhouse-one" }], durationHours: 72 }) {
           summary { functions { function { name } capacityLoss } }
           ${group('CLINICAL', 'CLINICAL', 40)} ${group('ADMINISTRATIVE', 'ADMINISTRATIVE', 40)}
           ${group('MANUFACTURING', 'MANUFACTURING', 40)} } }`,
    );
    const label = (n: Page['edges'][number]['node']) =>
      n.entity.organization ? `${n.entity.name} · ${n.entity.organization.name}` : n.entity.name;
    await page.goto(`${s.base}/?impact=sup-clearhouse-one&hours=72`);
    const drawnInfo = page.getByRole('region', { name: 'Drawn on the map' });
    await drawnInfo.waitFor();
    const canvasList = page.locator('.sidebar .canvas-list').last();
    const onCanvas = async () => new Set(await canvasList.locator('button').allTextContents());
    const count = async (kind: string) =>
      Number(
        await page.locator('.sidebar .legend li', { hasText: kind }).first().locator('.count').textContent(),
      );
    let grown: 'CLINICAL' | 'ADMINISTRATIVE' | 'MANUFACTURING' | null = null;
    let drawnSum = 0;
    for (const category of ['CLINICAL', 'ADMINISTRATIVE', 'MANUFACTURING'] as const) {
      const api = impact[category];
      const item = drawnInfo.locator(`li[data-group="${category}"]`);
      if (api.totalCount === 0) {
        await expect(item.count()).resolves.toBe(0);
        continue;
      }
      const drawn = Math.min(20, api.totalCount);
      await expect(item.getByTestId('total').textContent()).resolves.toBe(
        api.totalCount.toLocaleString('en-US'),
      );
      await expect(item.getByTestId('drawn').textContent()).resolves.toBe(String(drawn));
      // exactly the API's first workflows of the category (most critical, then earliest) are drawn
      await expect
        .poll(async () => {
          const names = await onCanvas();
          return api.edges.slice(0, drawn).filter((e) => !names.has(label(e.node))).length;
        }, WAIT)
        .toBe(0);
      drawnSum += drawn;
      if (api.totalCount > 20 && !grown) grown = category;
    }
    expect(drawnSum).toBeGreaterThan(0);
    expect(await count('Workflows')).toBeGreaterThanOrEqual(drawnSum);
    // critical functions at the end of the tree: the report's, named with their capacity lost
    const functions = await count('Critical functions');
    expect(functions).toBeGreaterThan(0);
    expect(functions).toBeLessThanOrEqual(impact.summary.functions.length);
    // each one drawn is one the report impairs, with the capacity it loses
    const expected = new Set(
      impact.summary.functions.map(
        (f) => `${f.function.name} (${Math.round(f.capacityLoss * 100)} % capacity lost)`,
      ),
    );
    const drawnFunctions = [...(await onCanvas())].filter((n) => n.endsWith('capacity lost)'));
    expect(drawnFunctions).toHaveLength(functions);
    for (const n of drawnFunctions) expect(expected.has(n), n).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'impact-top-of-tree.png') });

    // "show more" grows one category by the next workflows in the API's order
    expect(grown, 'a category of the demo report has more than 20 workflows').not.toBeNull();
    const item = drawnInfo.locator(`li[data-group="${grown}"]`);
    await item.getByRole('button', { name: /^Show \d+ more$/ }).click();
    const api = impact[grown!];
    const more = Math.min(40, api.totalCount);
    // (the next workflows are a request away: wait as for any element, not a poll's 1 s)
    await item
      .getByTestId('drawn')
      .filter({ hasText: new RegExp(`^${more}$`) })
      .waitFor();
    await expect
      .poll(async () => {
        const shown = await onCanvas();
        return api.edges.slice(0, more).filter((e) => !shown.has(label(e.node))).length;
      }, WAIT)
      .toBe(0);
    const violations = await seriousViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
  });
});

describe('long names', () => {
  it('wrap in the search list, whole, with the full name on hover', async () => {
    const name = 'QuestMark Diagnostics - Harbor City Regional Laboratory';
    await page.goto(`${s.base}/`);
    const search = page.getByRole('combobox', { name: 'Search entities' });
    await search.fill('QuestMark Harbor City Regional');
    const option = page.getByRole('option', { name: new RegExp(name) }).first();
    await option.waitFor();
    await expect(option.getAttribute('title')).resolves.toBe(name);
    const box = await option.locator('.hit-name').evaluate((el) => ({
      text: el.textContent,
      scroll: el.scrollWidth,
      client: el.clientWidth,
      right: el.getBoundingClientRect().right,
      listRight: el.closest('[role="listbox"]')!.getBoundingClientRect().right,
    }));
    expect(box.text).toBe(name);
    expect(box.scroll).toBeLessThanOrEqual(box.client);
    expect(box.right).toBeLessThanOrEqual(box.listRight);
    await search.fill('');
  });
});

describe('the canvas from the keyboard', () => {
  it('Tab enters it, arrows move to a linked entity, Enter expands, Escape leaves; a live region says where', async () => {
    const id = 'sup-nimbus-cloud';
    await page.goto(`${s.base}/?focus=${id}`);
    await page.locator('#details-title').waitFor();
    const canvas = page.getByRole('application', { name: /Arrow keys move/ });
    await canvas.waitFor();
    const announcer = page.getByTestId('canvas-announcer');
    // Tab from the control just before the canvas lands on it, announcing the focused entity
    await page.getByRole('button', { name: 'Clear map' }).focus();
    await page.keyboard.press('Tab');
    await expect(canvas.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await page.waitForFunction(() =>
      /Nimbus Cloud Services, supplier/.test(
        document.querySelector('[data-testid="canvas-announcer"]')?.textContent ?? '',
      ),
    );
    // an arrow key moves to an entity linked to it, selects it and says so
    const { neighborhood } = await s.gql<{ neighborhood: { edges: { source: string; target: string }[] } }>(
      `{ neighborhood(id: "${id}", depth: 1) { edges { source target } } }`,
    );
    const linked = new Set(neighborhood.edges.flatMap((e) => [e.source, e.target]).filter((x) => x !== id));
    let moved: string | null = null;
    for (const key of ['ArrowDown', 'ArrowRight', 'ArrowLeft', 'ArrowUp']) {
      await page.keyboard.press(key);
      moved = new URL(page.url()).searchParams.get('focus');
      if (moved !== id) break;
    }
    expect(moved).not.toBe(id);
    expect(linked.has(moved!)).toBe(true);
    const name = (await page.locator('#details-title').textContent())!;
    await page.waitForFunction(
      (n) => document.querySelector('[data-testid="canvas-announcer"]')?.textContent?.startsWith(n) ?? false,
      name,
    );
    // Enter expands it: more on the canvas
    const count = async () =>
      Number((await page.getByText(/^On the canvas \(\d+\)$/).textContent())!.match(/\d+/)![0]);
    const before = await count();
    await page.keyboard.press('Enter');
    await expect(announcer.textContent()).resolves.toContain('Expanding');
    await page.waitForFunction(
      (n) => Number(/On the canvas \((\d+)\)/.exec(document.body.textContent ?? '')?.[1] ?? 0) > n,
      before,
    );
    // Escape leaves the canvas
    await page.keyboard.press('Escape');
    await expect(canvas.evaluate((el) => el === document.activeElement)).resolves.toBe(false);
    const violations = await seriousViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
  });
});
