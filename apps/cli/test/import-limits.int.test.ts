// `smart import` within the read limits: a zip bomb on disk is refused with the
// file, the entry and the limit, and a template with thousands of problems lists
// the first 1,000 and says how many more there are.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { csvZipBomb } from '../../../test/support/bombs';
import { countNodesAndRelationships, resetDatabase, testStore } from '../../../test/support/neo4j';
import { importPath, printImportOutcome } from '../src/commands/import';

const store = testStore();
let dir = '';

beforeAll(async () => {
  await resetDatabase(store);
  dir = await mkdtemp(join(tmpdir(), 'smart-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await store.close();
});

function printed(outcome: Parameters<typeof printImportOutcome>[0]): string {
  const lines: string[] = [];
  const spy = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    lines.push(args.join(' '));
  });
  try {
    printImportOutcome(outcome, false);
  } finally {
    spy.mockRestore();
  }
  return lines.join('\n');
}

describe('smart import', () => {
  it('refuses a zip bomb, naming the file, the entry and the limit', async () => {
    const file = join(dir, 'bomb.zip');
    await writeFile(file, csvZipBomb(256 * 1024 * 1024, { declaredSize: 100_000 }));
    const before = await countNodesAndRelationships(store);
    const outcome = await importPath(store, file, { quiet: true, actor: 'test' });
    expect(outcome).toMatchObject({ ok: false, problemCount: 1 });
    expect(outcome.problems).toEqual([
      {
        file: 'bomb.zip: dependencies.csv',
        line: 0,
        column: '',
        message:
          'inflates to more than the 100,000 bytes the archive declares for it; nothing was read (a corrupt archive or a zip bomb)',
        severity: 'error',
      },
    ]);
    expect(await countNodesAndRelationships(store)).toEqual(before);
    expect(printed(outcome)).toContain(
      'error: bomb.zip: dependencies.csv: inflates to more than the 100,000 bytes',
    );
  });

  it('lists the first 1,000 problems and counts the rest', async () => {
    const folder = join(dir, 'many');
    await mkdir(folder);
    const rows = Array.from({ length: 1_500 }, (_, i) => `s${i},Supplier,,,not-a-number\n`).join('');
    await writeFile(join(folder, 'suppliers.csv'), `id,name,category,country,security_rating\n${rows}`);
    const outcome = await importPath(store, folder, { quiet: true, actor: 'test' });
    expect(outcome.ok).toBe(false);
    expect(outcome.problemCount).toBe(1_500);
    expect(outcome.problems).toHaveLength(1_000);
    const text = printed(outcome);
    expect(text).toContain('… and 500 more problem(s) not listed (the first 1,000 are shown).');
    expect(text).toContain('Nothing was imported: 1000 problem(s) to fix first (1,500 problems in all).');
  });
});
