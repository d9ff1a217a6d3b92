// entities.graphql: entity lookups, search, counts, and entity edits.
import { ENTITY_KINDS, KIND_LABEL } from '@smart/domain';
import type { EntityRecord } from '@smart/store';
import { signedIn } from '../auth/roles';
import type { Context } from '../context';
import type { Resolvers } from '../generated/resolvers';
import { badInput, boundedInt, notFound } from './failures';

async function mustExist(ctx: Context, id: string): Promise<EntityRecord> {
  const e = await ctx.entities.load(id);
  if (!e) throw notFound([id]);
  return e;
}

const related =
  (field: 'services' | 'workflows' | 'assets' | 'functions' | 'supportingWorkflows') =>
  async (e: EntityRecord, _args: unknown, ctx: Context) =>
    ctx.entities.loadMany((await ctx.entities.relatives(e.id))[field]);

const owner =
  (field: 'supplierId' | 'organizationId') => async (e: EntityRecord, _args: unknown, ctx: Context) => {
    // An entity named by an analysis may carry only id, name and kind.
    const id = (await ctx.entities.full(e))[field];
    return id ? ctx.entities.load(id) : null;
  };

const version = async (e: EntityRecord, _args: unknown, ctx: Context) =>
  ctx.entityRepository.entityVersion(await ctx.entities.full(e));

export const entityResolvers: Resolvers = {
  // GraphQL type names are the Neo4j labels.
  Entity: { __resolveType: (e) => KIND_LABEL[e.kind] as never },
  Organization: { workflows: related('workflows'), assets: related('assets'), version },
  Supplier: { services: related('services'), version },
  Service: { supplier: owner('supplierId'), version },
  Asset: { organization: owner('organizationId'), version },
  Workflow: { organization: owner('organizationId'), functions: related('functions'), version },
  CriticalFunction: { workflows: related('supportingWorkflows'), version },

  Query: {
    stats: (_root, _args, ctx) => {
      return ctx.entityRepository.stats();
    },
    entity: async (_r, { id }, ctx) => {
      // An id merged away (mergeEntities) resolves to its survivor.
      const found = await ctx.entities.load(id);
      if (found) return found;
      const survivor = (await ctx.entityRepository.resolveAliases([id])).get(id);
      return survivor ? ctx.entities.load(survivor) : null;
    },
    search: async (_r, { text, kinds, first }, ctx) => {
      const n = boundedInt('first', first, 20, 1, 100);
      if (text.length > 200) throw badInput('text', 'at most 200 characters');
      const labels = (kinds ?? []).map((k) => KIND_LABEL[k]);
      const hits = await ctx.entityRepository.search(text, labels, n);
      return ctx.entities.prime(hits.map((h) => h.entity));
    },
    searchHits: async (_r, { text, kinds, first }, ctx) => {
      const n = boundedInt('first', first, 20, 1, 100);
      if (text.length > 200) throw badInput('text', 'at most 200 characters');
      const labels = (kinds ?? []).map((k) => KIND_LABEL[k]);
      const hits = await ctx.entityRepository.search(text, labels, n);
      ctx.entities.prime(hits.map((h) => h.entity));
      return hits.filter((h) => ctx.entities.sees(h.entity));
    },
    deleteEntityPreview: async (_r, { id }, ctx) => {
      // Out of scope: NOT_FOUND as unknown (issue 19).
      await ctx.scope.checkWrite(ctx.entities, [], [{ argument: 'id', id }]);
      const preview = await ctx.entityRepository.previewDelete(id);
      if (!preview) throw notFound([id]);
      const entities = ctx.entities.prime(preview.entities);
      // A scoped reader sees the rows between what they see (the version covers them all).
      const sees = await ctx.scope.seen(
        ctx.entities,
        preview.dependencies.flatMap((d) => [d.from, d.to]),
      );
      return {
        ...preview,
        entities,
        dependencies: preview.dependencies.filter((d) => sees(d.from) && sees(d.to)),
        functionLinks: preview.functionLinks.filter((l) => entities.some((e) => e.id === l.workflowId)),
      };
    },
  },

  Mutation: {
    upsertEntity: async (_r, { input, expectedVersion }, ctx) => {
      const who = signedIn(ctx.principal);
      if (!ENTITY_KINDS.includes(input.kind))
        throw badInput('input.kind', `must be one of ${ENTITY_KINDS.join(', ')}`);
      await ctx.scope.checkWrite(ctx.entities, [
        {
          argument: 'input.id',
          id: input.id,
          becomes: { kind: input.kind, organizationId: input.organizationId },
        },
      ]);
      // An id merged away is written onto (and answered as) its survivor.
      const id = await ctx.entityRepository.upsert(input, who.username, expectedVersion);
      return (await ctx.entities.load(id)) ?? (await mustExist(ctx, id));
    },
    deleteEntity: async (_r, { id, expectedVersion }, ctx) => {
      const who = signedIn(ctx.principal);
      await ctx.scope.checkWrite(ctx.entities, [{ argument: 'id', id }]);
      await ctx.entityRepository.delete(id, who.username, expectedVersion);
      return true;
    },
    restoreEntities: async (_r, { input }, ctx) => {
      const who = signedIn(ctx.principal);
      for (const [i, e] of input.entities.entries())
        if (!ENTITY_KINDS.includes(e.kind))
          throw badInput(`input.entities[${i}].kind`, `must be one of ${ENTITY_KINDS.join(', ')}`);
      // A scoped analyst restores their own rows, linked to what they see (issue 19).
      const restored = new Set(input.entities.map((e) => e.id));
      await ctx.scope.checkWrite(
        ctx.entities,
        [
          ...input.entities.map((e, i) => ({
            argument: `input.entities[${i}].id`,
            id: e.id,
            becomes: { kind: e.kind, organizationId: e.organizationId },
          })),
          ...input.dependencies
            .map((d, i) => ({ argument: `input.dependencies[${i}].from`, id: d.from }))
            .filter((w) => !restored.has(w.id)),
          ...input.functionLinks
            .map((l, i) => ({ argument: `input.functionLinks[${i}].workflowId`, id: l.workflowId }))
            .filter((w) => !restored.has(w.id)),
        ],
        [
          ...input.dependencies.map((d, i) => ({ argument: `input.dependencies[${i}].to`, id: d.to })),
          ...input.functionLinks.map((l, i) => ({
            argument: `input.functionLinks[${i}].functionId`,
            id: l.functionId,
          })),
        ].filter((r) => !restored.has(r.id)),
      );
      const ids = await ctx.entityRepository.restore(input, who.username);
      return ctx.entities.loadMany(ids);
    },
  },
};
