// Defence in depth for "no endpoint reveals data without a role": before anything
// executes, every root field of the operation is checked against the least role it
// needs. Resolvers check their role too (requireRole) and may ask for more; this
// floor holds even for a resolver that forgot. Only `viewer` and the introspection
// meta-fields answer without a token.
import type { ApolloServerPlugin } from '@apollo/server';
import { type Role, roleRank } from '@smart/domain';
import {
  type DocumentNode,
  type FragmentDefinitionNode,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { requireRole } from '../auth/roles';
import type { Context } from '../context';

/** Root fields open to anyone (the signed-in user, or null; the schema, outside production). */
const PUBLIC_FIELDS = new Set(['Query.viewer', 'Query.__typename', 'Query.__schema', 'Query.__type']);

/** Root fields that need more than their operation type's default. */
export const FIELD_ROLES: Record<string, Role> = {
  'Query.users': 'ADMIN',
  'Query.auditEvents': 'ADMIN',
  'Query.auditLog': 'ADMIN',
  'Query.readAudit': 'ADMIN',
  'Mutation.createUser': 'ADMIN',
  'Mutation.deleteUser': 'ADMIN',
  'Mutation.setUserRole': 'ADMIN',
  'Mutation.setUserPassword': 'ADMIN',
  'Mutation.issueToken': 'ADMIN',
  'Mutation.revokeToken': 'ADMIN',
  'Mutation.revokeTokens': 'ADMIN',
  'Mutation.issueSignInCode': 'ADMIN',
  'Mutation.revokeSignInCode': 'ADMIN',
  'Query.lastImport': 'ADMIN',
  'Mutation.undoLastImport': 'ADMIN',
};

/** VIEWER reads and simulates; every change needs at least ANALYST (DESIGN.md §6). */
const DEFAULT_ROLE: Record<OperationDefinitionNode['operation'], Role> = {
  query: 'VIEWER',
  mutation: 'ANALYST',
  subscription: 'ADMIN',
};

/** The root field names an operation selects, through fragments (also used by ./scope). */
export function rootFields(
  selectionSet: SelectionSetNode,
  fragments: Map<string, FragmentDefinitionNode>,
  out: Set<string> = new Set(),
  seen: Set<string> = new Set(),
): Set<string> {
  for (const sel of selectionSet.selections) {
    if (sel.kind === Kind.FIELD) out.add(sel.name.value);
    else if (sel.kind === Kind.INLINE_FRAGMENT) rootFields(sel.selectionSet, fragments, out, seen);
    else if (!seen.has(sel.name.value)) {
      seen.add(sel.name.value);
      const f = fragments.get(sel.name.value);
      if (f) rootFields(f.selectionSet, fragments, out, seen);
    }
  }
  return out;
}

export function requiredRoles(
  document: DocumentNode,
  operation: OperationDefinitionNode,
): Map<string, Role | null> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions)
    if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const type =
    operation.operation === 'query'
      ? 'Query'
      : operation.operation === 'mutation'
        ? 'Mutation'
        : 'Subscription';
  const out = new Map<string, Role | null>();
  for (const field of rootFields(operation.selectionSet, fragments)) {
    const key = `${type}.${field}`;
    out.set(key, PUBLIC_FIELDS.has(key) ? null : (FIELD_ROLES[key] ?? DEFAULT_ROLE[operation.operation]));
  }
  return out;
}

export function authorizationPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, contextValue }) {
          if (!operation) return; // Apollo has answered already
          let needed: Role | null = null;
          for (const role of requiredRoles(document, operation).values()) {
            if (role && (!needed || roleRank(role) > roleRank(needed))) needed = role;
          }
          if (needed) requireRole(contextValue.principal, needed);
        },
      };
    },
  };
}
