// Alternatives and single points of failure (DESIGN.md §4, §8): computed by the engine
// on the projection, once per graph version and filter, then paged by `first`.
import { type AlternativesFilter, dependencyAlternatives } from '@smart/engine';
import { requireRole } from '../auth/roles';
import type { Context } from '../context';
import type { QuerySinglePointsOfFailureArgs, Resolvers } from '../generated/resolvers';
import { badInput, boundedInt } from './failures';

async function answer(ctx: Context, args: QuerySinglePointsOfFailureArgs, singleOnly: boolean) {
  requireRole(ctx.principal, 'VIEWER');
  const n = boundedInt('first', args.first, 100, 1, 1000);
  for (const key of ['category', 'organizationType', 'organization', 'dependent'] as const) {
    const v = args[key];
    if (v != null && v.length > 200) throw badInput(key, 'at most 200 characters');
  }
  const filter: AlternativesFilter = {
    category: args.category,
    subsector: args.subsector,
    organizationType: args.organizationType,
    organization: args.organization,
    dependent: args.dependent,
    singleOnly,
  };
  const { value, graph } = await ctx.projections.derive(
    `alternatives:${JSON.stringify(filter)}`,
    ({ graph }) => dependencyAlternatives(graph, filter),
  );
  ctx.entities.useProjection(graph);
  return value.slice(0, n);
}

export const alternativesResolvers: Resolvers = {
  DependencyAlternative: {
    organization: (r, _x, ctx) => ctx.entities.ref(r.organizationId),
    dependent: (r, _x, ctx) => ctx.entities.ref(r.dependentId),
    dependency: (r, _x, ctx) => ctx.entities.ref(r.dependencyId),
    supplier: (r, _x, ctx) => (r.supplierId ? ctx.entities.ref(r.supplierId) : null),
    alternatives: (r, _x, ctx) => Promise.all(r.alternatives.map((id) => ctx.entities.ref(id))),
  },
  Query: {
    singlePointsOfFailure: (_r, args, ctx) => answer(ctx, args, true),
    dependencyAlternatives: (_r, args, ctx) => answer(ctx, args, false),
  },
};
