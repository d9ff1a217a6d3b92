// Refuses a user scoped to organizations (issue 19) every root field without an open or
// scoped decision in QUERY_SCOPE / MUTATION_SCOPE (./scope), before anything executes.
import type { ApolloServerPlugin } from '@apollo/server';
import {
  type DocumentNode,
  type FragmentDefinitionNode,
  GraphQLError,
  Kind,
  type OperationDefinitionNode,
} from 'graphql';
import type { Context } from '../context';
import { rootFields } from './authorization';
import { MUTATION_SCOPE, QUERY_SCOPE, type ScopeDecision } from './scope';

function withheld(field: string): GraphQLError {
  return new GraphQLError(
    `${field} is not available to a user scoped to organizations: it is not yet limited to what they may see (ask an unscoped analyst)`,
    { extensions: { code: 'FORBIDDEN', http: { status: 403 } } },
  );
}

/** The root fields of an operation a scoped principal may not ask for. */
export function withheldFields(document: DocumentNode, operation: OperationDefinitionNode): string[] {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions)
    if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const table: Record<string, ScopeDecision> =
    operation.operation === 'query' ? QUERY_SCOPE : operation.operation === 'mutation' ? MUTATION_SCOPE : {};
  const type =
    operation.operation === 'query'
      ? 'Query'
      : operation.operation === 'mutation'
        ? 'Mutation'
        : 'Subscription';
  const out: string[] = [];
  for (const f of rootFields(operation.selectionSet, fragments)) {
    // Introspection holds no data of the map (and is off in production).
    if (f.startsWith('__')) continue;
    const decision = table[f];
    if (decision !== 'open' && decision !== 'scoped') out.push(`${type}.${f}`);
  }
  return out;
}

/** Refuses a scoped principal every root field that has no scope decision letting them in. */
export function scopePlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, contextValue }) {
          if (!operation || !contextValue.scope.restricted) return;
          const refused = withheldFields(document, operation);
          if (refused.length) throw withheld(refused.join(', '));
        },
      };
    },
  };
}
