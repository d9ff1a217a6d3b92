import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resetDatabase, testStore } from '../../../test/support/neo4j';
import {
  UserExistsError,
  UserInputError,
  UserNotFoundError,
  authenticateUser,
  createUser,
  deleteUser,
  getUser,
  hashPassword,
  listAuditEvents,
  listUsers,
  loadRevocations,
  revokeTokenId,
  revokeUserTokens,
  setUserPassword,
  setUserRole,
  upsertEntity,
  verifyPassword,
} from '../src';

const store = testStore();

beforeAll(async () => {
  await resetDatabase(store);
});
afterAll(async () => {
  await store.close();
});

const PASSWORD = 'a sturdy passphrase';

async function auditCount(): Promise<number> {
  return (await listAuditEvents(store, 1000)).length;
}

describe('password hashing', () => {
  it('uses scrypt with a per-hash salt and verifies only the right password', async () => {
    const a = await hashPassword(PASSWORD);
    const b = await hashPassword(PASSWORD);
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(a).not.toBe(b); // different salts
    expect(await verifyPassword(PASSWORD, a)).toBe(true);
    expect(await verifyPassword(`${PASSWORD} `, a)).toBe(false);
    expect(await verifyPassword('', a)).toBe(false);
    expect(await verifyPassword(PASSWORD, 'plain-text')).toBe(false);
    expect(await verifyPassword(PASSWORD, a.replace(/\$[\w-]+$/, '$AAAA'))).toBe(false);
    // Unicode normalisation: the same password typed either way.
    const nfc = await hashPassword('caf\u00e9 au lait!');
    expect(await verifyPassword('cafe\u0301 au lait!', nfc)).toBe(true);
  });
});

describe('users', () => {
  it('creates, lists, authenticates, re-roles, re-passwords and deletes, auditing each change', async () => {
    const before = await auditCount();
    const u = await createUser(store, { username: 'grace', role: 'analyst', password: PASSWORD }, 'root');
    expect(u).toMatchObject({ username: 'grace', role: 'ANALYST' });
    expect(u.createdAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(await getUser(store, 'grace')).toEqual(u);
    expect(await listUsers(store)).toContainEqual(u);
    expect(JSON.stringify(await listUsers(store))).not.toContain('scrypt');

    expect(await authenticateUser(store, 'grace', PASSWORD)).toEqual(u);
    expect(await authenticateUser(store, 'grace', 'wrong password')).toBeNull();
    expect(await authenticateUser(store, 'nobody', PASSWORD)).toBeNull();
    expect(await authenticateUser(store, "x') RETURN 1 //", PASSWORD)).toBeNull();

    expect((await setUserRole(store, 'grace', 'ADMIN', 'root')).role).toBe('ADMIN');
    await setUserPassword(store, 'grace', 'another passphrase', 'root');
    expect(await authenticateUser(store, 'grace', PASSWORD)).toBeNull();
    expect(await authenticateUser(store, 'grace', 'another passphrase')).not.toBeNull();
    expect(await deleteUser(store, 'grace', 'root')).toBe(true);
    expect(await deleteUser(store, 'grace', 'root')).toBe(false);
    expect(await getUser(store, 'grace')).toBeNull();

    const events = (await listAuditEvents(store, 1000)).slice(0, (await auditCount()) - before);
    expect(events.map((e) => e.action)).toEqual([
      'user-delete',
      'user-set-password',
      'user-set-role',
      'user-create',
    ]);
    for (const e of events) {
      expect(e).toMatchObject({ actor: 'root', target: 'grace' });
      expect(e.at).toMatch(/^\d{4}-\d\d-\d\dT/);
    }
    expect(JSON.parse(events[2]!.details!)).toEqual({
      before: { role: 'ANALYST' },
      after: { role: 'ADMIN' },
    });
    expect(JSON.parse(events[0]!.details!)).toEqual({ before: { role: 'ADMIN' } });
    expect(JSON.stringify(events)).not.toContain('passphrase');
  });

  it('refuses bad input and duplicates without writing anything', async () => {
    await createUser(store, { username: 'heidi', role: 'VIEWER', password: PASSWORD }, 'root');
    const before = await auditCount();
    await expect(
      createUser(store, { username: 'heidi', role: 'VIEWER', password: PASSWORD }, 'root'),
    ).rejects.toThrow(UserExistsError);
    await expect(
      createUser(store, { username: 'ivan', role: 'VIEWER', password: 'short' }, 'root'),
    ).rejects.toThrow(UserInputError);
    await expect(
      createUser(store, { username: 'ivan', role: 'OWNER', password: PASSWORD }, 'root'),
    ).rejects.toThrow(/role must be one of/);
    await expect(
      createUser(store, { username: 'a b', role: 'VIEWER', password: PASSWORD }, 'root'),
    ).rejects.toThrow(UserInputError);
    await expect(setUserRole(store, 'nobody', 'ADMIN', 'root')).rejects.toThrow(UserNotFoundError);
    await expect(setUserPassword(store, 'nobody', PASSWORD, 'root')).rejects.toThrow(UserNotFoundError);
    expect(await auditCount()).toBe(before);
    expect(await getUser(store, 'ivan')).toBeNull();
  });

  it('two concurrent creations of one name: exactly one wins', async () => {
    const results = await Promise.allSettled(
      [1, 2, 3].map(() =>
        createUser(store, { username: 'judy', role: 'VIEWER', password: PASSWORD }, 'root'),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(UserExistsError);
  });
});

describe('organization scopes (issue 19)', () => {
  it('keeps a scope naming organizations of the map; refuses an unknown one, writing nothing', async () => {
    for (const id of ['org-a', 'org-b'])
      await upsertEntity(
        store,
        { id, kind: 'ORGANIZATION', name: id, subsector: 'DIRECT_PATIENT_CARE' } as never,
        'root',
      );
    const u = await createUser(
      store,
      { username: 'olga', role: 'analyst', password: PASSWORD, organizations: [' org-a', 'org-b', 'org-a'] },
      'root',
    );
    expect(u).toMatchObject({ username: 'olga', role: 'ANALYST', organizations: ['org-a', 'org-b'] });
    expect(await getUser(store, 'olga')).toEqual(u);
    expect(await authenticateUser(store, 'olga', PASSWORD)).toEqual(u);
    expect((await listUsers(store)).find((x) => x.username === 'olga')).toEqual(u);
    const [created] = await listAuditEvents(store, 1);
    expect(JSON.parse(created!.details!)).toEqual({
      after: { role: 'ANALYST', organizations: ['org-a', 'org-b'] },
    });

    const before = await auditCount();
    await expect(
      createUser(
        store,
        { username: 'oscar', role: 'VIEWER', password: PASSWORD, organizations: ['org-a', 'org-x', 'org-y'] },
        'root',
      ),
    ).rejects.toThrow("no organization has the id 'org-x', 'org-y'");
    await expect(
      createUser(
        store,
        { username: 'oscar', role: 'ADMIN', password: PASSWORD, organizations: ['org-a'] },
        'root',
      ),
    ).rejects.toThrow(/an ADMIN sees the whole map/);
    // A scoped user cannot be made ADMIN (the role change is rolled back).
    await expect(setUserRole(store, 'olga', 'ADMIN', 'root')).rejects.toThrow(UserInputError);
    expect((await getUser(store, 'olga'))!.role).toBe('ANALYST');
    expect(await getUser(store, 'oscar')).toBeNull();
    expect(await auditCount()).toBe(before);
    // An unscoped user reads back an empty scope.
    expect(
      (await createUser(store, { username: 'otto', role: 'VIEWER', password: PASSWORD }, 'root'))
        .organizations,
    ).toEqual([]);
  });
});

describe('revocations', () => {
  it('remembers revoked jtis until they expire, and per-user validAfter instants', async () => {
    const now = Date.now();
    await revokeTokenId(store, 'live-jti', 'root', now + 3_600_000);
    await revokeTokenId(store, 'dead-jti', 'root', now - 1_000);
    const validAfter = await revokeUserTokens(store, 'mallory', 'root');
    expect(validAfter).toBeGreaterThanOrEqual(now);
    const r = await loadRevocations(store);
    expect(r.jtis).toContain('live-jti');
    expect(r.jtis).not.toContain('dead-jti');
    expect(r.users).toContainEqual({ username: 'mallory', validAfter });
    // Revoking again prunes revocations of tokens that have expired anyway.
    await revokeTokenId(store, 'another-jti', 'root');
    const [n] = await store.read(async (tx) =>
      (await tx.run("MATCH (r:RevokedToken {jti: 'dead-jti'}) RETURN count(r) AS n")).records.map((x) =>
        x.get('n'),
      ),
    );
    expect(n).toBe(0);
    await expect(revokeTokenId(store, "x') DETACH DELETE n //", 'root')).rejects.toThrow(UserInputError);
  });

  it('deleting a user voids their tokens; a later user of the same name starts clean', async () => {
    await createUser(store, { username: 'kim', role: 'ADMIN', password: PASSWORD }, 'root');
    const t0 = Date.now();
    await deleteUser(store, 'kim', 'root');
    const r = await loadRevocations(store);
    expect(r.users.find((u) => u.username === 'kim')!.validAfter).toBeGreaterThanOrEqual(t0);
  });
});

describe('audit trail', () => {
  it('lists newest first, at most `first`', async () => {
    // Its own events, written one after another, not whatever earlier tests left behind.
    await resetDatabase(store);
    for (const n of [1, 2, 3, 4, 5, 6]) await revokeUserTokens(store, `audited-${n}`, 'root');
    const all = await listAuditEvents(store, 1000);
    // (Events within one millisecond may come in either order; the order check is below.)
    expect(all.map((e) => e.target).sort()).toEqual([1, 2, 3, 4, 5, 6].map((n) => `audited-${n}`));
    expect(all.length).toBeGreaterThan(5);
    // By instant, not by text: an ISO time may drop trailing zeros ("21.7Z" is after "21.69Z").
    const sorted = [...all].sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
    expect(all.map((e) => e.at)).toEqual(sorted.map((e) => e.at));
    expect(await listAuditEvents(store, 3)).toEqual(all.slice(0, 3));
    expect(await listAuditEvents(store, 0)).toEqual([]);
  });
});
