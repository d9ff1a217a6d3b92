// Read audit (issue 19): sector-wide reads of sensitive views — an unscoped reader's
// full affected list or table of affected organizations, any CSV export, paths from one
// entity into k or more organizations — are recorded as AuditEvents (action "read-…")
// with who, what and when; ADMIN lists them (Query.readAudit). A scoped reader's views
// hold their own organizations only and are not audited (exports are). The events are
// written through the context's UserDirectory (the audit trail's owner), never the store.
import { ownerIdOf } from '@smart/engine';
import type { ReadAction } from '@smart/store';
import type { Context } from '../context';

// One event per report (or answer) and request, however many pages or fields ask.
const audited = new WeakMap<object, Set<ReadAction>>();

export async function auditRead(
  ctx: Pick<Context, 'principal' | 'userDirectory' | 'scope'>,
  key: object,
  action: ReadAction,
  target: string | null,
  details: unknown,
  { scopedToo = false } = {},
): Promise<void> {
  if (!ctx.principal || (ctx.scope.restricted && !scopedToo)) return;
  const done = audited.get(key) ?? new Set();
  if (done.has(action)) return;
  done.add(action);
  audited.set(key, done);
  await ctx.userDirectory.recordRead({ actor: ctx.principal.username, action, target, details });
}

/** Audits paths from `from` that reach `minGroup` or more organizations. */
export async function auditPaths(
  ctx: Context,
  from: string,
  paths: readonly { nodes: readonly string[] }[],
): Promise<void> {
  if (ctx.scope.restricted || paths.length === 0) return;
  const graph = await ctx.analysis.graph();
  const orgs = new Set<string>();
  for (const p of paths)
    for (const id of p.nodes) {
      const o = ownerIdOf(graph, id);
      if (o) orgs.add(o);
    }
  if (orgs.size >= ctx.scope.minGroup)
    await auditRead(ctx, paths, 'read-paths', from, { paths: paths.length, organizations: orgs.size });
}
