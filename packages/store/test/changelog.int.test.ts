// The change log and the projection that replays it, against the real Neo4j: random
// sequences of writes through the store's public functions, and after each the
// incrementally maintained projection must equal one built from scratch.
import { type CompactGraph, impact, paths, systemicRisk } from '@smart/engine';
import fc from 'fast-check';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { graphLayout as layout } from '../../../test/support/graph-layout';
import { handBuilt } from '../../../test/fixtures/hand-built';
import { resetDatabase, testStore, testStoreConfig } from '../../../test/support/neo4j';
import {
  EditError,
  type EntityEdit,
  ProjectionCache,
  Store,
  addDependency,
  deleteEntity,
  importTemplate,
  loadProjection,
  removeDependency,
  upsertEntity,
} from '../src';

// Seeded so a failure reproduces; FC_SEED=<n> replays another run.
const SEED = Number(process.env.FC_SEED ?? 20_261_202);
console.log(`changelog.int.test: fast-check seed ${SEED} (set FC_SEED to change)`);

const store = testStore();

beforeEach(async () => {
  await resetDatabase(store);
  await importTemplate(store, handBuilt(), { actor: 'test' });
});
afterAll(async () => {
  await store.close();
});

/** What the API serves: impact (both models), paths and the risk ranking. */
function answers(g: CompactGraph) {
  const ids = g.ids.filter((id) => /^(sup|svc|new-sup|new-svc)/.test(id)).slice(0, 3);
  const failed = ids.map((id) => ({ id }));
  return {
    discrete: failed.length ? impact(g, { failed }) : null,
    timed: failed.length ? impact(g, { failed, durationHours: 3 }) : null,
    inoperability: failed.length
      ? impact(g, { failed: failed.map((f) => ({ ...f, inoperability: 0.5 })), model: 'INOPERABILITY' })
      : null,
    paths: ids.map((id) => paths(g, id, { toKinds: ['WORKFLOW', 'CRITICAL_FUNCTION'] })),
    risk: systemicRisk(g, { kinds: ['SUPPLIER', 'SERVICE', 'ORGANIZATION'], durationHours: 3 }),
  };
}

// Ids the random writes draw from: the fixture's and a few new ones.
const SUPPLIERS = ['sup-ch1', 'sup-ch2', 'sup-cloud', 'sup-pbm', 'new-sup-a'];
const SERVICES = ['svc-ch1', 'svc-ch2', 'svc-cloud', 'svc-pbm', 'new-svc-a', 'new-svc-b'];
const ORGS = ['org-hosp', 'org-pharm', 'new-org-a'];
const WORKFLOWS = ['wf-claims', 'wf-elig', 'wf-dispense', 'wf-er', 'new-wf-a'];
const ALL = [...SUPPLIERS, ...SERVICES, ...ORGS, ...WORKFLOWS, 'cf-pay', 'cf-care'];

const pick = <T>(xs: readonly T[]) => fc.constantFrom(...xs);
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });

type Write =
  | { w: 'upsert'; edit: EntityEdit }
  | { w: 'delete'; id: string }
  | { w: 'add'; from: string; to: string; group?: string; strength?: number }
  | { w: 'remove'; from: string; to: string };

const arbUpsert: fc.Arbitrary<Write> = fc.oneof(
  fc
    .record({
      id: pick(SUPPLIERS),
      name: fc.constantFrom('S1', 'S2'),
      category: maybe(pick(['cloud', 'pbm'])),
    })
    .map((e): Write => ({ w: 'upsert', edit: { ...e, kind: 'SUPPLIER' } })),
  fc
    .record({
      id: pick(SERVICES),
      name: fc.constantFrom('V1', 'V2'),
      supplierId: pick(SUPPLIERS),
      type: pick(['SOFTWARE', 'TECHNOLOGY']),
    })
    .map((e): Write => ({ w: 'upsert', edit: { ...e, kind: 'SERVICE' } })),
  fc
    .record({
      id: pick(ORGS),
      name: fc.constantFrom('O1', 'O2'),
      subsector: pick(['DIRECT_PATIENT_CARE', 'HEALTH_IT']),
    })
    .map((e): Write => ({ w: 'upsert', edit: { ...e, kind: 'ORGANIZATION' } })),
  fc
    .record({
      id: pick(WORKFLOWS),
      name: fc.constantFrom('W1', 'W2'),
      organizationId: pick(ORGS),
      category: pick(['CLINICAL', 'ADMINISTRATIVE']),
      toleranceHours: maybe(fc.constantFrom(0, 2, 8)),
      workaroundCapacity: maybe(fc.constantFrom(0, 0.5)),
      volumePerDay: maybe(fc.constantFrom(10, 400)),
      criticality: maybe(fc.integer({ min: 1, max: 5 })),
    })
    .map((e): Write => ({ w: 'upsert', edit: { ...e, kind: 'WORKFLOW' } })),
);

const arbWrite: fc.Arbitrary<Write> = fc.oneof(
  { arbitrary: arbUpsert, weight: 3 },
  { arbitrary: fc.record({ w: fc.constant('delete' as const), id: pick(ALL) }), weight: 1 },
  {
    arbitrary: fc.record(
      {
        w: fc.constant('add' as const),
        from: pick([...WORKFLOWS, ...SERVICES]),
        to: pick([...SERVICES, ...SUPPLIERS]),
        group: pick(['', 'ch', 'alt']),
        strength: pick([0.5, 1]),
      },
      { requiredKeys: ['w', 'from', 'to'] },
    ),
    weight: 3,
  },
  {
    arbitrary: fc.record({
      w: fc.constant('remove' as const),
      from: pick([...WORKFLOWS, ...SERVICES]),
      to: pick([...SERVICES, ...SUPPLIERS]),
    }),
    weight: 2,
  },
);

/** Runs one write; an edit the store refuses (unknown id, wrong kind) writes nothing: false. */
async function run(write: Write): Promise<boolean> {
  try {
    if (write.w === 'upsert') await upsertEntity(store, write.edit, 'test');
    else if (write.w === 'delete') await deleteEntity(store, write.id, 'test');
    else if (write.w === 'add') await addDependency(store, write, 'test');
    else await removeDependency(store, write.from, write.to, 'test');
    return true;
  } catch (err) {
    if (!(err instanceof EditError)) throw err;
    return false;
  }
}

async function expectMatchesScratch(cache: ProjectionCache): Promise<void> {
  const p = await cache.current();
  const scratch = await loadProjection(store);
  expect(p.version).toBe(scratch.version);
  expect(layout(p.graph)).toEqual(layout(scratch.graph));
  expect(p.size).toEqual(scratch.size);
  expect(answers(p.graph)).toEqual(answers(scratch.graph));
}

describe('the projection replays the change log', () => {
  it('after every random write it equals a projection built from scratch, without building again', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(arbWrite, { minLength: 1, maxLength: 8 }), async (writes) => {
        await resetDatabase(store);
        await importTemplate(store, handBuilt(), { actor: 'test' });
        const cache = new ProjectionCache(store);
        await cache.current();
        let written = 0;
        for (const write of writes) {
          if (await run(write)) written++;
          await expectMatchesScratch(cache);
        }
        // One build (the first current()); every write after it was replayed.
        const stats = cache.stats();
        expect(stats.builds).toBe(1);
        expect(stats.replays).toBe(written);
        expect(Object.values(stats.fallbacks).every((n) => n === 0)).toBe(true);
      }),
      { seed: SEED, numRuns: 15 },
    );
  }, 600_000);

  it('replays several writes at once, and an import forces a full build', async () => {
    const cache = new ProjectionCache(store);
    await cache.current();
    await addDependency(store, { from: 'wf-er', to: 'svc-cloud', strength: 0.5 }, 'test');
    await deleteEntity(store, 'sup-ch2', 'test');
    await removeDependency(store, 'wf-claims', 'svc-ch1', 'test');
    await expectMatchesScratch(cache);
    expect(cache.stats()).toMatchObject({ builds: 1, replays: 1 });

    const t = handBuilt();
    t.suppliers.push({ id: 'sup-new', name: 'New Supplier' });
    await importTemplate(store, t, { actor: 'test' });
    await expectMatchesScratch(cache);
    expect(cache.stats()).toMatchObject({ builds: 2, replays: 1, fallbacks: { 'rebuild-marker': 1 } });
  });

  it('a removeDependency that removed nothing still moves the version, and replays as nothing', async () => {
    const cache = new ProjectionCache(store);
    const before = await cache.current();
    expect(await removeDependency(store, 'wf-er', 'svc-ch1', 'test')).toBe(false);
    const after = await cache.current();
    expect(after.version).toBe(before.version + 1);
    expect(layout(after.graph)).toEqual(layout(before.graph));
    expect(cache.stats()).toMatchObject({ builds: 1, replays: 1 });
  });

  it('a missing change falls back to a full build', async () => {
    const cache = new ProjectionCache(store);
    await cache.current();
    await addDependency(store, { from: 'wf-er', to: 'svc-cloud' }, 'test');
    await addDependency(store, { from: 'wf-er', to: 'svc-pbm' }, 'test');
    const version = await store.graphVersion();
    // As if the log had been pruned past the projection's version.
    await store.write((tx) => tx.run('MATCH (c:Change {version: $v}) DELETE c', { v: version - 1 }));
    await expectMatchesScratch(cache);
    expect(cache.stats()).toMatchObject({ builds: 2, replays: 0, fallbacks: { pruned: 1 } });
  });

  it('a batch above maxReplayOps or maxReplayVersions builds in full', async () => {
    const ops = new ProjectionCache(store, { maxReplayOps: 1 });
    const versions = new ProjectionCache(store, { maxReplayVersions: 1 });
    await ops.current();
    await versions.current();
    await addDependency(store, { from: 'wf-er', to: 'svc-cloud' }, 'test');
    await addDependency(store, { from: 'wf-er', to: 'svc-pbm' }, 'test');
    await expectMatchesScratch(ops);
    await expectMatchesScratch(versions);
    expect(ops.stats()).toMatchObject({ builds: 2, fallbacks: { 'too-many-ops': 1 } });
    expect(versions.stats()).toMatchObject({ builds: 2, fallbacks: { gap: 1 } });
  });

  it('retention keeps the log bounded: only the newest versions keep their change', async () => {
    const bounded = new Store({ ...testStoreConfig(), changeLogRetention: 3 });
    try {
      for (let i = 0; i < 6; i++)
        await addDependency(bounded, { from: 'wf-er', to: 'svc-cloud', strength: i / 10 }, 'test');
      const version = await bounded.graphVersion();
      const logged = await bounded.read(async (tx) =>
        (await tx.run('MATCH (c:Change) RETURN c.version AS v ORDER BY v')).records.map((r) => r.get('v')),
      );
      expect(logged).toEqual([version - 2, version - 1, version]);
      // A projection older than the window cannot replay: it builds in full.
      const cache = new ProjectionCache(bounded);
      await cache.current();
      for (let i = 0; i < 4; i++)
        await addDependency(bounded, { from: 'wf-er', to: 'svc-pbm', strength: i / 10 }, 'test');
      await expectMatchesScratch(cache);
      expect(cache.stats()).toMatchObject({ builds: 2, fallbacks: { pruned: 1 } });
    } finally {
      await bounded.close();
    }
  });
});

describe('a write racing a projection update', () => {
  it('never gives an answer whose content is of another version than it says', async () => {
    const cache = new ProjectionCache(store);
    await cache.current();
    const seen: { version: number; graph: CompactGraph }[] = [];
    const strengths = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6];
    // Each write sets a strength that names its own version's content; readers run meanwhile.
    const writer = (async () => {
      for (const s of strengths)
        await addDependency(store, { from: 'wf-er', to: 'svc-cloud', strength: s }, 'test');
    })();
    let done = false;
    void writer.finally(() => {
      done = true;
    });
    while (!done) seen.push(await cache.current());
    await writer;
    seen.push(await cache.current());
    const first = seen[0]!.version;
    // version base has no such dependency; base + k carries the k-th strength
    const base = (await versionOfFirstWrite()) - 1;
    for (const p of seen) {
      const wf = p.graph.indexOf('wf-er');
      const groups = p.graph.groupsOf(wf);
      const strength =
        groups.length === 0 ? null : p.graph.memberStrength[p.graph.memberOffsets[groups[0]!]!]!;
      const k = p.version - base;
      if (k <= 0) expect(strength).toBeNull();
      else expect(strength).toBeCloseTo(strengths[k - 1]!, 6);
      expect(p.version).toBeGreaterThanOrEqual(first);
    }
    expect(seen.at(-1)!.version).toBe(await store.graphVersion());
  });
});

/** The version the racing test's first write made (its audit event follows the version bump). */
async function versionOfFirstWrite(): Promise<number> {
  const [v] = await store.read(async (tx) =>
    (
      await tx.run('MATCH (c:Change) WHERE c.ops CONTAINS \'"strength":0.1\' RETURN min(c.version) AS v')
    ).records.map((r) => r.get('v') as number),
  );
  return v!;
}
