// `npm start` / `npm run dev`: database up if needed, schema, demo data on an empty
// database, the web app built (or Vite's dev server), the API on one port.
import { createApi, drainOnSignals, issueToken, listen } from '@smart/api';
import { graphStats } from '@smart/store';
import { pino } from 'pino';
import { WEB_DIST, WEB_ROOT } from '../paths';
import { openStore } from './database';
import { seedDemoIfEmpty } from './seed';
import { ensureWebBuilt } from './web-build';

export async function startStack(opts: { dev: boolean }): Promise<void> {
  const log = pino({ level: process.env.LOG_LEVEL ?? 'info' });
  const say = (m: string) => console.log(m);
  const store = await openStore({ log: say });
  await seedDemoIfEmpty(store, say);
  if (!opts.dev) await ensureWebBuilt(say);

  const auth = process.env.SMART_AUTH === 'off' ? 'off' : 'on';
  const host = process.env.HOST ?? '127.0.0.1';
  const port = Number(process.env.PORT ?? 4000);
  const api = await createApi({ store, log, webDist: opts.dev ? null : WEB_DIST, auth });
  const server = await listen(api, port, host);

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
    const token = await issueToken({ username: 'admin', role: 'ADMIN', ttlSeconds: 12 * 3600 });
    say(`  Open     ${base}/?token=${token}`);
    say('           (sign-in link for the local admin, valid 12 hours)\n');
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
