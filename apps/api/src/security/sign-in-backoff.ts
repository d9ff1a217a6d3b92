// Backoff after failed password sign-ins, per (username, client IP) and, more gently,
// per username from anywhere. Unlike a lockout, it never shuts the right password out:
// from a fresh IP the user waits at most `userMaxMs` after the last failure on their
// name, however many addresses an attacker uses. The failures are kept in a ledger:
// in Neo4j for the API (`StoreLedger`: every replica sees every failure, exactly, as
// sign-ins are few), in memory for tests of the policy (`MemoryLedger`). The clock is
// injectable so tests need no sleeps.
import {
  type SignInFailures,
  type Store,
  attemptSignIn,
  clearSignInFailures,
  limitKey,
  readSignInFailures,
} from '@smart/store';

export interface SignInBackoffPolicy {
  /** Failures per (username, IP) before any delay. */
  freeFailures: number;
  /** The longest delay per (username, IP). */
  maxMs: number;
  /** Failures per username, from anywhere, before any delay. */
  userFreeFailures: number;
  /** The longest delay per username from anywhere: what a fresh IP waits at most. */
  userMaxMs: number;
}

/** The first delay; each further failure doubles it, up to the cap. */
export const BACKOFF_BASE_MS = 1_000;
/** Entries kept at most in memory (the oldest go first): a flood of names cannot exhaust it. */
const MAX_ENTRIES = 50_000;

export function backoffDelayMs(failures: number, free: number, maxMs: number): number {
  if (failures < free) return 0;
  return Math.min(maxMs, BACKOFF_BASE_MS * 2 ** Math.min(failures - free, 40));
}

/** A failure count is forgotten after twice the longest delay without a failure. */
export const forgetAfterMs = (maxMs: number) => 2 * maxMs + 60_000;

/** Where failures are counted: a key's count goes on while its last failure is younger than forgetMs. */
export interface FailureLedger {
  read(keys: readonly string[], now: number): Promise<Map<string, SignInFailures>>;
  /** Atomically: the wait `decide` gives for the keys' failures, and when 0 one more failure each. */
  attempt(
    entries: readonly { key: string; forgetMs: number }[],
    decide: (found: Map<string, SignInFailures>) => number,
    now: number,
  ): Promise<number>;
  clear(keys: readonly string[]): Promise<void>;
}

export class MemoryLedger implements FailureLedger {
  private readonly entries = new Map<string, SignInFailures & { expiresAt: number }>();

  async read(keys: readonly string[], now: number) {
    const out = new Map<string, SignInFailures>();
    for (const key of keys) {
      const e = this.entries.get(key);
      if (e && e.expiresAt >= now) out.set(key, { failures: e.failures, lastFailureAt: e.lastFailureAt });
    }
    return out;
  }

  async attempt(
    entries: readonly { key: string; forgetMs: number }[],
    decide: (found: Map<string, SignInFailures>) => number,
    now: number,
  ) {
    // No await between the read and the write: atomic on the one thread.
    const found = new Map<string, SignInFailures>();
    for (const { key } of entries) {
      const e = this.entries.get(key);
      if (e && e.expiresAt >= now) found.set(key, { failures: e.failures, lastFailureAt: e.lastFailureAt });
    }
    const wait = decide(found);
    if (wait > 0) return wait;
    for (const { key, forgetMs } of entries) {
      const e = this.entries.get(key);
      const failures = e && now - e.lastFailureAt < forgetMs ? e.failures + 1 : 1;
      this.entries.delete(key); // re-inserted last: the Map's order is then oldest first
      this.entries.set(key, { failures, lastFailureAt: now, expiresAt: now + forgetMs });
      if (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
    }
    return 0;
  }

  async clear(keys: readonly string[]) {
    for (const key of keys) this.entries.delete(key);
  }
}

/** Failures in Neo4j (keys digested), shared by every API replica on it. */
export class StoreLedger implements FailureLedger {
  constructor(private readonly store: Store) {}
  read(keys: readonly string[], now: number) {
    return readSignInFailures(this.store, keys, now);
  }
  attempt(
    entries: readonly { key: string; forgetMs: number }[],
    decide: (found: Map<string, SignInFailures>) => number,
    now: number,
  ) {
    return attemptSignIn(this.store, entries, decide, now);
  }
  clear(keys: readonly string[]) {
    return clearSignInFailures(this.store, keys);
  }
}

export class SignInBackoff {
  constructor(
    private readonly policy: SignInBackoffPolicy,
    private readonly ledger: FailureLedger = new MemoryLedger(),
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds to wait before a sign-in as `username` from `ip` is tried; 0 = now. */
  async waitMs(username: string, ip: string): Promise<number> {
    const t = this.now();
    const keys = this.keys(username, ip);
    return this.wait(keys, await this.ledger.read([keys.pair, keys.user], t), t);
  }

  /**
   * A sign-in attempt: the wait before it may be tried (> 0: refused, not counted), or
   * 0, and then it is counted as a failure at once, before the password is checked
   * (forgiven by `succeed`), so parallel guesses on any replica cannot all slip in.
   */
  async attempt(username: string, ip: string): Promise<number> {
    const t = this.now();
    const keys = this.keys(username, ip);
    return this.ledger.attempt(
      [
        { key: keys.pair, forgetMs: forgetAfterMs(this.policy.maxMs) },
        { key: keys.user, forgetMs: forgetAfterMs(this.policy.userMaxMs) },
      ],
      (found) => this.wait(keys, found, t),
      t,
    );
  }

  private keys(username: string, ip: string) {
    return { pair: pairKey(username, ip), user: userKey(username) };
  }

  private wait(keys: { pair: string; user: string }, found: Map<string, SignInFailures>, t: number): number {
    const { freeFailures, maxMs, userFreeFailures, userMaxMs } = this.policy;
    const pair = found.get(keys.pair);
    const user = found.get(keys.user);
    const untilPair = pair ? pair.lastFailureAt + backoffDelayMs(pair.failures, freeFailures, maxMs) : 0;
    const untilUser = user
      ? user.lastFailureAt + backoffDelayMs(user.failures, userFreeFailures, userMaxMs)
      : 0;
    return Math.max(0, untilPair - t, untilUser - t);
  }

  /** The right password: this user's backoff starts over. */
  async succeed(username: string, ip: string): Promise<void> {
    await this.ledger.clear([pairKey(username, ip), userKey(username)]);
  }
}

// Digested: the ledger never holds a username (or a password typed as one) or an address.
const userKey = (username: string) => limitKey('sign-in-user', username.slice(0, 64).toLowerCase());
const pairKey = (username: string, ip: string) =>
  limitKey('sign-in-pair', username.slice(0, 64).toLowerCase(), ip);
