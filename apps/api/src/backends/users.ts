// The user directory resolvers use (issue 15 item 2): accounts, tokens and sign-in codes,
// and the audit trail. `Neo4jUserDirectory` is the implementation over the store; a
// change that ends someone's sessions is also noted in this process's revocation list
// at once (other processes pick it up from Neo4j within about a second). Resolver unit
// tests use an in-memory fake (apps/api/test/support/backends.ts).
import type { Role } from '@smart/domain';
import {
  type AuditEventRow,
  type AuditPage,
  type IssuedSignInCode,
  MAX_SIGN_IN_CODE_TTL_SECONDS,
  type Store,
  type User,
  auditCursor,
  createUser,
  deleteUser,
  issueSignInCode,
  listAuditEvents,
  listAuditPage,
  listReadAudit,
  listUsers,
  type ReadAction,
  recordRead,
  recordTokenIssued,
  revokeSignInCode,
  revokeTokenId,
  revokeUserTokens,
  setUserPassword,
  setUserRole,
} from '@smart/store';
import { revocationsFor } from '../auth/revocation';

/** The longest a sign-in code may live. */
export { MAX_SIGN_IN_CODE_TTL_SECONDS };

export interface UserDirectory {
  list(): Promise<User[]>;
  /** Creates an account (audited as `actor`); refused when the name is taken or the password weak. */
  create(input: { username: string; password: string; role: string }, actor: string): Promise<User>;
  /** Deletes an account and ends its sessions; false when there was none. */
  delete(username: string, actor: string): Promise<boolean>;
  /** Changes a role and ends the user's sessions (their tokens carry the old role). */
  setRole(username: string, role: string, actor: string): Promise<User>;
  /** Changes a password and ends the user's sessions. */
  setPassword(username: string, password: string, actor: string): Promise<void>;
  /** Records a token issued (its jti, user, role and expiry) on the audit trail. */
  recordTokenIssued(
    t: { jti: string; username: string; role: string; expiresAtMs: number },
    actor: string,
  ): Promise<void>;
  /** Revokes one token by its jti, at once. */
  revokeToken(jti: string, actor: string): Promise<void>;
  /** Revokes every token the user holds now, at once. */
  revokeUserTokens(username: string, actor: string): Promise<void>;
  /** Issues a one-time sign-in code. */
  issueSignInCode(
    p: { username: string; role: Role; ttlSeconds: number },
    actor: string,
  ): Promise<IssuedSignInCode>;
  /** Revokes an unused sign-in code; false when there was none. */
  revokeSignInCode(id: string, actor: string): Promise<boolean>;
  /** The newest `first` audit events. */
  auditEvents(first: number): Promise<AuditEventRow[]>;
  /** One page of the audit trail, newest first, after the cursor `after`. */
  auditPage(first: number, after: string | null): Promise<AuditPage>;
  /** The cursor of one audit event (what `auditPage`'s `after` takes). */
  auditCursor(e: AuditEventRow): string;
  /** The newest `first` audited sector-wide reads (issue 19). */
  readAudit(first: number): Promise<AuditEventRow[]>;
  /** Records one sensitive read (who read what) on the audit trail, in its own transaction. */
  recordRead(e: {
    actor: string;
    action: ReadAction;
    target: string | null;
    details?: unknown;
  }): Promise<void>;
}

export class Neo4jUserDirectory implements UserDirectory {
  constructor(private readonly store: Store) {}

  private revoked(username: string, validAfterMs = Date.now()) {
    revocationsFor(this.store).noteRevokedUser(username, validAfterMs);
  }

  list() {
    return listUsers(this.store);
  }
  create(input: { username: string; password: string; role: string }, actor: string) {
    return createUser(this.store, input, actor);
  }
  async delete(username: string, actor: string) {
    const deleted = await deleteUser(this.store, username, actor);
    if (deleted) this.revoked(username);
    return deleted;
  }
  async setRole(username: string, role: string, actor: string) {
    const user = await setUserRole(this.store, username, role, actor);
    this.revoked(username);
    return user;
  }
  async setPassword(username: string, password: string, actor: string) {
    await setUserPassword(this.store, username, password, actor);
    this.revoked(username);
  }
  recordTokenIssued(t: { jti: string; username: string; role: string; expiresAtMs: number }, actor: string) {
    return recordTokenIssued(this.store, t, actor);
  }
  async revokeToken(jti: string, actor: string) {
    await revokeTokenId(this.store, jti, actor);
    revocationsFor(this.store).noteRevokedToken(jti);
  }
  async revokeUserTokens(username: string, actor: string) {
    this.revoked(username, await revokeUserTokens(this.store, username, actor));
  }
  issueSignInCode(p: { username: string; role: Role; ttlSeconds: number }, actor: string) {
    return issueSignInCode(this.store, p, actor);
  }
  revokeSignInCode(id: string, actor: string) {
    return revokeSignInCode(this.store, id, actor);
  }
  auditEvents(first: number) {
    return listAuditEvents(this.store, first);
  }
  auditPage(first: number, after: string | null) {
    return listAuditPage(this.store, first, after);
  }
  auditCursor(e: AuditEventRow) {
    return auditCursor(e);
  }
  readAudit(first: number) {
    return listReadAudit(this.store, first);
  }
  recordRead(e: { actor: string; action: ReadAction; target: string | null; details?: unknown }) {
    return recordRead(this.store, e);
  }
}
