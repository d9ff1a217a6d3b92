// Undo snapshots: before every import (and restore, and undo) the map — every entity
// and every relationship between entities, each property with its Cypher type — is kept
// in Neo4j as gzip'd JSON in (:ImportSnapshot)-(:ImportSnapshotChunk) nodes, so the API
// (the web's "Undo last import") and the CLI (`import --undo`) share one history. The
// newest SMART_IMPORT_SNAPSHOTS (default 5) are kept; older ones age out.
//
// Undo restores the newest snapshot exactly (ids, labels, properties), in one
// transaction, and only when the graph version is still the one its import left:
// anything written since (an edit, another import) would be lost, so it is refused and
// the changes since are named.
import { gunzipSync, gzipSync } from 'node:zlib';
import neo4j, { type ManagedTransaction } from 'neo4j-driver';
import { type EncodedValue, decodeValue, encodeValue } from './values';
import { cypher } from './cypher';
import { type Store, refuseWhileImporting } from './store';

export const DEFAULT_KEEP_SNAPSHOTS = 5;
/** Characters of base64 per chunk node: well below Neo4j's property limits, few nodes at size M. */
const CHUNK_CHARS = 8 << 20;
const WRITE_BATCH = 5_000;

/** How many snapshots to keep: SMART_IMPORT_SNAPSHOTS (1–100), default 5. */
export function keepSnapshots(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.SMART_IMPORT_SNAPSHOTS;
  if (raw === undefined || raw === '') return DEFAULT_KEEP_SNAPSHOTS;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 100)
    throw new Error(`SMART_IMPORT_SNAPSHOTS must be a whole number from 1 to 100, not '${raw}'`);
  return n;
}

// ---- staged snapshots (format 2), written and read a page at a time --------------------

/** Characters of JSON lines gzip'd into one chunk of a staged snapshot. */
const PIECE_CHARS = 4 << 20;
const PAGE = 5_000;

/**
 * One line of a format 2 snapshot: an entity, or a relationship between entities; a
 * staged restore's snapshot (backup.ts) adds, after those, the kinds of records it
 * replaces (`records`: a rollback empties those kinds before writing back the records
 * that follow), each such record (`k`), and, written when the restore commits, the keys
 * of the records it wrote (`w`: an undo removes those).
 */
export type SnapshotLine =
  | { e: string; p: Record<string, EncodedValue> }
  | { r: string; f: string; t: string; p: Record<string, EncodedValue> }
  | { records: RecordKind[] }
  | { k: RecordKind; p: Record<string, EncodedValue> }
  | { w: RecordKind; keys: string[] };

/** Lines as chunks of a format 2 snapshot: gzip'd JSON lines, base64, about PIECE_CHARS of JSON each. */
export function* snapshotPieces(lines: Iterable<SnapshotLine>): Generator<string> {
  let piece = '';
  for (const line of lines) {
    piece += `${JSON.stringify(line)}\n`;
    if (piece.length >= PIECE_CHARS) {
      yield gzipSync(piece).toString('base64');
      piece = '';
    }
  }
  if (piece) yield gzipSync(piece).toString('base64');
}

/**
 * Writes the chunks of a snapshot of the map a page at a time, each chunk in its own
 * transaction through `write` (which also beats the import's heartbeat), in bounded memory.
 * The caller records the snapshot (create-staged) once every chunk is in. Entities come
 * before relationships.
 */
export async function writeSnapshotChunks(
  store: Store,
  id: string,
  write: (query: string, params: Record<string, unknown>) => Promise<void>,
  onProgress?: (rows: number) => void,
  /** Lines after the map's (a staged restore's records). */
  extra?: () => AsyncIterable<SnapshotLine>,
): Promise<{ entities: number; relationships: number; chunks: number }> {
  let piece = '';
  let chunks = 0;
  let entities = 0;
  let relationships = 0;
  const flush = async () => {
    if (!piece) return;
    const data = gzipSync(piece).toString('base64');
    piece = '';
    await write('queries/snapshot/write-chunk', { id, index: neo4j.int(chunks++), data });
    onProgress?.(entities + relationships);
  };
  const add = async (line: SnapshotLine) => {
    piece += `${JSON.stringify(line)}\n`;
    if (piece.length >= PIECE_CHARS) await flush();
  };
  for (const query of ['queries/snapshot/page-entities', 'queries/snapshot/page-relationships']) {
    let after = '';
    for (;;) {
      const records = await store.read(
        async (tx) => (await tx.run(cypher(query), { after, limit: neo4j.int(PAGE) })).records,
      );
      for (const r of records) {
        if (query.endsWith('entities')) {
          entities++;
          await add({ e: r.get('label'), p: encodeProps(r.get('props') as PropRow, 'entity') });
        } else {
          for (const rel of r.get('rels') as { type: string; to: string; props: PropRow }[]) {
            relationships++;
            await add({
              r: rel.type,
              f: r.get('from'),
              t: rel.to,
              p: encodeProps(rel.props, 'relationship'),
            });
          }
        }
      }
      if (records.length < PAGE) break;
      after = records[records.length - 1]!.get(query.endsWith('entities') ? 'id' : 'from') as string;
    }
  }
  if (extra) for await (const line of extra()) await add(line);
  await flush();
  return { entities, relationships, chunks };
}

/** The lines of a format 2 snapshot, one chunk (one read) at a time. */
async function* snapshotLines(store: Store, id: string, chunks: number): AsyncGenerator<SnapshotLine> {
  for (let index = 0; index < chunks; index++) {
    const [record] = await store.read(
      async (tx) =>
        (await tx.run(cypher('queries/snapshot/read-chunk'), { id, index: neo4j.int(index) })).records,
    );
    if (!record) throw new Error(`snapshot ${id} lacks chunk ${index}`);
    const text = gunzipSync(Buffer.from(record.get('data') as string, 'base64')).toString('utf8');
    for (const line of text.split('\n')) if (line) yield JSON.parse(line) as SnapshotLine;
  }
}

/**
 * The statement that records a staged write's snapshot (after its chunks): run in the
 * transaction that moves the journal to 'writing', so that from then on a rollback
 * writes the snapshot back. Shared by the staged import and the staged restore.
 */
export function stagedSnapshotStatement(
  journal: { snapshot: string; versionBefore: number },
  snap: { entities: number; relationships: number; chunks: number },
  who: { actor: string; action: string; source: string | null },
): { query: string; params: Record<string, unknown> } {
  return {
    query: 'queries/snapshot/create-staged',
    params: {
      id: journal.snapshot,
      seq: neo4j.int(journal.versionBefore + 1),
      actor: who.actor,
      action: who.action,
      source: who.source,
      versionBefore: neo4j.int(journal.versionBefore),
      entities: neo4j.int(snap.entities),
      relationships: neo4j.int(snap.relationships),
      chunks: neo4j.int(snap.chunks),
    },
  };
}

/**
 * Puts the map back exactly as a format 2 snapshot holds it, a batch per transaction
 * through `write`: every relationship between entities, then every entity, goes first (in
 * batches, so no hub holds a transaction), then the snapshot's entities and
 * relationships are created. Idempotent: interrupted, it can simply run again (the
 * rollback of an interrupted import relies on that).
 */
export async function restoreSnapshotStaged(
  store: Store,
  id: string,
  chunks: number,
  write: (query: string, params: Record<string, unknown>) => Promise<unknown[]>,
): Promise<{ entities: number; relationships: number }> {
  for (const query of ['queries/snapshot/clear-relationships-batch', 'queries/snapshot/clear-entities-batch'])
    for (;;) {
      const [r] = (await write(query, { limit: neo4j.int(WRITE_BATCH) })) as { get(k: string): unknown }[];
      if (!r || (r.get('deleted') as number) === 0) break;
    }
  let entities: object[] = [];
  let rels: object[] = [];
  let counts = { entities: 0, relationships: 0 };
  const flushEntities = async () => {
    if (entities.length) await write('queries/snapshot/create-entities', { rows: entities });
    entities = [];
  };
  const flushRels = async () => {
    if (rels.length) await write('queries/snapshot/create-relationships', { rows: rels });
    rels = [];
  };
  // A staged restore's records: replaced as a whole, kind by kind, after the map.
  let records: object[] = [];
  let recordKind: RecordKind | null = null;
  const flushRecords = async () => {
    if (records.length && recordKind) await write(RECORD_KINDS[recordKind].write, { rows: records });
    records = [];
  };
  for await (const line of snapshotLines(store, id, chunks)) {
    if ('records' in line) {
      await flushEntities();
      await flushRels();
      for (const kind of line.records)
        for (;;) {
          const [r] = (await write('queries/snapshot/clear-records-batch', {
            label: RECORD_KINDS[kind].label,
            limit: neo4j.int(WRITE_BATCH),
          })) as { get(k: string): unknown }[];
          if (!r || (r.get('deleted') as number) === 0) break;
        }
    } else if ('k' in line) {
      if (line.k !== recordKind || records.length >= WRITE_BATCH) await flushRecords();
      recordKind = line.k;
      records.push(decodeProps(line.p));
    } else if ('w' in line) {
      // The keys a committed restore wrote: for its undo only.
    } else if ('e' in line) {
      entities.push({ label: line.e, props: decodeProps(line.p) });
      counts = { ...counts, entities: counts.entities + 1 };
      if (entities.length >= WRITE_BATCH) await flushEntities();
    } else {
      await flushEntities(); // relationships come after every entity
      rels.push({ type: line.r, from: line.f, to: line.t, props: decodeProps(line.p) });
      counts = { ...counts, relationships: counts.relationships + 1 };
      if (rels.length >= WRITE_BATCH) await flushRels();
    }
  }
  await flushEntities();
  await flushRels();
  await flushRecords();
  return counts;
}

export interface SnapshotBody {
  format: 'smart-graph-snapshot';
  version: 1;
  entities: { label: string; props: Record<string, EncodedValue> }[];
  relationships: { type: string; from: string; to: string; props: Record<string, EncodedValue> }[];
  /**
   * A restore's snapshot only: the records (users, scenarios, audit trail, incidents,
   * submissions, aliases, merges) as they were before it, each property typed…
   */
  records?: Partial<Record<RecordKind, Record<string, EncodedValue>[]>>;
  /** …and the key of each record the restore wrote in their place (an undo removes these). */
  restored?: Partial<Record<RecordKind, string[]>>;
}

/**
 * The records besides the map that a restore replaces and an undo of it puts back: the
 * label, the property that identifies one, and the backup's query that writes them.
 * (Token revocations are never replaced: a restore merges them, and an undo keeps them.)
 */
export const RECORD_KINDS = {
  users: { label: 'User', key: 'username', write: 'queries/backup/write-users' },
  scenarios: { label: 'Scenario', key: 'id', write: 'queries/backup/write-scenarios' },
  auditEvents: { label: 'AuditEvent', key: 'id', write: 'queries/backup/write-audit-events' },
  incidents: { label: 'Incident', key: 'id', write: 'queries/backup/write-incidents' },
  submissions: { label: 'Submission', key: 'id', write: 'queries/backup/write-submissions' },
  entityAliases: { label: 'EntityAlias', key: 'id', write: 'queries/backup/write-entity-aliases' },
  entityMerges: { label: 'EntityMerge', key: 'id', write: 'queries/backup/write-entity-merges' },
} as const;
export type RecordKind = keyof typeof RECORD_KINDS;

/**
 * An undo of a restore, for the records: those the restore wrote go, those it replaced
 * come back, and a record made since the restore (a key in neither) stays; when one made
 * since has the key of a replaced one, the newer stays.
 */
async function undoRecords(
  tx: ManagedTransaction,
  records: NonNullable<SnapshotBody['records']>,
  restored: NonNullable<SnapshotBody['restored']>,
): Promise<Record<string, number>> {
  const back: Record<string, number> = {};
  for (const kind of Object.keys(RECORD_KINDS) as RecordKind[]) {
    const { label, key, write } = RECORD_KINDS[kind];
    await tx.run(cypher('queries/snapshot/remove-restored-records'), {
      label,
      key,
      keys: restored[kind] ?? [],
    });
    const [left] = (await tx.run(cypher('queries/snapshot/record-keys'), { label, key })).records;
    const present = new Set((left?.get('keys') as unknown[] | undefined)?.map(String));
    const rows = (records[kind] ?? []).map(decodeProps).filter((r) => !present.has(String(r[key])));
    for (let i = 0; i < rows.length; i += WRITE_BATCH)
      await tx.run(cypher(write), { rows: rows.slice(i, i + WRITE_BATCH) });
    back[kind] = rows.length;
  }
  return back;
}

export interface SnapshotOptions {
  /** What the snapshot comes before: 'import', 'import-replace', 'restore', 'undo-import'… */
  reason: string;
  actor: string;
  source?: string | null;
}

export interface SnapshotInfo {
  id: string;
  at: string;
  actor: string;
  action: string;
  source: string | null;
  entities: number;
  relationships: number;
}

type PropRow = { key: string; value: unknown; type: string }[];

function encodeProps(props: PropRow, where: string): Record<string, EncodedValue> {
  const out: Record<string, EncodedValue> = {};
  for (const p of props) out[p.key] = encodeValue(p.value, p.type, `${where}.${p.key}`);
  return out;
}

function decodeProps(props: Record<string, EncodedValue>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(props)) out[k] = decodeValue(v);
  return out;
}

/**
 * Writes a snapshot of the map as the transaction sees it. `versionAfter` is the graph
 * version the operation that follows will leave (null when it runs in another
 * transaction: then call sealSnapshot after it). Older snapshots beyond the kept number go.
 */
export async function snapshotInTransaction(
  tx: ManagedTransaction,
  opts: SnapshotOptions & { versionBefore: number; versionAfter: number | null; keep?: number },
): Promise<string> {
  return writeSnapshot(tx, await readSnapshotBody(tx), opts);
}

/** The map as the transaction sees it, in memory (write it with writeSnapshot). */
export async function readSnapshotBody(tx: ManagedTransaction): Promise<SnapshotBody> {
  const body: SnapshotBody = { format: 'smart-graph-snapshot', version: 1, entities: [], relationships: [] };
  for (const r of (await tx.run(cypher('queries/snapshot/read-entities'))).records) {
    const props = r.get('props') as PropRow;
    body.entities.push({ label: r.get('label'), props: encodeProps(props, `entity`) });
  }
  for (const r of (await tx.run(cypher('queries/snapshot/read-relationships'))).records) {
    body.relationships.push({
      type: r.get('type'),
      from: r.get('from'),
      to: r.get('to'),
      props: encodeProps(r.get('props') as PropRow, `relationship`),
    });
  }
  return body;
}

/**
 * Writes a snapshot read by readSnapshotBody (a restore reads it before it empties the
 * database and writes it after, with the keys of the records it wrote).
 */
export async function writeSnapshot(
  tx: ManagedTransaction,
  body: SnapshotBody,
  opts: SnapshotOptions & { versionBefore: number; versionAfter: number | null; keep?: number },
): Promise<string> {
  const packed = gzipSync(JSON.stringify(body)).toString('base64');
  const chunks: string[] = [];
  for (let i = 0; i < packed.length; i += CHUNK_CHARS) chunks.push(packed.slice(i, i + CHUNK_CHARS));
  const created = await tx.run(cypher('queries/snapshot/create'), {
    // Integers, like the graph version they are compared with (a JS number travels as a float).
    seq: neo4j.int(opts.versionAfter ?? opts.versionBefore),
    actor: opts.actor,
    action: opts.reason,
    source: opts.source ?? null,
    versionBefore: neo4j.int(opts.versionBefore),
    versionAfter: opts.versionAfter === null ? null : neo4j.int(opts.versionAfter),
    entities: neo4j.int(body.entities.length),
    relationships: neo4j.int(body.relationships.length),
    chunks,
  });
  await tx.run(cypher('queries/snapshot/prune'), { keep: neo4j.int(opts.keep ?? keepSnapshots()) });
  return created.records[0]!.get('id') as string;
}

/**
 * A snapshot in its own transaction, before an operation that runs in another (a
 * restore): call sealSnapshot(store, id) once that operation has committed, so an undo
 * knows the version it left. Returns the snapshot's id.
 */
export async function takeSnapshot(store: Store, opts: SnapshotOptions & { keep?: number }): Promise<string> {
  return store.write(async (tx) => {
    const [v] = (await tx.run(cypher('queries/graph-version'))).records;
    return snapshotInTransaction(tx, {
      ...opts,
      versionBefore: v?.get('version') ?? 0,
      versionAfter: null,
    });
  });
}

/** Records the graph version the operation after a takeSnapshot left. */
export async function sealSnapshot(store: Store, id: string): Promise<void> {
  await store.write(async (tx) => {
    await tx.run(cypher('queries/snapshot/seal'), { id });
  });
}

/** Undo is refused: nothing to undo, or the map changed since. */
export class UndoError extends Error {
  constructor(
    message: string,
    readonly changes: { at: string; actor: string; action: string; target: string | null }[] = [],
  ) {
    super(message);
    this.name = 'UndoError';
  }
}

export interface UndoState {
  /** The import an undo would revert (the newest snapshot), if any. */
  snapshot: SnapshotInfo | null;
  /** Why an undo would be refused now; null when it can run. */
  blocked: string | null;
  changes: { at: string; actor: string; action: string; target: string | null }[];
}

async function undoState(
  tx: ManagedTransaction,
  currentVersion?: number,
): Promise<UndoState & { raw?: Raw }> {
  const [row] = (await tx.run(cypher('queries/snapshot/latest'))).records;
  const raw = row?.get('snapshot') as Raw | null;
  const version = currentVersion ?? (row?.get('version') as number);
  if (!raw) return { snapshot: null, blocked: 'there is no import to undo', changes: [] };
  const snapshot: SnapshotInfo = {
    id: raw.id,
    at: raw.at,
    actor: raw.actor,
    action: raw.action,
    source: raw.source ?? null,
    entities: raw.entities,
    relationships: raw.relationships,
  };
  const what = `the ${raw.action} by ${raw.actor} at ${raw.at}${raw.source ? ` (${raw.source})` : ''}`;
  if (raw.versionAfter === null || raw.versionAfter === undefined)
    return { snapshot, blocked: `${what} did not finish, so there is nothing to undo`, changes: [], raw };
  if (raw.versionAfter === version) return { snapshot, blocked: null, changes: [], raw };
  const changes = (
    await tx.run(cypher('queries/snapshot/changes-since'), { at: raw.at, auditId: raw.auditId ?? null })
  ).records.map((r) => r.toObject() as UndoState['changes'][number]);
  const list = changes.length
    ? `: ${changes.map((c) => `${c.action}${c.target ? ` ${c.target}` : ''} by ${c.actor}`).join('; ')}`
    : '';
  return {
    snapshot,
    blocked:
      `the map changed since ${what} (graph version ${raw.versionAfter} → ${version})${list}. ` +
      'Undo would discard those changes, so it is refused; import the previous template again instead',
    changes,
    raw,
  };
}

interface Raw {
  id: string;
  format?: number | null;
  auditId?: string | null;
  at: string;
  actor: string;
  action: string;
  source: string | null;
  versionBefore: number;
  versionAfter: number | null;
  entities: number;
  relationships: number;
}

/** What "undo last import" would revert now, and whether it may. */
export async function lastImport(store: Store): Promise<UndoState> {
  const { raw: _raw, ...state } = await store.read((tx) => undoState(tx));
  return state;
}

export interface UndoResult {
  undone: SnapshotInfo;
  entities: number;
  relationships: number;
  graphVersion: number;
}

/**
 * Restores the map to the newest snapshot, exactly, in one transaction that also bumps
 * the graph version and writes an AuditEvent; the snapshot is consumed, so a second undo
 * goes one import further back. Refused (UndoError) when the map changed since.
 */
export async function undoLastImport(store: Store, opts: { actor: string }): Promise<UndoResult> {
  return store.write(
    async (tx) => {
      // An undo replaces the whole map: the change log marks it for a full projection build.
      const [lock] = (await tx.run(cypher('queries/import/lock-graph-version'), store.changeLogParams(null)))
        .records;
      refuseWhileImporting(lock!.get('importing'));
      const version = lock!.get('version') as number;
      const state = await undoState(tx, lock!.get('before') as number);
      if (state.blocked || !state.raw) throw new UndoError(state.blocked ?? 'nothing to undo', state.changes);
      const raw = state.raw;
      const chunks = (await tx.run(cypher('queries/snapshot/read-chunks'), { id: raw.id })).records.map(
        (r) => r.get('data') as string,
      );
      // Format 2 (a staged import's): each chunk is gzip'd JSON lines of its own.
      const body: SnapshotBody =
        raw.format === 2
          ? { format: 'smart-graph-snapshot', version: 1, entities: [], relationships: [] }
          : (JSON.parse(gunzipSync(Buffer.from(chunks.join(''), 'base64')).toString('utf8')) as SnapshotBody);
      if (raw.format === 2)
        for (const chunk of chunks)
          for (const text of gunzipSync(Buffer.from(chunk, 'base64')).toString('utf8').split('\n')) {
            if (!text) continue;
            const line = JSON.parse(text) as SnapshotLine;
            if ('records' in line) {
              body.records ??= {};
              body.restored ??= {};
            } else if ('k' in line) {
              const list = body.records![line.k] ?? [];
              list.push(line.p);
              body.records![line.k] = list;
            } else if ('w' in line) {
              const list = body.restored![line.w] ?? [];
              for (const key of line.keys) list.push(key);
              body.restored![line.w] = list;
            } else if ('e' in line) body.entities.push({ label: line.e, props: line.p });
            else body.relationships.push({ type: line.r, from: line.f, to: line.t, props: line.p });
          }
      await tx.run(cypher('queries/snapshot/delete-entities'));
      const entities = body.entities.map((e) => ({ label: e.label, props: decodeProps(e.props) }));
      for (let i = 0; i < entities.length; i += WRITE_BATCH)
        await tx.run(cypher('queries/snapshot/create-entities'), {
          rows: entities.slice(i, i + WRITE_BATCH),
        });
      const rels = body.relationships.map((r) => ({ ...r, props: decodeProps(r.props) }));
      for (let i = 0; i < rels.length; i += WRITE_BATCH)
        await tx.run(cypher('queries/snapshot/create-relationships'), {
          rows: rels.slice(i, i + WRITE_BATCH),
        });
      await tx.run(cypher('queries/snapshot/delete-submissions'), { id: raw.id });
      // A restore's snapshot also puts back the records the restore replaced.
      const records = body.records ? await undoRecords(tx, body.records, body.restored ?? {}) : undefined;
      await tx.run(cypher('queries/snapshot/consume'), { id: raw.id, version: neo4j.int(version) });
      await tx.run(cypher('queries/import/audit'), {
        actor: opts.actor,
        action: 'undo-import',
        target: raw.source ?? null,
        details: JSON.stringify({
          undid: { action: raw.action, actor: raw.actor, at: raw.at },
          entities: entities.length,
          relationships: rels.length,
          ...(records ? { records } : {}),
        }),
      });
      return {
        undone: state.snapshot!,
        entities: entities.length,
        relationships: rels.length,
        graphVersion: version,
      };
    },
    { timeoutMs: 60 * 60 * 1000, metadata: { app: 'smart-graph', action: 'undo-import' } },
  );
}
