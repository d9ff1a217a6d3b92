// The analysis tier of one API process: a pool of worker threads that run the engine
// (piscina), one projection worker that keeps the engine's projection current, and
// the results cached per graph version. The request loop only reads the graph
// version (one cheap Neo4j read), posts tasks and merges small results.
import { type CompactGraph, type SharedGraph, graphFromShared, mergeRankings } from '@smart/engine';
import { type ProjectionSize, SizedLru, type Store, StoreUnavailableError, approxBytes } from '@smart/store';
import { GraphQLError } from 'graphql';
import { HeaderMap } from '@apollo/server';
import { Piscina } from 'piscina';
import type { Logger } from 'pino';
import type {
  AnalysisTask,
  NamedEntities,
  Operation,
  Operations,
  ProjectionMessage,
  TaskOutcome,
} from './protocol';

export interface AnalysisPoolOptions {
  store: Store;
  log: Logger;
  /** Analysis worker threads. */
  workers: number;
  /** Tasks that may wait for a worker before the API answers BUSY. */
  queue: number;
  /** Longest one task may run. */
  taskTimeoutMs: number;
  /** Budget of the results cached per version (rankings…), in estimated bytes. */
  derivedBytes: number;
  /** Quiet time after a write before the default ranking is recomputed. */
  riskRefreshMs: number;
  /** Nice value of the analysis threads (0–19; see ./priority): below the request loop. */
  nice?: number;
  /** Test seam: every task passes this gate in its worker (see worker.ts passGate). */
  gate?: Int32Array;
  /**
   * How long a request waits for the first projection of this process before it is
   * answered 503 BUSY (the load goes on): at L the first load takes longer than a
   * request may (SMART_PROJECTION_WAIT_MS). 0 answers at once.
   */
  firstLoadWaitMs?: number;
}

/** The arguments of the ranking the dashboard asks for, kept fresh in the background. */
export const DEFAULT_RISK = { kinds: ['SUPPLIER'] as const, durationHours: undefined };
/** Most rows a ranking keeps (no request asks for more). */
export const MAX_RANKED = 1000;

export const BUSY_RETRY_AFTER_SECONDS = 1;

/** The analysis workers are all busy and their queue is full: 503, try again shortly. */
export function poolBusy(): GraphQLError {
  return new GraphQLError('the server is busy with other analyses; try again in a moment', {
    extensions: {
      code: 'BUSY',
      http: {
        status: 503,
        headers: new HeaderMap([['retry-after', String(BUSY_RETRY_AFTER_SECONDS)]]),
      },
    },
  });
}

/** Seconds a client is told to wait while the first projection loads. */
export const LOADING_RETRY_AFTER_SECONDS = 10;

/** No projection yet and the first one still loading: 503, try again later. */
export function projectionLoading(sinceMs: number): GraphQLError {
  return new GraphQLError(
    `the map is still being loaded for analysis (${Math.round(sinceMs / 1000)} s so far); try again in a moment`,
    {
      extensions: {
        code: 'BUSY',
        http: {
          status: 503,
          headers: new HeaderMap([['retry-after', String(LOADING_RETRY_AFTER_SECONDS)]]),
        },
      },
    },
  );
}

/** What /readyz says of the analysis tier. */
export interface AnalysisReadiness {
  /** idle: nothing loaded or loading; loading: the first projection is being built; ready: analyses run. */
  state: 'idle' | 'loading' | 'ready';
  /** The graph version of the projection held, when one is. */
  graphVersion: number | null;
  /** Since when the first projection has been loading (ms), while it is. */
  loadingForMs: number | null;
  /** How long the first projection took to load, once it has. */
  firstLoadMs: number | null;
  /**
   * The latest update of the projection: to which version, how (`replay` of the change
   * log or full `build`) and how long the projection thread took (the Neo4j reads, the
   * patch or build, the sharing). What a write costs the next analysis, for operators
   * and the bench.
   */
  lastUpdate: { graphVersion: number; how: 'build' | 'replay'; ms: number } | null;
}

/** A task stopped at its time limit. */
export function analysisTimedOut(ms: number): GraphQLError {
  return new GraphQLError(
    `the analysis took longer than ${Math.round(ms / 1000)} s and was stopped; ask for less at once`,
    { extensions: { code: 'REQUEST_TIMEOUT', http: { status: 503 } } },
  );
}

export interface TaskResult<O extends Operation> {
  outcome: TaskOutcome<O>;
  version: number;
}

export interface PoolStats {
  threads: number;
  queued: number;
  /** Tasks finished, and aborted (client gone or over time). */
  completed: number;
  aborted: number;
  /** Tasks posted and not finished (running or waiting). */
  inFlight: number;
  projection: ProjectionMessage['stats'] | null;
  /** Milliseconds the projection worker spent on its last update. */
  lastProjectionMs: number | null;
}

interface RankingHeld {
  version: number;
  outcome: Extract<TaskOutcome<'riskPart'>, { ok: true }>;
}

const isAbort = (err: unknown) => (err as { name?: string } | null)?.name === 'AbortError';
const isQueueFull = (err: unknown) => /queue is at limit/i.test((err as Error | null)?.message ?? '');

export class AnalysisPool {
  private workersPool: Piscina | null = null;
  private projectionPool: Piscina | null = null;
  private cached: ProjectionMessage | null = null;
  private updating: Promise<ProjectionMessage> | null = null;
  private readonly derived: SizedLru<unknown>;
  private derivedComputed = 0;
  /** The latest default ranking, whatever its version: answered while a fresh one is made. */
  private ranking: RankingHeld | null = null;
  private refreshing: Promise<void> | null = null;
  private firstRanking: Promise<{ outcome: TaskOutcome<'riskPart'>; version: number }> | null = null;
  private refreshTimer: NodeJS.Timeout | null = null;
  private aborted = 0;
  private closed = false;
  /** When the first projection started loading, and how long it took. */
  private firstLoadStartedAt: number | null = null;
  private firstLoadMs: number | null = null;

  constructor(private readonly options: AnalysisPoolOptions) {
    this.derived = new SizedLru(options.derivedBytes);
  }

  get workers(): number {
    return this.options.workers;
  }

  private analysisThreads(): Piscina {
    if (this.closed) throw new Error('the analysis pool is closed');
    this.workersPool ??= new Piscina({
      filename: new URL('./analysis-entry.mjs', import.meta.url).href,
      minThreads: this.options.workers,
      maxThreads: this.options.workers,
      maxQueue: this.options.queue,
      workerData: { nice: this.options.nice ?? 0 },
      idleTimeout: 60_000,
    });
    return this.workersPool;
  }

  private projectionThread(): Piscina {
    if (this.closed) throw new Error('the analysis pool is closed');
    this.projectionPool ??= new Piscina({
      filename: new URL('./projection-entry.mjs', import.meta.url).href,
      minThreads: 1,
      maxThreads: 1,
      // The worker keeps its Neo4j driver and projection between tasks, and its
      // driver's timers must run: no idle exit, no blocking wait for the next task.
      idleTimeout: Number.POSITIVE_INFINITY,
      atomics: 'disabled',
      workerData: { store: this.options.store.config },
    });
    return this.projectionPool;
  }

  /** Tasks posted and not finished (running or waiting for a thread). */
  private inFlight = 0;

  /** True when `extra` more tasks would wait past the queue limit: answer BUSY at once. */
  saturated(extra = 1): boolean {
    return Math.max(0, this.inFlight + extra - this.options.workers) > this.options.queue;
  }

  /**
   * The projection at the latest committed version: the graph version is read here
   * (one Neo4j read) and, when it moved, the projection worker brings its graph
   * there; concurrent callers share one update.
   */
  async current(opts: { awaitFirstLoad?: boolean } = {}): Promise<ProjectionMessage> {
    // Loading from the first call on (readiness says so), not from the version read's answer.
    if (!this.cached) this.firstLoadStartedAt ??= performance.now();
    let version: number;
    try {
      version = await this.options.store.graphVersion();
    } catch (err) {
      if (!this.cached && !this.updating) this.firstLoadStartedAt = null;
      throw err;
    }
    if (this.cached && this.cached.version === version) return this.cached;
    if (!this.updating) {
      // (again: a concurrent first caller whose version read failed may have cleared it)
      if (!this.cached) this.firstLoadStartedAt ??= performance.now();
      const bookmarks = [...(await this.options.store.driver.executeQueryBookmarkManager.getBookmarks())];
      this.updating = (
        this.projectionThread().run({ atLeast: version, bookmarks }) as Promise<
          ProjectionMessage | { unavailable: true }
        >
      )
        .then((p) => {
          if ('unavailable' in p) throw new StoreUnavailableError();
          if (!this.cached || p.version > this.cached.version) {
            this.lastUpdate = {
              graphVersion: p.version,
              how: this.cached && p.stats.replays > this.cached.stats.replays ? 'replay' : 'build',
              ms: Math.round(p.ms),
            };
            if (!this.cached && this.firstLoadStartedAt !== null)
              this.firstLoadMs = performance.now() - this.firstLoadStartedAt;
            this.cached = p;
            this.derived.clear();
            this.scheduleRefresh();
            // Decode the report rows' strings for the new version now, on this thread, while
            // the analysis the caller is about to post runs in a worker (once the caller has
            // posted it: setImmediate runs after the promise callbacks), not after it.
            setImmediate(() => {
              if (this.cached === p && !this.closed) this.decodedFor(p);
            });
          }
          return this.cached;
        })
        .finally(() => {
          this.updating = null;
          // A first load that failed: the next one is timed from its own start.
          if (!this.cached) this.firstLoadStartedAt = null;
        });
    }
    const p = this.cached || opts.awaitFirstLoad ? await this.updating : await this.firstLoad(this.updating);
    // An update that started before the version this caller saw is not good enough.
    return p.version >= version ? p : this.current(opts);
  }

  /**
   * The first projection, or BUSY once the caller has waited `firstLoadWaitMs` for it
   * (the load goes on for the next caller): at L it takes about a minute, longer than a
   * request may take, and "try again in a moment" says more than a request time-out.
   */
  private firstLoad(loading: Promise<ProjectionMessage>): Promise<ProjectionMessage> {
    const waitMs = this.options.firstLoadWaitMs ?? Number.POSITIVE_INFINITY;
    if (!Number.isFinite(waitMs)) return loading;
    const since = this.firstLoadStartedAt ?? performance.now();
    if (waitMs <= 0) return Promise.reject(projectionLoading(performance.now() - since));
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(projectionLoading(performance.now() - since)), waitMs);
    });
    return Promise.race([loading, late]).finally(() => clearTimeout(timer));
  }

  /** Starts loading the projection now (at start), so the first analysis need not wait for it. */
  warm(): void {
    // It waits for the whole load (no BUSY after SMART_PROJECTION_WAIT_MS): only a real failure is logged.
    this.current({ awaitFirstLoad: true }).catch((err) => {
      if (!this.closed) this.options.log.warn({ err }, 'the projection was not loaded at start');
    });
  }

  private lastUpdate: AnalysisReadiness['lastUpdate'] = null;

  readiness(): AnalysisReadiness {
    const loading = !this.cached && this.firstLoadStartedAt !== null;
    return {
      state: this.cached ? 'ready' : loading ? 'loading' : 'idle',
      graphVersion: this.cached?.version ?? null,
      loadingForMs: loading ? Math.round(performance.now() - this.firstLoadStartedAt!) : null,
      firstLoadMs: this.firstLoadMs === null ? null : Math.round(this.firstLoadMs),
      lastUpdate: this.lastUpdate,
    };
  }

  async size(): Promise<ProjectionSize> {
    return (await this.current()).size;
  }

  private decoded: { version: number; graph: CompactGraph; shared: SharedGraph } | null = null;

  /**
   * The current projection decoded on this thread, once per version: what paging and
   * filtering a report's rows reads (names, owners, categories). The decoding (its
   * strings; 59 ms at M) is the one O(V) step left on the request loop, once per version;
   * after a write, only the rows it changed are decoded (the previous version is the base).
   */
  async graph(): Promise<{ graph: CompactGraph; version: number }> {
    return this.decodedFor(await this.current());
  }

  private decodedFor(p: ProjectionMessage): { graph: CompactGraph; version: number } {
    if (this.decoded?.version !== p.version)
      this.decoded = {
        version: p.version,
        graph: graphFromShared(p.graph, undefined, this.decoded ?? undefined),
        shared: p.graph,
      };
    return this.decoded;
  }

  /** Runs one task on projection `p`; aborted with `signal` or at the task time limit. */
  async runOn<O extends Operation>(
    p: ProjectionMessage,
    op: O,
    args: Operations[O]['args'],
    signal?: AbortSignal,
  ): Promise<TaskOutcome<O>> {
    const pool = this.analysisThreads();
    if (this.saturated()) throw poolBusy();
    const limit = AbortSignal.timeout(this.options.taskTimeoutMs);
    const stop = signal ? AbortSignal.any([signal, limit]) : limit;
    const task: AnalysisTask<O> = { version: p.version, graph: p.graph, op, args, gate: this.options.gate };
    this.inFlight++;
    try {
      return (await pool.run(task, { signal: stop })) as TaskOutcome<O>;
    } catch (err) {
      if (isQueueFull(err)) throw poolBusy();
      if (isAbort(err)) {
        this.aborted++;
        if (limit.aborted) throw analysisTimedOut(this.options.taskTimeoutMs);
      }
      throw err;
    } finally {
      this.inFlight--;
    }
  }

  /** Runs one task on the current projection. */
  async run<O extends Operation>(
    op: O,
    args: Operations[O]['args'],
    signal?: AbortSignal,
  ): Promise<TaskResult<O>> {
    const p = await this.current();
    return { outcome: await this.runOn(p, op, args, signal), version: p.version };
  }

  /**
   * `compute` once per projection version and key while it stays in the cache
   * (bounded by estimated bytes, least recently used out first).
   */
  async derive<T>(
    key: string,
    compute: (p: ProjectionMessage) => Promise<T>,
  ): Promise<{ value: T; version: number }> {
    const p = await this.current();
    const slot = `${p.version}\u0000${key}`;
    const hit = this.derived.get(slot) as T | undefined;
    if (hit !== undefined) return { value: hit, version: p.version };
    const value = await compute(p);
    this.derivedComputed++;
    // A projection replaced while computing: keep nothing for the old version.
    if (this.cached === p) this.derived.set(slot, value, approxBytes(value));
    return { value, version: p.version };
  }

  derivedStats(): { entries: number; bytes: number; maxBytes: number; computed: number } {
    return {
      entries: this.derived.size,
      bytes: this.derived.bytes,
      maxBytes: this.derived.maxBytes,
      computed: this.derivedComputed,
    };
  }

  /**
   * A ranking spread over the workers: each ranks every n-th candidate, and the parts
   * are merged (the same order as one run; engine `mergeRankings`). A part that fails
   * stops the others.
   */
  async rank(
    p: ProjectionMessage,
    args: { kinds: readonly string[]; durationHours: number | undefined },
    signal?: AbortSignal,
  ): Promise<TaskOutcome<'riskPart'>> {
    const of = Math.max(1, this.options.workers);
    if (this.saturated(of)) throw poolBusy();
    const stop = new AbortController();
    const onAbort = () => stop.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const parts = await Promise.all(
        Array.from({ length: of }, (_, index) =>
          this.runOn(
            p,
            'riskPart',
            {
              kinds: [...args.kinds] as Operations['riskPart']['args']['kinds'],
              durationHours: args.durationHours,
              first: MAX_RANKED,
              part: { index, of },
            },
            stop.signal,
          ).catch((err: unknown) => {
            stop.abort();
            throw err;
          }),
        ),
      );
      const failed = parts.find((o) => !o.ok);
      if (failed) return failed;
      const ok = parts as Extract<TaskOutcome<'riskPart'>, { ok: true }>[];
      const value = mergeRankings(
        ok.map((o) => o.value),
        MAX_RANKED,
      );
      const keep = new Set(value.map((r) => r.id));
      const named: NamedEntities = { ids: [], kinds: [], names: [] };
      for (const o of ok)
        o.named.ids.forEach((id, i) => {
          if (!keep.has(id)) return;
          named.ids.push(id);
          named.kinds.push(o.named.kinds[i]!);
          named.names.push(o.named.names[i]!);
        });
      return { ok: true, value, named };
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  }

  /**
   * The default ranking: the one of the current version when it is ready; else the
   * latest one made (for an older version, which its `version` says) while a fresh
   * one is made in the background; computed while the caller waits only the first time.
   */
  async defaultRanking(): Promise<{ outcome: TaskOutcome<'riskPart'>; version: number }> {
    const p = await this.current();
    if (this.ranking) {
      if (this.ranking.version < p.version) this.scheduleRefresh(0);
      return this.ranking;
    }
    // The first ranking: callers arriving meanwhile share it, so it is not stopped when
    // the first of them goes away (it is kept for everyone; its tasks keep their time limit).
    this.firstRanking ??= this.rank(p, DEFAULT_RISK)
      .then((outcome) => {
        if (!outcome.ok) return { outcome, version: p.version };
        this.derivedComputed++;
        if (!this.ranking || this.ranking.version < p.version) this.ranking = { version: p.version, outcome };
        return this.ranking;
      })
      .finally(() => {
        this.firstRanking = null;
      });
    return this.firstRanking;
  }

  /** A write may have happened (a mutation answered): refresh the default ranking once writes settle. */
  graphMayHaveChanged(): void {
    this.scheduleRefresh();
  }

  private scheduleRefresh(delay = this.options.riskRefreshMs): void {
    // Only once someone asked for the ranking: an API nobody ranks on does no such work.
    if (!this.ranking || this.closed) return;
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = null;
      this.refreshing ??= this.refresh().finally(() => {
        this.refreshing = null;
      });
    }, delay);
    this.refreshTimer.unref();
  }

  private async refresh(): Promise<void> {
    try {
      const p = await this.current();
      if (this.ranking && this.ranking.version >= p.version) return;
      const outcome = await this.rank(p, DEFAULT_RISK);
      if (outcome.ok && (!this.ranking || this.ranking.version < p.version)) {
        this.ranking = { version: p.version, outcome };
        this.derivedComputed++;
      }
    } catch (err) {
      // Busy or Neo4j away: the next write or request schedules it again.
      if (!this.closed) this.options.log.warn({ err }, 'background risk ranking not refreshed');
    }
  }

  /** Waits for a background refresh in flight (tests). */
  async settled(): Promise<void> {
    await this.refreshing;
  }

  stats(): PoolStats {
    return {
      threads: this.workersPool?.threads.length ?? 0,
      queued: this.workersPool?.queueSize ?? 0,
      completed: this.workersPool?.completed ?? 0,
      aborted: this.aborted,
      inFlight: this.inFlight,
      projection: this.cached?.stats ?? null,
      lastProjectionMs: this.cached?.ms ?? null,
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    const projection = this.projectionPool;
    const workers = this.workersPool;
    this.projectionPool = null;
    this.workersPool = null;
    if (projection) {
      await projection.run(null, { name: 'close' }).catch(() => undefined);
      await projection.destroy();
    }
    await workers?.destroy();
  }
}
