// Bearer tokens: signed JWTs (HS256, jose) carrying the subject and role. The signing
// secret comes from SMART_SECRET, else a git-ignored file created on first use.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROLES, type Role } from '@smart/domain';
import { SignJWT, jwtVerify } from 'jose';

const SECRET_FILE = resolve(fileURLToPath(new URL('../../../../.smart/secret', import.meta.url)));
const ISSUER = 'smart-graph';

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
  tokenId?: string;
}

export async function issueToken(p: { username: string; role: Role; ttlSeconds?: number }): Promise<string> {
  const jti = randomBytes(12).toString('base64url');
  return new SignJWT({ role: p.role })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(p.username)
    .setIssuer(ISSUER)
    .setIssuedAt()
    .setJti(jti)
    .setExpirationTime(`${p.ttlSeconds ?? 30 * 24 * 3600}s`)
    .sign(signingSecret());
}

/** The principal of a valid token, or null for a forged, expired or malformed one. */
export async function verifyToken(token: string): Promise<Principal | null> {
  try {
    const { payload } = await jwtVerify(token, signingSecret(), { issuer: ISSUER, algorithms: ['HS256'] });
    const role = payload.role;
    if (typeof payload.sub !== 'string' || !ROLES.includes(role as Role)) return null;
    return { username: payload.sub, role: role as Role, tokenId: payload.jti };
  } catch {
    return null;
  }
}
