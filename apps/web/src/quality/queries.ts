import { gql } from '@apollo/client';

export const DATA_QUALITY = gql`
  query DataQuality($samples: Int) {
    dataQuality(samples: $samples) {
      check
      title
      why
      count
      samples {
        detail
        entity {
          id
          name
          kind
        }
      }
    }
  }
`;
