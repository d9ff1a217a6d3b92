// Who may do what: every root field of the schema against every role (and none);
// forged, expired and revoked tokens; users and password sign-in; the session cookie;
// CSRF, CORS, security headers, introspection and SMART_AUTH=off.
import { createApi, isLoopbackHost, issueToken, listen, shutdown } from '@smart/api';
import type { Role } from '@smart/domain';
import { importTemplate, issueSignInCode, revokeTokenId, revokeUserTokens } from '@smart/store';
import {
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLObjectType,
  buildSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
} from 'graphql';
import { SignJWT } from 'jose';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { handBuilt } from '../../../test/fixtures/hand-built';
import { type TestApi, startTestApi } from '../../../test/support/api';
import { resetDatabase, testStore } from '../../../test/support/neo4j';
import { until } from '../../../test/support/poll';
import { signingSecret } from '../src/auth/tokens';
import { typeDefs } from '../src/schema';

const store = testStore();
let api: TestApi;

beforeAll(async () => {
  await resetDatabase(store);
  await importTemplate(store, handBuilt(), { actor: 'test' });
  api = await startTestApi(store);
});
afterAll(async () => {
  await api?.close();
  await store.close();
});

const STATS = '{ stats { graphVersion } }';
const codes = (res: { errors?: { extensions?: { code?: string } }[] }) =>
  (res.errors ?? []).map((e) => e.extensions?.code);

// ---- the role matrix, built from the schema itself -------------------------------------

/** The least role of each root field (DESIGN.md §4, §6); absent = the default of its type. */
const LEAST_ROLE: Record<string, Role | null> = {
  'Query.viewer': null,
  'Query.deleteEntityPreview': 'ANALYST',
  'Query.users': 'ADMIN',
  'Query.auditEvents': 'ADMIN',
  'Query.auditLog': 'ADMIN',
  'Mutation.createUser': 'ADMIN',
  'Mutation.deleteUser': 'ADMIN',
  'Mutation.setUserRole': 'ADMIN',
  'Mutation.setUserPassword': 'ADMIN',
  'Mutation.issueToken': 'ADMIN',
  'Mutation.revokeToken': 'ADMIN',
  'Mutation.revokeTokens': 'ADMIN',
  'Mutation.issueSignInCode': 'ADMIN',
  'Mutation.revokeSignInCode': 'ADMIN',
  'Query.lastImport': 'ADMIN',
  'Query.importInProgress': 'ANALYST',
  'Mutation.undoLastImport': 'ADMIN',
  'Query.mergePreview': 'ANALYST',
  'Query.readAudit': 'ADMIN',
};
const RANK: Record<Role, number> = { VIEWER: 1, ANALYST: 2, ADMIN: 3 };

/** A GraphQL literal of the type: harmless values that pass argument validation. */
function literal(type: GraphQLInputType): string {
  if (isNonNullType(type)) return literal(type.ofType);
  if (isListType(type)) return '[]';
  if (isEnumType(type)) return type.getValues()[0]!.name;
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields()).filter(
      (f) => isNonNullType(f.type) && f.defaultValue === undefined,
    );
    return `{ ${fields.map((f) => `${f.name}: ${literal(f.type)}`).join(', ')} }`;
  }
  switch (getNamedType(type).name) {
    case 'Int':
      return '1';
    case 'Float':
      return '1.5';
    case 'Boolean':
      return 'true';
    default:
      return '"sec-probe"';
  }
}

function operationFor(kind: 'query' | 'mutation', field: GraphQLField<unknown, unknown>): string {
  const args = field.args
    .filter((a) => isNonNullType(a.type) && a.defaultValue === undefined)
    .map((a) => `${a.name}: ${literal(a.type)}`);
  const selection = isLeafType(getNamedType(field.type)) ? '' : ' { __typename }';
  return `${kind} { ${field.name}${args.length ? `(${args.join(', ')})` : ''}${selection} }`;
}

const schema = buildSchema(typeDefs.join('\n'));
const rootFields = (['query', 'mutation'] as const).flatMap((kind) => {
  const type = (kind === 'query' ? schema.getQueryType() : schema.getMutationType()) as GraphQLObjectType;
  return Object.values(type.getFields()).map((field) => {
    const key = `${type.name}.${field.name}`;
    const least = key in LEAST_ROLE ? LEAST_ROLE[key]! : kind === 'query' ? 'VIEWER' : 'ANALYST';
    return { key, least, operation: operationFor(kind, field) };
  });
});

describe('every root field against every role', () => {
  it('covers the whole schema (the classes that exist now)', () => {
    const keys = rootFields.map((f) => f.key);
    expect(keys).toEqual(expect.arrayContaining(['Query.stats', 'Query.users', 'Mutation.createUser']));
    expect(keys.length).toBeGreaterThan(15);
  });

  for (const { key, least, operation } of rootFields) {
    it(`${key} needs ${least ?? 'no role'}`, async () => {
      for (const role of [null, 'VIEWER', 'ANALYST', 'ADMIN'] as const) {
        const res = await api.gql(operation, {}, role ? { role } : { token: null });
        const got = codes(res);
        const text = JSON.stringify(res);
        expect(text, `${key} as ${role}`).not.toMatch(/\n\s+at |stacktrace|\.ts:\d+|neo4j-driver|MATCH \(/);
        expect(got, `${key} as ${role}`).not.toContain('INTERNAL_SERVER_ERROR');
        if (least === null) {
          expect(got, `${key} as ${role}`).not.toContain('UNAUTHENTICATED');
        } else if (role === null) {
          expect(got, `${key} anonymous`).toEqual(['UNAUTHENTICATED']);
          expect(res.data ?? null, `${key} anonymous`).toBeNull();
        } else if (RANK[role] < RANK[least]) {
          expect(got, `${key} as ${role}`).toEqual(['FORBIDDEN']);
          expect(res.data ?? null, `${key} as ${role}`).toBeNull();
        } else {
          expect(got, `${key} as ${role}`).not.toContain('FORBIDDEN');
          expect(got, `${key} as ${role}`).not.toContain('UNAUTHENTICATED');
        }
      }
    });
  }

  it('a mix of allowed and forbidden fields is refused as a whole', async () => {
    const res = await api.gql('{ stats { graphVersion } users { username } }', {}, { role: 'ANALYST' });
    expect(codes(res)).toEqual(['FORBIDDEN']);
    expect(res.data ?? null).toBeNull();
  });

  it('fields reached through fragments are checked too', async () => {
    const res = await api.gql(
      'query { ...F } fragment F on Query { users { username } }',
      {},
      { role: 'VIEWER' },
    );
    expect(codes(res)).toEqual(['FORBIDDEN']);
  });

  it('viewer answers null without a token, and who the caller is with one', async () => {
    const anon = await api.gql<{ viewer: null }>('{ viewer { username role } }', {}, { token: null });
    expect(anon.errors).toBeUndefined();
    expect(anon.data?.viewer).toBeNull();
    const me = await api.gql<{ viewer: { role: string } }>(
      '{ viewer { username role } }',
      {},
      { role: 'ANALYST' },
    );
    expect(me.data?.viewer.role).toBe('ANALYST');
  });
});

// ---- tokens ------------------------------------------------------------------------------

describe('tokens', () => {
  const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

  it('refuses forged, altered, unsigned, foreign, expired and malformed tokens', async () => {
    const good = await api.token('VIEWER');
    const [h, p, s] = good.split('.') as [string, string, string];
    const payload = JSON.parse(Buffer.from(p, 'base64url').toString());
    const now = Math.floor(Date.now() / 1000);
    const foreign = await new SignJWT({ role: 'ADMIN' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('mallory')
      .setIssuer('smart-graph')
      .setJti('x1')
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('another-secret-another-secret-another-secret'));
    const expired = await new SignJWT({ role: 'ADMIN' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('old')
      .setIssuer('smart-graph')
      .setJti('x2')
      .setIssuedAt(now - 7200)
      .setExpirationTime(now - 3600)
      .sign(signingSecret());
    const wrongIssuer = await new SignJWT({ role: 'ADMIN' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('x')
      .setIssuer('someone-else')
      .setJti('x3')
      .setExpirationTime('1h')
      .sign(signingSecret());
    const bad = [
      `${h}.${p}.${s.slice(0, -4)}AAAA`,
      `${h}.${b64({ ...payload, role: 'ADMIN' })}.${s}`,
      `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...payload, role: 'ADMIN' })}.`,
      `${b64({ alg: 'HS512' })}.${p}.${s}`,
      foreign,
      expired,
      wrongIssuer,
      'not-a-token',
      '',
      'a'.repeat(10_000),
    ];
    for (const token of bad) {
      const res = await api.gql(STATS, {}, { headers: { authorization: `Bearer ${token}` }, token: null });
      expect(codes(res), token.slice(0, 40)).toEqual(['UNAUTHENTICATED']);
      const viaCookie = await api.gql(STATS, {}, { cookie: `smart_session=${token}` });
      expect(codes(viaCookie)).toEqual(['UNAUTHENTICATED']);
    }
  });

  it('issueToken signs a token with a jti; revokeToken refuses it at once', async () => {
    const issued = await api.gql<{
      issueToken: { token: string; jti: string; role: string; expiresAt: string };
    }>('mutation { issueToken(role: VIEWER, ttlHours: 2, username: "robot") { token jti role expiresAt } }');
    expect(issued.errors).toBeUndefined();
    const { token, jti } = issued.data!.issueToken;
    expect((await api.gql(STATS, {}, { token })).errors).toBeUndefined();
    const revoked = await api.gql('mutation($jti: ID!) { revokeToken(jti: $jti) }', { jti });
    expect(revoked.errors).toBeUndefined();
    expect(codes(await api.gql(STATS, {}, { token }))).toEqual(['UNAUTHENTICATED']);
  });

  it('revokeTokens(username) refuses every earlier token of that user at once, not later ones', async () => {
    const a = await issueToken({ username: 'bulk', role: 'ANALYST' });
    const b = await issueToken({ username: 'bulk', role: 'VIEWER' });
    const other = await issueToken({ username: 'someone-else', role: 'VIEWER' });
    expect((await api.gql(STATS, {}, { token: a })).errors).toBeUndefined();
    expect((await api.gql('mutation { revokeTokens(username: "bulk") }')).errors).toBeUndefined();
    expect(codes(await api.gql(STATS, {}, { token: a }))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await api.gql(STATS, {}, { token: b }))).toEqual(['UNAUTHENTICATED']);
    expect((await api.gql(STATS, {}, { token: other })).errors).toBeUndefined();
    const fresh = await issueToken({ username: 'bulk', role: 'VIEWER' });
    expect((await api.gql(STATS, {}, { token: fresh })).errors).toBeUndefined();
  });

  it('a revocation written elsewhere (the CLI, another replica) is enforced within two seconds', async () => {
    const byJti = await issueToken({ username: 'cli-a', role: 'VIEWER' });
    const byUser = await issueToken({ username: 'cli-b', role: 'VIEWER' });
    const jti = JSON.parse(Buffer.from(byJti.split('.')[1]!, 'base64url').toString()).jti as string;
    // The clock the API reads (Date) is held still and moved on by this test alone, so
    // "two seconds" is the API's own notion of time, not how busy the machine is. Timers
    // stay real: the API's refresh of the revocation list runs as usual.
    const t0 = Date.now() + 1;
    vi.useFakeTimers({ toFake: ['Date'], now: t0 });
    try {
      expect((await api.gql(STATS, {}, { token: byJti })).errors).toBeUndefined();
      expect((await api.gql(STATS, {}, { token: byUser })).errors).toBeUndefined();
      await revokeTokenId(store, jti, 'cli:test');
      await revokeUserTokens(store, 'cli-b', 'cli:test');
      // Two seconds later, by the API's clock (and not a millisecond more): both refused.
      // (Polled, as the list's refresh runs in the background; the wait is not the test.)
      vi.setSystemTime(t0 + 2_000);
      for (const token of [byJti, byUser]) {
        await until(
          'the revocation to be enforced',
          async () => codes(await api.gql(STATS, {}, { token }))[0] === 'UNAUTHENTICATED',
          { timeoutMs: 30_000 },
        );
      }
      expect(Date.now()).toBe(t0 + 2_000);
    } finally {
      vi.useRealTimers();
    }
  });

  it('refuses a ttl beyond the longest a token may live', async () => {
    const res = await api.gql('mutation { issueToken(role: ADMIN, ttlHours: 100000) { jti } }');
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
  });
});

// ---- users and password sign-in -----------------------------------------------------------

async function login(url: string, username: string, password: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${url}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ username, password }),
  });
  const setCookie = res.headers.get('set-cookie') ?? '';
  const cookie = setCookie.split(';')[0] ?? '';
  return { status: res.status, body: (await res.json()) as Record<string, unknown>, setCookie, cookie };
}

interface AuditRow {
  actor: string;
  action: string;
  target: string | null;
  details: string | null;
}
async function audit(): Promise<AuditRow[]> {
  const res = await api.gql<{ auditEvents: AuditRow[] }>(
    '{ auditEvents(first: 200) { id at actor action target details } }',
  );
  expect(res.errors).toBeUndefined();
  return res.data!.auditEvents;
}

describe('users', () => {
  const PASSWORD = 'correct horse battery';

  it('ADMIN creates, lists, re-roles and deletes users; each change is audited with before and after', async () => {
    const created = await api.gql<{ createUser: { username: string; role: string } }>(
      'mutation($p: String!) { createUser(username: "alice", password: $p, role: VIEWER) { username role createdAt } }',
      { p: PASSWORD },
    );
    expect(created.errors).toBeUndefined();
    expect(created.data!.createUser).toMatchObject({ username: 'alice', role: 'VIEWER' });

    const list = await api.gql<{ users: { username: string; role: string }[] }>(
      '{ users { username role } }',
    );
    expect(list.data!.users).toContainEqual({ username: 'alice', role: 'VIEWER' });
    expect(JSON.stringify(list)).not.toContain('scrypt');

    const rerole = await api.gql('mutation { setUserRole(username: "alice", role: ANALYST) { role } }');
    expect(rerole.errors).toBeUndefined();

    const events = await audit();
    const create = events.find((e) => e.action === 'user-create' && e.target === 'alice')!;
    expect(create.actor).toBe('test-admin');
    const setRole = events.find((e) => e.action === 'user-set-role' && e.target === 'alice')!;
    expect(JSON.parse(setRole.details!)).toEqual({ before: { role: 'VIEWER' }, after: { role: 'ANALYST' } });
    expect(JSON.stringify(events)).not.toContain('scrypt$');

    expect((await api.gql('mutation { deleteUser(username: "alice") }')).data).toEqual({ deleteUser: true });
    expect((await api.gql('mutation { deleteUser(username: "alice") }')).data).toEqual({ deleteUser: false });
    expect((await audit()).some((e) => e.action === 'user-delete' && e.target === 'alice')).toBe(true);
  });

  it('refuses duplicates, weak passwords and bad names, and audits nothing for them', async () => {
    await api.gql(
      'mutation($p: String!) { createUser(username: "bob", password: $p, role: VIEWER) { role } }',
      {
        p: PASSWORD,
      },
    );
    const before = (await audit()).length;
    const dup = await api.gql(
      'mutation($p: String!) { createUser(username: "bob", password: $p, role: ADMIN) { role } }',
      { p: PASSWORD },
    );
    expect(codes(dup)).toEqual(['BAD_USER_INPUT']);
    const weak = await api.gql(
      'mutation { createUser(username: "carol", password: "short", role: VIEWER) { role } }',
    );
    expect(codes(weak)).toEqual(['BAD_USER_INPUT']);
    const badName = await api.gql(
      'mutation($p: String!) { createUser(username: "x` }) RETURN 1 //", password: $p, role: VIEWER) { role } }',
      { p: PASSWORD },
    );
    expect(codes(badName)).toEqual(['BAD_USER_INPUT']);
    const missing = await api.gql('mutation { setUserRole(username: "nobody", role: ADMIN) { role } }');
    expect(codes(missing)).toEqual(['NOT_FOUND']);
    expect((await audit()).length).toBe(before);
  });

  it('signs in with a password into an HttpOnly SameSite=Strict cookie carrying the user role', async () => {
    await api.gql(
      'mutation($p: String!) { createUser(username: "dana", password: $p, role: ANALYST) { role } }',
      {
        p: PASSWORD,
      },
    );
    const ok = await login(api.url, 'dana', PASSWORD);
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ username: 'dana', role: 'ANALYST' });
    expect(ok.setCookie).toMatch(/^smart_session=/);
    expect(ok.setCookie).toMatch(/HttpOnly/i);
    expect(ok.setCookie).toMatch(/SameSite=Strict/i);
    expect(ok.setCookie).toMatch(/Path=\//);
    const me = await api.gql<{ viewer: { username: string; role: string } }>(
      '{ viewer { username role } }',
      {},
      {
        cookie: ok.cookie,
      },
    );
    expect(me.data?.viewer).toEqual({ username: 'dana', role: 'ANALYST' });
    expect((await api.gql(STATS, {}, { cookie: ok.cookie })).errors).toBeUndefined();

    expect((await login(api.url, 'dana', 'wrong password!')).status).toBe(401);
    const unknown = await login(api.url, 'nobody-here', PASSWORD);
    expect(unknown.status).toBe(401);
    expect(unknown.body.error).toBe('wrong username or password');
    expect((await login(api.url, 'dana', '')).status).toBe(400);
  });

  it('a role change or a deletion ends the user’s sessions at once', async () => {
    await api.gql(
      'mutation($p: String!) { createUser(username: "erin", password: $p, role: ADMIN) { role } }',
      {
        p: PASSWORD,
      },
    );
    const first = await login(api.url, 'erin', PASSWORD);
    expect((await api.gql('{ users { username } }', {}, { cookie: first.cookie })).errors).toBeUndefined();
    await api.gql('mutation { setUserRole(username: "erin", role: VIEWER) { role } }');
    expect(codes(await api.gql(STATS, {}, { cookie: first.cookie }))).toEqual(['UNAUTHENTICATED']);
    const second = await login(api.url, 'erin', PASSWORD);
    expect(second.body.role).toBe('VIEWER');
    expect(codes(await api.gql('{ users { username } }', {}, { cookie: second.cookie }))).toEqual([
      'FORBIDDEN',
    ]);
    await api.gql('mutation { deleteUser(username: "erin") }');
    expect(codes(await api.gql(STATS, {}, { cookie: second.cookie }))).toEqual(['UNAUTHENTICATED']);
    expect((await login(api.url, 'erin', PASSWORD)).status).toBe(401);
  });

  it('signing out revokes the session token, not just the cookie', async () => {
    await api.gql(
      'mutation($p: String!) { createUser(username: "finn", password: $p, role: VIEWER) { role } }',
      {
        p: PASSWORD,
      },
    );
    const s = await login(api.url, 'finn', PASSWORD);
    const out = await fetch(`${api.url}/auth/logout`, { method: 'POST', headers: { cookie: s.cookie } });
    expect(out.status).toBe(200);
    expect(out.headers.get('set-cookie')).toMatch(/smart_session=;/);
    expect(codes(await api.gql(STATS, {}, { cookie: s.cookie }))).toEqual(['UNAUTHENTICATED']);
  });

  it('a sign-in link’s one-time code becomes the same cookie; a forged code does not', async () => {
    const { code } = await issueSignInCode(store, { username: 'link-user', role: 'VIEWER' }, 'test');
    const res = await fetch(`${api.url}/auth/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toMatch(/HttpOnly.*SameSite=Strict|SameSite=Strict.*HttpOnly/i);
    const forged = await fetch(`${api.url}/auth/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: `${code.slice(0, -3)}abc` }),
    });
    expect(forged.status).toBe(401);
    expect(forged.headers.get('set-cookie')).toBeNull();
  });

  it('limits failed sign-ins per client', async () => {
    const limited = await startTestApi(store, { limits: { loginFailuresPer15Min: 3 } });
    // Counts are shared by every API on the database (DESIGN §7): this client gets an
    // address of its own (loopback proxies are trusted), so the failures of the tests
    // above are not its own.
    const client = { 'x-forwarded-for': '203.0.113.45' };
    try {
      for (let i = 0; i < 3; i++)
        expect((await login(limited.url, 'dana', `wrong-${i}-password`, client)).status).toBe(401);
      const blocked = await login(limited.url, 'dana', PASSWORD, client);
      expect(blocked.status).toBe(429);
      expect(JSON.stringify(blocked.body)).toContain('RATE_LIMITED');
    } finally {
      await limited.close();
    }
  });
});

// ---- the cookie session against cross-site requests ------------------------------------------

describe('CSRF, CORS and headers', () => {
  let cookie = '';
  beforeAll(async () => {
    const token = await issueToken({ username: 'csrf', role: 'ADMIN', ttlSeconds: 600 });
    cookie = `smart_session=${token}`;
  });

  it('refuses a cookie-carrying request a cross-site form or image could send', async () => {
    const form = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'text/plain' },
      body: JSON.stringify({ query: 'mutation { revokeTokens(username: "victim") }' }),
    });
    expect(form.status).toBe(400);
    expect(await form.text()).toMatch(/CSRF|preflight/i);
    const urlencoded = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'query=mutation%7BrevokeTokens(username%3A%22victim%22)%7D',
    });
    expect(urlencoded.status).toBe(400);
    const get = await fetch(`${api.url}/graphql?query=${encodeURIComponent('{ users { username } }')}`, {
      headers: { cookie },
    });
    expect(get.status).toBe(400);
    expect((await audit()).some((e) => e.target === 'victim')).toBe(false);
  });

  it('sends no CORS header by default, whatever the Origin', async () => {
    for (const method of ['GET', 'OPTIONS'] as const) {
      const res = await fetch(`${api.url}/graphql`, {
        method,
        headers: {
          origin: 'https://evil.example',
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type',
        },
      });
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
      expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    }
  });

  it('answers CORS for the listed origins only', async () => {
    const open = await startTestApi(store, { corsOrigins: ['https://smart.example.org'] });
    try {
      const ok = await fetch(`${open.url}/graphql`, {
        method: 'OPTIONS',
        headers: { origin: 'https://smart.example.org', 'access-control-request-method': 'POST' },
      });
      expect(ok.status).toBe(204);
      expect(ok.headers.get('access-control-allow-origin')).toBe('https://smart.example.org');
      const other = await fetch(`${open.url}/graphql`, {
        method: 'OPTIONS',
        headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
      });
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await open.close();
    }
  });

  it('sets security headers with a CSP that lets the built web app (modules, WebGL, blob workers) run', async () => {
    const res = await fetch(`${api.url}/healthz`);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("worker-src 'self' blob:");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('unsafe-eval');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-powered-by')).toBeNull();
  });
});

// ---- production mode and auth off ---------------------------------------------------------

describe('production mode', () => {
  it('turns introspection and field suggestions off', async () => {
    const prod = await startTestApi(store, { production: true });
    try {
      const intro = await prod.gql('{ __schema { queryType { name } } }', {}, { role: 'ADMIN' });
      expect(intro.errors?.[0]?.message).toMatch(/introspection/i);
      const typo = await prod.gql('{ stat { graphVersion } }', {}, { role: 'ADMIN' });
      expect(typo.errors?.[0]?.message).not.toMatch(/did you mean/i);
    } finally {
      await prod.close();
    }
    const dev = await api.gql<{ __schema: { queryType: { name: string } } }>(
      '{ __schema { queryType { name } } }',
    );
    expect(dev.data?.__schema.queryType.name).toBe('Query');
  });
});

describe('SMART_AUTH=off', () => {
  it('is refused unless the server listens on loopback only', async () => {
    const open = await createApi({ store, auth: 'off', log: pino({ level: 'silent' }) });
    for (const host of ['0.0.0.0', '::', '', '192.0.2.10']) {
      await expect(listen(open, 0, host)).rejects.toThrow(/SMART_AUTH=off is refused/);
    }
    const server = await listen(open, 0, '127.0.0.1');
    try {
      const { port } = server.address() as { port: number };
      const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ viewer { username role } stats { graphVersion } }' }),
      });
      const body = (await res.json()) as { data?: { viewer: { role: string } }; errors?: unknown };
      expect(body.errors).toBeUndefined();
      expect(body.data?.viewer.role).toBe('ADMIN');
    } finally {
      await shutdown(open, server);
    }
  });

  it('knows which hosts are loopback', () => {
    for (const h of ['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost', '::ffff:127.0.0.1'])
      expect(isLoopbackHost(h), h).toBe(true);
    for (const h of ['0.0.0.0', '::', '', '10.0.0.1', 'example.org', '128.0.0.1', '::ffff:10.0.0.1'])
      expect(isLoopbackHost(h), h).toBe(false);
  });
});
