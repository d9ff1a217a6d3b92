import { gql } from '@apollo/client';

// Every field an edit form shows, with the versions the optimistic check needs.
// Service.type and Workflow.category are enums, so they are asked for under other
// names (GraphQL does not merge one field name of two types across fragments).
export const EDITABLE_FIELDS = gql`
  fragment EditableFields on Entity {
    id
    name
    kind
    version
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
    }
    ... on Service {
      serviceType: type
      category
      region
      notes
      supplier {
        id
      }
    }
    ... on Asset {
      assetType: type
      notes
      organization {
        id
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
      }
    }
    ... on CriticalFunction {
      description
      ncf
    }
  }
`;

export const ENTITY_FOR_EDIT = gql`
  ${EDITABLE_FIELDS}
  query EntityForEdit($id: ID!) {
    entity(id: $id) {
      ...EditableFields
    }
    dependencies(id: $id) {
      group
      alternatives {
        to {
          id
          name
          kind
        }
        group
        strength
        source
        confidence
        notes
        version
      }
    }
  }
`;

export const UPSERT_ENTITY = gql`
  ${EDITABLE_FIELDS}
  mutation UpsertEntity($input: EntityInput!, $expectedVersion: String) {
    upsertEntity(input: $input, expectedVersion: $expectedVersion) {
      ...EditableFields
    }
  }
`;

export const DELETE_PREVIEW = gql`
  ${EDITABLE_FIELDS}
  query DeleteEntityPreview($id: ID!) {
    deleteEntityPreview(id: $id) {
      version
      entities {
        ...EditableFields
      }
      dependencies {
        from {
          id
          name
        }
        to {
          id
          name
        }
        group
        strength
        source
        confidence
        notes
      }
      functionLinks {
        workflowId
        functionId
      }
    }
  }
`;

export const DELETE_ENTITY = gql`
  mutation DeleteEntity($id: ID!, $expectedVersion: String) {
    deleteEntity(id: $id, expectedVersion: $expectedVersion)
  }
`;

export const RESTORE_ENTITIES = gql`
  mutation RestoreEntities($input: RestoreInput!) {
    restoreEntities(input: $input) {
      id
    }
  }
`;

export const ADD_DEPENDENCY = gql`
  mutation AddDependency($input: DependencyInput!, $expectedVersion: String, $alternativeTo: ID) {
    addDependency(input: $input, expectedVersion: $expectedVersion, alternativeTo: $alternativeTo) {
      group
      strength
      source
      confidence
      notes
      version
    }
  }
`;

export const REMOVE_DEPENDENCY = gql`
  mutation RemoveDependency($from: ID!, $to: ID!, $expectedVersion: String) {
    removeDependency(from: $from, to: $to, expectedVersion: $expectedVersion)
  }
`;
