// Alternatives and single points of failure (DESIGN.md §4, §8): computed by the engine
// on the projection, once per graph version and filter, then paged by `first`.
import type { Resolvers } from '../generated/resolvers';

export const alternativesResolvers: Resolvers = {
  DependencyAlternative: {
    organization: (r, _x, ctx) => ctx.analysis.entity(r.organizationId),
    dependent: (r, _x, ctx) => ctx.analysis.entity(r.dependentId),
    dependency: (r, _x, ctx) => ctx.analysis.entity(r.dependencyId),
    supplier: (r, _x, ctx) => (r.supplierId ? ctx.analysis.entity(r.supplierId) : null),
    alternatives: (r, _x, ctx) => Promise.all(r.alternatives.map((id) => ctx.analysis.entity(id))),
  },
  Query: {
    singlePointsOfFailure: (_r, args, ctx) => {
      return ctx.analysis.alternatives(args, true);
    },
    dependencyAlternatives: (_r, args, ctx) => {
      return ctx.analysis.alternatives(args, false);
    },
  },
};
