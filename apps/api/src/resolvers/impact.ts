// The analysis queries: impact, paths, systemic risk, concentration. Each is one
// call to the request's AnalysisService (../analysis), which applies the defaults,
// runs the engine in the worker pool on the current projection and resolves the
// entities it names.
import type { ExplainedEntity } from '@smart/engine';
import type { ImpactReportParent } from '../analysis/service';
import { requireRole } from '../auth/roles';
import type { Context } from '../context';
import type { ImpactInput, Resolvers } from '../generated/resolvers';
import { auditPaths } from '../security/read-audit';
import { withInput } from './affected';

export type { ImpactReportParent } from '../analysis/service';
export { MAX_CONCENTRATIONS, MAX_FAILED, MAX_RANKED } from '../analysis/service';

/** Runs one impact simulation on the current projection (used by scenarios too). */
export function runImpact(ctx: Context, input: ImpactInput, argument = 'input'): Promise<ImpactReportParent> {
  return ctx.analysis.impact(input, argument);
}

export const impactResolvers: Resolvers = {
  // Entities named by an analysis come from its projection (see EntityLoader.ref).
  ImpactedEntity: {
    entity: (a, _x, ctx) => ctx.analysis.entity(a.id),
    reason: (a) => ('reasonText' in a ? (a as ExplainedEntity).reasonText : null),
  },
  FunctionImpact: { function: (f, _x, ctx) => ctx.analysis.entity(f.functionId) },
  DependencyPath: { nodes: (p, _x, ctx) => Promise.all(p.nodes.map((id) => ctx.analysis.entity(id))) },
  RiskRanking: {
    entity: (r, _x, ctx) => ctx.analysis.entity(r.id),
    capacityLoss: (r) => r.components.capacityLoss,
  },
  Concentration: { entity: (c, _x, ctx) => ctx.analysis.entity(c.id) },

  Query: {
    impact: (_r, { input }, ctx) => {
      requireRole(ctx.principal, 'VIEWER');
      return runImpact(ctx, input).then((report) => withInput(report, input));
    },
    paths: async (_r, args, ctx) => {
      requireRole(ctx.principal, 'VIEWER');
      const found = await ctx.analysis.paths(args);
      await auditPaths(ctx, args.from, found);
      return found;
    },
    shortestPath: (_r, args, ctx) => {
      requireRole(ctx.principal, 'VIEWER');
      return ctx.analysis.shortestPath(args);
    },
    systemicRisk: (_r, args, ctx) => {
      requireRole(ctx.principal, 'VIEWER');
      return ctx.analysis.systemicRisk(args);
    },
    fourthPartyConcentration: (_r, args, ctx) => {
      requireRole(ctx.principal, 'VIEWER');
      return ctx.analysis.fourthPartyConcentration(args);
    },
    concentrationMatrix: (_r, _a, ctx) => {
      requireRole(ctx.principal, 'VIEWER');
      return ctx.analysis.concentrationMatrix();
    },
  },
};
