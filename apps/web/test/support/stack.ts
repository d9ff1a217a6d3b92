// The real stack for an end-to-end test: the demo ecosystem in the tests' own Neo4j,
// the API serving the built web app on an ephemeral port, and Debian's Chromium.
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { type Api, createApi, type ImportHooks, issueToken, listen, shutdown } from '@smart/api';
import type { Template } from '@smart/domain';
import { importTemplate, issueSignInCode, Store } from '@smart/store';
import { hasErrors, readTemplate } from '@smart/templates';
import { pino } from 'pino';
import { type Browser, chromium, type Page } from 'playwright-core';
import { build } from 'vite';
import { expect, inject } from 'vitest';
import { resetDatabase } from '../../../../test/support/neo4j';

const WEB_ROOT = 'apps/web';
// Absolute: the API's fallback for deep links uses res.sendFile, which needs one.
const WEB_DIST = resolve('apps/web/dist');
export const SHOTS = 'test-results';

export interface Stack {
  store: Store;
  base: string;
  /** An ADMIN bearer token for direct GraphQL calls. */
  token: string;
  /** A one-time sign-in link for the ADMIN (a link carries a code, never a bearer token). */
  signInUrl(): Promise<string>;
  browser: Browser;
  page: Page;
  consoleErrors: string[];
  /** POSTs to /graphql as ADMIN and expects no error. */
  gql<T>(query: string, variables?: Record<string, unknown>): Promise<T>;
  close(): Promise<void>;
}

/** The newest modification time under a folder. */
function newest(dir: string): number {
  let t = 0;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const s = statSync(p);
    t = Math.max(t, s.isDirectory() ? newest(p) : s.mtimeMs);
  }
  return t;
}

/** Builds the app when the bundle is missing or older than its sources. */
async function buildWeb(): Promise<void> {
  const index = join(WEB_DIST, 'index.html');
  const stale =
    !existsSync(index) ||
    statSync(index).mtimeMs <
      Math.max(newest(join(WEB_ROOT, 'src')), statSync(join(WEB_ROOT, 'index.html')).mtimeMs);
  if (!stale) return;
  // Vitest sets NODE_ENV=test, which Vite would honour: build what users get.
  const env = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ root: WEB_ROOT, mode: 'production', logLevel: 'warn' });
  } finally {
    process.env.NODE_ENV = env;
  }
}

/** The stack over the demo ecosystem, or over `opts.template` when a test needs a small map. */
export async function startStack(
  opts: { template?: Template; importHooks?: ImportHooks } = {},
): Promise<Stack> {
  const store = new Store({
    uri: inject('neo4jUri'),
    user: 'neo4j',
    password: inject('neo4jPassword'),
    queryTimeoutMs: 30_000,
  });
  await resetDatabase(store);
  let template = opts.template;
  if (!template) {
    const demo = await readTemplate('packages/seed/demo');
    expect(hasErrors(demo.problems)).toBe(false);
    template = demo.template;
  }
  await importTemplate(store, template, { actor: 'e2e' });
  await buildWeb();

  const api: Api = await createApi({
    store,
    webDist: WEB_DIST,
    log: pino({ level: 'silent' }),
    importHooks: opts.importHooks,
  });
  const server: Server = await listen(api, 0, '127.0.0.1');
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const token = await issueToken({ username: 'e2e', role: 'ADMIN' });

  mkdirSync(SHOTS, { recursive: true });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  });
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.setDefaultTimeout(30_000);
  const consoleErrors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(e.message));

  const gql = async <T>(query: string, variables: Record<string, unknown> = {}): Promise<T> => {
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data?: T; errors?: { message: string }[] };
    expect(body.errors).toBeUndefined();
    return body.data!;
  };

  return {
    store,
    base,
    token,
    signInUrl: async () => {
      const { code } = await issueSignInCode(store, { username: 'e2e', role: 'ADMIN' }, 'e2e');
      return `${base}/?code=${encodeURIComponent(code)}`;
    },
    browser,
    page,
    consoleErrors,
    gql,
    close: async () => {
      await browser.close();
      await shutdown(api, server);
      await store.close();
    },
  };
}
