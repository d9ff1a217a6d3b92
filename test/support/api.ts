// A real API server on an ephemeral port over the test database, and a small
// GraphQL client for tests.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Api, type ApiOptions, createApi, issueToken, listen, shutdown } from '@smart/api';
import type { Role } from '@smart/domain';
import type { Store } from '@smart/store';
import { pino } from 'pino';

export interface GqlResponse<T> {
  status: number;
  data?: T;
  errors?: { message: string; path?: string[]; extensions?: { code?: string } }[];
}

export interface TestApi {
  url: string;
  store: Store;
  api: Api;
  server: Server;
  token(role: Role): Promise<string>;
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    opts?: { token?: string | null; role?: Role; cookie?: string; headers?: Record<string, string> },
  ): Promise<GqlResponse<T>>;
  /** POSTs a raw body to /graphql (a JSON value is serialised; a string is sent as is). */
  post(
    body: unknown,
    opts?: { token?: string | null; role?: Role; headers?: Record<string, string> },
  ): Promise<{ status: number; text: string; json: unknown; headers: Headers }>;
  close(): Promise<void>;
}

export interface TestApiOptions extends Partial<Omit<ApiOptions, 'store'>> {
  webDist?: string;
}

export async function startTestApi(store: Store, opts: TestApiOptions = {}): Promise<TestApi> {
  const api = await createApi({
    log: pino({ level: 'silent' }),
    ...opts,
    store,
    webDist: opts.webDist ?? null,
  });
  const server: Server = await listen(api, 0, '127.0.0.1');
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  const tokens = new Map<Role, string>();
  const token = async (role: Role) => {
    if (!tokens.has(role))
      tokens.set(role, await issueToken({ username: `test-${role.toLowerCase()}`, role }));
    return tokens.get(role)!;
  };
  const authHeaders = async (o: { token?: string | null; role?: Role }): Promise<Record<string, string>> => {
    const bearer = o.token === null ? null : (o.token ?? (await token(o.role ?? 'ADMIN')));
    return bearer ? { authorization: `Bearer ${bearer}` } : {};
  };
  return {
    url,
    store,
    api,
    server,
    token,
    async gql(query, variables, o = {}) {
      const res = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(o.cookie ? { cookie: o.cookie } : await authHeaders(o)),
          ...o.headers,
        },
        body: JSON.stringify({ query, variables }),
      });
      return { status: res.status, ...((await res.json()) as object) };
    },
    async post(body, o = {}) {
      const res = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(await authHeaders(o)), ...o.headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await res.text();
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
      return { status: res.status, text, json, headers: res.headers };
    },
    close: () => shutdown(api, server, { drainMs: 5_000 }),
  };
}
