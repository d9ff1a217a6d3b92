// The real `smart token` and `smart user` commands run as child processes against
// the test Neo4j, with the API in this process: a printed token is accepted with the
// claims asked for, a revoked one is refused, users are added, listed, re-roled
// and removed. Independent runs go in parallel (each spawn costs a tsx start-up).
import { issueToken } from '@smart/api';
import { authenticateUser, listUsers } from '@smart/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApi, startTestApi } from '../../../test/support/api';
import { resetDatabase, testStore } from '../../../test/support/neo4j';
import { type CliResult, SPAWNS, TEST_SECRET, runCli, shown } from './spawn-cli';

// The API here must verify what the CLI signs (read on first use, so set before).
process.env.SMART_SECRET = TEST_SECRET;

const store = testStore();
let api: TestApi;

beforeAll(async () => {
  await resetDatabase(store);
  api = await startTestApi(store);
}, 120_000);
afterAll(async () => {
  await api?.close();
  await store.close();
});

const VIEWER = '{ viewer { username role } }';

/** The claims of a JWT, read without verifying it (the API does that). */
function claims(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8'));
}

/** The jti the CLI prints on stderr for `token revoke`. */
function jtiOf(r: CliResult): string {
  const m = /revoke it with: npm run token -- revoke (\S+)\)/.exec(r.stderr);
  if (!m) throw new Error(`no jti in: ${shown(r)}`);
  return m[1]!;
}

const STATS = '{ stats { graphVersion } }';

/** Polls until the API refuses the token: revocations reach it within about a second. */
async function refused(token: string, withinMs = 15_000): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline) {
    const res = await api.gql(STATS, {}, { token });
    if (res.errors?.[0]?.extensions?.code === 'UNAUTHENTICATED') return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

describe('smart token', SPAWNS, () => {
  let analyst: string;
  let analystJti: string;
  let viewer: string;

  it('prints a token with the role, user and lifetime asked for, which the API accepts', async () => {
    const [a, v, badRole, badTtl] = await Promise.all([
      runCli(['token', '--role', 'analyst', '--ttl', '2h', '--user', 'alice']),
      runCli(['token', '--role', 'viewer']),
      runCli(['token', '--role', 'root']),
      runCli(['token', '--role', 'viewer', '--ttl', '400d']),
    ]);
    expect(a.code, shown(a)).toBe(0);
    expect(v.code, shown(v)).toBe(0);
    // stdout is the token alone, so `$(npm run -s token …)` can capture it
    analyst = a.stdout.trim();
    viewer = v.stdout.trim();
    expect(a.stdout).toBe(`${analyst}\n`);
    expect(analyst).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    analystJti = jtiOf(a);
    const c = claims(analyst);
    expect(c).toMatchObject({ sub: 'alice', role: 'ANALYST', jti: analystJti, iss: 'smart-graph' });
    expect((c.exp as number) - (c.iat as number)).toBe(2 * 3600);
    expect(claims(viewer)).toMatchObject({ sub: 'token-viewer', role: 'VIEWER' });
    expect((claims(viewer).exp as number) - (claims(viewer).iat as number)).toBe(30 * 86400);

    expect((await api.gql(VIEWER, {}, { token: analyst })).data).toEqual({
      viewer: { username: 'alice', role: 'ANALYST' },
    });
    expect((await api.gql(VIEWER, {}, { token: viewer })).data).toEqual({
      viewer: { username: 'token-viewer', role: 'VIEWER' },
    });

    expect(badRole.code, shown(badRole)).toBe(1);
    expect(badRole.stdout).toBe('');
    expect(badRole.stderr).toContain('--role must be one of viewer, analyst, admin');
    expect(badTtl.code, shown(badTtl)).toBe(1);
    expect(badTtl.stdout).toBe('');
    expect(badTtl.stderr).toContain('--ttl is at most 366 days');
  });

  it('token revoke <jti> and token revoke --user make the API refuse those tokens', async () => {
    const [byId, neither] = await Promise.all([
      runCli(['token', 'revoke', analystJti]),
      runCli(['token', 'revoke']),
    ]);
    expect(byId.code, shown(byId)).toBe(0);
    expect(byId.stdout).toBe(`Revoked token ${analystJti}.\n`);
    expect(await refused(analyst)).toBe(true);
    // the other token is untouched
    expect((await api.gql(VIEWER, {}, { token: viewer })).data).toEqual({
      viewer: { username: 'token-viewer', role: 'VIEWER' },
    });
    expect(neither.code, shown(neither)).toBe(1);
    expect(neither.stderr).toContain('token revoke needs a token id (jti) or --user NAME');

    const byUser = await runCli(['token', 'revoke', '--user', 'token-viewer']);
    expect(byUser.code, shown(byUser)).toBe(0);
    expect(byUser.stdout).toBe('Revoked every token issued to token-viewer until now.\n');
    expect(await refused(viewer)).toBe(true);
  });
});

describe('smart user', SPAWNS, () => {
  const password = 'bob has a long password';

  it('adds (password from standard input), lists, changes the role of and removes a user', async () => {
    const [added, short] = await Promise.all([
      runCli(['user', 'add', 'bob', '--role', 'viewer'], { input: `${password}\n` }),
      runCli(['user', 'add', 'carol', '--role', 'analyst', '--password', 'short']),
    ]);
    expect(added.code, shown(added)).toBe(0);
    expect(added.stdout).toBe('Added bob (viewer).\n');
    expect(await authenticateUser(store, 'bob', password)).toMatchObject({ username: 'bob', role: 'VIEWER' });
    expect(await authenticateUser(store, 'bob', 'not the password')).toBeNull();
    // a refused user is not half-written
    expect(short.code, shown(short)).toBe(1);
    expect(short.stderr).toContain('a password has at least 10 characters');
    expect((await listUsers(store)).map((u) => u.username)).toEqual(['bob']);

    const newPassword = 'bob changed the password';
    const [list, passwd] = await Promise.all([
      runCli(['user', 'list']),
      runCli(['user', 'passwd', 'bob'], { input: `${newPassword}\n` }),
    ]);
    expect(list.code, shown(list)).toBe(0);
    expect(list.stdout).toMatch(/^bob\s+viewer\s+\S+\n$/);
    expect(passwd.code, shown(passwd)).toBe(0);
    expect(await authenticateUser(store, 'bob', newPassword)).toMatchObject({ username: 'bob' });
    expect(await authenticateUser(store, 'bob', password)).toBeNull();

    // a token bob holds from before the role change stops working
    const before = await issueToken({ username: 'bob', role: 'VIEWER' });
    expect((await api.gql(VIEWER, {}, { token: before })).data).toEqual({
      viewer: { username: 'bob', role: 'VIEWER' },
    });
    const role = await runCli(['user', 'role', 'bob', '--role', 'admin']);
    expect(role.code, shown(role)).toBe(0);
    expect(role.stdout).toBe('bob is now admin; their earlier tokens are revoked.\n');
    expect(await listUsers(store)).toEqual([expect.objectContaining({ username: 'bob', role: 'ADMIN' })]);
    expect(await refused(before)).toBe(true);

    const removed = await runCli(['user', 'remove', 'bob']);
    expect(removed.code, shown(removed)).toBe(0);
    expect(removed.stdout).toBe('Removed bob; their tokens are revoked.\n');
    expect(await listUsers(store)).toEqual([]);

    const [again, unknown, nameless] = await Promise.all([
      runCli(['user', 'remove', 'bob']),
      runCli(['user', 'promote', 'bob']),
      runCli(['user', 'add', '--role', 'viewer']),
    ]);
    expect(again.code, shown(again)).toBe(1);
    expect(again.stdout).toBe('There is no user named bob.\n');
    expect(unknown.code, shown(unknown)).toBe(2);
    expect(unknown.stderr).toContain("unknown user command 'promote'");
    expect(nameless.code, shown(nameless)).toBe(1);
    expect(nameless.stderr).toContain('user add needs a user name');
  });
});
