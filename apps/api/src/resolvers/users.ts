// Users, tokens and the audit trail (ADMIN). Every change writes an AuditEvent in its
// own transaction (see @smart/store users.ts); a revocation takes effect at once in
// this process and within about a second in every other.
import type { Role } from '@smart/domain';
import {
  MAX_SIGN_IN_CODE_TTL_SECONDS,
  auditCursor,
  createUser,
  deleteUser,
  issueSignInCode,
  listAuditEvents,
  listAuditPage,
  listUsers,
  recordTokenIssued,
  revokeSignInCode,
  revokeTokenId,
  revokeUserTokens,
  setUserPassword,
  setUserRole,
} from '@smart/store';
import { GraphQLError } from 'graphql';
import { revocationsFor } from '../auth/revocation';
import { signedIn } from '../auth/roles';
import { MAX_TOKEN_TTL_SECONDS, issueTokenWithInfo } from '../auth/tokens';
import type { Resolvers } from '../generated/resolvers';

function badInput(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
}

export const userResolvers: Resolvers = {
  Query: {
    viewer: (_root, _args, ctx) =>
      ctx.principal
        ? {
            username: ctx.principal.username,
            role: ctx.principal.role,
            organizations: [...(ctx.scope.organizations ?? [])],
          }
        : null,
    users: (_root, _args, ctx) => {
      return listUsers(ctx.store);
    },
    auditEvents: async (_root, args, ctx) => {
      const first = args.first ?? 50;
      if (!Number.isInteger(first) || first < 0 || first > 1000)
        throw badInput('first is between 0 and 1000');
      return listAuditEvents(ctx.store, first);
    },
    auditLog: async (_root, args, ctx) => {
      const page = await listAuditPage(ctx.store, args.first ?? 50, args.after ?? null);
      return {
        edges: page.events.map((node) => ({ cursor: auditCursor(node), node })),
        pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
      };
    },
  },
  Mutation: {
    createUser: (_root, args, ctx) => {
      const who = signedIn(ctx.principal);
      return createUser(
        ctx.store,
        { username: args.username, password: args.password, role: args.role },
        who.username,
      );
    },
    deleteUser: async (_root, args, ctx) => {
      const who = signedIn(ctx.principal);
      const deleted = await deleteUser(ctx.store, args.username, who.username);
      if (deleted) revocationsFor(ctx.store).noteRevokedUser(args.username, Date.now());
      return deleted;
    },
    setUserRole: async (_root, args, ctx) => {
      const who = signedIn(ctx.principal);
      const user = await setUserRole(ctx.store, args.username, args.role, who.username);
      revocationsFor(ctx.store).noteRevokedUser(args.username, Date.now());
      return user;
    },
    setUserPassword: async (_root, args, ctx) => {
      const who = signedIn(ctx.principal);
      await setUserPassword(ctx.store, args.username, args.password, who.username);
      revocationsFor(ctx.store).noteRevokedUser(args.username, Date.now());
      return true;
    },
    issueToken: async (_root, args, ctx) => {
      const who = signedIn(ctx.principal);
      const ttlHours = args.ttlHours ?? 720;
      if (!Number.isFinite(ttlHours) || ttlHours <= 0 || ttlHours * 3600 > MAX_TOKEN_TTL_SECONDS)
        throw badInput(`ttlHours is more than 0 and at most ${MAX_TOKEN_TTL_SECONDS / 3600}`);
      const role = args.role as Role;
      const username = args.username ?? `token-${role.toLowerCase()}`;
      if (!/^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/.test(username))
        throw badInput('a username is 1–64 letters, digits, dots, dashes, underscores or @');
      const issued = await issueTokenWithInfo({ username, role, ttlSeconds: Math.round(ttlHours * 3600) });
      await recordTokenIssued(ctx.store, issued, who.username);
      return {
        token: issued.token,
        jti: issued.jti,
        username: issued.username,
        role: issued.role,
        expiresAt: new Date(issued.expiresAtMs).toISOString(),
      };
    },
    revokeToken: async (_root, args, ctx) => {
      const who = signedIn(ctx.principal);
      await revokeTokenId(ctx.store, args.jti, who.username);
      revocationsFor(ctx.store).noteRevokedToken(args.jti);
      return true;
    },
    issueSignInCode: async (_root, args, ctx) => {
      const who = signedIn(ctx.principal);
      const ttlMinutes = args.ttlMinutes ?? 10;
      if (!Number.isFinite(ttlMinutes) || ttlMinutes <= 0 || ttlMinutes * 60 > MAX_SIGN_IN_CODE_TTL_SECONDS)
        throw badInput(`ttlMinutes is more than 0 and at most ${MAX_SIGN_IN_CODE_TTL_SECONDS / 60}`);
      const issued = await issueSignInCode(
        ctx.store,
        { username: args.username, role: args.role as Role, ttlSeconds: Math.round(ttlMinutes * 60) },
        who.username,
      );
      return {
        code: issued.code,
        id: issued.id,
        username: issued.username,
        role: issued.role,
        expiresAt: new Date(issued.expiresAtMs).toISOString(),
      };
    },
    revokeSignInCode: async (_root, args, ctx) => {
      const who = signedIn(ctx.principal);
      return revokeSignInCode(ctx.store, args.id, who.username);
    },
    revokeTokens: async (_root, args, ctx) => {
      const who = signedIn(ctx.principal);
      if (!/^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/.test(args.username))
        throw badInput('a username is 1–64 letters, digits, dots, dashes, underscores or @');
      const validAfter = await revokeUserTokens(ctx.store, args.username, who.username);
      revocationsFor(ctx.store).noteRevokedUser(args.username, validAfter);
      return true;
    },
  },
};
