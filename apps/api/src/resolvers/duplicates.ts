// Possible duplicates (issue 13): the engine's name matching over the projection, run
// in the analysis pool once per graph version and arguments.
import type { Resolvers } from '../generated/resolvers';
import { badInput, boundedInt } from './failures';

/** A candidate as the resolver hands it on: entity ids, resolved by DuplicateCandidate.entities. */
export interface DuplicateCandidateParent {
  ids: string[];
  score: number;
  evidence: string[];
}

export const duplicateResolvers: Resolvers = {
  DuplicateCandidate: {
    entities: (c, _x, ctx) => Promise.all(c.ids.map((id) => ctx.analysis.entity(id))),
  },
  Query: {
    duplicateCandidates: async (_r, { kinds, minScore, first }, ctx) => {
      const n = boundedInt('first', first, 50, 1, 500);
      const min = minScore ?? 0.6;
      if (!(Number.isFinite(min) && min >= 0 && min <= 1))
        throw badInput('minScore', 'must be a number from 0 to 1');
      const k = kinds?.length ? [...new Set(kinds)].sort() : ['SERVICE' as const, 'SUPPLIER' as const];
      const value = await ctx.analysis.duplicates(k, min);
      return value.slice(0, n);
    },
  },
};
