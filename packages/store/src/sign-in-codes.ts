// One-time sign-in codes: what `npm start` prints and what an administrator hands out
// as a sign-in link. A code is not a bearer token: it is redeemed once, within a short
// time, for a fresh session. Only its SHA-256 is stored (the code has 256 random bits,
// so a plain hash suffices), in Neo4j, so every API replica can redeem it. Issuing,
// redeeming, a refused reuse and revoking are audited.
import { createHash, randomBytes } from 'node:crypto';
import { ROLES, type Role } from '@smart/domain';
import neo4j, { type ManagedTransaction } from 'neo4j-driver';
import { cypher } from './cypher';
import type { Store } from './store';
import { UserInputError, checkUsername } from './users';

/** A sign-in code is valid this long unless told otherwise (SMART_SIGN_IN_CODE_TTL_SECONDS). */
export const DEFAULT_SIGN_IN_CODE_TTL_SECONDS = 600;
/** The longest a sign-in code may live: it is a link, not a credential to keep. */
export const MAX_SIGN_IN_CODE_TTL_SECONDS = 24 * 3600;

export interface IssuedSignInCode {
  /** The code itself: shown once, never stored. */
  code: string;
  /** Its public id, for revoking it and in the audit trail. */
  id: string;
  username: string;
  role: Role;
  expiresAtMs: number;
}

export type RedeemedSignInCode =
  | { ok: true; id: string; username: string; role: Role }
  | { ok: false; reason: 'unknown' | 'used' | 'expired' | 'revoked' };

const META = { app: 'smart-graph', area: 'users' };
const CODE = /^[A-Za-z0-9_-]{20,128}$/;

export function signInCodeHash(code: string): string {
  return createHash('sha256').update(code).digest('hex');
}

async function audit(
  tx: ManagedTransaction,
  e: { actor: string; action: string; target: string | null; details?: unknown },
): Promise<void> {
  await tx.run(cypher('queries/import/audit'), {
    actor: e.actor,
    action: e.action,
    target: e.target,
    details: e.details === undefined ? null : JSON.stringify(e.details),
  });
}

export function signInCodeTtlFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.SMART_SIGN_IN_CODE_TTL_SECONDS;
  if (raw === undefined || raw === '') return DEFAULT_SIGN_IN_CODE_TTL_SECONDS;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0 || n > MAX_SIGN_IN_CODE_TTL_SECONDS)
    throw new Error(
      `SMART_SIGN_IN_CODE_TTL_SECONDS must be a whole number of seconds from 1 to ${MAX_SIGN_IN_CODE_TTL_SECONDS}, not '${raw}'`,
    );
  return n;
}

/** Issues a one-time sign-in code for `username` with `role`; `now` (ms) is for tests. */
export async function issueSignInCode(
  store: Store,
  p: { username: string; role: Role; ttlSeconds?: number; now?: number },
  actor: string,
): Promise<IssuedSignInCode> {
  const username = checkUsername(p.username);
  if (!ROLES.includes(p.role)) throw new UserInputError(`role must be one of ${ROLES.join(', ')}`);
  const ttl = p.ttlSeconds ?? DEFAULT_SIGN_IN_CODE_TTL_SECONDS;
  if (!Number.isFinite(ttl) || ttl <= 0 || ttl > MAX_SIGN_IN_CODE_TTL_SECONDS)
    throw new UserInputError(
      `a sign-in code lives between 1 second and ${MAX_SIGN_IN_CODE_TTL_SECONDS / 3600} hours`,
    );
  const now = p.now ?? Date.now();
  const code = randomBytes(32).toString('base64url');
  const id = randomBytes(9).toString('base64url');
  const expiresAtMs = now + Math.round(ttl * 1000);
  await store.write(
    async (tx) => {
      await tx.run(cypher('queries/users/sign-in-code-create'), {
        id,
        codeHash: signInCodeHash(code),
        username,
        role: p.role,
        now: neo4j.int(now),
        expiresAt: neo4j.int(expiresAtMs),
      });
      await audit(tx, {
        actor,
        action: 'sign-in-code-issue',
        target: username,
        details: { id, role: p.role, expiresAt: new Date(expiresAtMs).toISOString() },
      });
    },
    { metadata: { ...META, action: 'sign-in-code-issue' } },
  );
  return { code, id, username, role: p.role, expiresAtMs };
}

/**
 * Redeems a code at most once (atomically, across replicas). An unknown code is not
 * audited (anyone can send one); a known one is, used or refused.
 */
export async function redeemSignInCode(
  store: Store,
  code: string,
  opts: { ip?: string; now?: number } = {},
): Promise<RedeemedSignInCode> {
  if (!CODE.test(code)) return { ok: false, reason: 'unknown' };
  const now = opts.now ?? Date.now();
  return store.write(
    async (tx) => {
      const r = await tx.run(cypher('queries/users/sign-in-code-redeem'), {
        codeHash: signInCodeHash(code),
        now: neo4j.int(now),
      });
      const row = r.records[0];
      if (!row) return { ok: false, reason: 'unknown' } as const;
      const outcome = row.get('outcome') as 'ok' | 'used' | 'expired' | 'revoked';
      const id = row.get('id') as string;
      const username = row.get('username') as string;
      await audit(tx, {
        actor: outcome === 'ok' ? username : 'anonymous',
        action: outcome === 'ok' ? 'sign-in-code-use' : 'sign-in-code-refused',
        target: username,
        details: { id, ...(outcome === 'ok' ? {} : { reason: outcome }), ip: opts.ip ?? null },
      });
      if (outcome !== 'ok') return { ok: false, reason: outcome } as const;
      return { ok: true, id, username, role: row.get('role') as Role } as const;
    },
    { metadata: { ...META, action: 'sign-in-code-redeem' } },
  );
}

/** Revokes a sign-in code by id; false when there is no such code. */
export async function revokeSignInCode(store: Store, id: string, actor: string): Promise<boolean> {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) throw new UserInputError('a sign-in code id is base64url text');
  return store.write(
    async (tx) => {
      const r = await tx.run(cypher('queries/users/sign-in-code-revoke'), { id, now: neo4j.int(Date.now()) });
      const row = r.records[0];
      if (!row) return false;
      await audit(tx, { actor, action: 'sign-in-code-revoke', target: row.get('username'), details: { id } });
      return true;
    },
    { metadata: { ...META, action: 'sign-in-code-revoke' } },
  );
}
