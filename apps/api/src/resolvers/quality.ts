// Data quality (DESIGN.md §4): named Cypher checks run by the entity repository, one transaction.
import type { Resolvers } from '../generated/resolvers';
import { boundedInt } from './failures';

export const qualityResolvers: Resolvers = {
  DataQualitySample: { entity: (s, _x, ctx) => ctx.entities.get(s.id) },
  Query: {
    dataQuality: (_r, { samples, unconfirmedDays }, ctx) => {
      const n = boundedInt('samples', samples, 10, 0, 100);
      const days = boundedInt('unconfirmedDays', unconfirmedDays, 365, 1, 36_500);
      // A scoped reader's own organizations' rows and the catalogue only (issue 19).
      const orgs = ctx.scope.organizations;
      return ctx.entityRepository.dataQuality(n, orgs && [...orgs], days);
    },
  },
};
