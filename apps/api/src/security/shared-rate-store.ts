// A request counter for express-rate-limit shared by every API replica through Neo4j
// (DESIGN §7, "Replicas"). Windows are fixed and aligned to the clock (window w covers
// [w·windowMs, (w+1)·windowMs)), so every replica counts the same windows. Each replica
// counts locally and, every `syncMs`, adds its new hits to the shared totals in one
// write and takes the totals back; a client's first request of a window on a replica
// waits for one sync (bounded by `firstSyncWaitMs`), so a client already over the limit
// elsewhere is refused at once. A request is judged on (shared total at the last sync
// + hits since): a replica's view lags the others' by at most one sync each side, so
// beyond the limit a client gets at most what it sends to the other replicas in about
// 2 × syncMs, not N times the limit. While Neo4j is unreachable each replica goes on
// counting alone (the per-replica limit still holds).
import { type Store, addRateHits, limitKey } from '@smart/store';
import type { IncrementResponse, Store as RateStore } from 'express-rate-limit';

/** How often a replica sends its counts to Neo4j (SMART_RATE_SYNC_MS). */
export const DEFAULT_RATE_SYNC_MS = 250;
/** Windows counted at once per limiter; past it the oldest are forgotten locally. */
const MAX_WINDOWS = 50_000;

interface Window {
  id: string;
  window: number;
  /** The total over every replica at the last sync (this replica's synced hits included). */
  shared: number;
  /** Hits here since the last sync. */
  pending: number;
  /** The first sync of this window, awaited by its first request. */
  firstSync?: Promise<void>;
}

export interface SharedRateStoreOptions {
  store: Store;
  /** Names the limiter: its counts are its own. */
  name: string;
  windowMs: number;
  syncMs?: number;
  firstSyncWaitMs?: number;
  onError?: (err: unknown) => void;
  now?: () => number;
}

export class SharedRateStore implements RateStore {
  readonly localKeys = false;
  readonly prefix: string;
  private readonly windows = new Map<string, Window>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private queued: Promise<void> | undefined;
  private readonly now: () => number;

  constructor(private readonly options: SharedRateStoreOptions) {
    this.prefix = `${options.name}:`;
    this.now = options.now ?? Date.now;
  }

  private windowOf(t: number): number {
    return Math.floor(t / this.options.windowMs);
  }

  private entry(key: string): Window {
    const window = this.windowOf(this.now());
    const local = `${window}\n${key}`;
    let w = this.windows.get(local);
    if (!w) {
      w = { id: limitKey(this.options.name, key, String(window)), window, shared: 0, pending: 0 };
      this.windows.set(local, w);
      if (this.windows.size > MAX_WINDOWS) this.windows.delete(this.windows.keys().next().value as string);
    }
    return w;
  }

  private response(w: Window): IncrementResponse {
    return {
      totalHits: Math.max(0, w.shared + w.pending),
      resetTime: new Date((w.window + 1) * this.options.windowMs),
    };
  }

  async increment(key: string): Promise<IncrementResponse> {
    const w = this.entry(key);
    w.pending += 1;
    this.schedule();
    if (!w.firstSync) {
      // Hits elsewhere in this window are unknown here yet: ask once, briefly.
      w.firstSync = this.sync();
      const wait = this.options.firstSyncWaitMs ?? 2 * (this.options.syncMs ?? DEFAULT_RATE_SYNC_MS);
      await Promise.race([
        w.firstSync,
        new Promise<void>((r) => {
          setTimeout(r, wait).unref();
        }),
      ]);
    }
    return this.response(w);
  }

  async get(key: string) {
    return this.response(this.entry(key));
  }

  decrement(key: string): void {
    this.entry(key).pending -= 1;
    this.schedule();
  }

  resetKey(key: string): void {
    // Forgets this replica's view only: the shared total stands until its window ends.
    this.windows.delete(`${this.windowOf(this.now())}\n${key}`);
  }

  shutdown(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      void this.sync();
    }, this.options.syncMs ?? DEFAULT_RATE_SYNC_MS);
    this.timer.unref();
  }

  /** One sync at a time; a call during one waits for it and then runs one more. */
  sync(): Promise<void> {
    if (!this.running) {
      this.running = this.syncOnce().finally(() => {
        this.running = undefined;
      });
      return this.running;
    }
    this.queued ??= this.running.then(() => {
      this.queued = undefined;
      return this.sync();
    });
    return this.queued;
  }

  private async syncOnce(): Promise<void> {
    const current = this.windowOf(this.now());
    const sent: { w: Window; hits: number }[] = [];
    for (const [local, w] of this.windows) {
      if (w.window < current) {
        this.windows.delete(local); // its window is over: nothing left to judge by it
        continue;
      }
      if (w.pending !== 0) sent.push({ w, hits: w.pending });
    }
    if (sent.length === 0) {
      if (this.windows.size === 0) this.shutdown(); // idle: no timer keeps running
      return;
    }
    try {
      const totals = await addRateHits(
        this.options.store,
        sent.map(({ w, hits }) => ({
          id: w.id,
          hits,
          // Kept one window past its end: a slow replica's late sync still lands.
          expiresAt: (w.window + 2) * this.options.windowMs,
        })),
        this.now(),
      );
      for (const { w, hits } of sent) {
        w.pending -= hits;
        w.shared = totals.get(w.id) ?? w.shared + hits;
      }
    } catch (err) {
      // Neo4j unreachable: the hits stay pending (counted here) and go with the next sync.
      this.options.onError?.(err);
    }
  }
}
