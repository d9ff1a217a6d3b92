import { gql } from '@apollo/client';

export const SEARCH = gql`
  query SearchEntities($text: String!, $kinds: [EntityKind!], $first: Int) {
    searchHits(text: $text, kinds: $kinds, first: $first) {
      matchedField
      matchedText
      entity {
        id
        name
        kind
        ... on Organization {
          subsector
        }
        ... on Workflow {
          workflowCategory: category
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
        ... on Supplier {
          category
        }
        ... on Service {
          category
        }
      }
    }
  }
`;

export const NEIGHBORHOOD = gql`
  query Neighborhood($id: ID!, $depth: Int, $direction: Direction, $limit: Int) {
    neighborhood(id: $id, depth: $depth, direction: $direction, limit: $limit) {
      nodes {
        id
        name
        kind
        subsector
        category
        dependents
      }
      edges {
        id
        source
        target
        type
        group
        strength
      }
      truncated
    }
  }
`;

export const ENTITY_DETAILS = gql`
  fragment RefFields on Entity {
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

  query EntityDetails($id: ID!) {
    entity(id: $id) {
      id
      name
      kind
      provenance {
        submission {
          id
          contributor
        }
        assertedAt
        confirmedAt
      }
      ... on Organization {
        subsector
        orgType: type
        region
        size
        beds
        notes
      }
      ... on Supplier {
        category
        country
        securityRating
        notes
        services {
          id
          name
          kind
        }
      }
      ... on Service {
        serviceType: type
        category
        region
        notes
        supplier {
          id
          name
          kind
        }
      }
      ... on Asset {
        assetType: type
        notes
        organization {
          id
          name
          kind
        }
      }
      ... on Workflow {
        workflowCategory: category
        sectorWorkflow
        criticality
        toleranceHours
        workaroundCapacity
        volumePerDay
        volumeUnit
        notes
        organization {
          id
          name
          kind
        }
        functions {
          id
          name
          kind
        }
      }
      ... on CriticalFunction {
        description
        ncf
      }
    }
    dependencies(id: $id) {
      group
      alternatives {
        to {
          ...RefFields
        }
        strength
        source
        confidence
        provenance {
          submission {
            id
            contributor
          }
          assertedAt
        }
      }
    }
    dependents(id: $id, first: 101) {
      from {
        ...RefFields
      }
      to {
        id
        name
      }
      group
      strength
      source
    }
    directDependents(id: $id)
  }
`;

export const ORGANIZATION_ALTERNATIVES = gql`
  query OrganizationAlternatives($organization: ID!) {
    dependencyAlternatives(organization: $organization, first: 500) {
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
      category
      singlePointOfFailure
    }
  }
`;
