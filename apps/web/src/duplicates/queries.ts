import { gql } from '@apollo/client';

export const DUPLICATE_CANDIDATES = gql`
  query DuplicateCandidates($kinds: [EntityKind!], $minScore: Float, $first: Int) {
    duplicateCandidates(kinds: $kinds, minScore: $minScore, first: $first) {
      score
      evidence
      entities {
        id
        name
        kind
      }
    }
  }
`;
