// Backup and restore: the whole graph as one JSON file (gzip when the name ends in
// .gz): the SMART template export (entities, dependencies, function links) plus the
// nodes that are not in a template: users (with their password hashes), saved
// scenarios, the audit trail and token revocations, each property with its type.
//
// Consistency: the template is read a page at a time, so the graph version is read
// before and after; a write in between (every data write bumps it) makes the backup
// start again. The other nodes are read in one transaction.
//
// Restore goes into an empty database (or one emptied with `force`), then counts
// everything and compares with the counts the backup recorded.
import { readFile, writeFile } from 'node:fs/promises';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Template } from '@smart/domain';
import neo4j from 'neo4j-driver';
import { cypher } from './cypher';
import { exportTemplate } from './export';
import { importTemplate } from './import';
import type { Store } from './store';

export const BACKUP_FORMAT = 'smart-graph-backup';
export const BACKUP_VERSION = 1;

/** A property value as JSON: plain JSON values, or a tagged integer / temporal value. */
export type EncodedValue =
  | string
  | number
  | boolean
  | null
  | EncodedValue[]
  | { $type: 'Integer'; value: string }
  | {
      $type: 'DateTime' | 'Date' | 'LocalDateTime' | 'LocalTime' | 'Time' | 'Duration';
      value: Record<string, unknown>;
    };

export type EncodedNode = Record<string, EncodedValue>;

export const SYSTEM_LABELS = {
  users: 'users',
  scenarios: 'scenarios',
  auditEvents: 'audit-events',
  revokedTokens: 'revoked-tokens',
  tokenRevocations: 'token-revocations',
} as const;
export type SystemKey = keyof typeof SYSTEM_LABELS;

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
}

export interface Backup {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  createdAt: string;
  graphVersion: number;
  counts: BackupCounts;
  template: Template;
  nodes: Record<SystemKey, EncodedNode[]>;
}

export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

// ---- typed property values -----------------------------------------------------------

const TEMPORAL_FIELDS: Record<string, string[]> = {
  DateTime: [
    'year',
    'month',
    'day',
    'hour',
    'minute',
    'second',
    'nanosecond',
    'timeZoneOffsetSeconds',
    'timeZoneId',
  ],
  LocalDateTime: ['year', 'month', 'day', 'hour', 'minute', 'second', 'nanosecond'],
  Date: ['year', 'month', 'day'],
  LocalTime: ['hour', 'minute', 'second', 'nanosecond'],
  Time: ['hour', 'minute', 'second', 'nanosecond', 'timeZoneOffsetSeconds'],
  Duration: ['months', 'days', 'seconds', 'nanoseconds'],
};

function temporalKind(v: unknown): keyof typeof TEMPORAL_FIELDS | undefined {
  if (neo4j.isDateTime(v as never)) return 'DateTime';
  if (neo4j.isLocalDateTime(v as never)) return 'LocalDateTime';
  if (neo4j.isDate(v as never)) return 'Date';
  if (neo4j.isLocalTime(v as never)) return 'LocalTime';
  if (neo4j.isTime(v as never)) return 'Time';
  if (neo4j.isDuration(v as never)) return 'Duration';
  return undefined;
}

/** Encodes one property; `type` is Cypher's valueType() of it. */
export function encodeValue(value: unknown, type: string, where: string): EncodedValue {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) {
    const inner = /^LIST<(.*)>/.exec(type)?.[1] ?? 'ANY';
    return value.map((v, i) => encodeValue(v, inner, `${where}[${i}]`));
  }
  if (type.startsWith('INTEGER')) return { $type: 'Integer', value: String(value) };
  const kind = temporalKind(value);
  if (kind) {
    const fields: Record<string, unknown> = {};
    for (const f of TEMPORAL_FIELDS[kind]!) {
      const x = (value as unknown as Record<string, unknown>)[f];
      fields[f] = x === undefined || x === null ? null : typeof x === 'object' ? String(x) : x;
    }
    return { $type: kind as 'DateTime', value: fields };
  }
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return value;
  throw new BackupError(`cannot back up ${where}: unsupported property type ${type}`);
}

const int = (x: unknown) => neo4j.int(String(x ?? 0));

export function decodeValue(v: EncodedValue): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(decodeValue);
  if (v.$type === 'Integer') return neo4j.int(v.value);
  const f = v.value as Record<string, unknown>;
  switch (v.$type) {
    case 'DateTime':
      return new neo4j.types.DateTime(
        int(f.year),
        int(f.month),
        int(f.day),
        int(f.hour),
        int(f.minute),
        int(f.second),
        int(f.nanosecond),
        f.timeZoneOffsetSeconds === null ? undefined : int(f.timeZoneOffsetSeconds),
        (f.timeZoneId as string | null) ?? undefined,
      );
    case 'LocalDateTime':
      return new neo4j.types.LocalDateTime(
        int(f.year),
        int(f.month),
        int(f.day),
        int(f.hour),
        int(f.minute),
        int(f.second),
        int(f.nanosecond),
      );
    case 'Date':
      return new neo4j.types.Date(int(f.year), int(f.month), int(f.day));
    case 'LocalTime':
      return new neo4j.types.LocalTime(int(f.hour), int(f.minute), int(f.second), int(f.nanosecond));
    case 'Time':
      return new neo4j.types.Time(
        int(f.hour),
        int(f.minute),
        int(f.second),
        int(f.nanosecond),
        int(f.timeZoneOffsetSeconds),
      );
    case 'Duration':
      return new neo4j.types.Duration(int(f.months), int(f.days), int(f.seconds), int(f.nanoseconds));
    default:
      throw new BackupError(`unknown value type in the backup: ${JSON.stringify(v).slice(0, 80)}`);
  }
}

// ---- backup ----------------------------------------------------------------------------

export async function countAll(store: Store): Promise<BackupCounts> {
  const [row] = await store.readRows<BackupCounts & Record<string, unknown>>('queries/backup/counts');
  if (!row) throw new BackupError('the count query returned nothing');
  return row;
}

async function readSystemNodes(store: Store): Promise<Record<SystemKey, EncodedNode[]>> {
  return store.read(async (tx) => {
    const out = {} as Record<SystemKey, EncodedNode[]>;
    for (const [key, file] of Object.entries(SYSTEM_LABELS) as [SystemKey, string][]) {
      const result = await tx.run(cypher(`queries/backup/read-${file}`));
      out[key] = result.records.map((r, i) => {
        const node: EncodedNode = {};
        for (const p of r.get('props') as { key: string; value: unknown; type: string }[]) {
          node[p.key] = encodeValue(p.value, p.type, `${key}[${i}].${p.key}`);
        }
        return node;
      });
    }
    return out;
  });
}

function countsOf(template: Template, nodes: Record<SystemKey, EncodedNode[]>): BackupCounts {
  return {
    organizations: template.organizations.length,
    suppliers: template.suppliers.length,
    services: template.services.length,
    assets: template.assets.length,
    workflows: template.workflows.length,
    criticalFunctions: template.criticalFunctions.length,
    dependencies: template.dependencies.length,
    workflowFunctions: template.workflowFunctions.length,
    users: nodes.users.length,
    scenarios: nodes.scenarios.length,
    auditEvents: nodes.auditEvents.length,
    revokedTokens: nodes.revokedTokens.length,
    tokenRevocations: nodes.tokenRevocations.length,
  };
}

/** A consistent backup of the database (retried while writes move the graph version). */
export async function createBackup(store: Store, opts: { attempts?: number } = {}): Promise<Backup> {
  const attempts = opts.attempts ?? 5;
  for (let i = 1; ; i++) {
    const before = await store.graphVersion();
    const template = await exportTemplate(store);
    const after = await store.graphVersion();
    if (before === after) {
      const nodes = await readSystemNodes(store);
      return {
        format: BACKUP_FORMAT,
        version: BACKUP_VERSION,
        createdAt: new Date().toISOString(),
        graphVersion: after,
        counts: countsOf(template, nodes),
        template,
        nodes,
      };
    }
    if (i >= attempts)
      throw new BackupError(
        `the graph kept changing during ${attempts} backup attempts; try again when it is quiet`,
      );
  }
}

export function encodeBackup(backup: Backup, gzip: boolean): Buffer {
  const json = Buffer.from(JSON.stringify(backup));
  return gzip ? gzipSync(json) : json;
}

export function decodeBackup(data: Buffer): Backup {
  const gzipped = data.length > 2 && data[0] === 0x1f && data[1] === 0x8b;
  let parsed: unknown;
  try {
    parsed = JSON.parse((gzipped ? gunzipSync(data) : data).toString('utf8'));
  } catch {
    throw new BackupError('this file is not a SMART Graph backup (not JSON or gzip JSON)');
  }
  const b = parsed as Partial<Backup>;
  if (b?.format !== BACKUP_FORMAT) throw new BackupError('this file is not a SMART Graph backup');
  if (b.version !== BACKUP_VERSION)
    throw new BackupError(
      `this backup has format version ${b.version}; this program reads version ${BACKUP_VERSION}`,
    );
  if (!b.template || !b.nodes || !b.counts) throw new BackupError('this backup is incomplete');
  return b as Backup;
}

/** Writes a backup of the database to `file` (gzip when it ends in .gz), readable by its owner only. */
export async function backupToFile(store: Store, file: string): Promise<Backup> {
  const backup = await createBackup(store);
  await writeFile(file, encodeBackup(backup, file.endsWith('.gz')), { mode: 0o600 });
  return backup;
}

// ---- restore ---------------------------------------------------------------------------

function isEmpty(c: BackupCounts): boolean {
  return Object.values(c).every((n) => n === 0);
}

export interface RestoreResult {
  counts: BackupCounts;
}

/**
 * Restores a backup into an empty database; with `force`, empties it first. Verifies
 * the result by counts and throws BackupError when they differ.
 */
export async function restoreBackup(
  store: Store,
  backup: Backup,
  opts: { actor: string; source?: string; force?: boolean; batchSize?: number },
): Promise<RestoreResult> {
  const existing = await countAll(store);
  if (!isEmpty(existing)) {
    if (!opts.force)
      throw new BackupError(
        'the database is not empty: restore into an empty database, or pass --force to empty it first',
      );
    await store.runAutoCommit(cypher('queries/backup/empty-database'));
    await store.write(async () => undefined, { bumpVersion: true });
  }

  await importTemplate(store, backup.template, { actor: opts.actor, source: opts.source ?? 'backup' });

  const batch = opts.batchSize ?? 5_000;
  await store.write(
    async (tx) => {
      for (const [key, file] of Object.entries(SYSTEM_LABELS) as [SystemKey, string][]) {
        const rows = backup.nodes[key].map((n) =>
          Object.fromEntries(Object.entries(n).map(([k, v]) => [k, decodeValue(v)])),
        );
        for (let i = 0; i < rows.length; i += batch) {
          await tx.run(cypher(`queries/backup/write-${file}`), { rows: rows.slice(i, i + batch) });
        }
      }
      await tx.run(cypher('queries/import/audit'), {
        actor: opts.actor,
        action: 'restore',
        target: opts.source ?? null,
        details: JSON.stringify({ createdAt: backup.createdAt, counts: backup.counts }),
      });
    },
    { timeoutMs: 60 * 60 * 1000, metadata: { app: 'smart-graph', action: 'restore' } },
  );

  const counts = await countAll(store);
  // The restore adds two audit events of its own: the template import and the restore.
  const expected: BackupCounts = { ...backup.counts, auditEvents: backup.counts.auditEvents + 2 };
  const wrong = (Object.keys(expected) as (keyof BackupCounts)[]).filter((k) => counts[k] !== expected[k]);
  if (wrong.length) {
    throw new BackupError(
      `the restored database differs from the backup: ${wrong.map((k) => `${k} ${counts[k]} (expected ${expected[k]})`).join(', ')}`,
    );
  }
  return { counts };
}

export async function restoreFromFile(
  store: Store,
  file: string,
  opts: { actor: string; force?: boolean },
): Promise<RestoreResult> {
  const backup = decodeBackup(await readFile(file));
  return restoreBackup(store, backup, { ...opts, source: file });
}
