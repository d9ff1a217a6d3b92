// explorer.graphql: the neighbourhood of an entity, for the explorer canvas.
import type { Resolvers } from '../generated/resolvers';

export const explorerResolvers: Resolvers = {
  GraphEdge: { id: (e) => `${e.type}:${e.source}->${e.target}` },

  Query: {
    neighborhood: (_r, args, ctx) => {
      return ctx.analysis.neighborhood(args);
    },
  },
};
