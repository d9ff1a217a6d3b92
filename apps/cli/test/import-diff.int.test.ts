// Review before apply (issue 13 item 4): `import --dry-run` gives the diff against the
// map (added, changed field by field, removed, conflicts with what other contributors'
// submissions asserted) and writes nothing. Values by hand on the hand-built map, which
// Riverside General submitted on 2026-01-10.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkSubmission, entitiesByIds, importTemplate } from '@smart/store';
import { writeTemplate } from '@smart/templates';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handBuilt } from '../../../test/fixtures/hand-built';
import { resetDatabase, testStore } from '../../../test/support/neo4j';
import { importPath } from '../src/commands/import';

const store = testStore();
const dir = mkdtempSync(join(tmpdir(), 'smart-diff-'));
const folder = join(dir, 'next');

beforeAll(async () => {
  await resetDatabase(store);
  await importTemplate(store, handBuilt(), {
    actor: 'test',
    submission: checkSubmission({ contributor: 'Riverside General', date: '2026-01-10' }, 'test'),
  });
  // The next version of the map: wf-claims holds 12 h instead of 24, a new supplier, the
  // eligibility check's second clearinghouse at half strength with a confidence, wf-er
  // gone, and the PBM switch no longer on the cloud.
  const t = handBuilt();
  t.workflows.find((w) => w.id === 'wf-claims')!.toleranceHours = 12;
  t.suppliers.push({ id: 'sup-new', name: 'NewCo' });
  Object.assign(t.dependencies.find((d) => d.from === 'wf-elig' && d.to === 'svc-ch2')!, {
    strength: 0.5,
    confidence: 0.8,
  });
  t.workflows = t.workflows.filter((w) => w.id !== 'wf-er');
  t.workflowFunctions = t.workflowFunctions.filter((l) => l.workflowId !== 'wf-er');
  t.dependencies = t.dependencies.filter((d) => !(d.from === 'svc-pbm' && d.to === 'svc-cloud'));
  await writeTemplate(t, folder, { format: 'csv' });
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('import --dry-run: the review', () => {
  it('lists what is added, changed field by field and removed, and the conflicts with another contributor', async () => {
    const out = await importPath(store, folder, {
      quiet: true,
      dryRun: true,
      replace: true,
      submission: { contributor: 'ClearPath', date: '2026-03-01' },
    });
    expect(out.ok).toBe(true);
    expect(out.diff).toEqual({
      entities: {
        added: [{ id: 'sup-new', kind: 'SUPPLIER' }],
        changed: [
          { id: 'wf-claims', kind: 'WORKFLOW', fields: [{ field: 'toleranceHours', before: 24, after: 12 }] },
        ],
        removed: [{ id: 'wf-er', kind: 'WORKFLOW' }],
      },
      dependencies: {
        added: [],
        changed: [
          {
            from: 'wf-elig',
            to: 'svc-ch2',
            fields: [
              { field: 'confidence', before: null, after: 0.8 },
              { field: 'strength', before: 1, after: 0.5 },
            ],
          },
        ],
        removed: [{ from: 'svc-pbm', to: 'svc-cloud' }],
      },
      conflicts: [
        {
          target: 'wf-claims',
          change: 'CHANGED',
          assertedBy: [expect.objectContaining({ contributor: 'Riverside General', date: '2026-01-10' })],
        },
        {
          target: 'wf-elig → svc-ch2',
          change: 'CHANGED',
          assertedBy: [expect.objectContaining({ contributor: 'Riverside General' })],
        },
        {
          target: 'wf-er',
          change: 'REMOVED',
          assertedBy: [expect.objectContaining({ contributor: 'Riverside General' })],
        },
        {
          target: 'svc-pbm → svc-cloud',
          change: 'REMOVED',
          assertedBy: [expect.objectContaining({ contributor: 'Riverside General' })],
        },
      ],
    });
    // The summary counts agree with the diff, and nothing was written.
    expect(out.summary!.byKind.WORKFLOW).toEqual({ created: 0, updated: 1, removed: 1 });
    expect(out.summary!.byKind.DEPENDENCY).toEqual({ created: 0, updated: 1, removed: 1 });
    expect([...(await entitiesByIds(store, ['wf-er', 'sup-new'])).keys()]).toEqual(['wf-er']);
  });

  it('the contributor’s own earlier submission is no conflict; a real run has no diff', async () => {
    const own = await importPath(store, folder, {
      quiet: true,
      dryRun: true,
      replace: true,
      submission: { contributor: 'Riverside General' },
    });
    expect(own.diff!.conflicts).toEqual([]);
    expect(own.diff!.entities.changed).toHaveLength(1);
    const real = await importPath(store, folder, { quiet: true, replace: true });
    expect(real.ok).toBe(true);
    expect(real.diff).toBeUndefined();
  });
});
