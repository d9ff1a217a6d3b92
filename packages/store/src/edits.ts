// Edits of single entities and dependencies for the API (the explorer's forms). Each is
// one write transaction with its audit event and a graph-version bump (and its change-log
// ops), validated by the same row schemas as a template (@smart/domain parseEntityEdit).
//
// Optimistic concurrency: a client passes the version it saw (Entity.version,
// Dependency.version, DeletePreview.version, or ABSENT_VERSION for "must not exist yet");
// the write transaction locks what it is about to change, recomputes the version and
// refuses with CONFLICT when it differs, so a second analyst's save never overwrites the
// first one's silently. A version is a digest of the stored properties and links, so it
// needs no extra property on the nodes (exports, backups and imports keep it as it is).
import { createHash } from 'node:crypto';
import {
  type ChangedEntity,
  DEPENDENCY_FROM_KINDS,
  DEPENDENCY_TO_KINDS,
  type DependencySource,
  type EntityKind,
  emptyTemplate,
  type GraphChange,
  parseDependencyEdit,
  parseEntityEdit,
  TABLE_OF_KIND,
  type Template,
} from '@smart/domain';
import type { ManagedTransaction } from 'neo4j-driver';
import { cypher } from './cypher';
import { type DependencyRecord, type EntityRecord, entityRecord } from './entities';
import { existingKinds, importTemplate, KindConflictError, StaleReferenceError } from './import';
import type { Store } from './store';

/** A problem with an edit, reported to the client with this code on `field`. */
export class EditError extends Error {
  constructor(
    readonly field: string,
    message: string,
    readonly code: 'BAD_USER_INPUT' | 'NOT_FOUND' | 'CONFLICT' = 'BAD_USER_INPUT',
  ) {
    super(message);
    this.name = 'EditError';
  }
}

/** The expected version of an entity or a dependency that must not exist yet (a create). */
export const ABSENT_VERSION = 'absent';

/** JSON with object keys sorted and null/undefined left out, so equal content digests equally. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== null && v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
const digest = (value: unknown): string =>
  createHash('sha256').update(canonical(value)).digest('base64url').slice(0, 22);

/** The version of an entity: its kind, properties and owner (a service's supplier, a workflow's or asset's organization). */
export const entityVersion = (e: EntityRecord): string => digest({ ...e });

type EdgeFields = Omit<DependencyRecord, 'from' | 'to'>;
/** The version of a dependency: its group, strength, source, confidence and notes. */
export const dependencyVersion = (d: EdgeFields): string =>
  digest({
    group: d.group ?? null,
    strength: d.strength ?? 1,
    source: d.source ?? null,
    confidence: d.confidence ?? null,
    notes: d.notes ?? null,
  });

const audit = (actor: string, action: string, target: string, details: unknown) => ({
  actor,
  action,
  target,
  details: JSON.stringify(details),
});

/**
 * Ids as an edit names them, with each id merged away (mergeEntities) replaced by its
 * survivor (issue 13): an explorer left open on an entity that was merged since, or a
 * client that kept the old id, edits the survivor. One indexed read.
 */
async function survivors(store: Store, ids: readonly (string | null | undefined)[]) {
  const named = [...new Set(ids.filter((id): id is string => typeof id === 'string' && id !== ''))];
  // merge.ts's resolveAliases, read here: merge.ts imports this module.
  const rows = named.length
    ? await store.readRows<{ id: string; survivorId: string }>('queries/merge/resolve', { ids: named })
    : [];
  const aliases = new Map(rows.map((r) => [r.id, r.survivorId]));
  return <T extends string | null | undefined>(id: T): T => (id ? ((aliases.get(id) ?? id) as T) : id);
}

const changedSince = (what: string) =>
  `${what} changed since you opened it (another edit was saved first); reload it and make your change again`;

async function lockEntities(tx: ManagedTransaction, ids: string[]): Promise<Map<string, EntityRecord>> {
  const res = await tx.run(cypher('queries/entities/lock'), { ids });
  return new Map(res.records.map((r) => [r.get('id') as string, entityRecord(r)]));
}

/** Checks `expected` against the entity as locked in this transaction. */
async function checkEntityVersion(tx: ManagedTransaction, id: string, expected: string | null | undefined) {
  if (expected === null || expected === undefined) return;
  const current = (await lockEntities(tx, [id])).get(id);
  if (expected === ABSENT_VERSION) {
    if (current) throw new EditError('input.id', `'${id}' exists already; choose another id`, 'CONFLICT');
    return;
  }
  if (!current) throw new EditError('input.id', `'${id}' was deleted since you opened it`, 'CONFLICT');
  if (entityVersion(current) !== expected)
    throw new EditError('expectedVersion', changedSince(`'${id}'`), 'CONFLICT');
}

// ---------------------------------------------------------------------------------------
// Delete, with a preview of everything it removes.

/** Everything a delete of one entity removes, and its version. */
export interface DeletePreview {
  id: string;
  /** The entity first, then a supplier's services or an organization's workflows and assets. */
  entities: EntityRecord[];
  /** Every dependency into or out of those entities. */
  dependencies: DependencyRecord[];
  /** Their workflow–function links. */
  functionLinks: { workflowId: string; functionId: string }[];
  /** A digest of all of the above: deleteEntity refuses when it differs at the time of the delete. */
  version: string;
}

async function previewIn(tx: ManagedTransaction, id: string, lock: boolean): Promise<DeletePreview | null> {
  if (lock && (await lockEntities(tx, [id])).size === 0) return null;
  const [row] = (await tx.run(cypher('queries/entities/cascade'), { id })).records;
  if (!row) return null;
  const ids = row.get('ids') as string[];
  const records = lock
    ? await lockEntities(tx, ids)
    : new Map(
        (await tx.run(cypher('queries/entities/by-ids'), { ids })).records.map((r) => [
          r.get('id') as string,
          entityRecord(r),
        ]),
      );
  const entities = ids.map((i) => records.get(i)).filter((e): e is EntityRecord => e !== undefined);
  const dependencies = (await tx.run(cypher('queries/entities/edges-of'), { ids })).records.map(
    (r) => r.toObject() as DependencyRecord,
  );
  const functionLinks = (await tx.run(cypher('queries/entities/supports-of'), { ids })).records.map(
    (r) => r.toObject() as { workflowId: string; functionId: string },
  );
  const version = digest({ entities, dependencies, functionLinks });
  return { id, entities, dependencies, functionLinks, version };
}

/** What deleting `id` would remove (null when there is no such entity); writes nothing. */
export async function previewDelete(store: Store, id: string): Promise<DeletePreview | null> {
  const survivor = (await survivors(store, [id]))(id);
  return store.read((tx) => previewIn(tx, survivor, false));
}

/**
 * Deletes an entity and what goes with it (entities/delete.cypher). With `expectedVersion`
 * (a DeletePreview's), refused with CONFLICT when anything the delete removes has changed
 * since the preview, so the preview shown is exactly what was removed (and what an undo restores).
 */
export async function deleteEntity(
  store: Store,
  id: string,
  actor: string,
  expectedVersion?: string | null,
): Promise<string[]> {
  const named = id;
  id = (await survivors(store, [named]))(named);
  return store.write(
    async (tx) => {
      const preview = await previewIn(tx, id, true);
      if (!preview) throw new EditError('id', `no entity has id '${id}'`, 'NOT_FOUND');
      if (expectedVersion && preview.version !== expectedVersion)
        throw new EditError('expectedVersion', changedSince(`What deleting '${id}' removes`), 'CONFLICT');
      const res = await tx.run(cypher('queries/entities/delete'), { id });
      const ids = (res.records[0]?.get('ids') as string[] | undefined) ?? [];
      await tx.run(
        cypher('queries/import/audit'),
        audit(actor, 'deleteEntity', id, { removed: ids, dependencies: preview.dependencies.length }),
      );
      return ids;
    },
    { bumpVersion: true, changes: [{ op: 'DELETE_ENTITY', id }] },
  );
}

// ---------------------------------------------------------------------------------------
// Dependencies.

export interface DependencyEdit {
  from: string;
  to: string;
  group?: string | null;
  strength?: number | null;
  source?: DependencySource | null;
  confidence?: number | null;
  notes?: string | null;
}

function dependencyProblem(field: string, message: string): EditError {
  return new EditError(`input.${field}`, message);
}

/** Checks a dependency edit by the template's rules; the row as import would write it. */
async function checkDependency(store: Store, d: DependencyEdit, kindsKnown?: Map<string, EntityKind>) {
  const parsed = parseDependencyEdit(d as unknown as Record<string, unknown>);
  if (!parsed.ok) {
    const [first] = parsed.issues;
    throw dependencyProblem(first!.field, first!.message);
  }
  const row = parsed.row;
  if (row.from === row.to) throw dependencyProblem('to', 'an entity cannot depend on itself');
  const missing = [row.from, row.to].filter((i) => !kindsKnown?.has(i));
  const kinds = new Map([...(kindsKnown ?? []), ...(await existingKinds(store, missing))]);
  const fromKind = kinds.get(row.from);
  const toKind = kinds.get(row.to);
  if (!fromKind) throw new EditError('input.from', `no entity has id '${row.from}'`, 'NOT_FOUND');
  if (!toKind) throw new EditError('input.to', `no entity has id '${row.to}'`, 'NOT_FOUND');
  if (!DEPENDENCY_FROM_KINDS.includes(fromKind)) {
    throw dependencyProblem(
      'from',
      `a ${fromKind} cannot depend on anything: only ${DEPENDENCY_FROM_KINDS.join(', ')} can`,
    );
  }
  if (!DEPENDENCY_TO_KINDS.includes(toKind))
    throw dependencyProblem(
      'to',
      `nothing can depend on a ${toKind}: only on ${DEPENDENCY_TO_KINDS.join(', ')}`,
    );
  return row;
}

/** Reads (and locks) the edge from → to in this transaction and checks `expected` against it. */
async function checkEdgeVersion(
  tx: ManagedTransaction,
  from: string,
  to: string,
  expected: string | null | undefined,
): Promise<void> {
  if (expected === null || expected === undefined) return;
  const [r] = (await tx.run(cypher('queries/entities/dependency-for-edit'), { from, to })).records;
  const edge = r?.get('exists') ? (r.toObject() as EdgeFields) : null;
  if (expected === ABSENT_VERSION) {
    if (edge)
      throw new EditError(
        'input.to',
        `'${from}' depends on '${to}' already (added since you opened it)`,
        'CONFLICT',
      );
    return;
  }
  if (!edge)
    throw new EditError(
      'expectedVersion',
      `the dependency ${from} → ${to} was removed since you opened it`,
      'CONFLICT',
    );
  if (dependencyVersion(edge) !== expected)
    throw new EditError('expectedVersion', changedSince(`The dependency ${from} → ${to}`), 'CONFLICT');
}

/**
 * Creates or replaces the one DEPENDS_ON edge from → to. With `alternativeTo`, the edge
 * becomes an alternative of from → alternativeTo: it joins that edge's group, and when
 * that edge has none, both get `d.group` (or a label made of the two ids), in the same
 * transaction.
 */
export async function addDependency(
  store: Store,
  d: DependencyEdit,
  actor: string,
  expectedVersion?: string | null,
  alternativeTo?: string | null,
): Promise<DependencyRecord> {
  const survivor = await survivors(store, [d.from, d.to, alternativeTo]);
  d = { ...d, from: survivor(d.from), to: survivor(d.to) };
  alternativeTo = survivor(alternativeTo);
  const row = await checkDependency(store, d);
  if (alternativeTo === row.to)
    throw new EditError('alternativeTo', 'a dependency cannot be an alternative of itself');
  const props: Record<string, unknown> = {};
  for (const k of ['group', 'strength', 'source', 'confidence', 'notes'] as const)
    if (row[k] !== undefined) props[k] = row[k];
  await store.write(
    async (tx) => {
      await checkEdgeVersion(tx, row.from, row.to, expectedVersion);
      const regrouped: GraphChange[] = [];
      if (alternativeTo) {
        const [r] = (
          await tx.run(cypher('queries/entities/dependency-for-edit'), { from: row.from, to: alternativeTo })
        ).records;
        if (!r?.get('exists'))
          throw new EditError(
            'alternativeTo',
            `'${row.from}' does not depend on '${alternativeTo}'`,
            'NOT_FOUND',
          );
        const theirs = r.get('group') as string | null;
        if (theirs && props.group && props.group !== theirs)
          throw new EditError(
            'input.group',
            `the dependency on '${alternativeTo}' is in group '${theirs}': leave the group empty or give '${theirs}'`,
          );
        const group = theirs ?? (props.group as string | undefined) ?? `${alternativeTo}|${row.to}`;
        props.group = group;
        if (!theirs) {
          const [set] = (
            await tx.run(cypher('queries/entities/set-dependency-group'), {
              from: row.from,
              to: alternativeTo,
              group,
            })
          ).records;
          regrouped.push({
            op: 'ADD_DEPENDENCY',
            from: row.from,
            to: alternativeTo,
            group,
            strength: (set?.get('strength') as number | null) ?? null,
          });
        }
      }
      const res = await tx.run(cypher('queries/entities/add-dependency'), {
        from: row.from,
        to: row.to,
        props,
      });
      if (res.records.length === 0) {
        // An endpoint was deleted after the check above: nothing added, nothing recorded.
        const held = (
          await tx.run(cypher('queries/import/existing-kinds'), { ids: [row.from, row.to] })
        ).records.map((r) => r.get('id') as string);
        const [field, id] = held.includes(row.from) ? ['input.to', row.to] : ['input.from', row.from];
        throw new EditError(field, `no entity has id '${id}' (deleted meanwhile)`, 'NOT_FOUND');
      }
      await tx.run(
        cypher('queries/import/audit'),
        audit(actor, 'addDependency', `${row.from}->${row.to}`, { ...props, alternativeTo }),
      );
      return regrouped;
    },
    {
      bumpVersion: true,
      changes: (regrouped) => [
        ...regrouped,
        {
          op: 'ADD_DEPENDENCY',
          from: row.from,
          to: row.to,
          group: (props.group as string | undefined) ?? null,
          strength: row.strength ?? null,
        },
      ],
    },
  );
  return {
    from: row.from,
    to: row.to,
    group: (props.group as string | undefined) ?? null,
    strength: row.strength ?? 1,
    source: row.source ?? null,
    confidence: row.confidence ?? null,
    notes: row.notes ?? null,
  };
}

export async function removeDependency(
  store: Store,
  from: string,
  to: string,
  actor: string,
  expectedVersion?: string | null,
): Promise<boolean> {
  const survivor = await survivors(store, [from, to]);
  from = survivor(from);
  to = survivor(to);
  return store.write(
    async (tx) => {
      await checkEdgeVersion(tx, from, to, expectedVersion);
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

// ---------------------------------------------------------------------------------------
// Entities.

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
    region: kind === 'ORGANIZATION' ? value<string>('region') : null,
    volumeUnit: kind === 'WORKFLOW' ? value<string>('volumeUnit') : null,
    // A row without an owner leaves the link as it is (the import's link-* queries).
    ...(owner ? { owner } : {}),
  };
}

/** The typed row of an entity edit, or an EditError on its first problem (`prefix` + field). */
function entityRow(input: EntityEdit, prefix = 'input.'): Record<string, unknown> {
  const parsed = parseEntityEdit(input.kind, input as unknown as Record<string, unknown>);
  if (!parsed.ok) {
    const [first] = parsed.issues;
    throw new EditError(`${prefix}${first!.field}`, first!.message);
  }
  return parsed.row as unknown as Record<string, unknown>;
}

const OWNER_KIND: Partial<Record<EntityKind, ['supplierId' | 'organizationId', EntityKind]>> = {
  SERVICE: ['supplierId', 'SUPPLIER'],
  ASSET: ['organizationId', 'ORGANIZATION'],
  WORKFLOW: ['organizationId', 'ORGANIZATION'],
};

/**
 * Creates or replaces one entity, validated by the same row schema as a template row and
 * written by the same import path (one transaction with its audit). With `expectedVersion`
 * (its Entity.version, or ABSENT_VERSION for a create) refused with CONFLICT when the
 * entity changed, appeared or went since. An id or owner merged away is its survivor's;
 * returns the id written.
 */
export async function upsertEntity(
  store: Store,
  input: EntityEdit,
  actor: string,
  expectedVersion?: string | null,
): Promise<string> {
  const survivor = await survivors(store, [input.id, input.supplierId, input.organizationId]);
  input = {
    ...input,
    id: survivor(input.id),
    supplierId: survivor(input.supplierId),
    organizationId: survivor(input.organizationId),
  };
  const row = entityRow(input);
  const owner = OWNER_KIND[input.kind];
  const ownerId = owner ? (row[owner[0]] as string) : undefined;
  if (owner && ownerId) {
    const found = (await existingKinds(store, [ownerId])).get(ownerId);
    const field = `input.${owner[0]}`;
    if (!found) throw new EditError(field, `no entity has id '${ownerId}'`, 'NOT_FOUND');
    if (found !== owner[1]) throw new EditError(field, `'${ownerId}' is a ${found}, not a ${owner[1]}`);
  }
  const t = emptyTemplate();
  (t[TABLE_OF_KIND[input.kind]] as unknown[]).push(row);
  try {
    await importTemplate(store, t, {
      actor,
      action: 'upsertEntity',
      source: input.id,
      check: (tx) => checkEntityVersion(tx, input.id, expectedVersion),
      changes: [{ op: 'UPSERT_ENTITY', entity: changedEntity(input.kind, row) }],
    });
  } catch (err) {
    if (err instanceof KindConflictError)
      throw new EditError('input.id', `'${input.id}' already belongs to an entity of another kind`);
    // The owner was deleted between the check above and the write.
    if (err instanceof StaleReferenceError && owner)
      throw new EditError(`input.${owner[0]}`, err.references[0]!.message, 'NOT_FOUND');
    throw err;
  }
  return input.id;
}

/** What restoreEntities writes back: a DeletePreview's content, as inputs. */
export interface RestoreEdit {
  entities: EntityEdit[];
  dependencies: DependencyEdit[];
  functionLinks: { workflowId: string; functionId: string }[];
}

// Owners before what they own, so the change log replays in order.
const RESTORE_ORDER: EntityKind[] = [
  'ORGANIZATION',
  'SUPPLIER',
  'CRITICAL_FUNCTION',
  'SERVICE',
  'ASSET',
  'WORKFLOW',
];

/**
 * Writes deleted entities back with their dependencies and workflow–function links (the
 * undo of a delete), in one import transaction: every row checked as a template row,
 * refused with CONFLICT when one of the ids exists again, with NOT_FOUND when an entity
 * they refer to is gone. Returns the restored ids.
 */
export async function restoreEntities(store: Store, input: RestoreEdit, actor: string): Promise<string[]> {
  if (input.entities.length === 0)
    throw new EditError('input.entities', 'name at least one entity to restore');
  // References to entities merged away since the delete land on their survivors.
  const restoring = new Set(input.entities.map((e) => e.id));
  const survivor = await survivors(store, [
    ...input.entities.flatMap((e) => [e.supplierId, e.organizationId]),
    ...input.dependencies.flatMap((d) => [d.from, d.to]),
    ...input.functionLinks.flatMap((l) => [l.workflowId, l.functionId]),
  ]);
  const ref = <T extends string | null | undefined>(id: T): T =>
    id && restoring.has(id) ? id : survivor(id);
  input = {
    entities: input.entities.map((e) => ({
      ...e,
      supplierId: ref(e.supplierId),
      organizationId: ref(e.organizationId),
    })),
    dependencies: input.dependencies.map((d) => ({ ...d, from: ref(d.from), to: ref(d.to) })),
    functionLinks: input.functionLinks.map((l) => ({
      workflowId: ref(l.workflowId),
      functionId: ref(l.functionId),
    })),
  };
  const t: Template = emptyTemplate();
  const kinds = new Map<string, EntityKind>();
  const sorted = [...input.entities.entries()].sort(
    ([, a], [, b]) => RESTORE_ORDER.indexOf(a.kind) - RESTORE_ORDER.indexOf(b.kind),
  );
  const changes: GraphChange[] = [];
  for (const [i, e] of sorted) {
    const row = entityRow(e, `input.entities[${i}].`);
    if (kinds.has(e.id)) throw new EditError(`input.entities[${i}].id`, `'${e.id}' is listed twice`);
    kinds.set(e.id, e.kind);
    (t[TABLE_OF_KIND[e.kind]] as unknown[]).push(row);
    changes.push({ op: 'UPSERT_ENTITY', entity: changedEntity(e.kind, row) });
  }
  for (const [i, d] of input.dependencies.entries()) {
    let row: Awaited<ReturnType<typeof checkDependency>>;
    try {
      row = await checkDependency(store, d, kinds);
    } catch (err) {
      if (err instanceof EditError)
        throw new EditError(err.field.replace('input.', `input.dependencies[${i}].`), err.message, err.code);
      throw err;
    }
    t.dependencies.push(row);
    changes.push({
      op: 'ADD_DEPENDENCY',
      from: row.from,
      to: row.to,
      group: row.group ?? null,
      strength: row.strength ?? null,
    });
  }
  for (const l of input.functionLinks) {
    t.workflowFunctions.push(l);
    changes.push({ op: 'ADD_SUPPORT', workflowId: l.workflowId, functionId: l.functionId });
  }
  const ids = [...kinds.keys()];
  try {
    await importTemplate(store, t, {
      actor,
      action: 'restoreEntities',
      source: ids[0],
      check: async (tx) => {
        const found = await tx.run(cypher('queries/import/existing-kinds'), { ids });
        if (found.records.length > 0) {
          const again = found.records.map((r) => `'${r.get('id')}'`).join(', ');
          throw new EditError(
            'input.entities',
            `${again} exists again since the delete; nothing was restored`,
            'CONFLICT',
          );
        }
      },
      changes,
    });
  } catch (err) {
    if (err instanceof StaleReferenceError) {
      const ref = err.references[0]!;
      throw new EditError(`input.${ref.table}`, `${ref.message}; nothing was restored`, 'NOT_FOUND');
    }
    throw err;
  }
  return ids;
}
