// Backoff after failed password sign-ins, per (username, client IP) and, more gently,
// per username from anywhere. Unlike a lockout, it never shuts the right password out:
// from a fresh IP the user waits at most `userMaxMs` after the last failure on their
// name, however many addresses an attacker uses. In memory, per API process (like the
// rate limits). The clock is injectable so tests need no sleeps.

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
/** Entries kept at most (the oldest go first): a flood of names cannot exhaust memory. */
const MAX_ENTRIES = 50_000;

interface Entry {
  failures: number;
  lastFailureAt: number;
}

export function backoffDelayMs(failures: number, free: number, maxMs: number): number {
  if (failures < free) return 0;
  return Math.min(maxMs, BACKOFF_BASE_MS * 2 ** Math.min(failures - free, 40));
}

export class SignInBackoff {
  private readonly pairs = new Map<string, Entry>();
  private readonly users = new Map<string, Entry>();

  constructor(
    private readonly policy: SignInBackoffPolicy,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds to wait before a sign-in as `username` from `ip` is tried; 0 = now. */
  waitMs(username: string, ip: string): number {
    const t = this.now();
    const { freeFailures, maxMs, userFreeFailures, userMaxMs } = this.policy;
    const pair = this.pairs.get(pairKey(username, ip));
    const user = this.users.get(userKey(username));
    const untilPair = pair ? pair.lastFailureAt + backoffDelayMs(pair.failures, freeFailures, maxMs) : 0;
    const untilUser = user
      ? user.lastFailureAt + backoffDelayMs(user.failures, userFreeFailures, userMaxMs)
      : 0;
    return Math.max(0, untilPair - t, untilUser - t);
  }

  fail(username: string, ip: string): void {
    const t = this.now();
    bump(this.pairs, pairKey(username, ip), t, this.policy.maxMs);
    bump(this.users, userKey(username), t, this.policy.userMaxMs);
  }

  /** The right password: this user's backoff starts over. */
  succeed(username: string, ip: string): void {
    this.pairs.delete(pairKey(username, ip));
    this.users.delete(userKey(username));
  }
}

const userKey = (username: string) => username.slice(0, 64).toLowerCase();
const pairKey = (username: string, ip: string) => `${userKey(username)}\n${ip}`;

function bump(map: Map<string, Entry>, key: string, t: number, maxMs: number): void {
  const e = map.get(key);
  // Forgotten after twice the longest delay without a failure.
  const failures = e && t - e.lastFailureAt < 2 * maxMs + 60_000 ? e.failures + 1 : 1;
  map.delete(key); // re-inserted last: the Map's order is then oldest first
  map.set(key, { failures, lastFailureAt: t });
  if (map.size > MAX_ENTRIES) map.delete(map.keys().next().value as string);
}
