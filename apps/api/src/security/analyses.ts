// The gate around every analysis, wherever its work runs: before an operation that
// holds an analysis executes, (1) its user must have a free analysis slot (at most
// `maxConcurrentAnalysesPerUser` at once; a further one is refused at once with 429
// BUSY rather than queued), and (2) its price on the current graph (./cost) must fit
// `maxAnalysisCost`, and (3) the analysis pool must have room in its queue (else 503
// BUSY at once, never a wait). The slot is given back when the response is sent, or as
// soon as the client goes away (or the request passes its time limit): its tasks are
// stopped through the same signal, and a wait that is not stopped (the shared first
// ranking, a projection update) no longer counts against the user.
import type { ApolloServerPlugin } from '@apollo/server';
import { HeaderMap } from '@apollo/server';
import { randomUUID } from 'node:crypto';
import type { AnalysisSlotCount, ProjectionSize } from '@smart/store';
import { GraphQLError } from 'graphql';
import { type AnalysisPool, BUSY_RETRY_AFTER_SECONDS, poolBusy } from '../analysis/pool';
import type { Context } from '../context';
import { isStoreUnavailable, unavailable } from '../errors';
import { costExceeded, demandsOf, isAnalysis, price } from './cost';
import type { SecurityLimits } from './limits';

/** How the gate shares its counts with the other replicas on one Neo4j. */
export interface SlotSharing {
  /** The key a user's counts are shared under (a digest: no username is stored). */
  key: (who: string) => string;
  /**
   * Writes this replica's counts as leases until `expiresAt` and reads what `users` run on
   * the other replicas (the store's syncAnalysisSlots, given by app.ts: this module
   * stays off the store, as the other request-path modules do).
   */
  sync: (
    replica: string,
    counts: readonly AnalysisSlotCount[],
    users: readonly string[],
    expiresAt: number,
    now: number,
  ) => Promise<Map<string, number>>;
  /** Sync period (SMART_RATE_SYNC_MS, shared with the rate limits). */
  syncMs: number;
  /** How long a replica's counts last without a sync (its lease); default 20 syncs, at least 5 s. */
  leaseMs?: number;
  onError?: (err: unknown) => void;
  now?: () => number;
}

/**
 * Counts each user's running analyses; refuses past the limit instead of queueing. With
 * `sharing`, the limit holds across the API replicas on one Neo4j, as the rate limits
 * do (DESIGN §7 "Replicas"): each replica keeps its own counts and, every `syncMs` while
 * it runs analyses or its counts changed, writes them as a lease (`AnalysisSlots`) and
 * reads back what each of its users runs on the other replicas. A user is judged on
 * (their analyses here + on the others at the last sync); a user's first analysis after
 * a pause (no sync about them in two periods) waits for one sync, bounded by two periods,
 * so a user already at the limit elsewhere is refused at once. A replica that dies
 * leaves leases that expire; while Neo4j is unreachable each replica judges alone.
 */
export class AnalysisGate {
  private readonly running = new Map<string, number>();
  /** Per user (digest): what the other replicas run, and when that was read. */
  private readonly others = new Map<string, { running: number; at: number }>();
  /** Users (digests) whose count here changed since the last sync. */
  private readonly changed = new Set<string>();
  /** Users (digests) with a count above 0 in Neo4j as of the last sync (close() zeroes them). */
  private readonly published = new Set<string>();
  /** Users (digests) whose counts elsewhere a request waits for. */
  private readonly asked = new Set<string>();
  private readonly replica = randomUUID();
  private timer: NodeJS.Timeout | undefined;
  private syncing: Promise<void> | undefined;
  private queued: Promise<void> | undefined;
  private closed = false;

  constructor(
    readonly perUser: number,
    private readonly sharing?: SlotSharing,
  ) {}

  private now(): number {
    return this.sharing?.now?.() ?? Date.now();
  }

  private key(who: string): string {
    return this.sharing ? this.sharing.key(who) : who;
  }

  /** A release function, or null when `who` already runs `perUser` analyses (here and elsewhere). */
  async enter(who: string): Promise<(() => void) | null> {
    if (this.sharing && !this.closed) {
      const known = this.others.get(this.key(who));
      if (!known || this.now() - known.at > 2 * this.sharing.syncMs) {
        const wait = 2 * this.sharing.syncMs;
        await Promise.race([
          this.sync([this.key(who)]),
          new Promise<void>((r) => {
            setTimeout(r, wait).unref();
          }),
        ]);
      }
    }
    return this.tryEnter(who);
  }

  /** enter() without asking the other replicas first (their counts as of the last sync). */
  tryEnter(who: string): (() => void) | null {
    const n = this.running.get(who) ?? 0;
    if (n + (this.others.get(this.key(who))?.running ?? 0) >= this.perUser) return null;
    this.running.set(who, n + 1);
    this.touched(who);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.running.get(who) ?? 1) - 1;
      if (left > 0) this.running.set(who, left);
      else this.running.delete(who);
      this.touched(who);
    };
  }

  runningFor(who: string): number {
    return this.running.get(who) ?? 0;
  }

  /**
   * Stops sharing (the API is closing): the counts it published go back to 0, so a
   * replica that stops leaves nothing counted (one that dies leaves leases that expire).
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.syncing?.catch(() => {});
    if (!this.sharing || this.published.size === 0) return;
    try {
      const now = this.now();
      await this.sharing.sync(
        this.replica,
        [...this.published].map((user) => ({ user, running: 0 })),
        [],
        now,
        now,
      );
      this.published.clear();
    } catch (err) {
      this.sharing.onError?.(err);
    }
  }

  private touched(who: string): void {
    if (!this.sharing || this.closed) return;
    this.changed.add(this.key(who));
    if (this.timer) return;
    this.timer = setInterval(() => {
      void this.sync();
    }, this.sharing.syncMs);
    this.timer.unref();
  }

  /** One sync at a time; a call during one waits for it and then runs one more. */
  sync(users: readonly string[] = []): Promise<void> {
    for (const user of users) this.asked.add(user);
    if (!this.syncing) {
      this.syncing = this.syncOnce().finally(() => {
        this.syncing = undefined;
      });
      return this.syncing;
    }
    this.queued ??= this.syncing.then(() => {
      this.queued = undefined;
      return this.sync();
    });
    return this.queued;
  }

  private async syncOnce(): Promise<void> {
    const sharing = this.sharing;
    if (!sharing || this.closed) return;
    // Every user running here (their leases are renewed) or changed since the last sync.
    const counts = new Map<string, number>();
    for (const [who, n] of this.running) counts.set(this.key(who), n);
    for (const user of this.changed) if (!counts.has(user)) counts.set(user, 0);
    this.changed.clear();
    const users = new Set([...counts.keys(), ...this.asked]);
    this.asked.clear();
    if (users.size === 0) {
      // Idle: nothing to share, no timer left running.
      if (this.timer) clearInterval(this.timer);
      this.timer = undefined;
      return;
    }
    const now = this.now();
    try {
      const elsewhere = await sharing.sync(
        this.replica,
        [...counts].map(([user, running]) => ({ user, running })),
        [...users],
        now + (sharing.leaseMs ?? Math.max(5_000, 20 * sharing.syncMs)),
        now,
      );
      for (const user of users) this.others.set(user, { running: elsewhere.get(user) ?? 0, at: now });
      for (const [user, n] of counts) {
        if (n > 0) this.published.add(user);
        else this.published.delete(user);
      }
      // Forget the other replicas' counts of users nobody asked about for a while.
      for (const [user, o] of this.others) if (now - o.at > 60_000) this.others.delete(user);
    } catch (err) {
      // Neo4j unreachable: the counts go with the next sync; this replica judges alone meanwhile.
      for (const user of counts.keys()) this.changed.add(user);
      sharing.onError?.(err);
    }
  }
}

export interface AnalysisHooks {
  /** Awaited once an analysis has its slot and its price passed, before it executes (tests hold it here). */
  analysisAdmitted?: (username: string) => Promise<void> | void;
  /**
   * Shared counters every analysis task passes in its worker thread: [0] tasks started,
   * [1] finished, [2] a bit per task ordinal that lets it run (tests hold tasks there).
   */
  taskGate?: Int32Array;
}

export function analysisGuardPlugin(
  limits: Pick<SecurityLimits, 'maxAnalysisCost' | 'maxConcurrentAnalysesPerUser'>,
  pool: Pick<AnalysisPool, 'saturated' | 'graphMayHaveChanged'>,
  hooks: AnalysisHooks = {},
  /** Shared with the routes that run analyses outside GraphQL (the CSV export). */
  gate = new AnalysisGate(limits.maxConcurrentAnalysesPerUser),
): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      let release: (() => void) | null = null;
      let mutation = false;
      return {
        async didResolveOperation({ document, operation, contextValue: ctx, request, schema }) {
          mutation = operation?.operation === 'mutation';
          // No principal: the authorization plugin refuses; never load anything for it.
          if (!operation || !ctx.principal) return;
          const demands = demandsOf(schema, document, operation, request.variables ?? {});
          if (demands.length === 0) return;
          const who = ctx.principal.username;
          if (demands.some(isAnalysis)) {
            release = await gate.enter(who);
            const signal = ctx.signal;
            if (release && signal) {
              const free = release;
              if (signal.aborted) free();
              else signal.addEventListener('abort', () => free(), { once: true });
            }
            if (!release) {
              throw new GraphQLError(
                `you already run ${gate.perUser} analyses at once; wait for one to finish and try again`,
                {
                  extensions: {
                    code: 'BUSY',
                    http: {
                      status: 429,
                      headers: new HeaderMap([['retry-after', String(BUSY_RETRY_AFTER_SECONDS)]]),
                    },
                  },
                },
              );
            }
          }
          let size: ProjectionSize | null = null;
          let scenarios = 0;
          try {
            if (demands.some(isAnalysis)) size = await ctx.analysis.size();
            if (demands.some((d) => d.perScenario !== null)) scenarios = await ctx.scenarioRepository.count();
          } catch (err) {
            // Outside execution Apollo would answer 500: say 503, as a resolver's outage does.
            if (isStoreUnavailable(err)) throw unavailable();
            throw err;
          }
          const priced = price(demands, size, scenarios);
          if (priced.total > limits.maxAnalysisCost) throw costExceeded(priced, limits.maxAnalysisCost, size);
          // Every worker busy and the queue full: say so now (503 BUSY), do not queue further.
          if (demands.some(isAnalysis) && pool.saturated()) throw poolBusy();
          if (release) await hooks.analysisAdmitted?.(who);
        },
        async willSendResponse() {
          release?.();
          release = null;
          // A write may have moved the graph: the default ranking is refreshed once writes settle.
          if (mutation) pool.graphMayHaveChanged();
        },
      };
    },
  };
}
