// The explorer's edit forms without React: which fields each kind has, their labels,
// units and allowed values (from @smart/domain), validation by the template row schemas
// (parseEntityEdit, the same rules as an import and as the API), and the list of changes
// a save makes, shown before saving.
import {
  DEPENDENCY_SOURCES,
  EDIT_FIELDS,
  type EntityKind,
  ORGANIZATION_SIZES,
  parseDependencyEdit,
  parseEntityEdit,
  SERVICE_TYPES,
  SUBSECTORS,
  WORKFLOW_CATEGORIES,
} from '@smart/domain';

export interface FieldSpec {
  label: string;
  input: 'text' | 'number' | 'select' | 'textarea';
  options?: readonly string[];
  /** Unit or rule, shown beside the input. */
  hint?: string;
  /** The field holds the id of another entity, picked by search. */
  ref?: EntityKind;
}

export const FIELD_SPECS: Record<string, FieldSpec> = {
  id: { label: 'Id', input: 'text', hint: 'unique, no spaces' },
  name: { label: 'Name', input: 'text' },
  subsector: { label: 'Subsector', input: 'select', options: SUBSECTORS },
  type: { label: 'Type', input: 'text' },
  region: { label: 'Region', input: 'text' },
  size: { label: 'Size', input: 'select', options: ORGANIZATION_SIZES },
  beds: { label: 'Beds', input: 'number', hint: 'whole number ≥ 0' },
  category: { label: 'Category', input: 'text' },
  country: { label: 'Country', input: 'text' },
  securityRating: { label: 'Security rating', input: 'number', hint: '0–100' },
  supplierId: { label: 'Supplier', input: 'text', ref: 'SUPPLIER' },
  organizationId: { label: 'Organization', input: 'text', ref: 'ORGANIZATION' },
  sectorWorkflow: { label: 'Sector workflow', input: 'text' },
  criticality: {
    label: 'Criticality',
    input: 'select',
    options: ['1', '2', '3', '4', '5'],
    hint: '1 most critical',
  },
  toleranceHours: { label: 'Tolerance', input: 'number', hint: 'hours the workaround holds; 0 = none' },
  workaroundCapacity: { label: 'Workaround capacity', input: 'number', hint: 'share of normal volume, 0–1' },
  volumePerDay: { label: 'Volume per day', input: 'number', hint: '≥ 0' },
  volumeUnit: { label: 'Volume unit', input: 'text' },
  description: { label: 'Description', input: 'textarea' },
  ncf: { label: 'National Critical Function', input: 'text' },
  notes: { label: 'Notes', input: 'textarea' },
  // dependencies
  group: { label: 'Group (alternatives)', input: 'text', hint: 'same label = alternatives' },
  strength: { label: 'Strength', input: 'number', hint: 'share of function lost, 0–1 (default 1)' },
  source: { label: 'Source', input: 'select', options: DEPENDENCY_SOURCES },
  confidence: { label: 'Confidence', input: 'number', hint: '0–1' },
};

/** Kind-specific enum fields: a service's type and a workflow's category are enums. */
export function specOf(kind: EntityKind, field: string): FieldSpec {
  if (kind === 'SERVICE' && field === 'type')
    return { label: 'Type', input: 'select', options: SERVICE_TYPES };
  if (kind === 'WORKFLOW' && field === 'category')
    return { label: 'Category', input: 'select', options: WORKFLOW_CATEGORIES };
  return FIELD_SPECS[field] ?? { label: field, input: 'text' };
}

const REQUIRED: Record<EntityKind, readonly string[]> = {
  ORGANIZATION: ['subsector'],
  SUPPLIER: [],
  SERVICE: ['supplierId', 'type'],
  ASSET: ['organizationId'],
  WORKFLOW: ['organizationId', 'category'],
  CRITICAL_FUNCTION: [],
};
export const isRequired = (kind: EntityKind, field: string) =>
  field === 'id' || field === 'name' || REQUIRED[kind].includes(field);

/** The fields of a kind's form, in order. */
export const formFields = (kind: EntityKind): string[] => ['id', 'name', ...EDIT_FIELDS[kind]];

/** Form values: the text of each input. */
export type FormValues = Record<string, string>;

const text = (v: unknown): string => (v === null || v === undefined ? '' : String(v));

/** An entity as the EditableFields fragment gives it, as form values. */
export function valuesOf(e: Record<string, unknown>): FormValues {
  const ref = (x: unknown) => text((x as { id?: string } | null | undefined)?.id);
  const out: FormValues = {};
  const kind = e.kind as EntityKind;
  for (const field of formFields(kind)) out[field] = text(e[field]);
  if (kind === 'ORGANIZATION') out.type = text(e.orgType);
  if (kind === 'SERVICE') {
    out.type = text(e.serviceType);
    out.supplierId = ref(e.supplier);
  }
  if (kind === 'ASSET') {
    out.type = text(e.assetType);
    out.organizationId = ref(e.organization);
  }
  if (kind === 'WORKFLOW') {
    out.category = text(e.workflowCategory);
    out.organizationId = ref(e.organization);
  }
  return out;
}

export const emptyValues = (kind: EntityKind, preset: FormValues = {}): FormValues => ({
  ...Object.fromEntries(formFields(kind).map((f) => [f, ''])),
  ...preset,
});

export type Checked<T> = { ok: true; input: T } | { ok: false; errors: Record<string, string> };

/** The API's EntityInput for these values, or the problems by field (the template's rules). */
export function checkEntity(kind: EntityKind, values: FormValues): Checked<Record<string, unknown>> {
  const parsed = parseEntityEdit(kind, values);
  if (!parsed.ok)
    return { ok: false, errors: Object.fromEntries(parsed.issues.map((i) => [i.field, i.message])) };
  return { ok: true, input: { kind, ...parsed.row } };
}

/** The API's DependencyInput for these values, or the problems by field. */
export function checkDependency(values: FormValues): Checked<Record<string, unknown>> {
  const parsed = parseDependencyEdit(values);
  if (!parsed.ok)
    return { ok: false, errors: Object.fromEntries(parsed.issues.map((i) => [i.field, i.message])) };
  return { ok: true, input: { ...parsed.row } };
}

export interface FieldChange {
  field: string;
  label: string;
  from: string;
  to: string;
}

/** What a save changes, field by field (values compared as the schema reads them). */
export function changesOf(kind: EntityKind, before: FormValues, after: FormValues): FieldChange[] {
  const a = checkEntity(kind, before);
  const b = checkEntity(kind, after);
  const norm = (c: Checked<Record<string, unknown>>, v: FormValues, f: string) =>
    c.ok ? text(c.input[f]) : (v[f] ?? '').trim();
  return formFields(kind)
    .map((field) => ({
      field,
      label: specOf(kind, field).label,
      from: norm(a, before, field),
      to: norm(b, after, field),
    }))
    .filter((c) => c.from !== c.to);
}

/** A preview's entity as the EntityInput that writes it back (the undo of a delete). */
export function inputOfEntity(e: Record<string, unknown>): Record<string, unknown> {
  const kind = e.kind as EntityKind;
  const checked = checkEntity(kind, valuesOf(e));
  if (!checked.ok)
    throw new Error(`${e.id} cannot be written back: ${Object.values(checked.errors).join('; ')}`);
  return checked.input;
}
