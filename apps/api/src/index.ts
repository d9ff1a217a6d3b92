export * from './app';
export * from './listen';
export {
  issueToken,
  issueTokenWithInfo,
  MAX_TOKEN_TTL_SECONDS,
  verifyToken,
  type IssuedToken,
  type Principal,
} from './auth/tokens';
export { limitsFromEnv, type SecurityLimits } from './security/limits';
export { demandsOf, price } from './security/cost';
export { operationGuards } from './security/operations';
export { typeDefs } from './schema';
export { MUTATION_SCOPE, QUERY_SCOPE, Scope, type ScopeDecision } from './security/scope';
export { withheldFields } from './security/scope-plugin';
export type { ImportHooks } from './import-reading';
