/**
 * neighborhood, dependentCount and fourthPartyConcentration against brute-force
 * oracles written here from their definitions (the doc comments in
 * src/neighborhood.ts and src/risk.ts, packages/engine/README.md, DESIGN.md §2).
 * The oracles read the plain array-of-records model (./helpers) directly, so they
 * share no data structure with the engine's CSR arrays.
 *
 * Every random input is seeded: FC_SEED=<n> replays a run; fast-check prints the
 * seed and path of a failing case, and the large-graph checks name their seed in
 * every assertion message.
 */
import type { EntityKind } from '@smart/domain';
import { generateEcosystem } from '@smart/seed';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CompactGraph,
  type ConcentrationEntry,
  dependentCount,
  fourthPartyConcentration,
  GraphBuilder,
  type NeighborhoodDirection,
  neighborhood,
} from '../src/index';
import { arbCase, type Plain, type PlainDep, toGraph } from './helpers';

const SEED = Number(process.env.FC_SEED ?? 20261202);
const RUNS = { seed: SEED, numRuns: 400 };
// Each property runs a few hundred cases: seconds on a loaded machine, not the default 5.
const PROPERTY = { timeout: 60_000 };

// ------------------------------------------------------------------------------------------------
// Oracles

interface Adjacency {
  /** What n depends on: DEPENDS_ON targets, its supplier/organisation, a function's workflows. */
  up: Set<number>[];
  /** Who depends on n: DEPENDS_ON sources, its services/workflows/assets, the functions it supports. */
  down: Set<number>[];
}

function adjacency(p: Plain): Adjacency {
  const up = p.ids.map(() => new Set<number>());
  const down = p.ids.map(() => new Set<number>());
  const link = (dependent: number, dependency: number) => {
    up[dependent]!.add(dependency);
    down[dependency]!.add(dependent);
  };
  for (const d of p.deps) link(d.from, d.to);
  for (const [child, parent] of p.parents) link(child, parent);
  // a critical function "depends on" the workflows that support it
  for (const [w, f] of p.supports) link(f, w);
  return { up, down };
}

/** "Distinct entities downstream of n at one hop: DEPENDS_ON dependents, children, functions." */
const oracleDependents = (a: Adjacency, n: number) => a.down[n]!.size;

/** Hop distance from `centre` of every node within `maxDepth` hops in the given direction. */
function ball(a: Adjacency, centre: number, maxDepth: number, direction: NeighborhoodDirection) {
  const dist = new Map<number, number>([[centre, 0]]);
  let frontier = [centre];
  for (let d = 1; d <= maxDepth && frontier.length > 0; d++) {
    const next: number[] = [];
    for (const n of frontier) {
      const around = [
        ...(direction !== 'DOWNSTREAM' ? a.up[n]! : []),
        ...(direction !== 'UPSTREAM' ? a.down[n]! : []),
      ];
      for (const m of around) {
        if (dist.has(m)) continue;
        dist.set(m, d);
        next.push(m);
      }
    }
    frontier = next;
  }
  return dist;
}

/** Every stored relationship as "TYPE source target", in Neo4j's direction. */
function relationships(p: Plain): { key: string; a: number; b: number }[] {
  const out: { key: string; a: number; b: number }[] = [];
  const add = (type: string, a: number, b: number) =>
    out.push({ key: `${type} ${p.ids[a]} ${p.ids[b]}`, a, b });
  for (const d of p.deps) add('DEPENDS_ON', d.from, d.to);
  for (const [c, par] of p.parents) {
    const k = p.kinds[c];
    if (k === 'SERVICE') add('PROVIDED_BY', c, par);
    else add(k === 'WORKFLOW' ? 'PERFORMS' : 'OWNS', par, c);
  }
  for (const [w, f] of p.supports) add('SUPPORTS', w, f);
  return out;
}

/** The (group, strength) a DEPENDS_ON edge can carry: per (from, to, group), the largest strength sent. */
function dependencyAttributes(deps: PlainDep[]): Map<string, { group: string | null; strength: number }[]> {
  const best = new Map<string, number>();
  for (const d of deps) {
    const k = JSON.stringify([d.from, d.to, d.group]);
    best.set(k, Math.max(best.get(k) ?? 0, d.strength));
  }
  const out = new Map<string, { group: string | null; strength: number }[]>();
  for (const [k, strength] of best) {
    const [from, to, group] = JSON.parse(k) as [number, number, string | null];
    const pair = `${from} ${to}`;
    out.set(pair, [...(out.get(pair) ?? []), { group, strength }]);
  }
  return out;
}

const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Fourth-party concentration by brute force. A first-tier service is a service a
 * workflow or asset depends on directly. Candidate X (service or supplier) counts a
 * first-tier service s when s reaches X (for a supplier: X or one of its services)
 * along DEPENDS_ON edges whose every node but the last is a service, s is not X or
 * one of X's services, and s has no supplier in common with X (for a supplier X:
 * is not X's). Organisations: the owners of the workflows/assets using the counted s.
 */
function oracleConcentration(p: Plain): ConcentrationEntry[] {
  const V = p.ids.length;
  const isService = (n: number) => p.kinds[n] === 'SERVICE';
  // a service's suppliers, a workflow's or an asset's organisations
  const parentsOf = p.ids.map((): number[] => []);
  for (const [c, par] of p.parents) parentsOf[c]!.push(par);
  const depsFrom = p.ids.map((): number[] => []);
  const usersOf = p.ids.map((): number[] => []);
  for (const d of p.deps) {
    depsFrom[d.from]!.push(d.to);
    if (p.kinds[d.from] === 'WORKFLOW' || p.kinds[d.from] === 'ASSET') usersOf[d.to]!.push(d.from);
  }
  // forward search from every first-tier service, through services only
  const reach = new Map<number, Set<number>>();
  for (let s = 0; s < V; s++) {
    if (!isService(s) || usersOf[s]!.length === 0) continue;
    const seen = new Set<number>();
    const stack = [s];
    while (stack.length) {
      const u = stack.pop()!;
      for (const m of depsFrom[u]!) {
        if (seen.has(m)) continue;
        seen.add(m);
        if (isService(m)) stack.push(m);
      }
    }
    reach.set(s, seen);
  }
  const entries: ConcentrationEntry[] = [];
  for (let x = 0; x < V; x++) {
    const kx = p.kinds[x];
    if (kx !== 'SERVICE' && kx !== 'SUPPLIER') continue;
    const targets = new Set([x]);
    if (kx === 'SUPPLIER') for (const [c, par] of p.parents) if (par === x) targets.add(c);
    const own = new Set(kx === 'SUPPLIER' ? [x] : parentsOf[x]!);
    let firstTier = 0;
    const orgs = new Set<number>();
    for (const [s, reached] of reach) {
      if (targets.has(s) || parentsOf[s]!.some((sup) => own.has(sup))) continue;
      if (![...targets].some((t) => reached.has(t))) continue;
      firstTier++;
      for (const user of usersOf[s]!) for (const org of parentsOf[user]!) orgs.add(org);
    }
    if (firstTier > 0)
      entries.push({
        id: p.ids[x]!,
        kind: kx,
        firstTierDependents: firstTier,
        organizationsReached: orgs.size,
      });
  }
  return entries.sort(
    (a, b) =>
      b.firstTierDependents - a.firstTierDependents ||
      b.organizationsReached - a.organizationsReached ||
      compareIds(a.id, b.id),
  );
}

// ------------------------------------------------------------------------------------------------
// Checks shared by the random and the large graphs

function checkDependentCounts(p: Plain, g: CompactGraph, a: Adjacency, label: string) {
  for (let n = 0; n < p.ids.length; n++) {
    const id = p.ids[n]!;
    expect(dependentCount(g, g.indexOf(id)), `${label}: dependents of ${id}`).toBe(oracleDependents(a, n));
  }
}

interface NeighborhoodQuery {
  centre: number;
  depth: number;
  direction: NeighborhoodDirection;
  limit: number;
}

function checkNeighborhood(
  p: Plain,
  g: CompactGraph,
  a: Adjacency,
  q: NeighborhoodQuery,
  attributes: Map<string, { group: string | null; strength: number }[]>,
  label: string,
) {
  const where = `${label}: neighborhood(${p.ids[q.centre]}, depth ${q.depth}, ${q.direction}, limit ${q.limit})`;
  const r = neighborhood(g, p.ids[q.centre]!, { depth: q.depth, direction: q.direction, limit: q.limit });
  const dist = ball(a, q.centre, q.depth, q.direction);
  const limit = Math.max(1, q.limit);
  const index = new Map(p.ids.map((id, n) => [id, n]));

  // truncated exactly when more nodes are within reach than the limit allows
  expect(r.truncated, where).toBe(dist.size > limit);
  expect(r.nodes.length, where).toBe(Math.min(dist.size, limit));
  expect(r.nodes[0], where).toMatchObject({ id: p.ids[q.centre], depth: 0 });
  const included = new Set<number>();
  let previousDepth = 0;
  for (const node of r.nodes) {
    const n = index.get(node.id)!;
    expect(included.has(n), `${where}: ${node.id} listed twice`).toBe(false);
    included.add(n);
    // within reach, at its true hop distance, nearest first
    expect(node.depth, `${where}: depth of ${node.id}`).toBe(dist.get(n));
    expect(node.depth, `${where}: order`).toBeGreaterThanOrEqual(previousDepth);
    previousDepth = node.depth;
    expect(node, `${where}: ${node.id}`).toMatchObject({
      kind: p.kinds[n],
      name: p.ids[n],
      dependents: oracleDependents(a, n),
    });
  }
  // a truncated result still holds every node nearer than its farthest one
  for (const [n, d] of dist) {
    if (d < previousDepth) expect(included.has(n), `${where}: ${p.ids[n]} at depth ${d} missing`).toBe(true);
  }

  // exactly the relationships between included nodes, each once, whichever way it was found
  const expected = new Set(
    relationships(p)
      .filter((e) => included.has(e.a) && included.has(e.b))
      .map((e) => e.key),
  );
  const got = r.edges.map((e) => `${e.type} ${e.source} ${e.target}`);
  expect(got.length, `${where}: an edge listed twice`).toBe(new Set(got).size);
  // sorted arrays, not Sets: deep Set equality is quadratic on thousands of edges
  expect(got.sort(), where).toEqual([...expected].sort());
  for (const e of r.edges) {
    if (e.type !== 'DEPENDS_ON') {
      expect([e.group, e.strength], where).toEqual([null, null]);
      continue;
    }
    const options = attributes.get(`${index.get(e.source)} ${index.get(e.target)}`) ?? [];
    expect(options, `${where}: group and strength of ${e.source} → ${e.target}`).toContainEqual({
      group: e.group,
      strength: e.strength,
    });
  }
}

// ------------------------------------------------------------------------------------------------
// Random small graphs (cycles, self-loops, groups, duplicate links, missing parents)

const DIRECTIONS: NeighborhoodDirection[] = ['UPSTREAM', 'DOWNSTREAM', 'BOTH'];

describe('dependentCount vs brute force (property)', PROPERTY, () => {
  it('counts a service that is provided by and also depends on its supplier once', () => {
    // found by the property below: svc was counted as a child and again as a DEPENDS_ON dependent
    const g = new GraphBuilder()
      .addNodes([
        { id: 'sup', kind: 'SUPPLIER' },
        { id: 'svc', kind: 'SERVICE' },
        { id: 'other', kind: 'SERVICE' },
      ])
      .addProvidedBy('svc', 'sup')
      .addDependency({ from: 'svc', to: 'sup' })
      .addDependency({ from: 'other', to: 'sup' })
      .build();
    expect(dependentCount(g, g.indexOf('sup'))).toBe(2);
    expect(neighborhood(g, 'svc').nodes.find((n) => n.id === 'sup')?.dependents).toBe(2);
  });

  it('counts the distinct entities one hop downstream of every node', () => {
    fc.assert(
      fc.property(arbCase({ maxNodes: 16 }), ({ plain, seed }) => {
        const g = toGraph(plain, seed);
        checkDependentCounts(plain, g, adjacency(plain), 'random graph');
      }),
      RUNS,
    );
  });
});

describe('neighborhood vs brute force (property)', PROPERTY, () => {
  it('returns the ball of the asked depth and direction, nearest first, cut at the limit, with every edge inside it', () => {
    let truncatedCases = 0;
    let deepCases = 0;
    fc.assert(
      fc.property(
        arbCase({ maxNodes: 16 }),
        fc.nat(1000),
        fc.integer({ min: 0, max: 5 }),
        fc.constantFrom(...DIRECTIONS),
        fc.integer({ min: 0, max: 18 }),
        ({ plain, seed }, pick, depth, direction, limit) => {
          const g = toGraph(plain, seed);
          const a = adjacency(plain);
          const q = { centre: pick % plain.ids.length, depth, direction, limit };
          checkNeighborhood(plain, g, a, q, dependencyAttributes(plain.deps), 'random graph');
          const r = ball(a, q.centre, depth, direction);
          if (r.size > Math.max(1, limit)) truncatedCases++;
          if ([...r.values()].some((d) => d >= 2)) deepCases++;
        },
      ),
      RUNS,
    );
    // the generator does reach the interesting cases
    expect(truncatedCases).toBeGreaterThan(20);
    expect(deepCases).toBeGreaterThan(20);
  });
});

describe('fourthPartyConcentration vs brute force (property)', PROPERTY, () => {
  // Suppliers, their services with links between them (chains, cycles, links to a
  // supplier), and the workflows and assets of a few organisations using them.
  const supplyChains = fc
    .record({
      suppliers: fc.integer({ min: 1, max: 4 }),
      services: fc.integer({ min: 1, max: 10 }),
      users: fc.integer({ min: 1, max: 5 }),
      orgs: fc.integer({ min: 1, max: 3 }),
      picks: fc.array(fc.nat(1000), { minLength: 60, maxLength: 60 }),
      links: fc.array(fc.tuple(fc.nat(1000), fc.nat(1000), fc.constantFrom('a', null, null)), {
        maxLength: 30,
      }),
      seed: fc.nat(),
    })
    .map(({ suppliers, services, users, orgs, picks, links, seed }): { plain: Plain; seed: number } => {
      const kinds: EntityKind[] = [
        ...Array<EntityKind>(suppliers).fill('SUPPLIER'),
        ...Array<EntityKind>(services).fill('SERVICE'),
        ...Array.from({ length: users }, (_, i): EntityKind => (i % 3 === 2 ? 'ASSET' : 'WORKFLOW')),
        ...Array<EntityKind>(orgs).fill('ORGANIZATION'),
      ];
      const n = kinds.length;
      const firstService = suppliers;
      const firstUser = suppliers + services;
      const firstOrg = firstUser + users;
      const pick = (k: number, from: number, count: number) => from + (picks[k % picks.length]! % count);
      const parents: [number, number][] = [];
      // most services have a supplier, shared often; most users an organisation
      for (let s = firstService; s < firstUser; s++)
        if (picks[s]! % 8 !== 0) parents.push([s, pick(s + 1, 0, suppliers)]);
      for (let u = firstUser; u < firstOrg; u++)
        if (picks[u]! % 8 !== 0) parents.push([u, pick(u + 1, firstOrg, orgs)]);
      const deps: PlainDep[] = links.map(([a, b, group]) => {
        // a user or a service depends on a service, sometimes on a supplier
        const from = a % 2 === 0 ? firstUser + (a % users) : firstService + (a % services);
        const to = b % 7 === 0 ? b % suppliers : firstService + (b % services);
        return { from, to, group, strength: 1 };
      });
      const zeros = kinds.map(() => 0);
      const plain: Plain = {
        ids: kinds.map((k, i) => `${k[0]!.toLowerCase()}${(i * 37) % n}-${i}`),
        kinds,
        tolerance: zeros,
        workaround: zeros,
        volume: kinds.map(() => 1),
        criticality: kinds.map(() => 3),
        deps,
        parents,
        supports: [],
      };
      return { plain, seed };
    });

  it('ranks exactly the services and suppliers behind other suppliers’ first-tier services', () => {
    let nonEmpty = 0;
    fc.assert(
      fc.property(supplyChains, fc.integer({ min: 0, max: 4 }), ({ plain, seed }, first) => {
        const g = toGraph(plain, seed);
        const expected = oracleConcentration(plain);
        expect(fourthPartyConcentration(g)).toEqual(expected);
        expect(fourthPartyConcentration(g, { first })).toEqual(expected.slice(0, first));
        if (expected.length > 0) nonEmpty++;
      }),
      RUNS,
    );
    expect(nonEmpty).toBeGreaterThan(RUNS.numRuns / 5);
  });
});

// ------------------------------------------------------------------------------------------------
// Large graphs: the seed package's ecosystems and random graphs of thousands of nodes

/** A template from @smart/seed as the plain model. */
function plainFromEcosystem(entities: number, seed: number): Plain {
  const t = generateEcosystem({ entities, seed });
  const ids: string[] = [];
  const kinds: EntityKind[] = [];
  const index = new Map<string, number>();
  const add = (id: string, kind: EntityKind) => {
    index.set(id, ids.length);
    ids.push(id);
    kinds.push(kind);
  };
  for (const r of t.organizations) add(r.id, 'ORGANIZATION');
  for (const r of t.suppliers) add(r.id, 'SUPPLIER');
  for (const r of t.services) add(r.id, 'SERVICE');
  for (const r of t.assets) add(r.id, 'ASSET');
  for (const r of t.workflows) add(r.id, 'WORKFLOW');
  for (const r of t.criticalFunctions) add(r.id, 'CRITICAL_FUNCTION');
  const at = (id: string) => index.get(id)!;
  const parents: [number, number][] = [
    ...t.services.map((r): [number, number] => [at(r.id), at(r.supplierId)]),
    ...t.assets.map((r): [number, number] => [at(r.id), at(r.organizationId)]),
    ...t.workflows.map((r): [number, number] => [at(r.id), at(r.organizationId)]),
  ];
  const zeros = ids.map(() => 0);
  return {
    ids,
    kinds,
    tolerance: zeros,
    workaround: zeros,
    volume: ids.map(() => 1),
    criticality: ids.map(() => 3),
    deps: t.dependencies.map((d) => ({
      from: at(d.from),
      to: at(d.to),
      group: d.group ?? null,
      strength: d.strength ?? 1,
    })),
    parents,
    supports: t.workflowFunctions.map((r): [number, number] => [at(r.workflowId), at(r.functionId)]),
  };
}

/** mulberry32: a small seeded PRNG for the large random graphs. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let x = s;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A random graph of `n` nodes: a services layer with chains and cycles between
 * services, workflows and assets on them, alternatives, self-loops, services that
 * depend on their own supplier, duplicate links and entities without a parent.
 */
function randomLargePlain(n: number, seed: number): Plain {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const weights: [EntityKind, number][] = [
    ['ORGANIZATION', 0.08],
    ['SUPPLIER', 0.1],
    ['SERVICE', 0.32],
    ['ASSET', 0.1],
    ['WORKFLOW', 0.37],
    ['CRITICAL_FUNCTION', 0.03],
  ];
  const kinds = Array.from({ length: n }, (_, i): EntityKind => {
    if (i < weights.length) return weights[i]![0]; // every kind at least once
    let r = rnd();
    for (const [k, w] of weights) {
      if (r < w) return k;
      r -= w;
    }
    return 'WORKFLOW';
  });
  const ids = kinds.map((k, i) => `${k.slice(0, 3).toLowerCase()}-${(i * 7919) % (n * 10)}-${i}`);
  const of = (k: EntityKind) => kinds.flatMap((kk, i) => (kk === k ? [i] : []));
  const suppliers = of('SUPPLIER');
  const services = of('SERVICE');
  const orgs = of('ORGANIZATION');
  const functions = of('CRITICAL_FUNCTION');
  const users = [...of('WORKFLOW'), ...of('ASSET')];
  const parents: [number, number][] = [];
  for (const s of services) if (rnd() < 0.95) parents.push([s, pick(suppliers)]);
  for (const u of users) if (rnd() < 0.95) parents.push([u, pick(orgs)]);
  const supports: [number, number][] = [];
  for (const w of of('WORKFLOW'))
    for (let k = Math.floor(rnd() * 3); k > 0; k--) supports.push([w, pick(functions)]);
  const deps: PlainDep[] = [];
  const dep = (from: number, to: number) =>
    deps.push({ from, to, group: rnd() < 0.2 ? pick(['a', 'b']) : null, strength: pick([0.25, 0.5, 1]) });
  // a skewed choice of services: a few hubs that many use
  const popular = () => services[Math.floor(services.length * rnd() ** 3)]!;
  for (const u of users) for (let k = 1 + Math.floor(rnd() * 3); k > 0; k--) dep(u, popular());
  for (const s of services) {
    for (let k = Math.floor(rnd() * 2.2); k > 0; k--) dep(s, popular());
    if (rnd() < 0.05) dep(s, pick(suppliers));
    if (rnd() < 0.01) dep(s, s);
  }
  // a service on its own supplier, and a link sent twice
  const [s0, sup0] = parents[0]!;
  dep(s0, sup0);
  deps.push({ ...deps[0]! });
  for (let k = 0; k < n / 50; k++) dep(pick(users), pick(users));
  const zeros = ids.map(() => 0);
  return {
    ids,
    kinds,
    tolerance: zeros,
    workaround: zeros,
    volume: ids.map(() => 1),
    criticality: ids.map(() => 3),
    deps,
    parents,
    supports,
  };
}

function checkLarge(plain: Plain, seed: number, label: string) {
  const g = toGraph(plain, seed);
  const a = adjacency(plain);
  checkDependentCounts(plain, g, a, label);
  const expected = oracleConcentration(plain);
  expect(expected.length, `${label}: a non-trivial concentration`).toBeGreaterThan(10);
  expect(fourthPartyConcentration(g), `${label}: fourthPartyConcentration`).toEqual(expected);
  const rnd = prng(seed ^ 0x5eed);
  const attributes = dependencyAttributes(plain.deps);
  // the most used node and a sample of others, each way, shallow and deep, cut and not
  const hub = plain.ids.reduce((best, _, n) => (a.down[n]!.size > a.down[best]!.size ? n : best), 0);
  for (let k = 0; k < 30; k++) {
    const q: NeighborhoodQuery = {
      centre: k === 0 ? hub : Math.floor(rnd() * plain.ids.length),
      depth: 1 + (k % 4),
      direction: DIRECTIONS[k % 3]!,
      limit: k % 2 === 0 ? 200 : 100_000,
    };
    checkNeighborhood(plain, g, a, q, attributes, label);
  }
}

describe('large graphs vs the oracles', { timeout: 120_000 }, () => {
  for (const seed of [SEED, SEED + 1]) {
    it(`a seed-package ecosystem of ~3000 entities (seed ${seed})`, () => {
      const plain = plainFromEcosystem(3000, seed);
      expect(plain.ids.length).toBeGreaterThan(2000);
      checkLarge(plain, seed, `ecosystem seed ${seed}`);
    });
  }

  for (const [n, seed] of [
    [4000, SEED],
    [6000, SEED + 7],
  ] as const) {
    it(`a random graph of ${n} nodes (seed ${seed})`, () => {
      checkLarge(randomLargePlain(n, seed), seed, `random graph seed ${seed}`);
    });
  }
});
