import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';

// The session cookie travels with same-origin requests; no token is kept in script reach.
export const apolloClient = new ApolloClient({
  link: new HttpLink({ uri: '/graphql', credentials: 'same-origin' }),
  cache: new InMemoryCache({
    // Inline fragments on the Entity interface need to know its implementations.
    possibleTypes: {
      Entity: ['Organization', 'Supplier', 'Service', 'Asset', 'Workflow', 'CriticalFunction'],
    },
    typePolicies: {
      // Canvas nodes are a different view of entities; keep them apart from Entity objects.
      GraphNode: { keyFields: ['id'] },
      // Reports are values, not entities: replace them whole.
      ImpactReport: { keyFields: false },
      Scenario: { fields: { report: { merge: false } } },
    },
  }),
});

/** Query fields that describe the graph (everything but who is signed in). */
const GRAPH_FIELDS = [
  'stats',
  'entity',
  'search',
  'searchHits',
  'dependencies',
  'dependents',
  'directDependents',
  'neighborhood',
  'impact',
  'paths',
  'shortestPath',
  'systemicRisk',
  'singlePointsOfFailure',
  'dependencyAlternatives',
  'fourthPartyConcentration',
  'concentrationMatrix',
  'scenarios',
  'scenario',
  'compareScenarios',
  'duplicateCandidates',
  'mergePreview',
  'dataQuality',
];

/**
 * After a write (an import, an edit), forget what was read from the old graph. Unlike
 * resetStore() this keeps the signed-in viewer, so the page stays where it is.
 */
export function invalidateGraphData(client: ApolloClient): void {
  for (const fieldName of GRAPH_FIELDS) client.cache.evict({ id: 'ROOT_QUERY', fieldName });
  client.cache.gc();
}
