// One request must not occupy the server (issue 12, item 5): analyses are priced by
// their real work on the current graph (candidates of each kind × graph size; one
// simulation per scenario report) before anything runs, cached rankings are bounded by
// memory, and each user may run only so many analyses at once. Over a generated
// size-S ecosystem, so the counts behind the prices are those of a real graph.
import { ENTITY_KINDS } from '@smart/domain';
import { SIZES, generateEcosystem } from '@smart/seed';
import { importTemplate, saveScenario } from '@smart/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApi, startTestApi } from '../../../test/support/api';
import { resetDatabase, testStore } from '../../../test/support/neo4j';

const store = testStore();
const template = generateEcosystem({ entities: SIZES.S, seed: 1 });

beforeAll(async () => {
  await resetDatabase(store);
  await importTemplate(store, template, { actor: 'test' });
});
afterAll(async () => {
  await store.close();
});

type Body = {
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
  data?: Record<string, unknown>;
};
const bodyOf = (json: unknown) => (json ?? {}) as Body;
const listOf = (json: unknown, field: string) => (bodyOf(json).data?.[field] ?? []) as unknown[];

/** Five rankings of every kind, each with its own duration (so its own cache key). */
const FIVE_FULL_RANKINGS = `{ ${[1, 2, 3, 4, 5]
  .map(
    (h) =>
      `r${h}: systemicRisk(kinds: [${ENTITY_KINDS.join(', ')}], durationHours: ${h}, first: 1) { score }`,
  )
  .join(' ')} }`;

async function withApi(opts: Parameters<typeof startTestApi>[1], run: (api: TestApi) => Promise<void>) {
  const api = await startTestApi(store, opts);
  try {
    await run(api);
  } finally {
    await api.close();
  }
}

describe('analysis cost by real work', () => {
  it('refuses five aliased full rankings from a VIEWER before computing any, and answers a default ranking', async () => {
    // At size S the work is small, so the budget is the default scaled down as the
    // work is (the cost grows with candidates × graph size; the default is for size M).
    await withApi({ limits: { maxAnalysisCost: 100 } }, async (api) => {
      const res = await api.post({ query: FIVE_FULL_RANKINGS }, { role: 'VIEWER' });
      expect(res.status).toBe(400);
      const [err] = bodyOf(res.json).errors ?? [];
      expect(err?.extensions?.code).toBe('ANALYSIS_COST_EXCEEDED');
      expect(err?.message).toMatch(/too much analysis at once \(cost \d+, limit 100\)/);
      expect(err?.message).toMatch(/r\d \(systemicRisk/);
      const fields = err?.extensions?.fields as { path: string[]; cost: number }[];
      expect(fields[0]?.path).toEqual([expect.stringMatching(/^r\d$/)]);
      expect(err?.extensions?.cost).toBeGreaterThan(100);
      expect(err?.extensions?.limit).toBe(100);
      expect(bodyOf(res.json).data).toBeUndefined();
      // Nothing was computed: no ranking was derived from the projection.
      expect(api.api.analysis.derivedStats().computed).toBe(0);

      const single = await api.post({ query: '{ systemicRisk { score } }' }, { role: 'VIEWER' });
      expect(single.status).toBe(200);
      expect(bodyOf(single.json).errors).toBeUndefined();
      expect(listOf(single.json, 'systemicRisk').length).toBe(50);
      expect(api.api.analysis.derivedStats().computed).toBe(1);
    });
  });

  it('prices `scenarios { report }` by the scenarios listed, not a fixed ten', async () => {
    const failed = template.suppliers.slice(0, 30).map((s) => [{ id: s.id, inoperability: 1 }]);
    for (const [i, f] of failed.entries()) {
      await saveScenario(store, {
        name: `what-if ${i}`,
        failed: f,
        durationHours: 24,
        model: 'DISCRETE',
        notes: null,
        author: 'test',
      });
    }
    await withApi({}, async (api) => {
      const all = await api.post(
        { query: '{ scenarios { name report { summary { failed } } } }' },
        { role: 'VIEWER' },
      );
      expect(all.status).toBe(400);
      const [err] = bodyOf(all.json).errors ?? [];
      expect(err?.extensions?.code).toBe('ANALYSIS_COST_EXCEEDED');
      expect(err?.message).toMatch(/limit 1000\)/);
      // Listing them without reports costs nothing; five reports fit.
      const names = await api.post({ query: '{ scenarios { name } }' }, { role: 'VIEWER' });
      expect(listOf(names.json, 'scenarios').length).toBe(30);
      const five = await api.post(
        { query: '{ scenarios(first: 5) { name report { summary { failed } } } }' },
        { role: 'VIEWER' },
      );
      expect(bodyOf(five.json).errors).toBeUndefined();
      expect(listOf(five.json, 'scenarios').length).toBe(5);
    });
  });
});

describe('cached rankings are bounded by memory', () => {
  it('keeps a run of distinct (kinds, duration) rankings under the byte budget, newest kept', async () => {
    const maxBytes = 200 * 1024;
    await withApi({ limits: { analysisCacheBytes: maxBytes } }, async (api) => {
      // ~50-110 KB each at size S; ASSET keeps 1,000 rows, more than the whole budget.
      const kindSets = [
        ['SUPPLIER'],
        ['SERVICE'],
        ['ASSET'],
        ['SUPPLIER', 'SERVICE'],
        ['CRITICAL_FUNCTION', 'SUPPLIER'],
      ];
      let asked = 0;
      for (const kinds of kindSets) {
        for (const hours of [6, 12, 24, 48, 96]) {
          const res = await api.post(
            {
              query: `{ systemicRisk(kinds: [${kinds.join(',')}], durationHours: ${hours}, first: 1000) { score } }`,
            },
            { role: 'VIEWER' },
          );
          expect(bodyOf(res.json).errors).toBeUndefined();
          asked++;
          const stats = api.api.analysis.derivedStats();
          expect(stats.bytes).toBeLessThanOrEqual(maxBytes);
          expect(stats.computed).toBe(asked);
        }
      }
      const stats = api.api.analysis.derivedStats();
      expect(stats.entries).toBeGreaterThan(0);
      expect(stats.entries).toBeLessThan(asked);
      // The most recent ranking is still cached: asking again computes nothing.
      await api.post(
        {
          query:
            '{ systemicRisk(kinds: [SUPPLIER, CRITICAL_FUNCTION], durationHours: 96, first: 1000) { score } }',
        },
        { role: 'VIEWER' },
      );
      expect(api.api.analysis.derivedStats().computed).toBe(asked);
    });
  });
});

describe('concurrent analyses per user', () => {
  it('refuses a third concurrent analysis of one user at once with 429 BUSY, and admits other users', async () => {
    let admitted = 0;
    let release!: () => void;
    const held = new Promise<void>((r) => {
      release = r;
    });
    let twoAdmitted!: () => void;
    const bothIn = new Promise<void>((r) => {
      twoAdmitted = r;
    });
    await withApi(
      {
        limits: { maxConcurrentAnalysesPerUser: 2 },
        hooks: {
          // Holds each admitted analysis of the VIEWER until the test lets it go.
          analysisAdmitted: async (username) => {
            if (username !== 'test-viewer') return;
            if (++admitted === 2) twoAdmitted();
            await held;
          },
        },
      },
      async (api) => {
        const q = {
          query: `{ impact(input: { failed: [{ id: "${template.suppliers[0]!.id}" }] }) { summary { failed } } }`,
        };
        const first = api.post(q, { role: 'VIEWER' });
        const second = api.post(q, { role: 'VIEWER' });
        await bothIn;
        const third = await api.post(q, { role: 'VIEWER' });
        expect(third.status).toBe(429);
        expect(third.headers.get('retry-after')).toBeTruthy();
        const [err] = bodyOf(third.json).errors ?? [];
        expect(err?.extensions?.code).toBe('BUSY');
        expect(err?.message).toMatch(/2 analyses at once/);
        // Plain reads are not analyses, and another user has their own allowance.
        expect((await api.post({ query: '{ stats { graphVersion } }' }, { role: 'VIEWER' })).status).toBe(
          200,
        );
        const other = await api.post(q, { role: 'ANALYST' });
        expect(bodyOf(other.json).errors).toBeUndefined();
        release();
        for (const res of await Promise.all([first, second])) {
          expect(res.status).toBe(200);
          expect(bodyOf(res.json).errors).toBeUndefined();
        }
        // The slots were given back.
        const after = await api.post(q, { role: 'VIEWER' });
        expect(after.status).toBe(200);
      },
    );
  });
});
