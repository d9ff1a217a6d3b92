// The projection read in many pages (issue 17 item 3): for random templates, imported
// into the real Neo4j, loadProjection with a page of 1 to 4 entities must build exactly
// the engine graph GraphBuilder builds straight from the template; and when a write
// lands between two pages, the loader must notice, read again, and build exactly the
// graph of the template that write left.
import type { Template } from '@smart/domain';
import fc from 'fast-check';
import type { ManagedTransaction } from 'neo4j-driver';
import { afterAll, describe, expect, it } from 'vitest';
import { template as arbTemplate } from '../../templates/test/arbitraries';
import { graphLayout as layout } from '../../../test/support/graph-layout';
import { resetDatabase, testStore, testStoreConfig } from '../../../test/support/neo4j';
import { graphFromTemplate as templateGraph } from '@smart/engine';
import { Store, type TxOptions, importTemplate, loadProjection } from '../src';

// Seeded so a failure reproduces; FC_SEED=<n> replays another run. No shrinking (each
// case is a reset and an import; the templates are small already): a failure reports
// its seed, path and case at once instead of running into the test timeout.
const SEED = Number(process.env.FC_SEED ?? 20_261_217);
console.log(`projection-paging.int.test: fast-check seed ${SEED} (set FC_SEED to change)`);

/** A store that runs a hook after its n-th read transaction (loadProjection's reads: version, page 1, page 2…). */
class InjectingStore extends Store {
  reads = 0;
  private readonly hooks = new Map<number, () => Promise<void>>();

  afterRead(n: number, hook: () => Promise<void>): void {
    this.hooks.set(n, hook);
  }

  pending(): number {
    return this.hooks.size;
  }

  override async read<T>(work: (tx: ManagedTransaction) => Promise<T>, opts: TxOptions = {}): Promise<T> {
    const result = await super.read(work, opts);
    this.reads++;
    const hook = this.hooks.get(this.reads);
    if (hook) {
      this.hooks.delete(this.reads);
      await hook();
    }
    return result;
  }
}

const store = testStore();
const injecting = new InjectingStore(testStoreConfig());

afterAll(async () => {
  await injecting.close();
  await store.close();
});

async function fresh(t: Template): Promise<void> {
  await resetDatabase(store);
  await importTemplate(store, t, { actor: 'test' });
}

/** The same template after an edit: some dependencies, function links and functions gone, some names changed, a supplier added. */
const arbEdit = fc.record({
  keepDependency: fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
  keepLink: fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
  keepFunction: fc.array(fc.boolean(), { minLength: 24, maxLength: 24 }),
  rename: fc.array(fc.boolean(), { minLength: 24, maxLength: 24 }),
  addSupplier: fc.boolean(),
});
type Edit = typeof arbEdit extends fc.Arbitrary<infer E> ? E : never;

function edited(t: Template, e: Edit): Template {
  const out = structuredClone(t);
  out.criticalFunctions = out.criticalFunctions.filter((_, i) => e.keepFunction[i]);
  const functions = new Set(out.criticalFunctions.map((f) => f.id));
  out.workflowFunctions = out.workflowFunctions.filter(
    (l, i) => e.keepLink[i] && functions.has(l.functionId),
  );
  out.dependencies = out.dependencies.filter((_, i) => e.keepDependency[i]);
  let i = 0;
  for (const table of ['organizations', 'suppliers', 'services', 'assets', 'workflows'] as const)
    for (const row of out[table]) if (e.rename[i++ % 24]) row.name = `${row.name} (renamed)`;
  const ids = new Set(Object.values(out).flatMap((rows: { id?: string }[]) => rows.map((r) => r.id)));
  if (e.addSupplier && !ids.has('added-supplier'))
    out.suppliers.push({ id: 'added-supplier', name: 'Added between two pages' });
  return out;
}

describe('the projection read in pages of 1 to 4 entities', () => {
  it('equals the graph built straight from the template', async () => {
    await fc.assert(
      fc.asyncProperty(arbTemplate, fc.integer({ min: 1, max: 4 }), async (t, pageSize) => {
        await fresh(t);
        const p = await loadProjection(store, { pageSize });
        expect(layout(p.graph)).toEqual(layout(templateGraph(t)));
        expect(p.version).toBe(await store.graphVersion());
      }),
      { seed: SEED, numRuns: 20, endOnFailure: true },
    );
  });

  it('with a write between two pages, reads again and equals the graph that write left', async () => {
    await fc.assert(
      fc.asyncProperty(arbTemplate, arbEdit, fc.integer({ min: 1, max: 4 }), async (t, edit, pageSize) => {
        await fresh(t);
        const before = await store.graphVersion();
        const after = edited(t, edit);
        injecting.reads = 0;
        // Read 1 is the version, read 2 the first page: the write lands before the second
        // (every template has at least six entities, so there is one).
        injecting.afterRead(2, async () => {
          await importTemplate(store, after, { actor: 'someone else', replace: true });
        });
        const p = await loadProjection(injecting, { pageSize });
        expect(injecting.pending()).toBe(0);
        expect(p.version).toBe(before + 1);
        expect(p.version).toBe(await store.graphVersion());
        expect(layout(p.graph)).toEqual(layout(templateGraph(after)));
      }),
      { seed: SEED, numRuns: 20, endOnFailure: true },
    );
  });
});
