import { gql } from '@apollo/client';

// One shape of report for simulations and saved scenarios.
export const REPORT_FIELDS = gql`
  fragment ReportFields on ImpactReport {
    graphVersion
    summary {
      failed
      degraded
      workflowsFailed
      workflowsDegraded
      organizationsAffected
      functions {
        function {
          id
          name
        }
        capacityLoss
        failedWorkflows
        degradedWorkflows
      }
    }
    affected {
      state
      disruptedAtHours
      failedAtHours
      inoperability
      because
      entity {
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

export const IMPACT = gql`
  query Impact($input: ImpactInput!) {
    impact(input: $input) {
      ...ReportFields
    }
  }
  ${REPORT_FIELDS}
`;

export const ENTITY_NAMES = gql`
  query EntityName($id: ID!) {
    entity(id: $id) {
      id
      name
      kind
    }
  }
`;
