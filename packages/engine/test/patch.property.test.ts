/**
 * applyChanges against a graph built from scratch: random base graphs and random
 * write sequences, replayed onto a plain model of the store (the reference: maps
 * of entities and edges, with the store's semantics written out independently),
 * must give the very same arrays and the very same impact (both models), paths
 * and risk ranking after every change, and after the whole sequence as one batch.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { graphLayout as layout } from '../../../test/support/graph-layout';
import {
  applyChanges,
  type ChangedEntity,
  type CompactGraph,
  type EntityKind,
  GraphBuilder,
  type GraphChange,
  impact,
  InvalidChangeError,
  OLDER_DELTAS,
  packStrings,
  paths,
  patchOrigin,
  sharedArrays,
  type SharedBase,
  type SharedGraph,
  type SharedStrings,
  shareGraph,
  graphFromShared,
  systemicRisk,
} from '../src/index';
import { arbCase, type Plain } from './helpers';

// Seeded so a failure reproduces; FC_SEED=<n> replays another run.
const SEED = Number(process.env.FC_SEED ?? 20_261_202);
console.log(`patch.property.test: fast-check seed ${SEED} (set FC_SEED to change)`);
const params = (numRuns: number) => ({ seed: SEED, numRuns });

// --- the reference: a plain model of what the store holds ------------------------------------

interface Entity {
  id: string;
  kind: EntityKind;
  name: string | null;
  toleranceHours: number | null;
  workaroundCapacity: number | null;
  volumePerDay: number | null;
  criticality: number | null;
  category: string | null;
  subsector: string | null;
  region: string | null;
}

interface Model {
  entities: Map<string, Entity>;
  /** `${from}\0${to}` → the one edge (from, to). */
  deps: Map<string, { from: string; to: string; group: string | null; strength: number }>;
  /** child → owner. */
  owner: Map<string, string>;
  /** `${workflow}\0${function}`. */
  supports: Set<string>;
}

const key = (a: string, b: string) => `${a}\u0000${b}`;

function fromPlain(p: Plain): Model {
  const m: Model = { entities: new Map(), deps: new Map(), owner: new Map(), supports: new Set() };
  p.ids.forEach((id, i) => {
    m.entities.set(id, {
      id,
      kind: p.kinds[i]!,
      name: null,
      toleranceHours: p.kinds[i] === 'WORKFLOW' ? p.tolerance[i]! : null,
      workaroundCapacity: p.workaround[i]!,
      volumePerDay: p.volume[i]!,
      criticality: p.criticality[i]!,
      category: null,
      subsector: null,
      region: null,
    });
  });
  // the store holds one edge per (from, to): the last one written wins
  for (const d of p.deps) {
    const [from, to] = [p.ids[d.from]!, p.ids[d.to]!];
    m.deps.set(key(from, to), { from, to, group: d.group, strength: d.strength });
  }
  for (const [c, par] of p.parents) m.owner.set(p.ids[c]!, p.ids[par]!);
  for (const [w, f] of p.supports) m.supports.add(key(p.ids[w]!, p.ids[f]!));
  return m;
}

function clone(m: Model): Model {
  return {
    entities: new Map(m.entities),
    deps: new Map(m.deps),
    owner: new Map(m.owner),
    supports: new Set(m.supports),
  };
}

/** The store's semantics of each change, written against the plain model. */
function replay(m: Model, c: GraphChange): void {
  switch (c.op) {
    case 'UPSERT_ENTITY': {
      const e = c.entity;
      m.entities.set(e.id, {
        id: e.id,
        kind: e.kind,
        name: e.name ?? null,
        toleranceHours: e.toleranceHours ?? null,
        workaroundCapacity: e.workaroundCapacity ?? null,
        volumePerDay: e.volumePerDay ?? null,
        criticality: e.criticality ?? null,
        category: e.category ?? null,
        subsector: e.subsector ?? null,
        region: e.region ?? null,
      });
      if (e.owner === null) m.owner.delete(e.id);
      else if (e.owner !== undefined) m.owner.set(e.id, e.owner);
      if (e.functions !== undefined) {
        for (const s of [...m.supports]) if (s.startsWith(`${e.id}\u0000`)) m.supports.delete(s);
        for (const f of e.functions ?? []) m.supports.add(key(e.id, f));
      }
      return;
    }
    case 'DELETE_ENTITY': {
      const kind = m.entities.get(c.id)!.kind;
      const doomed = new Set([c.id]);
      if (c.cascade !== false && (kind === 'SUPPLIER' || kind === 'ORGANIZATION')) {
        for (const [child, o] of m.owner) if (o === c.id) doomed.add(child);
      }
      for (const x of doomed) {
        m.entities.delete(x);
        for (const [k, d] of m.deps) if (d.from === x || d.to === x) m.deps.delete(k);
        for (const [child, o] of m.owner) if (child === x || o === x) m.owner.delete(child);
        for (const s of [...m.supports]) if (s.split('\u0000').includes(x)) m.supports.delete(s);
      }
      return;
    }
    case 'ADD_DEPENDENCY':
      m.deps.set(key(c.from, c.to), {
        from: c.from,
        to: c.to,
        group: c.group || null,
        strength: c.strength ?? 1,
      });
      return;
    case 'REMOVE_DEPENDENCY':
      m.deps.delete(key(c.from, c.to));
      return;
    case 'ADD_SUPPORT':
      m.supports.add(key(c.workflowId, c.functionId));
      return;
    case 'REMOVE_SUPPORT':
      m.supports.delete(key(c.workflowId, c.functionId));
      return;
  }
}

/** A graph built from scratch from the model, as the store's full projection would. */
function build(m: Model): CompactGraph {
  const b = new GraphBuilder();
  for (const e of m.entities.values()) b.addNode(e);
  for (const d of m.deps.values()) b.addDependency(d);
  for (const [child, o] of m.owner) {
    const kind = m.entities.get(child)!.kind;
    if (kind === 'SERVICE') b.addProvidedBy(child, o);
    else if (kind === 'WORKFLOW') b.addPerforms(o, child);
    else b.addOwns(o, child);
  }
  for (const s of m.supports) {
    const [w, f] = s.split('\u0000');
    b.addSupports(w!, f!);
  }
  return b.build();
}

// --- random changes, interpreted against the current model so most of them are valid ---------

const KINDS: EntityKind[] = [
  'ORGANIZATION',
  'SUPPLIER',
  'SERVICE',
  'SERVICE',
  'ASSET',
  'WORKFLOW',
  'WORKFLOW',
  'CRITICAL_FUNCTION',
];
const OWNER: Partial<Record<EntityKind, EntityKind>> = {
  SERVICE: 'SUPPLIER',
  WORKFLOW: 'ORGANIZATION',
  ASSET: 'ORGANIZATION',
};
const FROM: EntityKind[] = ['WORKFLOW', 'ASSET', 'SERVICE'];
const TO: EntityKind[] = ['WORKFLOW', 'ASSET', 'SERVICE', 'SUPPLIER'];

const arbDraw = fc.record({
  op: fc.constantFrom(
    'upsert-new',
    'upsert-existing',
    'readd',
    'delete',
    'add-dep',
    'add-dep',
    'add-dep',
    'remove-dep',
    'remove-dep',
    'add-support',
    'remove-support',
  ),
  a: fc.nat(),
  b: fc.nat(),
  c: fc.nat(),
  kind: fc.constantFrom(...KINDS),
  group: fc.constantFrom('a', 'b', '', null),
  strength: fc.constantFrom(0, 0.5, 1, null),
  tolerance: fc.constantFrom(0, 1, 2, 4, null),
  workaround: fc.constantFrom(0, 0.5, 1, null),
  volume: fc.constantFrom(0, 1, 3, null),
  criticality: fc.constantFrom(1, 3, null),
  owner: fc.constantFrom('pick', 'pick', 'pick', 'keep', 'none'),
  functions: fc.constantFrom('keep', 'keep', 'pick', 'none'),
  cascade: fc.constantFrom(true, true, false, undefined),
});
type Draw = typeof arbDraw extends fc.Arbitrary<infer T> ? T : never;

const pick = <T>(xs: T[], n: number): T | undefined => (xs.length === 0 ? undefined : xs[n % xs.length]);

function ofKind(m: Model, kinds: EntityKind[]): string[] {
  return [...m.entities.values()].filter((e) => kinds.includes(e.kind)).map((e) => e.id);
}

/** A change for the current model; deleted ids are remembered so they can come back. */
function interpret(m: Model, d: Draw, gone: string[]): GraphChange | null {
  const ids = [...m.entities.keys()];
  const entity = (id: string, kind: EntityKind, fresh: boolean): ChangedEntity => {
    const e: ChangedEntity = {
      id,
      kind,
      name: d.c % 3 === 0 ? null : `${kind.toLowerCase()} ${id}`,
      toleranceHours: d.tolerance,
      workaroundCapacity: d.workaround,
      volumePerDay: d.volume,
      criticality: d.criticality,
      category: d.c % 2 ? 'CLINICAL' : null,
      subsector: d.c % 5 === 0 ? 'HEALTH_IT' : null,
      // kept for organizations only, dropped for the other kinds by both paths
      region: d.c % 3 === 1 ? 'US-OH' : null,
    };
    const want = OWNER[kind];
    if (want && (d.owner === 'pick' || (fresh && d.owner === 'keep'))) {
      const o = pick(ofKind(m, [want]), d.b);
      if (o) e.owner = o;
    } else if (d.owner === 'none') e.owner = null;
    if (kind === 'WORKFLOW' && d.functions !== 'keep') {
      const fs = ofKind(m, ['CRITICAL_FUNCTION']);
      e.functions = d.functions === 'none' ? null : fs.filter((_, i) => (d.c >> i) & 1);
    }
    return e;
  };
  switch (d.op) {
    case 'upsert-new': {
      // ids that sort among the existing ones, so indices shift
      const id = `${String.fromCharCode(97 + (d.a % 26))}${d.b % 7}n`;
      const existing = m.entities.get(id);
      return { op: 'UPSERT_ENTITY', entity: entity(id, existing?.kind ?? d.kind, !existing) };
    }
    case 'upsert-existing': {
      const id = pick(ids, d.a);
      return id ? { op: 'UPSERT_ENTITY', entity: entity(id, m.entities.get(id)!.kind, false) } : null;
    }
    case 'readd': {
      const id = pick(
        gone.filter((g) => !m.entities.has(g)),
        d.a,
      );
      return id ? { op: 'UPSERT_ENTITY', entity: entity(id, d.kind, true) } : null;
    }
    case 'delete': {
      const id = pick(ids, d.a);
      return id
        ? { op: 'DELETE_ENTITY', id, ...(d.cascade === undefined ? {} : { cascade: d.cascade }) }
        : null;
    }
    case 'add-dep': {
      const from = pick(ofKind(m, FROM), d.a);
      const to = pick(ofKind(m, TO), d.b);
      return from && to ? { op: 'ADD_DEPENDENCY', from, to, group: d.group, strength: d.strength } : null;
    }
    case 'remove-dep': {
      const e = pick([...m.deps.values()], d.a);
      // sometimes an edge that is not there: nothing happens
      if (!e || d.c % 4 === 0) {
        const [from, to] = [pick(ids, d.a), pick(ids, d.b)];
        return from && to ? { op: 'REMOVE_DEPENDENCY', from, to } : null;
      }
      return { op: 'REMOVE_DEPENDENCY', from: e.from, to: e.to };
    }
    case 'add-support': {
      const w = pick(ofKind(m, ['WORKFLOW']), d.a);
      const f = pick(ofKind(m, ['CRITICAL_FUNCTION']), d.b);
      return w && f ? { op: 'ADD_SUPPORT', workflowId: w, functionId: f } : null;
    }
    case 'remove-support': {
      const s = pick([...m.supports], d.a);
      if (!s) return null;
      const [workflowId, functionId] = s.split('\u0000') as [string, string];
      return { op: 'REMOVE_SUPPORT', workflowId, functionId };
    }
  }
}

/** The change sequence drawn, with the model after each step. */
function scenario(base: Model, draws: Draw[]): { changes: GraphChange[]; models: Model[] } {
  const m = clone(base);
  const gone: string[] = [];
  const changes: GraphChange[] = [];
  const models: Model[] = [];
  for (const d of draws) {
    const c = interpret(m, d, gone);
    if (!c) continue;
    if (c.op === 'DELETE_ENTITY')
      gone.push(c.id, ...[...m.owner].filter(([, o]) => o === c.id).map(([x]) => x));
    replay(m, c);
    changes.push(c);
    models.push(clone(m));
  }
  return { changes, models };
}

const arbScenario = fc.record({
  base: arbCase({ maxNodes: 10 }),
  draws: fc.array(arbDraw, { minLength: 1, maxLength: 12 }),
  picks: fc.array(fc.nat(), { minLength: 1, maxLength: 3 }),
});

// --- comparison ----------------------------------------------------------------------------------

/** The answers the API serves, for a few entities of the graph. */
function answers(g: CompactGraph, picks: number[]) {
  const ids = g.ids;
  if (ids.length === 0) return { risk: systemicRisk(g, { kinds: ['SUPPLIER', 'SERVICE'] }) };
  const chosen = [...new Set(picks.map((p) => ids[p % ids.length]!))];
  const failed = chosen.map((id) => ({ id }));
  return {
    discrete: impact(g, { failed }),
    discreteTimed: impact(g, { failed, durationHours: 2 }),
    inoperability: impact(g, {
      failed: failed.map((f) => ({ ...f, inoperability: 0.5 })),
      model: 'INOPERABILITY',
    }),
    paths: chosen.map((id) => paths(g, id, { toKinds: ['WORKFLOW', 'CRITICAL_FUNCTION'] })),
    risk: systemicRisk(g, { kinds: ['SUPPLIER', 'SERVICE', 'ORGANIZATION'], durationHours: 3 }),
  };
}

describe('applyChanges vs a graph built from scratch (property)', () => {
  it('after every single change: same arrays, impact (both models), paths and risk ranking', () => {
    fc.assert(
      fc.property(arbScenario, ({ base, draws, picks }) => {
        const model = fromPlain(base.plain);
        const { changes, models } = scenario(model, draws);
        let g = build(model);
        changes.forEach((c, i) => {
          const before = layout(g);
          const next = applyChanges(g, [c]);
          const scratch = build(models[i]!);
          expect(layout(next)).toEqual(layout(scratch));
          expect(answers(next, picks)).toEqual(answers(scratch, picks));
          // the old graph is untouched: readers of the previous version keep it
          expect(layout(g)).toEqual(before);
          g = next;
        });
      }),
      params(200),
    );
  }, 120_000);

  it('the whole sequence as one batch gives the graph built from the final lists', () => {
    fc.assert(
      fc.property(arbScenario, ({ base, draws, picks }) => {
        const model = fromPlain(base.plain);
        const { changes, models } = scenario(model, draws);
        const final = models.at(-1) ?? model;
        const patched = applyChanges(build(model), changes);
        const scratch = build(final);
        expect(layout(patched)).toEqual(layout(scratch));
        expect(answers(patched, picks)).toEqual(answers(scratch, picks));
      }),
      params(300),
    );
  }, 120_000);
});

describe('applyChanges: node ids and indices', () => {
  const base = () =>
    applyChanges(new GraphBuilder().build(), [
      { op: 'UPSERT_ENTITY', entity: { id: 'sup', kind: 'SUPPLIER' } },
      { op: 'UPSERT_ENTITY', entity: { id: 'org', kind: 'ORGANIZATION' } },
      { op: 'UPSERT_ENTITY', entity: { id: 'svc', kind: 'SERVICE', owner: 'sup' } },
      { op: 'UPSERT_ENTITY', entity: { id: 'wf', kind: 'WORKFLOW', owner: 'org', toleranceHours: 4 } },
      { op: 'ADD_DEPENDENCY', from: 'wf', to: 'svc' },
    ]);

  it('numbers nodes in id order: a new id in the middle shifts the ones after it', () => {
    const g = base();
    expect(g.ids).toEqual(['org', 'sup', 'svc', 'wf']);
    const h = applyChanges(g, [{ op: 'UPSERT_ENTITY', entity: { id: 'sv', kind: 'SERVICE', owner: 'sup' } }]);
    expect(h.ids).toEqual(['org', 'sup', 'sv', 'svc', 'wf']);
    expect(h.indexOf('wf')).toBe(4);
    expect(Array.from(h.membersOf(h.groupsOf(h.indexOf('wf'))[0]!), (m) => h.ids[m])).toEqual(['svc']);
    // the previous version still answers with its own numbering
    expect(g.indexOf('wf')).toBe(3);
  });

  it('a deleted id is gone with its links and cascade; re-added, it starts with no links', () => {
    const g = base();
    const h = applyChanges(g, [{ op: 'DELETE_ENTITY', id: 'sup' }]);
    // a supplier's services go with it (entities/delete.cypher); the workflow loses its dependency
    expect(h.ids).toEqual(['org', 'wf']);
    expect(h.stats().dependencies).toBe(0);
    const back = applyChanges(h, [
      { op: 'UPSERT_ENTITY', entity: { id: 'sup', kind: 'SUPPLIER' } },
      { op: 'UPSERT_ENTITY', entity: { id: 'svc', kind: 'SERVICE' } },
    ]);
    expect(back.ids).toEqual(['org', 'sup', 'svc', 'wf']);
    expect(back.servicesOf(back.indexOf('sup'))).toEqual([]);
    expect(back.dependentGroupsOf(back.indexOf('svc')).length).toBe(0);
    // deleted and re-added in one batch: the same
    const once = applyChanges(g, [
      { op: 'DELETE_ENTITY', id: 'svc' },
      { op: 'UPSERT_ENTITY', entity: { id: 'svc', kind: 'SERVICE', owner: 'sup' } },
    ]);
    expect(once.ids).toEqual(g.ids);
    expect(once.stats().dependencies).toBe(0);
    expect(once.servicesOf(once.indexOf('sup'))).toEqual([once.indexOf('svc')]);
  });

  it('without cascade only the entity goes; its children lose the link', () => {
    const h = applyChanges(base(), [{ op: 'DELETE_ENTITY', id: 'org', cascade: false }]);
    expect(h.ids).toEqual(['sup', 'svc', 'wf']);
    expect(h.parentsOf(h.indexOf('wf')).length).toBe(0);
    expect(h.stats().performs).toBe(0);
  });

  it('no changes: the same graph object', () => {
    const g = base();
    expect(applyChanges(g, [])).toBe(g);
  });
});

describe('applyChanges: invalid changes', () => {
  const g = () =>
    applyChanges(new GraphBuilder().build(), [
      { op: 'UPSERT_ENTITY', entity: { id: 'sup', kind: 'SUPPLIER' } },
      { op: 'UPSERT_ENTITY', entity: { id: 'cf', kind: 'CRITICAL_FUNCTION' } },
      { op: 'UPSERT_ENTITY', entity: { id: 'wf', kind: 'WORKFLOW' } },
    ]);
  const cases: [string, GraphChange, RegExp][] = [
    ['unknown endpoint', { op: 'ADD_DEPENDENCY', from: 'wf', to: 'nope' }, /unknown entity id "nope"/],
    [
      'wrong dependent kind',
      { op: 'ADD_DEPENDENCY', from: 'sup', to: 'wf' },
      /a SUPPLIER cannot have dependencies/,
    ],
    [
      'wrong dependency kind',
      { op: 'ADD_DEPENDENCY', from: 'wf', to: 'cf' },
      /a CRITICAL_FUNCTION cannot be a dependency/,
    ],
    [
      'strength',
      { op: 'ADD_DEPENDENCY', from: 'wf', to: 'sup', strength: 2 },
      /strength must be in \[0, 1\]/,
    ],
    [
      'kind change',
      { op: 'UPSERT_ENTITY', entity: { id: 'wf', kind: 'ASSET' } },
      /is a WORKFLOW, it cannot become an ASSET/,
    ],
    [
      'owner kind',
      { op: 'UPSERT_ENTITY', entity: { id: 's', kind: 'SERVICE', owner: 'cf' } },
      /"cf" is a CRITICAL_FUNCTION, not a SUPPLIER/,
    ],
    [
      'tolerance',
      { op: 'UPSERT_ENTITY', entity: { id: 'w', kind: 'WORKFLOW', toleranceHours: -1 } },
      /toleranceHours must be a number/,
    ],
    [
      'function kind',
      { op: 'ADD_SUPPORT', workflowId: 'wf', functionId: 'sup' },
      /expected WORKFLOW -> CRITICAL_FUNCTION/,
    ],
    ['delete unknown', { op: 'DELETE_ENTITY', id: 'nope' }, /unknown entity id "nope"/],
    ['unknown op', { op: 'RENAME' } as unknown as GraphChange, /unknown op "RENAME"/],
  ];
  for (const [name, change, message] of cases) {
    it(`${name}: InvalidChangeError naming the change, and no graph`, () => {
      const before = g();
      const batch: GraphChange[] = [{ op: 'UPSERT_ENTITY', entity: { id: 'zz', kind: 'SUPPLIER' } }, change];
      let error: unknown;
      try {
        applyChanges(before, batch);
      } catch (err) {
        error = err;
      }
      expect(error).toBeInstanceOf(InvalidChangeError);
      expect((error as InvalidChangeError).index).toBe(1);
      expect((error as Error).message).toMatch(/^change 1: /);
      expect((error as Error).message).toMatch(message);
      expect(before.ids).toEqual(['cf', 'sup', 'wf']);
    });
  }
});

describe('a graph shared after a change, decoded from the version before it (property)', () => {
  // the string columns, named as shareGraph names them (the engine's own list)
  const COLUMNS = Object.keys(
    shareGraph(new GraphBuilder().build()).strings,
  ) as (keyof SharedGraph['strings'])[];
  const table = (t: SharedStrings) => ({
    chars: Array.from(t.chars),
    offsets: Array.from(t.offsets),
    present: t.present ? Array.from(t.present) : null,
  });

  it('packs the very tables packStrings would, and decodes to the graph built from scratch', () => {
    fc.assert(
      fc.property(arbScenario, ({ base, draws }) => {
        const model = fromPlain(base.plain);
        const { changes, models } = scenario(model, draws);
        const g0 = build(model);
        // the projection worker's side (it keeps the graph it shared) and an analysis
        // worker's (it decoded what it was posted: structuredClone is what postMessage does)
        let sender: SharedBase = { graph: g0, shared: shareGraph(g0) };
        const first = structuredClone(sender.shared);
        let receiver: SharedBase = { graph: graphFromShared(first), shared: first };
        changes.forEach((c, i) => {
          // every third version a full build, as after an import: its ids align all the same
          const next = i % 3 === 2 ? build(models[i]!) : applyChanges(sender.graph, [c]);
          const shared = shareGraph(next, sender);
          expect(shared.delta?.base).toBe(sender.shared.key);
          for (const f of COLUMNS) expect(table(shared.strings[f])).toEqual(table(packStrings(next[f])));
          // only the rows that differ are listed: one upsert changes at most its own row
          if (c.op === 'UPSERT_ENTITY' && i % 3 !== 2)
            for (const rows of Object.values(shared.delta!.changed))
              expect(rows.length).toBeLessThanOrEqual(1);
          const received = structuredClone(shared);
          const decoded = graphFromShared(received, undefined, receiver);
          expect(layout(decoded)).toEqual(layout(build(models[i]!)));
          sender = { graph: next, shared };
          receiver = { graph: decoded, shared: received };
        });
      }),
      params(200),
    );
  }, 120_000);

  it('a batch of changes shares as the rows its upserts wrote, which the patch names', () => {
    fc.assert(
      fc.property(arbScenario, ({ base, draws }) => {
        const model = fromPlain(base.plain);
        const { changes, models } = scenario(model, draws);
        if (changes.length === 0) return;
        const g0 = build(model);
        const s0 = shareGraph(g0);
        const g1 = applyChanges(g0, changes);
        // shareGraph reads the patch's own account of its rows instead of comparing them all
        const origin = patchOrigin(g1)!;
        // held weakly: a strong reference would keep every earlier version alive
        expect(origin.base).toBeInstanceOf(WeakRef);
        expect(origin.base.deref()).toBe(g0);
        const upserted = new Set(
          changes.flatMap((c) => (c.op === 'UPSERT_ENTITY' && g1.has(c.entity.id) ? [c.entity.id] : [])),
        );
        expect(new Set(Array.from(origin.rows, (n) => g1.ids[n]))).toEqual(upserted);
        const s1 = shareGraph(g1, { graph: g0, shared: s0 });
        for (const f of COLUMNS) expect(table(s1.strings[f])).toEqual(table(packStrings(g1[f])));
        const held = { graph: graphFromShared(structuredClone(s0)), shared: s0 };
        expect(layout(graphFromShared(structuredClone(s1), undefined, held))).toEqual(
          layout(build(models[models.length - 1]!)),
        );
      }),
      params(200),
    );
  });

  it('a thread that skipped versions decodes from the one it holds: only the changed rows, up to OLDER_DELTAS back', () => {
    fc.assert(
      fc.property(arbScenario, ({ base, draws }) => {
        const model = fromPlain(base.plain);
        const { changes, models } = scenario(model, draws);
        const g0 = build(model);
        // versions 0..k as the projection worker shares them, each from the one before
        const shared: SharedBase[] = [{ graph: g0, shared: shareGraph(g0) }];
        const modelAt = (v: number) => (v === 0 ? model : models[v - 1]!);
        changes.forEach((c, i) => {
          // every third version a full build, as after an import
          const prev = shared[shared.length - 1]!;
          const next = i % 3 === 2 ? build(models[i]!) : applyChanges(prev.graph, [c]);
          shared.push({ graph: next, shared: shareGraph(next, prev) });
        });
        for (let held = 0; held < shared.length; held++) {
          const copy = structuredClone(shared[held]!.shared);
          const receiver: SharedBase = { graph: graphFromShared(copy), shared: copy };
          for (let v = held + 1; v < shared.length; v++) {
            const s = shared[v]!.shared;
            const back = v - held;
            const d = [s.delta, ...(s.older ?? [])].find((x) => x?.base === receiver.shared.key);
            // the base and OLDER_DELTAS more: a delta from the held version; further back none
            expect(d !== undefined).toBe(back <= 1 + OLDER_DELTAS);
            if (d) {
              // no more rows listed than the upserts in between could have changed
              const upserts = changes.slice(held, v).filter((c) => c.op === 'UPSERT_ENTITY').length;
              const rebuilt = [...Array(back).keys()].some((j) => (held + j) % 3 === 2);
              if (!rebuilt)
                for (const rows of Object.values(d.changed)) expect(rows.length).toBeLessThanOrEqual(upserts);
            }
            expect(layout(graphFromShared(structuredClone(s), undefined, receiver))).toEqual(
              layout(build(modelAt(v))),
            );
          }
        }
      }),
      params(60),
    );
  }, 120_000);

  it('a thread holding a version too far back decodes every row', () => {
    fc.assert(
      fc.property(arbScenario, ({ base, draws }) => {
        const model = fromPlain(base.plain);
        const { changes, models } = scenario(model, draws);
        if (changes.length < 2) return;
        const g0 = build(model);
        const s0 = shareGraph(g0);
        const g1 = applyChanges(g0, [changes[0]!]);
        const s1 = shareGraph(g1, { graph: g0, shared: s0 });
        // shared without a base: it follows from nothing a thread holds
        const g2 = applyChanges(g1, [changes[1]!]);
        const s2 = shareGraph(g2);
        const held = { graph: graphFromShared(structuredClone(s1)), shared: s1 };
        expect(s2.delta).toBeUndefined();
        expect(layout(graphFromShared(structuredClone(s2), undefined, held))).toEqual(
          layout(build(models[1]!)),
        );
      }),
      params(100),
    );
  }, 120_000);

  it('a write that changes no string shares the very same tables', () => {
    const g0 = applyChanges(new GraphBuilder().build(), [
      { op: 'UPSERT_ENTITY', entity: { id: 'sup', kind: 'SUPPLIER', name: 'Clearhouse' } },
      { op: 'UPSERT_ENTITY', entity: { id: 'svc', kind: 'SERVICE', owner: 'sup', name: 'Claims' } },
      { op: 'UPSERT_ENTITY', entity: { id: 'org', kind: 'ORGANIZATION', name: 'Hospital' } },
      { op: 'UPSERT_ENTITY', entity: { id: 'wf', kind: 'WORKFLOW', owner: 'org', toleranceHours: 4 } },
    ]);
    const s0 = shareGraph(g0);
    const g1 = applyChanges(g0, [{ op: 'ADD_DEPENDENCY', from: 'wf', to: 'svc', group: 'claims' }]);
    const s1 = shareGraph(g1, { graph: g0, shared: s0 });
    expect(s1.delta?.same).toEqual(['ids', 'names', 'categories', 'subsectors', 'regions', 'volumeUnits']);
    for (const f of ['ids', 'names', 'categories'] as const) expect(s1.strings[f]).toBe(s0.strings[f]);
    // a new supplier sorting first: every row shifts by one, only its own rows are new
    const g2 = applyChanges(g1, [
      { op: 'UPSERT_ENTITY', entity: { id: 'aaa', kind: 'SUPPLIER', name: 'New' } },
    ]);
    const s2 = shareGraph(g2, { graph: g1, shared: s1 });
    expect(Array.from(s2.delta!.newToOld!)).toEqual([-1, 0, 1, 2, 3]);
    expect(Array.from(s2.delta!.changed.ids!)).toEqual([0]);
    expect(Array.from(s2.delta!.changed.names!)).toEqual([0]);
    const d1 = graphFromShared(structuredClone(s1));
    const d2 = graphFromShared(structuredClone(s2), undefined, { graph: d1, shared: s1 });
    // a workflow without a name is named by its id
    expect(d2.names).toEqual(['New', 'Hospital', 'Clearhouse', 'Claims', 'wf']);
    expect(Array.from(d2.groupLabelCode)).toEqual(Array.from(g2.groupLabelCode));
    expect(d2.labels).toEqual(g2.labels);
  });
});

describe('applyChanges onto shared memory', () => {
  // the typed arrays of a graph, named as shareGraph names them (the engine's own list)
  const names = shareGraph(new GraphBuilder().build());
  /** Every typed array of g: those it shares with `before` are the ones the change left as they were. */
  const arraysOf = (g: CompactGraph) => [
    ...Object.keys(names.numeric).map((f) => g[f as keyof typeof names.numeric]),
    ...Object.keys(names.csr).flatMap((f) => [
      g[f as keyof typeof names.csr].offsets,
      g[f as keyof typeof names.csr].targets,
    ]),
  ];

  it('gives the very same graph, and puts every array it writes on a SharedArrayBuffer', () => {
    fc.assert(
      fc.property(arbScenario, ({ base, draws }) => {
        const model = fromPlain(base.plain);
        const { changes } = scenario(model, draws);
        let g = build(model);
        for (const c of changes) {
          const onHeap = applyChanges(g, [c]);
          const onShared = applyChanges(g, [c], { arrays: sharedArrays });
          expect(layout(onShared)).toEqual(layout(onHeap));
          const kept = new Set(arraysOf(g).map((a) => a.buffer));
          for (const a of arraysOf(onShared))
            if (!kept.has(a.buffer)) expect(a.buffer).toBeInstanceOf(SharedArrayBuffer);
          g = onShared;
        }
      }),
      params(200),
    );
  }, 120_000);
});
