import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateEcosystem } from '@smart/seed';
import {
  backupToFile,
  countAll,
  createUser,
  declareIncident,
  exportTemplate,
  importTemplate,
  importUnderWay,
  readSystemNodes,
  recoverInterruptedImport,
} from '@smart/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resetDatabase, testStore } from '../../../test/support/neo4j';
import { canon, cliKilledAt, rng, sortedRows } from './killed-cli';
import { SPAWNS, runCli, shown } from './spawn-cli';

const store = testStore();
const dir = mkdtempSync(join(tmpdir(), 'smart-restore-kill-'));
const file = join(dir, 'next.json.gz');
const base = generateEcosystem({ entities: 1_500, seed: 1 });
const next = generateEcosystem({ entities: 1_500, seed: 2 });
/** Every restore here is staged, in batches of 200 rows, so a kill lands between many commits. */
const STAGED = { SMART_IMPORT_SINGLE_TX_ROWS: '0', SMART_IMPORT_BATCH_SIZE: '200' };
let backupRows = 0;

beforeAll(async () => {
  // The backup: another map, with its own user and incident.
  await resetDatabase(store);
  await importTemplate(store, next, { actor: 'test' });
  await createUser(store, { username: 'in-backup', role: 'VIEWER', password: 'in backup password' }, 'root');
  const summary = await backupToFile(store, file);
  backupRows = Object.values(summary.counts).reduce((n, c) => n + c, 0);
  // The live database it replaces.
  await resetDatabase(store);
  await importTemplate(store, base, { actor: 'test' });
  await createUser(store, { username: 'live', role: 'ANALYST', password: 'live password 1' }, 'root');
  await declareIncident(
    store,
    {
      name: 'Live incident',
      failed: [{ id: base.suppliers[0]!.id, inoperability: 1 }],
      startedAt: '2026-11-28T06:00:00.000Z',
      expectedDurationHours: 24,
      note: null,
    },
    'live',
  );
}, 240_000);
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const sorted = sortedRows;
const hash = (x: unknown) => createHash('sha256').update(JSON.stringify(x)).digest('hex');

/**
 * The database's counts and content: the map, and the records (every system node but the
 * audit events of the rollbacks themselves), hashed.
 */
async function state() {
  const { auditEvents: _a, ...counts } = await countAll(store);
  const nodes = await readSystemNodes(store);
  nodes.auditEvents = nodes.auditEvents!.filter((e) => e.action !== 'import-rolled-back');
  const records = Object.fromEntries(Object.entries(nodes).map(([k, list]) => [k, list!.map(canon).sort()]));
  return {
    counts,
    audit: nodes.auditEvents.length,
    map: hash(sorted(await exportTemplate(store))),
    records: hash(records),
  };
}

const restoreKilledAt = (at: number) =>
  cliKilledAt(['restore', file, '--force'], at, () => importUnderWay(store), STAGED);

describe('a staged restore killed at any point leaves the database as it was', SPAWNS, () => {
  const seed = Number(process.env.SMART_KILL_SEED ?? 20_261_203);
  const random = rng(seed);

  it(`kill points from seed ${seed}; then a restore completes`, async () => {
    // One kill as soon as the journal exists (the snapshot), the others at random rows
    // (up to 70 %: the last batches and the commit can pass between two polls).
    const points = [0, ...[1, 2, 3].map(() => 1 + Math.floor(random() * 0.7 * backupRows))];
    const before = await state();
    for (const at of points) {
      const run = await restoreKilledAt(at);
      const where = `seed ${seed}, kill at ${at} of ${backupRows}: ${run.out}`;
      expect(run.killed, where).toBe(true);
      expect(run.journal!.action, where).toBe('restore');
      expect(run.journal!.total, where).toBe(backupRows);
      const recovery = await recoverInterruptedImport(store);
      expect(recovery?.rolledBack, where).toBe(true);
      expect(await state(), where).toEqual(before);
      expect(await importUnderWay(store), where).toBeNull();
      const [left] = await store.readRows<{ n: number }>('queries/snapshot/count-chunks', {
        id: run.journal!.snapshot,
      });
      expect(left!.n, where).toBe(0);
    }

    // Killed once more, the next `smart restore` rolls back at its start and completes.
    const run = await restoreKilledAt(Math.floor(backupRows / 2));
    expect(run.killed, run.out).toBe(true);
    const done = await runCli(['restore', file, '--force'], { env: STAGED });
    expect(done.code, shown(done)).toBe(0);
    expect(done.stderr).toContain('was rolled back: the map is as it was before it');
    expect(done.stdout).toContain('Restored and verified');
    expect(sorted(await exportTemplate(store))).toEqual(sorted(next));
    const users = await store.readRows<{ username: string }>('queries/users/list');
    expect(users.map((u) => u.username)).toEqual(['in-backup']);
    expect(await importUnderWay(store)).toBeNull();
  });
});
