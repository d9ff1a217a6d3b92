// imports.graphql. importTemplate: an uploaded workbook or zip, validated in full before anything is
// written; the write is the same atomic import the CLI uses. A replace is ADMIN only and
// needs a complete template; a dry run is the real import rolled back, so its summary is
// exact. undoLastImport / lastImport: the undo snapshots (ADMIN). Reading is bounded
// (SecurityLimits.templateLimits): a zip bomb or an oversized table is refused as
// BAD_USER_INPUT, and dry runs meet the same limits. Dry runs and refusals leave an
// audit event of their own; an import's event is written with its data.
import { TEMPLATE_TABLE_NAMES, TEMPLATE_TABLES, type TemplateTableName } from '@smart/domain';
import type { ImportDiff, SnapshotInfo, SummaryKey } from '@smart/store';
import {
  type Problem,
  TemplateLimitError,
  contributionIds,
  contributionProblems,
  hasErrors,
  indexTemplate,
  type ReadResult,
  readTemplateBuffer,
  rowLocation,
  type TemplateIndex,
} from '@smart/templates';
import { signedIn } from '../auth/roles';
import { importReading, startImportReading } from '../import-reading';
import type { Resolvers, TemplateTable } from '../generated/resolvers';
import { badInput } from './failures';

export const MAX_UPLOAD_BYTES = 24 * 1024 * 1024;

const TABLE_OF_ENUM = Object.fromEntries(
  TEMPLATE_TABLE_NAMES.map((t) => [TEMPLATE_TABLES[t].sheet.toUpperCase(), t]),
) as Record<TemplateTable, TemplateTableName>;
const ENUM_OF_TABLE = Object.fromEntries(Object.entries(TABLE_OF_ENUM).map(([e, t]) => [t, e])) as Record<
  TemplateTableName,
  TemplateTable
>;

/** A diff with each field's values as JSON text (FieldChange.before/after). */
function jsonFields(d: ImportDiff) {
  const text = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));
  const fields = (fs: { field: string; before: unknown; after: unknown }[]) =>
    fs.map((f) => ({ field: f.field, before: text(f.before), after: text(f.after) }));
  return {
    entities: { ...d.entities, changed: d.entities.changed.map((c) => ({ ...c, fields: fields(c.fields) })) },
    dependencies: {
      ...d.dependencies,
      changed: d.dependencies.changed.map((c) => ({ ...c, fields: fields(c.fields) })),
    },
    conflicts: d.conflicts.map((c) => ({
      ...c,
      assertedBy: c.assertedBy.map((s) => ({ ...s, contact: null, note: null, recordedAt: null })),
    })),
  };
}

const snapshotOut = (s: SnapshotInfo) => ({ ...s, source: s.source ?? null });

export const importResolvers: Resolvers = {
  Query: {
    lastImport: async (_r, _a, ctx) => {
      const state = await ctx.importService.lastImport();
      return { snapshot: state.snapshot && snapshotOut(state.snapshot), blocked: state.blocked };
    },
    importInProgress: async (_r, _a, ctx) => {
      const who = signedIn(ctx.principal);
      const found = await ctx.importService.underWay();
      // A scoped user: only their own import (its source and counts say nothing of others').
      const j = found && (!ctx.scope.restricted || found.actor === who.username) ? found : null;
      // The caller's own import while it is read and validated (in this process), until
      // its write's journal appears; another's staged write does not hide it.
      const own = importReading(who.username);
      if (own && j?.actor !== who.username) {
        return {
          actor: own.actor,
          action: own.action,
          source: own.source,
          phase: own.phase,
          rowsRead: own.rowsRead,
          table: own.table && ENUM_OF_TABLE[own.table],
          rowsWritten: 0,
          rowsTotal: own.rowsTotal,
          startedAt: own.startedAt,
          heartbeatAt: new Date(own.heartbeatAt).toISOString(),
        };
      }
      if (!j) return null;
      return {
        actor: j.actor,
        action: j.action,
        source: j.source ?? null,
        phase: j.phase === 'snapshot' ? 'SNAPSHOT' : 'WRITING',
        // A journal exists once the file has been read and validated whole.
        rowsRead: j.total === null || j.total === undefined ? null : Number(j.total),
        table: null,
        rowsWritten: Number(j.written),
        rowsTotal: j.total === null || j.total === undefined ? null : Number(j.total),
        startedAt: j.startedAt,
        heartbeatAt: new Date(Number(j.heartbeatAt)).toISOString(),
      };
    },
  },
  Mutation: {
    undoLastImport: async (_r, _a, ctx) => {
      const who = signedIn(ctx.principal);
      // A refused undo (UndoError) is a CONFLICT, mapped in formatError (../errors.ts).
      const r = await ctx.importService.undoLastImport(who.username);
      return { ...r, undone: snapshotOut(r.undone), graphVersion: String(r.graphVersion) };
    },
    importTemplate: async (_r, { fileName, contentBase64, replace, dryRun, allowEmpty, submission }, ctx) => {
      const who = signedIn(ctx.principal);
      // Its read and validation show in importInProgress (this process only) until the write's journal does.
      const reading = startImportReading(who.username, replace ? 'import-replace' : 'import', fileName);
      try {
        // Checked first: a bad field is refused before the file is read (EditError → BAD_USER_INPUT).
        const recorded = submission ? ctx.importService.checkSubmission(submission, who.username) : undefined;
        if (!/\.(xlsx|zip|csv)$/i.test(fileName))
          throw badInput('fileName', 'must end in .xlsx, .zip or .csv');
        if (!/^[A-Za-z0-9+/=\s]*$/.test(contentBase64)) throw badInput('contentBase64', 'is not base64');
        const bytes = Buffer.from(contentBase64, 'base64');
        if (bytes.length > MAX_UPLOAD_BYTES)
          throw badInput('contentBase64', `the file is larger than ${MAX_UPLOAD_BYTES >> 20} MB`);
        // Merged-away ids count as their kind: they resolve to the survivor below.
        let existing = await ctx.importService.existingKinds();
        // A scoped user's template may reference only what they may see: another
        // organization's ids read as unknown, with the message of any unknown id.
        const v = ctx.scope.on(await ctx.analysis.graph());
        if (v) existing = new Map([...existing].filter(([id]) => v.sees(id)));
        const audit = (action: 'import-dry-run' | 'import-refused', details: unknown) =>
          ctx.importService.auditAttempt({ actor: who.username, action, source: fileName, details });
        // Read whole when the rows are needed here (a dry run's review, a scoped user's
        // check); otherwise checked keeping only the id index, the rows read again from the
        // upload's bytes as they are written (a staged import holds no rows; DESIGN §5).
        const whole = (dryRun ?? false) || Boolean(ctx.scope.organizations);
        let read: ReadResult | TemplateIndex;
        const readOptions = { existing, limits: ctx.templateLimits, onProgress: reading.progress };
        try {
          read = whole
            ? await readTemplateBuffer(fileName, new Uint8Array(bytes), readOptions)
            : await indexTemplate({ fileName, data: new Uint8Array(bytes) }, readOptions);
        } catch (err) {
          if (!(err instanceof TemplateLimitError)) throw err;
          await audit('import-refused', { dryRun: dryRun ?? false, bytes: bytes.length, limit: err.limit });
          throw badInput('contentBase64', err.message);
        }
        await ctx.importHooks?.afterRead?.(who.username);
        const version = () => ctx.importService.graphVersion();
        const refused = async (problems: Problem[], problemCount = problems.length) => {
          if (dryRun) await audit('import-dry-run', { ok: false, rows: read.rows, problemCount });
          return {
            ok: false,
            dryRun: dryRun ?? false,
            problems,
            problemCount,
            summary: [],
            rows: read.rows,
            graphVersion: await version(),
          };
        };
        if (hasErrors(read.problems)) return refused(read.problems, read.problemCount);
        // A user scoped to organizations imports their own organizations' rows only (issue 19).
        if (ctx.scope.organizations && 'template' in read) {
          const owners = await ctx.importService.owners(contributionIds(read.template));
          const outside = contributionProblems(read, { organizations: ctx.scope.organizations, owners });
          if (outside.length) return refused(outside);
        }
        const wholeFile = (message: string): Problem => ({
          file: fileName,
          line: 0,
          column: '',
          message,
          severity: 'error',
        });
        reading.writing();
        // Ids merged away (mergeEntities) are written onto their survivors.
        const importOptions = {
          replace: replace ?? false,
          dryRun: dryRun ?? false,
          tables: Object.keys(read.tables) as TemplateTableName[],
          allowEmpty: (allowEmpty ?? []).map((t) => TABLE_OF_ENUM[t]),
          snapshot: true,
          actor: who.username,
          source: fileName,
          submission: recorded,
          // An export's provenance table (an .xlsx sheet, a .zip's provenance.csv) written
          // back; not from a user scoped to organizations (it names other organizations' rows).
          provenance: ctx.scope.restricted ? undefined : read.provenance,
        };
        const outcome =
          'template' in read
            ? await ctx.importService.import(read.template, importOptions)
            : await ctx.importService.importStreamed(read, importOptions);
        const located = read;
        const locate = (table: TemplateTableName, row: number) =>
          'template' in located ? rowLocation(located, table, row) : located.location(table, row);
        if (!outcome.ok) {
          const r = outcome.refusal;
          if (r.kind === 'WHOLE') return refused([wholeFile(r.message)]);
          if (r.kind === 'STALE_REFERENCES')
            return refused(
              r.references.map((s) => ({
                ...locate(s.table, s.row),
                column: s.column,
                message: s.message,
                severity: 'error',
              })),
            );
          return refused(
            r.conflicts.map((c) => ({
              ...locate(c.table, c.row),
              column: 'id',
              message: `id '${c.id}' already belongs to a ${c.existingKind} in the database, not a ${c.templateKind}`,
              severity: 'error',
            })),
          );
        }
        const { summary } = outcome;
        if (summary.dryRun)
          await audit('import-dry-run', { ok: true, rows: read.rows, problemCount: read.problemCount });
        return {
          ok: true,
          dryRun: summary.dryRun,
          problems: read.problems,
          problemCount: read.problemCount,
          summary: (Object.keys(summary.byKind) as SummaryKey[]).map((kind) => ({
            kind,
            ...summary.byKind[kind],
          })),
          rows: summary.rows,
          graphVersion: await version(),
          submissionId: summary.submissionId,
          // A dry run's review against the map; none for a scoped reader (contributors name others).
          diff:
            summary.dryRun && !ctx.scope.restricted && 'template' in read
              ? jsonFields(
                  await ctx.importService.diff(read.template, {
                    replace: replace ?? false,
                    contributor: recorded?.contributor,
                  }),
                )
              : null,
        };
      } finally {
        reading.end();
      }
    },
  },
};
