// impact.graphql: one simulation. It is one call to the request's AnalysisService
// (../analysis), which applies the defaults, runs the engine in the worker pool on the
// current projection and resolves the entities it names; its tables are reports.ts.
import type { ExplainedEntity } from '@smart/engine';
import { createRequire } from 'node:module';
import * as graphqlHere from 'graphql';
import { type FieldNode, type GraphQLResolveInfo, Kind, type SelectionSetNode } from 'graphql';
import type { ImpactReportParent } from '../analysis/service';
import type { Context } from '../context';
import type { ImpactInput, Resolvers } from '../generated/resolvers';
import type { ImpactReportAffectedArgs } from '../generated/resolvers';
import { affectedPageRequest, withInput } from './reports';

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
  opts: Parameters<Context['analysis']['impact']>[2] = {},
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

/**
 * The one `affected` field of `impact`'s selection when it is the only field that reads
 * rows (the explorer's table: summary and a page), else null. Conservative: a field
 * under a directive, or asked twice, leaves the whole list to the report's resolvers.
 */
export function onlyAffectedPage(
  info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>,
): FieldNode | null {
  const found: FieldNode[] = [];
  let other = false;
  const seen = new Set<string>();
  const walk = (set: SelectionSetNode | undefined) => {
    for (const s of set?.selections ?? []) {
      if (s.directives?.length) other = true;
      else if (s.kind === Kind.FIELD) {
        if (s.name.value === 'affected') found.push(s);
        else if (!SUMMARY_FIELDS.has(s.name.value)) other = true;
      } else if (s.kind === Kind.INLINE_FRAGMENT) walk(s.selectionSet);
      else if (!seen.has(s.name.value)) {
        seen.add(s.name.value);
        walk(info.fragments[s.name.value]?.selectionSet);
      }
    }
  };
  for (const f of info.fieldNodes) walk(f.selectionSet);
  return !other && found.length === 1 ? found[0]! : null;
}

// graphql is loaded twice in one process (tsx gives this file its ES module, Apollo and
// graphql-tools get the CommonJS one), and its functions refuse the other copy's types:
// the arguments are coerced by the copy the schema was built with.
const graphqlCjs = createRequire(import.meta.url)('graphql') as typeof graphqlHere;
const graphqlOf = (schema: GraphQLResolveInfo['schema']) =>
  [graphqlHere, graphqlCjs].find((g) => schema instanceof g.GraphQLSchema) ?? null;

/** The page of `affected` the request reads, when it reads no other row (see onlyAffectedPage). */
function pageAsked(info: GraphQLResolveInfo, input: ImpactInput) {
  const node = onlyAffectedPage(info);
  const graphql = graphqlOf(info.schema);
  const report = info.schema.getType('ImpactReport');
  const field = node && graphql?.isObjectType(report) ? report.getFields().affected : undefined;
  if (!node || !graphql || !field) return undefined;
  const args = graphql.getArgumentValues(field, node, info.variableValues) as ImpactReportAffectedArgs;
  return affectedPageRequest(input, args) ?? undefined;
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
      const rows = asksForRows(info);
      const page = rows ? pageAsked(info, input) : undefined;
      return runImpact(ctx, input, 'input', { rows, page }).then((report) => withInput(report, input));
    },
    mitigations: (_r, { input, kinds, first, workaroundHours }, ctx) =>
      ctx.analysis.mitigations(input, { kinds, first, workaroundHours }),
    plan: (_r, { input, steps, kinds, workaroundHours }, ctx) =>
      ctx.analysis.mitigations(input, { kinds, workaroundHours, steps: steps ?? 3 }),
  },
};
