// The one-port server: GraphQL at /graphql, /healthz and /readyz, and the built web
// app at /. Apollo Server 5 on Express 5.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ProjectionCache, schemaReady, type Store } from '@smart/store';
import express, { type Express } from 'express';
import helmet from 'helmet';
import { type Logger, pino } from 'pino';
import { principalOf, sessionRoutes } from './auth/session';
import type { Principal } from './auth/tokens';
import { type Context, createContext } from './context';
import { makeFormatError } from './errors';
import { resolvers } from './resolvers';
import { typeDefs } from './schema';

export interface ApiOptions {
  store: Store;
  log?: Logger;
  /** Folder of the built web app; served at / when present. */
  webDist?: string | null;
  /** 'off' only for one user on a loopback-only server (checked by listen()). */
  auth?: 'on' | 'off';
  production?: boolean;
}

export interface Api {
  app: Express;
  apollo: ApolloServer<Context>;
  options: Required<Pick<ApiOptions, 'auth'>> & ApiOptions;
}

const LOCAL_ADMIN: Principal = { username: 'local', role: 'ADMIN' };

export async function createApi(options: ApiOptions): Promise<Api> {
  const log = options.log ?? pino({ level: process.env.LOG_LEVEL ?? 'info' });
  const auth = options.auth ?? 'on';
  const production = options.production ?? process.env.NODE_ENV === 'production';
  const { store } = options;
  const projections = new ProjectionCache(store);

  const apollo = new ApolloServer<Context>({
    typeDefs,
    resolvers,
    introspection: !production,
    includeStacktraceInErrorResponses: false,
    formatError: makeFormatError(log),
    csrfPrevention: true,
  });
  await apollo.start();

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          // Sigma draws with WebGL and workers built from blobs.
          'worker-src': ["'self'", 'blob:'],
          'img-src': ["'self'", 'data:', 'blob:'],
        },
      },
    }),
  );

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    try {
      const ready = await schemaReady(store);
      res
        .status(ready ? 200 : 503)
        .json({ status: ready ? 'ready' : 'schema not applied', neo4j: 'reachable' });
    } catch {
      res.status(503).json({ status: 'unavailable', neo4j: 'unreachable' });
    }
  });

  app.use('/auth', sessionRoutes());
  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      context: async ({ req }) =>
        createContext({
          principal: auth === 'off' ? LOCAL_ADMIN : await principalOf(req),
          store,
          log,
          projections,
        }),
    }),
  );

  const webDist = options.webDist;
  if (webDist && existsSync(join(webDist, 'index.html'))) {
    app.use(express.static(webDist, { index: false, maxAge: '1h' }));
    // Client-side routes (deep links) all load the app shell.
    app.get(/^\/(?!graphql|healthz|readyz|auth\/).*/, (_req, res) => {
      res.sendFile(join(webDist, 'index.html'));
    });
  }

  return { app, apollo, options: { ...options, auth, log } };
}
