import { type Role, roleRank } from '@smart/domain';
import { GraphQLError } from 'graphql';
import type { Principal } from './tokens';

/** Throws UNAUTHENTICATED without a principal and FORBIDDEN below the role. */
export function requireRole(principal: Principal | null, role: Role): Principal {
  if (!principal) {
    throw new GraphQLError('sign in first: this request carries no valid token', {
      extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
    });
  }
  if (roleRank(principal.role) < roleRank(role)) {
    throw new GraphQLError(`this needs the ${role} role; you are ${principal.role}`, {
      extensions: { code: 'FORBIDDEN', http: { status: 403 } },
    });
  }
  return principal;
}

/**
 * The signed-in principal, for a resolver that records who acted. The authorization
 * plugin has checked the field's role (@requires) before any resolver runs, so this
 * only guards against a field declared @public by mistake.
 */
export function signedIn(principal: Principal | null): Principal {
  if (!principal) {
    throw new GraphQLError('sign in first: this request carries no valid token', {
      extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
    });
  }
  return principal;
}
