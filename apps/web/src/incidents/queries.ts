import { gql } from '@apollo/client';

const INCIDENT_FIELDS = gql`
  fragment IncidentFields on Incident {
    id
    name
    failed {
      id
      inoperability
    }
    startedAt
    expectedDurationHours
    endedAt
    note
    status
    declaredBy
    declaredAt
    updatedBy
    updatedAt
  }
`;

export const INCIDENTS = gql`
  query Incidents {
    incidents {
      ...IncidentFields
    }
  }
  ${INCIDENT_FIELDS}
`;

export const INCIDENT_LIBRARY = gql`
  query IncidentLibrary {
    incidentLibrary {
      id
      title
      modelledOn
      failed
      durationHours
      available
      demoFigures
      figures {
        what
        value
        source
        demo
        notModelled
      }
    }
  }
`;

const CALLED_WORKFLOW = gql`
  fragment CalledWorkflow on ImpactedEntity {
    entity {
      id
      name
    }
    failedAtHours
    because
    reason
  }
`;

/** One incident and its picture at $hoursElapsed (null: the real now, or its end once closed). */
export const INCIDENT = gql`
  query Incident($id: ID!, $hoursElapsed: Float) {
    incident(id: $id) {
      ...IncidentFields
      report(hoursElapsed: $hoursElapsed) {
        hoursElapsed
        at
        durationHours
        overrun
        graphVersion
        failedNow {
          count
          workflows
          organizations
        }
        degradedNow {
          count
          workflows
          organizations
        }
        failingNext {
          within6h {
            workflows
          }
          within12h {
            workflows
          }
          within24h {
            workflows
          }
          within72h {
            workflows
            entities(first: 10) {
              entity {
                id
                name
              }
              failedAtHours
            }
          }
        }
        callCount
        callList(first: 25) {
          organization {
            id
            name
          }
          firstFailureAtHours
          hoursUntilFirstFailure
          workflows {
            ...CalledWorkflow
          }
        }
        impact {
          summary {
            workflowsFailed
            workflowsDegraded
          }
          timeline {
            atHours
            degraded
            failed
          }
        }
      }
    }
  }
  ${INCIDENT_FIELDS}
  ${CALLED_WORKFLOW}
`;

export const DECLARE_INCIDENT = gql`
  mutation DeclareIncident($input: IncidentInput!) {
    declareIncident(input: $input) {
      ...IncidentFields
    }
  }
  ${INCIDENT_FIELDS}
`;

export const UPDATE_INCIDENT = gql`
  mutation UpdateIncident($id: ID!, $input: IncidentInput!) {
    updateIncident(id: $id, input: $input) {
      ...IncidentFields
    }
  }
  ${INCIDENT_FIELDS}
`;

export const CLOSE_INCIDENT = gql`
  mutation CloseIncident($id: ID!, $endedAt: String!) {
    closeIncident(id: $id, endedAt: $endedAt) {
      ...IncidentFields
    }
  }
  ${INCIDENT_FIELDS}
`;
