// Who is signed in, and with which role.
import { gql } from '@apollo/client';

export const VIEWER = gql`
  query Viewer {
    viewer {
      username
      role
    }
  }
`;
