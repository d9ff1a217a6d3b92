// Writes racing each other on the real Neo4j (issue 17 item 4): two imports at once, an
// import against edits, a delete against an import, and many writers in parallel. Each
// race is started without any pause, so the database decides the order; the tests then
// read that order back from the graph versions (one Change per committed write, whose
// ops name the edit; an import's own version from its undo snapshot) and assert that
// the end state is exactly the one that order gives, and that the versions are
// consecutive: no duplicate, no gap. Each race runs a few rounds, in different call
// orders, so more than one interleaving is met (RACE_ROUNDS=<n> runs more).
//
// These imports are small (up to SMART_IMPORT_SINGLE_TX_ROWS rows), so each is one
// transaction and the writes racing it wait for its lock. A staged import (above the
// threshold) refuses them instead: the last describe races that.
import type { GraphChange, Template } from '@smart/domain';
import type { ManagedTransaction } from 'neo4j-driver';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { handBuilt } from '../../../test/fixtures/hand-built';
import { graphLayout as layout } from '../../../test/support/graph-layout';
import { resetDatabase, testStore, testStoreConfig } from '../../../test/support/neo4j';
import { graphFromTemplate as templateGraph } from '@smart/engine';
import {
  EditError,
  ImportInProgressError,
  StaleReferenceError,
  Store,
  type TxOptions,
  addDependency,
  deleteEntity,
  exportTemplate,
  importTemplate,
  loadProjection,
  removeDependency,
  undoLastImport,
  upsertEntity,
} from '../src';

/** A store that runs `beforeNextWrite` just before its next write: the window between an edit's checks and its transaction. */
class RacingStore extends Store {
  beforeNextWrite: (() => Promise<void>) | null = null;
  override async write<T>(work: (tx: ManagedTransaction) => Promise<T>, opts: TxOptions<T> = {}): Promise<T> {
    const hook = this.beforeNextWrite;
    this.beforeNextWrite = null;
    if (hook) await hook();
    return super.write(work, opts);
  }
}

const store = testStore();
const racing = new RacingStore(testStoreConfig());
const ROUNDS = Number(process.env.RACE_ROUNDS ?? 4);

beforeEach(async () => {
  await resetDatabase(store);
  await importTemplate(store, handBuilt(), { actor: 'test' });
});
afterAll(async () => {
  await racing.close();
  await store.close();
});

interface Change {
  version: number;
  ops: GraphChange[] | null;
}

/** The change log after `after`, oldest first. */
async function changesAfter(after: number): Promise<Change[]> {
  return store.read(async (tx) =>
    (
      await tx.run(
        'MATCH (c:Change) WHERE c.version > $after RETURN c.version AS v, c.ops AS ops ORDER BY v',
        {
          after,
        },
      )
    ).records.map((r) => {
      const ops = r.get('ops') as string | null;
      return { version: r.get('v') as number, ops: ops === null ? null : (JSON.parse(ops) as GraphChange[]) };
    }),
  );
}

/** The versions are exactly after+1 … after+n, the graph's version is the last, and each has one Change. */
async function expectConsecutive(after: number, n: number): Promise<Change[]> {
  const log = await changesAfter(after);
  expect(log.map((c) => c.version)).toEqual(Array.from({ length: n }, (_, i) => after + 1 + i));
  expect(await store.graphVersion()).toBe(after + n);
  return log;
}

/** The version of the one write whose ops satisfy `match`. */
function versionOf(log: Change[], match: (op: GraphChange) => boolean): number {
  const found = log.filter((c) => c.ops?.some(match));
  expect(found).toHaveLength(1);
  return found[0]!.version;
}

/** The import's own version: the undo snapshot it kept says which version it left. */
async function importVersion(source: string): Promise<number> {
  const rows = await store.read(async (tx) =>
    (
      await tx.run('MATCH (s:ImportSnapshot {source: $source}) RETURN s.versionAfter AS v', { source })
    ).records.map((r) => r.get('v') as number),
  );
  expect(rows).toHaveLength(1);
  return rows[0]!;
}

async function entity(id: string): Promise<Record<string, unknown> | null> {
  const rows = await store.read(async (tx) =>
    (await tx.run('MATCH (n:Entity {id: $id}) RETURN properties(n) AS p', { id })).records.map(
      (r) => r.get('p') as Record<string, unknown>,
    ),
  );
  return rows[0] ?? null;
}

async function hasDependency(from: string, to: string): Promise<boolean> {
  return store.read(
    async (tx) =>
      (
        await tx.run('RETURN EXISTS { (:Entity {id: $from})-[:DEPENDS_ON]->(:Entity {id: $to}) } AS e', {
          from,
          to,
        })
      ).records[0]!.get('e') as boolean,
  );
}

/** The projection read from Neo4j equals the engine graph of the map exported now. */
async function expectProjectionMatchesMap(): Promise<void> {
  const p = await loadProjection(store, { pageSize: 7 });
  expect(layout(p.graph)).toEqual(layout(templateGraph(await exportTemplate(store))));
}

/** Runs the calls at once, in the order given (a rotation per round). */
const rotate = <T>(xs: T[], by: number) => xs.map((_, i) => xs[(i + by) % xs.length]!);

const renamed = (suffix: string): Template => {
  const t = handBuilt();
  for (const table of ['organizations', 'suppliers', 'services', 'workflows', 'criticalFunctions'] as const)
    for (const row of t[table]) row.name = `${row.name} (${suffix})`;
  return t;
};

describe('two imports at once', () => {
  it('run one after the other: the later version wins every entity both hold, each keeps what only it holds', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      if (round > 0) {
        await resetDatabase(store);
        await importTemplate(store, handBuilt(), { actor: 'test' });
      }
      const v0 = await store.graphVersion();
      const a = renamed('A');
      a.suppliers.push({ id: 'sup-only-a', name: 'Only in A' });
      const b = renamed('B');
      b.suppliers.push({ id: 'sup-only-b', name: 'Only in B' });
      const runs = [
        () => importTemplate(store, a, { actor: 'alice', source: `a-${round}`, snapshot: true }),
        () => importTemplate(store, b, { actor: 'bob', source: `b-${round}`, snapshot: true }),
      ];
      await Promise.all(rotate(runs, round).map((run) => run()));

      await expectConsecutive(v0, 2);
      const va = await importVersion(`a-${round}`);
      const vb = await importVersion(`b-${round}`);
      expect([va, vb].sort()).toEqual([v0 + 1, v0 + 2]);
      const [first, last] = va < vb ? ['A', 'B'] : ['B', 'A'];
      for (const id of ['org-hosp', 'sup-ch1', 'svc-pbm', 'wf-claims', 'cf-pay'])
        expect((await entity(id))!.name, `${id}, round ${round}`).toMatch(new RegExp(`\\(${last}\\)$`));
      expect((await entity('sup-only-a'))!.name).toBe('Only in A');
      expect((await entity('sup-only-b'))!.name).toBe('Only in B');
      await expectProjectionMatchesMap();

      // The later import saw the earlier one committed: undoing it gives the earlier one's map.
      await undoLastImport(store, { actor: 'test' });
      expect((await entity('wf-claims'))!.name).toBe(`Claims submission (${first})`);
      expect(await entity(`sup-only-${last.toLowerCase()}`)).toBeNull();
      expect((await entity(`sup-only-${first.toLowerCase()}`))!.name).toBe(`Only in ${first}`);
    }
  });
});

describe('an import against edits', () => {
  it('every write commits once, in version order, and each contested value is the later write’s', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      if (round > 0) {
        await resetDatabase(store);
        await importTemplate(store, handBuilt(), { actor: 'test' });
      }
      const v0 = await store.graphVersion();
      // The import renames claims and re-states sup-cloud and dispensing → PBM as they were.
      const t = handBuilt();
      t.workflows.find((w) => w.id === 'wf-claims')!.name = 'Claims (import)';
      const claims = handBuilt().workflows.find((w) => w.id === 'wf-claims')!;
      const runs = [
        () => importTemplate(store, t, { actor: 'importer', source: `import-${round}`, snapshot: true }),
        // Contested by the import: the same workflow's name, the same supplier's name, the same edge.
        () => upsertEntity(store, { ...claims, kind: 'WORKFLOW', name: 'Claims (edit)' }, 'editor'),
        () => upsertEntity(store, { id: 'sup-cloud', kind: 'SUPPLIER', name: 'Cloud (edit)' }, 'editor'),
        () => removeDependency(store, 'wf-dispense', 'svc-pbm', 'editor'),
        // Not contested: an edge the import does not hold (it does not replace).
        () => addDependency(store, { from: 'wf-er', to: 'svc-ch2', group: 'backup' }, 'editor'),
      ];
      await Promise.all(rotate(runs, round).map((run) => run()));

      const log = await expectConsecutive(v0, runs.length);
      const vImport = await importVersion(`import-${round}`);
      expect(log.find((c) => c.version === vImport)!.ops).toBeNull(); // an import rebuilds the projection
      const upsert = (id: string) => (op: GraphChange) => op.op === 'UPSERT_ENTITY' && op.entity.id === id;
      const vClaims = versionOf(log, upsert('wf-claims'));
      const vCloud = versionOf(log, upsert('sup-cloud'));
      const vRemove = versionOf(log, (op) => op.op === 'REMOVE_DEPENDENCY');
      versionOf(log, (op) => op.op === 'ADD_DEPENDENCY' && op.from === 'wf-er');

      const where = `round ${round}: import v${vImport - v0}, claims v${vClaims - v0}, cloud v${vCloud - v0}, remove v${vRemove - v0}`;
      expect((await entity('wf-claims'))!.name, where).toBe(
        vClaims > vImport ? 'Claims (edit)' : 'Claims (import)',
      );
      expect((await entity('sup-cloud'))!.name, where).toBe(
        vCloud > vImport ? 'Cloud (edit)' : 'Stratus Cloud',
      );
      expect(await hasDependency('wf-dispense', 'svc-pbm'), where).toBe(vRemove < vImport);
      expect(await hasDependency('wf-er', 'svc-ch2'), where).toBe(true);
      await expectProjectionMatchesMap();
    }
  });
});

describe('a delete racing an import', () => {
  it('the import that references the deleted supplier: refused whole if the delete came first, else deleted with it', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      if (round > 0) {
        await resetDatabase(store);
        await importTemplate(store, handBuilt(), { actor: 'test' });
      }
      const v0 = await store.graphVersion();
      // A partial template: a new service of sup-ch1 (a reference), and claims depending on it.
      const t: Template = { ...handBuiltEmpty(), services: [], dependencies: [] };
      t.services.push({ id: 'svc-new', name: 'ClearPath v2 API', supplierId: 'sup-ch1', type: 'SOFTWARE' });
      t.dependencies.push({ from: 'wf-claims', to: 'svc-new' });
      let removed: string[] = [];
      let refused: unknown = null;
      const runs = [
        async () => {
          removed = await deleteEntity(store, 'sup-ch1', 'deleter');
        },
        async () => {
          await importTemplate(store, t, {
            actor: 'importer',
            source: `import-${round}`,
            snapshot: true,
          }).catch((err: unknown) => {
            refused = err;
          });
        },
      ];
      await Promise.all(rotate(runs, round).map((run) => run()));

      for (const id of ['sup-ch1', 'svc-ch1', 'svc-new']) expect(await entity(id), id).toBeNull();
      if (refused) {
        // The delete came first: the import's reference no longer held; it wrote nothing,
        // not even its version.
        expect(refused).toBeInstanceOf(StaleReferenceError);
        expect((refused as StaleReferenceError).references[0]).toMatchObject({
          table: 'services',
          row: 0,
          column: 'supplier_id',
          id: 'sup-ch1',
        });
        const log = await expectConsecutive(v0, 1);
        expect(log[0]!.ops).toEqual([{ op: 'DELETE_ENTITY', id: 'sup-ch1' }]);
        expect(removed.sort()).toEqual(['sup-ch1', 'svc-ch1']);
      } else {
        // The import came first: the delete took its new service too.
        const log = await expectConsecutive(v0, 2);
        const vImport = await importVersion(`import-${round}`);
        expect(vImport).toBe(v0 + 1);
        expect(log[1]!.ops).toEqual([{ op: 'DELETE_ENTITY', id: 'sup-ch1' }]);
        expect(removed.sort()).toEqual(['sup-ch1', 'svc-ch1', 'svc-new']);
      }
      expect(await hasDependency('wf-claims', 'svc-new')).toBe(false);
      await expectProjectionMatchesMap();
    }
  });

  it('the import that defines the supplier: it stands again if the import came last', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      if (round > 0) {
        await resetDatabase(store);
        await importTemplate(store, handBuilt(), { actor: 'test' });
      }
      const v0 = await store.graphVersion();
      const t: Template = handBuiltEmpty();
      t.suppliers.push({ id: 'sup-ch1', name: 'ClearPath (re-imported)', category: 'clearinghouse' });
      t.services.push({ id: 'svc-new', name: 'ClearPath v2 API', supplierId: 'sup-ch1', type: 'SOFTWARE' });
      let removed: string[] = [];
      const runs = [
        async () => {
          removed = await deleteEntity(store, 'sup-ch1', 'deleter');
        },
        () => importTemplate(store, t, { actor: 'importer', source: `import-${round}`, snapshot: true }),
      ];
      await Promise.all(rotate(runs, round).map((run) => run()));

      const log = await expectConsecutive(v0, 2);
      const vImport = await importVersion(`import-${round}`);
      const vDelete = versionOf(log, (op) => op.op === 'DELETE_ENTITY');
      // svc-ch1 goes either way (only the delete touches it).
      expect(await entity('svc-ch1')).toBeNull();
      if (vImport > vDelete) {
        expect(removed.sort()).toEqual(['sup-ch1', 'svc-ch1']);
        expect((await entity('sup-ch1'))!.name).toBe('ClearPath (re-imported)');
        expect((await entity('svc-new'))!.name).toBe('ClearPath v2 API');
      } else {
        expect(removed.sort()).toEqual(['sup-ch1', 'svc-ch1', 'svc-new']);
        expect(await entity('sup-ch1')).toBeNull();
        expect(await entity('svc-new')).toBeNull();
      }
      await expectProjectionMatchesMap();
    }
  });
});

describe('an edit whose endpoint is deleted between its checks and its write', () => {
  it('addDependency is NOT_FOUND and records nothing (it said "added" before)', async () => {
    const v0 = await store.graphVersion();
    racing.beforeNextWrite = async () => {
      await deleteEntity(store, 'svc-ch2', 'deleter');
    };
    const added = addDependency(racing, { from: 'wf-er', to: 'svc-ch2' }, 'editor');
    await expect(added).rejects.toBeInstanceOf(EditError);
    await expect(added).rejects.toMatchObject({ field: 'input.to', code: 'NOT_FOUND' });
    expect(racing.beforeNextWrite).toBeNull();
    const log = await expectConsecutive(v0, 1);
    expect(log[0]!.ops).toEqual([{ op: 'DELETE_ENTITY', id: 'svc-ch2' }]);
    const actions = await store.read(async (tx) =>
      (await tx.run("MATCH (e:AuditEvent) WHERE e.actor = 'editor' RETURN count(e) AS n")).records[0]!.get(
        'n',
      ),
    );
    expect(actions).toBe(0);
    await expectProjectionMatchesMap();
  });
});

describe('graphVersion under parallel writers', () => {
  it('strictly increases: one version per write, no duplicate, no gap; readers never see it go back', async () => {
    const v0 = await store.graphVersion();
    const N = 24;
    // Everyone renames the same supplier (contested: the last version's name stays), and
    // adds or removes edges of their own.
    const writes = Array.from({ length: N }, (_, i) => () => {
      switch (i % 3) {
        case 0:
          return upsertEntity(
            store,
            { id: 'sup-cloud', kind: 'SUPPLIER', name: `Cloud ${i}` },
            `writer-${i}`,
          );
        case 1:
          return addDependency(
            store,
            { from: 'wf-er', to: i % 2 ? 'svc-ch1' : 'svc-ch2', group: `g${i}` },
            `writer-${i}`,
          );
        default:
          return removeDependency(store, 'wf-er', i % 2 ? 'svc-ch1' : 'svc-ch2', `writer-${i}`);
      }
    });
    const seen: number[] = [];
    let writing = true;
    const reader = (async () => {
      while (writing) seen.push(await store.graphVersion());
    })();
    await Promise.all(writes.map((w) => w())).finally(() => {
      writing = false;
    });
    await reader;

    const log = await expectConsecutive(v0, N);
    for (let i = 1; i < seen.length; i++) expect(seen[i]!).toBeGreaterThanOrEqual(seen[i - 1]!);
    expect(seen.every((v) => v >= v0 && v <= v0 + N)).toBe(true);
    // Every rename has its own version, and the name that stayed is the latest one's.
    const renames = log.flatMap((c) =>
      (c.ops ?? []).flatMap((op) =>
        op.op === 'UPSERT_ENTITY' ? [{ version: c.version, name: op.entity.name }] : [],
      ),
    );
    expect(renames).toHaveLength(N / 3);
    expect((await entity('sup-cloud'))!.name).toBe(renames.at(-1)!.name);
    // Each edge of wf-er is there exactly when its latest add or remove was an add.
    for (const to of ['svc-ch1', 'svc-ch2']) {
      const last = log
        .flatMap((c) => (c.ops ?? []).map((op) => ({ version: c.version, op })))
        .filter(({ op }) => (op.op === 'ADD_DEPENDENCY' || op.op === 'REMOVE_DEPENDENCY') && op.to === to)
        .at(-1);
      expect(await hasDependency('wf-er', to), to).toBe(last?.op.op === 'ADD_DEPENDENCY');
    }
    await expectProjectionMatchesMap();
  });
});

describe('writes racing a staged import (above SMART_IMPORT_SINGLE_TX_ROWS)', () => {
  it('are refused with ImportInProgressError (CONFLICT in the API) and change nothing; the map is the import’s', async () => {
    const v0 = await store.graphVersion();
    const auditBefore = await auditCount();
    const t = renamed('staged');
    const newcomer: Template = handBuiltEmpty();
    newcomer.suppliers.push({ id: 'sup-racing', name: 'Imported meanwhile' });
    const racers: [string, () => Promise<unknown>][] = [
      [
        'upsertEntity',
        () => upsertEntity(store, { id: 'sup-cloud', kind: 'SUPPLIER', name: 'Cloud (edit)' }, 'racer'),
      ],
      ['addDependency', () => addDependency(store, { from: 'wf-er', to: 'svc-ch2' }, 'racer')],
      ['removeDependency', () => removeDependency(store, 'wf-dispense', 'svc-pbm', 'racer')],
      ['deleteEntity', () => deleteEntity(store, 'sup-ch1', 'racer')],
      ['a small import', () => importTemplate(store, newcomer, { actor: 'racer', snapshot: true })],
    ];
    const outcomes: [string, unknown][] = [];
    let batches = 0;
    await importTemplate(racing, t, {
      actor: 'importer',
      source: 'staged-import',
      snapshot: true,
      singleTransactionRows: 0,
      batchSize: 3,
      onProgress: () => {
        // After the import's second batch has committed, before its next write: the
        // journal exists and part of the template is in the map.
        if (++batches !== 2) return;
        racing.beforeNextWrite = async () => {
          for (const [name, write] of racers)
            outcomes.push([
              name,
              await write().then(
                () => 'written',
                (err: unknown) => err,
              ),
            ]);
        };
      },
    });
    expect(outcomes.map(([name]) => name)).toEqual(racers.map(([name]) => name));
    for (const [name, outcome] of outcomes) {
      expect(outcome, name).toBeInstanceOf(ImportInProgressError);
      expect((outcome as Error).message, name).toMatch(
        /^an import started at \S+ by importer \(staged-import\) is in progress; retry when it ends$/,
      );
    }
    // One version (the import's), and nothing of the refused writes.
    await expectConsecutive(v0, 1);
    expect(await importVersion('staged-import')).toBe(v0 + 1);
    for (const id of ['org-hosp', 'sup-ch1', 'svc-pbm', 'wf-claims', 'cf-pay'])
      expect((await entity(id))!.name, id).toMatch(/\(staged\)$/);
    expect((await entity('sup-cloud'))!.name).toBe('Stratus Cloud (staged)');
    expect(await hasDependency('wf-er', 'svc-ch2')).toBe(false);
    expect(await hasDependency('wf-dispense', 'svc-pbm')).toBe(true);
    expect(await entity('sup-racing')).toBeNull();
    expect(await auditCount()).toBe(auditBefore + 1);
    await expectProjectionMatchesMap();
  });
});

async function auditCount(): Promise<number> {
  return store.read(
    async (tx) => (await tx.run('MATCH (e:AuditEvent) RETURN count(e) AS n')).records[0]!.get('n') as number,
  );
}

function handBuiltEmpty(): Template {
  const t = handBuilt();
  for (const k of Object.keys(t) as (keyof Template)[]) (t[k] as unknown[]) = [];
  return t;
}
