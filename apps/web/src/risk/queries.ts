import { gql } from '@apollo/client';

export const SYSTEMIC_RISK = gql`
  query SystemicRisk($kinds: [EntityKind!], $durationHours: Float, $first: Int) {
    systemicRisk(kinds: $kinds, durationHours: $durationHours, first: $first) {
      entity {
        id
        name
        kind
        ... on Supplier {
          category
        }
        ... on Service {
          category
          supplier {
            id
            name
          }
        }
      }
      score
      capacityLoss
      directDependents
      organizationsAffected
      organizationsAffectedCount {
        display
      }
      workflowsFailed
      functionsImpaired
      singlePointOfFailureFor
    }
  }
`;

export const FOURTH_PARTY = gql`
  query FourthPartyConcentration($first: Int) {
    fourthPartyConcentration(first: $first) {
      entity {
        id
        name
        kind
        ... on Supplier {
          category
        }
        ... on Service {
          category
        }
      }
      firstTierDependents
      organizationsReachedCount {
        display
      }
    }
  }
`;

export const CONCENTRATION_MATRIX = gql`
  query ConcentrationMatrix {
    concentrationMatrix {
      supplierCategory
      subsector
      organizations
      organizationsCount {
        display
      }
      suppliers
    }
  }
`;

export const SINGLE_POINTS = gql`
  query SinglePoints($category: String, $subsector: Subsector, $organizationType: String, $first: Int) {
    singlePointsOfFailure(
      category: $category
      subsector: $subsector
      organizationType: $organizationType
      first: $first
    ) {
      organization {
        id
        name
        kind
      }
      dependent {
        id
        name
        kind
      }
      dependency {
        id
        name
        kind
      }
      supplier {
        id
        name
      }
      category
    }
  }
`;

export const CONCENTRATION_ORGANIZATIONS = gql`
  query ConcentrationOrganizations($supplierCategory: String!, $subsector: Subsector!, $first: Int) {
    concentrationOrganizations(supplierCategory: $supplierCategory, subsector: $subsector, first: $first) {
      organization {
        id
        name
        type
        region
      }
      suppliers {
        id
        name
      }
    }
  }
`;

const MITIGATION_FIELDS = gql`
  fragment BestMitigationFields on Mitigation {
    kind
    explanation
    workflowsSaved
    organizationsSpared
    organizationsSparedCount {
      display
    }
    capacityLossReduction
  }
`;

/**
 * The best single mitigation for one supplier of the top three (issue 14). One request
 * per supplier: a ranking simulates its candidates up to the per-request analysis budget,
 * so three in one operation would be priced (and refused) as three.
 */
export const BEST_MITIGATION = gql`
  query BestMitigation($input: ImpactInput!) {
    mitigations(input: $input, first: 1) {
      ...BestMitigationFields
    }
  }
  ${MITIGATION_FIELDS}
`;
