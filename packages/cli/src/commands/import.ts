// `npm run import -- <folder|file.xlsx|file.zip> [--replace] [--json]`: validate
// everything first, write nothing if anything is invalid, else one atomic import.
import type { EntityKind } from '@smart/domain';
import {
  type ImportSummary,
  KindConflictError,
  type Store,
  allEntityKinds,
  importTemplate,
} from '@smart/store';
import {
  type Problem,
  TemplateLimitError,
  formatProblem,
  hasErrors,
  readLimitsFromEnv,
  readTemplate,
} from '@smart/templates';
import { progressBar } from './progress';

export interface ImportOutcome {
  ok: boolean;
  /** At most the first 1,000 problems (SMART_IMPORT_MAX_PROBLEMS), errors first. */
  problems: Problem[];
  /** Every problem found, listed or not. */
  problemCount: number;
  summary?: ImportSummary;
}

export async function importPath(
  store: Store,
  path: string,
  opts: { replace?: boolean; json?: boolean; actor?: string; quiet?: boolean },
): Promise<ImportOutcome> {
  const existing: ReadonlyMap<string, EntityKind> = await allEntityKinds(store);
  const reading = progressBar('Reading  ', !opts.json && !opts.quiet && process.stderr.isTTY === true);
  let read: Awaited<ReturnType<typeof readTemplate>>;
  try {
    read = await readTemplate(path, {
      existing,
      onProgress: (n) => reading.update(n, Math.max(n, 1)),
      limits: readLimitsFromEnv(),
    });
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
  const writing = progressBar('Importing', !opts.json && !opts.quiet && process.stderr.isTTY === true);
  try {
    const summary = await importTemplate(store, read.template, {
      replace: opts.replace,
      actor: opts.actor ?? `cli:${process.env.USER ?? 'unknown'}`,
      source: path,
      onProgress: (done, total) => writing.update(done, total),
    });
    return { ok: true, problems: read.problems, problemCount, summary };
  } catch (err) {
    if (err instanceof KindConflictError) {
      return {
        ok: false,
        problemCount: err.conflicts.length,
        problems: err.conflicts.map((c) => ({
          file: path,
          line: 0,
          column: 'id',
          message: `id '${c.id}' already belongs to a ${c.existingKind} in the database, not a ${c.templateKind}`,
          severity: 'error' as const,
        })),
      };
    }
    throw err;
  } finally {
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
  console.log(`Imported ${s.rows} rows.`);
  console.log('kind                created  updated  removed');
  for (const [kind, c] of Object.entries(s.byKind)) {
    console.log(
      `${kind.padEnd(18)} ${String(c.created).padStart(8)} ${String(c.updated).padStart(8)} ${String(c.removed).padStart(8)}`,
    );
  }
}
