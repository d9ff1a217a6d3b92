import { createHash } from 'node:crypto';
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Template } from '@smart/domain';
import { generateEcosystem } from '@smart/seed';
import {
  type JournalInfo,
  countAll,
  cypher,
  exportTemplate,
  importTemplate,
  recoverInterruptedImport,
} from '@smart/store';
import { writeTemplate } from '@smart/templates';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resetDatabase, testStore } from '../../../test/support/neo4j';
import { cliKilledAt, rng, sortedRows } from './killed-cli';
import { SPAWNS, runCli, shown } from './spawn-cli';

const store = testStore();
const dir = mkdtempSync(join(tmpdir(), 'smart-import-kill-'));
const ENTITIES = 2_500;
const base = generateEcosystem({ entities: ENTITIES, seed: 1 });
const next = generateEcosystem({ entities: ENTITIES, seed: 2 });
const nextDir = join(dir, 'next');
// Small batches, so a kill can land between many commits.
const BATCH = '500';
/** Every import of these tests is staged, however small (the one-transaction path has its own kill test). */
const STAGED = { SMART_IMPORT_SINGLE_TX_ROWS: '0', SMART_IMPORT_BATCH_SIZE: BATCH };

beforeAll(async () => {
  await resetDatabase(store);
  await importTemplate(store, base, { actor: 'test' });
  await writeTemplate(next, nextDir, { format: 'csv' });
}, 240_000);
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const sorted = sortedRows;

const rowsOf = (t: Template) => Object.values(t).reduce((n, rows: unknown[]) => n + rows.length, 0);

/** The map's counts (entities per kind, dependencies, function links) and a hash of its content. */
async function mapState() {
  const { auditEvents: _a, ...counts } = await countAll(store);
  const content = JSON.stringify(sorted(await exportTemplate(store)));
  return { counts, hash: createHash('sha256').update(content).digest('hex') };
}

async function journal(): Promise<JournalInfo | null> {
  const [r] = await store.read(async (tx) => (await tx.run(cypher('queries/import/journal-read'))).records);
  return (r?.get('journal') as JournalInfo | null) ?? null;
}

const importKilledAt = (args: string[], at: number) => cliKilledAt(args, at, journal, STAGED);

describe('a staged import killed at any point leaves the map as it was', SPAWNS, () => {
  const seed = Number(process.env.SMART_KILL_SEED ?? 20_251_011);
  const random = rng(seed);
  const total = rowsOf(next);
  // One kill as soon as the journal exists (snapshot phase), the others at random rows.
  // (The last batches and the commit can pass between two polls on a loaded machine, so
  // the random points stop at 70 % of the rows.)
  const points = [0, ...[1, 2, 3].map(() => 1 + Math.floor(random() * 0.7 * total))];

  it(`kill points ${points.join(', ')} of ${total} rows (seed ${seed}), merge and replace; then an import completes`, async () => {
    const before = await mapState();
    const version = await store.graphVersion();
    for (const [i, at] of points.entries()) {
      const args = ['import', nextDir, ...(i % 2 ? ['--replace'] : [])];
      const run = await importKilledAt(args, at);
      const where = `seed ${seed}, kill at ${at} (${args.join(' ')}): ${run.out}`;
      expect(run.killed, where).toBe(true);
      expect(run.journal!.written, where).toBeGreaterThanOrEqual(at);
      // The journal names the whole size, which the Import page's progress shows.
      expect(run.journal!.total, where).toBe(total);
      // The next start's recovery: the import's process is gone, so it is rolled back.
      const recovery = await recoverInterruptedImport(store);
      expect(recovery?.rolledBack, where).toBe(true);
      expect(await mapState(), where).toEqual(before);
      expect(await journal(), where).toBeNull();
      // Its snapshot went with it, chunks included.
      const [left] = await store.readRows<{ n: number }>('queries/snapshot/count-chunks', {
        id: run.journal!.snapshot,
      });
      expect(left!.n, where).toBe(0);
    }
    // Analyses never saw a version of the half-written map.
    expect(await store.graphVersion()).toBeGreaterThan(version);

    // Killed once more, the next `smart import` rolls back at its start and completes.
    const run = await importKilledAt(['import', nextDir, '--replace'], Math.floor(total / 2));
    expect(run.killed, run.out).toBe(true);
    const done = await runCli(['import', nextDir, '--replace'], { env: STAGED });
    expect(done.code, shown(done)).toBe(0);
    expect(done.stderr).toContain('was rolled back: the map is as it was before it');
    expect(done.stdout).toContain(`Imported ${total} rows.`);
    expect(sorted(await exportTemplate(store))).toEqual(sorted(next));
    expect(await journal()).toBeNull();
  });

  it('a template with one bad row at the very end writes nothing and says where', async () => {
    const before = await mapState();
    const version = await store.graphVersion();
    const bad = join(dir, 'bad');
    await writeTemplate(next, bad, { format: 'csv' });
    const deps = join(bad, 'dependencies.csv');
    const lines = readFileSync(deps, 'utf8').trimEnd().split('\n').length;
    appendFileSync(deps, `${next.dependencies[0]!.from},no-such-entity,,,,,\n`);
    const r = await runCli(['import', bad, '--replace'], { env: STAGED });
    expect(r.code, shown(r)).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`dependencies\\.csv:${lines + 1}(:|, )`));
    expect(r.stderr).toContain('no-such-entity');
    expect(r.stderr).toContain('Nothing was imported');
    expect(await mapState()).toEqual(before);
    expect(await store.graphVersion()).toBe(version);
  });
});
