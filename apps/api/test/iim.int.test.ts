// The published inoperability input–output examples (Haimes & Jiang 2001), built
// through the API's own edit mutations and solved through `impact`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApi, startTestApi } from '../../../test/support/api';
import { resetDatabase, testStore } from '../../../test/support/neo4j';

const store = testStore();
let api: TestApi;

beforeAll(async () => {
  await resetDatabase(store);
  api = await startTestApi(store);
});
afterAll(async () => {
  await api?.close();
  await store.close();
});

async function ok(query: string, variables: Record<string, unknown> = {}) {
  const res = await api.gql(query, variables, { role: 'ANALYST' });
  expect(res.errors).toBeUndefined();
  return res.data!;
}

/** Sectors as services of one supplier; A[i][j] > 0 is "sector i depends on sector j" with that strength. */
async function sectors(prefix: string, A: number[][]) {
  await ok(
    `mutation { upsertEntity(input: { id: "${prefix}-sup", kind: SUPPLIER, name: "Economy" }) { id } }`,
  );
  for (let i = 0; i < A.length; i++) {
    await ok('mutation U($input: EntityInput!) { upsertEntity(input: $input) { id } }', {
      input: {
        id: `${prefix}-${i + 1}`,
        kind: 'SERVICE',
        name: `Sector ${i + 1}`,
        type: 'TECHNOLOGY',
        supplierId: `${prefix}-sup`,
      },
    });
  }
  for (let i = 0; i < A.length; i++) {
    for (let j = 0; j < A.length; j++) {
      if (A[i]![j]! > 0 && i !== j) {
        await ok('mutation D($input: DependencyInput!) { addDependency(input: $input) { strength } }', {
          input: { from: `${prefix}-${i + 1}`, to: `${prefix}-${j + 1}`, strength: A[i]![j] },
        });
      }
    }
  }
}

async function inoperability(failed: { id: string; inoperability: number }[]) {
  const d = (await ok(
    'query I($input: ImpactInput!, $first: Int = 1000) { impact(input: $input) { affected(first: $first) { totalCount edges { node { entity { id } state inoperability } } } } }',
    { input: { failed, model: 'INOPERABILITY' } },
  )) as {
    impact: {
      affected: {
        totalCount: number;
        edges: { node: { entity: { id: string }; state: string; inoperability: number } }[];
      };
    };
  };
  expect(d.impact.affected.edges).toHaveLength(d.impact.affected.totalCount);
  return Object.fromEntries(d.impact.affected.edges.map(({ node: a }) => [a.entity.id, a]));
}

describe('published IIM examples through GraphQL', () => {
  it('Haimes & Jiang (2001), two sectors: c* = (0, 0.6) gives q = (0.571, 0.714)', async () => {
    await sectors('hj2', [
      [0, 0.8],
      [0.2, 0],
    ]);
    const q = await inoperability([{ id: 'hj2-2', inoperability: 0.6 }]);
    // q1 = 0.8·q2, q2 = 0.6 + 0.2·q1 ⇒ q1 = 0.48/0.84, q2 = 0.6/0.84
    expect(q['hj2-1']!.inoperability).toBeCloseTo(0.48 / 0.84, 9);
    expect(q['hj2-2']!.inoperability).toBeCloseTo(0.6 / 0.84, 9);
    expect(q['hj2-1']!.state).toBe('DEGRADED');
  });

  it('Haimes & Jiang (2001), four sectors: c* = (0, 0.5, 0, 0) gives q = (0.70, 0.78, 1, 1)', async () => {
    await sectors('hj4', [
      [0, 0.9, 0, 0],
      [0.4, 0, 0, 0],
      [1.0, 0.8, 0, 0],
      [1.0, 0.9, 0, 0],
    ]);
    const q = await inoperability([{ id: 'hj4-2', inoperability: 0.5 }]);
    expect(q['hj4-1']!.inoperability).toBeCloseTo(0.703125, 9);
    expect(q['hj4-2']!.inoperability).toBeCloseTo(0.78125, 9);
    // sectors 3 and 4 exceed 1 and are capped: FAILED
    expect([q['hj4-3']!.state, q['hj4-4']!.state]).toEqual(['FAILED', 'FAILED']);
    expect(q['hj4-3']!.inoperability).toBe(1);
  });
});
