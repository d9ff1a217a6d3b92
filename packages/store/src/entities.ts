// Reads and edits of single entities and dependencies for the API. Edits go through
// the same paths as import (validation by the domain schemas, one transaction with
// its audit event and a graph-version bump).
import {
  type ChangedEntity,
  ROW_SCHEMAS,
  DEPENDENCY_FROM_KINDS,
  DEPENDENCY_SOURCES,
  DEPENDENCY_TO_KINDS,
  type DependencySource,
  type EntityKind,
  LABEL_KIND,
  SUBSECTORS,
  type Subsector,
} from '@smart/domain';
import neo4j from 'neo4j-driver';
import { cypher } from './cypher';
import { StaleReferenceError, existingKinds, importTemplate } from './import';
import { type Template, emptyTemplate } from '@smart/domain';
import type { Store } from './store';

export interface EntityRecord {
  id: string;
  kind: EntityKind;
  name: string;
  supplierId?: string | null;
  organizationId?: string | null;
  [property: string]: unknown;
}

function entityRecord(r: { get(key: string): unknown }): EntityRecord {
  const props = r.get('props') as Record<string, unknown>;
  return {
    ...props,
    id: r.get('id') as string,
    name: String(props.name),
    kind: LABEL_KIND[r.get('label') as string]!,
    supplierId: r.get('supplierId') as string | null,
    organizationId: r.get('organizationId') as string | null,
  };
}

export async function entitiesByIds(
  store: Store,
  ids: readonly string[],
): Promise<Map<string, EntityRecord>> {
  const out = new Map<string, EntityRecord>();
  if (ids.length === 0) return out;
  const rows = await store.read(
    async (tx) => (await tx.run(cypher('queries/entities/by-ids'), { ids })).records,
  );
  for (const r of rows) out.set(r.get('id'), entityRecord(r));
  return out;
}

/** Search terms of free text: lower case, split on anything but letters and digits. */
export function searchTerms(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, 8);
}

/** Subsectors in words, as analysts say them (the stored value is one token, e.g. HEALTH_IT). */
export const SUBSECTOR_WORDS: Record<Subsector, string> = {
  DIRECT_PATIENT_CARE: 'Direct patient care',
  HEALTH_PLANS_PAYERS: 'Health plans and payers',
  PHARMA_LABS_BLOOD: 'Pharma, labs and blood',
  MEDICAL_MATERIALS_DEVICES: 'Medical materials and devices',
  HEALTH_IT: 'Health IT',
  PUBLIC_HEALTH: 'Public health',
  MASS_FATALITY: 'Mass fatality',
};

/** True when every term is a prefix of some word of `value`. */
function matchesAll(terms: string[], value: string): boolean {
  const words = searchTerms(value);
  return terms.every((t) => words.some((w) => w.startsWith(t)));
}

/**
 * A Lucene query from free text: every term escaped (so user text is data, never
 * query syntax) and matched as a prefix, all terms required, in any of the indexed
 * fields; a match on the name ranks first. Subsectors are stored as one token
 * (DIRECT_PATIENT_CARE), so text that names one in words ("patient care") adds it.
 */
export function luceneQuery(text: string): string | null {
  const terms = searchTerms(text);
  if (terms.length === 0) return null;
  const all = terms.map((t) => `${t.replace(/[+\-&|!(){}[\]^"~*?:\\/]/g, '\\$&')}*`).join(' AND ');
  const subsectors = SUBSECTORS.filter((s) => matchesAll(terms, SUBSECTOR_WORDS[s]));
  return [`(${all})`, `name:(${all})^4`, ...subsectors.map((s) => `subsector:${s.toLowerCase()}`)].join(
    ' OR ',
  );
}

/** The fields search looks in, in the order a match is reported. */
export const SEARCH_FIELDS = ['NAME', 'ID', 'CATEGORY', 'TYPE', 'SECTOR_WORKFLOW', 'SUBSECTOR'] as const;
export type SearchField = (typeof SEARCH_FIELDS)[number];

const FIELD_PROPERTY: Record<SearchField, string> = {
  NAME: 'name',
  ID: 'id',
  CATEGORY: 'category',
  TYPE: 'type',
  SECTOR_WORKFLOW: 'sectorWorkflow',
  SUBSECTOR: 'subsector',
};

/** An enumeration value in words: TECHNOLOGY → Technology; free text is left alone. */
function inWords(field: SearchField, value: string): string {
  if (field === 'SUBSECTOR') return SUBSECTOR_WORDS[value as Subsector] ?? value;
  if (field !== 'ID' && /^[A-Z][A-Z_]*$/.test(value) && value.length > 3) {
    const words = value.toLowerCase().replace(/_/g, ' ');
    return words[0]!.toUpperCase() + words.slice(1);
  }
  return value;
}

export interface SearchHit {
  entity: EntityRecord;
  matchedField: SearchField;
  /** The matched field's value, in words. */
  matchedText: string;
}

/**
 * Which field made an entity match: the first (in SEARCH_FIELDS order) whose words
 * take every term as a prefix; when the terms are spread over several fields, the
 * one that takes most of them.
 */
export function matchedField(entity: Record<string, unknown>, text: string): Omit<SearchHit, 'entity'> {
  const terms = searchTerms(text);
  let best: Omit<SearchHit, 'entity'> = { matchedField: 'NAME', matchedText: String(entity.name ?? '') };
  let bestCount = -1;
  for (const field of SEARCH_FIELDS) {
    const raw = entity[FIELD_PROPERTY[field]];
    if (typeof raw !== 'string' || raw === '') continue;
    const words = inWords(field, raw);
    const tokens = [...searchTerms(words), ...searchTerms(raw)];
    const count = terms.filter((t) => tokens.some((w) => w.startsWith(t))).length;
    if (count > bestCount) {
      best = { matchedField: field, matchedText: words };
      bestCount = count;
    }
    if (count === terms.length) break;
  }
  return best;
}

/** The best matches, best first, as whole entities, each with what matched. */
export async function searchHits(
  store: Store,
  text: string,
  labels: string[],
  first: number,
): Promise<SearchHit[]> {
  const query = luceneQuery(text);
  if (!query) return [];
  const params = { query, labels, first: neo4j.int(first), scan: neo4j.int(Math.max(first * 10, 200)) };
  const rows = await store.read(
    async (tx) => (await tx.run(cypher('queries/entities/search'), params)).records,
  );
  return rows.map((r) => {
    const entity = entityRecord(r);
    return { entity, ...matchedField(entity, text) };
  });
}

/** The best matches, best first, as whole entities. */
export async function searchEntities(
  store: Store,
  text: string,
  labels: string[],
  first: number,
): Promise<EntityRecord[]> {
  return (await searchHits(store, text, labels, first)).map((h) => h.entity);
}

export interface DependencyRecord {
  from: string;
  to: string;
  group: string | null;
  strength: number;
  source: DependencySource | null;
  confidence: number | null;
  notes: string | null;
}

export async function dependenciesOf(store: Store, id: string): Promise<DependencyRecord[]> {
  const rows = await store.readRows<Omit<DependencyRecord, 'from'>>('queries/entities/dependencies', { id });
  return rows.map((r) => ({ ...r, from: id }));
}

export async function dependentsOf(store: Store, id: string, first: number): Promise<DependencyRecord[]> {
  // a Supplier's dependents include those of its services: each row names its `to`
  return store.readRows<DependencyRecord>('queries/entities/dependents', { id, first: neo4j.int(first) });
}

export interface Relatives {
  services: string[];
  workflows: string[];
  assets: string[];
  functions: string[];
  supportingWorkflows: string[];
}

export async function relativesOf(store: Store, id: string): Promise<Relatives> {
  const [row] = await store.readRows<Relatives & Record<string, unknown>>('queries/entities/children', {
    id,
  });
  return row ?? { services: [], workflows: [], assets: [], functions: [], supportingWorkflows: [] };
}

/** A problem with an edit, reported to the client as BAD_USER_INPUT on `field`. */
export class EditError extends Error {
  constructor(
    readonly field: string,
    message: string,
    readonly code: 'BAD_USER_INPUT' | 'NOT_FOUND' = 'BAD_USER_INPUT',
  ) {
    super(message);
    this.name = 'EditError';
  }
}

const audit = (actor: string, action: string, target: string, details: unknown) => ({
  actor,
  action,
  target,
  details: JSON.stringify(details),
});

export async function deleteEntity(store: Store, id: string, actor: string): Promise<string[]> {
  return store.write(
    async (tx) => {
      const res = await tx.run(cypher('queries/entities/delete'), { id });
      const ids = (res.records[0]?.get('ids') as string[] | undefined) ?? [];
      if (ids.length === 0) throw new EditError('id', `no entity has id '${id}'`, 'NOT_FOUND');
      await tx.run(cypher('queries/import/audit'), audit(actor, 'deleteEntity', id, { removed: ids }));
      return ids;
    },
    { bumpVersion: true, changes: [{ op: 'DELETE_ENTITY', id }] },
  );
}

export interface DependencyEdit {
  from: string;
  to: string;
  group?: string | null;
  strength?: number | null;
  source?: DependencySource | null;
  confidence?: number | null;
  notes?: string | null;
}

export async function addDependency(
  store: Store,
  d: DependencyEdit,
  actor: string,
): Promise<DependencyRecord> {
  if (d.from === d.to) throw new EditError('input.to', 'an entity cannot depend on itself');
  for (const [field, value] of [
    ['input.strength', d.strength],
    ['input.confidence', d.confidence],
  ] as const) {
    if (value !== null && value !== undefined && !(value >= 0 && value <= 1)) {
      throw new EditError(field, 'must be a number from 0 to 1');
    }
  }
  if (d.source && !DEPENDENCY_SOURCES.includes(d.source)) {
    throw new EditError('input.source', `must be one of ${DEPENDENCY_SOURCES.join(', ')}`);
  }
  const kinds = await existingKinds(store, [d.from, d.to]);
  const fromKind = kinds.get(d.from);
  const toKind = kinds.get(d.to);
  if (!fromKind) throw new EditError('input.from', `no entity has id '${d.from}'`, 'NOT_FOUND');
  if (!toKind) throw new EditError('input.to', `no entity has id '${d.to}'`, 'NOT_FOUND');
  if (!DEPENDENCY_FROM_KINDS.includes(fromKind)) {
    throw new EditError(
      'input.from',
      `a ${fromKind} cannot depend on anything: only ${DEPENDENCY_FROM_KINDS.join(', ')} can`,
    );
  }
  if (!DEPENDENCY_TO_KINDS.includes(toKind)) {
    throw new EditError(
      'input.to',
      `nothing can depend on a ${toKind}: only on ${DEPENDENCY_TO_KINDS.join(', ')}`,
    );
  }
  const props: Record<string, unknown> = {};
  for (const k of ['group', 'strength', 'source', 'confidence', 'notes'] as const) {
    const v = d[k];
    if (v !== null && v !== undefined && v !== '') props[k] = v;
  }
  await store.write(
    async (tx) => {
      const added = await tx.run(cypher('queries/entities/add-dependency'), {
        from: d.from,
        to: d.to,
        props,
      });
      if (added.records.length === 0) {
        // An endpoint was deleted after the check above: nothing added, nothing recorded.
        const held = (
          await tx.run(cypher('queries/import/existing-kinds'), { ids: [d.from, d.to] })
        ).records.map((r) => r.get('id') as string);
        const [field, id] = held.includes(d.from) ? ['input.to', d.to] : ['input.from', d.from];
        throw new EditError(field, `no entity has id '${id}' (deleted meanwhile)`, 'NOT_FOUND');
      }
      await tx.run(
        cypher('queries/import/audit'),
        audit(actor, 'addDependency', `${d.from}->${d.to}`, props),
      );
    },
    {
      bumpVersion: true,
      changes: [
        {
          op: 'ADD_DEPENDENCY',
          from: d.from,
          to: d.to,
          group: (props.group as string | undefined) ?? null,
          strength: (props.strength as number | undefined) ?? null,
        },
      ],
    },
  );
  return {
    from: d.from,
    to: d.to,
    group: (props.group as string) ?? null,
    strength: (props.strength as number) ?? 1,
    source: (props.source as DependencySource) ?? null,
    confidence: (props.confidence as number) ?? null,
    notes: (props.notes as string) ?? null,
  };
}

export async function removeDependency(
  store: Store,
  from: string,
  to: string,
  actor: string,
): Promise<boolean> {
  return store.write(
    async (tx) => {
      const res = await tx.run(cypher('queries/entities/remove-dependency'), { from, to });
      const removed = (res.records[0]?.get('removed') as number) > 0;
      if (removed)
        await tx.run(cypher('queries/import/audit'), audit(actor, 'removeDependency', `${from}->${to}`, {}));
      return removed;
    },
    {
      bumpVersion: true,
      changes: (removed) => (removed ? [{ op: 'REMOVE_DEPENDENCY', from, to }] : []),
    },
  );
}

/** The fields of an entity edit, as the API's EntityInput carries them. */
export interface EntityEdit {
  id: string;
  kind: EntityKind;
  name: string;
  subsector?: string | null;
  type?: string | null;
  region?: string | null;
  size?: string | null;
  beds?: number | null;
  category?: string | null;
  country?: string | null;
  securityRating?: number | null;
  supplierId?: string | null;
  organizationId?: string | null;
  sectorWorkflow?: string | null;
  criticality?: number | null;
  toleranceHours?: number | null;
  workaroundCapacity?: number | null;
  volumePerDay?: number | null;
  volumeUnit?: string | null;
  description?: string | null;
  ncf?: string | null;
  notes?: string | null;
}

const TABLE_OF_KIND = {
  ORGANIZATION: 'organizations',
  SUPPLIER: 'suppliers',
  SERVICE: 'services',
  ASSET: 'assets',
  WORKFLOW: 'workflows',
  CRITICAL_FUNCTION: 'criticalFunctions',
} as const satisfies Record<EntityKind, keyof Template>;

// camelCase input field → the template column the row schema reads.
const COLUMN: Record<string, string> = {
  securityRating: 'security_rating',
  supplierId: 'supplier_id',
  organizationId: 'organization_id',
  sectorWorkflow: 'sector_workflow',
  toleranceHours: 'tolerance_hours',
  workaroundCapacity: 'workaround_capacity',
  volumePerDay: 'volume_per_day',
  volumeUnit: 'volume_unit',
};

/** An upserted row as the projection reads it back (projection/page.cypher), for the change log. */
function changedEntity(kind: EntityKind, row: Record<string, unknown>): ChangedEntity {
  const value = <T>(k: string) => (row[k] ?? null) as T | null;
  const owner = value<string>('supplierId') ?? value<string>('organizationId');
  return {
    id: row.id as string,
    kind,
    name: value<string>('name'),
    toleranceHours: value<number>('toleranceHours'),
    workaroundCapacity: value<number>('workaroundCapacity'),
    volumePerDay: value<number>('volumePerDay'),
    criticality: value<number>('criticality'),
    category: value<string>('category') ?? value<string>('type'),
    subsector: value<string>('subsector'),
    // A row without an owner leaves the link as it is (the import's link-* queries).
    ...(owner ? { owner } : {}),
  };
}

/**
 * Creates or replaces one entity, validated by the same row schema as a template
 * row and written by the same import path (so one transaction with its audit).
 */
export async function upsertEntity(store: Store, input: EntityEdit, actor: string): Promise<void> {
  const table = TABLE_OF_KIND[input.kind];
  const raw: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(input))
    if (k !== 'kind' && v !== null && v !== undefined) raw[COLUMN[k] ?? k] = v;
  const parsed = ROW_SCHEMAS[table].safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const column = String(issue.path[0] ?? 'input');
    const field = Object.entries(COLUMN).find(([, c]) => c === column)?.[0] ?? column;
    throw new EditError(`input.${field}`, issue.message);
  }
  const row = parsed.data as { supplierId?: string; organizationId?: string };
  const owner = row.supplierId ?? row.organizationId;
  if (owner) {
    const want: EntityKind = row.supplierId ? 'SUPPLIER' : 'ORGANIZATION';
    const field = row.supplierId ? 'input.supplierId' : 'input.organizationId';
    const found = (await existingKinds(store, [owner])).get(owner);
    if (!found) throw new EditError(field, `no entity has id '${owner}'`, 'NOT_FOUND');
    if (found !== want) throw new EditError(field, `'${owner}' is a ${found}, not a ${want}`);
  }
  const t = emptyTemplate();
  (t[table] as unknown[]).push(parsed.data);
  try {
    await importTemplate(store, t, {
      actor,
      action: 'upsertEntity',
      source: input.id,
      changes: [
        { op: 'UPSERT_ENTITY', entity: changedEntity(input.kind, parsed.data as Record<string, unknown>) },
      ],
    });
  } catch (err) {
    if (err instanceof Error && err.name === 'KindConflictError') {
      throw new EditError('input.id', `'${input.id}' already belongs to an entity of another kind`);
    }
    // The owner was deleted between the check above and the write.
    if (err instanceof StaleReferenceError) {
      const field = row.supplierId ? 'input.supplierId' : 'input.organizationId';
      throw new EditError(field, err.references[0]!.message, 'NOT_FOUND');
    }
    throw err;
  }
}
