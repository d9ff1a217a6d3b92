// The analysis queries: impact, paths, systemic risk, concentration. Each runs the
// engine on the projection of the current graph version.
import type { EntityKind } from '@smart/domain';
import {
  type ExplainedEntity,
  type ImpactResult,
  explainImpact,
  fourthPartyConcentration,
  impact,
  paths,
  shortestPath,
  systemicRisk,
} from '@smart/engine';
import { concentrationMatrix } from '@smart/store';
import { requireRole } from '../auth/roles';
import type { Context } from '../context';
import type { ImpactInput, Resolvers } from '../generated/resolvers';
import { withInput } from './affected';
import { answering, badInput, boundedInt, duration } from './failures';

export type ImpactReportParent = ImpactResult & { graphVersion: string };

export const MAX_FAILED = 1000;
/** Most rows a systemicRisk / fourthPartyConcentration request may ask for (and so the most cached). */
export const MAX_RANKED = 1000;
export const MAX_CONCENTRATIONS = 500;

/** Runs one impact simulation on the current projection (used by scenarios too). */
export async function runImpact(
  ctx: Context,
  input: ImpactInput,
  argument = 'input',
): Promise<ImpactReportParent> {
  if (input.failed.length === 0) throw badInput(`${argument}.failed`, 'name at least one failed entity');
  if (input.failed.length > MAX_FAILED)
    throw badInput(`${argument}.failed`, `at most ${MAX_FAILED} entities`);
  const durationHours = duration(`${argument}.durationHours`, input.durationHours);
  const { graph, version } = await ctx.projections.current();
  ctx.entities.useProjection(graph);
  const model = input.model ?? 'DISCRETE';
  const result = await answering(() =>
    impact(graph, {
      failed: input.failed.map((f) => ({ id: f.id, inoperability: f.inoperability })),
      durationHours,
      model,
    }),
  );
  // Each affected entity carries its reason in words (ImpactedEntity.reason).
  const affected = explainImpact(graph, result, { durationHours, model });
  return { ...result, affected, graphVersion: String(version) };
}

const kindsOf = (kinds: readonly EntityKind[] | null | undefined, fallback: EntityKind[]) =>
  kinds?.length ? [...kinds] : fallback;

export const impactResolvers: Resolvers = {
  // Entities named by an analysis come from its projection (see EntityLoader.ref).
  ImpactedEntity: {
    entity: (a, _x, ctx) => ctx.entities.ref(a.id),
    reason: (a) => ('reasonText' in a ? (a as ExplainedEntity).reasonText : null),
  },
  FunctionImpact: { function: (f, _x, ctx) => ctx.entities.ref(f.functionId) },
  DependencyPath: { nodes: (p, _x, ctx) => Promise.all(p.nodes.map((id) => ctx.entities.ref(id))) },
  RiskRanking: {
    entity: (r, _x, ctx) => ctx.entities.ref(r.id),
    capacityLoss: (r) => r.components.capacityLoss,
  },
  Concentration: { entity: (c, _x, ctx) => ctx.entities.ref(c.id) },

  Query: {
    impact: (_r, { input }, ctx) => {
      requireRole(ctx.principal, 'VIEWER');
      return runImpact(ctx, input).then((report) => withInput(report, input));
    },
    paths: async (_r, { from, toKinds, maxDepth, limit }, ctx) => {
      requireRole(ctx.principal, 'VIEWER');
      const depth = boundedInt('maxDepth', maxDepth, 6, 1, 12);
      const n = boundedInt('limit', limit, 100, 1, 1000);
      const { graph } = await ctx.projections.current();
      return answering(() =>
        paths(graph, from, { toKinds: kindsOf(toKinds, ['WORKFLOW']), maxDepth: depth, limit: n }),
      );
    },
    shortestPath: async (_r, { from, to }, ctx) => {
      requireRole(ctx.principal, 'VIEWER');
      const { graph } = await ctx.projections.current();
      ctx.entities.useProjection(graph);
      const nodes = await answering(() => shortestPath(graph, from, to, { direction: 'any' }));
      return nodes ? { nodes, length: nodes.length - 1 } : null;
    },
    systemicRisk: async (_r, { kinds, durationHours, first }, ctx) => {
      requireRole(ctx.principal, 'VIEWER');
      const k = kindsOf(kinds, ['SUPPLIER']);
      const n = boundedInt('first', first, 50, 1, MAX_RANKED);
      const hours = duration('durationHours', durationHours);
      // The ranking is computed once per graph version and argument set (while it stays
      // in the bounded cache); only the top MAX_RANKED are kept, as no request asks for more.
      const { value } = await ctx.projections.derive(
        `risk:${k.sort().join(',')}:${hours ?? 'inf'}`,
        ({ graph }) => systemicRisk(graph, { kinds: k, durationHours: hours, first: MAX_RANKED }),
      );
      return answering(() => value.slice(0, n));
    },
    fourthPartyConcentration: async (_r, { first }, ctx) => {
      requireRole(ctx.principal, 'VIEWER');
      const n = boundedInt('first', first, 20, 1, MAX_CONCENTRATIONS);
      const { value } = await ctx.projections.derive('fourth-party', ({ graph }) =>
        fourthPartyConcentration(graph, { first: MAX_CONCENTRATIONS }),
      );
      return value.slice(0, n);
    },
    concentrationMatrix: (_r, _a, ctx) => {
      requireRole(ctx.principal, 'VIEWER');
      return concentrationMatrix(ctx.store);
    },
  },
};
