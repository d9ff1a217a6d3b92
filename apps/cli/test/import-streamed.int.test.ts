// A staged import no longer holds the template (issue 11 item 1): the CLI checks the file
// keeping only its id index (indexTemplate) and the staged writer reads each table again,
// a batch at a time (importStreamed). What it writes is exactly what the in-memory staged
// import writes from the same template: the same counts and the same content hash of the
// map, for a merge from a .zip recorded as a submission and for a replace from a CSV
// folder through `smart import` itself.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEMPLATE_TABLE_NAMES, type TemplateTableName } from '@smart/domain';
import { generateEcosystem } from '@smart/seed';
import {
  type ImportOptions,
  type StagedTemplate,
  checkSubmission,
  countAll,
  exportTemplate,
  importStreamed,
  importTemplate,
  mergeEntities,
} from '@smart/store';
import { indexTemplate, templateToBuffer, writeTemplate } from '@smart/templates';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resetDatabase, testStore } from '../../../test/support/neo4j';
import { importPath } from '../src/commands/import';

const store = testStore();
const dir = mkdtempSync(join(tmpdir(), 'smart-import-streamed-'));
const base = generateEcosystem({ entities: 800, seed: 11 });
const next = generateEcosystem({ entities: 800, seed: 12 });
const folder = join(dir, 'next');
const zip = join(dir, 'next.zip');
const BATCH = 300;

beforeAll(async () => {
  await writeTemplate(next, folder, { format: 'csv' });
  writeFileSync(zip, await templateToBuffer(next, 'zip'));
}, 120_000);
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

async function fromBase() {
  await resetDatabase(store);
  await importTemplate(store, base, { actor: 'test' });
}

async function mapState() {
  const { auditEvents: _a, ...counts } = await countAll(store);
  const t = await exportTemplate(store);
  const text = JSON.stringify(
    Object.values(t).map((rows: unknown[]) => rows.map((r) => JSON.stringify(r)).sort()),
  );
  return { counts, hash: createHash('sha256').update(text).digest('hex') };
}

/** The index, with every batch the writer asks for recorded. */
function watched(src: StagedTemplate) {
  const seen = Object.fromEntries(TEMPLATE_TABLE_NAMES.map((t) => [t, [] as number[]])) as Record<
    TemplateTableName,
    number[]
  >;
  const wrapped: StagedTemplate = {
    counts: src.counts,
    kinds: src.kinds,
    outsideReferences: () => src.outsideReferences(),
    hasEdge: (type, from, to) => src.hasEdge(type, from, to),
    eachBatch: (table, size, visit) =>
      src.eachBatch(table, size, async (rows) => {
        seen[table].push(rows.length);
        await visit(rows);
      }),
  };
  return { wrapped, seen };
}

describe('a streamed staged import', () => {
  it('writes what the in-memory staged import writes: a merge from a .zip, recorded as a submission', async () => {
    const submission = checkSubmission({ contributor: 'Streamer', date: '2026-12-03' }, 'test');
    const opts: ImportOptions = {
      actor: 'test',
      snapshot: true,
      submission,
      batchSize: BATCH,
      singleTransactionRows: 0,
    };
    await fromBase();
    const inMemory = await importTemplate(store, next, opts);
    const expected = await mapState();

    await fromBase();
    const index = await indexTemplate({ path: zip });
    expect(index.problems.filter((p) => p.severity === 'error')).toEqual([]);
    const { wrapped, seen } = watched(index);
    const streamed = await importStreamed(store, wrapped, opts);
    expect(streamed.byKind).toEqual(inMemory.byKind);
    expect(streamed.rows).toBe(inMemory.rows);
    expect(await mapState()).toEqual(expected);
    // Every row came from the file a batch at a time, never more than a batch.
    for (const table of TEMPLATE_TABLE_NAMES) {
      expect(seen[table].every((n) => n > 0 && n <= BATCH)).toBe(true);
      expect(seen[table].length).toBeGreaterThan(0);
    }
    expect(seen.dependencies.length).toBeGreaterThan(1);
  }, 240_000);

  it('`smart import --replace` of a folder, staged, writes what the in-memory staged replace writes', async () => {
    await fromBase();
    const inMemory = await importTemplate(store, next, {
      actor: 'test',
      replace: true,
      snapshot: true,
      batchSize: BATCH,
      singleTransactionRows: 0,
    });
    const expected = await mapState();

    await fromBase();
    const before = process.env.SMART_IMPORT_SINGLE_TX_ROWS;
    process.env.SMART_IMPORT_SINGLE_TX_ROWS = '0';
    try {
      const out = await importPath(store, folder, { quiet: true, replace: true, actor: 'test' });
      expect(out.problems.filter((p) => p.severity === 'error')).toEqual([]);
      expect(out.ok).toBe(true);
      expect(out.summary!.byKind).toEqual(inMemory.byKind);
      expect(out.summary!.byKind.DEPENDENCY.removed).toBeGreaterThan(0);
    } finally {
      if (before === undefined) delete process.env.SMART_IMPORT_SINGLE_TX_ROWS;
      else process.env.SMART_IMPORT_SINGLE_TX_ROWS = before;
    }
    expect(await mapState()).toEqual(expected);
  }, 240_000);

  it('a staged template that uses an id merged away is written onto the survivor, as the in-memory import does', async () => {
    await fromBase();
    const [survivor, alias] = base.suppliers;
    await mergeEntities(store, survivor!.id, [alias!.id], 'test');
    // The base again: it still defines the merged-away supplier and services point to it.
    const again = join(dir, 'again');
    await writeTemplate(base, again, { format: 'csv' });
    const before = process.env.SMART_IMPORT_SINGLE_TX_ROWS;
    process.env.SMART_IMPORT_SINGLE_TX_ROWS = '0';
    try {
      const out = await importPath(store, again, { quiet: true, actor: 'test' });
      expect(out.ok).toBe(true);
      expect(out.summary!.byKind.SUPPLIER.created).toBe(0);
    } finally {
      if (before === undefined) delete process.env.SMART_IMPORT_SINGLE_TX_ROWS;
      else process.env.SMART_IMPORT_SINGLE_TX_ROWS = before;
    }
    const suppliers = (await exportTemplate(store)).suppliers.map((s) => s.id);
    expect(suppliers).toContain(survivor!.id);
    expect(suppliers).not.toContain(alias!.id);
  }, 240_000);
});
