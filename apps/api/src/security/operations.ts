// What an operation must pass before it runs: graphql-armor's shape limits (depth,
// aliases, directives, cost). The analysis cost depends on the graph, so it is priced
// by a plugin (./analyses) with ./cost. One definition, used by
// the server (app.ts) and by the web app's test that every operation it sends is
// accepted (apps/web/test/operations.test.ts).
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { ParseOptions, ValidationRule } from 'graphql';
import type { SecurityLimits } from './limits';

export interface OperationGuards {
  /** Validation rules run after graphql's own. */
  validationRules: ValidationRule[];
  /** Apollo plugins from graphql-armor (field-suggestion blocking). */
  plugins: ReturnType<ApolloArmor['protect']>['plugins'];
  /** Parser limits: a document of more tokens is refused while lexing. */
  parseOptions: ParseOptions;
}

export function operationGuards(limits: SecurityLimits, production: boolean): OperationGuards {
  const armor = new ApolloArmor({
    // Depth counts fields only: fragments and inline fragments group fields, they do
    // not nest resolvers, so `...ReportFields` must not cost a level (SECURITY.md).
    maxDepth: { n: limits.maxDepth, flattenFragments: true },
    maxAliases: { n: limits.maxAliases },
    maxDirectives: { n: limits.maxDirectives },
    // graphql-armor's Apollo max-tokens plugin throws from parsingDidStart, which Apollo 5
    // answers with a 500 (for every syntax error too); graphql's own parser limit
    // (parseOptions) answers 400 GRAPHQL_PARSE_FAILED instead.
    maxTokens: { enabled: false },
    costLimit: { maxCost: limits.maxCost },
    // Field suggestions ("Did you mean …") would map the schema without introspection.
    blockFieldSuggestion: { enabled: production },
  }).protect();
  return {
    validationRules: armor.validationRules as ValidationRule[],
    plugins: armor.plugins,
    parseOptions: { maxTokens: limits.maxTokens },
  };
}
