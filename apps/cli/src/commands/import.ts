// `npm run import -- <folder|file.xlsx|file.zip> [--replace [--allow-empty TABLE]…]
// [--dry-run] [--json] [--contributor ORG [--contact C] [--date D] [--note N]]`: the
// import recorded as a submission when a contributor is named, and a folder's
// provenance.csv (an export's) written back with it; validate everything first, write nothing if anything is
// invalid, else one all-or-nothing import (one transaction up to SMART_IMPORT_SINGLE_TX_ROWS
// rows, staged above; an undo snapshot first, for `import --undo` and for rolling back an
// interrupted one), with progress bars on stderr. The file is read twice rather than held:
// once to check it (keeping only its id index), once more, a table at a time, to write it
// (DESIGN §5); only a one-transaction import, a dry run's review or a template that uses
// merged-away ids is held whole.
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type EntityKind,
  type ProvenanceTable,
  type SubmissionInput,
  TEMPLATE_TABLE_NAMES,
  TEMPLATE_TABLES,
  type TemplateTableName,
} from '@smart/domain';
import {
  type ImportDiff,
  type ImportOptions,
  type ImportSummary,
  ImportTooLargeError,
  IncompleteTemplateError,
  KindConflictError,
  StaleReferenceError,
  type Store,
  UndoError,
  EditError,
  allEntityKinds,
  checkSubmission,
  importBatchSize,
  importDiff,
  importStreamed,
  importTemplate,
  resolveTemplateAliases,
  singleTransactionRows,
  templateUsesAliases,
  withAliasKinds,
  undoLastImport,
} from '@smart/store';
import {
  type Problem,
  TemplateLimitError,
  formatProblem,
  hasErrors,
  readLimitsFromEnv,
  PROVENANCE_FILE,
  readProvenanceFile,
  indexTemplate,
  type TemplateIndex,
  templateOfIndex,
} from '@smart/templates';
import { progressBar } from './progress';

/** `--allow-empty` values: a table's file name without .csv (critical_functions), any case. */
export function parseAllowEmpty(values: readonly string[] = []): TemplateTableName[] {
  return values
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean)
    .map((v) => {
      const name = v.toLowerCase().replace(/\.csv$/, '');
      const table = TEMPLATE_TABLE_NAMES.find((t) => TEMPLATE_TABLES[t].sheet === name);
      if (!table)
        throw new Error(
          `--allow-empty ${v}: not a table; the tables are ${TEMPLATE_TABLE_NAMES.map((t) => TEMPLATE_TABLES[t].sheet).join(', ')}`,
        );
      return table;
    });
}

/** `import --undo`: the map back to what it was before the last import. */
export async function undoImport(store: Store, json: boolean): Promise<number> {
  try {
    const r = await undoLastImport(store, { actor: `cli:${process.env.USER ?? 'unknown'}` });
    if (json) console.log(JSON.stringify({ ok: true, ...r }, null, 2));
    else
      console.log(
        `Undid the ${r.undone.action} by ${r.undone.actor} at ${r.undone.at}${r.undone.source ? ` (${r.undone.source})` : ''}: ` +
          `the map holds ${r.entities} entities and ${r.relationships} relationships again. Graph version ${r.graphVersion}.`,
      );
    return 0;
  } catch (err) {
    if (!(err instanceof UndoError)) throw err;
    if (json) console.log(JSON.stringify({ ok: false, message: err.message, changes: err.changes }, null, 2));
    else console.error(`error: nothing was undone: ${err.message}`);
    return 1;
  }
}

export interface ImportOutcome {
  ok: boolean;
  /** At most the first 1,000 problems (SMART_IMPORT_MAX_PROBLEMS), errors first. */
  problems: Problem[];
  /** Every problem found, listed or not. */
  problemCount: number;
  summary?: ImportSummary;
  /** A dry run's review: what the import would change, field by field, and its conflicts. */
  diff?: ImportDiff;
}

export async function importPath(
  store: Store,
  path: string,
  opts: {
    replace?: boolean;
    allowEmpty?: TemplateTableName[];
    dryRun?: boolean;
    json?: boolean;
    actor?: string;
    quiet?: boolean;
    /** Record the import as a submission by this contributor (issue 13 item 3). */
    submission?: SubmissionInput;
  },
): Promise<ImportOutcome> {
  const actor = opts.actor ?? `cli:${process.env.USER ?? 'unknown'}`;
  const flagProblem = (err: EditError): ImportOutcome => {
    const flag = `--${err.field.replace(/^submission\./, '')}`;
    return {
      ok: false,
      problems: [{ file: flag, line: 0, column: '', message: err.message, severity: 'error' }],
      problemCount: 1,
    };
  };
  let submission: ReturnType<typeof checkSubmission> | undefined;
  try {
    submission = opts.submission ? checkSubmission(opts.submission, actor) : undefined;
  } catch (err) {
    if (err instanceof EditError) return flagProblem(err);
    throw err;
  }
  // A folder's provenance table (written by export) goes back in with it (a workbook's
  // or a zip's is read with the template, below).
  let provenance: ProvenanceTable | undefined;
  if ((await stat(path).catch(() => null))?.isDirectory()) {
    const found = await readProvenanceFile(join(path, PROVENANCE_FILE));
    if (found && hasErrors(found.problems))
      return { ok: false, problems: found.problems, problemCount: found.problems.length };
    provenance = found?.provenance;
  }
  // Merged-away ids count as their kind: they resolve to the survivor below.
  const existing: ReadonlyMap<string, EntityKind> = await withAliasKinds(store, await allEntityKinds(store));
  const reading = progressBar('Reading  ', !opts.json && !opts.quiet && process.stderr.isTTY === true);
  let read: TemplateIndex;
  try {
    read = await indexTemplate(
      { path },
      {
        existing,
        onProgress: (n) => reading.update(n, Math.max(n, 1)),
        limits: readLimitsFromEnv(),
      },
    );
  } catch (err) {
    if (!(err instanceof TemplateLimitError)) throw err;
    // Refused whole (a zip bomb, a table past its row limit): nothing was read.
    const problem: Problem = { file: err.file, line: 0, column: '', message: err.reason, severity: 'error' };
    return { ok: false, problems: [problem], problemCount: 1 };
  } finally {
    reading.stop();
  }
  const problemCount = read.problemCount;
  if (hasErrors(read.problems)) return { ok: false, problems: read.problems, problemCount };
  const bars = !opts.json && !opts.quiet && process.stderr.isTTY === true;
  // The undo snapshot's size is known only as it is read: the map's rows so far.
  const keeping = progressBar('Snapshot ', bars);
  const writing = progressBar('Writing  ', bars);
  try {
    // An .xlsx export's provenance sheet (a .zip's provenance.csv) goes back in too.
    provenance ??= read.provenance;
    const total = TEMPLATE_TABLE_NAMES.reduce((n, t) => n + read.counts[t], 0);
    // Streamed (the file read again a table at a time) when staged, unless the review of a
    // dry run needs the rows or ids merged away must be rewritten first.
    const streamed =
      total > singleTransactionRows() && !opts.dryRun && !(await templateUsesAliases(store, read));
    // Ids merged away (mergeEntities) are written onto their survivors.
    const template = streamed
      ? undefined
      : (await resolveTemplateAliases(store, await templateOfIndex(read))).template;
    const importOptions: ImportOptions = {
      replace: opts.replace,
      dryRun: opts.dryRun,
      tables: Object.keys(read.tables) as TemplateTableName[],
      allowEmpty: opts.allowEmpty,
      snapshot: true,
      actor,
      source: path,
      submission,
      provenance,
      batchSize: importBatchSize(),
      onSnapshotProgress: (rows) => keeping.update(rows, rows),
      onProgress: (done, total) => {
        keeping.stop();
        writing.update(done, total);
      },
    };
    const summary = template
      ? await importTemplate(store, template, importOptions)
      : await importStreamed(store, read, importOptions);
    const diff =
      opts.dryRun && template
        ? await importDiff(store, template, { replace: opts.replace, contributor: submission?.contributor })
        : undefined;
    return { ok: true, problems: read.problems, problemCount, summary, ...(diff ? { diff } : {}) };
  } catch (err) {
    const whole = (message: string): Problem => ({
      file: path,
      line: 0,
      column: '',
      message,
      severity: 'error',
    });
    if (err instanceof IncompleteTemplateError || err instanceof ImportTooLargeError)
      return { ok: false, problems: [whole(err.message)], problemCount: 1 };
    if (err instanceof StaleReferenceError) {
      return {
        ok: false,
        problemCount: err.references.length,
        problems: err.references.map((r) => ({
          ...read.location(r.table, r.row),
          column: r.column,
          message: r.message,
          severity: 'error' as const,
        })),
      };
    }
    if (err instanceof KindConflictError) {
      return {
        ok: false,
        problemCount: err.conflicts.length,
        problems: err.conflicts.map((c) => ({
          ...read.location(c.table, c.row),
          column: 'id',
          message: `id '${c.id}' already belongs to a ${c.existingKind} in the database, not a ${c.templateKind}`,
          severity: 'error' as const,
        })),
      };
    }
    throw err;
  } finally {
    keeping.stop();
    writing.stop();
  }
}

export function printImportOutcome(outcome: ImportOutcome, json: boolean): void {
  if (json) {
    console.log(JSON.stringify(outcome, null, 2));
    return;
  }
  for (const p of outcome.problems)
    console.error(`${p.severity === 'error' ? 'error' : 'warning'}: ${formatProblem(p)}`);
  const unlisted = outcome.problemCount - outcome.problems.length;
  if (unlisted > 0) {
    console.error(
      `… and ${unlisted.toLocaleString('en')} more problem(s) not listed (the first ${outcome.problems.length.toLocaleString('en')} are shown).`,
    );
  }
  if (!outcome.ok) {
    const errors = outcome.problems.filter((p) => p.severity === 'error').length;
    const more = unlisted > 0 ? ` (${outcome.problemCount.toLocaleString('en')} problems in all)` : '';
    console.error(`\nNothing was imported: ${errors} problem(s) to fix first${more}.`);
    return;
  }
  const s = outcome.summary!;
  console.log(
    s.dryRun
      ? `Dry run: ${s.rows} rows are valid; nothing was written. A real run would do this:`
      : `Imported ${s.rows} rows.${s.snapshotId ? ' `import --undo` restores the map as it was before.' : ''}`,
  );
  console.log('kind                created  updated  removed');
  for (const [kind, c] of Object.entries(s.byKind)) {
    console.log(
      `${kind.padEnd(18)} ${String(c.created).padStart(8)} ${String(c.updated).padStart(8)} ${String(c.removed).padStart(8)}`,
    );
  }
  if (s.submissionId) console.log(`Recorded as submission ${s.submissionId}.`);
  if (outcome.diff) printDiff(outcome.diff);
}

const shown = (v: unknown) => (v === null || v === undefined ? '(none)' : JSON.stringify(v));

/** A dry run's review, readable: added, changed field by field, removed, conflicts. */
function printDiff(d: ImportDiff): void {
  const lines: string[] = [];
  for (const e of d.entities.added) lines.push(`+ ${e.kind.toLowerCase()} ${e.id}`);
  for (const e of d.entities.changed)
    for (const f of e.fields)
      lines.push(`~ ${e.kind.toLowerCase()} ${e.id}: ${f.field} ${shown(f.before)} → ${shown(f.after)}`);
  for (const e of d.entities.removed) lines.push(`- ${e.kind.toLowerCase()} ${e.id}`);
  for (const x of d.dependencies.added) lines.push(`+ dependency ${x.from} → ${x.to}`);
  for (const x of d.dependencies.changed)
    for (const f of x.fields)
      lines.push(`~ dependency ${x.from} → ${x.to}: ${f.field} ${shown(f.before)} → ${shown(f.after)}`);
  for (const x of d.dependencies.removed) lines.push(`- dependency ${x.from} → ${x.to}`);
  console.log(lines.length ? `\nChanges:\n${lines.join('\n')}` : '\nNo changes to the map.');
  if (d.conflicts.length) {
    console.log(`\nConflicts (${d.conflicts.length}): what other submissions asserted would change or go:`);
    for (const c of d.conflicts)
      console.log(
        `! ${c.target} ${c.change === 'CHANGED' ? 'changed' : 'removed'}; asserted by ${c.assertedBy
          .map((s) => `${s.contributor} on ${s.date}`)
          .join(', ')}`,
      );
  }
}
