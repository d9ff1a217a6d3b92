// impact.graphql: one simulation. It is one call to the request's AnalysisService
// (../analysis), which applies the defaults, runs the engine in the worker pool on the
// current projection and resolves the entities it names; its tables are reports.ts.
import type { ExplainedEntity } from '@smart/engine';
import { type GraphQLResolveInfo, Kind, type SelectionSetNode } from 'graphql';
import type { ImpactReportParent } from '../analysis/service';
import type { Context } from '../context';
import type { ImpactInput, Resolvers } from '../generated/resolvers';
import { withInput } from './reports';

export type { ImpactReportParent } from '../analysis/service';

/** A critical function's capacity-loss reduction by a mitigation. */
export interface FunctionReductionParent {
  functionId: string;
  reduction: number;
}
export { MAX_CONCENTRATIONS, MAX_FAILED, MAX_RANKED } from '../analysis/service';

/** Runs one impact simulation on the current projection (used by scenarios too). */
export function runImpact(
  ctx: Context,
  input: ImpactInput,
  argument = 'input',
  opts: { rows?: boolean } = {},
): Promise<ImpactReportParent> {
  return ctx.analysis.impact(input, argument, opts);
}

/** The fields of an ImpactReport that need no affected row: the rest read the rows. */
const SUMMARY_FIELDS = new Set(['summary', 'graphVersion', '__typename']);

/**
 * Whether the selection of `impact` reads any affected row (every field of the report but
 * the summary does: tables, timeline, groups, maps); fragments are followed.
 */
export function asksForRows(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>): boolean {
  const seen = new Set<string>();
  const reads = (set: SelectionSetNode | undefined): boolean =>
    (set?.selections ?? []).some((s) => {
      if (s.kind === Kind.FIELD) return !SUMMARY_FIELDS.has(s.name.value);
      if (s.kind === Kind.INLINE_FRAGMENT) return reads(s.selectionSet);
      const name = s.name.value;
      if (seen.has(name)) return false;
      seen.add(name);
      return reads(info.fragments[name]?.selectionSet);
    });
  return info.fieldNodes.some((f) => reads(f.selectionSet));
}

export const impactResolvers: Resolvers = {
  // Entities named by an analysis come from its projection (see EntityLoader.ref).
  ImpactedEntity: {
    entity: (a, _x, ctx) => ctx.analysis.entity(a.id),
    reason: (a) => ('reasonText' in a ? (a as ExplainedEntity).reasonText : null),
    causalPath: (a, _x, ctx) => a.because.map((id) => ctx.entities.ref(id)),
  },
  FunctionImpact: { function: (f, _x, ctx) => ctx.analysis.entity(f.functionId) },
  // Counts of organizations as the reader may see them (issue 19; the Scope decides): a
  // count below k is null for a scoped reader, and a region or subsector of fewer than k
  // affected organizations is left out of the breakdowns (which then add up to less).
  ImpactSummary: {
    organizationsAffected: (s, _x, ctx) => ctx.scope.count(s.organizationsAffected).value,
    byRegion: (s, _x, ctx) => s.byRegion.filter((r) => !ctx.scope.count(r.organizationsAffected).suppressed),
    bySubsector: (s, _x, ctx) =>
      // The engine's subsector strings are the domain's Subsector values.
      s.bySubsector.filter((r) => !ctx.scope.count(r.organizationsAffected).suppressed) as never,
  },
  Mitigation: {
    // The change that is the mitigation; earlier ones only prepare it (a group label).
    change: (m) => m.changes[m.changes.length - 1]!,
    // Suppressed below k for a scoped reader (issue 19); the Scope decides.
    organizationsSpared: (m, _x, ctx) => ctx.scope.count(m.organizationsSpared).value,
  },
  FunctionReduction: { function: (f, _x, ctx) => ctx.analysis.entity(f.functionId) },

  Query: {
    impact: (_r, { input }, ctx, info) => {
      return runImpact(ctx, input, 'input', { rows: asksForRows(info) }).then((report) =>
        withInput(report, input),
      );
    },
    mitigations: (_r, { input, kinds, first, workaroundHours }, ctx) =>
      ctx.analysis.mitigations(input, { kinds, first, workaroundHours }),
    plan: (_r, { input, steps, kinds, workaroundHours }, ctx) =>
      ctx.analysis.mitigations(input, { kinds, workaroundHours, steps: steps ?? 3 }),
  },
};
