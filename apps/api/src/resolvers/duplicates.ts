// Possible duplicates (issue 13): the engine's name matching over the projection,
// computed once per graph version and arguments, names resolved from the projection.
import { duplicateCandidates } from '@smart/engine';
import { requireRole } from '../auth/roles';
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
    entities: (c, _x, ctx) => Promise.all(c.ids.map((id) => ctx.entities.ref(id))),
  },
  Query: {
    duplicateCandidates: async (_r, { kinds, minScore, first }, ctx) => {
      requireRole(ctx.principal, 'VIEWER');
      const n = boundedInt('first', first, 50, 1, 500);
      const min = minScore ?? 0.6;
      if (!(Number.isFinite(min) && min >= 0 && min <= 1))
        throw badInput('minScore', 'must be a number from 0 to 1');
      const k = kinds?.length ? [...new Set(kinds)].sort() : ['SERVICE' as const, 'SUPPLIER' as const];
      // Kept for the largest page, so paging by `first` reuses one computation.
      const { value, graph } = await ctx.projections.derive(`duplicates:${k.join(',')}:${min}`, ({ graph }) =>
        duplicateCandidates(graph, { kinds: k, minScore: min, first: 500 }).map((c) => ({
          ids: c.nodes.map((m) => graph.ids[m]!),
          score: c.score,
          evidence: c.evidence,
        })),
      );
      ctx.entities.useProjection(graph);
      return value.slice(0, n);
    },
  },
};
