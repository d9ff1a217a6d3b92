// A restore above SMART_IMPORT_SINGLE_TX_ROWS is staged (issue 11 item 5): written a batch
// per transaction under the import journal, with an undo snapshot of the map AND of the
// records it replaces taken first. Here the threshold is 0 and the batches tiny, so even
// the hand-built map is written in many transactions: the result is the one-transaction
// restore's (same counts, same content), `import --undo` brings the map and records back,
// and a restore refused mid-way (after batches committed) or a damaged backup leaves the
// database as it was, rolled back from the snapshot.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { handBuilt } from '../../../test/fixtures/hand-built';
import { resetDatabase, testStore } from '../../../test/support/neo4j';
import {
  type Backup,
  type BackupCounts,
  ImportInProgressError,
  backupToFile,
  beginImport,
  countAll,
  createBackup,
  createUser,
  declareIncident,
  importUnderWay,
  importTemplate,
  restoreBackup,
  restoreFromFile,
  revokeTokenId,
  saveScenario,
  undoLastImport,
  upsertEntity,
} from '../src';

const store = testStore();
let dir = '';
afterAll(async () => {
  await store.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const HOUR = 3_600_000;
/** Staged whatever the size, two rows per transaction. */
const STAGED = { singleTransactionRows: 0, batchSize: 2 } as const;

async function seed(): Promise<void> {
  await resetDatabase(store);
  await importTemplate(store, handBuilt(), { actor: 'seed' });
  await createUser(store, { username: 'olga', role: 'ANALYST', password: 'olga password 1' }, 'root');
  await saveScenario(store, {
    name: 'Clearinghouse down',
    failed: [{ id: 'sup-ch1', inoperability: 1 }],
    durationHours: 24,
    model: 'DISCRETE',
    notes: null,
    author: 'olga',
  });
  await declareIncident(
    store,
    {
      name: 'In the backup',
      failed: [{ id: 'sup-ch1', inoperability: 1 }],
      startedAt: '2026-11-28T06:00:00.000Z',
      expectedDurationHours: 24,
      note: null,
    },
    'olga',
  );
  await revokeTokenId(store, 'jti-before-backup', 'root', Date.now() + 24 * HOUR);
}

/** The live database moves on after the backup: a user, an incident, a supplier the backup lacks. */
async function moveOn(): Promise<void> {
  await createUser(store, { username: 'newer', role: 'VIEWER', password: 'newer password' }, 'root');
  await declareIncident(
    store,
    {
      name: 'After the backup',
      failed: [{ id: 'sup-ch1', inoperability: 0.5 }],
      startedAt: '2026-11-29T06:00:00.000Z',
      expectedDurationHours: null,
      note: null,
    },
    'olga',
  );
  await upsertEntity(store, { kind: 'SUPPLIER', id: 'sup-after-backup', name: 'After the backup' }, 'root');
}

// Not content: the version and change log (every write moves them), the undo snapshots,
// and the audit events of the restores, undos and rollbacks themselves.
const SKIP = `NOT (n:GraphMeta OR n:Change OR n:ImportSnapshot OR n:ImportSnapshotChunk)
  AND NOT (n:AuditEvent AND n.action IN ['restore', 'undo-import', 'import-rolled-back'])`;

/**
 * The content of the database as text (every node's labels and typed properties, every
 * relationship with its endpoints' keys and properties), sorted and hashed, and the counts.
 */
async function contentHash(): Promise<{
  counts: Omit<BackupCounts, 'auditEvents'>;
  digest: string;
  lines: number;
}> {
  const lines = await store.read(async (tx) => {
    const nodes = await tx.run(
      `MATCH (n) WHERE ${SKIP}
       WITH n, [k IN keys(n) | k + '=' + valueType(n[k]) + ':' + CASE WHEN valueType(n[k]) STARTS WITH 'LIST' THEN '[' + reduce(s = '', i IN n[k] | s + toString(i) + ',') + ']' ELSE toString(n[k]) END] AS props
       RETURN reduce(s = '', l IN labels(n) | s + ':' + l) + ' ' + reduce(s = '', p IN props | s + p + ';') AS line`,
    );
    const rels = await tx.run(
      `MATCH (a)-[r]->(b)
       WITH a, r, b, [k IN keys(r) | k + '=' + valueType(r[k]) + ':' + CASE WHEN valueType(r[k]) STARTS WITH 'LIST' THEN '[' + reduce(s = '', i IN r[k] | s + toString(i) + ',') + ']' ELSE toString(r[k]) END] AS props
       RETURN coalesce(a.id, a.username, a.key, '?') + ' -' + type(r) + '-> ' +
              coalesce(b.id, b.username, b.key, '?') + ' ' + reduce(s = '', p IN props | s + p + ';') AS line`,
    );
    return [...nodes.records, ...rels.records].map((r) => r.get('line') as string);
  });
  const sorted = lines.map((l) => l.split(';').sort().join(';')).sort();
  const { auditEvents: _a, ...counts } = await countAll(store);
  return {
    counts,
    digest: createHash('sha256').update(sorted.join('\n')).digest('hex'),
    lines: lines.length,
  };
}

const clone = (b: Backup): Backup => JSON.parse(JSON.stringify(b)) as Backup;

describe('a staged restore', () => {
  let backup: Backup;
  beforeEach(async () => {
    await seed();
    backup = await createBackup(store);
    await moveOn();
  });

  it('writes what the one-transaction restore writes (counts and content), in many transactions', async () => {
    const oneTx = await restoreBackup(store, backup, { actor: 't', force: true });
    const afterOneTx = await contentHash();
    const auditOneTx = (await countAll(store)).auditEvents;

    // The database moves on again (the same revocations: a restore merges those).
    await moveOn();
    const progress: number[] = [];
    const staged = await restoreBackup(store, backup, {
      actor: 't',
      force: true,
      ...STAGED,
      onProgress: (written) => {
        progress.push(written);
      },
    });
    // Every line of the backup written, at most two rows per transaction.
    const lines = Object.values(backup.counts).reduce((n, c) => n + c, 0);
    expect(progress.at(-1)).toBe(lines);
    expect(progress.length).toBeGreaterThanOrEqual(lines / 2);
    expect(staged.counts).toEqual(oneTx.counts);
    expect(staged.counts.auditEvents).toBe(backup.counts.auditEvents + 1);
    expect((await countAll(store)).auditEvents).toBe(auditOneTx);
    expect(await contentHash()).toEqual(afterOneTx);
    expect(await importUnderWay(store)).toBeNull();
  });

  it('keeps an undo snapshot of the map and the records: undo brings back the database as it was', async () => {
    const before = await contentHash();
    expect(before.lines).toBeGreaterThan(30);
    const result = await restoreBackup(store, backup, { actor: 't', force: true, ...STAGED });
    const restored = await contentHash();
    expect(restored.digest).not.toEqual(before.digest);
    expect(restored.counts.users).toBe(1);
    const undo = await undoLastImport(store, { actor: 't' });
    expect(undo.undone.action).toBe('restore');
    expect(undo.undone.id).toBe(result.snapshotId);
    expect(await contentHash()).toEqual(before);
  });

  it('refused by its counts after every batch was written: rolled back, nothing changed', async () => {
    const before = await contentHash();
    const bad = clone(backup);
    bad.counts.suppliers += 1;
    await expect(restoreBackup(store, bad, { actor: 't', force: true, ...STAGED })).rejects.toThrow(
      /nothing was restored: the restored database differs from the backup: suppliers/,
    );
    expect(await contentHash()).toEqual(before);
    expect(await importUnderWay(store)).toBeNull();
  });

  it('refused by a uniqueness rule near the end: rolled back, nothing changed', async () => {
    const before = await contentHash();
    const bad = clone(backup);
    bad.nodes.users.push(bad.nodes.users[0]!);
    bad.counts.users += 1;
    await expect(restoreBackup(store, bad, { actor: 't', force: true, ...STAGED })).rejects.toThrow(
      /nothing was restored: the backup breaks a uniqueness rule/,
    );
    expect(await contentHash()).toEqual(before);
  });

  it('a damaged line near the end, or no trailer, is refused before anything is written', async () => {
    dir = await mkdtemp(join(tmpdir(), 'smart-restore-staged-'));
    const file = join(dir, 'whole.json.gz');
    await backupToFile(store, file);
    const lines = gunzipSync(readFileSync(file)).toString('utf8').trimEnd().split('\n');
    const before = await contentHash();
    const version = await store.graphVersion();
    const damaged = join(dir, 'damaged.json.gz');
    writeFileSync(damaged, gzipSync([...lines.slice(0, -2), '{"n":"users"', lines.at(-1)].join('\n')));
    await expect(restoreFromFile(store, damaged, { actor: 't', force: true, ...STAGED })).rejects.toThrow(
      `line ${lines.length - 1} of the backup is not JSON`,
    );
    const cut = join(dir, 'cut.json.gz');
    writeFileSync(cut, gzipSync(lines.slice(0, -1).join('\n')));
    await expect(restoreFromFile(store, cut, { actor: 't', force: true, ...STAGED })).rejects.toThrow(
      /without its trailer/,
    );
    expect(await contentHash()).toEqual(before);
    expect(await store.graphVersion()).toBe(version);
    // The whole file restores.
    await restoreFromFile(store, file, { actor: 't', force: true, ...STAGED });
    expect(await contentHash()).toEqual(before);
  });

  it('refuses other writes to the map while it runs (CONFLICT), and they change nothing', async () => {
    let refused: unknown;
    let tried = false;
    await restoreBackup(store, backup, {
      actor: 't',
      force: true,
      ...STAGED,
      onProgress: async () => {
        if (tried) return;
        tried = true;
        refused = await upsertEntity(
          store,
          { kind: 'SUPPLIER', id: 'sup-during', name: 'During' },
          'root',
        ).catch((err: unknown) => err);
      },
    });
    expect(refused).toBeInstanceOf(ImportInProgressError);
    const left = await store.read(
      async (tx) => (await tx.run("MATCH (e:Entity {id: 'sup-during'}) RETURN count(e) AS n")).records,
    );
    expect(left[0]!.get('n')).toBe(0);
  });

  it('is refused while another staged import is under way', async () => {
    const other = await beginImport(store, { actor: 'other', action: 'import', source: null });
    await expect(restoreBackup(store, backup, { actor: 't', force: true, ...STAGED })).rejects.toBeInstanceOf(
      ImportInProgressError,
    );
    await other.rollBack();
    expect(await importUnderWay(store)).toBeNull();
  });
});
