// dependencies.graphql: what an entity depends on and who depends on it, and the
// dependency edits.
import type { DependencyRecord, EntityRecord } from '@smart/store';
import { signedIn } from '../auth/roles';
import type { Context } from '../context';
import type { Resolvers } from '../generated/resolvers';
import { boundedInt, notFound } from './failures';

/** The entity, or the survivor of an id merged away (issue 13); else NOT_FOUND naming the id asked. */
async function mustExist(ctx: Context, id: string): Promise<EntityRecord> {
  const e = await ctx.entities.load(id);
  if (e) return e;
  const survivor = (await ctx.entityRepository.resolveAliases([id])).get(id);
  const s = survivor ? await ctx.entities.load(survivor) : null;
  if (!s) throw notFound([id]);
  return s;
}

/** The edges whose other end the principal may see (issue 19: another organization's are left out). */
async function visibleEdges(
  ctx: Context,
  edges: DependencyRecord[],
  end: 'from' | 'to',
): Promise<DependencyRecord[]> {
  if (!ctx.scope.restricted) return edges;
  const seen = await Promise.all(edges.map((d) => ctx.entities.load(d[end])));
  return edges.filter((_, i) => seen[i] !== null);
}

export const dependencyResolvers: Resolvers = {
  Dependency: {
    from: (d, _a, ctx) => ctx.entities.get(d.from),
    to: (d, _a, ctx) => ctx.entities.get(d.to),
    version: (d, _a, ctx) => ctx.entityRepository.dependencyVersion(d),
  },

  Query: {
    dependencies: async (_r, { id }, ctx) => {
      const e = await mustExist(ctx, id);
      const edges = await visibleEdges(ctx, await ctx.entityRepository.dependenciesOf(e.id), 'to');
      const groups = new Map<string, DependencyRecord[]>();
      for (const d of edges) {
        // An ungrouped edge is a group of its own.
        const key = d.group ? `g:${d.group}` : `e:${d.to}`;
        groups.set(key, [...(groups.get(key) ?? []), d]);
      }
      const out = [...groups.values()].map((alternatives) => ({
        group: alternatives[0]!.group,
        alternatives,
      }));
      // A service's supplier is an implicit dependency of its own (DESIGN.md §3).
      if (e.kind === 'SERVICE' && e.supplierId) {
        out.unshift({
          group: null,
          alternatives: [
            {
              from: e.id,
              to: e.supplierId,
              group: null,
              strength: 1,
              source: null,
              confidence: null,
              notes: 'provided by',
            },
          ],
        });
      }
      return out;
    },
    dependents: async (_r, { id, first }, ctx) => {
      const e = await mustExist(ctx, id);
      return visibleEdges(
        ctx,
        await ctx.entityRepository.dependentsOf(e.id, boundedInt('first', first, 100, 1, 1000)),
        'from',
      );
    },
    directDependents: (_r, { id }, ctx) => {
      // On the projection, as the ranking: one definition, one number (engine `directDependents`).
      return ctx.analysis.directDependents(id);
    },
  },

  Mutation: {
    addDependency: async (_r, { input, expectedVersion, alternativeTo }, ctx) => {
      const who = signedIn(ctx.principal);
      // A scoped analyst: a dependency from their own row to what they see (issue 19).
      await ctx.scope.checkWrite(
        ctx.entities,
        [{ argument: 'input.from', id: input.from }],
        [
          { argument: 'input.to', id: input.to },
          { argument: 'alternativeTo', id: alternativeTo },
        ],
      );
      return ctx.entityRepository.addDependency(input, who.username, expectedVersion, alternativeTo);
    },
    removeDependency: async (_r, { from, to, expectedVersion }, ctx) => {
      const who = signedIn(ctx.principal);
      await ctx.scope.checkWrite(
        ctx.entities,
        [{ argument: 'from', id: from }],
        [{ argument: 'to', id: to }],
      );
      return ctx.entityRepository.removeDependency(from, to, who.username, expectedVersion);
    },
  },
};
