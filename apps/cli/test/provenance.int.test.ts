// Submissions and provenance (issue 13 item 3) against the real Neo4j, through the
// CLI's import and export (in process): an import recorded as a submission asserts
// every row of its template; a second submission adds itself to what it repeats and
// confirms it later; a plain re-import keeps provenance (and counts nothing updated);
// a staged import records it the same way; a dry run records nothing; a merge moves it
// to the survivor; and provenance survives export → import of a CSV folder.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emptyTemplate } from '@smart/domain';
import {
  checkSubmission,
  dependencyKey,
  dependencyProvenance,
  entityProvenance,
  exportProvenance,
  importTemplate,
  mergeEntities,
  undoLastImport,
  undoMerge,
  upsertEntity,
} from '@smart/store';
import { writeTemplate } from '@smart/templates';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { handBuilt } from '../../../test/fixtures/hand-built';
import { resetDatabase, testStore } from '../../../test/support/neo4j';
import { exportPath } from '../src/commands/export';
import { importPath } from '../src/commands/import';

const store = testStore();
const dir = mkdtempSync(join(tmpdir(), 'smart-provenance-'));

beforeEach(async () => {
  await resetDatabase(store);
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Who asserted each id, as "contributor@date" lists. */
async function assertedBy(ids: string[]): Promise<Record<string, string[]>> {
  const p = await entityProvenance(store, ids);
  return Object.fromEntries(
    ids.map((id) => [id, (p.get(id) ?? []).map((r) => `${r.submission.contributor}@${r.assertedAt}`)]),
  );
}
const confirmed = async (id: string) =>
  (await entityProvenance(store, [id])).get(id)?.[0]?.confirmedAt ?? null;

/** A second submission: the clearinghouse, one of its services and the claims dependency on it. */
function followUp() {
  const t = emptyTemplate();
  const hand = handBuilt();
  t.suppliers.push(hand.suppliers.find((s) => s.id === 'sup-ch1')!);
  t.services.push(hand.services.find((s) => s.id === 'svc-ch1')!);
  t.dependencies.push({ from: 'wf-claims', to: 'svc-ch1' });
  return t;
}

describe('submissions', () => {
  it('an import recorded as a submission asserts each row; a later one adds itself and confirms what it repeats', async () => {
    const folder = join(dir, 'hand');
    await writeTemplate(handBuilt(), folder, { format: 'csv' });
    const first = await importPath(store, folder, {
      quiet: true,
      submission: {
        contributor: 'Riverside General',
        contact: 'cio@riverside.example',
        date: '2026-01-10',
        note: 'Q1 survey',
      },
    });
    expect(first.ok).toBe(true);
    expect(first.summary!.submissionId).toMatch(/^sub-2026-01-10-/);
    const second = await importTemplate(store, followUp(), {
      actor: 'test',
      submission: checkSubmission({ contributor: 'ClearPath', date: '2026-03-01' }, 'test'),
    });
    expect(second.submissionId).toMatch(/^sub-2026-03-01-/);

    expect(await assertedBy(['sup-ch1', 'svc-ch1', 'sup-cloud', 'wf-er'])).toEqual({
      'sup-ch1': ['Riverside General@2026-01-10', 'ClearPath@2026-03-01'],
      'svc-ch1': ['Riverside General@2026-01-10', 'ClearPath@2026-03-01'],
      'sup-cloud': ['Riverside General@2026-01-10'],
      'wf-er': ['Riverside General@2026-01-10'],
    });
    expect(await confirmed('sup-ch1')).toBe('2026-03-01');
    expect(await confirmed('sup-cloud')).toBe('2026-01-10');
    const [record] = (await entityProvenance(store, ['sup-cloud'])).get('sup-cloud')!;
    expect(record!.submission).toMatchObject({
      contributor: 'Riverside General',
      contact: 'cio@riverside.example',
      date: '2026-01-10',
      note: 'Q1 survey',
      actor: 'cli:' + (process.env.USER ?? 'unknown'),
    });
    const deps = await dependencyProvenance(store, [
      { from: 'wf-claims', to: 'svc-ch1' },
      { from: 'wf-elig', to: 'svc-ch2' },
    ]);
    expect(deps.get(dependencyKey('wf-claims', 'svc-ch1'))!.map((r) => r.submission.contributor)).toEqual([
      'Riverside General',
      'ClearPath',
    ]);
    expect(deps.get(dependencyKey('wf-elig', 'svc-ch2'))!.map((r) => r.submission.contributor)).toEqual([
      'Riverside General',
    ]);

    // A plain re-import (no submission) keeps provenance and finds nothing to update.
    const again = await importTemplate(store, handBuilt(), { actor: 'test' });
    expect(Object.values(again.byKind).every((c) => c.created === 0 && c.updated === 0)).toBe(true);
    expect((await assertedBy(['sup-ch1']))['sup-ch1']).toHaveLength(2);
    // Nor does an entity edit, written by the same import writer.
    await upsertEntity(store, { id: 'sup-ch1', kind: 'SUPPLIER', name: 'ClearPath (renamed)' }, 'test');
    expect((await assertedBy(['sup-ch1']))['sup-ch1']).toHaveLength(2);
  });

  it('a staged import records the submission the same way; a dry run records nothing', async () => {
    const dry = await importTemplate(store, handBuilt(), {
      actor: 'test',
      dryRun: true,
      submission: checkSubmission({ contributor: 'Dry', date: '2026-02-02' }, 'test'),
    });
    expect(dry.submissionId).toBeNull();
    await importTemplate(store, handBuilt(), { actor: 'test' });
    expect((await exportProvenance(store)).submissions).toEqual([]);
    const staged = await importTemplate(store, handBuilt(), {
      actor: 'test',
      singleTransactionRows: 0,
      submission: checkSubmission({ contributor: 'Corner Pharmacy', date: '2026-02-03' }, 'test'),
    });
    expect(staged.submissionId).not.toBeNull();
    const p = await exportProvenance(store);
    expect(p.submissions.map((s) => s.contributor)).toEqual(['Corner Pharmacy']);
    // Every entity (16) and dependency (5) of the template asserted once.
    expect(p.entities).toHaveLength(16);
    expect(p.dependencies).toHaveLength(5);
    expect(p.entities.every((e) => e.submissions.length === 1)).toBe(true);
  });

  it('undoing an import removes its submission: the provenance is exactly as before (one transaction and staged)', async () => {
    await importTemplate(store, handBuilt(), {
      actor: 'test',
      submission: checkSubmission({ contributor: 'Riverside General', date: '2026-01-10' }, 'test'),
    });
    const before = await exportProvenance(store);
    expect(before.submissions.map((s) => s.contributor)).toEqual(['Riverside General']);
    const submissionNodes = async () =>
      store.read(async (tx) =>
        (await tx.run('MATCH (s:Submission) RETURN s.contributor AS c ORDER BY c')).records.map((r) =>
          r.get('c'),
        ),
      );
    for (const singleTransactionRows of [undefined, 0]) {
      const done = await importTemplate(store, followUp(), {
        actor: 'test',
        snapshot: true,
        singleTransactionRows,
        submission: checkSubmission({ contributor: 'ClearPath', date: '2026-03-01' }, 'test'),
      });
      expect(done.snapshotId).not.toBeNull();
      expect(await submissionNodes()).toEqual(['ClearPath', 'Riverside General']);
      await undoLastImport(store, { actor: 'test' });
      // The ClearPath submission is gone (it asserted nothing any more); Riverside's stays.
      expect(await submissionNodes()).toEqual(['Riverside General']);
      expect(await exportProvenance(store)).toEqual(before);
    }
  });

  it('refuses a submission without a contributor or with a bad date, naming the flag; nothing is written', async () => {
    const folder = join(dir, 'bad');
    await writeTemplate(handBuilt(), folder, { format: 'csv' });
    const noDate = await importPath(store, folder, {
      quiet: true,
      submission: { contributor: 'X', date: '2026-02-30' },
    });
    expect(noDate.ok).toBe(false);
    expect(noDate.problems).toEqual([
      {
        file: '--date',
        line: 0,
        column: '',
        message: "'2026-02-30' is not a date written YYYY-MM-DD",
        severity: 'error',
      },
    ]);
    const noOrg = await importPath(store, folder, { quiet: true, submission: { contributor: '  ' } });
    expect(noOrg.problems[0]).toMatchObject({
      file: '--contributor',
      message: 'a contributor organization is required',
    });
    expect((await exportProvenance(store)).entities).toEqual([]);
  });

  it('a merge moves the merged entities’ provenance to the survivor, and its undo takes it back', async () => {
    await importTemplate(store, handBuilt(), {
      actor: 'test',
      submission: checkSubmission({ contributor: 'Riverside General', date: '2026-01-10' }, 'test'),
    });
    const t = emptyTemplate();
    t.suppliers.push(handBuilt().suppliers.find((s) => s.id === 'sup-ch2')!);
    await importTemplate(store, t, {
      actor: 'test',
      submission: checkSubmission({ contributor: 'AltClaims', date: '2026-04-01' }, 'test'),
    });
    await mergeEntities(store, 'sup-ch1', ['sup-ch2'], 'test');
    expect((await assertedBy(['sup-ch1']))['sup-ch1']).toEqual([
      'Riverside General@2026-01-10',
      'AltClaims@2026-04-01',
    ]);
    expect(await confirmed('sup-ch1')).toBe('2026-04-01');
    await undoMerge(store, 'sup-ch1', 'test');
    expect(await assertedBy(['sup-ch1', 'sup-ch2'])).toEqual({
      'sup-ch1': ['Riverside General@2026-01-10'],
      'sup-ch2': ['Riverside General@2026-01-10', 'AltClaims@2026-04-01'],
    });
  });

  it.each(['csv', 'xlsx'] as const)(
    'survives export → import of a %s export (provenance.csv, a provenance sheet)',
    async (format) => {
      await importTemplate(store, handBuilt(), {
        actor: 'test',
        submission: checkSubmission(
          { contributor: 'Riverside General', contact: 'a@b.example', date: '2026-01-10', note: 'n, "q"' },
          'test',
        ),
      });
      await importTemplate(store, followUp(), {
        actor: 'test',
        submission: checkSubmission({ contributor: 'ClearPath', date: '2026-03-01' }, 'test'),
      });
      const before = await exportProvenance(store);
      const folder = join(dir, format === 'csv' ? 'export' : 'export.xlsx');
      await exportPath(store, folder, format);
      if (format === 'csv')
        expect(readFileSync(join(folder, 'provenance.csv'), 'utf8').split('\n')[0]).toBe(
          'submission_id,contributor,contact,date,note,entity_id,from_id,to_id',
        );
      await resetDatabase(store);
      const back = await importPath(store, folder, { quiet: true });
      expect(back.ok).toBe(true);
      const after = await exportProvenance(store);
      // The same submissions (as exported: without the import's own time and actor) and lists.
      const fields = (p: typeof before) => ({
        ...p,
        submissions: p.submissions.map(({ id, contributor, contact, date, note }) => ({
          id,
          contributor,
          contact,
          date,
          note,
        })),
      });
      expect(fields(after)).toEqual(fields(before));
      expect(before.dependencies).toHaveLength(5);
      expect(after.entities.find((e) => e.id === 'sup-ch1')!.submissions).toHaveLength(2);
    },
  );
});
