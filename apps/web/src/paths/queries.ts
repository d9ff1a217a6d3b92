import { gql } from '@apollo/client';
import { ENTITY_LABEL_FIELDS } from '../impact/queries';

export const PATHS = gql`
  query Paths($from: ID!, $toKinds: [EntityKind!], $maxDepth: Int, $limit: Int) {
    paths(from: $from, toKinds: $toKinds, maxDepth: $maxDepth, limit: $limit) {
      length
      nodes {
        ...EntityLabelFields
      }
      dependencies {
        source
        confidence
        provenance {
          submission {
            id
            contributor
          }
          assertedAt
        }
      }
    }
  }
  ${ENTITY_LABEL_FIELDS}
`;
