// The staged import (DESIGN.md §8), which an import above SMART_IMPORT_SINGLE_TX_ROWS runs
// (these tests lower the threshold per call): while its journal exists other writes are
// refused and the graph version does not move; a failure part-way (after batches
// committed) rolls the map back from the snapshot before the error reaches the caller.
import { createHash } from 'node:crypto';
import { generateEcosystem } from '@smart/seed';
import neo4j from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resetDatabase, testStore } from '../../../test/support/neo4j';
import {
  ImportInProgressError,
  beginImport,
  countAll,
  createBackup,
  exportTemplate,
  importTemplate,
  lastImport,
  upsertEntity,
} from '../src';

const store = testStore();
const base = generateEcosystem({ entities: 600, seed: 7 });

beforeAll(async () => {
  await resetDatabase(store);
  await importTemplate(store, base, { actor: 'test' });
}, 120_000);
afterAll(() => store.close());

async function mapState() {
  const { auditEvents: _a, ...counts } = await countAll(store);
  const t = await exportTemplate(store);
  const text = JSON.stringify(
    Object.values(t).map((rows: unknown[]) => rows.map((r) => JSON.stringify(r)).sort()),
  );
  return { counts, hash: createHash('sha256').update(text).digest('hex') };
}

const journalCount = async () =>
  (await store.readRows<{ journal: unknown }>('queries/import/journal-read')).filter((r) => r.journal).length;

describe('a staged import', () => {
  it('refuses other writes while its journal exists, without moving the graph version', async () => {
    const version = await store.graphVersion();
    const journal = await beginImport(store, { actor: 'test', action: 'import', source: null });
    await journal.write(
      [
        {
          query: 'queries/import/create-suppliers',
          params: { rows: [{ id: 'sup-during', props: { name: 'Written during the import' } }] },
        },
      ],
      1,
      'writing',
    );
    // Analyses key their projection by the version: it has not moved.
    expect(await store.graphVersion()).toBe(version);
    await expect(
      upsertEntity(store, { kind: 'SUPPLIER', id: 'sup-edit', name: 'An edit meanwhile' }, 'root'),
    ).rejects.toThrow(ImportInProgressError);
    await expect(importTemplate(store, base, { actor: 'other', snapshot: true })).rejects.toThrow(
      /^an import started at \S+ by test is in progress; retry when it ends$/,
    );
    await journal.rollBack();
    expect(await journalCount()).toBe(0);
    // Nothing was snapshotted yet, so there was nothing to restore; the stray row is the
    // caller's (this test wrote it by hand): the journal alone is gone.
    await store.write(async (tx) => {
      await tx.run("MATCH (n:Entity {id: 'sup-during'}) DETACH DELETE n");
    });
    await upsertEntity(store, { kind: 'SUPPLIER', id: 'sup-edit', name: 'An edit after' }, 'root');
    await store.write(async (tx) => {
      await tx.run("MATCH (n:Entity {id: 'sup-edit'}) DETACH DELETE n");
    });
  });

  it('rolls the map back from its snapshot when a batch fails after others committed', async () => {
    const before = await mapState();
    const undo = await lastImport(store);
    const next = generateEcosystem({ entities: 600, seed: 8 });
    // Too long for the name index: Neo4j refuses this row when its batch is written, after
    // every batch before it has committed.
    const last = next.criticalFunctions.at(-1)!;
    last.name = 'x'.repeat(40_000);
    let written = 0;
    await expect(
      importTemplate(store, next, {
        actor: 'test',
        snapshot: true,
        singleTransactionRows: 0,
        batchSize: 100,
        onProgress: (done) => {
          written = done;
        },
      }),
    ).rejects.toThrow();
    // Every entity table before critical_functions had committed its batches.
    const earlier = ['organizations', 'suppliers', 'services', 'assets', 'workflows'] as const;
    expect(written).toBeGreaterThanOrEqual(earlier.reduce((n, t) => n + next[t].length, 0));
    expect(await mapState()).toEqual(before);
    expect(await journalCount()).toBe(0);
    // The failed import's snapshot went with it: undo still means the import before.
    expect((await lastImport(store)).snapshot?.id).toBe(undo.snapshot?.id);
    const [audit] = await store.readRows<{ action: string }>('queries/users/audit-events', {
      first: neo4j.int(1),
    });
    expect(audit?.action).toBe('import-rolled-back');
  });
});

describe('a backup during a staged import', () => {
  it('is refused: the map is half written while the version holds still', async () => {
    const journal = await beginImport(store, { actor: 'test', action: 'import', source: null });
    try {
      await expect(createBackup(store)).rejects.toThrow(
        'an import is under way: back up when it has finished',
      );
    } finally {
      await journal.rollBack();
    }
    expect((await createBackup(store)).counts.organizations).toBe(base.organizations.length);
  });
});
