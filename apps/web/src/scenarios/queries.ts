import { gql } from '@apollo/client';
import { REPORT_FIELDS } from '../impact/queries';

export const SCENARIOS = gql`
  query Scenarios {
    scenarios {
      id
      name
      failed {
        id
        inoperability
      }
      durationHours
      model
      notes
      author
      createdAt
    }
  }
`;

export const SCENARIO = gql`
  query Scenario($id: ID!) {
    scenario(id: $id) {
      id
      name
      failed {
        id
        inoperability
      }
      durationHours
      model
      notes
      author
      createdAt
      report {
        ...ReportFields
      }
    }
  }
  ${REPORT_FIELDS}
`;

export const COMPARE = gql`
  query CompareScenarios($a: ID!, $b: ID!) {
    compareScenarios(a: $a, b: $b) {
      a {
        ...ComparedScenario
      }
      b {
        ...ComparedScenario
      }
      onlyA {
        ...ComparedEntity
      }
      onlyB {
        ...ComparedEntity
      }
      both
      functions {
        function {
          id
          name
        }
        capacityLossA
        capacityLossB
      }
    }
  }
  fragment ComparedScenario on Scenario {
    id
    name
    durationHours
    model
    author
    createdAt
    failed {
      id
    }
    report {
      summary {
        failed
        degraded
        workflowsFailed
        workflowsDegraded
        organizationsAffected
      }
    }
  }
  fragment ComparedEntity on ImpactedEntity {
    state
    disruptedAtHours
    failedAtHours
    because
    entity {
      id
      name
      kind
      ... on Workflow {
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
`;

export const SAVE_SCENARIO = gql`
  mutation SaveScenario($input: ScenarioInput!) {
    saveScenario(input: $input) {
      id
      name
    }
  }
`;

export const DELETE_SCENARIO = gql`
  mutation DeleteScenario($id: ID!) {
    deleteScenario(id: $id)
  }
`;
