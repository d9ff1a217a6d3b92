// Resolvers stay thin: check the role, call the store or the engine, shape the answer.
// Each file covers one part of the schema; they are merged here.
import { graphStats } from '@smart/store';
import { requireRole } from '../auth/roles';
import type { Resolvers } from '../generated/resolvers';
import { affectedResolvers } from './affected';
import { alternativesResolvers } from './alternatives';
import { duplicateResolvers } from './duplicates';
import { concentrationResolvers } from './concentration';
import { entityResolvers } from './entities';
import { impactResolvers } from './impact';
import { mergeResolvers as entityMergeResolvers } from './merge';
import { overviewResolvers } from './overview';
import { qualityResolvers } from './quality';
import { scenarioResolvers } from './scenarios';
import { templateResolvers } from './templates';
import { userResolvers } from './users';

const baseResolvers: Resolvers = {
  Query: {
    stats: (_root, _args, ctx) => {
      requireRole(ctx.principal, 'VIEWER');
      return graphStats(ctx.store);
    },
    viewer: (_root, _args, ctx) =>
      ctx.principal ? { username: ctx.principal.username, role: ctx.principal.role } : null,
  },
};

/** Merges resolver maps type by type (later maps add fields, never replace types). */
export function mergeResolvers(...maps: Resolvers[]): Resolvers {
  const out: Record<string, Record<string, unknown>> = {};
  for (const map of maps) {
    for (const [type, fields] of Object.entries(map)) out[type] = { ...out[type], ...(fields as object) };
  }
  return out as Resolvers;
}

export const resolvers: Resolvers = mergeResolvers(
  baseResolvers,
  entityResolvers,
  impactResolvers,
  scenarioResolvers,
  templateResolvers,
  userResolvers,
  alternativesResolvers,
  overviewResolvers,
  duplicateResolvers,
  qualityResolvers,
  affectedResolvers,
  concentrationResolvers,
  entityMergeResolvers,
);
