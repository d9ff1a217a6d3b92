import { gql } from '@apollo/client';

/** How an entity is labelled in reports and path lists: its name, and for a workflow or asset its organization. */
export const ENTITY_LABEL_FIELDS = gql`
  fragment EntityLabelFields on Entity {
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
`;

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
      reason
      entity {
        ...EntityLabelFields
      }
    }
  }
  ${ENTITY_LABEL_FIELDS}
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
