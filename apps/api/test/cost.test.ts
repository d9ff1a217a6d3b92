// Pricing analyses by their work on the current graph (security/cost.ts), over the
// counts of generated ecosystems of sizes S and M: the default budget refuses one
// request of five full rankings at size M, and still admits the explorer's own
// requests there; the price grows with the graph and with the kinds ranked.
import { ENTITY_KINDS, type EntityKind } from '@smart/domain';
import { SIZES, generateEcosystem } from '@smart/seed';
import { type ProjectionSize, templateSize } from '@smart/store';
import fc from 'fast-check';
import { type OperationDefinitionNode, buildSchema, parse } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { typeDefs } from '../src/schema';
import { demandsOf, mitigationCandidates, price } from '../src/security/cost';
import { limitsFromEnv } from '../src/security/limits';

const schema = buildSchema(typeDefs.join('\n'));
const LIMIT = limitsFromEnv({}).maxAnalysisCost;

const sizeOf = templateSize;

function cost(query: string, size: ProjectionSize | null, variables = {}, scenarios = 0): number {
  const document = parse(query);
  const op = document.definitions[0] as OperationDefinitionNode;
  return price(demandsOf(schema, document, op, variables), size, scenarios).total;
}

const ranking = (kinds: readonly string[], alias = 'r', hours = 24) =>
  `${alias}: systemicRisk(kinds: [${kinds.join(', ')}], durationHours: ${hours}, first: 1) { score }`;
const FIVE_FULL = `{ ${[1, 2, 3, 4, 5].map((h) => ranking(ENTITY_KINDS, `r${h}`, h)).join(' ')} }`;

let S: ProjectionSize;
let M: ProjectionSize;
beforeAll(() => {
  S = sizeOf(generateEcosystem({ entities: SIZES.S, seed: 1 }));
  M = sizeOf(generateEcosystem({ entities: SIZES.M, seed: 1 }));
}, 120_000);

describe('analysis cost on a graph of size M, default budget', () => {
  it('refuses five aliased rankings of every kind (the reported abuse)', () => {
    expect(cost(FIVE_FULL, M)).toBeGreaterThan(2 * LIMIT);
  });

  it("admits the explorer's own requests, each alone", () => {
    const web = `query SystemicRisk($kinds: [EntityKind!], $durationHours: Float, $first: Int) {
      systemicRisk(kinds: $kinds, durationHours: $durationHours, first: $first) { score entity { id name } } }`;
    expect(cost(web, M, { kinds: ['SUPPLIER'], durationHours: 72, first: 50 })).toBeLessThanOrEqual(LIMIT);
    expect(
      cost(web, M, { kinds: ['SUPPLIER', 'SERVICE', 'ASSET'], durationHours: null, first: 200 }),
    ).toBeLessThanOrEqual(LIMIT);
    expect(cost('{ fourthPartyConcentration(first: 20) { firstTierDependents } }', M)).toBeLessThanOrEqual(
      LIMIT,
    );
    expect(cost('{ concentrationMatrix { organizations } }', M)).toBeLessThanOrEqual(LIMIT);
    expect(
      cost('{ impact(input: { failed: [{ id: "x" }] }) { summary { failed } } }', M),
    ).toBeLessThanOrEqual(LIMIT);
    expect(cost(`{ ${ranking(ENTITY_KINDS)} }`, M)).toBeLessThanOrEqual(LIMIT);
  });
});

describe('mitigations: candidates shrink as the graph grows, so the price fits one analysis', () => {
  it('simulates 40 candidates on small maps, about 30 at M, 3 at L, and prices exactly that many', () => {
    expect(mitigationCandidates({ entities: 1_000, links: 3_000 })).toBe(40);
    // A candidate is a propagation on the shared graph (0.4 of a report), no copy: ten
    // times as many fit at M as when each was a report on a copy (3).
    expect(mitigationCandidates(S)).toBe(40);
    const atM = mitigationCandidates(M);
    expect(atM).toBeGreaterThanOrEqual(30);
    const L = { entities: M.entities * 10, links: M.links * 10 };
    expect(mitigationCandidates(L)).toBe(3);
    const units = (M.entities + M.links) / 100_000;
    const one = '{ mitigations(input: { failed: [{ id: "x" }] }) { kind } }';
    // The field's overhead (50) plus the baseline report (10) and each candidate's run (4).
    expect(cost(one, M)).toBeCloseTo(50 + (10 + atM * 4) * units, 6);
    expect(cost(one, M)).toBeLessThanOrEqual(LIMIT);
    // A plan shares the budget among its steps; each step also copies the graph with the
    // earlier steps made and reports the cumulative effect.
    const perStep = mitigationCandidates(M, 'DISCRETE', 2);
    expect(perStep).toBeLessThan(atM);
    const plan = '{ plan(input: { failed: [{ id: "x" }] }, steps: 2) { kind } }';
    expect(cost(plan, M)).toBeCloseTo(50 + 2 * (30 + perStep * 4) * units, 6);
    expect(cost(plan, M)).toBeLessThanOrEqual(LIMIT);
  });

  it('gives the inoperability model, which copies the graph per candidate, fewer candidates at the same budget', () => {
    const atM = mitigationCandidates(M, 'INOPERABILITY');
    expect(atM).toBeLessThan(mitigationCandidates(M));
    expect(atM).toBeGreaterThanOrEqual(3);
    const units = (M.entities + M.links) / 100_000;
    const one = '{ mitigations(input: { failed: [{ id: "x" }], model: INOPERABILITY }) { kind } }';
    expect(cost(one, M)).toBeCloseTo(50 + (10 + atM * 20) * units, 6);
  });
});

describe('what the price depends on', () => {
  it("prices a report's page by the rows it asks for (first)", () => {
    const page = (first: number) =>
      `{ impact(input: { failed: [{ id: "x" }] }) { affected(first: ${first}) { totalCount edges { node { state } } } } }`;
    const bare = cost('{ impact(input: { failed: [{ id: "x" }] }) { graphVersion } }', M);
    expect(cost(page(10), M)).toBeGreaterThan(bare);
    expect(cost(page(1000), M)).toBeGreaterThan(cost(page(10), M));
    expect(cost(page(1000), M) - cost(page(500), M)).toBeCloseTo(
      2 * (cost(page(750), M) - cost(page(500), M)),
    );
    // Inside a list of saved scenarios, once per scenario.
    const listed = `{ scenarios(first: 5) { report { affected(first: 100) { totalCount } } } }`;
    const one = `{ scenarios(first: 1) { report { affected(first: 100) { totalCount } } } }`;
    expect(cost(listed, M, {}, 50)).toBeCloseTo(5 * cost(one, M, {}, 50));
    expect(cost(page(1000), M)).toBeLessThanOrEqual(LIMIT);
  });

  it('grows with the graph: the same ranking costs more at M than at S, and more than the overhead', () => {
    const q = `{ ${ranking(['SUPPLIER'])} }`;
    const overhead = cost(q, null);
    expect(cost(q, S)).toBeGreaterThan(overhead);
    expect(cost(q, M) - overhead).toBeGreaterThan(50 * (cost(q, S) - overhead));
  });

  it('grows with the kinds ranked: every kind costs more than suppliers alone', () => {
    expect(cost(`{ ${ranking(ENTITY_KINDS)} }`, M)).toBeGreaterThan(cost(`{ ${ranking(['SUPPLIER'])} }`, M));
    // The schema default (SUPPLIER) is priced when kinds is omitted or null.
    expect(cost('{ systemicRisk { score } }', M)).toBe(cost(`{ ${ranking(['SUPPLIER'])} }`, M));
    expect(cost('query($k: [EntityKind!]) { systemicRisk(kinds: $k) { score } }', M, { k: null })).toBe(
      cost('{ systemicRisk { score } }', M),
    );
  });

  it('adds up aliases, and follows fragments', () => {
    const one = cost(`{ ${ranking(['SERVICE'])} }`, M);
    expect(cost(`{ ${ranking(['SERVICE'], 'a')} ${ranking(['SERVICE'], 'b', 48)} }`, M)).toBeCloseTo(
      2 * one,
      6,
    );
    const viaFragment = `{ ...F } fragment F on Query { ${ranking(['SERVICE'], 'a')} ... on Query { ${ranking(['SERVICE'], 'b')} } }`;
    expect(cost(viaFragment, M)).toBeCloseTo(2 * one, 6);
  });

  it('prices `scenarios { report }` at one simulation per scenario listed, at most `first`', () => {
    const report = cost('{ scenario(id: "x") { report { summary { failed } } } }', M);
    const list = '{ scenarios { report { summary { failed } } } }';
    expect(cost(list, M, {}, 30)).toBeCloseTo(30 * report, 6);
    expect(cost(list, M, {}, 0)).toBe(0);
    expect(cost('{ scenarios(first: 5) { report { summary { failed } } } }', M, {}, 30)).toBeCloseTo(
      5 * report,
      6,
    );
    expect(cost('{ scenarios { name } }', M, {}, 500)).toBe(0);
    const nullFirst = 'query($n: Int) { scenarios(first: $n) { report { summary { failed } } } }';
    expect(cost(nullFirst, M, { n: null }, 30)).toBeCloseTo(30 * report, 6);
  });

  it('is monotone in the graph and additive over aliases, for any kinds and counts (property)', () => {
    const sizeArb = fc.record({
      entities: fc.nat(2_000_000),
      links: fc.nat(10_000_000),
      byKind: fc.record(
        Object.fromEntries(ENTITY_KINDS.map((k) => [k, fc.nat(1_000_000)])) as Record<
          EntityKind,
          fc.Arbitrary<number>
        >,
      ),
    });
    fc.assert(
      fc.property(
        sizeArb,
        fc.subarray([...ENTITY_KINDS], { minLength: 1 }),
        fc.integer({ min: 1, max: 10 }),
        (size, kinds, grow) => {
          const q1 = `{ ${ranking(kinds)} }`;
          const bigger = {
            entities: size.entities * grow,
            links: size.links * grow,
            byKind: Object.fromEntries(ENTITY_KINDS.map((k) => [k, size.byKind[k] * grow])) as Record<
              EntityKind,
              number
            >,
          };
          expect(cost(q1, bigger)).toBeGreaterThanOrEqual(cost(q1, size));
          const q3 = `{ ${ranking(kinds, 'a', 1)} ${ranking(kinds, 'b', 2)} ${ranking(kinds, 'c', 3)} }`;
          expect(cost(q3, size)).toBeCloseTo(3 * cost(q1, size), 3);
        },
      ),
      { seed: 5, numRuns: 200 },
    );
  });
});

describe('incidents (issue 14 item 3)', () => {
  const REPORT =
    '{ incident(id: "i") { report { failedNow { count } callList(first: 25) { firstFailureAtHours } } } }';
  it("prices an incident's picture as one impact (plus its rows), within the budget at size M", () => {
    const impact = cost('{ impact(input: { failed: [{ id: "x" }] }) { summary { failed } } }', M);
    const picture = cost(REPORT, M);
    expect(picture).toBeGreaterThanOrEqual(impact);
    expect(picture).toBeLessThanOrEqual(LIMIT);
    // Declaring checks the ids with one simulation.
    expect(
      cost(
        'mutation { declareIncident(input: { name: "x", failed: [{ id: "x" }], startedAt: "t" }) { id } }',
        M,
      ),
    ).toBeGreaterThanOrEqual(impact);
  });

  it('prices a list of incidents asking for their pictures once per incident it may list', () => {
    const one = cost(REPORT, M);
    expect(cost('{ incidents(first: 3) { report { failedNow { count } } } }', M)).toBeGreaterThan(
      2 * (one - 50),
    );
    expect(cost('{ incidents { report { failedNow { count } } } }', M)).toBeGreaterThan(LIMIT);
    expect(cost('{ incidents { id name status } }', M)).toBeLessThan(10);
  });
});
