// Resolvers stay thin: check the role, call the store or the engine, shape the answer.
import { graphStats } from '@smart/store';
import { requireRole } from '../auth/roles';
import type { Resolvers } from '../generated/resolvers';

export const resolvers: Resolvers = {
  Query: {
    stats: (_root, _args, ctx) => {
      requireRole(ctx.principal, 'VIEWER');
      return graphStats(ctx.store);
    },
    viewer: (_root, _args, ctx) =>
      ctx.principal ? { username: ctx.principal.username, role: ctx.principal.role } : null,
  },
};
