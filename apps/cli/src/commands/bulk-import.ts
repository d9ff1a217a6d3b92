// `npm run import -- <template> --bulk [--replace [--allow-empty TABLE]…] [--json]
// [--contributor ORG [--contact C] [--date D] [--note N]]`: the
// initial load of a large map (DESIGN.md §8). The template is validated as for any import
// (nothing happens when a row is invalid) and written as neo4j-admin's node and relationship
// CSV files in the same pass (the read keeps the id index, not the rows), and loaded by `neo4j-admin database import full` into the project's local
// Neo4j, which is stopped for it and started again; then the schema (constraints and
// indexes, built after the load), the system nodes the database held (users, scenarios,
// audit trail, token revocations) and the GraphMeta version and audit event are written.
// With --contributor the load is recorded as a submission (issue 13 item 3), as an import
// records one: the files list it in every entity's and dependency's `submissions`, and
// its Submission node is written with the version and the audit event.
// Refused for a server the CLI does not run (NEO4J_URI set) and, without --replace, for a
// database that holds a map.
import { rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type EntityKind,
  type SubmissionInput,
  TEMPLATE_TABLE_NAMES,
  type TemplateTableName,
} from '@smart/domain';
import { adminImportFull, start, stop } from '@smart/neo4j-tools';
import {
  EditError,
  IncompleteTemplateError,
  type ImportSummary,
  Store,
  checkSubmission,
  configFromEnv,
  countAll,
  migrate,
  missingTables,
  MAP_RECORD_KEYS,
  readSystemNodes,
  SYSTEM_LABELS,
  type SystemKey,
  recordBulkImport,
  recoverInterruptedImport,
  writeSystemNodes,
} from '@smart/store';
import {
  PROVENANCE_FILE,
  TemplateLimitError,
  type Problem,
  adminArgs,
  hasErrors,
  readLimitsFromEnv,
  AdminCsvWriter,
  indexTemplate,
  type TemplateIndex,
} from '@smart/templates';
import { localInstance } from './database';
import type { ImportOutcome } from './import';
import { progressBar } from './progress';

/** `--bulk` cannot run here; nothing was changed. */
export class BulkRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BulkRefusedError';
  }
}

const KIND_OF_TABLE: Partial<Record<TemplateTableName, EntityKind>> = {
  organizations: 'ORGANIZATION',
  suppliers: 'SUPPLIER',
  services: 'SERVICE',
  assets: 'ASSET',
  workflows: 'WORKFLOW',
  criticalFunctions: 'CRITICAL_FUNCTION',
};

export async function bulkImportPath(
  path: string,
  opts: {
    replace?: boolean;
    allowEmpty?: TemplateTableName[];
    json?: boolean;
    actor?: string;
    log?: (m: string) => void;
    /** Record the load as a submission by this contributor (issue 13 item 3). */
    submission?: SubmissionInput;
  },
): Promise<ImportOutcome & { graphVersion?: number; seconds?: number }> {
  const log = opts.log ?? ((m: string) => console.error(m));
  const actor = opts.actor ?? `cli:${process.env.USER ?? 'unknown'}`;
  // Checked before anything runs; a bad field is named by its flag, as the import does.
  let submission: ReturnType<typeof checkSubmission> | undefined;
  try {
    submission = opts.submission ? checkSubmission(opts.submission, actor) : undefined;
  } catch (err) {
    if (!(err instanceof EditError)) throw err;
    const flag = `--${err.field.replace(/^submission\./, '')}`;
    return {
      ok: false,
      problems: [{ file: flag, line: 0, column: '', message: err.message, severity: 'error' }],
      problemCount: 1,
    };
  }
  if (process.env.NEO4J_URI)
    throw new BulkRefusedError(
      `--bulk writes the database's files with neo4j-admin, which works only on the Neo4j this CLI runs, and NEO4J_URI is set (${process.env.NEO4J_URI}). ` +
        'Import without --bulk (a staged import, any size, over the network), or run --bulk on the database’s machine with NEO4J_URI unset.',
    );
  const t0 = performance.now();
  const inst = localInstance();
  await start(inst, log);
  let store = new Store(configFromEnv());
  let closed = false;
  try {
    await migrate(store);
    await recoverInterruptedImport(store);
    const [journal] = await store.readRows<{ journal: unknown }>('queries/import/journal-read');
    if (journal?.journal)
      throw new BulkRefusedError('an import is in progress on this database; retry --bulk when it ends');

    // Validated against nothing in the database: the bulk load writes the template alone.
    // One pass: each row that passes its checks goes into neo4j-admin's files as it is
    // read, and the read keeps only the id index (indexTemplate), not the rows; the files
    // are removed unless the whole template is valid (DESIGN §8).
    const bars = !opts.json && process.stderr.isTTY === true;
    const dir = join(inst.home, 'import', `bulk-${process.pid}-${Date.now()}`);
    let adminMs = 0;
    let index: TemplateIndex;
    let rows = 0;
    let counts: Awaited<ReturnType<typeof countAll>>;
    let mapRows = 0;
    let system: Awaited<ReturnType<typeof readSystemNodes>>;
    let versionBefore: number;
    try {
      const files = await AdminCsvWriter.open(dir, { submission: submission?.id });
      try {
        const reading = progressBar('Reading  ', bars);
        try {
          index = await indexTemplate(
            { path },
            {
              existing: new Map(),
              onProgress: (n) => reading.update(n, Math.max(n, 1)),
              limits: readLimitsFromEnv(),
              rowSink: files,
            },
          );
        } catch (err) {
          if (!(err instanceof TemplateLimitError)) throw err;
          const problem: Problem = {
            file: err.file,
            line: 0,
            column: '',
            message: err.reason,
            severity: 'error',
          };
          return { ok: false, problems: [problem], problemCount: 1 };
        } finally {
          reading.stop();
        }
        if (hasErrors(index.problems))
          return { ok: false, problems: index.problems, problemCount: index.problemCount };
        // An export's provenance table is not loaded by neo4j-admin's files (DESIGN §8): say so.
        if (index.provenance || (await stat(join(path, PROVENANCE_FILE)).catch(() => null))?.isFile())
          log(
            `${path} holds a provenance table, which --bulk does not load: import without --bulk to keep who asserted what.`,
          );
        if (opts.replace) {
          const missing = missingTables(Object.keys(index.tables) as TemplateTableName[], opts.allowEmpty);
          if (missing.length) {
            const message = new IncompleteTemplateError(missing).message;
            return {
              ok: false,
              problems: [{ file: path, line: 0, column: '', message, severity: 'error' }],
              problemCount: 1,
            };
          }
        }

        counts = await countAll(store);
        mapRows =
          counts.organizations +
          counts.suppliers +
          counts.services +
          counts.assets +
          counts.workflows +
          counts.criticalFunctions +
          counts.dependencies +
          counts.workflowFunctions;
        if (mapRows > 0 && !opts.replace)
          throw new BulkRefusedError(
            `the database already holds a map (${mapRows.toLocaleString('en')} rows): --bulk loads into an empty database. ` +
              'Add --replace to overwrite it (users, scenarios, the audit trail, token revocations and incidents are kept; the undo snapshots are not), ' +
              'or import without --bulk to merge into it.',
          );
        // People's records carry over (incidents too); what goes with the map (submissions,
        // provenance, aliases, merges) goes with it.
        system = await readSystemNodes(
          store,
          (Object.keys(SYSTEM_LABELS) as SystemKey[]).filter((k) => !MAP_RECORD_KEYS.includes(k)),
        );
        versionBefore = await store.graphVersion();
        // A table whose rows a warning dropped after they were written (a repeated
        // workflow–function link) is written again from its valid rows.
        for (const table of TEMPLATE_TABLE_NAMES) {
          if (files.written(table) === index.counts[table]) continue;
          await files.rewrite(table, () =>
            index.eachBatch(table, 10_000, async (batch) => {
              for (const row of batch) files.add(table, row);
              await files.drain();
            }),
          );
        }
        rows = files.rows;
      } finally {
        await files.close();
      }
      log(`Checked ${rows.toLocaleString('en')} rows and wrote them as neo4j-admin CSV files.`);
      await store.close();
      closed = true;
      await stop(inst, log);
      log('Running neo4j-admin database import full…');
      try {
        adminMs = (await adminImportFull(inst, adminArgs(dir), log)).ms;
      } finally {
        // Loaded or not (a failed import puts the old files back), the database runs again.
        await start(inst, log);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    store = new Store(configFromEnv());
    closed = false;
    log('Building the schema (constraints and indexes) on the loaded map…');
    await migrate(store);
    await writeSystemNodes(store, system);
    const byKind = Object.fromEntries(
      [...Object.values(KIND_OF_TABLE), 'DEPENDENCY'].map((k) => [k, { created: 0, updated: 0, removed: 0 }]),
    ) as ImportSummary['byKind'];
    for (const table of TEMPLATE_TABLE_NAMES) {
      const kind = table === 'dependencies' ? 'DEPENDENCY' : KIND_OF_TABLE[table];
      if (kind) byKind[kind].created = index.counts[table];
    }
    if (mapRows > 0) {
      byKind.ORGANIZATION.removed = counts.organizations;
      byKind.SUPPLIER.removed = counts.suppliers;
      byKind.SERVICE.removed = counts.services;
      byKind.ASSET.removed = counts.assets;
      byKind.WORKFLOW.removed = counts.workflows;
      byKind.CRITICAL_FUNCTION.removed = counts.criticalFunctions;
      byKind.DEPENDENCY.removed = counts.dependencies;
    }
    const seconds = (performance.now() - t0) / 1000;
    const graphVersion = await recordBulkImport(store, {
      actor,
      source: path,
      versionBefore,
      submission,
      details: {
        rows,
        replaced: mapRows > 0,
        byKind,
        neo4jAdminMs: Math.round(adminMs),
        submission: submission?.id ?? null,
      },
    });
    return {
      ok: true,
      problems: index.problems,
      problemCount: index.problemCount,
      summary: { byKind, rows, dryRun: false, snapshotId: null, submissionId: submission?.id ?? null },
      graphVersion,
      seconds,
    };
  } finally {
    if (!closed) await store.close();
  }
}
