// Driver lifecycle: one driver per process, reads through executeRead and writes
// through executeWrite (so a neo4j:// cluster routes them), causally chained by one
// bookmark manager, transient errors retried, and a clear StoreUnavailableError when
// Neo4j cannot be reached.
import neo4j, {
  type Driver,
  type ManagedTransaction,
  Neo4jError,
  type QueryResult,
  type RecordShape,
} from 'neo4j-driver';
import type { GraphChange } from '@smart/domain';
import { type StoreConfig, changeLogRetention, configFromEnv } from './config';
import { cypher } from './cypher';

/** Neo4j is down or unreachable; the API reports SERVICE_UNAVAILABLE. */
export class StoreUnavailableError extends Error {
  constructor(cause?: unknown) {
    super('the graph database is unavailable', { cause });
    this.name = 'StoreUnavailableError';
  }
}

/**
 * A staged import (one above SMART_IMPORT_SINGLE_TX_ROWS) is under way: every other write
 * to the map is refused until it ends (DESIGN.md §8); the API answers CONFLICT.
 */
export class ImportInProgressError extends Error {
  constructor(readonly importing: { actor?: string; source?: string | null; startedAt?: string }) {
    super(
      `an import started at ${importing.startedAt ?? 'an unknown time'} by ${importing.actor ?? 'someone'}` +
        `${importing.source ? ` (${importing.source})` : ''} is in progress; retry when it ends`,
    );
    this.name = 'ImportInProgressError';
  }
}

/** Throws ImportInProgressError when the record of a version bump names an import under way. */
export function refuseWhileImporting(importing: unknown, own?: string): void {
  const j = importing as { id?: string; actor?: string; source?: string | null; startedAt?: string } | null;
  if (j && j.id !== own) throw new ImportInProgressError(j);
}

const UNAVAILABLE_CODES = new Set(['ServiceUnavailable', 'SessionExpired']);

export function isUnavailable(err: unknown): boolean {
  if (err instanceof StoreUnavailableError) return true;
  if (err instanceof Neo4jError) {
    return (
      UNAVAILABLE_CODES.has(err.code) || err.code.startsWith('Neo.TransientError.General.DatabaseUnavailable')
    );
  }
  return false;
}

export interface TxOptions<T = unknown> {
  /**
   * Bump the graph version in the same transaction (every data write does). The write takes
   * the version's lock before its work, so such writes run one at a time in version order.
   */
  bumpVersion?: boolean;
  /**
   * With bumpVersion: what the write changed, recorded in the change log with the new
   * version (a function gets the work's result). Omitted or null: the projection cannot
   * replay this write and rebuilds in full.
   */
  changes?: readonly GraphChange[] | null | ((result: T) => readonly GraphChange[] | null);
  timeoutMs?: number;
  metadata?: Record<string, unknown>;
}

export class Store {
  readonly driver: Driver;
  readonly config: StoreConfig;

  constructor(config: StoreConfig = configFromEnv()) {
    this.config = config;
    this.driver = neo4j.driver(config.uri, neo4j.auth.basic(config.user, config.password), {
      // Counts and sizes never approach 2^53: hand the rest of the code plain numbers.
      disableLosslessIntegers: true,
      // The store retries transient errors itself (see withRetry) and fails fast while
      // the database is down, instead of holding requests for the driver's 30 s of retries.
      maxTransactionRetryTime: 0,
      connectionTimeout: 3_000,
      connectionAcquisitionTimeout: 5_000,
      maxConnectionPoolSize: 64,
      userAgent: 'smart-graph',
    });
  }

  // Every session shares the driver's bookmark manager (the one executeQuery uses):
  // each transaction sends the bookmarks of this process's latest commits, so on a
  // neo4j:// cluster a read routed to a follower waits until the follower has them, and
  // a read after a write (a version, the revocation list) sees it. Other processes'
  // writes carry no bookmark here (DESIGN.md §7).
  private session(mode: 'READ' | 'WRITE') {
    return this.driver.session({
      database: this.config.database,
      defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
      bookmarkManager: this.driver.executeQueryBookmarkManager,
    });
  }

  private txConfig(opts: Pick<TxOptions, 'timeoutMs' | 'metadata'>) {
    return { timeout: opts.timeoutMs ?? this.config.queryTimeoutMs, metadata: opts.metadata };
  }

  // While Neo4j is down, one request at a time probes it and every other fails at once
  // with StoreUnavailableError (the driver alone takes a second or more to give up on a
  // refused connection, and longer on one that hangs during a shutdown). The first
  // success closes the circuit again: the store recovers by itself.
  private downSince = 0;
  private probing = false;

  private async guarded<T>(run: () => Promise<T>): Promise<T> {
    const probe = this.downSince > 0;
    if (probe) {
      if (this.probing)
        throw new StoreUnavailableError(new Error('the graph database was unreachable just now'));
      this.probing = true;
    }
    try {
      const result = await run();
      this.downSince = 0;
      return result;
    } catch (err) {
      if (err instanceof StoreUnavailableError) this.downSince ||= Date.now();
      else if (probe) this.downSince = 0; // Neo4j answered, if with an error of the query's own
      throw err;
    } finally {
      if (probe) this.probing = false;
    }
  }

  async read<T>(work: (tx: ManagedTransaction) => Promise<T>, opts: TxOptions = {}): Promise<T> {
    return this.guarded(() => this.readOnce(work, opts));
  }

  private async readOnce<T>(work: (tx: ManagedTransaction) => Promise<T>, opts: TxOptions): Promise<T> {
    return withRetry(async () => {
      const session = this.session('READ');
      try {
        return await session.executeRead(work, this.txConfig(opts));
      } finally {
        await session.close();
      }
    });
  }

  async write<T>(work: (tx: ManagedTransaction) => Promise<T>, opts: TxOptions<T> = {}): Promise<T> {
    return this.guarded(() => this.writeOnce(work, opts));
  }

  /** Parameters of bump-graph-version and lock-graph-version: the change log entry. */
  changeLogParams(changes: readonly GraphChange[] | null | undefined): Record<string, unknown> {
    return {
      ops: changes ? JSON.stringify(changes) : null,
      retention: neo4j.int(changeLogRetention(this.config)),
    };
  }

  private async writeOnce<T>(work: (tx: ManagedTransaction) => Promise<T>, opts: TxOptions<T>): Promise<T> {
    return withRetry(async () => {
      const session = this.session('WRITE');
      try {
        return await session.executeWrite(async (tx) => {
          if (opts.bumpVersion) await tx.run(cypher('queries/lock-graph-version'));
          const result = await work(tx);
          if (opts.bumpVersion) {
            const changes = typeof opts.changes === 'function' ? opts.changes(result) : opts.changes;
            const [bump] = (await tx.run(cypher('queries/bump-graph-version'), this.changeLogParams(changes)))
              .records;
            refuseWhileImporting(bump?.get('importing'));
          }
          return result;
        }, this.txConfig(opts));
      } finally {
        await session.close();
      }
    });
  }

  /** Runs a named query in a read transaction and returns plain row objects. */
  async readRows<T extends RecordShape = RecordShape>(
    name: string,
    params: Record<string, unknown> = {},
  ): Promise<T[]> {
    return this.read(async (tx) => rows<T>(await tx.run<T>(cypher(name), params)));
  }

  /** Auto-commit statements (schema changes cannot share a transaction with writes). */
  async runAutoCommit(text: string, params: Record<string, unknown> = {}): Promise<void> {
    const session = this.session('WRITE');
    try {
      await session.run(text, params);
    } catch (err) {
      throw isUnavailable(err) ? new StoreUnavailableError(err) : err;
    } finally {
      await session.close();
    }
  }

  async ping(): Promise<boolean> {
    try {
      await this.readRows('queries/graph-version');
      return true;
    } catch {
      return false;
    }
  }

  async graphVersion(): Promise<number> {
    const [row] = await this.readRows<{ version: number }>('queries/graph-version');
    return row?.version ?? 0;
  }

  async close(): Promise<void> {
    await this.driver.close();
  }
}

/** Transient errors (deadlocks, lock timeouts, leader switches) are retried with jittered backoff. */
export function isTransient(err: unknown): boolean {
  return (
    err instanceof Neo4jError &&
    !isUnavailable(err) &&
    // Too big for the database's transaction memory: trying again fails the same way.
    !err.code.includes('OutOfMemoryError') &&
    (err.code.startsWith('Neo.TransientError') || err.code === 'Neo.ClientError.Cluster.NotALeader')
  );
}

export const RETRY_ATTEMPTS = 6;

async function withRetry<T>(attempt: () => Promise<T>): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (err) {
      if (isUnavailable(err)) throw new StoreUnavailableError(err);
      if (!isTransient(err) || i >= RETRY_ATTEMPTS) throw err;
      await new Promise((r) => setTimeout(r, 2 ** i * 25 * (0.5 + Math.random())));
    }
  }
}

export function rows<T extends RecordShape>(result: QueryResult<T>): T[] {
  return result.records.map((r) => r.toObject() as T);
}
