// Users, their password hashes, token revocations and the audit trail's reader.
// Passwords are hashed with scrypt (node:crypto) and a per-user random salt, and
// compared in constant time. Every change writes an AuditEvent in its transaction.
import { randomBytes, scrypt as scryptCallback, timingSafeEqual } from 'node:crypto';
import { ROLES, type Role } from '@smart/domain';
import neo4j, { type ManagedTransaction, Neo4jError } from 'neo4j-driver';
import { cypher } from './cypher';
import type { Store } from './store';

export interface User {
  username: string;
  role: Role;
  /** The user's scope (issue 19): the organizations they see in full; empty = unscoped. */
  organizations: string[];
  createdAt: string;
}

export interface AuditEventRow {
  id: string;
  at: string;
  actor: string;
  action: string;
  target: string | null;
  details: string | null;
}

export interface Revocations {
  /** Revoked token ids that have not expired yet. */
  jtis: string[];
  /** Per user: tokens issued before validAfter (ms since the epoch) are void. */
  users: { username: string; validAfter: number }[];
}

/** A bad username, password or role: the caller's mistake (BAD_USER_INPUT). */
export class UserInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserInputError';
  }
}

export class UserExistsError extends UserInputError {
  constructor(username: string) {
    super(`a user named '${username}' exists already`);
    this.name = 'UserExistsError';
  }
}

export class UserNotFoundError extends Error {
  constructor(username: string) {
    super(`there is no user named '${username}'`);
    this.name = 'UserNotFoundError';
  }
}

const USERNAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;
export const MIN_PASSWORD_LENGTH = 10;
const MAX_PASSWORD_LENGTH = 1024;

export function checkUsername(username: string): string {
  if (!USERNAME.test(username)) {
    throw new UserInputError(
      'a username is 1–64 letters, digits, dots, dashes, underscores or @, starting with a letter or digit',
    );
  }
  return username;
}

export function checkRole(role: string): Role {
  const r = role.toUpperCase();
  if (!ROLES.includes(r as Role)) throw new UserInputError(`role must be one of ${ROLES.join(', ')}`);
  return r as Role;
}

/** The most organizations one scope may name. */
export const MAX_SCOPE_ORGANIZATIONS = 100;

/**
 * A scope as given (ids, trimmed, without repeats), checked for form; that each names
 * an Organization is checked in the write transaction. ADMIN is never scoped (it
 * manages users and sees the whole map, DESIGN.md §6).
 */
export function checkScope(role: Role, organizations: readonly string[]): string[] {
  const ids = [...new Set(organizations.map((o) => o.trim()).filter((o) => o.length > 0))];
  if (ids.length > MAX_SCOPE_ORGANIZATIONS)
    throw new UserInputError(`a scope names at most ${MAX_SCOPE_ORGANIZATIONS} organizations`);
  for (const id of ids)
    if (id.length > 200) throw new UserInputError('an organization id has at most 200 characters');
  if (ids.length && role === 'ADMIN')
    throw new UserInputError('an ADMIN sees the whole map: give a scope to VIEWER or ANALYST users only');
  return ids;
}

async function refuseUnknownOrganizations(tx: ManagedTransaction, ids: readonly string[]): Promise<void> {
  if (!ids.length) return;
  const r = await tx.run(cypher('queries/users/unknown-organizations'), { ids });
  const missing = (r.records[0]?.get('missing') as string[] | undefined) ?? [];
  if (missing.length)
    throw new UserInputError(
      `no organization has the id ${missing.map((m) => `'${m}'`).join(', ')}: a scope names organizations of the map (organizations.csv, column id)`,
    );
}

function checkPassword(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH)
    throw new UserInputError(`a password has at least ${MIN_PASSWORD_LENGTH} characters`);
  if (password.length > MAX_PASSWORD_LENGTH)
    throw new UserInputError(`a password has at most ${MAX_PASSWORD_LENGTH} characters`);
}

// ---- password hashing ------------------------------------------------------------

// N = 2^15, r = 8: 32 MiB and some 50–100 ms per hash. The parameters are stored with
// each hash, so they can be raised later without invalidating existing passwords.
const SCRYPT_N = 2 ** 15;
const SCRYPT_R = 8;
const SCRYPT_P = 1;
const KEY_LENGTH = 32;

function scrypt(
  password: string,
  salt: Buffer,
  n: number,
  r: number,
  p: number,
  len: number,
): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCallback(password, salt, len, { N: n, r, p, maxmem: 256 * n * r + 1024 * 1024 }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

/** `scrypt$N$r$p$salt$hash` (salt and hash base64url). */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password.normalize('NFC'), salt, SCRYPT_N, SCRYPT_R, SCRYPT_P, KEY_LENGTH);
  return ['scrypt', SCRYPT_N, SCRYPT_R, SCRYPT_P, salt.toString('base64url'), key.toString('base64url')].join(
    '$',
  );
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [n, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (!(n >= 2 && n <= 2 ** 20 && r >= 1 && r <= 32 && p >= 1 && p <= 16)) return false;
  const salt = Buffer.from(parts[4]!, 'base64url');
  const expected = Buffer.from(parts[5]!, 'base64url');
  if (expected.length < 16 || password.length > MAX_PASSWORD_LENGTH) return false;
  const actual = await scrypt(password.normalize('NFC'), salt, n, r, p, expected.length);
  return timingSafeEqual(actual, expected);
}

let dummyHash: Promise<string> | undefined;

/**
 * The user when the password is right, else null. An unknown user costs the same
 * scrypt as a known one, so timing does not tell which usernames exist.
 */
export async function authenticateUser(
  store: Store,
  username: string,
  password: string,
): Promise<User | null> {
  const [row] = USERNAME.test(username)
    ? await store.readRows<User & { passwordHash: string }>('queries/users/get', { username })
    : [];
  if (!row) {
    dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
    await verifyPassword(password, await dummyHash);
    return null;
  }
  if (!(await verifyPassword(password, row.passwordHash))) return null;
  return {
    username: row.username,
    role: row.role,
    organizations: row.organizations,
    createdAt: row.createdAt,
  };
}

// ---- users -----------------------------------------------------------------------

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

const META = { app: 'smart-graph', area: 'users' };

export async function listUsers(store: Store): Promise<User[]> {
  return store.readRows<User & Record<string, unknown>>('queries/users/list');
}

export async function getUser(store: Store, username: string): Promise<User | null> {
  if (!USERNAME.test(username)) return null;
  const [row] = await store.readRows<User & { passwordHash: string }>('queries/users/get', { username });
  return row
    ? { username: row.username, role: row.role, organizations: row.organizations, createdAt: row.createdAt }
    : null;
}

export async function createUser(
  store: Store,
  input: { username: string; role: string; password: string; organizations?: readonly string[] },
  actor: string,
): Promise<User> {
  const username = checkUsername(input.username);
  const role = checkRole(input.role);
  const organizations = checkScope(role, input.organizations ?? []);
  checkPassword(input.password);
  const passwordHash = await hashPassword(input.password);
  try {
    return await store.write(
      async (tx) => {
        const existing = await tx.run(cypher('queries/users/get'), { username });
        if (existing.records.length) throw new UserExistsError(username);
        await refuseUnknownOrganizations(tx, organizations);
        // (Tokens of an earlier user of the same name stay void: deleteUser revoked them.)
        const r = await tx.run(cypher('queries/users/create'), {
          username,
          role,
          passwordHash,
          organizations,
        });
        await audit(tx, {
          actor,
          action: 'user-create',
          target: username,
          details: { after: organizations.length ? { role, organizations } : { role } },
        });
        return r.records[0]!.toObject() as User;
      },
      { metadata: { ...META, action: 'user-create' } },
    );
  } catch (err) {
    if (err instanceof Neo4jError && err.code === 'Neo.ClientError.Schema.ConstraintValidationFailed')
      throw new UserExistsError(username);
    throw err;
  }
}

/** Deletes a user and voids every token issued to them. False when there was no such user. */
export async function deleteUser(store: Store, username: string, actor: string): Promise<boolean> {
  if (!USERNAME.test(username)) return false;
  return store.write(
    async (tx) => {
      const r = await tx.run(cypher('queries/users/delete'), { username });
      const row = r.records[0];
      if (!row) return false;
      await tx.run(cypher('queries/users/revoke-user-tokens'), {
        username,
        validAfter: neo4j.int(Date.now()),
      });
      await audit(tx, {
        actor,
        action: 'user-delete',
        target: username,
        details: { before: { role: row.get('role') } },
      });
      return true;
    },
    { metadata: { ...META, action: 'user-delete' } },
  );
}

/** Changes a user's role; their earlier tokens (which carry the old role) stop working. */
export async function setUserRole(
  store: Store,
  username: string,
  role: string,
  actor: string,
): Promise<User> {
  const next = checkRole(role);
  if (!USERNAME.test(username)) throw new UserNotFoundError(username);
  return store.write(
    async (tx) => {
      const r = await tx.run(cypher('queries/users/set-role'), { username, role: next });
      const row = r.records[0];
      if (!row) throw new UserNotFoundError(username);
      // Rolled back with the transaction: a scoped user cannot become ADMIN.
      checkScope(next, row.get('organizations') as string[]);
      await tx.run(cypher('queries/users/revoke-user-tokens'), {
        username,
        validAfter: neo4j.int(Date.now()),
      });
      await audit(tx, {
        actor,
        action: 'user-set-role',
        target: username,
        details: { before: { role: row.get('before') }, after: { role: next } },
      });
      return {
        username: row.get('username'),
        role: row.get('role'),
        organizations: row.get('organizations'),
        createdAt: row.get('createdAt'),
      };
    },
    { metadata: { ...META, action: 'user-set-role' } },
  );
}

/** Sets a new password; the user's earlier sessions and tokens stop working. */
export async function setUserPassword(
  store: Store,
  username: string,
  password: string,
  actor: string,
): Promise<void> {
  checkPassword(password);
  if (!USERNAME.test(username)) throw new UserNotFoundError(username);
  const passwordHash = await hashPassword(password);
  await store.write(
    async (tx) => {
      const r = await tx.run(cypher('queries/users/set-password'), { username, passwordHash });
      if (!r.records.length) throw new UserNotFoundError(username);
      await tx.run(cypher('queries/users/revoke-user-tokens'), {
        username,
        validAfter: neo4j.int(Date.now()),
      });
      await audit(tx, { actor, action: 'user-set-password', target: username });
    },
    { metadata: { ...META, action: 'user-set-password' } },
  );
}

// ---- tokens ----------------------------------------------------------------------

/** Voids every token issued to `username` until now (a user or any token subject). */
export async function revokeUserTokens(store: Store, username: string, actor: string): Promise<number> {
  const validAfter = Date.now();
  await store.write(
    async (tx) => {
      await tx.run(cypher('queries/users/revoke-user-tokens'), {
        username,
        validAfter: neo4j.int(validAfter),
      });
      await audit(tx, { actor, action: 'token-revoke-user', target: username, details: { validAfter } });
    },
    { metadata: { ...META, action: 'token-revoke-user' } },
  );
  return validAfter;
}

/** Revokes one token by its jti; remembered until `expiresAtMs` (the longest a token lives by default). */
export async function revokeTokenId(
  store: Store,
  jti: string,
  actor: string,
  expiresAtMs: number = Date.now() + 366 * 24 * 3600 * 1000,
): Promise<void> {
  if (!/^[A-Za-z0-9_-]{1,128}$/.test(jti)) throw new UserInputError('a token id (jti) is base64url text');
  await store.write(
    async (tx) => {
      await tx.run(cypher('queries/users/revoke-token'), {
        jti,
        expiresAt: neo4j.int(expiresAtMs),
        now: neo4j.int(Date.now()),
      });
      await audit(tx, { actor, action: 'token-revoke', target: jti });
    },
    { metadata: { ...META, action: 'token-revoke' } },
  );
}

/** Records that a token was issued (its id, subject, role and expiry; never the token). */
export async function recordTokenIssued(
  store: Store,
  t: { jti: string; username: string; role: string; expiresAtMs: number },
  actor: string,
): Promise<void> {
  await store.write(
    (tx) =>
      audit(tx, {
        actor,
        action: 'token-issue',
        target: t.username,
        details: { jti: t.jti, role: t.role, expiresAt: new Date(t.expiresAtMs).toISOString() },
      }),
    { metadata: { ...META, action: 'token-issue' } },
  );
}

export async function loadRevocations(store: Store): Promise<Revocations> {
  const [row] = await store.readRows<{ jtis: string[]; users: Revocations['users'] }>(
    'queries/users/revocations',
    { now: neo4j.int(Date.now()) },
  );
  return {
    jtis: row?.jtis ?? [],
    users: (row?.users ?? []).map((u) => ({ ...u, validAfter: Number(u.validAfter) })),
  };
}

// ---- audit trail -----------------------------------------------------------------

export async function listAuditEvents(store: Store, first: number): Promise<AuditEventRow[]> {
  const n = Math.max(0, Math.min(1000, Math.floor(first)));
  return store.readRows<AuditEventRow & Record<string, unknown>>('queries/users/audit-events', {
    first: neo4j.int(n),
  });
}

export interface AuditPage {
  events: AuditEventRow[];
  /** The cursor of the last event on this page (pass it as `after`), or null when empty. */
  endCursor: string | null;
  hasNextPage: boolean;
}

/** The largest page of the audit trail. */
export const MAX_AUDIT_PAGE = 500;

/** The cursor of an audit event: opaque to clients (base64url of its `at` and `id`). */
export function auditCursor(e: AuditEventRow): string {
  return Buffer.from(JSON.stringify([e.at, e.id])).toString('base64url');
}

function readAuditCursor(cursor: string): { at: string; id: string } {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (
      Array.isArray(v) &&
      v.length === 2 &&
      typeof v[0] === 'string' &&
      typeof v[1] === 'string' &&
      !Number.isNaN(Date.parse(v[0]))
    )
      return { at: v[0], id: v[1] };
  } catch {
    // falls through to the error below
  }
  throw new UserInputError('after is not a cursor this server returned (use pageInfo.endCursor)');
}

/**
 * One page of the audit trail, newest first: `first` events after the cursor `after`
 * (null: from the newest). Paging is by (at, id), so events written meanwhile never
 * shift or repeat the pages that follow.
 */
export async function listAuditPage(
  store: Store,
  first: number,
  after: string | null = null,
): Promise<AuditPage> {
  if (!Number.isInteger(first) || first < 1 || first > MAX_AUDIT_PAGE)
    throw new UserInputError(`first is between 1 and ${MAX_AUDIT_PAGE}`);
  const cursor = after ? readAuditCursor(after) : null;
  const rows = await store.readRows<AuditEventRow & Record<string, unknown>>('queries/users/audit-page', {
    afterAt: cursor?.at ?? null,
    afterId: cursor?.id ?? null,
    limit: neo4j.int(first + 1),
  });
  const events = rows.slice(0, first);
  const last = events[events.length - 1];
  return { events, endCursor: last ? auditCursor(last) : null, hasNextPage: rows.length > first };
}

// ---- read audit (issue 19) -------------------------------------------------------

/** Sector-wide sensitive reads that are audited: who read what, and when. */
export type ReadAction = 'read-affected' | 'read-export' | 'read-paths';

/** Records one sensitive read (its own transaction: reads change nothing else). */
export async function recordRead(
  store: Store,
  e: { actor: string; action: ReadAction; target: string | null; details?: unknown },
): Promise<void> {
  await store.write((tx) => audit(tx, e), { metadata: { ...META, action: e.action } });
}

/** The newest `first` (0–1000) audited reads. */
export async function listReadAudit(store: Store, first: number): Promise<AuditEventRow[]> {
  const n = Math.max(0, Math.min(1000, Math.floor(first)));
  return store.readRows<AuditEventRow & Record<string, unknown>>('queries/users/read-audit', {
    first: neo4j.int(n),
  });
}
