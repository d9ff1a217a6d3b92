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

export const MERGE_PREVIEW = gql`
  query MergePreview($survivor: ID!, $others: [ID!]!) {
    mergePreview(survivor: $survivor, others: $others) {
      moved
      merged
      dropped
      survivorRelationships
      version
      moves {
        type
        from
        to
        outcome
      }
    }
  }
`;

export const MERGE_ENTITIES = gql`
  mutation MergeEntities($survivor: ID!, $others: [ID!]!, $expectedVersion: String) {
    mergeEntities(survivor: $survivor, others: $others, expectedVersion: $expectedVersion) {
      id
      name
    }
  }
`;

export const UNDO_MERGE = gql`
  mutation UndoMerge($survivor: ID!) {
    undoMerge(survivor: $survivor) {
      id
      name
    }
  }
`;
