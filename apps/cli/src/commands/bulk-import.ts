// `npm run import -- <template> --bulk [--replace [--allow-empty TABLE]…] [--json]
// [--contributor ORG [--contact C] [--date D] [--note N]]`: the
// initial load of a large map (DESIGN.md §8). The template is validated as for any import
// (nothing happens when a row is invalid), written as neo4j-admin's node and relationship
// CSV files, and loaded by `neo4j-admin database import full` into the project's local
// Neo4j, which is stopped for it and started again; then the schema (constraints and
// indexes, built after the load), the system nodes the database held (users, scenarios,
// audit trail, token revocations) and the GraphMeta version and audit event are written.
// With --contributor the load is recorded as a submission (issue 13 item 3), as an import
// records one: the files list it in every entity's and dependency's `submissions`, and
// its Submission node is written with the version and the audit event.
// Refused for a server the CLI does not run (NEO4J_URI set) and, without --replace, for a
// database that holds a map.
import { mkdir, rm, stat } from 'node:fs/promises';
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
  templateRowCount,
  writeSystemNodes,
} from '@smart/store';
import {
  PROVENANCE_FILE,
  TemplateLimitError,
  type Problem,
  adminArgs,
  hasErrors,
  readLimitsFromEnv,
  readTemplate,
  templateTableRows,
  writeAdminCsv,
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
    const bars = !opts.json && process.stderr.isTTY === true;
    const reading = progressBar('Reading  ', bars);
    let read: Awaited<ReturnType<typeof readTemplate>>;
    try {
      read = await readTemplate(path, {
        existing: new Map(),
        onProgress: (n) => reading.update(n, Math.max(n, 1)),
        limits: readLimitsFromEnv(),
      });
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
    if (hasErrors(read.problems))
      return { ok: false, problems: read.problems, problemCount: read.problemCount };
    // An export's provenance table is not loaded by neo4j-admin's files (DESIGN §8): say so.
    if (read.provenance || (await stat(join(path, PROVENANCE_FILE)).catch(() => null))?.isFile())
      log(
        `${path} holds a provenance table, which --bulk does not load: import without --bulk to keep who asserted what.`,
      );
    if (opts.replace) {
      const missing = missingTables(Object.keys(read.tables) as TemplateTableName[], opts.allowEmpty);
      if (missing.length) {
        const message = new IncompleteTemplateError(missing).message;
        return {
          ok: false,
          problems: [{ file: path, line: 0, column: '', message, severity: 'error' }],
          problemCount: 1,
        };
      }
    }

    const counts = await countAll(store);
    const mapRows =
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
    const system = await readSystemNodes(
      store,
      (Object.keys(SYSTEM_LABELS) as SystemKey[]).filter((k) => !MAP_RECORD_KEYS.includes(k)),
    );
    const versionBefore = await store.graphVersion();
    const template = read.template;
    const rows = templateRowCount(template);

    const dir = join(inst.home, 'import', `bulk-${process.pid}-${Date.now()}`);
    await mkdir(dir, { recursive: true });
    let adminMs = 0;
    try {
      log(`Writing ${rows.toLocaleString('en')} rows as neo4j-admin CSV files…`);
      await writeAdminCsv(templateTableRows(template), dir, { submission: submission?.id });
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
      if (kind) byKind[kind].created = template[table].length;
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
      problems: read.problems,
      problemCount: read.problemCount,
      summary: { byKind, rows, dryRun: false, snapshotId: null, submissionId: submission?.id ?? null },
      graphVersion,
      seconds,
    };
  } finally {
    if (!closed) await store.close();
  }
}
