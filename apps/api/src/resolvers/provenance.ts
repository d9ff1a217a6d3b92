// provenance.graphql: Entity.provenance and Dependency.provenance (issue 13 item 3).
// A reader scoped to organizations sees none: a contributor names another organization.
import type { EntityRecord } from '@smart/store';
import type { Context } from '../context';
import type { Resolvers } from '../generated/resolvers';

const ofEntity = async (e: EntityRecord, _a: unknown, ctx: Context) =>
  ctx.scope.restricted ? [] : ((await ctx.entityRepository.entityProvenance([e.id])).get(e.id) ?? []);

export const provenanceResolvers: Resolvers = {
  Organization: { provenance: ofEntity },
  Supplier: { provenance: ofEntity },
  Service: { provenance: ofEntity },
  Asset: { provenance: ofEntity },
  Workflow: { provenance: ofEntity },
  CriticalFunction: { provenance: ofEntity },
  Dependency: {
    provenance: async (d, _a, ctx) =>
      ctx.scope.restricted
        ? [] // One edge asked: its entry is the map's only one.
        : ((await ctx.entityRepository.dependencyProvenance([d])).values().next().value ?? []),
  },
};
