// Entity and dependency edits (the API's EntityInput / DependencyInput, the explorer's
// forms) checked by the same row schemas as a template row, so a form, the API and an
// import accept exactly the same values. Problems name the input field (camelCase),
// not the template column. Runs in Node and in the browser.
import type { EntityKind } from './enums';
import { dependencyRow, ROW_SCHEMAS, type Template } from './rows';

/** The template table that holds each kind of entity. */
export const TABLE_OF_KIND = {
  ORGANIZATION: 'organizations',
  SUPPLIER: 'suppliers',
  SERVICE: 'services',
  ASSET: 'assets',
  WORKFLOW: 'workflows',
  CRITICAL_FUNCTION: 'criticalFunctions',
} as const satisfies Record<EntityKind, keyof Template>;

/** The input fields each kind of entity takes (besides id, kind and name), in form order. */
export const EDIT_FIELDS: Record<EntityKind, readonly string[]> = {
  ORGANIZATION: ['subsector', 'type', 'region', 'size', 'beds', 'notes'],
  SUPPLIER: ['category', 'country', 'securityRating', 'notes'],
  SERVICE: ['supplierId', 'type', 'category', 'region', 'notes'],
  ASSET: ['organizationId', 'type', 'notes'],
  WORKFLOW: [
    'organizationId',
    'category',
    'sectorWorkflow',
    'criticality',
    'toleranceHours',
    'workaroundCapacity',
    'volumePerDay',
    'volumeUnit',
    'notes',
  ],
  CRITICAL_FUNCTION: ['description', 'ncf'],
};

// camelCase input field → the template column the row schema reads (the rest are equal).
const COLUMN: Record<string, string> = {
  securityRating: 'security_rating',
  supplierId: 'supplier_id',
  organizationId: 'organization_id',
  sectorWorkflow: 'sector_workflow',
  toleranceHours: 'tolerance_hours',
  workaroundCapacity: 'workaround_capacity',
  volumePerDay: 'volume_per_day',
  volumeUnit: 'volume_unit',
  from: 'from_id',
  to: 'to_id',
};
const fieldOfColumn = (column: string): string =>
  Object.entries(COLUMN).find(([, c]) => c === column)?.[0] ?? column;

/** One problem with an edit: the input field (e.g. `toleranceHours`) and what is allowed. */
export interface EditIssue {
  field: string;
  message: string;
}

export type EditParse<T> = { ok: true; row: T } | { ok: false; issues: EditIssue[] };

type Input = Record<string, unknown>;

interface RowSchema {
  safeParse(
    raw: unknown,
  ):
    | { success: true; data: unknown }
    | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
}

function parseWith<T>(schema: RowSchema, input: Input): EditParse<T> {
  const raw: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(input)) {
    if (v === null || v === undefined) continue;
    raw[COLUMN[k] ?? k] = v;
  }
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, row: parsed.data as T };
  const seen = new Set<string>();
  const issues: EditIssue[] = [];
  for (const issue of parsed.error.issues) {
    const field = fieldOfColumn(String(issue.path[0] ?? ''));
    if (seen.has(field)) continue;
    seen.add(field);
    issues.push({ field, message: issue.message });
  }
  return { ok: false, issues };
}

/**
 * An entity edit as the typed template row of its kind (what import writes), or every
 * problem by input field. Fields that do not belong to the kind are ignored.
 */
export function parseEntityEdit<K extends EntityKind>(
  kind: K,
  input: Input,
): EditParse<Template[(typeof TABLE_OF_KIND)[K]][number]> {
  const allowed = new Set(['id', 'name', ...EDIT_FIELDS[kind]]);
  const own = Object.fromEntries(Object.entries(input).filter(([k]) => allowed.has(k)));
  return parseWith(ROW_SCHEMAS[TABLE_OF_KIND[kind]] as unknown as RowSchema, own);
}

/** A dependency edit (from, to, group, strength, source, confidence, notes) as a template row. */
export function parseDependencyEdit(input: Input): EditParse<Template['dependencies'][number]> {
  const allowed = ['from', 'to', 'group', 'strength', 'source', 'confidence', 'notes'];
  const own = Object.fromEntries(Object.entries(input).filter(([k]) => allowed.includes(k)));
  return parseWith(dependencyRow as unknown as RowSchema, own);
}
