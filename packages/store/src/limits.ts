// Abuse-limit state shared by every API replica on one Neo4j (DESIGN §7): request
// counts per fixed window, and failed sign-ins for the backoff. Callers pass keys
// already digested (see limitKey): no username or address is stored.
import { createHash } from 'node:crypto';
import neo4j from 'neo4j-driver';
import { cypher } from './cypher';
import type { Store } from './store';

/** A stored key: the SHA-256 of the parts, so Neo4j holds no usernames or addresses. */
export function limitKey(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\n')).digest('base64url');
}

export interface RateHits {
  /** limitKey of the limiter, client and window. */
  id: string;
  /** Requests counted since the last sync (negative when requests were forgiven). */
  hits: number;
  /** When the window may be forgotten (ms since the epoch). */
  expiresAt: number;
}

/** Adds one replica's counts; returns each window's total over every replica. */
export async function addRateHits(
  store: Store,
  deltas: readonly RateHits[],
  now = Date.now(),
): Promise<Map<string, number>> {
  if (deltas.length === 0) return new Map();
  const rows = await store.write(async (tx) =>
    (
      await tx.run(cypher('queries/limits/add-hits'), {
        deltas: deltas.map((d) => ({
          id: d.id,
          hits: neo4j.int(d.hits),
          expiresAt: neo4j.int(d.expiresAt),
        })),
        now: neo4j.int(now),
      })
    ).records.map((r) => [r.get('id') as string, Number(r.get('hits'))] as const),
  );
  return new Map(rows);
}

export interface SignInFailures {
  failures: number;
  /** ms since the epoch; 0 when none. */
  lastFailureAt: number;
}

export async function readSignInFailures(
  store: Store,
  keys: readonly string[],
  now = Date.now(),
): Promise<Map<string, SignInFailures>> {
  const rows = await store.readRows<{ key: string; failures: number; lastFailureAt: number }>(
    'queries/limits/sign-in-failures',
    { keys, now: neo4j.int(now) },
  );
  return new Map(
    rows.map((r) => [r.key, { failures: Number(r.failures), lastFailureAt: Number(r.lastFailureAt) }]),
  );
}

/**
 * One sign-in attempt, atomically over every replica: reads the keys' failures with a
 * write lock, asks `decide` how long the attempt must wait, and when it need not (0)
 * records one more failure under each key (forgotten `forgetMs` after the last one)
 * in the same transaction. Returns the wait.
 */
export async function attemptSignIn(
  store: Store,
  entries: readonly { key: string; forgetMs: number }[],
  decide: (found: Map<string, SignInFailures>) => number,
  now = Date.now(),
): Promise<number> {
  return store.write(async (tx) => {
    const found = new Map(
      (
        await tx.run(cypher('queries/limits/sign-in-lock'), {
          keys: entries.map((e) => e.key),
          now: neo4j.int(now),
        })
      ).records.map((r) => [
        r.get('key') as string,
        { failures: Number(r.get('failures')), lastFailureAt: Number(r.get('lastFailureAt')) },
      ]),
    );
    const wait = decide(found);
    if (wait === 0)
      await tx.run(cypher('queries/limits/sign-in-fail'), {
        entries: entries.map((e) => ({ key: e.key, forgetMs: neo4j.int(Math.round(e.forgetMs)) })),
        now: neo4j.int(now),
      });
    return wait;
  });
}

export async function clearSignInFailures(store: Store, keys: readonly string[]): Promise<void> {
  await store.write(async (tx) => {
    await tx.run(cypher('queries/limits/sign-in-succeed'), { keys });
  });
}

/** One replica's running analyses of one user (a digest, see limitKey). */
export interface AnalysisSlotCount {
  user: string;
  running: number;
}

/**
 * Shares one replica's running analyses per user (a lease until `expiresAt`, renewed by
 * the next call) and returns what each of `users` runs on the other replicas, in one
 * write transaction (DESIGN §7 "Replicas").
 */
export async function syncAnalysisSlots(
  store: Store,
  replica: string,
  counts: readonly AnalysisSlotCount[],
  users: readonly string[],
  expiresAt: number,
  now = Date.now(),
): Promise<Map<string, number>> {
  return store.write(async (tx) => {
    await tx.run(cypher('queries/limits/analysis-slots-set'), {
      replica,
      rows: counts.map((c) => ({
        id: limitKey('analysis-slots', replica, c.user),
        user: c.user,
        running: neo4j.int(c.running),
      })),
      expiresAt: neo4j.int(expiresAt),
      now: neo4j.int(now),
    });
    const rows = await tx.run(cypher('queries/limits/analysis-slots-others'), {
      replica,
      users: [...users],
      now: neo4j.int(now),
    });
    return new Map(rows.records.map((r) => [r.get('user') as string, Number(r.get('running'))]));
  });
}
