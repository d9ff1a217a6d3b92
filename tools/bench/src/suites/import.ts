// Benchmark 4, import: rows per second through the product's import (readTemplate,
// then importTemplate into an emptied bench database), against the offline limit,
// `neo4j-admin database import full` of the same rows.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { generateRows, writeGeneratedCsv } from '@smart/seed';
import { allEntityKinds, importTemplate, migrate, templateRowCount } from '@smart/store';
import { hasErrors, readTemplate, writeAdminCsv } from '@smart/templates';
import { adminImport, emptyBenchDatabase, openBenchStore } from '../neo4j';
import { timed } from '../progress';
import { perSecond, ratioVsLimit, round } from '../stats';
import type { BenchResult } from '../types';
import type { SizeContext } from './context';

/** "IMPORT DONE in 1m 2s 345ms." → ms (neo4j-admin's own time, without the JVM start). */
export function parseAdminDuration(output: string): number | null {
  const m = /IMPORT DONE in ((?:\d+(?:ms|h|m|s)\s*)+)/.exec(output);
  if (!m) return null;
  let ms = 0;
  for (const [, value, unit] of m[1]!.matchAll(/(\d+)(ms|h|m|s)/g)) {
    const n = Number(value);
    ms += unit === 'h' ? n * 3_600_000 : unit === 'm' ? n * 60_000 : unit === 's' ? n * 1000 : n;
  }
  return ms;
}

/**
 * Splits an import's time by its progress marks ([rows written, ms since the start]):
 * until the last entity/link batch, the dependency batches (the last `dependencies`
 * rows), and the tail after the last batch (audit event and commit).
 */
export function importPhases(marks: readonly [number, number][], dependencies: number, totalMs: number) {
  if (marks.length === 0) return {};
  const total = marks[marks.length - 1]![0];
  const before = marks.filter(([done]) => done <= total - dependencies);
  const entitiesMs = before.length ? before[before.length - 1]![1] : 0;
  const lastBatchMs = marks[marks.length - 1]![1];
  const dependenciesMs = lastBatchMs - entitiesMs;
  return {
    entities_and_links_ms: round(entitiesMs),
    entities_and_links_rows_per_s: round(perSecond(total - dependencies, entitiesMs)),
    dependencies_ms: round(dependenciesMs),
    dependencies_rows_per_s: round(perSecond(dependencies, dependenciesMs)),
    commit_ms: round(totalMs - lastBatchMs),
  };
}

/** Writes the size's template folder (the generator's CSV output) and returns its row counts. */
export async function writeDataset(
  ctx: SizeContext,
): Promise<{ entities: number; dependencies: number; rows: number }> {
  await rm(ctx.dataDir, { recursive: true, force: true });
  const w = await writeGeneratedCsv({ entities: ctx.entities, seed: ctx.seed }, ctx.dataDir);
  const rows = Object.values(w.rows).reduce((a, b) => a + b, 0);
  ctx.progress.step(
    `${ctx.size}: generated ${w.entities.toLocaleString('en')} entities, ${w.dependencies.toLocaleString('en')} dependencies, ${rows.toLocaleString('en')} rows in ${(w.ms / 1000).toFixed(1)} s`,
  );
  return { entities: w.entities, dependencies: w.dependencies, rows };
}

export async function importSuite(ctx: SizeContext): Promise<BenchResult[]> {
  const { size, progress } = ctx;
  const log = (m: string) => progress.step(`${size}: ${m}`);

  // The offline limit first: it overwrites the database, which the product's import then empties.
  const adminDir = join(ctx.tmpDir, `admin-${size}`);
  await rm(adminDir, { recursive: true, force: true });
  const written = await writeAdminCsv(generateRows({ entities: ctx.entities, seed: ctx.seed }), adminDir);
  log(`neo4j-admin database import full of ${written.rows.toLocaleString('en')} rows…`);
  const admin = await adminImport(adminDir, log);
  const adminOwnMs = parseAdminDuration(admin.output);
  const adminMs = adminOwnMs ?? admin.ms;
  log(`neo4j-admin: ${(adminMs / 1000).toFixed(1)} s (${(admin.ms / 1000).toFixed(1)} s with the JVM start)`);
  await rm(adminDir, { recursive: true, force: true });
  const adminRow: BenchResult = {
    name: 'import:neo4j-admin',
    size,
    p50_ms: round(adminMs),
    p95_ms: null,
    ratio_vs_limit: null,
    ratio_vs_baseline: null,
    samples: 1,
    rows: written.rows,
    rows_per_s: round(perSecond(written.rows, adminMs)),
    wall_ms: round(admin.ms),
    note: "neo4j-admin database import full, offline, its own 'IMPORT DONE in' time (wall_ms adds the JVM start); no indexes built",
  };

  if (written.rows > ctx.options.maxProductImportRows) {
    // One transaction of this many rows does not fit the bench Neo4j's heap: the analyses
    // run on the offline import instead, with the product's schema applied to it.
    log(
      `${written.rows.toLocaleString('en')} rows exceed one import transaction on this Neo4j (--max-import-rows ${ctx.options.maxProductImportRows.toLocaleString('en')}): product import skipped, analyses run on the neo4j-admin import`,
    );
    const store = openBenchStore();
    try {
      await migrate(store);
    } finally {
      await store.close();
    }
    return [
      {
        name: 'import',
        size,
        p50_ms: null,
        p95_ms: null,
        ratio_vs_limit: null,
        ratio_vs_baseline: null,
        rows: written.rows,
        rows_per_s: null,
        skipped: true,
        note: `not run: ${written.rows.toLocaleString('en')} rows in one transaction exceed what the bench Neo4j heap takes; the analyses below ran on the neo4j-admin import`,
      },
      adminRow,
    ];
  }

  log('emptying the bench database for the product import…');
  await emptyBenchDatabase(log);
  const store = openBenchStore();
  try {
    await migrate(store);
    const existing = await allEntityKinds(store);
    const read = await timed(() =>
      readTemplate(ctx.dataDir, {
        existing,
        onProgress: (n) =>
          progress.status(`${size}: reading and validating the template: ${n.toLocaleString('en')} rows`),
      }),
    );
    if (hasErrors(read.value.problems)) {
      throw new Error(
        `the generated template does not validate: ${JSON.stringify(read.value.problems.slice(0, 3))}`,
      );
    }
    const template = read.value.template;
    const rows = templateRowCount(template);
    log(
      `read and validated ${rows.toLocaleString('en')} rows in ${(read.ms / 1000).toFixed(1)} s; importing…`,
    );
    // Batch timestamps show where the write goes: the entity and link steps, the
    // dependencies (importTemplate's last step today) and the commit after the last batch.
    const marks: [number, number][] = [];
    const t0 = performance.now();
    const write = await timed(() =>
      importTemplate(store, template, {
        actor: 'bench',
        source: ctx.dataDir,
        onProgress: (done, total) => {
          marks.push([done, performance.now() - t0]);
          progress.status(
            `${size}: importTemplate ${done.toLocaleString('en')}/${total.toLocaleString('en')} rows`,
          );
        },
      }),
    );
    const phases = importPhases(marks, template.dependencies.length, write.ms);
    const rate = perSecond(rows, write.ms);
    const adminRate = perSecond(rows, adminMs);
    log(
      `importTemplate: ${(write.ms / 1000).toFixed(1)} s, ${Math.round(rate ?? 0).toLocaleString('en')} rows/s (neo4j-admin ${Math.round(adminRate ?? 0).toLocaleString('en')} rows/s)`,
    );
    return [
      {
        name: 'import',
        size,
        p50_ms: round(write.ms),
        p95_ms: null,
        ratio_vs_limit: round(ratioVsLimit(write.ms, adminMs)),
        ratio_vs_baseline: null,
        samples: 1,
        rows,
        rows_per_s: round(rate),
        ...phases,
        note: 'importTemplate (one transaction up to SMART_IMPORT_SINGLE_TX_ROWS, staged batches above it; schema in place) into an emptied database; limit: neo4j-admin import full',
      },
      {
        name: 'import:read+validate',
        size,
        p50_ms: round(read.ms),
        p95_ms: null,
        ratio_vs_limit: null,
        ratio_vs_baseline: null,
        samples: 1,
        rows,
        rows_per_s: round(perSecond(rows, read.ms)),
        note: 'readTemplate of the CSV folder: parse, zod validation, reference checks (before importTemplate)',
      },
      {
        name: 'import:end-to-end',
        size,
        p50_ms: round(read.ms + write.ms),
        p95_ms: null,
        ratio_vs_limit: round(ratioVsLimit(read.ms + write.ms, adminMs)),
        ratio_vs_baseline: null,
        samples: 1,
        rows,
        rows_per_s: round(perSecond(rows, read.ms + write.ms)),
        note: 'read + validate + importTemplate, as `npm run import` does',
      },
      adminRow,
    ];
  } finally {
    await store.close();
  }
}
