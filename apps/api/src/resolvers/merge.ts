// Merging duplicate entities (issue 13 item 5): preview, merge, undo. The work and its
// checks are the entity repository's (over packages/store/src/merge.ts).
import type { MergePreview } from '@smart/store';
import { signedIn } from '../auth/roles';
import type { Resolvers } from '../generated/resolvers';
import { badInput } from './failures';

const MAX_OTHERS = 100;

function checkOthers(others: readonly string[]): void {
  if (others.length > MAX_OTHERS) throw badInput('others', `at most ${MAX_OTHERS} entities per merge`);
}

function shaped(p: MergePreview) {
  const count = (...outcomes: string[]) => p.moves.filter((m) => outcomes.includes(m.outcome)).length;
  return {
    ...p,
    moved: count('MOVED'),
    merged: count('MERGED'),
    dropped: count('DROPPED_SELF', 'DROPPED_OWNER'),
  };
}

export const mergeResolvers: Resolvers = {
  Query: {
    mergePreview: async (_r, { survivor, others }, ctx) => {
      checkOthers(others);
      // Of rows the reader sees only (others NOT_FOUND as unknown, issue 19).
      await ctx.scope.checkWrite(
        ctx.entities,
        [],
        [survivor, ...others].map((id) => ({ argument: id === survivor ? 'survivor' : 'others', id })),
      );
      const preview = await ctx.entityRepository.previewMerge(survivor, others);
      ctx.entities.prime([preview.survivor, ...preview.others]);
      // A scoped reader sees the relationships between what they see (the version covers them all).
      const sees = await ctx.scope.seen(
        ctx.entities,
        preview.moves.flatMap((m) => [m.from, m.to]),
      );
      return shaped({ ...preview, moves: preview.moves.filter((m) => sees(m.from) && sees(m.to)) });
    },
  },
  Mutation: {
    mergeEntities: async (_r, { survivor, others, expectedVersion }, ctx) => {
      const who = signedIn(ctx.principal);
      checkOthers(others);
      await ctx.scope.checkWrite(
        ctx.entities,
        [survivor, ...others].map((id) => ({ argument: id === survivor ? 'survivor' : 'others', id })),
      );
      await ctx.entityRepository.merge(survivor, others, who.username, expectedVersion);
      const entity = await ctx.entities.load(survivor);
      if (!entity) throw badInput('survivor', `'${survivor}' was deleted meanwhile`);
      return entity;
    },
    undoMerge: async (_r, { survivor }, ctx) => {
      const who = signedIn(ctx.principal);
      await ctx.scope.checkWrite(ctx.entities, [{ argument: 'survivor', id: survivor }]);
      const ids = await ctx.entityRepository.undoMerge(survivor, who.username);
      return ctx.entities.loadMany(ids);
    },
  },
};
