// Backup and restore: the whole graph as one JSON file (gzip when the name ends in
// .gz): the SMART template export (entities, dependencies, function links) plus the
// nodes that are not in a template: users (with their password hashes), saved
// scenarios, the audit trail and token revocations, each property with its type.
//
// Consistency: the template is read a page at a time, so the graph version is read
// before and after; a write in between (every data write bumps it) makes the backup
// start again. The other nodes are read in one transaction.
//
// Restore is one transaction: it empties the database (into a non-empty one only with
// `force`), writes the backup, keeps every live token revocation, and compares the
// counts with those the backup recorded before committing; any failure leaves the
// live database as it was.
import { readFile, writeFile } from 'node:fs/promises';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Template } from '@smart/domain';
import { type ManagedTransaction, Neo4jError } from 'neo4j-driver';
import { cypher } from './cypher';
import { exportTemplate } from './export';
import { sealSnapshot, snapshotInTransaction } from './snapshot';
import type { Store } from './store';
import { BackupError, type EncodedValue, decodeValue, encodeValue } from './values';

export { BackupError, type EncodedValue, decodeValue, encodeValue };

export const BACKUP_FORMAT = 'smart-graph-backup';
export const BACKUP_VERSION = 1;

export type EncodedNode = Record<string, EncodedValue>;

export const SYSTEM_LABELS = {
  users: 'users',
  scenarios: 'scenarios',
  auditEvents: 'audit-events',
  revokedTokens: 'revoked-tokens',
  tokenRevocations: 'token-revocations',
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
};

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

export async function countAll(store: Store): Promise<BackupCounts> {
  const [row] = await store.readRows<BackupCounts & Record<string, unknown>>('queries/backup/counts');
  if (!row) throw new BackupError('the count query returned nothing');
  return row;
}

async function readSystemNodes(store: Store): Promise<Record<SystemKey, EncodedNode[]>> {
  return store.read(async (tx) => {
    const out = {} as Record<SystemKey, EncodedNode[]>;
    for (const key of Object.keys(SYSTEM_LABELS) as SystemKey[]) {
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
  const tables = ['organizations', 'suppliers', 'services', 'assets', 'workflows', 'criticalFunctions'];
  for (const table of [...tables, 'dependencies', 'workflowFunctions'])
    if (!Array.isArray((b.template as unknown as Record<string, unknown>)[table]))
      throw new BackupError(`this backup is incomplete: template.${table} is not a list`);
  for (const key of Object.keys(SYSTEM_LABELS))
    if (!Array.isArray((b.nodes as Record<string, unknown>)[key]))
      throw new BackupError(`this backup is incomplete: nodes.${key} is not a list`);
  for (const key of [...tables, 'dependencies', 'workflowFunctions', ...Object.keys(SYSTEM_LABELS)])
    if (typeof (b.counts as unknown as Record<string, unknown>)[key] !== 'number')
      throw new BackupError(`this backup is incomplete: counts.${key} is not a number`);
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
  /**
   * Restored users whose tokens were revoked after the backup was taken (a password or
   * role change, a deletion, a revocation): they are back as the backup had them, old
   * password included, so an administrator should review them.
   */
  usersToReview: string[];
  /** The undo snapshot of the map as it was before the restore (`import --undo` brings it back). */
  snapshotId: string;
}

// Template tables in the order a restore creates them (owners before what they own),
// with their create query and the field that becomes an ownership link.
const ENTITY_TABLES = [
  ['organizations', 'organizations', undefined],
  ['suppliers', 'suppliers', undefined],
  ['services', 'services', 'supplierId'],
  ['assets', 'assets', 'organizationId'],
  ['workflows', 'workflows', 'organizationId'],
  ['criticalFunctions', 'critical-functions', undefined],
] as const;

/** A row's properties without the owner field and undefined values (Neo4j stores no nulls). */
function entityProps(row: object, omit?: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) if (v !== undefined && v !== null && k !== omit) out[k] = v;
  return out;
}

const asRows = (nodes: EncodedNode[]) =>
  nodes.map((n) => Object.fromEntries(Object.entries(n).map(([k, v]) => [k, decodeValue(v)])));

/**
 * Restores a backup in ONE write transaction: empty the database (only with `force`
 * when it holds anything), write the backup's content, merge its revocations into the
 * live ones, verify the counts, commit. Any failure (a constraint, a count that does
 * not verify, a crash) rolls the whole of it back: the live database stays as it was.
 * Revocations never go backwards: a token revoked live or in the backup stays revoked,
 * and each user keeps the later validAfter of the two. The transaction's size is
 * bounded by Neo4j's heap (DESIGN.md §8).
 */
export async function restoreBackup(
  store: Store,
  backup: Backup,
  opts: { actor: string; source?: string; force?: boolean; batchSize?: number },
): Promise<RestoreResult> {
  const batch = opts.batchSize ?? 5_000;
  const t = backup.template;
  const system = Object.fromEntries(
    (Object.keys(SYSTEM_LABELS) as SystemKey[]).map((k) => [k, asRows(backup.nodes[k])]),
  ) as Record<SystemKey, Record<string, unknown>[]>;

  const run = async (tx: ManagedTransaction, query: string, rows: object[]) => {
    const text = cypher(query);
    for (let i = 0; i < rows.length; i += batch) await tx.run(text, { rows: rows.slice(i, i + batch) });
  };
  const countsIn = async (tx: ManagedTransaction) =>
    (await tx.run(cypher('queries/backup/counts'))).records[0]!.toObject() as BackupCounts;

  try {
    const result = await store.write(
      async (tx) => {
        if (!isEmpty(await countsIn(tx)) && !opts.force)
          throw new BackupError(
            'the database is not empty: restore into an empty database, or pass --force to replace its content',
          );
        const live = (await tx.run(cypher('queries/backup/live-revocations'))).records[0]!;
        const jtis = new Set<string>(live.get('jtis'));
        const liveUsers = live.get('users') as { username: string; validAfter: number }[];
        const usernames = new Set(liveUsers.map((u) => u.username));
        const backupAt = Date.parse(backup.createdAt);
        const changedSince = new Set(
          liveUsers.filter((u) => !(Number(u.validAfter) <= backupAt)).map((u) => u.username),
        );
        const keptJtis = jtis.size;
        const keptUsers = usernames.size;

        // The map as it was, kept for `import --undo` inside this transaction: a failed
        // restore leaves no snapshot either.
        const [v] = (await tx.run(cypher('queries/graph-version'))).records;
        const snapshotId = await snapshotInTransaction(tx, {
          reason: 'restore',
          actor: opts.actor,
          source: opts.source ?? null,
          versionBefore: v?.get('version') ?? 0,
          versionAfter: null,
        });

        await tx.run(cypher('queries/backup/clear-for-restore'));

        for (const [table, file, owner] of ENTITY_TABLES) {
          const rows = (t[table] as { id: string }[]).map((r) => ({
            id: r.id,
            props: entityProps(r, owner),
          }));
          await run(tx, `queries/import/create-${file}`, rows);
        }
        await run(tx, 'queries/import/create-links', [
          ...t.services.map((r) => ({ id: r.id, owner: r.supplierId })),
          ...t.assets.map((r) => ({ id: r.id, owner: r.organizationId })),
          ...t.workflows.map((r) => ({ id: r.id, owner: r.organizationId })),
        ]);
        await run(tx, 'queries/import/link-functions', t.workflowFunctions);
        await run(
          tx,
          'queries/import/create-dependencies',
          t.dependencies.map((d) => ({
            from: d.from,
            to: d.to,
            props: entityProps({ ...d, from: undefined, to: undefined }),
          })),
        );

        for (const key of Object.keys(SYSTEM_LABELS) as SystemKey[])
          await run(tx, SYSTEM_QUERIES[key].write, system[key]);
        for (const r of system.revokedTokens) jtis.add(String(r.jti));
        for (const r of system.tokenRevocations) usernames.add(String(r.username));

        const usersToReview = system.users
          .map((u) => String(u.username))
          .filter((u) => changedSince.has(u))
          .sort();
        await tx.run(cypher('queries/import/audit'), {
          actor: opts.actor,
          action: 'restore',
          target: opts.source ?? null,
          details: JSON.stringify({
            createdAt: backup.createdAt,
            counts: backup.counts,
            keptLiveRevocations: { tokens: keptJtis, users: keptUsers },
            usersToReview,
          }),
        });

        // Verified before the commit: a restore that does not match its backup is not kept.
        const counts = await countsIn(tx);
        const expected: BackupCounts = {
          ...backup.counts,
          auditEvents: backup.counts.auditEvents + 1,
          revokedTokens: jtis.size,
          tokenRevocations: usernames.size,
        };
        const wrong = (Object.keys(expected) as (keyof BackupCounts)[]).filter(
          (k) => counts[k] !== expected[k],
        );
        const links = (await tx.run(cypher('queries/backup/count-ownership'))).records[0]!.get('links');
        const expectedLinks = t.services.length + t.assets.length + t.workflows.length;
        if (wrong.length || links !== expectedLinks) {
          const diffs = wrong.map((k) => `${k} ${counts[k]} (expected ${expected[k]})`);
          if (links !== expectedLinks) diffs.push(`ownership links ${links} (expected ${expectedLinks})`);
          throw new BackupError(
            `nothing was restored: the restored database differs from the backup: ${diffs.join(', ')}`,
          );
        }
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
  } catch (err) {
    if (err instanceof Neo4jError && err.code.includes('OutOfMemoryError'))
      throw new BackupError(
        "nothing was restored: the backup is more than the database's transaction memory holds " +
          '(a restore is one transaction). Give Neo4j more heap (NEO4J_HEAP for the local one).',
      );
    if (err instanceof Neo4jError && err.code === 'Neo.ClientError.Schema.ConstraintValidationFailed')
      throw new BackupError(
        `nothing was restored: the backup breaks a uniqueness rule of the database (${err.message.split('\n')[0]})`,
      );
    throw err;
  }
}

export async function restoreFromFile(
  store: Store,
  file: string,
  opts: { actor: string; force?: boolean },
): Promise<RestoreResult> {
  const backup = decodeBackup(await readFile(file));
  return restoreBackup(store, backup, { ...opts, source: file });
}
