// zod schemas for one template row each (DESIGN.md §5). Input is the raw row as a
// spreadsheet gives it (snake_case column -> string); output is the typed,
// camelCase record the store writes. Messages say what is allowed, because they
// are shown to the analyst next to file, line and column.
import { z } from 'zod';
import {
  DEPENDENCY_SOURCES,
  type DependencySource,
  type EntityKind,
  ORGANIZATION_SIZES,
  type OrganizationSize,
  SERVICE_TYPES,
  SUBSECTORS,
  type ServiceType,
  type Subsector,
  WORKFLOW_CATEGORIES,
  type WorkflowCategory,
} from './enums';

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

export const requiredText = z.preprocess(
  blankToUndefined,
  z.string({ error: 'a value is required' }).trim().max(500, { error: 'at most 500 characters' }),
);
export const optionalText = z.preprocess(blankToUndefined, z.string().trim().max(5000).optional());

/** Ids: trimmed, no whitespace inside, so they survive a round trip through any tool. */
export const entityId = z.preprocess(
  blankToUndefined,
  z
    .string({ error: 'a value is required' })
    .trim()
    .min(1)
    .max(200, { error: 'an id has at most 200 characters' })
    .regex(/^[^\s]+$/, { error: 'an id may not contain spaces' }),
);

function enumOf<const T extends readonly [string, ...string[]]>(values: T) {
  const allowed = values.join(', ');
  return z.preprocess(
    (v) =>
      typeof v === 'string'
        ? v
            .trim()
            .toUpperCase()
            .replace(/[\s-]+/g, '_') || undefined
        : v,
    z.enum(values, {
      error: (iss) =>
        iss.input === undefined ? `a value is required, one of ${allowed}` : `must be one of ${allowed}`,
    }),
  );
}
export const requiredEnum = <const T extends readonly [string, ...string[]]>(values: T) => enumOf(values);
export const optionalEnum = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess(blankToUndefined, enumOf(values).optional());

/** Optional number parsed from text, with its allowed range in the message. */
export function optionalNumber(opts: { min: number; max?: number; integer?: boolean }) {
  const range =
    opts.max === undefined ? `a number ≥ ${opts.min}` : `a number from ${opts.min} to ${opts.max}`;
  const what = opts.integer ? range.replace('a number', 'a whole number') : range;
  let n = z
    .number({ error: `must be ${what}` })
    .refine((x) => Number.isFinite(x), { error: `must be ${what}` });
  n = n.refine((x) => x >= opts.min && (opts.max === undefined || x <= opts.max), {
    error: `must be ${what}`,
  });
  if (opts.integer) n = n.refine((x) => Number.isInteger(x), { error: `must be ${what}` });
  return z.preprocess((v) => {
    const b = blankToUndefined(v);
    if (typeof b !== 'string') return b;
    const t = b.trim();
    return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t) ? Number(t) : t;
  }, n.optional());
}

export const organizationRow = z.object({
  id: entityId,
  name: requiredText,
  subsector: requiredEnum(SUBSECTORS),
  type: optionalText,
  region: optionalText,
  size: optionalEnum(ORGANIZATION_SIZES),
  beds: optionalNumber({ min: 0, integer: true }),
  notes: optionalText,
});

export const supplierRow = z
  .object({
    id: entityId,
    name: requiredText,
    category: optionalText,
    country: optionalText,
    security_rating: optionalNumber({ min: 0, max: 100 }),
    notes: optionalText,
  })
  .transform(({ security_rating, ...r }): SupplierRow => ({ ...r, securityRating: security_rating }));

export const serviceRow = z
  .object({
    id: entityId,
    name: requiredText,
    supplier_id: entityId,
    type: requiredEnum(SERVICE_TYPES),
    category: optionalText,
    region: optionalText,
    notes: optionalText,
  })
  .transform(({ supplier_id, ...r }): ServiceRow => ({ ...r, supplierId: supplier_id }));

export const assetRow = z
  .object({
    id: entityId,
    name: requiredText,
    organization_id: entityId,
    type: optionalText,
    notes: optionalText,
  })
  .transform(({ organization_id, ...r }): AssetRow => ({ ...r, organizationId: organization_id }));

export const workflowRow = z
  .object({
    id: entityId,
    name: requiredText,
    organization_id: entityId,
    category: requiredEnum(WORKFLOW_CATEGORIES),
    sector_workflow: optionalText,
    criticality: optionalNumber({ min: 1, max: 5, integer: true }),
    tolerance_hours: optionalNumber({ min: 0 }),
    workaround_capacity: optionalNumber({ min: 0, max: 1 }),
    volume_per_day: optionalNumber({ min: 0 }),
    volume_unit: optionalText,
    notes: optionalText,
  })
  .transform(
    (r): WorkflowRow => ({
      id: r.id,
      name: r.name,
      organizationId: r.organization_id,
      category: r.category,
      sectorWorkflow: r.sector_workflow,
      criticality: r.criticality,
      toleranceHours: r.tolerance_hours,
      workaroundCapacity: r.workaround_capacity,
      volumePerDay: r.volume_per_day,
      volumeUnit: r.volume_unit,
      notes: r.notes,
    }),
  );

export const criticalFunctionRow = z.object({
  id: entityId,
  name: requiredText,
  description: optionalText,
  ncf: optionalText,
});

export const workflowFunctionRow = z
  .object({ workflow_id: entityId, function_id: entityId })
  .transform((r): WorkflowFunctionRow => ({ workflowId: r.workflow_id, functionId: r.function_id }));

export const dependencyRow = z
  .object({
    from_id: entityId,
    to_id: entityId,
    group: optionalText,
    strength: optionalNumber({ min: 0, max: 1 }),
    source: optionalEnum(DEPENDENCY_SOURCES),
    confidence: optionalNumber({ min: 0, max: 1 }),
    notes: optionalText,
  })
  .transform(({ from_id, to_id, ...r }): DependencyRow => ({ from: from_id, to: to_id, ...r }));

export const ROW_SCHEMAS = {
  organizations: organizationRow,
  suppliers: supplierRow,
  services: serviceRow,
  assets: assetRow,
  workflows: workflowRow,
  criticalFunctions: criticalFunctionRow,
  workflowFunctions: workflowFunctionRow,
  dependencies: dependencyRow,
} as const;

// Row types are written out (rather than inferred) so optional columns are optional
// properties, and the schemas above are checked against them.
export interface OrganizationRow {
  id: string;
  name: string;
  subsector: Subsector;
  type?: string;
  region?: string;
  size?: OrganizationSize;
  beds?: number;
  notes?: string;
}
export interface SupplierRow {
  id: string;
  name: string;
  category?: string;
  country?: string;
  securityRating?: number;
  notes?: string;
}
export interface ServiceRow {
  id: string;
  name: string;
  supplierId: string;
  type: ServiceType;
  category?: string;
  region?: string;
  notes?: string;
}
export interface AssetRow {
  id: string;
  name: string;
  organizationId: string;
  type?: string;
  notes?: string;
}
export interface WorkflowRow {
  id: string;
  name: string;
  organizationId: string;
  category: WorkflowCategory;
  sectorWorkflow?: string;
  criticality?: number;
  toleranceHours?: number;
  workaroundCapacity?: number;
  volumePerDay?: number;
  volumeUnit?: string;
  notes?: string;
}
export interface CriticalFunctionRow {
  id: string;
  name: string;
  description?: string;
  ncf?: string;
}
export interface WorkflowFunctionRow {
  workflowId: string;
  functionId: string;
}
export interface DependencyRow {
  from: string;
  to: string;
  group?: string;
  strength?: number;
  source?: DependencySource;
  confidence?: number;
  notes?: string;
}

// The two schemas without a transform are checked against their row types here.
export const rowSchemaChecks: [z.ZodType<OrganizationRow, unknown>, z.ZodType<CriticalFunctionRow, unknown>] =
  [organizationRow, criticalFunctionRow];

/** A whole template in memory: what import writes and export reads. */
export interface Template {
  organizations: OrganizationRow[];
  suppliers: SupplierRow[];
  services: ServiceRow[];
  assets: AssetRow[];
  workflows: WorkflowRow[];
  criticalFunctions: CriticalFunctionRow[];
  workflowFunctions: WorkflowFunctionRow[];
  dependencies: DependencyRow[];
}

/** How many entities of each kind a template holds. */
export function entityCounts(t: Template): Record<EntityKind, number> {
  return {
    ORGANIZATION: t.organizations.length,
    SUPPLIER: t.suppliers.length,
    SERVICE: t.services.length,
    ASSET: t.assets.length,
    WORKFLOW: t.workflows.length,
    CRITICAL_FUNCTION: t.criticalFunctions.length,
  };
}

export const emptyTemplate = (): Template => ({
  organizations: [],
  suppliers: [],
  services: [],
  assets: [],
  workflows: [],
  criticalFunctions: [],
  workflowFunctions: [],
  dependencies: [],
});
