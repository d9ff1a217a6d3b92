// The real `smart backup` and `smart restore` run as child processes against the test
// Neo4j: the backup file is the owner's alone and holds what the database holds; a
// restore refuses a non-empty database without --force and a corrupt file, changing
// nothing; with --force it brings the backed-up map and incidents back, and `import
// --undo` undoes it (the map and the incidents as they were before the restore).
// Few spawns: each costs a tsx start-up.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Template } from '@smart/domain';
import { emptyTemplate } from '@smart/domain';
import { closeIncident, declareIncident, exportTemplate, importTemplate, listIncidents } from '@smart/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handBuilt } from '../../../test/fixtures/hand-built';
import { countNodesAndRelationships, resetDatabase, testStore } from '../../../test/support/neo4j';
import { SPAWNS, runCli, shown } from './spawn-cli';

const store = testStore();
const dir = mkdtempSync(join(tmpdir(), 'smart-cli-backup-'));
const file = join(dir, 'smart-backup.json');
const corrupt = join(dir, 'corrupt.json');

beforeAll(async () => {
  await resetDatabase(store);
  await importTemplate(store, handBuilt(), { actor: 'test' });
  // Two incidents the backup must hold with their values: one open, one closed.
  await declareIncident(
    store,
    {
      name: 'Clearinghouse outage',
      failed: [{ id: 'sup-ch1', inoperability: 1 }],
      startedAt: '2026-11-28T06:00:00.000Z',
      expectedDurationHours: 36,
      note: 'vendor estimate',
    },
    'olga',
  );
  const closed = await declareIncident(
    store,
    {
      name: 'Partial outage',
      failed: [{ id: 'sup-ch1', inoperability: 0.4 }],
      startedAt: '2026-11-01T00:00:00.000Z',
      expectedDurationHours: null,
      note: null,
    },
    'pat',
  );
  await closeIncident(store, closed.id, '2026-11-02T08:30:00.000Z', 'pat');
}, 120_000);
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Every table's rows in a fixed order, so templates compare whatever order rows came in. */
function sorted(t: Template): Template {
  return Object.fromEntries(
    Object.entries(t).map(([table, rows]: [string, unknown[]]) => [
      table,
      [...rows].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1)),
    ]),
  ) as unknown as Template;
}

describe('smart backup and restore', SPAWNS, () => {
  it('backs up to an owner-only file holding what the database holds; restore refuses, then replaces and undoes', async () => {
    const original = sorted(await exportTemplate(store));
    const incidents = await listIncidents(store);
    expect(incidents.map((i) => [i.name, i.status, i.expectedDurationHours, i.endedAt, i.note])).toEqual([
      ['Clearinghouse outage', 'OPEN', 36, null, 'vendor estimate'],
      ['Partial outage', 'CLOSED', null, '2026-11-02T08:30:00.000Z', null],
    ]);

    const backup = await runCli(['backup', file]);
    expect(backup.code, shown(backup)).toBe(0);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    // JSON lines: a header, one line per row or node, a trailer with the counts.
    const lines = readFileSync(file, 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({ format: 'smart-graph-backup', version: 2 });
    const template = emptyTemplate();
    for (const l of lines) if (l.t) (template[l.t as keyof Template] as unknown[]).push(l.r);
    const held = { counts: lines.at(-1).counts as Record<string, number>, template };
    expect(held.counts).toMatchObject({
      organizations: original.organizations.length,
      suppliers: original.suppliers.length,
      services: original.services.length,
      assets: original.assets.length,
      workflows: original.workflows.length,
      criticalFunctions: original.criticalFunctions.length,
      dependencies: original.dependencies.length,
      workflowFunctions: original.workflowFunctions.length,
    });
    expect(sorted(held.template)).toEqual(original);
    expect(held.counts.incidents).toBe(2);
    expect(
      lines
        .filter((l) => l.n === 'incidents')
        .map((l) => [l.r.name, l.r.status, l.r.endedAt ?? null])
        .sort(),
    ).toEqual([
      ['Clearinghouse outage', 'OPEN', null],
      ['Partial outage', 'CLOSED', '2026-11-02T08:30:00.000Z'],
    ]);
    const entities = 2 + 4 + 4 + 0 + 4 + 2;
    expect(backup.stdout).toContain(`Backed up ${entities} entities, 5 dependencies`);
    expect(backup.stdout).toContain('2 incidents');

    // a later change the restore will take away
    const added = emptyTemplate();
    added.suppliers.push({ id: 'sup-later', name: 'Added after the backup', category: 'cloud' });
    await importTemplate(store, added, { actor: 'test' });
    // and incidents changed since: the open one closed, a new one declared
    await closeIncident(store, incidents[0]!.id, '2026-11-29T18:00:00.000Z', 'olga');
    await declareIncident(
      store,
      {
        name: 'Declared after the backup',
        failed: [{ id: 'sup-later', inoperability: 1 }],
        startedAt: '2026-11-30T00:00:00.000Z',
        expectedDurationHours: 4,
        note: null,
      },
      'olga',
    );
    const changedIncidents = await listIncidents(store);
    expect(changedIncidents).toHaveLength(3);
    const changed = sorted(await exportTemplate(store));
    expect(changed.suppliers.map((s) => s.id)).toContain('sup-later');
    const before = await countNodesAndRelationships(store);

    writeFileSync(corrupt, readFileSync(file, 'utf8').slice(0, 200));
    const [refused, broken] = await Promise.all([
      runCli(['restore', file]),
      runCli(['restore', corrupt, '--force']),
    ]);
    expect(refused.code, shown(refused)).toBe(1);
    expect(refused.stderr).toContain('the database is not empty');
    expect(refused.stderr).toContain('--force');
    expect(broken.code, shown(broken)).toBe(1);
    expect(broken.stderr).toContain('line 2 of the backup is not JSON: the file is damaged or cut short');
    for (const r of [refused, broken]) expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(await countNodesAndRelationships(store)).toEqual(before);
    expect(sorted(await exportTemplate(store))).toEqual(changed);

    const restored = await runCli(['restore', file, '--force']);
    expect(restored.code, shown(restored)).toBe(0);
    expect(restored.stdout).toContain(`Restored and verified ${entities} entities, 5 dependencies`);
    expect(restored.stdout).toContain('2 incidents');
    expect(sorted(await exportTemplate(store))).toEqual(original);
    expect(await listIncidents(store)).toEqual(incidents);

    // the restore kept an undo snapshot of the map and incidents it replaced
    const undo = await runCli(['import', '--undo']);
    expect(undo.code, shown(undo)).toBe(0);
    expect(sorted(await exportTemplate(store))).toEqual(changed);
    expect(await listIncidents(store)).toEqual(changedIncidents);
  });
});
