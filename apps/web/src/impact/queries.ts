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

/** One affected entity as tables, the timeline and the canvas show it. */
export const AFFECTED_FIELDS = gql`
  fragment AffectedFields on ImpactedEntity {
    state
    disruptedAtHours
    failedAtHours
    inoperability
    because
    reason
    entity {
      ...EntityLabelFields
    }
    causalPath {
      id
      name
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
  ${ENTITY_LABEL_FIELDS}
`;

// One shape of report for simulations and saved scenarios: the summary and the
// timeline's step series; the rows come a page at a time (AFFECTED_PAGE).
export const REPORT_FIELDS = gql`
  fragment ReportFields on ImpactReport {
    graphVersion
    summary {
      failed
      degraded
      workflowsFailed
      workflowsDegraded
      organizationsAffected
      organizationsAffectedCount {
        display
      }
      functions {
        function {
          id
          name
        }
        capacityLoss
        failedWorkflows
        degradedWorkflows
      }
      byRegion {
        region
        organizationsAffected
        workflowsFailed
        workflowsDegraded
        volumesLost {
          unit
          perDay
        }
      }
      bySubsector {
        subsector
        organizationsAffected
        workflowsFailed
        workflowsDegraded
      }
      byWorkflowCategory {
        category
        workflowsFailed
        workflowsDegraded
      }
    }
    timeline {
      atHours
      degraded
      failed
    }
  }
`;

/** The first workflows of one category and the critical functions each supports. */
const SCENE_WORKFLOW_PAGE = gql`
  fragment SceneWorkflowPage on AffectedConnection {
    totalCount
    edges {
      node {
        ...AffectedFields
        entity {
          id
          ... on Workflow {
            functions {
              id
            }
          }
        }
      }
    }
  }
  ${AFFECTED_FIELDS}
`;

/**
 * The report (summary, timeline), how many entities it affects, and each category's
 * first workflows for the canvas (in the same request: a user runs at most 4 analyses
 * at once, and the tables and the timeline page the report beside it).
 */
export const IMPACT = gql`
  query Impact($input: ImpactInput!, $clinical: Int!, $administrative: Int!, $manufacturing: Int!) {
    impact(input: $input) {
      ...ReportFields
      scene: affected(first: 0) {
        totalCount
      }
      clinical: affected(
        first: $clinical
        kinds: [WORKFLOW]
        workflowCategories: [CLINICAL]
        orderBy: { field: CRITICALITY, direction: ASC }
      ) {
        ...SceneWorkflowPage
      }
      administrative: affected(
        first: $administrative
        kinds: [WORKFLOW]
        workflowCategories: [ADMINISTRATIVE]
        orderBy: { field: CRITICALITY, direction: ASC }
      ) {
        ...SceneWorkflowPage
      }
      manufacturing: affected(
        first: $manufacturing
        kinds: [WORKFLOW]
        workflowCategories: [MANUFACTURING]
        orderBy: { field: CRITICALITY, direction: ASC }
      ) {
        ...SceneWorkflowPage
      }
    }
  }
  ${REPORT_FIELDS}
  ${SCENE_WORKFLOW_PAGE}
`;

/** More workflows of the categories ("show more"), as IMPACT asks for the first ones. */
export const SCENE_WORKFLOWS = gql`
  query SceneWorkflows($input: ImpactInput!, $clinical: Int!, $administrative: Int!, $manufacturing: Int!) {
    impact(input: $input) {
      graphVersion
      clinical: affected(
        first: $clinical
        kinds: [WORKFLOW]
        workflowCategories: [CLINICAL]
        orderBy: { field: CRITICALITY, direction: ASC }
      ) {
        ...SceneWorkflowPage
      }
      administrative: affected(
        first: $administrative
        kinds: [WORKFLOW]
        workflowCategories: [ADMINISTRATIVE]
        orderBy: { field: CRITICALITY, direction: ASC }
      ) {
        ...SceneWorkflowPage
      }
      manufacturing: affected(
        first: $manufacturing
        kinds: [WORKFLOW]
        workflowCategories: [MANUFACTURING]
        orderBy: { field: CRITICALITY, direction: ASC }
      ) {
        ...SceneWorkflowPage
      }
    }
  }
  ${SCENE_WORKFLOW_PAGE}
`;

/** Affected entities by id (the failed ones and those on the drawn workflows' chains). */
export const SCENE_CHAIN = gql`
  query SceneChain($input: ImpactInput!, $ids: [ID!]!, $first: Int!) {
    impact(input: $input) {
      graphVersion
      affected(ids: $ids, first: $first, orderBy: { field: DEPTH, direction: ASC }) {
        edges {
          node {
            ...AffectedFields
          }
        }
      }
    }
  }
  ${AFFECTED_FIELDS}
`;

/** One page of affected entities under the table's (or the timeline's) filters. */
export const AFFECTED_PAGE = gql`
  query AffectedPage(
    $input: ImpactInput!
    $first: Int!
    $after: String
    $states: [ImpactState!]
    $kinds: [EntityKind!]
    $organizationTypes: [String!]
    $subsectors: [Subsector!]
    $workflowCategories: [WorkflowCategory!]
    $maxCriticality: Int
    $failsWithin: HoursWindow
    $search: String
    $ids: [ID!]
    $orderBy: AffectedOrder
  ) {
    impact(input: $input) {
      graphVersion
      affected(
        first: $first
        after: $after
        states: $states
        kinds: $kinds
        organizationTypes: $organizationTypes
        subsectors: $subsectors
        workflowCategories: $workflowCategories
        maxCriticality: $maxCriticality
        failsWithin: $failsWithin
        search: $search
        ids: $ids
        orderBy: $orderBy
      ) {
        totalCount
        edges {
          cursor
          node {
            ...AffectedFields
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
  ${AFFECTED_FIELDS}
`;

/** One page of the per-organization results. */
export const ORGANIZATIONS_PAGE = gql`
  query OrganizationsPage(
    $input: ImpactInput!
    $first: Int!
    $after: String
    $types: [String!]
    $subsectors: [Subsector!]
    $workflowCategories: [WorkflowCategory!]
    $failsWithin: HoursWindow
    $search: String
    $orderBy: OrganizationImpactOrder
  ) {
    impact(input: $input) {
      graphVersion
      organizations(
        first: $first
        after: $after
        types: $types
        subsectors: $subsectors
        workflowCategories: $workflowCategories
        failsWithin: $failsWithin
        search: $search
        orderBy: $orderBy
      ) {
        totalCount
        types
        edges {
          cursor
          node {
            organization {
              id
              name
              region
            }
            type
            subsector
            state
            firstClinicalFailureAtHours
            workflowsFailed
            workflowsDegraded
            criticalFunctionsHit
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
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

/** The dependent's dependency groups: an alternative joins the group its dependency is in. */
export const WHAT_IF_GROUPS = gql`
  query WhatIfGroups($id: ID!) {
    dependencies(id: $id) {
      group
      alternatives {
        to {
          id
        }
      }
    }
  }
`;

/** The figures the "What if…" panel sets side by side: a failure without and with changes. */
export const WHAT_IF = gql`
  query WhatIf($baseline: ImpactInput!, $changed: ImpactInput!) {
    baseline: impact(input: $baseline) {
      ...WhatIfFigures
    }
    changed: impact(input: $changed) {
      ...WhatIfFigures
    }
  }
  fragment WhatIfFigures on ImpactReport {
    graphVersion
    summary {
      workflowsFailed
      workflowsDegraded
      organizationsAffected
      functions {
        function {
          id
          name
        }
        capacityLoss
      }
    }
  }
`;
