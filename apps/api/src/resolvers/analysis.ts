// analysis.graphql: paths and systemic risk, each one call to the request's
// AnalysisService (../analysis).
import type { Resolvers } from '../generated/resolvers';
import { auditPaths } from '../security/read-audit';

export const analysisResolvers: Resolvers = {
  // Entities named by an analysis come from its projection (see EntityLoader.ref).
  DependencyPath: {
    nodes: (p, _x, ctx) => Promise.all(p.nodes.map((id) => ctx.analysis.entity(id))),
    // Each hop a → b: b DEPENDS_ON a (failure flows along the path), else a DEPENDS_ON b
    // (a shortest path may go upstream); null for a structural hop. One read for all
    // the hops asking in this tick (EntityLoader.dependency).
    dependencies: (p, _x, ctx) =>
      Promise.all(
        p.nodes.slice(1).map(async (b, i) => {
          const a = p.nodes[i]!;
          const [down, up] = await Promise.all([
            ctx.entities.dependency(b, a),
            ctx.entities.dependency(a, b),
          ]);
          return down ?? up;
        }),
      ),
  },
  RiskRanking: {
    entity: (r, _x, ctx) => ctx.analysis.entity(r.id),
    capacityLoss: (r) => r.components.capacityLoss,
    // Suppressed below k for a scoped reader (issue 19); the Scope decides.
    organizationsAffected: (r, _x, ctx) => ctx.scope.count(r.organizationsAffected).value,
  },

  Query: {
    paths: async (_r, args, ctx) => {
      const found = await ctx.analysis.paths(args);
      // Paths into many organizations are a sensitive read (issue 19).
      await auditPaths(ctx, args.from, found);
      return found;
    },
    shortestPath: (_r, args, ctx) => {
      return ctx.analysis.shortestPath(args);
    },
    systemicRisk: (_r, args, ctx) => {
      return ctx.analysis.systemicRisk(args);
    },
  },
};
