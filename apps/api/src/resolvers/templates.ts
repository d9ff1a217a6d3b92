// importTemplate: an uploaded workbook or zip, validated in full before anything is
// written; the write is the same atomic import the CLI uses. Reading is bounded
// (SecurityLimits.templateLimits): a zip bomb or an oversized table is refused as
// BAD_USER_INPUT, and dry runs meet the same limits. Dry runs and refusals leave an
// audit event of their own; an import's event is written with its data.
import {
  ImportTooLargeError,
  KindConflictError,
  allEntityKinds,
  auditImportAttempt,
  importTemplate,
} from '@smart/store';
import { TemplateLimitError, hasErrors, readTemplateBuffer } from '@smart/templates';
import { requireRole } from '../auth/roles';
import type { Resolvers } from '../generated/resolvers';
import { badInput } from './failures';

export const MAX_UPLOAD_BYTES = 24 * 1024 * 1024;

export const templateResolvers: Resolvers = {
  Mutation: {
    importTemplate: async (_r, { fileName, contentBase64, replace, dryRun }, ctx) => {
      const who = requireRole(ctx.principal, 'ANALYST');
      if (!/\.(xlsx|zip|csv)$/i.test(fileName)) throw badInput('fileName', 'must end in .xlsx, .zip or .csv');
      if (!/^[A-Za-z0-9+/=\s]*$/.test(contentBase64)) throw badInput('contentBase64', 'is not base64');
      const bytes = Buffer.from(contentBase64, 'base64');
      if (bytes.length > MAX_UPLOAD_BYTES)
        throw badInput('contentBase64', `the file is larger than ${MAX_UPLOAD_BYTES >> 20} MB`);
      const existing = await allEntityKinds(ctx.store);
      const audit = (action: 'import-dry-run' | 'import-refused', details: unknown) =>
        auditImportAttempt(ctx.store, { actor: who.username, action, source: fileName, details });
      let read: Awaited<ReturnType<typeof readTemplateBuffer>>;
      try {
        read = await readTemplateBuffer(fileName, new Uint8Array(bytes), {
          existing,
          limits: ctx.templateLimits,
        });
      } catch (err) {
        if (!(err instanceof TemplateLimitError)) throw err;
        await audit('import-refused', { dryRun: dryRun ?? false, bytes: bytes.length, limit: err.limit });
        throw badInput('contentBase64', err.message);
      }
      const version = async () => String(await ctx.store.graphVersion());
      const problemCount = read.problemCount;
      if (dryRun)
        await audit('import-dry-run', { ok: !hasErrors(read.problems), rows: read.rows, problemCount });
      if (hasErrors(read.problems) || dryRun) {
        return {
          ok: !hasErrors(read.problems),
          dryRun: dryRun ?? false,
          problems: read.problems,
          problemCount,
          summary: [],
          rows: read.rows,
          graphVersion: await version(),
        };
      }
      try {
        const summary = await importTemplate(ctx.store, read.template, {
          replace: replace ?? false,
          actor: who.username,
          source: fileName,
        });
        return {
          ok: true,
          dryRun: false,
          problems: read.problems,
          problemCount,
          summary: Object.entries(summary.byKind).map(([kind, c]) => ({ kind, ...c })),
          rows: summary.rows,
          graphVersion: await version(),
        };
      } catch (err) {
        if (err instanceof ImportTooLargeError) {
          const problem = { file: fileName, line: 0, column: '', message: err.message, severity: 'error' };
          return {
            ok: false,
            dryRun: false,
            problems: [problem],
            problemCount: 1,
            summary: [],
            rows: read.rows,
            graphVersion: await version(),
          };
        }
        if (!(err instanceof KindConflictError)) throw err;
        const problems = err.conflicts.map((c) => ({
          file: fileName,
          line: 0,
          column: 'id',
          message: `id '${c.id}' already belongs to a ${c.existingKind} in the database, not a ${c.templateKind}`,
          severity: 'error',
        }));
        return {
          ok: false,
          dryRun: false,
          problems,
          problemCount: problems.length,
          summary: [],
          rows: read.rows,
          graphVersion: await version(),
        };
      }
    },
  },
};
