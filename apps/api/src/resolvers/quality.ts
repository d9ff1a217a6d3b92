// Data quality (DESIGN.md §4): named Cypher checks run by the store, one transaction.
import { dataQuality } from '@smart/store';
import { requireRole } from '../auth/roles';
import type { Resolvers } from '../generated/resolvers';
import { answering, boundedInt } from './failures';

export const qualityResolvers: Resolvers = {
  DataQualitySample: { entity: (s, _x, ctx) => ctx.entities.get(s.id) },
  Query: {
    dataQuality: (_r, { samples }, ctx) => {
      requireRole(ctx.principal, 'VIEWER');
      const n = boundedInt('samples', samples, 10, 0, 100);
      return answering(() => dataQuality(ctx.store, { samples: n }));
    },
  },
};
