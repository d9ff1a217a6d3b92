// `npm start` / `npm run dev`: database up if needed, schema, demo data on an empty
// database when wanted, the web app built (or Vite's dev server), the API on one port,
// and a one-time sign-in link when it is safe to print one.
import { createApi, drainOnSignals, isLoopbackHost, listen } from '@smart/api';
import { type Store, graphStats, issueSignInCode, listUsers, signInCodeTtlFromEnv } from '@smart/store';
import { pino } from 'pino';
import { WEB_DIST, WEB_ROOT } from '../paths';
import { openStore } from './database';
import { seedDemoIfEmpty } from './seed';
import { ensureWebBuilt } from './web-build';

/**
 * Demo data on an empty database: SMART_DEMO=1 asks for it, SMART_DEMO=0 refuses it;
 * unset, a local run gets it and production (NODE_ENV=production, the Docker image)
 * does not: a real deployment must not start out with invented suppliers.
 */
export function demoWanted(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.SMART_DEMO === '1') return true;
  if (env.SMART_DEMO === '0') return false;
  if (env.SMART_DEMO) throw new Error(`SMART_DEMO must be 1 or 0, not '${env.SMART_DEMO}'`);
  return env.NODE_ENV !== 'production';
}

/**
 * What to print about signing in. A one-time sign-in link (a code, not a token: one
 * use, SMART_SIGN_IN_CODE_TTL_SECONDS, audited) only when the server listens on
 * loopback (the person who started it is the one who can open it) or no user exists
 * yet (the first start: someone must get in). Otherwise logs (Docker's included)
 * carry no way in, only how to create users.
 */
export async function signInNotice(
  store: Store,
  opts: { host: string; base: string; env?: NodeJS.ProcessEnv },
): Promise<string[]> {
  const users = (await listUsers(store)).length;
  const create = 'npm run user -- add NAME --role admin';
  if (!isLoopbackHost(opts.host) && users > 0)
    return [`  Sign in  with a username and password (new users: ${create})`];
  const ttlSeconds = signInCodeTtlFromEnv(opts.env);
  const issued = await issueSignInCode(store, { username: 'admin', role: 'ADMIN', ttlSeconds }, 'start');
  const lines = [
    `  Open     ${opts.base}/?code=${issued.code}`,
    `           (one-time sign-in link for the local admin: one use, valid ${Math.round(ttlSeconds / 60)} min;`,
    `            revoke it with: npm run token -- revoke-code ${issued.id})`,
  ];
  if (users === 0) lines.push(`           No users yet: create a named admin with ${create}`);
  return [...lines, ''];
}

/**
 * Whether this process serves the built web app beside the API: SMART_SERVE_WEB=0 runs
 * the API alone (a replica behind a proxy that serves the app from elsewhere), with no
 * web build at start.
 */
export function webWanted(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.SMART_SERVE_WEB === undefined || env.SMART_SERVE_WEB === '1') return true;
  if (env.SMART_SERVE_WEB === '0') return false;
  throw new Error(`SMART_SERVE_WEB must be 1 or 0, not '${env.SMART_SERVE_WEB}'`);
}

export async function startStack(opts: { dev: boolean }): Promise<void> {
  const log = pino({ level: process.env.LOG_LEVEL ?? 'info' });
  const say = (m: string) => console.log(m);
  const store = await openStore({ log: say });
  if (demoWanted()) await seedDemoIfEmpty(store, say);
  const serveWeb = webWanted();
  if (!opts.dev && serveWeb) await ensureWebBuilt(say);

  const auth = process.env.SMART_AUTH === 'off' ? 'off' : 'on';
  const host = process.env.HOST ?? '127.0.0.1';
  const port = Number(process.env.PORT ?? 4000);
  const api = await createApi({ store, log, webDist: opts.dev || !serveWeb ? null : WEB_DIST, auth });
  const server = await listen(api, port, host);
  // The projection loads now, not at the first analysis (about a minute at L).
  api.analysis.warm();

  let base = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
  let vite: { close(): Promise<void> } | undefined;
  if (opts.dev) {
    const { createServer } = await import('vite');
    const devServer = await createServer({ root: WEB_ROOT, configFile: `${WEB_ROOT}/vite.config.ts` });
    await devServer.listen();
    vite = devServer;
    base = devServer.resolvedUrls?.local[0]?.replace(/\/$/, '') ?? 'http://127.0.0.1:5173';
  }

  const stats = await graphStats(store);
  const entities = stats.counts.reduce((n, c) => n + c.count, 0);
  say(`\nSMART Graph is running: ${entities} entities, ${stats.dependencies} dependencies.`);
  say(`  API      ${`http://${host}:${port}`}/graphql   (health: /healthz, /readyz)`);
  if (auth === 'on') {
    for (const line of await signInNotice(store, { host, base })) say(line);
  } else {
    say(`  Open     ${base}/   (SMART_AUTH=off: single user on this machine)\n`);
  }

  // SIGTERM/SIGINT: /readyz turns 503, in-flight requests finish, then the rest closes.
  drainOnSignals(api, server, {
    cleanup: async () => {
      await vite?.close();
      await store.close();
    },
  });
}
