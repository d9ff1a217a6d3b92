// Saved what-ifs and their comparison; each report is computed on the current graph.
import {
  type ChangeTotals,
  IMPACT_DEFAULTS,
  type ImpactComparison,
  type ImpactedEntity,
} from '@smart/engine';
import type { ScenarioRecord } from '@smart/store';
import { GraphQLError } from 'graphql';
import { signedIn } from '../auth/roles';
import { MAX_SCENARIOS_LISTED } from '../backends/scenarios';
import type { Context } from '../context';
import type { Resolvers } from '../generated/resolvers';
import { badInput, boundedInt } from './failures';
import { withInput } from './reports';
import { impactArgs } from '../analysis/service';
import { runImpact } from './impact';

export interface FunctionComparisonParent {
  functionId: string;
  capacityLossA: number;
  capacityLossB: number;
}
export interface ComparisonParent {
  a: ScenarioRecord;
  b: ScenarioRecord;
  onlyA: ImpactedEntity[];
  onlyB: ImpactedEntity[];
  both: number;
  functions: FunctionComparisonParent[];
  changes: ImpactComparison['changes'];
  changeTotals: ChangeTotals;
  byOrganization: ImpactComparison['byOrganization'];
}

const reportOf = (s: ScenarioRecord, ctx: Context) => {
  const input = { failed: s.failed, durationHours: s.durationHours, model: s.model, changes: s.changes };
  return runImpact(ctx, input, 'scenario').then((report) => withInput(report, input));
};

async function mustFind(ctx: Context, id: string, argument: string): Promise<ScenarioRecord> {
  const s = await ctx.scenarioRepository.byId(id);
  // One out of the reader's scope reads as unknown (issue 19).
  if (!s || !ctx.scope.seesScenario(s))
    throw new GraphQLError(`${argument}: no scenario has id '${id}'`, {
      extensions: { code: 'NOT_FOUND', argument },
    });
  return s;
}

export const scenarioResolvers: Resolvers = {
  Scenario: { report: (s, _a, ctx) => reportOf(s, ctx) },
  FunctionComparison: { function: (f, _a, ctx) => ctx.entities.get(f.functionId) },
  EntityChange: { entity: (x, _a, ctx) => ctx.analysis.entity(x.id) },
  ChangeTotals: {
    onlyA: (t) => t.ONLY_A,
    onlyB: (t) => t.ONLY_B,
    degradedToFailed: (t) => t.DEGRADED_TO_FAILED,
    failedToDegraded: (t) => t.FAILED_TO_DEGRADED,
    earlierInB: (t) => t.EARLIER_IN_B,
    laterInB: (t) => t.LATER_IN_B,
  },
  OrganizationChanges: {
    organization: (o, _a, ctx) => (o.organizationId === null ? null : ctx.analysis.entity(o.organizationId)),
  },
  Query: {
    scenarios: (_r, { first }, ctx) => {
      const orgs = ctx.scope.organizations;
      return ctx.scenarioRepository.list(
        boundedInt('first', first, MAX_SCENARIOS_LISTED, 1, MAX_SCENARIOS_LISTED),
        orgs && [...orgs],
      );
    },
    scenario: async (_r, { id }, ctx) => {
      const s = await ctx.scenarioRepository.byId(id);
      return s && ctx.scope.seesScenario(s) ? s : null;
    },
    compareScenarios: async (_r, { a, b }, ctx) => {
      // Both read at once; when both are missing, the error names `a` (the first argument), not
      // whichever read failed first, so the same request always gets the same answer.
      const [foundA, foundB] = await Promise.allSettled([mustFind(ctx, a, 'a'), mustFind(ctx, b, 'b')]);
      if (foundA.status === 'rejected') throw foundA.reason;
      if (foundB.status === 'rejected') throw foundB.reason;
      const [sa, sb] = [foundA.value, foundB.value];
      // Both reports and their comparison come from one projection (one task).
      // For a scoped reader: the entities and organizations they see only.
      const { a: ra, b: rb, diff } = await ctx.analysis.compare(sa, sb);
      const inA = new Set(ra.affected.map((x) => x.id));
      const inB = new Set(rb.affected.map((x) => x.id));
      const loss = new Map<string, FunctionComparisonParent>();
      for (const f of ra.summary.functions)
        loss.set(f.functionId, { functionId: f.functionId, capacityLossA: f.capacityLoss, capacityLossB: 0 });
      for (const f of rb.summary.functions) {
        const row = loss.get(f.functionId) ?? {
          functionId: f.functionId,
          capacityLossA: 0,
          capacityLossB: 0,
        };
        row.capacityLossB = f.capacityLoss;
        loss.set(f.functionId, row);
      }
      return {
        a: sa,
        b: sb,
        onlyA: ra.affected.filter((x) => !inB.has(x.id)),
        onlyB: rb.affected.filter((x) => !inA.has(x.id)),
        both: ra.affected.filter((x) => inB.has(x.id)).length,
        functions: [...loss.values()].sort((x, y) => x.functionId.localeCompare(y.functionId)),
        changes: diff.changes,
        changeTotals: diff.totals,
        byOrganization: diff.byOrganization,
      };
    },
  },
  Mutation: {
    saveScenario: async (_r, { input }, ctx) => {
      const who = signedIn(ctx.principal);
      const name = input.name.trim();
      if (!name || name.length > 200)
        throw badInput('input.name', 'a name of 1 to 200 characters is required');
      // Validate by running it once: unknown ids and bad durations are refused before saving.
      await runImpact(ctx, input.impact, 'input.impact');
      // Stored with the defaults applied, so a later change of a default leaves it as saved.
      const args = impactArgs(input.impact, 'input.impact');
      return ctx.scenarioRepository.save({
        name,
        failed: args.failed.map((f) => ({
          id: f.id,
          inoperability: f.inoperability ?? IMPACT_DEFAULTS.inoperability,
        })),
        durationHours: args.durationHours ?? null,
        model: args.model,
        changes: args.changes,
        notes: input.notes ?? null,
        author: who.username,
        // Its author's scope (issue 19): who else may see it.
        authorOrganizations: ctx.scope.organizations ? [...ctx.scope.organizations] : [],
      });
    },
    deleteScenario: async (_r, { id }, ctx) => {
      const who = signedIn(ctx.principal);
      const s = await ctx.scenarioRepository.byId(id);
      // One out of the reader's scope is left alone, as an unknown id (false).
      if (s && !ctx.scope.seesScenario(s)) return false;
      return ctx.scenarioRepository.delete(id, who.username);
    },
  },
};
