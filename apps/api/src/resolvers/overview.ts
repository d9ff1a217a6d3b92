// The sector overview (DESIGN.md §4): the engine's aggregation of the projection,
// run in the analysis pool once per graph version and grouping (members lists too),
// then paged.
import { DEFAULT_OVERVIEW, type OverviewDimension, overviewDimensionsByKind } from '@smart/engine';
import type { Resolvers } from '../generated/resolvers';
import { badInput, boundedInt } from './failures';

/** A member as the resolver hands it on: the entity is resolved from the projection. */
export interface OverviewMemberParent {
  id: string;
  links: number;
}

/**
 * The grouping, checked before anything is computed: one dimension per kind (the
 * engine's OverviewDimensionError reaches the client as bad `groupBy`, errors.ts).
 */
function checked(groupBy: readonly OverviewDimension[] | null | undefined): OverviewDimension[] {
  const dims = groupBy?.length ? [...new Set(groupBy)].sort() : [...DEFAULT_OVERVIEW];
  overviewDimensionsByKind(dims);
  return dims;
}

export const overviewResolvers: Resolvers = {
  OverviewMember: { entity: (m, _x, ctx) => ctx.analysis.entity(m.id) },
  Query: {
    sectorOverview: (_r, { groupBy }, ctx) => {
      return ctx.analysis.overview(checked(groupBy));
    },
    overviewMembers: async (_r, { key, groupBy, first, offset }, ctx) => {
      const dims = checked(groupBy);
      if (key.length > 300) throw badInput('key', 'at most 300 characters');
      const n = boundedInt('first', first, 50, 1, 500);
      const from = boundedInt('offset', offset, 0, 0, 10_000_000);
      const members = await ctx.analysis.overviewMembers(key, dims);
      const end = Math.min(members.length, from + n);
      return {
        totalCount: members.length,
        entities: members.slice(from, end),
        nextOffset: end < members.length ? end : null,
      };
    },
  },
};
