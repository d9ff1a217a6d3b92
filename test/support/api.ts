// A real API server on an ephemeral port over the test database, and a small
// GraphQL client for tests.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApi, issueToken, listen, shutdown } from '@smart/api';
import type { Role } from '@smart/domain';
import type { Store } from '@smart/store';
import { pino } from 'pino';

export interface TestApi {
  url: string;
  store: Store;
  token(role: Role): Promise<string>;
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    opts?: { token?: string | null; role?: Role },
  ): Promise<{
    status: number;
    data?: T;
    errors?: { message: string; path?: string[]; extensions?: { code?: string } }[];
  }>;
  close(): Promise<void>;
}

export async function startTestApi(store: Store, opts: { webDist?: string } = {}): Promise<TestApi> {
  const api = await createApi({ store, log: pino({ level: 'silent' }), webDist: opts.webDist ?? null });
  const server: Server = await listen(api, 0, '127.0.0.1');
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  const tokens = new Map<Role, string>();
  const token = async (role: Role) => {
    if (!tokens.has(role))
      tokens.set(role, await issueToken({ username: `test-${role.toLowerCase()}`, role }));
    return tokens.get(role)!;
  };
  return {
    url,
    store,
    token,
    async gql(query, variables, o = {}) {
      const bearer = o.token === null ? null : (o.token ?? (await token(o.role ?? 'ADMIN')));
      const res = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
        },
        body: JSON.stringify({ query, variables }),
      });
      return { status: res.status, ...((await res.json()) as object) };
    },
    close: () => shutdown(api, server),
  };
}
