// Enumerations of the SMART domain (DESIGN.md §2). Values are upper case; inputs are
// matched case-insensitively by the schemas in ./rows.

export const ENTITY_KINDS = [
  'ORGANIZATION',
  'SUPPLIER',
  'SERVICE',
  'ASSET',
  'WORKFLOW',
  'CRITICAL_FUNCTION',
] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

/** The Neo4j label of each kind. */
export const KIND_LABEL: Record<EntityKind, string> = {
  ORGANIZATION: 'Organization',
  SUPPLIER: 'Supplier',
  SERVICE: 'Service',
  ASSET: 'Asset',
  WORKFLOW: 'Workflow',
  CRITICAL_FUNCTION: 'CriticalFunction',
};
export const LABEL_KIND: Record<string, EntityKind> = Object.fromEntries(
  Object.entries(KIND_LABEL).map(([kind, label]) => [label, kind as EntityKind]),
);

export const SUBSECTORS = [
  'DIRECT_PATIENT_CARE',
  'HEALTH_PLANS_PAYERS',
  'PHARMA_LABS_BLOOD',
  'MEDICAL_MATERIALS_DEVICES',
  'HEALTH_IT',
  'PUBLIC_HEALTH',
  'MASS_FATALITY',
] as const;
export type Subsector = (typeof SUBSECTORS)[number];

export const ORGANIZATION_SIZES = ['SMALL', 'MEDIUM', 'LARGE'] as const;
export type OrganizationSize = (typeof ORGANIZATION_SIZES)[number];

export const SERVICE_TYPES = ['SOFTWARE', 'TECHNOLOGY', 'COMMUNICATIONS', 'PHYSICAL'] as const;
export type ServiceType = (typeof SERVICE_TYPES)[number];

export const WORKFLOW_CATEGORIES = ['CLINICAL', 'ADMINISTRATIVE', 'MANUFACTURING'] as const;
export type WorkflowCategory = (typeof WORKFLOW_CATEGORIES)[number];

export const DEPENDENCY_SOURCES = ['CONTRACT', 'QUESTIONNAIRE', 'SBOM', 'ATTESTATION', 'INFERRED'] as const;
export type DependencySource = (typeof DEPENDENCY_SOURCES)[number];

export const IMPACT_MODELS = ['DISCRETE', 'INOPERABILITY'] as const;
export type ImpactModel = (typeof IMPACT_MODELS)[number];

/** Roles from least to most: each may do everything the ones before it may. */
export const ROLES = ['VIEWER', 'ANALYST', 'ADMIN'] as const;
export type Role = (typeof ROLES)[number];
export const roleRank = (role: Role): number => ROLES.indexOf(role);

/** Kinds that may stand at either end of a DEPENDS_ON edge (DESIGN.md §2). */
export const DEPENDENCY_FROM_KINDS: readonly EntityKind[] = ['WORKFLOW', 'ASSET', 'SERVICE'];
export const DEPENDENCY_TO_KINDS: readonly EntityKind[] = ['WORKFLOW', 'ASSET', 'SERVICE', 'SUPPLIER'];
