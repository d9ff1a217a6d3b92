import { gql } from '@apollo/client';
import { REPORT_FIELDS } from '../impact/queries';

/** A saved scenario's what-if changes, as GraphChangeInput takes them back. */
export const SCENARIO_CHANGES = gql`
  fragment ScenarioChanges on Scenario {
    changes {
      addDependency {
        from
        to
        group
        strength
      }
      removeDependency {
        from
        to
      }
      setWorkflow {
        id
        toleranceHours
        workaroundCapacity
      }
      unaffected {
        id
      }
    }
  }
`;

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
      ...ScenarioChanges
    }
  }
  ${SCENARIO_CHANGES}
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
      ...ScenarioChanges
      report {
        ...ReportFields
      }
    }
  }
  ${REPORT_FIELDS}
  ${SCENARIO_CHANGES}
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
      both
      functions {
        function {
          id
          name
        }
        capacityLossA
        capacityLossB
      }
      changeTotals {
        ...ChangeTotalFields
      }
      byOrganization {
        organization {
          id
          name
        }
        totals {
          ...ChangeTotalFields
        }
        changes {
          change
          stateA
          stateB
          disruptedAtHoursA
          disruptedAtHoursB
          failedAtHoursA
          failedAtHoursB
          shiftHours
          entity {
            id
            name
            kind
          }
        }
      }
    }
  }
  fragment ChangeTotalFields on ChangeTotals {
    onlyA
    onlyB
    degradedToFailed
    failedToDegraded
    earlierInB
    laterInB
    total
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
