import { gql } from '@apollo/client';

export const IMPORT_TEMPLATE = gql`
  mutation ImportTemplate($fileName: String!, $contentBase64: String!, $replace: Boolean, $dryRun: Boolean) {
    importTemplate(fileName: $fileName, contentBase64: $contentBase64, replace: $replace, dryRun: $dryRun) {
      ok
      dryRun
      rows
      graphVersion
      problemCount
      problems {
        file
        line
        column
        message
        severity
      }
      summary {
        kind
        created
        updated
        removed
      }
    }
  }
`;
