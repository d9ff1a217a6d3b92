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
  Concentration: { entity: (c, _x, ctx) => ctx.analysis.entity(c.id) },
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
      return ctx.entityRepository.concentrationOrganizations({ supplierCategory, subsector }, n);
    },
  },
};
