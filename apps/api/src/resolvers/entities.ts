// Entity lookups, search, the explorer's neighbourhood, and edits.
import { ENTITY_KINDS, KIND_LABEL } from '@smart/domain';
import {
  type DependencyRecord,
  type EntityRecord,
  addDependency,
  deleteEntity,
  dependenciesOf,
  dependencyVersion,
  dependentsOf,
  entityVersion,
  previewDelete,
  relativesOf,
  removeDependency,
  resolveAliases,
  restoreEntities,
  searchEntities,
  searchHits,
  upsertEntity,
} from '@smart/store';
import { requireRole } from '../auth/roles';
import type { Context } from '../context';
import type { Resolvers } from '../generated/resolvers';
import { answering, badInput, boundedInt, notFound } from './failures';

async function mustExist(ctx: Context, id: string): Promise<EntityRecord> {
  const e = await ctx.entities.load(id);
  if (!e) throw notFound([id]);
  return e;
}

const related =
  (field: 'services' | 'workflows' | 'assets' | 'functions' | 'supportingWorkflows') =>
  async (e: EntityRecord, _args: unknown, ctx: Context) =>
    ctx.entities.loadMany((await relativesOf(ctx.store, e.id))[field]);

const owner =
  (field: 'supplierId' | 'organizationId') => async (e: EntityRecord, _args: unknown, ctx: Context) => {
    // An entity named by an analysis may carry only id, name and kind.
    const id = (await ctx.entities.full(e))[field];
    return id ? ctx.entities.load(id) : null;
  };

const version = async (e: EntityRecord, _args: unknown, ctx: Context) =>
  entityVersion(await ctx.entities.full(e));

export const entityResolvers: Resolvers = {
  // GraphQL type names are the Neo4j labels.
  Entity: { __resolveType: (e) => KIND_LABEL[e.kind] as never },
  Organization: { workflows: related('workflows'), assets: related('assets'), version },
  Supplier: { services: related('services'), version },
  Service: { supplier: owner('supplierId'), version },
  Asset: { organization: owner('organizationId'), version },
  Workflow: { organization: owner('organizationId'), functions: related('functions'), version },
  CriticalFunction: { workflows: related('supportingWorkflows'), version },
  Dependency: {
    from: (d, _a, ctx) => ctx.entities.get(d.from),
    to: (d, _a, ctx) => ctx.entities.get(d.to),
    version: (d) => dependencyVersion(d),
  },
  GraphEdge: { id: (e) => `${e.type}:${e.source}->${e.target}` },

  Query: {
    entity: async (_r, { id }, ctx) => {
      requireRole(ctx.principal, 'VIEWER');
      // An id merged away (mergeEntities) resolves to its survivor.
      const found = await ctx.entities.load(id);
      if (found) return found;
      const survivor = (await resolveAliases(ctx.store, [id])).get(id);
      return survivor ? ctx.entities.load(survivor) : null;
    },
    search: async (_r, { text, kinds, first }, ctx) => {
      requireRole(ctx.principal, 'VIEWER');
      const n = boundedInt('first', first, 20, 1, 100);
      if (text.length > 200) throw badInput('text', 'at most 200 characters');
      const labels = (kinds ?? []).map((k) => KIND_LABEL[k]);
      return ctx.entities.prime(await searchEntities(ctx.store, text, labels, n));
    },
    searchHits: async (_r, { text, kinds, first }, ctx) => {
      requireRole(ctx.principal, 'VIEWER');
      const n = boundedInt('first', first, 20, 1, 100);
      if (text.length > 200) throw badInput('text', 'at most 200 characters');
      const labels = (kinds ?? []).map((k) => KIND_LABEL[k]);
      const hits = await searchHits(ctx.store, text, labels, n);
      ctx.entities.prime(hits.map((h) => h.entity));
      return hits;
    },
    dependencies: async (_r, { id }, ctx) => {
      requireRole(ctx.principal, 'VIEWER');
      const e = await mustExist(ctx, id);
      const edges = await dependenciesOf(ctx.store, id);
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
              from: id,
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
      requireRole(ctx.principal, 'VIEWER');
      await mustExist(ctx, id);
      return dependentsOf(ctx.store, id, boundedInt('first', first, 100, 1, 1000));
    },
    deleteEntityPreview: async (_r, { id }, ctx) => {
      requireRole(ctx.principal, 'ANALYST');
      const preview = await previewDelete(ctx.store, id);
      if (!preview) throw notFound([id]);
      return { ...preview, entities: ctx.entities.prime(preview.entities) };
    },
    directDependents: (_r, { id }, ctx) => {
      requireRole(ctx.principal, 'VIEWER');
      // On the projection, as the ranking: one definition, one number (engine `directDependents`).
      return ctx.analysis.directDependents(id);
    },
    neighborhood: (_r, args, ctx) => {
      requireRole(ctx.principal, 'VIEWER');
      return ctx.analysis.neighborhood(args);
    },
  },

  Mutation: {
    upsertEntity: async (_r, { input, expectedVersion }, ctx) => {
      const who = requireRole(ctx.principal, 'ANALYST');
      if (!ENTITY_KINDS.includes(input.kind))
        throw badInput('input.kind', `must be one of ${ENTITY_KINDS.join(', ')}`);
      await answering(() => upsertEntity(ctx.store, input, who.username, expectedVersion));
      return (await ctx.entities.load(input.id)) ?? (await mustExist(ctx, input.id));
    },
    deleteEntity: async (_r, { id, expectedVersion }, ctx) => {
      const who = requireRole(ctx.principal, 'ANALYST');
      await answering(() => deleteEntity(ctx.store, id, who.username, expectedVersion));
      return true;
    },
    addDependency: async (_r, { input, expectedVersion, alternativeTo }, ctx) => {
      const who = requireRole(ctx.principal, 'ANALYST');
      return answering(() => addDependency(ctx.store, input, who.username, expectedVersion, alternativeTo));
    },
    removeDependency: async (_r, { from, to, expectedVersion }, ctx) => {
      const who = requireRole(ctx.principal, 'ANALYST');
      return answering(() => removeDependency(ctx.store, from, to, who.username, expectedVersion));
    },
    restoreEntities: async (_r, { input }, ctx) => {
      const who = requireRole(ctx.principal, 'ANALYST');
      for (const [i, e] of input.entities.entries())
        if (!ENTITY_KINDS.includes(e.kind))
          throw badInput(`input.entities[${i}].kind`, `must be one of ${ENTITY_KINDS.join(', ')}`);
      const ids = await answering(() => restoreEntities(ctx.store, input, who.username));
      return ctx.entities.loadMany(ids);
    },
  },
};
