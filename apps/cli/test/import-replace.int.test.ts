// `smart import` with --replace on a folder: refused while tables are missing (a
// header-only file counts as present), accepted with --allow-empty, exact --dry-run,
// and `import --undo` restoring the map.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importTemplate } from '@smart/store';
import { writeTemplate } from '@smart/templates';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { handBuilt } from '../../../test/fixtures/hand-built';
import { countNodesAndRelationships, resetDatabase, testStore } from '../../../test/support/neo4j';
import { importPath, parseAllowEmpty, undoImport } from '../src/commands/import';

const store = testStore();
const dirs: string[] = [];
afterAll(async () => {
  await store.close();
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});
beforeEach(async () => {
  await resetDatabase(store);
  await importTemplate(store, handBuilt(), { actor: 'seed' });
});

async function folder(files: 'all' | 'no-dependencies'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'cli-replace-'));
  dirs.push(dir);
  const t = handBuilt();
  t.workflows.pop();
  t.workflowFunctions = t.workflowFunctions.filter((l) => l.workflowId !== 'wf-er');
  t.dependencies = t.dependencies.filter((d) => d.from !== 'wf-er' && d.to !== 'wf-er');
  await writeTemplate(t, dir, { format: 'csv' });
  if (files === 'no-dependencies') await rm(join(dir, 'dependencies.csv'));
  return dir;
}

describe('smart import --replace', () => {
  it('refuses a folder without dependencies.csv, saying how to allow it, and writes nothing', async () => {
    const before = await countNodesAndRelationships(store);
    const r = await importPath(store, await folder('no-dependencies'), { replace: true, quiet: true });
    expect(r.ok).toBe(false);
    expect(r.problems[0]!.message).toContain('has no dependencies.csv');
    expect(r.problems[0]!.message).toContain('--allow-empty dependencies');
    expect(await countNodesAndRelationships(store)).toEqual(before);
  });

  it('with --allow-empty dependencies removes them; --dry-run said so first', async () => {
    const dir = await folder('no-dependencies');
    const allowEmpty = parseAllowEmpty(['dependencies']);
    const dry = await importPath(store, dir, { replace: true, allowEmpty, dryRun: true, quiet: true });
    const real = await importPath(store, dir, { replace: true, allowEmpty, quiet: true });
    expect(real.ok).toBe(true);
    expect(real.summary!.byKind.DEPENDENCY.removed).toBe(handBuilt().dependencies.length);
    expect(dry.summary!.byKind).toEqual(real.summary!.byKind);
  });

  it('import --undo restores the map, then has nothing left to undo', async () => {
    const before = await countNodesAndRelationships(store);
    await importPath(store, await folder('all'), { replace: true, quiet: true });
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const err = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      expect(await undoImport(store, false)).toBe(0);
      expect(log.mock.calls[0]![0]).toMatch(/^Undid the import-replace by cli:/);
      const after = await countNodesAndRelationships(store);
      // The same map; the import's and the undo's audit events are new.
      expect(after).toEqual({ nodes: before.nodes + 2, relationships: before.relationships });
      expect(await undoImport(store, false)).toBe(1);
      expect(err.mock.calls[0]![0]).toContain('there is no import to undo');
    } finally {
      log.mockRestore();
      err.mockRestore();
    }
  });
});
