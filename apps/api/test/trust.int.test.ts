// Issue 12's trust defects, each reproduced against the real API and Neo4j:
// sign-in links that were bearer tokens (4), sign-in abuse and the capped audit view
// (7), DNS rebinding with SMART_AUTH=off (9), and a CSP that broke plain-HTTP use (10).
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApi, issueToken, listen, shutdown, verifyToken } from '@smart/api';
import {
  createUser,
  importTemplate,
  issueSignInCode,
  recordTokenIssued,
  redeemSignInCode,
} from '@smart/store';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handBuilt } from '../../../test/fixtures/hand-built';
import { type GqlResponse, type TestApi, startTestApi } from '../../../test/support/api';
import { resetDatabase, testStore } from '../../../test/support/neo4j';

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
const PASSWORD = 'correct horse battery';
const codes = (res: { errors?: { extensions?: { code?: string } }[] }) =>
  (res.errors ?? []).map((e) => e.extensions?.code);

async function postJson(url: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return {
    status: res.status,
    headers: res.headers,
    body: (await res.json()) as Record<string, unknown>,
    cookie,
  };
}

interface AuditRow {
  id: string;
  actor: string;
  action: string;
  target: string | null;
  details: string | null;
}

interface AuditLogPage {
  auditLog: {
    edges: { cursor: string; node: AuditRow }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

/** Every audit event, newest first, read a page at a time through auditLog. */
async function wholeAuditLog(t: TestApi, pageSize: number): Promise<AuditRow[]> {
  const out: AuditRow[] = [];
  let after: string | null = null;
  for (;;) {
    const res: GqlResponse<AuditLogPage> = await t.gql<AuditLogPage>(
      `query($first: Int, $after: String) { auditLog(first: $first, after: $after) {
        edges { cursor node { id actor action target details } }
        pageInfo { hasNextPage endCursor } } }`,
      { first: pageSize, after },
    );
    expect(res.errors).toBeUndefined();
    const page: AuditLogPage['auditLog'] = res.data!.auditLog;
    out.push(...page.edges.map((e) => e.node));
    if (!page.pageInfo.hasNextPage) return out;
    expect(page.pageInfo.endCursor).toBe(page.edges[page.edges.length - 1]!.cursor);
    after = page.pageInfo.endCursor;
  }
}

// ---- 4. one-time sign-in codes -------------------------------------------------------------

describe('sign-in links carry a one-time code, not a bearer token (issue 12, item 4)', () => {
  it('a bearer token is no longer accepted as a sign-in link', async () => {
    const token = await issueToken({ username: 'old-link', role: 'ADMIN', ttlSeconds: 600 });
    const res = await postJson(`${api.url}/auth/session`, { token });
    expect(res.status).toBe(400);
    expect(res.cookie).toBe('');
  });

  it('a code is redeemed once for a fresh session, is no bearer itself, and both steps are audited', async () => {
    const issued = await api.gql<{ issueSignInCode: { code: string; id: string; expiresAt: string } }>(
      'mutation { issueSignInCode(username: "link-admin", role: ADMIN) { code id username role expiresAt } }',
    );
    expect(issued.errors).toBeUndefined();
    const { code, id, expiresAt } = issued.data!.issueSignInCode;
    // Ten minutes by default.
    const ttl = Date.parse(expiresAt) - Date.now();
    expect(ttl).toBeGreaterThan(9 * 60_000);
    expect(ttl).toBeLessThanOrEqual(10 * 60_000);
    expect(await verifyToken(code)).toBeNull();
    expect(codes(await api.gql(STATS, {}, { token: code }))).toEqual(['UNAUTHENTICATED']);

    const first = await postJson(`${api.url}/auth/session`, { code });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ username: 'link-admin', role: 'ADMIN' });
    const session = first.cookie.replace(/^smart_session=/, '');
    expect(session).not.toContain(code);
    expect((await verifyToken(decodeURIComponent(session)))?.username).toBe('link-admin');
    expect((await api.gql(STATS, {}, { cookie: first.cookie })).errors).toBeUndefined();

    const again = await postJson(`${api.url}/auth/session`, { code });
    expect(again.status).toBe(401);
    expect(again.cookie).toBe('');

    const events = await wholeAuditLog(api, 100);
    const mine = events.filter((e) => e.details?.includes(id) || e.actor.includes(id));
    expect(mine.map((e) => e.action).sort()).toEqual([
      'sign-in-code-issue',
      'sign-in-code-refused',
      'sign-in-code-use',
      'token-issue',
    ]);
    expect(JSON.stringify(events)).not.toContain(code);
  });

  it('an expired code is refused', async () => {
    const { code } = await issueSignInCode(
      store,
      { username: 'late', role: 'VIEWER', now: Date.now() - 11 * 60_000 },
      'test',
    );
    expect((await postJson(`${api.url}/auth/session`, { code })).status).toBe(401);
  });

  it('a code is revocable by id, and revoking a user’s tokens voids their unused codes', async () => {
    const a = await issueSignInCode(store, { username: 'revoked-link', role: 'VIEWER' }, 'test');
    const revoked = await api.gql<{ revokeSignInCode: boolean }>(
      'mutation($id: ID!) { revokeSignInCode(id: $id) }',
      {
        id: a.id,
      },
    );
    expect(revoked.data?.revokeSignInCode).toBe(true);
    expect((await postJson(`${api.url}/auth/session`, { code: a.code })).status).toBe(401);

    const b = await issueSignInCode(
      store,
      { username: 'leaver', role: 'VIEWER', now: Date.now() - 1_000 },
      'test',
    );
    await api.gql('mutation { revokeTokens(username: "leaver") }');
    expect((await postJson(`${api.url}/auth/session`, { code: b.code })).status).toBe(401);
  });

  it('of concurrent redemptions of one code exactly one succeeds (several replicas share Neo4j)', async () => {
    const { code } = await issueSignInCode(store, { username: 'racer', role: 'VIEWER' }, 'test');
    const outcomes = await Promise.all(Array.from({ length: 6 }, () => redeemSignInCode(store, code)));
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    expect(outcomes.filter((o) => !o.ok).map((o) => !o.ok && o.reason)).toEqual(Array(5).fill('used'));
  });
});

// ---- 7. sign-in abuse and the audit trail --------------------------------------------------

describe('sign-in abuse (issue 12, item 7)', () => {
  it('30 failures from 3 IPs do not lock the right password out from a fresh IP for long', async () => {
    await createUser(store, { username: 'target', role: 'ADMIN', password: PASSWORD }, 'test');
    let clock = Date.now();
    const t = await startTestApi(store, {
      now: () => clock,
      // The per-IP limits are not what this test is about.
      limits: { loginFailuresPer15Min: 1_000, signInRequestsPerMinute: 1_000 },
    });
    try {
      const login = (ip: string, password: string) =>
        postJson(`${t.url}/auth/login`, { username: 'target', password }, { 'x-forwarded-for': ip });
      // The attacker waits out every delay, as a patient script would.
      let failures = 0;
      for (let i = 0; i < 30; i++) {
        const ip = `203.0.113.${(i % 3) + 1}`;
        for (let tries = 0; ; tries++) {
          const res = await login(ip, `wrong-guess-${i}`);
          if (res.status === 401) break;
          expect(res.status).toBe(429);
          expect(tries).toBeLessThan(3);
          clock += Number(res.headers.get('retry-after')) * 1000;
        }
        failures++;
      }
      expect(failures).toBe(30);

      // From a fresh IP the right password gets in after at most the per-user delay (30 s).
      const fresh = await login('198.51.100.7', PASSWORD);
      let waited = 0;
      if (fresh.status === 429) {
        waited = Number(fresh.headers.get('retry-after'));
        expect(waited).toBeGreaterThan(0);
        expect(waited).toBeLessThanOrEqual(30);
        clock += waited * 1000;
      }
      const ok = await login('198.51.100.7', PASSWORD);
      expect(ok.status).toBe(200);
      expect(ok.body).toEqual({ username: 'target', role: 'ADMIN' });
    } finally {
      await t.close();
    }
  });

  it('backs off per (username, IP): delays double after 5 failures and never refuse other addresses at once', async () => {
    await createUser(store, { username: 'backoff', role: 'VIEWER', password: PASSWORD }, 'test');
    let clock = Date.now();
    const t = await startTestApi(store, {
      now: () => clock,
      limits: { loginFailuresPer15Min: 1_000, signInRequestsPerMinute: 1_000 },
    });
    try {
      const login = (ip: string, password: string) =>
        postJson(`${t.url}/auth/login`, { username: 'backoff', password }, { 'x-forwarded-for': ip });
      for (let i = 0; i < 5; i++) expect((await login('192.0.2.1', 'wrong password!')).status).toBe(401);
      const delays: number[] = [];
      for (let i = 0; i < 3; i++) {
        const refused = await login('192.0.2.1', PASSWORD);
        expect(refused.status).toBe(429);
        const wait = Number(refused.headers.get('retry-after'));
        delays.push(wait);
        clock += wait * 1000;
        expect((await login('192.0.2.1', 'wrong password!')).status).toBe(401);
      }
      expect(delays).toEqual([1, 2, 4]);
      // Another address, below the per-username threshold: no delay at all.
      expect((await login('192.0.2.2', PASSWORD)).status).toBe(200);
    } finally {
      await t.close();
    }
  });

  it('parallel guesses from one address get no more than the free failures checked', async () => {
    await createUser(store, { username: 'parallel', role: 'VIEWER', password: PASSWORD }, 'test');
    const clock = Date.now();
    const t = await startTestApi(store, {
      now: () => clock,
      limits: { loginFailuresPer15Min: 1_000, signInRequestsPerMinute: 1_000 },
    });
    try {
      const statuses = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          postJson(
            `${t.url}/auth/login`,
            { username: 'parallel', password: `wrong-guess-${i}` },
            { 'x-forwarded-for': '192.0.2.77' },
          ).then((r) => r.status),
        ),
      );
      expect(statuses.filter((s) => s === 401)).toHaveLength(5);
      expect(statuses.filter((s) => s === 429)).toHaveLength(7);
    } finally {
      await t.close();
    }
  });

  it('limits sign-ins, sign-in links and sign-outs per IP, successful ones included', async () => {
    await createUser(store, { username: 'chatty', role: 'VIEWER', password: PASSWORD }, 'test');
    const t = await startTestApi(store, { limits: { signInRequestsPerMinute: 4 } });
    try {
      const ip = { 'x-forwarded-for': '192.0.2.50' };
      const statuses: number[] = [];
      for (let i = 0; i < 2; i++)
        statuses.push(
          (await postJson(`${t.url}/auth/login`, { username: 'chatty', password: PASSWORD }, ip)).status,
        );
      for (let i = 0; i < 3; i++)
        statuses.push((await fetch(`${t.url}/auth/logout`, { method: 'POST', headers: ip })).status);
      expect(statuses).toEqual([200, 200, 200, 200, 429]);
      // Another client is not affected.
      const other = await postJson(
        `${t.url}/auth/login`,
        { username: 'chatty', password: PASSWORD },
        { 'x-forwarded-for': '192.0.2.51' },
      );
      expect(other.status).toBe(200);
    } finally {
      await t.close();
    }
  });

  it('signing out twice with one cookie writes one audit event', async () => {
    await createUser(store, { username: 'twice', role: 'VIEWER', password: PASSWORD }, 'test');
    const s = await postJson(`${api.url}/auth/login`, { username: 'twice', password: PASSWORD });
    const jti = (await verifyToken(decodeURIComponent(s.cookie.replace(/^smart_session=/, ''))))!.tokenId!;
    for (let i = 0; i < 3; i++)
      expect(
        (await fetch(`${api.url}/auth/logout`, { method: 'POST', headers: { cookie: s.cookie } })).status,
      ).toBe(200);
    const revokes = (await wholeAuditLog(api, 500)).filter(
      (e) => e.action === 'token-revoke' && e.target === jti,
    );
    expect(revokes).toHaveLength(1);
  });

  it('pages the whole audit trail: a real event behind 1,100 newer ones is still found', async () => {
    await createUser(store, { username: 'buried', role: 'VIEWER', password: PASSWORD }, 'test');
    const noise = Array.from({ length: 1_100 }, (_, i) => i);
    for (let i = 0; i < noise.length; i += 50)
      await Promise.all(
        noise
          .slice(i, i + 50)
          .map((n) =>
            recordTokenIssued(
              store,
              { jti: `noise-${n}`, username: 'noise', role: 'VIEWER', expiresAtMs: Date.now() + 60_000 },
              'noise',
            ),
          ),
      );
    // The old capped view cannot reach it any more…
    const capped = await api.gql<{ auditEvents: AuditRow[] }>(
      '{ auditEvents(first: 1000) { id action target } }',
    );
    expect(capped.data!.auditEvents.some((e) => e.action === 'user-create' && e.target === 'buried')).toBe(
      false,
    );
    // …the paged one does, with every event once, newest first.
    const all = await wholeAuditLog(api, 500);
    expect(all.some((e) => e.action === 'user-create' && e.target === 'buried')).toBe(true);
    expect(new Set(all.map((e) => e.id)).size).toBe(all.length);
    expect(all.length).toBeGreaterThan(1_100);
    const bad = await api.gql('{ auditLog(first: 10, after: "not-a-cursor") { pageInfo { hasNextPage } } }');
    expect(codes(bad)).toEqual(['BAD_USER_INPUT']);
    expect(codes(await api.gql('{ auditLog(first: 501) { pageInfo { hasNextPage } } }'))).toEqual([
      'BAD_USER_INPUT',
    ]);
  });
});

// ---- 9. DNS rebinding with SMART_AUTH=off --------------------------------------------------

/** A request with an arbitrary Host header (fetch would not send one). */
function withHost(port: number, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        path: '/graphql',
        method: 'POST',
        headers: { host, 'content-type': 'application/json' },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => {
          body += c;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify({ query: '{ viewer { role } }' }));
  });
}

describe('SMART_AUTH=off answers only loopback Host names (issue 12, item 9)', () => {
  it('refuses a rebound name and a foreign port; accepts loopback names on its port', async () => {
    const open = await createApi({ store, auth: 'off', log: pino({ level: 'silent' }) });
    const server = await listen(open, 0, '127.0.0.1');
    try {
      const { port } = server.address() as AddressInfo;
      for (const host of [
        `evil.example:${port}`,
        'evil.example',
        `localhost:${port + 1}`,
        `127.0.0.1.nip.io:${port}`,
      ]) {
        const res = await withHost(port, host);
        expect(res.status, host).toBe(421);
        expect(res.body, host).toContain('MISDIRECTED_REQUEST');
        expect(res.body, host).not.toContain('ADMIN');
      }
      for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`, `LOCALHOST:${port}`]) {
        const res = await withHost(port, host);
        expect(res.status, host).toBe(200);
        expect(JSON.parse(res.body).data.viewer.role, host).toBe('ADMIN');
      }
    } finally {
      await shutdown(open, server);
    }
  });
});

// ---- 10. a CSP that does not break plain-HTTP local use ------------------------------------

describe('the CSP in production mode over plain HTTP (issue 12, item 10)', () => {
  it('upgrades requests and sends HSTS only over HTTPS', async () => {
    const prod = await startTestApi(store, { production: true });
    try {
      const plain = await fetch(`${prod.url}/healthz`);
      expect(plain.headers.get('content-security-policy')).not.toContain('upgrade-insecure-requests');
      expect(plain.headers.get('strict-transport-security')).toBeNull();
      // Behind a TLS proxy on loopback (trusted by default).
      const tls = await fetch(`${prod.url}/healthz`, { headers: { 'x-forwarded-proto': 'https' } });
      expect(tls.headers.get('content-security-policy')).toContain('upgrade-insecure-requests');
      expect(tls.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    } finally {
      await prod.close();
    }
  });
});
