// Merging duplicate entities (issue 13 item 5): `others` are folded into `survivor` in
// one write transaction. Every relationship of an other moves to the survivor; one
// that would then repeat one the survivor has (same type and ends) is merged into it
// (the survivor's properties kept), one that would join the survivor to itself is
// dropped, and an other's own owner link (a service's supplier, a workflow's or asset's
// organization) is dropped, as the survivor keeps its own. The others' ids stay as
// aliases of the survivor (resolveAliases), the merge is audited, and the latest merge
// into a survivor can be undone while nothing else was written since.
import { createHash } from 'node:crypto';
import type { ManagedTransaction } from 'neo4j-driver';
import { cypher } from './cypher';
import { EditError } from './edits';
import { type EntityRecord, entityRecord } from './entities';
import type { Store } from './store';

export type RelationshipType = 'DEPENDS_ON' | 'PROVIDED_BY' | 'PERFORMS' | 'OWNS' | 'SUPPORTS';

export interface StoredRelationship {
  type: RelationshipType;
  from: string;
  to: string;
  props: Record<string, unknown>;
}

/** What happens to one relationship of a merged entity. */
export type MoveOutcome =
  /** re-attached to the survivor */
  | 'MOVED'
  /** the survivor has the same relationship already: the two become one (the survivor's properties kept) */
  | 'MERGED'
  /** it joined a merged entity and the survivor (or two merged ones): it would join the survivor to itself */
  | 'DROPPED_SELF'
  /** a merged entity's own supplier or organization: the survivor keeps its own */
  | 'DROPPED_OWNER';

export interface RelationshipMove {
  type: RelationshipType;
  from: string;
  to: string;
  /** The ends after the merge (null when dropped or merged). */
  newFrom: string | null;
  newTo: string | null;
  outcome: MoveOutcome;
}

export interface MergePreview {
  survivor: EntityRecord;
  others: EntityRecord[];
  /** Every relationship of the others, and what the merge does with it. */
  moves: RelationshipMove[];
  /** The survivor's relationships before the merge (they stay). */
  survivorRelationships: number;
  /** A digest of the above: mergeEntities refuses with CONFLICT when it differs at the time of the merge. */
  version: string;
}

/** The undo record of a merge (JSON in its EntityMerge). */
interface MergeUndo {
  entities: { label: string; props: Record<string, unknown> }[];
  removed: StoredRelationship[];
  added: { type: RelationshipType; from: string; to: string }[];
  repointed: { id: string; survivorId: string }[];
  /** The survivor's asserting submissions before the merge (absent: unchanged by it). */
  survivorSubmissions?: string[] | null;
}

const OWNER_LINK: Record<RelationshipType, 'in' | 'out' | null> = {
  // a service's link to its supplier (outgoing), a workflow's or asset's from its organization (incoming)
  PROVIDED_BY: 'out',
  PERFORMS: 'in',
  OWNS: 'in',
  DEPENDS_ON: null,
  SUPPORTS: null,
};

/** JSON with object keys sorted, so the same content digests the same whatever the property order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object')
    return `{${Object.keys(value as object)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value) ?? 'null';
}
const digest = (value: unknown) =>
  createHash('sha256').update(canonical(value)).digest('base64url').slice(0, 22);

async function lockAll(tx: ManagedTransaction, ids: string[]): Promise<Map<string, EntityRecord>> {
  const res = await tx.run(cypher('queries/entities/lock'), { ids });
  return new Map(res.records.map((r) => [r.get('id') as string, entityRecord(r)]));
}

async function relationshipsOf(tx: ManagedTransaction, ids: string[]): Promise<StoredRelationship[]> {
  const res = await tx.run(cypher('queries/merge/relationships-of'), { ids });
  return res.records.map((r) => {
    if (!r.get('known'))
      throw new EditError(
        'others',
        `'${r.get('from')}' → '${r.get('to')}' (${r.get('type')}) is a relationship a merge cannot move; nothing was merged`,
      );
    return {
      type: r.get('type') as RelationshipType,
      from: r.get('from') as string,
      to: r.get('to') as string,
      props: r.get('props') as Record<string, unknown>,
    };
  });
}

/** Checks the request and reads (locking, in a write) what the merge would do. */
async function previewIn(
  tx: ManagedTransaction,
  survivorId: string,
  otherIds: readonly string[],
  lock: boolean,
): Promise<{ preview: MergePreview; relationships: StoredRelationship[] }> {
  if (otherIds.length === 0)
    throw new EditError('others', 'name at least one entity to merge into the survivor');
  const seen = new Set<string>();
  for (const [i, id] of otherIds.entries()) {
    if (id === survivorId)
      throw new EditError(`others[${i}]`, `'${id}' is the survivor: an entity cannot be merged into itself`);
    if (seen.has(id)) throw new EditError(`others[${i}]`, `'${id}' is listed twice`);
    seen.add(id);
  }
  const ids = [survivorId, ...otherIds];
  const found = lock
    ? await lockAll(tx, ids)
    : new Map(
        (await tx.run(cypher('queries/entities/by-ids'), { ids })).records.map((r) => [
          r.get('id') as string,
          entityRecord(r),
        ]),
      );
  const survivor = found.get(survivorId);
  if (!survivor) throw new EditError('survivor', `no entity has id '${survivorId}'`, 'NOT_FOUND');
  const others: EntityRecord[] = [];
  for (const [i, id] of otherIds.entries()) {
    const e = found.get(id);
    if (!e)
      throw new EditError(
        `others[${i}]`,
        `no entity has id '${id}' (deleted or merged already)`,
        'NOT_FOUND',
      );
    if (e.kind !== survivor.kind)
      throw new EditError(
        `others[${i}]`,
        `'${id}' is a ${e.kind} and '${survivorId}' a ${survivor.kind}: only entities of one kind can be merged`,
      );
    others.push(e);
  }
  const relationships = await relationshipsOf(tx, ids);
  const merged = new Set(otherIds);
  const mapId = (id: string) => (merged.has(id) ? survivorId : id);
  const key = (type: string, from: string, to: string) => `${type}\n${from}\n${to}`;
  // What the survivor has: its own relationships, then each moved one as it is placed.
  const held = new Set(
    relationships
      .filter((r) => !merged.has(r.from) && !merged.has(r.to))
      .map((r) => key(r.type, r.from, r.to)),
  );
  const moves: RelationshipMove[] = [];
  for (const r of relationships) {
    if (!merged.has(r.from) && !merged.has(r.to)) continue;
    const newFrom = mapId(r.from);
    const newTo = mapId(r.to);
    const ownerSide = OWNER_LINK[r.type];
    const ownerOfOther =
      (ownerSide === 'out' && merged.has(r.from)) || (ownerSide === 'in' && merged.has(r.to));
    let outcome: MoveOutcome;
    if (newFrom === newTo) outcome = 'DROPPED_SELF';
    else if (ownerOfOther) outcome = 'DROPPED_OWNER';
    else if (held.has(key(r.type, newFrom, newTo))) outcome = 'MERGED';
    else {
      outcome = 'MOVED';
      held.add(key(r.type, newFrom, newTo));
    }
    const kept = outcome === 'MOVED';
    moves.push({
      type: r.type,
      from: r.from,
      to: r.to,
      newFrom: kept ? newFrom : null,
      newTo: kept ? newTo : null,
      outcome,
    });
  }
  const survivorRelationships = relationships.length - moves.length;
  const version = digest({ survivor, others, relationships });
  return { preview: { survivor, others, moves, survivorRelationships, version }, relationships };
}

/** What merging `others` into `survivor` would do; writes nothing. Throws EditError on a refused request. */
export async function previewMerge(
  store: Store,
  survivor: string,
  others: readonly string[],
): Promise<MergePreview> {
  return store.read(async (tx) => (await previewIn(tx, survivor, others, false)).preview);
}

/**
 * Merges `others` into `survivor` in one write transaction (see the top of this file).
 * With `expectedVersion` (a MergePreview's), refused with CONFLICT when anything the
 * merge touches changed since the preview. Returns the survivor's id.
 */
export async function mergeEntities(
  store: Store,
  survivorId: string,
  otherIds: readonly string[],
  actor: string,
  expectedVersion?: string | null,
): Promise<string> {
  await store.write(
    async (tx) => {
      // The version first: its lock is held to the commit, so the version this merge
      // leaves (kept for its undo) is exact.
      const [lock] = (await tx.run(cypher('queries/import/lock-graph-version'), store.changeLogParams(null)))
        .records;
      const { preview, relationships } = await previewIn(tx, survivorId, otherIds, true);
      if (expectedVersion && preview.version !== expectedVersion)
        throw new EditError(
          'expectedVersion',
          'what this merge moves changed since the preview (another edit was saved first); preview it again',
          'CONFLICT',
        );
      const merged = new Set(otherIds);
      const removed = relationships.filter((r) => merged.has(r.from) || merged.has(r.to));
      const added = preview.moves
        .filter((m) => m.outcome === 'MOVED')
        .map((m) => {
          const original = removed.find((r) => r.type === m.type && r.from === m.from && r.to === m.to)!;
          return { type: m.type, from: m.newFrom!, to: m.newTo!, props: original.props };
        });
      const entities = (await tx.run(cypher('queries/merge/entities'), { ids: [...otherIds] })).records.map(
        (r) => ({ label: r.get('label') as string, props: r.get('props') as Record<string, unknown> }),
      );
      // The survivor is asserted by every submission that asserted one of them (issue 13 item 3).
      const own = (preview.survivor.submissions as string[] | undefined) ?? null;
      const union = [...(own ?? [])];
      for (const e of entities)
        for (const sid of (e.props.submissions as string[] | undefined) ?? [])
          if (!union.includes(sid)) union.push(sid);
      const provenanceMoved = union.length > (own?.length ?? 0);
      if (provenanceMoved)
        await tx.run(cypher('queries/merge/set-submissions'), { id: survivorId, submissions: union });
      await tx.run(cypher('queries/merge/delete-entities'), { ids: [...otherIds] });
      await tx.run(cypher('queries/merge/create-relationships'), { rels: added });
      const [aliased] = (
        await tx.run(cypher('queries/merge/add-aliases'), {
          survivor: survivorId,
          others: [...otherIds],
          aliases: preview.others.map((o) => ({ id: o.id, kind: o.kind, name: o.name })),
        })
      ).records;
      const undo: MergeUndo = {
        entities,
        removed,
        added: added.map(({ type, from, to }) => ({ type, from, to })),
        repointed: (aliased?.get('repointed') as MergeUndo['repointed'] | undefined) ?? [],
        ...(provenanceMoved ? { survivorSubmissions: own } : {}),
      };
      await tx.run(cypher('queries/merge/save'), {
        actor,
        survivor: survivorId,
        others: [...otherIds],
        version: lock!.get('version'),
        undo: JSON.stringify(undo),
      });
      const count = (o: MoveOutcome) => preview.moves.filter((m) => m.outcome === o).length;
      await tx.run(cypher('queries/import/audit'), {
        actor,
        action: 'mergeEntities',
        target: survivorId,
        details: JSON.stringify({
          others: otherIds,
          moved: count('MOVED'),
          merged: count('MERGED'),
          droppedSelf: count('DROPPED_SELF'),
          droppedOwner: count('DROPPED_OWNER'),
        }),
      });
    },
    { metadata: { app: 'smart-graph', action: 'mergeEntities' } },
  );
  return survivorId;
}

/**
 * Undoes the latest merge into `survivor`: the merged entities come back with every
 * relationship they had, the moved ones leave the survivor, their aliases go. Refused
 * with CONFLICT when anything was written since the merge (it could be lost), with
 * NOT_FOUND when no merge into it is kept. Returns the restored ids.
 */
export async function undoMerge(store: Store, survivorId: string, actor: string): Promise<string[]> {
  return store.write(
    async (tx) => {
      const [last] = (await tx.run(cypher('queries/merge/last'), { survivor: survivorId })).records;
      if (!last) throw new EditError('survivor', `no merge into '${survivorId}' to undo`, 'NOT_FOUND');
      const [lock] = (await tx.run(cypher('queries/import/lock-graph-version'), store.changeLogParams(null)))
        .records;
      if (Number(lock!.get('before')) !== Number(last.get('version')))
        throw new EditError(
          'survivor',
          `the map changed since the merge into '${survivorId}' (another write was saved after it); it can no longer be undone`,
          'CONFLICT',
        );
      const undo = JSON.parse(last.get('undo') as string) as MergeUndo;
      const ids = undo.entities.map((e) => e.props.id as string);
      await tx.run(cypher('queries/merge/delete-relationships'), { rels: undo.added });
      await tx.run(cypher('queries/merge/create-entities'), { entities: undo.entities });
      await tx.run(cypher('queries/merge/create-relationships'), { rels: undo.removed });
      await tx.run(cypher('queries/merge/remove-aliases'), { ids, repointed: undo.repointed });
      if (undo.survivorSubmissions !== undefined)
        await tx.run(cypher('queries/merge/set-submissions'), {
          id: survivorId,
          submissions: undo.survivorSubmissions,
        });
      await tx.run(cypher('queries/merge/forget'), { id: last.get('id') });
      await tx.run(cypher('queries/import/audit'), {
        actor,
        action: 'undoMerge',
        target: survivorId,
        details: JSON.stringify({ restored: ids }),
      });
      return ids;
    },
    { metadata: { app: 'smart-graph', action: 'undoMerge' } },
  );
}

/** The survivors of merged-away ids (id → survivor id); ids that are no alias are left out. */
export async function resolveAliases(store: Store, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await store.readRows<{ id: string; survivorId: string }>('queries/merge/resolve', {
    ids: [...new Set(ids)],
  });
  return new Map(rows.map((r) => [r.id, r.survivorId]));
}
