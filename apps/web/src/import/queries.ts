import { gql } from '@apollo/client';

export const IMPORT_TEMPLATE = gql`
  mutation ImportTemplate(
    $fileName: String!
    $contentBase64: String!
    $replace: Boolean
    $dryRun: Boolean
    $allowEmpty: [TemplateTable!]
    $submission: SubmissionInput
  ) {
    importTemplate(
      fileName: $fileName
      contentBase64: $contentBase64
      replace: $replace
      dryRun: $dryRun
      allowEmpty: $allowEmpty
      submission: $submission
    ) {
      ok
      dryRun
      submissionId
      diff {
        entities {
          added {
            id
            kind
          }
          changed {
            id
            kind
            fields {
              field
              before
              after
            }
          }
          removed {
            id
            kind
          }
        }
        dependencies {
          added {
            from
            to
          }
          changed {
            from
            to
            fields {
              field
              before
              after
            }
          }
          removed {
            from
            to
          }
        }
        conflicts {
          target
          change
          assertedBy {
            contributor
            date
          }
        }
      }
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

const SNAPSHOT_FIELDS = gql`
  fragment ImportSnapshotFields on ImportSnapshot {
    id
    at
    actor
    action
    source
    entities
    relationships
  }
`;

export const LAST_IMPORT = gql`
  query LastImport {
    lastImport {
      blocked
      snapshot {
        ...ImportSnapshotFields
      }
    }
  }
  ${SNAPSHOT_FIELDS}
`;

export const UNDO_LAST_IMPORT = gql`
  mutation UndoLastImport {
    undoLastImport {
      entities
      relationships
      graphVersion
      undone {
        ...ImportSnapshotFields
      }
    }
  }
  ${SNAPSHOT_FIELDS}
`;

/** The import under way, if any: the caller's own while it validates, else a staged one (polled while the Import page is open). */
export const IMPORT_IN_PROGRESS = gql`
  query ImportInProgress {
    importInProgress {
      actor
      action
      source
      phase
      rowsRead
      table
      rowsWritten
      rowsTotal
      startedAt
      heartbeatAt
    }
  }
`;
