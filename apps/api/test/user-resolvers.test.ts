// The user, token and audit resolvers over an in-memory UserDirectory (no Neo4j): ADMIN
// only, the signed-in admin recorded as the actor, lifetimes and names checked before the
// directory is asked, the directory's refusals mapped to their codes, and the audit trail
// paged by the directory's cursors. The Neo4j implementation is tested in security /
// trust / scope int tests.
import { describe, expect, it } from 'vitest';
import { MemoryUserDirectory, runOperation } from './support/backends';

const admin = { principal: { username: 'ada', role: 'ADMIN' as const } };

describe('user resolvers over an in-memory UserDirectory', () => {
  it('createUser and setUserRole: the admin is the actor; a taken name and an unknown user mapped to their codes', async () => {
    const users = new MemoryUserDirectory();
    const created = await runOperation(
      'mutation { createUser(username: "bob", password: "long enough pw", role: ANALYST) { username role } }',
      { userDirectory: users },
      admin,
    );
    expect(created.data?.createUser).toEqual({ username: 'bob', role: 'ANALYST' });
    const again = await runOperation(
      'mutation { createUser(username: "bob", password: "long enough pw", role: VIEWER) { username } }',
      { userDirectory: users },
      admin,
    );
    expect(again.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const missing = await runOperation(
      'mutation { setUserRole(username: "zed", role: VIEWER) { role } }',
      { userDirectory: users },
      admin,
    );
    expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(users.calls).toEqual([
      ['create', 'bob', 'ANALYST', 'ada'],
      ['create', 'bob', 'VIEWER', 'ada'],
      ['setRole', 'zed', 'VIEWER', 'ada'],
    ]);
  });

  it('an ANALYST is refused before the directory is asked', async () => {
    const users = new MemoryUserDirectory();
    const { errors } = await runOperation('{ users { username } }', { userDirectory: users });
    expect(errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(users.calls).toEqual([]);
  });

  it('issueSignInCode: the lifetime bounded in minutes; the code as issued, its expiry as ISO 8601', async () => {
    const users = new MemoryUserDirectory();
    const tooLong = await runOperation(
      'mutation { issueSignInCode(username: "bob", role: VIEWER, ttlMinutes: 100000) { code } }',
      { userDirectory: users },
      admin,
    );
    expect(tooLong.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const { data } = await runOperation(
      'mutation { issueSignInCode(username: "bob", role: VIEWER, ttlMinutes: 5) { code id role expiresAt } }',
      { userDirectory: users },
      admin,
    );
    expect(data?.issueSignInCode).toEqual({
      code: 'code-1',
      id: 'c1',
      role: 'VIEWER',
      expiresAt: '2030-01-01T00:00:00.000Z',
    });
    expect(users.calls).toEqual([
      ['issueSignInCode', { username: 'bob', role: 'VIEWER', ttlSeconds: 300 }, 'ada'],
    ]);
  });

  it('revokeTokens: a malformed username is refused; otherwise the directory revokes as the admin', async () => {
    const users = new MemoryUserDirectory();
    const bad = await runOperation(
      'mutation { revokeTokens(username: "not ok!") }',
      { userDirectory: users },
      admin,
    );
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const ok = await runOperation(
      'mutation { revokeTokens(username: "bob") }',
      { userDirectory: users },
      admin,
    );
    expect(ok.data).toEqual({ revokeTokens: true });
    expect(users.calls).toEqual([['revokeUserTokens', 'bob', 'ada']]);
  });

  it("auditLog pages by the directory's cursors; readAudit bounded; viewer is the principal", async () => {
    const users = new MemoryUserDirectory();
    for (const [i, action] of ['createUser', 'read-affected', 'deleteUser'].entries())
      users.events.push({
        id: `e${i}`,
        at: `2026-01-0${i + 1}`,
        actor: 'ada',
        action,
        target: null,
        details: null,
      });
    const { data, errors } = await runOperation(
      `{ auditLog(first: 2) { edges { cursor node { action } } pageInfo { hasNextPage endCursor } }
         readAudit(first: 5) { action } viewer { username role organizations } }`,
      { userDirectory: users },
      admin,
    );
    expect(errors).toBeUndefined();
    expect(data).toEqual({
      auditLog: {
        edges: [
          { cursor: 'e0', node: { action: 'createUser' } },
          { cursor: 'e1', node: { action: 'read-affected' } },
        ],
        pageInfo: { hasNextPage: true, endCursor: 'e1' },
      },
      readAudit: [{ action: 'read-affected' }],
      viewer: { username: 'ada', role: 'ADMIN', organizations: [] },
    });
    const next = await runOperation(
      '{ auditLog(first: 2, after: "e1") { edges { node { action } } pageInfo { hasNextPage } } }',
      { userDirectory: users },
      admin,
    );
    expect(next.data?.auditLog).toEqual({
      edges: [{ node: { action: 'deleteUser' } }],
      pageInfo: { hasNextPage: false },
    });
    const tooMany = await runOperation(
      '{ readAudit(first: 1001) { action } }',
      { userDirectory: users },
      admin,
    );
    expect(tooMany.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'first' });
  });
});
