import { gql } from '@apollo/client';

export const PATHS = gql`
  query Paths($from: ID!, $toKinds: [EntityKind!], $maxDepth: Int, $limit: Int) {
    paths(from: $from, toKinds: $toKinds, maxDepth: $maxDepth, limit: $limit) {
      length
      nodes {
        id
        name
        kind
        ... on Workflow {
          workflowCategory: category
          criticality
          organization {
            id
            name
          }
        }
        ... on Asset {
          organization {
            id
            name
          }
        }
      }
    }
  }
`;
