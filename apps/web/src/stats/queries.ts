import { gql } from '@apollo/client';

export const STATS = gql`
  query Stats {
    stats {
      counts {
        kind
        count
      }
      dependencies
      graphVersion
    }
  }
`;
