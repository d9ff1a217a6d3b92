// The journal of a staged import (DESIGN.md §8, issue 11): one (:ImportJournal) node from
// the import's first transaction to its last. While it exists every other write to the map
// is refused (bump-graph-version / lock-graph-version report it), the graph version does
// not move (analyses answer from the projection of the map before the import), and the
// undo snapshot the import wrote first is the way back. The import's batches each commit
// on their own and beat the journal's heartbeat; its last transaction bumps the version,
// audits and deletes the journal, so the new map becomes current at once.
//
// A failure inside the import rolls the map back from the snapshot at once. A crash, a
// `kill -9` or a Neo4j restart leaves the journal: the next start (openStore, the API) or
// the next import finds it, sees that its process is gone (same host: the pid is dead;
// else no heartbeat for SMART_IMPORT_STALE_SECONDS, default 120) and rolls back the same
// way. A rollback is idempotent (it empties the map and writes the snapshot back), so
// one interrupted in turn simply runs again.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import neo4j, { type ManagedTransaction } from 'neo4j-driver';
import { cypher } from './cypher';
import { restoreSnapshotStaged } from './snapshot';
import { ImportInProgressError, type Store, refuseWhileImporting } from './store';

type Neo4jRecord = { get(key: string): unknown };

export interface JournalInfo {
  id: string;
  actor: string;
  action: string;
  source: string | null;
  host: string;
  pid: number;
  heartbeatAt: number;
  phase: 'snapshot' | 'writing';
  written: number;
  /** Rows the import writes in all (null for a journal of an older version). */
  total: number | null;
  versionBefore: number;
  snapshot: string;
  startedAt: string;
}

/** Seconds without a heartbeat after which an import on another host counts as dead. */
export function staleAfterMs(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.SMART_IMPORT_STALE_SECONDS;
  const n = raw === undefined || raw === '' ? 120 : Number(raw);
  if (!Number.isFinite(n) || n <= 0)
    throw new Error(`SMART_IMPORT_STALE_SECONDS must be a positive number, not '${raw}'`);
  return n * 1000;
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
  // A killed process whose parent has not reaped it yet (a zombie) still answers signal 0.
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return true; // no /proc (macOS): signal 0 is all there is
  }
}

/** True when the import that wrote this journal can no longer be running. */
export function isStale(j: JournalInfo, now = Date.now()): boolean {
  if (j.host === hostname() && j.pid !== process.pid) return !pidAlive(j.pid);
  return now - Number(j.heartbeatAt) > staleAfterMs();
}

export interface Statement {
  query: string;
  params: Record<string, unknown>;
}

export interface StagedImport {
  id: string;
  snapshot: string;
  versionBefore: number;
  /** Runs the statements in one transaction with the journal's heartbeat; returns their records. */
  write(statements: Statement[], rows: number, phase: JournalInfo['phase']): Promise<Neo4jRecord[][]>;
  /** The last transaction: bumps the version, runs `work`, deletes the journal. */
  commit(
    work: (tx: ManagedTransaction, version: number) => Promise<void>,
    changeLog: Record<string, unknown>,
  ): Promise<number>;
  /** Puts the map back as it was (after a failure in this process). */
  rollBack(): Promise<void>;
}

/** Opens a staged import; an interrupted one is rolled back first, a live one refuses it. */
export async function beginImport(
  store: Store,
  opts: { actor: string; action: string; source: string | null; total?: number },
): Promise<StagedImport> {
  const id = randomUUID();
  const snapshot = randomUUID();
  for (let attempt = 0; ; attempt++) {
    const found = await store.write(async (tx) => {
      const [lock] = (await tx.run(cypher('queries/import/journal-lock'))).records;
      const journal = lock!.get('journal') as JournalInfo | null;
      if (journal) return { journal, version: 0 };
      const version = lock!.get('version') as number;
      await tx.run(cypher('queries/import/journal-create'), {
        id,
        actor: opts.actor,
        action: opts.action,
        source: opts.source,
        host: hostname(),
        pid: neo4j.int(process.pid),
        version: neo4j.int(version),
        snapshot,
        total: opts.total === undefined ? null : neo4j.int(opts.total),
      });
      return { journal: null, version };
    });
    if (!found.journal) return staged(store, id, snapshot, found.version);
    if (attempt > 0 || !isStale(found.journal)) throw new ImportInProgressError(found.journal);
    await rollBackJournal(store, found.journal);
  }
}

function staged(store: Store, id: string, snapshot: string, versionBefore: number): StagedImport {
  let phase: JournalInfo['phase'] = 'snapshot';
  return {
    id,
    snapshot,
    versionBefore,
    async write(statements, rows, next) {
      const out = await store.write(
        async (tx) => {
          const records: Neo4jRecord[][] = [];
          for (const s of statements) records.push((await tx.run(cypher(s.query), s.params)).records);
          const beat = await tx.run(cypher('queries/import/journal-beat'), {
            id,
            phase: next,
            rows: neo4j.int(rows),
          });
          // Another process judged this import dead and rolled it back: stop here.
          if (beat.records.length === 0)
            throw new Error('this import was rolled back by another process (its journal is gone)');
          return records;
        },
        { timeoutMs: 10 * 60 * 1000, metadata: { app: 'smart-graph', action: 'import-batch' } },
      );
      phase = next;
      return out;
    },
    async commit(work, changeLog) {
      return store.write(
        async (tx) => {
          const [lock] = (await tx.run(cypher('queries/import/lock-graph-version'), changeLog)).records;
          refuseWhileImporting(lock!.get('importing'), id);
          if (!lock!.get('importing'))
            throw new Error('this import was rolled back by another process (its journal is gone)');
          const version = lock!.get('version') as number;
          await work(tx, version);
          await tx.run(cypher('queries/import/journal-end'), { id });
          return version;
        },
        { metadata: { app: 'smart-graph', action: 'import-commit' } },
      );
    },
    async rollBack() {
      try {
        await rollBackJournal(store, { id, snapshot, phase } as JournalInfo);
      } catch {
        // Neo4j gone, say: the journal stays, and the next start rolls back.
      }
    },
  };
}

/**
 * Puts the map back as the journal's snapshot holds it (when anything may have been
 * written), then in one transaction: bumps the version (a marker: the projection
 * rebuilds), discards the snapshot, audits, deletes the journal.
 */
async function rollBackJournal(
  store: Store,
  j: Pick<JournalInfo, 'id' | 'snapshot' | 'phase'> & Partial<JournalInfo>,
) {
  const write = (query: string, params: Record<string, unknown>) =>
    store.write(async (tx) => (await tx.run(cypher(query), params)).records, {
      timeoutMs: 10 * 60 * 1000,
      metadata: { app: 'smart-graph', action: 'import-rollback' },
    });
  const [snap] = await store.read(
    async (tx) =>
      (await tx.run('MATCH (s:ImportSnapshot {id: $id}) RETURN s.chunks AS chunks', { id: j.snapshot }))
        .records,
  );
  // The snapshot is recorded in the transaction that moves the phase to 'writing': without
  // it, nothing of the import was written.
  const restored = snap
    ? await restoreSnapshotStaged(store, j.snapshot, snap.get('chunks') as number, write)
    : null;
  await store.write(async (tx) => {
    if (restored) await tx.run(cypher('queries/import/lock-graph-version'), store.changeLogParams(null));
    await tx.run(cypher('queries/snapshot/discard'), { id: j.snapshot });
    await tx.run(cypher('queries/import/audit'), {
      actor: j.actor ?? 'system',
      action: 'import-rolled-back',
      target: j.source ?? null,
      details: JSON.stringify({
        startedAt: j.startedAt ?? null,
        phase: j.phase,
        written: j.written ?? null,
        restored,
      }),
    });
    await tx.run(cypher('queries/import/journal-end'), { id: j.id });
  });
}

/** The journal of the staged import under way (or interrupted), or null: its progress. */
export async function importUnderWay(store: Store): Promise<JournalInfo | null> {
  const [row] = await store.readRows<{ journal: JournalInfo | null }>('queries/import/journal-read');
  return row?.journal ?? null;
}

export interface Recovery {
  /** The interrupted import that was rolled back, or the live one left alone. */
  journal: JournalInfo;
  rolledBack: boolean;
}

/**
 * At start: rolls back an import that was interrupted (its process is gone), leaving the
 * map exactly as it was before it. A live import is left alone. Null when there is none.
 */
export async function recoverInterruptedImport(store: Store): Promise<Recovery | null> {
  const [row] = await store.read(async (tx) => (await tx.run(cypher('queries/import/journal-read'))).records);
  const journal = row?.get('journal') as JournalInfo | null;
  if (!journal) return null;
  if (!isStale(journal)) return { journal, rolledBack: false };
  await rollBackJournal(store, journal);
  return { journal, rolledBack: true };
}
