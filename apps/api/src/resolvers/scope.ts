// The fields scope.graphql adds (issue 19; the suppressed plain counts are resolved
// beside their types, in impact.ts and analysis.ts): counts of organizations as the reader may
// see them, the cut of a causal path, and the affected organizations as aggregates.
// What a scoped reader may see is decided by ../security/scope (Scope).
import { organizationRows } from '../reports/organizations';
import { affectedRows } from '../reports/affected';
import type { Resolvers } from '../generated/resolvers';
import { boundedInt } from './failures';

export const scopeResolvers: Resolvers = {
  Query: {
    readAudit: (_r, { first }, ctx) => {
      return ctx.userDirectory.readAudit(boundedInt('first', first, 50, 0, 1000));
    },
  },
  ImpactSummary: {
    organizationsAffectedCount: (s, _a, ctx) => ctx.scope.count(s.organizationsAffected),
  },
  RiskRanking: {
    organizationsAffectedCount: (r, _a, ctx) => ctx.scope.count(r.organizationsAffected),
  },
  Concentration: {
    organizationsReachedCount: (c, _a, ctx) => ctx.scope.count(c.organizationsReached),
  },
  Mitigation: {
    organizationsSparedCount: (m, _a, ctx) => ctx.scope.count(m.organizationsSpared),
  },
  ConcentrationCell: {
    // The cell as the store counted it (a number), as the reader may see it.
    organizationsCount: (c, _a, ctx) => ctx.scope.count(c.organizations ?? 0),
  },
  ImpactedEntity: {
    cutAtBoundary: (a) => ('cutAtBoundary' in a ? Boolean(a.cutAtBoundary) : false),
  },
  ImpactReport: {
    organizationGroups: async (report, _a, ctx) => {
      const graph = await ctx.analysis.graph();
      // Every affected entity of the sector: the groups are aggregates, not a list.
      const rows = organizationRows(graph, affectedRows(graph, report.sectorAffected ?? report.affected));
      const groups = new Map<
        string,
        { subsector: string | null; type: string | null; n: number; f: number; d: number }
      >();
      for (const r of rows) {
        const key = JSON.stringify([r.subsector, r.type]);
        const g = groups.get(key) ?? { subsector: r.subsector, type: r.type, n: 0, f: 0, d: 0 };
        g.n++;
        g.f += r.workflowsFailed;
        g.d += r.workflowsDegraded;
        groups.set(key, g);
      }
      return [...groups.values()]
        .sort(
          (a, b) =>
            b.n - a.n ||
            (a.subsector ?? '').localeCompare(b.subsector ?? '') ||
            (a.type ?? '').localeCompare(b.type ?? ''),
        )
        .map((g) => {
          const organizations = ctx.scope.count(g.n);
          return {
            subsector: g.subsector as never,
            type: g.type,
            organizations,
            workflowsFailed: organizations.suppressed ? null : g.f,
            workflowsDegraded: organizations.suppressed ? null : g.d,
          };
        });
    },
  },
};
