// concentration.graphql: fourth-party concentration, the supplier category × subsector
// matrix and its drill-down (the store's query mirrors the matrix's own pattern, so the
// drill-down's number is the cell's).
import type { Resolvers } from '../generated/resolvers';
import { badInput, boundedInt } from './failures';

export const concentrationResolvers: Resolvers = {
  ConcentrationMember: {
    organization: async (r, _a, ctx) => (await ctx.entities.load(r.organizationId))!,
    suppliers: async (r, _a, ctx) => ctx.entities.loadMany(r.supplierIds),
  },
  Concentration: {
    entity: (c, _x, ctx) => ctx.analysis.entity(c.id),
    // Suppressed below k for a scoped reader (issue 19); the Scope decides.
    organizationsReached: (c, _x, ctx) => ctx.scope.count(c.organizationsReached).value,
  },
  ConcentrationCell: {
    organizations: (c, _x, ctx) => ctx.scope.count(c.organizations ?? 0).value,
  },
  Query: {
    fourthPartyConcentration: (_r, args, ctx) => {
      return ctx.analysis.fourthPartyConcentration(args);
    },
    concentrationMatrix: (_r, _a, ctx) => {
      return ctx.analysis.concentrationMatrix();
    },
    concentrationOrganizations: async (_r, { supplierCategory, subsector, first }, ctx) => {
      if (supplierCategory.length > 200) throw badInput('supplierCategory', 'at most 200 characters');
      const n = boundedInt('first', first, 100, 1, 1000);
      // A scoped reader's own organizations only (issue 19); the cell's count is an aggregate.
      const orgs = ctx.scope.organizations;
      return ctx.entityRepository.concentrationOrganizations(
        { supplierCategory, subsector },
        n,
        orgs && [...orgs],
      );
    },
  },
};
