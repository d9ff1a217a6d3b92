// One page of an impact report filtered, ordered and explained in the analysis worker
// (a request that reads only the summary and `affected`) equals the same page cut by
// the report's resolvers from the whole list (a request that also reads `timeline`, so
// the whole list comes back): rows, reasons, cursors, totals, and refusals alike.
import { generateEcosystem } from '@smart/seed';
import { importTemplate } from '@smart/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApi, startTestApi } from '../../../test/support/api';
import { resetDatabase, testStore } from '../../../test/support/neo4j';

const store = testStore();
let api: TestApi;
let input: { failed: { id: string }[]; durationHours: number };

const ROWS = `totalCount pageInfo { hasNextPage endCursor }
  edges { cursor node { state disruptedAtHours failedAtHours inoperability because reason entity { id name kind } } }`;
const query = (
  args: string,
  whole: boolean,
) => `query Q($input: ImpactInput!${args.includes('$after') ? ', $after: String' : ''}) {
  impact(input: $input) {
    graphVersion summary { failed degraded }
    ${whole ? 'timeline { atHours failed degraded }' : ''}
    affected(${args}) { ${ROWS} }
  }
}`;

type Page = {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { cursor: string; node: { entity: { id: string } } }[];
};
type Answer = { data?: { impact: { affected: Page; summary: unknown } } | null; errors?: unknown[] };

async function both(args: string, after: string | null = null): Promise<[Answer, Answer]> {
  const vars = args.includes('$after') ? { input, after } : { input };
  const ask = (whole: boolean) => api.gql(query(args, whole), vars) as Promise<Answer>;
  return [await ask(false), await ask(true)];
}

beforeAll(async () => {
  await resetDatabase(store);
  const t = generateEcosystem({ entities: 3_000, seed: 11 });
  await importTemplate(store, t, { actor: 'test' });
  api = await startTestApi(store);
  // The supplier whose outage reaches most entities: several pages of rows.
  let best = { id: '', failed: -1 };
  for (const s of t.suppliers.slice(0, 40)) {
    const r = await api.gql<{ impact: { summary: { failed: number; degraded: number } } }>(
      'query($id: ID!) { impact(input: { failed: [{ id: $id }], durationHours: 72 }) { summary { failed degraded } } }',
      { id: s.id },
    );
    const n = r.data!.impact.summary.failed + r.data!.impact.summary.degraded;
    if (n > best.failed) best = { id: s.id, failed: n };
  }
  input = { failed: [{ id: best.id }], durationHours: 72 };
  expect(best.failed).toBeGreaterThan(60);
});

afterAll(async () => {
  await api?.close();
  await store.close();
});

describe('a page cut in the worker', () => {
  const ARGS = [
    'first: 25',
    'first: 25, after: $after',
    'first: 0',
    'first: 150',
    'first: 10, states: [FAILED]',
    'first: 10, states: [DEGRADED], kinds: [WORKFLOW]',
    'first: 10, kinds: [WORKFLOW, ASSET], orderBy: { field: NAME, direction: DESC }',
    'first: 10, orderBy: { field: DEPTH }',
    'first: 10, orderBy: { field: CRITICALITY }',
    'first: 10, orderBy: { field: TIME, direction: DESC }',
    'first: 10, maxCriticality: 2',
    'first: 10, failsWithin: { from: 0, to: 12 }',
    'first: 10, search: "a"',
  ];

  it.each(ARGS)('equals the page cut from the whole list: affected(%s)', async (args) => {
    // `after`: the end of the first page of the same list.
    const start = args.includes('$after')
      ? (await both(args.replace(', after: $after', '')))[0].data!.impact.affected.pageInfo.endCursor
      : null;
    const [paged, whole] = await both(args, start);
    expect(paged.errors).toBeUndefined();
    expect(whole.errors).toBeUndefined();
    expect(paged.data!.impact.affected).toEqual(whole.data!.impact.affected);
    expect(paged.data!.impact.summary).toEqual(whole.data!.impact.summary);
  });

  it('reading every page by its endCursor gives every row once, as the whole list pages them', async () => {
    const read = { paged: [] as string[] };
    let after: string | null = null;
    let total = -1;
    for (let i = 0; i < 100; i++) {
      const [paged, whole] = await both('first: 150, after: $after', after);
      const page = paged.data!.impact.affected;
      expect(page).toEqual(whole.data!.impact.affected);
      read.paged.push(...page.edges.map((e) => e.node.entity.id));
      total = page.totalCount;
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(read.paged.length).toBe(total);
    expect(new Set(read.paged).size).toBe(total);
    expect(total).toBeGreaterThan(60);
  });

  it('refuses what the whole list refuses, with the same message and path', async () => {
    const other = (await both('first: 5, states: [FAILED]'))[0].data!.impact.affected.pageInfo.endCursor;
    for (const [args, after] of [
      ['first: 5, after: $after', other],
      ['first: 5, after: $after', 'not-a-cursor'],
      ['first: -1', null],
      ['first: 5, maxCriticality: 9', null],
      ['first: 5, failsWithin: { from: 10, to: 2 }', null],
    ] as const) {
      const [paged, whole] = await both(args, after);
      expect(paged.errors).toBeDefined();
      expect(paged.errors).toEqual(whole.errors);
    }
  });
});
