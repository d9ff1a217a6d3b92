// The import service resolvers use (issue 15 item 2): what reading an uploaded template
// needs from the map (the kinds of the stored ids, their owners), the atomic import
// itself with its refusals as values, the audit of attempts that write nothing, and the
// undo of the last import. `Neo4jImportService` is the implementation over the store;
// resolver unit tests use an in-memory fake (apps/api/test/support/backends.ts).
import type { EntityKind, SubmissionInput, SubmissionRecord, Template } from '@smart/domain';
import {
  ImportTooLargeError,
  IncompleteTemplateError,
  type ImportOptions,
  type ImportSummary,
  type KindConflict,
  KindConflictError,
  type StaleReference,
  StaleReferenceError,
  type Store,
  type UndoResult,
  type UndoState,
  allEntityKinds,
  auditImportAttempt,
  entityOwners,
  type JournalInfo,
  checkSubmission,
  type ImportDiff,
  importDiff,
  importStreamed,
  importTemplate,
  importUnderWay,
  lastImport,
  resolveTemplateAliases,
  singleTransactionRows,
  type StagedTemplate,
  templateUsesAliases,
  undoLastImport,
  withAliasKinds,
} from '@smart/store';
import { templateOfIndex } from '@smart/templates';

/** Why an import wrote nothing, as a value the resolver turns into located problems. */
export type ImportRefusal =
  /** About the whole file: too large for one transaction, or a replace of an incomplete template. */
  | { kind: 'WHOLE'; message: string }
  /** References that held when the template was read and no longer did when it was written. */
  | { kind: 'STALE_REFERENCES'; references: StaleReference[] }
  /** Ids the database holds as another kind. */
  | { kind: 'KIND_CONFLICTS'; conflicts: KindConflict[] };

export type ImportOutcome = { ok: true; summary: ImportSummary } | { ok: false; refusal: ImportRefusal };

/** An import attempt that writes nothing else: a dry run or a refused upload. */
export interface ImportAttempt {
  actor: string;
  action: 'import-dry-run' | 'import-refused';
  /** The uploaded file's name. */
  source: string;
  details: unknown;
}

export interface ImportService {
  /** The kind of every stored id, merged-away ids under their kind (they resolve to the survivor). */
  existingKinds(): Promise<ReadonlyMap<string, EntityKind>>;
  /** The owning organization of each stored entity among `ids` (null: the catalogue). */
  owners(ids: readonly string[]): Promise<Map<string, string | null>>;
  /**
   * Writes the template in one transaction (a dry run rolls it back), ids merged away
   * written onto their survivors. A refusal about the data is returned, not thrown.
   */
  import(template: Template, options: ImportOptions): Promise<ImportOutcome>;
  /**
   * The same from a template read a batch at a time (@smart/templates indexTemplate): a
   * staged import streams it (the rows are read again from the upload, never held); one
   * of up to SMART_IMPORT_SINGLE_TX_ROWS rows, or one using ids merged away, reads it
   * whole and imports it as `import` does.
   */
  importStreamed(src: StagedTemplate, options: ImportOptions): Promise<ImportOutcome>;
  /** Records an attempt that writes nothing else (its own transaction). */
  auditAttempt(attempt: ImportAttempt): Promise<void>;
  /** The graph version now (what an import's answer reports). */
  graphVersion(): Promise<string>;
  /** The import an undo would revert, and why an undo would be refused now. */
  lastImport(): Promise<UndoState>;
  /** Reverts the last import; throws UndoError (CONFLICT) when it cannot. */
  undoLastImport(actor: string): Promise<UndoResult>;
  /**
   * What the template would change on the map, field by field, and its conflicts with
   * other contributors' submissions (a dry run's review); ids merged away as their survivors.
   */
  diff(template: Template, options: { replace: boolean; contributor?: string | null }): Promise<ImportDiff>;
  /** The staged import under way (its journal: phase, rows written of the total), or null. */
  underWay(): Promise<JournalInfo | null>;
  /** A submission's fields checked and completed for `actor` (EditError naming the field when bad). */
  checkSubmission(input: SubmissionInput, actor: string): SubmissionRecord;
}

/** An import's refusals about the data as values; anything else is thrown. */
async function refusals(run: () => Promise<ImportSummary>): Promise<ImportOutcome> {
  try {
    return { ok: true, summary: await run() };
  } catch (err) {
    if (err instanceof ImportTooLargeError || err instanceof IncompleteTemplateError)
      return { ok: false, refusal: { kind: 'WHOLE', message: err.message } };
    if (err instanceof StaleReferenceError)
      return { ok: false, refusal: { kind: 'STALE_REFERENCES', references: err.references } };
    if (err instanceof KindConflictError)
      return { ok: false, refusal: { kind: 'KIND_CONFLICTS', conflicts: err.conflicts } };
    throw err;
  }
}

export class Neo4jImportService implements ImportService {
  constructor(private readonly store: Store) {}

  async existingKinds() {
    return withAliasKinds(this.store, await allEntityKinds(this.store));
  }
  owners(ids: readonly string[]) {
    return entityOwners(this.store, ids);
  }
  async import(template: Template, options: ImportOptions): Promise<ImportOutcome> {
    return refusals(async () => {
      const resolved = await resolveTemplateAliases(this.store, template);
      return importTemplate(this.store, resolved.template, options);
    });
  }
  async importStreamed(src: StagedTemplate, options: ImportOptions): Promise<ImportOutcome> {
    const rows = Object.values(src.counts).reduce((n, c) => n + c, 0);
    if (rows <= singleTransactionRows() || (await templateUsesAliases(this.store, src)))
      return this.import(await templateOfIndex(src), options);
    return refusals(() => importStreamed(this.store, src, options));
  }
  auditAttempt(attempt: ImportAttempt) {
    return auditImportAttempt(this.store, attempt);
  }
  async graphVersion() {
    return String(await this.store.graphVersion());
  }
  lastImport() {
    return lastImport(this.store);
  }
  undoLastImport(actor: string) {
    return undoLastImport(this.store, { actor });
  }
  async diff(template: Template, options: { replace: boolean; contributor?: string | null }) {
    const resolved = await resolveTemplateAliases(this.store, template);
    return importDiff(this.store, resolved.template, options);
  }
  underWay() {
    return importUnderWay(this.store);
  }
  checkSubmission(input: SubmissionInput, actor: string) {
    return checkSubmission(input, actor);
  }
}
