// Revocation is checked on every request against a copy of the revocation list kept
// for at most a second (so a token revoked by the CLI or another API replica is
// refused within about a second; one revoked through this process at once).
// While Neo4j is unreachable the last list read stays in force: every query fails
// then anyway, and no revocation can be written.
import { type Revocations, type Store, StoreUnavailableError, loadRevocations } from '@smart/store';
import type { Principal } from './tokens';

export const REVOCATION_CACHE_MS = 1_000;
const REFRESH_WAIT_MS = 250;

const sleep = (ms: number) =>
  new Promise<void>((resolve) => {
    setTimeout(resolve, ms).unref();
  });

interface Snapshot {
  jtis: Set<string>;
  users: Map<string, number>;
  loadedAt: number;
}

export class RevocationList {
  private snapshot: Snapshot | undefined;
  private loading: Promise<Snapshot> | undefined;
  private lastFailureAt = 0;

  constructor(
    private readonly store: Store,
    private readonly maxAgeMs = REVOCATION_CACHE_MS,
  ) {}

  /** True when the principal's token was revoked (by jti, or by a per-user validAfter). */
  async isRevoked(p: Principal): Promise<boolean> {
    const s = await this.current();
    if (p.tokenId && s.jtis.has(p.tokenId)) return true;
    const validAfter = s.users.get(p.username);
    return validAfter !== undefined && (p.issuedAtMs ?? 0) < validAfter;
  }

  /** Applies a revocation made through this process at once (it is in Neo4j already). */
  noteRevokedToken(jti: string): void {
    this.recentJtis.set(jti, Date.now());
    if (this.snapshot) this.merge(this.snapshot);
  }

  noteRevokedUser(username: string, validAfter: number): void {
    this.recentUsers.set(username, { validAfter, notedAt: Date.now() });
    if (this.snapshot) this.merge(this.snapshot);
  }

  // Revocations noted here lately are merged into every list read, so a read that
  // began just before the revocation committed cannot bring the token back.
  private readonly recentJtis = new Map<string, number>();
  private readonly recentUsers = new Map<string, { validAfter: number; notedAt: number }>();

  private merge(s: Snapshot): Snapshot {
    const horizon = Date.now() - 10 * this.maxAgeMs;
    for (const [jti, at] of this.recentJtis) {
      if (at < horizon) this.recentJtis.delete(jti);
      else s.jtis.add(jti);
    }
    for (const [username, r] of this.recentUsers) {
      if (r.notedAt < horizon) this.recentUsers.delete(username);
      else s.users.set(username, Math.max(s.users.get(username) ?? 0, r.validAfter));
    }
    return s;
  }

  private async current(): Promise<Snapshot> {
    const now = Date.now();
    const s = this.snapshot;
    if (s && now - s.loadedAt < this.maxAgeMs) return s;
    // Neo4j just failed: keep the last list instead of waiting on it again at once.
    if (s && now - this.lastFailureAt < this.maxAgeMs) return s;
    try {
      if (!s) return await this.refresh();
      // A healthy Neo4j answers in a few ms; a slow or failing one must not hold every
      // request: past REFRESH_WAIT_MS the last list stands while the refresh goes on.
      const refreshing = this.refresh();
      refreshing.catch(() => {
        this.lastFailureAt = Date.now();
      });
      return await Promise.race([refreshing, sleep(REFRESH_WAIT_MS).then(() => s)]);
    } catch (err) {
      this.lastFailureAt = Date.now();
      if (s) return s;
      throw err instanceof StoreUnavailableError ? err : new StoreUnavailableError(err);
    }
  }

  private refresh(): Promise<Snapshot> {
    this.loading ??= loadRevocations(this.store)
      .then((r: Revocations) => {
        const snapshot = this.merge({
          jtis: new Set(r.jtis),
          users: new Map(r.users.map((u) => [u.username, u.validAfter])),
          loadedAt: Date.now(),
        });
        this.snapshot = snapshot;
        return snapshot;
      })
      .finally(() => {
        this.loading = undefined;
      });
    return this.loading;
  }
}

const lists = new WeakMap<Store, RevocationList>();

/** One revocation list per store (per database), shared by every API on it in this process. */
export function revocationsFor(store: Store): RevocationList {
  let list = lists.get(store);
  if (!list) {
    list = new RevocationList(store);
    lists.set(store, list);
  }
  return list;
}
