import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';

// The session cookie travels with same-origin requests; no token is kept in script reach.
export const apolloClient = new ApolloClient({
  link: new HttpLink({ uri: '/graphql', credentials: 'same-origin' }),
  cache: new InMemoryCache({ possibleTypes: {} }),
});
