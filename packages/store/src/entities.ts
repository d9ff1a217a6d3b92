// Reads of single entities and dependencies for the API: lookups, search, neighbours.
// Edits are in ./edits.
import {
  type DependencySource,
  dependencyKey,
  type EntityKind,
  LABEL_KIND,
  SUBSECTORS,
  type Subsector,
} from '@smart/domain';
import neo4j from 'neo4j-driver';
import { cypher } from './cypher';
import type { Store } from './store';

export interface EntityRecord {
  id: string;
  kind: EntityKind;
  name: string;
  supplierId?: string | null;
  organizationId?: string | null;
  [property: string]: unknown;
}

export function entityRecord(r: { get(key: string): unknown }): EntityRecord {
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

/**
 * The stored DEPENDS_ON edges among `edges` (each a directed from → to), keyed by
 * `dependencyKey(from, to)`, in one read; a pair with no edge is left out.
 */
export async function dependenciesBetween(
  store: Store,
  edges: readonly { from: string; to: string }[],
): Promise<Map<string, DependencyRecord>> {
  const rows = await store.readRows<DependencyRecord>('queries/entities/dependencies-between', {
    rows: edges.map(({ from, to }) => ({ from, to })),
  });
  return new Map(rows.map((r) => [dependencyKey(r.from, r.to), r]));
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

const NO_RELATIVES: Relatives = {
  services: [],
  workflows: [],
  assets: [],
  functions: [],
  supportingWorkflows: [],
};

export async function relativesOf(store: Store, id: string): Promise<Relatives> {
  return (await relativesOfMany(store, [id])).get(id) ?? NO_RELATIVES;
}

/**
 * The relatives of many entities in one query per 10,000 ids (`$ids`); an id not stored
 * gets no relatives.
 */
export async function relativesOfMany(store: Store, ids: readonly string[]): Promise<Map<string, Relatives>> {
  const out = new Map<string, Relatives>();
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += 10_000) {
    const rows = await store.readRows<Relatives & { id: string }>('queries/entities/children', {
      ids: unique.slice(i, i + 10_000),
    });
    for (const { id, ...r } of rows) out.set(id, r);
  }
  for (const id of unique) if (!out.has(id)) out.set(id, NO_RELATIVES);
  return out;
}

/**
 * The owner of each stored entity among `ids` (issue 19): an Organization owns itself,
 * a Workflow or an Asset belongs to its organization, the catalogue (suppliers,
 * services, critical functions) to nobody (null). Ids not stored are left out.
 */
export async function entityOwners(
  store: Store,
  ids: readonly string[],
): Promise<Map<string, string | null>> {
  const out = new Map<string, string | null>();
  for (let i = 0; i < ids.length; i += 10_000) {
    for (const [id, e] of await entitiesByIds(store, ids.slice(i, i + 10_000)))
      out.set(
        id,
        e.kind === 'ORGANIZATION'
          ? id
          : e.kind === 'WORKFLOW' || e.kind === 'ASSET'
            ? (e.organizationId ?? '')
            : null,
      );
  }
  return out;
}
