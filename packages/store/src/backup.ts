// Backup and restore: the whole database as JSON lines (gzip when the name ends in .gz),
// written and read as a stream, so memory stays bounded whatever the map's size: the
// SMART template rows (entities, dependencies, function links) plus what is not in a
// template: users (with their password hashes), saved scenarios, the audit trail, token
// revocations, declared incidents, submissions and each row's provenance list, entity
// aliases and merges, each property with its type (DESIGN.md §8 "Backup format" lists
// what is left out and why).
//
// Format (version 2), one JSON value per line:
//   {"format":"smart-graph-backup","version":2,"createdAt":…,"graphVersion":…}
//   {"t":"organizations","r":{…}}  … a template row (owners first, see templateRows)
//   {"n":"users","r":{…}}          … a system node, typed values (encodeValue)
//   {"end":true,"counts":{…}}        the trailer: a file without it is truncated
// Version 1 (one JSON object: {format, version: 1, template, nodes, counts}) is still read.
//
// Consistency: the template is read a page at a time, so the graph version is read
// before and after; a write in between (every data write bumps it) makes the backup
// start again (the file is written beside its name and renamed only when complete).
// The other nodes are read in one transaction.
//
// Restore is one transaction: it empties the database (into a non-empty one only with
// `force`), writes the backup as it reads it, keeps every live token revocation, and
// compares the counts with those the backup recorded before committing; any failure
// leaves the live database as it was.
import { createReadStream, createWriteStream } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip, createGzip, gunzipSync } from 'node:zlib';
import { TEMPLATE_TABLE_NAMES, type Template, type TemplateTableName } from '@smart/domain';
import neo4j, { type ManagedTransaction, Neo4jError } from 'neo4j-driver';
import { cypher } from './cypher';
import { templateRows } from './export';
import { importBatchSize, singleTransactionRows } from './import';
import { type StagedImport, type Statement, beginImport } from './journal';
import {
  type RecordKind,
  RECORD_KINDS,
  type SnapshotLine,
  keepSnapshots,
  readSnapshotBody,
  sealSnapshot,
  snapshotPieces,
  stagedSnapshotStatement,
  writeSnapshot,
  writeSnapshotChunks,
} from './snapshot';
import type { Store } from './store';
import { BackupError, type EncodedValue, decodeValue, encodeValue } from './values';

export { BackupError, type EncodedValue, decodeValue, encodeValue };

export const BACKUP_FORMAT = 'smart-graph-backup';
export const BACKUP_VERSION = 2;
/** The one-object format of the first backups, still restored. */
export const LEGACY_BACKUP_VERSION = 1;

export type EncodedNode = Record<string, EncodedValue>;

export const SYSTEM_LABELS = {
  users: 'users',
  scenarios: 'scenarios',
  auditEvents: 'audit-events',
  revokedTokens: 'revoked-tokens',
  tokenRevocations: 'token-revocations',
  incidents: 'incidents',
  submissions: 'submissions',
  entityAliases: 'entity-aliases',
  entityMerges: 'entity-merges',
  entityProvenance: 'entity-provenance',
  dependencyProvenance: 'dependency-provenance',
} as const;
export type SystemKey = keyof typeof SYSTEM_LABELS;

/** The read and write query of each system label, named in full (the Cypher registry test finds them). */
const SYSTEM_QUERIES: Record<SystemKey, { read: string; write: string }> = {
  users: { read: 'queries/backup/read-users', write: 'queries/backup/write-users' },
  scenarios: { read: 'queries/backup/read-scenarios', write: 'queries/backup/write-scenarios' },
  auditEvents: { read: 'queries/backup/read-audit-events', write: 'queries/backup/write-audit-events' },
  revokedTokens: { read: 'queries/backup/read-revoked-tokens', write: 'queries/backup/write-revoked-tokens' },
  tokenRevocations: {
    read: 'queries/backup/read-token-revocations',
    write: 'queries/backup/write-token-revocations',
  },
  incidents: { read: 'queries/backup/read-incidents', write: 'queries/backup/write-incidents' },
  submissions: { read: 'queries/backup/read-submissions', write: 'queries/backup/write-submissions' },
  entityAliases: { read: 'queries/backup/read-entity-aliases', write: 'queries/backup/write-entity-aliases' },
  entityMerges: { read: 'queries/backup/read-entity-merges', write: 'queries/backup/write-entity-merges' },
  // Provenance lists are properties of rows already written (the system section comes last).
  entityProvenance: {
    read: 'queries/backup/read-entity-provenance',
    write: 'queries/import/set-entity-provenance',
  },
  dependencyProvenance: {
    read: 'queries/backup/read-dependency-provenance',
    write: 'queries/import/set-dependency-provenance',
  },
};

/**
 * What goes with the map rather than with the people using it: a bulk load, which
 * replaces the map, carries the other system nodes over but not these.
 */
export const MAP_RECORD_KEYS: readonly SystemKey[] = [
  'submissions',
  'entityAliases',
  'entityMerges',
  'entityProvenance',
  'dependencyProvenance',
];

/** Keys added after the first version 2 backups: a backup without them holds none. */
const LATER_KEYS: readonly SystemKey[] = ['incidents', ...MAP_RECORD_KEYS];

export interface BackupCounts {
  organizations: number;
  suppliers: number;
  services: number;
  assets: number;
  workflows: number;
  criticalFunctions: number;
  dependencies: number;
  workflowFunctions: number;
  users: number;
  scenarios: number;
  auditEvents: number;
  revokedTokens: number;
  tokenRevocations: number;
  incidents: number;
  submissions: number;
  entityAliases: number;
  entityMerges: number;
  /** Entities with a provenance list (DESIGN.md §2 "Provenance"). */
  entityProvenance: number;
  /** Dependencies with a provenance list. */
  dependencyProvenance: number;
}

/** A whole backup in memory (tests, and version 1 files); files are streamed as BackupLine. */
export interface Backup {
  format: typeof BACKUP_FORMAT;
  version: number;
  createdAt: string;
  graphVersion: number;
  counts: BackupCounts;
  template: Template;
  nodes: Record<SystemKey, EncodedNode[]>;
}

export async function countAll(store: Store): Promise<BackupCounts> {
  const [row] = await store.readRows<BackupCounts & Record<string, unknown>>('queries/backup/counts');
  if (!row) throw new BackupError('the count query returned nothing');
  return row;
}

/** The first line of a version 2 backup. */
export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  createdAt: string;
  graphVersion: number;
}

/** Every line after the header: a template row, a system node, the trailer. */
export type BackupLine =
  | { t: TemplateTableName; r: object }
  | { n: SystemKey; r: EncodedNode }
  | { end: true; counts: BackupCounts };

/** What a backup wrote: its header and the counts of its trailer. */
export type BackupSummary = Omit<BackupHeader, 'format' | 'version'> & { counts: BackupCounts };

/**
 * The system nodes (users, scenarios, audit trail, revocations, incidents, …) with typed
 * values; `keys` limits them (a bulk load leaves MAP_RECORD_KEYS out).
 */
export async function readSystemNodes(
  store: Store,
  keys: readonly SystemKey[] = Object.keys(SYSTEM_LABELS) as SystemKey[],
): Promise<Partial<Record<SystemKey, EncodedNode[]>>> {
  return store.read(async (tx) => readSystemNodesIn(tx, keys));
}

async function readSystemNodesIn<K extends SystemKey>(
  tx: ManagedTransaction,
  keys: readonly K[],
): Promise<Record<K, EncodedNode[]>> {
  const out = {} as Record<K, EncodedNode[]>;
  for (const key of keys) {
    const result = await tx.run(cypher(SYSTEM_QUERIES[key].read));
    out[key] = result.records.map((r, i) => {
      const node: EncodedNode = {};
      for (const p of r.get('props') as { key: string; value: unknown; type: string }[]) {
        node[p.key] = encodeValue(p.value, p.type, `${key}[${i}].${p.key}`);
      }
      return node;
    });
  }
  return out;
}

const TABLE_COUNT: Record<TemplateTableName, keyof BackupCounts> = {
  organizations: 'organizations',
  suppliers: 'suppliers',
  services: 'services',
  assets: 'assets',
  workflows: 'workflows',
  criticalFunctions: 'criticalFunctions',
  dependencies: 'dependencies',
  workflowFunctions: 'workflowFunctions',
};

function zeroCounts(): BackupCounts {
  return Object.fromEntries(
    [...Object.values(TABLE_COUNT), ...Object.keys(SYSTEM_LABELS)].map((k) => [k, 0]),
  ) as unknown as BackupCounts;
}

/** The graph moved while the template part was read: the backup starts again. */
class GraphMoved extends Error {}

/**
 * The lines of one backup attempt: header, template rows, system nodes, trailer.
 * Throws GraphMoved (after the template part) when a write moved the graph version.
 */
async function* backupLines(store: Store): AsyncGenerator<BackupHeader | BackupLine> {
  // A staged import writes without moving the version until it commits: while its journal
  // exists the map is half old, half new, so there is nothing consistent to back up.
  const importing = async () =>
    (await store.readRows<{ journal: unknown }>('queries/import/journal-read')).some((r) => r.journal);
  if (await importing())
    throw new BackupError('an import is under way: back up when it has finished (or been rolled back)');
  const before = await store.graphVersion();
  yield {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    createdAt: new Date().toISOString(),
    graphVersion: before,
  };
  const counts = zeroCounts();
  for await (const { table, row } of templateRows(store)) {
    counts[TABLE_COUNT[table]]++;
    yield { t: table, r: row };
  }
  if ((await store.graphVersion()) !== before || (await importing())) throw new GraphMoved();
  const nodes = (await readSystemNodes(store)) as Record<SystemKey, EncodedNode[]>;
  for (const key of Object.keys(SYSTEM_LABELS) as SystemKey[]) {
    for (const node of nodes[key]) yield { n: key, r: node };
    counts[key] = nodes[key].length;
  }
  yield { end: true, counts };
}

async function withAttempts<T>(attempts: number, run: () => Promise<T>): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await run();
    } catch (err) {
      if (!(err instanceof GraphMoved)) throw err;
      if (i >= attempts)
        throw new BackupError(
          `the graph kept changing during ${attempts} backup attempts; try again when it is quiet`,
        );
    }
  }
}

/** A consistent backup of the database, in memory (for tests and small maps; files stream). */
export async function createBackup(store: Store, opts: { attempts?: number } = {}): Promise<Backup> {
  return withAttempts(opts.attempts ?? 5, async () => {
    const lines: (BackupHeader | BackupLine)[] = [];
    for await (const line of backupLines(store)) lines.push(line);
    return linesToBackup(lines);
  });
}

/** A whole backup from its lines (the header first). */
function linesToBackup(lines: (BackupHeader | BackupLine)[]): Backup {
  const [header, ...rest] = lines as [BackupHeader, ...BackupLine[]];
  const template = Object.fromEntries(TEMPLATE_TABLE_NAMES.map((t) => [t, []])) as unknown as Template;
  const nodes = Object.fromEntries(Object.keys(SYSTEM_LABELS).map((k) => [k, []])) as unknown as Record<
    SystemKey,
    EncodedNode[]
  >;
  let counts: BackupCounts | undefined;
  for (const line of rest) {
    if ('t' in line) (template[line.t] as object[]).push(line.r);
    else if ('n' in line) nodes[line.n].push(line.r);
    else counts = line.counts;
  }
  if (!counts) throw new BackupError('this backup is incomplete: it has no trailer (it was cut short)');
  return { ...header, counts, template, nodes };
}

// Lines are joined into pieces of about this many characters before they are written.
const WRITE_PIECE = 1 << 16;

async function* joined(lines: AsyncIterable<object>): AsyncGenerator<string> {
  let piece = '';
  for await (const line of lines) {
    piece += `${JSON.stringify(line)}\n`;
    if (piece.length >= WRITE_PIECE) {
      yield piece;
      piece = '';
    }
  }
  if (piece) yield piece;
}

/**
 * Writes a backup of the database to `file` (gzip when it ends in .gz), readable by its
 * owner only, as a stream: memory stays bounded whatever the map's size. The file is
 * written as `file.partial` and renamed when complete, so `file` is never half a backup.
 */
export async function backupToFile(
  store: Store,
  file: string,
  opts: { attempts?: number } = {},
): Promise<BackupSummary> {
  const partial = `${file}.partial`;
  return withAttempts(opts.attempts ?? 5, async () => {
    let summary: BackupSummary | undefined;
    let header: BackupHeader | undefined;
    async function* lines() {
      for await (const line of backupLines(store)) {
        if ('format' in line) header = line;
        else if ('end' in line)
          summary = { createdAt: header!.createdAt, graphVersion: header!.graphVersion, counts: line.counts };
        yield line;
      }
    }
    try {
      const out = createWriteStream(partial, { mode: 0o600 });
      const source = Readable.from(joined(lines()));
      if (file.endsWith('.gz')) await pipeline(source, createGzip(), out);
      else await pipeline(source, out);
      await rename(partial, file);
      return summary!;
    } catch (err) {
      await rm(partial, { force: true });
      throw err;
    }
  });
}

// ---- reading a backup -------------------------------------------------------------------

/** Longest line a version 2 backup may hold (a row, a node): more is a damaged file. */
const MAX_LINE_CHARS = 16 << 20;

async function isGzip(file: string): Promise<boolean> {
  const fh = await open(file, 'r');
  try {
    const { bytesRead, buffer } = await fh.read(Buffer.alloc(2), 0, 2, 0);
    return bytesRead === 2 && buffer[0] === 0x1f && buffer[1] === 0x8b;
  } finally {
    await fh.close();
  }
}

/** The lines of a file (gunzipped when it is gzip), one at a time, with their numbers. */
async function* textLines(file: string): AsyncGenerator<{ line: number; text: string }> {
  const raw = createReadStream(file);
  const input: Readable = (await isGzip(file)) ? raw.pipe(createGunzip()) : raw;
  if (input !== raw) raw.on('error', (err) => input.destroy(err));
  const decoder = new StringDecoder('utf8');
  let rest = '';
  let line = 0;
  try {
    for await (const chunk of input) {
      rest += decoder.write(chunk as Buffer);
      let nl = rest.indexOf('\n');
      while (nl >= 0) {
        yield { line: ++line, text: rest.slice(0, nl) };
        rest = rest.slice(nl + 1);
        nl = rest.indexOf('\n');
      }
      // The first line of a version 1 backup is the whole file; later lines are rows.
      if (line > 0 && rest.length > MAX_LINE_CHARS)
        throw new BackupError(
          `line ${line + 1} of the backup is longer than any record: the file is damaged`,
        );
    }
  } catch (err) {
    if (err instanceof BackupError) throw err;
    if ((err as NodeJS.ErrnoException).code?.startsWith('Z_'))
      throw new BackupError(`the backup file is damaged (gzip: ${(err as Error).message})`);
    throw err;
  } finally {
    input.destroy();
    raw.destroy();
  }
  rest += decoder.end();
  if (rest.trim()) yield { line: ++line, text: rest };
}

/** A line's JSON, or a BackupError saying where the file is damaged. */
function parseLine(text: string, line: number): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new BackupError(
      line === 1
        ? 'this file is not a SMART Graph backup (not JSON or gzip JSON)'
        : `line ${line} of the backup is not JSON: the file is damaged or cut short`,
    );
  }
}

/** Checks a backup's first value: a version 2 header, or a whole version 1 backup. */
function checkHead(value: unknown): BackupHeader | Backup {
  const b = value as Partial<Backup>;
  if (b === null || typeof b !== 'object' || b.format !== BACKUP_FORMAT)
    throw new BackupError('this file is not a SMART Graph backup');
  if (b.version === LEGACY_BACKUP_VERSION) return checkLegacy(b);
  if (b.version !== BACKUP_VERSION)
    throw new BackupError(
      `this backup has format version ${b.version}; this program reads versions ${LEGACY_BACKUP_VERSION} and ${BACKUP_VERSION}`,
    );
  if (typeof b.createdAt !== 'string' || Number.isNaN(Date.parse(b.createdAt)))
    throw new BackupError('this backup is incomplete: its header has no createdAt');
  return b as BackupHeader;
}

const COUNT_KEYS = [...Object.values(TABLE_COUNT), ...Object.keys(SYSTEM_LABELS)] as (keyof BackupCounts)[];

function checkCounts(counts: unknown, where: string): BackupCounts {
  const c = { ...(counts as Record<string, unknown> | undefined) };
  // A backup written before a key existed holds none of it.
  for (const key of LATER_KEYS) if (c[key] === undefined) c[key] = 0;
  for (const key of COUNT_KEYS)
    if (typeof c[key] !== 'number')
      throw new BackupError(`this backup is incomplete: ${where}counts.${key} is not a number`);
  return c as unknown as BackupCounts;
}

function checkLegacy(b: Partial<Backup>): Backup {
  if (!b.template || !b.nodes || !b.counts) throw new BackupError('this backup is incomplete');
  for (const table of TEMPLATE_TABLE_NAMES)
    if (!Array.isArray((b.template as unknown as Record<string, unknown>)[table]))
      throw new BackupError(`this backup is incomplete: template.${table} is not a list`);
  const nodes = { ...b.nodes } as Record<string, unknown>;
  for (const key of LATER_KEYS) nodes[key] ??= [];
  for (const key of Object.keys(SYSTEM_LABELS))
    if (!Array.isArray(nodes[key]))
      throw new BackupError(`this backup is incomplete: nodes.${key} is not a list`);
  return { ...b, nodes, counts: checkCounts(b.counts, '') } as Backup;
}

/** One line after the header, checked: a row of a known table, a node, or the trailer. */
function checkLine(value: unknown, line: number): BackupLine {
  const v = value as Record<string, unknown> | null;
  const isObject = (x: unknown) => x !== null && typeof x === 'object' && !Array.isArray(x);
  if (isObject(v)) {
    if (typeof v!.t === 'string' && v!.t in TABLE_COUNT && isObject(v!.r)) return v as BackupLine;
    if (typeof v!.n === 'string' && v!.n in SYSTEM_LABELS && isObject(v!.r)) return v as BackupLine;
    if (v!.end === true) return { end: true, counts: checkCounts(v!.counts, `line ${line}: `) };
  }
  throw new BackupError(`line ${line} of the backup is not a backup record: the file is damaged`);
}

/** Decodes a whole backup held in memory (either format). */
export function decodeBackup(data: Buffer): Backup {
  const gzipped = data.length > 2 && data[0] === 0x1f && data[1] === 0x8b;
  let text: string;
  try {
    text = (gzipped ? gunzipSync(data) : data).toString('utf8');
  } catch {
    throw new BackupError('this file is not a SMART Graph backup (not JSON or gzip JSON)');
  }
  const texts = text.split('\n').filter((l) => l.trim());
  const head = checkHead(parseLine(texts[0] ?? '', 1));
  if ('template' in head) return head;
  return linesToBackup([head, ...texts.slice(1).map((t, i) => checkLine(parseLine(t, i + 2), i + 2))]);
}

// ---- restore ---------------------------------------------------------------------------

function isEmpty(c: BackupCounts): boolean {
  return Object.values(c).every((n) => n === 0);
}

export interface RestoreResult {
  counts: BackupCounts;
  /**
   * Restored users whose tokens were revoked after the backup was taken (a password or
   * role change, a deletion, a revocation): they are back as the backup had them, old
   * password included, so an administrator should review them.
   */
  usersToReview: string[];
  /** The undo snapshot of the map as it was before the restore (`import --undo` brings it back). */
  snapshotId: string;
}

// Template tables with their create query and the field that becomes an ownership link,
// and the section of the backup they belong to: a restore writes each line as it comes,
// so what a line refers to must come in an earlier section (owners, then what they own,
// then dependencies, then function links, then the system nodes).
const TABLE_WRITE: Record<TemplateTableName, { query: string; owner?: string; section: number }> = {
  organizations: { query: 'queries/import/create-organizations', section: 1 },
  suppliers: { query: 'queries/import/create-suppliers', section: 1 },
  criticalFunctions: { query: 'queries/import/create-critical-functions', section: 1 },
  services: { query: 'queries/import/create-services', owner: 'supplierId', section: 2 },
  assets: { query: 'queries/import/create-assets', owner: 'organizationId', section: 2 },
  workflows: { query: 'queries/import/create-workflows', owner: 'organizationId', section: 2 },
  dependencies: { query: 'queries/import/create-dependencies', section: 3 },
  workflowFunctions: { query: 'queries/import/link-functions', section: 4 },
};
const SYSTEM_SECTION = 5;
const SECTION_NAMES = ['', 'owners', 'owned entities', 'dependencies', 'function links', 'system nodes'];

/** A row's properties without the owner field and undefined values (Neo4j stores no nulls). */
function entityProps(row: object, omit?: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) if (v !== undefined && v !== null && k !== omit) out[k] = v;
  return out;
}

const decodeNode = (n: EncodedNode) =>
  Object.fromEntries(Object.entries(n).map(([k, v]) => [k, decodeValue(v)]));

/** The lines of a whole backup in memory, in the order a restore needs. */
async function* backupObjectLines(b: Backup): AsyncGenerator<BackupLine> {
  const tables = (Object.keys(TABLE_WRITE) as TemplateTableName[]).sort(
    (x, y) => TABLE_WRITE[x].section - TABLE_WRITE[y].section,
  );
  for (const t of tables) for (const r of b.template[t]) yield { t, r };
  for (const n of Object.keys(SYSTEM_LABELS) as SystemKey[]) for (const r of b.nodes[n]) yield { n, r };
  yield { end: true, counts: b.counts };
}

/** The lines after a version 2 file's header, read again from the file on each call. */
async function* fileBodyLines(file: string): AsyncGenerator<BackupLine> {
  for await (const { line, text } of textLines(file)) {
    if (line === 1 || !text.trim()) continue;
    yield checkLine(parseLine(text, line), line);
  }
}

/**
 * Restores a backup held in memory (see restoreLines), verified by the counts the backup
 * recorded.
 */
export async function restoreBackup(
  store: Store,
  backup: Backup,
  opts: RestoreOptions,
): Promise<RestoreResult> {
  return restoreLines(store, backup, () => backupObjectLines(backup), opts);
}

export interface RestoreOptions {
  actor: string;
  source?: string;
  /** Replace a database that holds anything (else a non-empty one is refused). */
  force?: boolean;
  /** Rows per write (and, staged, per transaction); default SMART_IMPORT_BATCH_SIZE. */
  batchSize?: number;
  /**
   * Rows (the backup's and the live map's together) up to which a restore is one
   * transaction; above, it is staged. Default SMART_IMPORT_SINGLE_TX_ROWS.
   */
  singleTransactionRows?: number;
  /** A staged restore's progress: rows of the backup written so far, of `total` (awaited between batches). */
  onProgress?: (written: number, total: number) => void | Promise<void>;
}

/** The lines of a backup in order, checked; `out` gets the trailer's counts and the last line's number. */
async function* orderedLines(
  open: () => AsyncIterable<BackupLine>,
  out: { expected?: BackupCounts; line: number },
): AsyncGenerator<{ l: Exclude<BackupLine, { end: true }>; section: number }> {
  let section = 0;
  out.line = 1;
  for await (const l of open()) {
    out.line++;
    if (out.expected) throw new BackupError(`the backup has lines after its trailer (line ${out.line})`);
    if ('end' in l) {
      out.expected = l.counts;
      continue;
    }
    const at = 't' in l ? TABLE_WRITE[l.t].section : SYSTEM_SECTION;
    if (at < section)
      throw new BackupError(
        `the backup is out of order: ${'t' in l ? l.t : l.n} after the ${SECTION_NAMES[section]} (line ${out.line})`,
      );
    section = at;
    yield { l, section };
  }
  if (!out.expected)
    throw new BackupError(
      `nothing was restored: the backup ends at line ${out.line} without its trailer (the file was cut short)`,
    );
}

/** What a restore learns while it writes: revocations, users, the keys of the records it wrote. */
interface Tracked {
  jtis: Set<string>;
  usernames: Set<string>;
  users: string[];
  restored: Record<RecordKind, string[]>;
}

/**
 * Writes a backup's lines through `run`, a batch of one query's rows (with its ownership
 * links) per call. Rows wait in one buffer per query; every buffer is written when the
 * section changes (what comes next may refer to them) and when it holds a batch.
 * Returns the counts of the trailer.
 */
async function writeBackupLines(
  open: () => AsyncIterable<BackupLine>,
  batch: number,
  run: (statements: Statement[], rows: number) => Promise<void>,
  track: Tracked,
): Promise<BackupCounts> {
  const buffers = new Map<string, { rows: object[]; links?: object[] }>();
  const flush = async (query: string) => {
    const b = buffers.get(query);
    if (!b?.rows.length) return;
    const statements: Statement[] = [{ query, params: { rows: b.rows } }];
    if (b.links?.length) statements.push({ query: 'queries/import/create-links', params: { rows: b.links } });
    await run(statements, b.rows.length);
    buffers.set(query, { rows: [], links: b.links && [] });
  };
  const flushAll = async () => {
    for (const query of buffers.keys()) await flush(query);
  };
  const add = async (query: string, row: object, link?: object) => {
    let b = buffers.get(query);
    if (!b) {
      b = { rows: [], links: link ? [] : undefined };
      buffers.set(query, b);
    }
    b.rows.push(row);
    if (link) b.links!.push(link);
    if (b.rows.length >= batch) await flush(query);
  };

  const out: { expected?: BackupCounts; line: number } = { line: 1 };
  let current = 0;
  for await (const { l, section } of orderedLines(open, out)) {
    if (section > current) {
      await flushAll();
      current = section;
    }
    if ('t' in l) {
      const w = TABLE_WRITE[l.t];
      const r = l.r as Record<string, unknown>;
      if (l.t === 'dependencies')
        await add(w.query, {
          from: r.from,
          to: r.to,
          props: entityProps({ ...r, from: undefined, to: undefined }),
        });
      else if (l.t === 'workflowFunctions') await add(w.query, r);
      else
        await add(
          w.query,
          { id: r.id, props: entityProps(r, w.owner) },
          w.owner ? { id: r.id, owner: r[w.owner] } : undefined,
        );
    } else {
      const row = decodeNode(l.r);
      if (l.n === 'revokedTokens') track.jtis.add(String(row.jti));
      if (l.n === 'tokenRevocations') track.usernames.add(String(row.username));
      if (l.n === 'users') track.users.push(String(row.username));
      if (l.n in RECORD_KINDS)
        track.restored[l.n as RecordKind].push(String(row[RECORD_KINDS[l.n as RecordKind].key]));
      await add(SYSTEM_QUERIES[l.n].write, row);
    }
  }
  await flushAll();
  return out.expected!;
}

const countsIn = async (tx: ManagedTransaction) =>
  (await tx.run(cypher('queries/backup/counts'))).records[0]!.toObject() as BackupCounts;

/** The live state a restore starts from: refused when not empty without force; revocations in force. */
async function startState(
  tx: ManagedTransaction,
  header: { createdAt: string },
  force: boolean | undefined,
): Promise<{ track: Tracked; changedSince: Set<string>; keptJtis: number; keptUsers: number }> {
  if (!isEmpty(await countsIn(tx)) && !force)
    throw new BackupError(
      'the database is not empty: restore into an empty database, or pass --force to replace its content',
    );
  const live = (await tx.run(cypher('queries/backup/live-revocations'))).records[0]!;
  const jtis = new Set<string>(live.get('jtis'));
  const liveUsers = live.get('users') as { username: string; validAfter: number }[];
  const usernames = new Set(liveUsers.map((u) => u.username));
  const backupAt = Date.parse(header.createdAt);
  const changedSince = new Set(
    liveUsers.filter((u) => !(Number(u.validAfter) <= backupAt)).map((u) => u.username),
  );
  const restored = Object.fromEntries(Object.keys(RECORD_KINDS).map((k) => [k, []])) as unknown as Record<
    RecordKind,
    string[]
  >;
  return {
    track: { jtis, usernames, users: [], restored },
    changedSince,
    keptJtis: jtis.size,
    keptUsers: usernames.size,
  };
}

/**
 * The restore's audit event, then its verification, inside the transaction that commits
 * it: the counts must be the backup's (one more audit event, the merged revocations) and
 * every service, asset and workflow owned; else nothing is kept.
 */
async function auditAndVerify(
  tx: ManagedTransaction,
  opts: RestoreOptions,
  header: { createdAt: string },
  expected: BackupCounts,
  start: Awaited<ReturnType<typeof startState>>,
  usersToReview: string[],
): Promise<{ counts: BackupCounts; auditId: string }> {
  const audit = await tx.run(cypher('queries/import/audit'), {
    actor: opts.actor,
    action: 'restore',
    target: opts.source ?? null,
    details: JSON.stringify({
      createdAt: header.createdAt,
      counts: expected,
      keptLiveRevocations: { tokens: start.keptJtis, users: start.keptUsers },
      usersToReview,
    }),
  });
  const counts = await countsIn(tx);
  const want: BackupCounts = {
    ...expected,
    auditEvents: expected.auditEvents + 1,
    revokedTokens: start.track.jtis.size,
    tokenRevocations: start.track.usernames.size,
  };
  const wrong = (Object.keys(want) as (keyof BackupCounts)[]).filter((k) => counts[k] !== want[k]);
  const links = (await tx.run(cypher('queries/backup/count-ownership'))).records[0]!.get('links');
  const expectedLinks = expected.services + expected.assets + expected.workflows;
  if (wrong.length || links !== expectedLinks) {
    const diffs = wrong.map((k) => `${k} ${counts[k]} (expected ${want[k]})`);
    if (links !== expectedLinks) diffs.push(`ownership links ${links} (expected ${expectedLinks})`);
    throw new BackupError(
      `nothing was restored: the restored database differs from the backup: ${diffs.join(', ')}`,
    );
  }
  return { counts, auditId: audit.records[0]!.get('id') as string };
}

const sum = (c: BackupCounts) => Object.values(c).reduce((n: number, v) => n + Number(v), 0);

/**
 * Restores a backup: empty the database (only with `force` when it holds anything),
 * write the backup's lines as they are read (`open` gives them again: the lines are read
 * once to check them, the file is never held whole), merge its revocations into the live
 * ones, verify the counts of its trailer, commit. Any failure (a constraint, a count that
 * does not verify, a file cut short or damaged, a crash) leaves the live database as it
 * was. Revocations never go backwards: a token revoked live or in the backup stays
 * revoked, and each user keeps the later validAfter of the two. Memory here is bounded
 * (a batch at a time).
 *
 * Up to SMART_IMPORT_SINGLE_TX_ROWS rows (the backup's and the live database's), it is
 * one transaction, bounded by Neo4j's heap; above, it is staged like an import (DESIGN.md
 * §8): under the import journal, an undo snapshot of the map and the records first, a
 * batch per transaction, the verification and the audit in the commit; a failure, a
 * crash or a kill rolls it back from the snapshot (at once, or at the next start).
 */
export async function restoreLines(
  store: Store,
  header: { createdAt: string },
  open: () => AsyncIterable<BackupLine>,
  opts: RestoreOptions,
): Promise<RestoreResult> {
  // The whole backup is read once first: a damaged line, a section out of order, a file
  // cut short are refused before anything is written.
  const checked: { expected?: BackupCounts; line: number } = { line: 1 };
  for await (const _ of orderedLines(open, checked)) {
    // the lines are only checked here
  }
  const live = await countAll(store);
  // Checked again where the restore writes (one transaction: in it; staged: under the journal).
  if (!isEmpty(live) && !opts.force)
    throw new BackupError(
      'the database is not empty: restore into an empty database, or pass --force to replace its content',
    );
  const rows = sum(checked.expected!) + sum(live);
  const threshold = opts.singleTransactionRows ?? singleTransactionRows();
  try {
    if (rows <= threshold) return await restoreInOneTransaction(store, header, open, opts);
    return await restoreStaged(store, header, open, opts, sum(checked.expected!));
  } catch (err) {
    if (err instanceof Neo4jError && err.code.includes('OutOfMemoryError'))
      throw new BackupError(
        "nothing was restored: the backup is more than the database's transaction memory holds " +
          `(a restore of up to ${threshold} rows is one transaction). Give Neo4j more heap ` +
          `(NEO4J_HEAP for the local one), or set SMART_IMPORT_SINGLE_TX_ROWS below ${rows} so that it is staged.`,
      );
    if (err instanceof Neo4jError && err.code === 'Neo.ClientError.Schema.ConstraintValidationFailed')
      throw new BackupError(
        `nothing was restored: the backup breaks a uniqueness rule of the database (${err.message.split('\n')[0]})`,
      );
    throw err;
  }
}

/** The restore as one transaction (see restoreLines). */
async function restoreInOneTransaction(
  store: Store,
  header: { createdAt: string },
  open: () => AsyncIterable<BackupLine>,
  opts: RestoreOptions,
): Promise<RestoreResult> {
  const batch = opts.batchSize ?? importBatchSize();
  const result = await store.write(
    async (tx) => {
      const start = await startState(tx, header, opts.force);
      // The map and the records as they were, kept for `import --undo` inside this
      // transaction (a failed restore leaves no snapshot either), with the keys of the
      // records the restore writes, so an undo takes out those and puts these back.
      const [v] = (await tx.run(cypher('queries/graph-version'))).records;
      const before = await readSnapshotBody(tx);
      before.records = await readSystemNodesIn(tx, Object.keys(RECORD_KINDS) as RecordKind[]);
      before.restored = start.track.restored;

      await tx.run(cypher('queries/backup/clear-for-restore'));
      const expected = await writeBackupLines(
        open,
        batch,
        async (statements) => {
          for (const s of statements) await tx.run(cypher(s.query), s.params);
        },
        start.track,
      );

      const usersToReview = start.track.users.filter((u) => start.changedSince.has(u)).sort();
      const snapshotId = await writeSnapshot(tx, before, {
        reason: 'restore',
        actor: opts.actor,
        source: opts.source ?? null,
        versionBefore: v?.get('version') ?? 0,
        versionAfter: null,
      });
      // Verified before the commit: a restore that does not match its backup is not kept.
      const { counts } = await auditAndVerify(tx, opts, header, expected, start, usersToReview);
      return { counts, usersToReview, snapshotId };
    },
    {
      bumpVersion: true,
      timeoutMs: 60 * 60 * 1000,
      metadata: { app: 'smart-graph', action: 'restore' },
    },
  );
  await sealSnapshot(store, result.snapshotId);
  return result;
}

/** Repeats a batched delete (`$limit` a time, each its own transaction) until it deletes nothing. */
async function deleteAll(journal: StagedImport, query: string, params: Record<string, unknown>) {
  for (;;) {
    const [records] = await journal.write(
      [{ query, params: { ...params, limit: neo4j.int(5_000) } }],
      0,
      'writing',
    );
    const r = records?.[0];
    if (!r || Number(r.get('deleted')) === 0) return;
  }
}

/** The restore staged under the import journal (see restoreLines). */
async function restoreStaged(
  store: Store,
  header: { createdAt: string },
  open: () => AsyncIterable<BackupLine>,
  opts: RestoreOptions,
  total: number,
): Promise<RestoreResult> {
  const batch = opts.batchSize ?? importBatchSize();
  const kinds = Object.keys(RECORD_KINDS) as RecordKind[];
  // The journal refuses every other write to the map until the commit (CONFLICT), and a
  // live import refuses this restore; an interrupted one is rolled back first.
  const journal = await beginImport(store, {
    actor: opts.actor,
    action: 'restore',
    source: opts.source ?? null,
    total,
  });
  try {
    const start = await store.read((tx) => startState(tx, header, opts.force));
    // The undo snapshot, a chunk per transaction: the map, then the records the restore
    // replaces (a rollback empties their kinds and writes these back).
    async function* records(): AsyncGenerator<SnapshotLine> {
      yield { records: kinds };
      const nodes = await store.read((tx) => readSystemNodesIn(tx, kinds));
      for (const k of kinds) for (const p of nodes[k]) yield { k, p };
    }
    const snap = await writeSnapshotChunks(
      store,
      journal.snapshot,
      (query, params) => journal.write([{ query, params }], 0, 'snapshot').then(() => undefined),
      undefined,
      records,
    );
    // Recorded in the transaction that moves the phase to 'writing': from here on, a
    // rollback writes the snapshot back.
    await journal.write(
      [
        stagedSnapshotStatement(journal, snap, {
          actor: opts.actor,
          action: 'restore',
          source: opts.source ?? null,
        }),
      ],
      0,
      'writing',
    );
    // Emptied a batch at a time: the map, then the records the snapshot holds. What else
    // a one-transaction restore empties (the change log, sign-in codes) goes in the commit.
    await deleteAll(journal, 'queries/snapshot/clear-relationships-batch', {});
    await deleteAll(journal, 'queries/snapshot/clear-entities-batch', {});
    for (const k of kinds)
      await deleteAll(journal, 'queries/snapshot/clear-records-batch', { label: RECORD_KINDS[k].label });

    let written = 0;
    const expected = await writeBackupLines(
      open,
      batch,
      async (statements, rows) => {
        await journal.write(statements, rows, 'writing');
        written += rows;
        await opts.onProgress?.(written, total);
      },
      start.track,
    );
    const usersToReview = start.track.users.filter((u) => start.changedSince.has(u)).sort();
    let counts: BackupCounts | undefined;
    await journal.commit(async (tx, version) => {
      await tx.run(cypher('queries/backup/clear-rest-for-restore'), { version: neo4j.int(version) });
      // The keys of the records written, for an undo: chunks after the snapshot's.
      const keys = kinds.map((w) => ({ w, keys: start.track.restored[w] }));
      let index = snap.chunks;
      for (const data of snapshotPieces(keys))
        await tx.run(cypher('queries/snapshot/write-chunk'), {
          id: journal.snapshot,
          index: neo4j.int(index++),
          data,
        });
      const verified = await auditAndVerify(tx, opts, header, expected, start, usersToReview);
      counts = verified.counts;
      await tx.run(cypher('queries/snapshot/commit-staged'), {
        id: journal.snapshot,
        version: neo4j.int(version),
        auditId: verified.auditId,
      });
      await tx.run(cypher('queries/snapshot/prune'), { keep: neo4j.int(keepSnapshots()) });
    }, store.changeLogParams(null));
    return { counts: counts!, usersToReview, snapshotId: journal.snapshot };
  } catch (err) {
    await journal.rollBack();
    throw err;
  }
}

/** Restores a backup file of either format, read as a stream (version 2) or whole (version 1). */
export async function restoreFromFile(
  store: Store,
  file: string,
  opts: Omit<RestoreOptions, 'source'>,
): Promise<RestoreResult> {
  let head: BackupHeader | Backup | undefined;
  for await (const { line, text } of textLines(file)) {
    head = checkHead(parseLine(text, line));
    break;
  }
  if (!head) throw new BackupError('this file is not a SMART Graph backup (it is empty)');
  if ('template' in head) return restoreBackup(store, head, { ...opts, source: file });
  return restoreLines(store, head, () => fileBodyLines(file), { ...opts, source: file });
}

/**
 * Writes system nodes read by readSystemNodes back, in one transaction: what `smart import
 * --bulk --replace` carries over the database it overwrites.
 */
export async function writeSystemNodes(
  store: Store,
  nodes: Partial<Record<SystemKey, EncodedNode[]>>,
): Promise<void> {
  await store.write(
    async (tx) => {
      for (const key of Object.keys(SYSTEM_LABELS) as SystemKey[]) {
        const list = nodes[key] ?? [];
        for (let i = 0; i < list.length; i += 5_000)
          await tx.run(cypher(SYSTEM_QUERIES[key].write), { rows: list.slice(i, i + 5_000).map(decodeNode) });
      }
    },
    { timeoutMs: 10 * 60 * 1000, metadata: { app: 'smart-graph', action: 'import-bulk-system-nodes' } },
  );
}
