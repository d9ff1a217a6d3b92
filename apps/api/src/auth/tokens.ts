// Bearer tokens: signed JWTs (HS256, jose) carrying the subject, the role and a jti
// (so one token can be revoked). The signing secret comes from SMART_SECRET, else a
// git-ignored file created on first use. Revocation is checked per request by
// ./revocation; this module only proves that a token is genuine and unexpired.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROLES, type Role } from '@smart/domain';
import { SignJWT, jwtVerify } from 'jose';

const SECRET_FILE = resolve(fileURLToPath(new URL('../../../../.smart/secret', import.meta.url)));
const ISSUER = 'smart-graph';

/** The longest a token may live: a revoked jti is remembered this long. */
export const MAX_TOKEN_TTL_SECONDS = 366 * 24 * 3600;
export const DEFAULT_TOKEN_TTL_SECONDS = 30 * 24 * 3600;

let cached: Uint8Array | undefined;

export function signingSecret(): Uint8Array {
  if (cached) return cached;
  const fromEnv = process.env.SMART_SECRET;
  if (fromEnv) {
    if (fromEnv.length < 32) throw new Error('SMART_SECRET must be at least 32 characters');
    cached = new TextEncoder().encode(fromEnv);
    return cached;
  }
  if (!existsSync(SECRET_FILE)) {
    mkdirSync(dirname(SECRET_FILE), { recursive: true, mode: 0o700 });
    writeFileSync(SECRET_FILE, randomBytes(48).toString('base64url'), { mode: 0o600 });
    chmodSync(SECRET_FILE, 0o600);
  }
  cached = new TextEncoder().encode(readFileSync(SECRET_FILE, 'utf8').trim());
  return cached;
}

export interface Principal {
  username: string;
  role: Role;
  /** The token's jti (absent for the SMART_AUTH=off local user). */
  tokenId?: string;
  /** When the token was issued, in ms since the epoch. */
  issuedAtMs?: number;
  /** When the token expires, in ms since the epoch. */
  expiresAtMs?: number;
  /**
   * The organizations this principal sees in full (issue 19, DESIGN.md §6 "Need to
   * know"); absent or empty: unscoped (the whole map, as before).
   */
  organizations?: readonly string[];
}

export interface IssuedToken {
  token: string;
  jti: string;
  username: string;
  role: Role;
  issuedAtMs: number;
  expiresAtMs: number;
  organizations: string[];
}

/** Signs a token; the jti is random, `ims` records the issue time in ms (JWT `iat` is whole seconds). */
export async function issueTokenWithInfo(p: {
  username: string;
  role: Role;
  ttlSeconds?: number;
  /** The scope the token carries (`orgs` claim); omitted or empty: unscoped. */
  organizations?: readonly string[];
}): Promise<IssuedToken> {
  const ttl = p.ttlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS;
  if (!Number.isFinite(ttl) || ttl <= 0 || ttl > MAX_TOKEN_TTL_SECONDS) {
    throw new RangeError(`a token lives between 1 second and ${MAX_TOKEN_TTL_SECONDS / 86400} days`);
  }
  if (!ROLES.includes(p.role)) throw new RangeError(`role must be one of ${ROLES.join(', ')}`);
  // Hex, not base64url: an id beginning with '-' would read as an option in `smart token revoke <jti>`.
  const jti = randomBytes(12).toString('hex');
  const issuedAtMs = Date.now();
  const expiresAtSeconds = Math.floor(issuedAtMs / 1000) + Math.ceil(ttl);
  const organizations = [...(p.organizations ?? [])];
  // The scope is signed into the token: a change of scope revokes the user's tokens.
  const claims = organizations.length
    ? { role: p.role, ims: issuedAtMs, orgs: organizations }
    : { role: p.role, ims: issuedAtMs };
  const token = await new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(p.username)
    .setIssuer(ISSUER)
    .setIssuedAt(Math.floor(issuedAtMs / 1000))
    .setJti(jti)
    .setExpirationTime(expiresAtSeconds)
    .sign(signingSecret());
  return {
    token,
    jti,
    username: p.username,
    role: p.role,
    issuedAtMs,
    expiresAtMs: expiresAtSeconds * 1000,
    organizations,
  };
}

export async function issueToken(p: {
  username: string;
  role: Role;
  ttlSeconds?: number;
  organizations?: readonly string[];
}): Promise<string> {
  return (await issueTokenWithInfo(p)).token;
}

/**
 * The principal of a genuine, unexpired token, or null for a forged, expired or
 * malformed one. Revocation is not checked here (see ./revocation).
 */
export async function verifyToken(token: string): Promise<Principal | null> {
  if (token.length > 4096) return null;
  try {
    const { payload } = await jwtVerify(token, signingSecret(), { issuer: ISSUER, algorithms: ['HS256'] });
    const role = payload.role;
    if (typeof payload.sub !== 'string' || !ROLES.includes(role as Role)) return null;
    if (typeof payload.jti !== 'string' || typeof payload.exp !== 'number') return null;
    const issuedAtMs =
      typeof payload.ims === 'number'
        ? payload.ims
        : typeof payload.iat === 'number'
          ? payload.iat * 1000
          : 0;
    const orgs = payload.orgs;
    if (orgs !== undefined && !(Array.isArray(orgs) && orgs.every((o) => typeof o === 'string'))) return null;
    return {
      username: payload.sub,
      role: role as Role,
      tokenId: payload.jti,
      issuedAtMs,
      expiresAtMs: payload.exp * 1000,
      ...(orgs?.length ? { organizations: orgs as string[] } : {}),
    };
  } catch {
    return null;
  }
}
