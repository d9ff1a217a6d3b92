// Users, tokens and the audit trail (ADMIN), through ctx.userDirectory. Every change
// writes an AuditEvent in its own transaction (see @smart/store users.ts); a revocation
// takes effect at once in this process and within about a second in every other.
import type { Role } from '@smart/domain';
import { GraphQLError } from 'graphql';
import { signedIn } from '../auth/roles';
import { MAX_TOKEN_TTL_SECONDS, issueTokenWithInfo } from '../auth/tokens';
import { MAX_SIGN_IN_CODE_TTL_SECONDS } from '../backends/users';
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
      return ctx.userDirectory.list();
    },
    auditEvents: async (_root, args, ctx) => {
      const first = args.first ?? 50;
      if (!Number.isInteger(first) || first < 0 || first > 1000)
        throw badInput('first is between 0 and 1000');
      return ctx.userDirectory.auditEvents(first);
    },
    auditLog: async (_root, args, ctx) => {
      const page = await ctx.userDirectory.auditPage(args.first ?? 50, args.after ?? null);
      return {
        edges: page.events.map((node) => ({ cursor: ctx.userDirectory.auditCursor(node), node })),
        pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
      };
    },
  },
  Mutation: {
    createUser: (_root, args, ctx) => {
      const who = signedIn(ctx.principal);
      return ctx.userDirectory.create(
        { username: args.username, password: args.password, role: args.role },
        who.username,
      );
    },
    deleteUser: async (_root, args, ctx) => {
      const who = signedIn(ctx.principal);
      return ctx.userDirectory.delete(args.username, who.username);
    },
    setUserRole: async (_root, args, ctx) => {
      const who = signedIn(ctx.principal);
      return ctx.userDirectory.setRole(args.username, args.role, who.username);
    },
    setUserPassword: async (_root, args, ctx) => {
      const who = signedIn(ctx.principal);
      await ctx.userDirectory.setPassword(args.username, args.password, who.username);
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
      await ctx.userDirectory.recordTokenIssued(issued, who.username);
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
      await ctx.userDirectory.revokeToken(args.jti, who.username);
      return true;
    },
    issueSignInCode: async (_root, args, ctx) => {
      const who = signedIn(ctx.principal);
      const ttlMinutes = args.ttlMinutes ?? 10;
      if (!Number.isFinite(ttlMinutes) || ttlMinutes <= 0 || ttlMinutes * 60 > MAX_SIGN_IN_CODE_TTL_SECONDS)
        throw badInput(`ttlMinutes is more than 0 and at most ${MAX_SIGN_IN_CODE_TTL_SECONDS / 60}`);
      const issued = await ctx.userDirectory.issueSignInCode(
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
      return ctx.userDirectory.revokeSignInCode(args.id, who.username);
    },
    revokeTokens: async (_root, args, ctx) => {
      const who = signedIn(ctx.principal);
      if (!/^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/.test(args.username))
        throw badInput('a username is 1–64 letters, digits, dots, dashes, underscores or @');
      await ctx.userDirectory.revokeUserTokens(args.username, who.username);
      return true;
    },
  },
};
