// The one-port server: GraphQL at /graphql, /healthz and /readyz, sign-in at /auth,
// and the built web app at /. Apollo Server 5 on Express 5. SECURITY.md describes
// the defences wired here.
import type { ImportHooks } from './import-reading';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ApolloServer, type ApolloServerOptions } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { limitKey, schemaReady, type Store, syncAnalysisSlots } from '@smart/store';
import express, { type ErrorRequestHandler, type Express, type Request } from 'express';
import type { GraphQLFieldResolver } from 'graphql';
import { type Logger, pino } from 'pino';
import { AnalysisPool } from './analysis/pool';
import { authenticate, sessionRoutes } from './auth/session';
import { BLANK_TEMPLATE_PATH, blankTemplateRoute } from './blank-template';
import type { Principal } from './auth/tokens';
import { type Context, createContext } from './context';
import { partialFieldResolver } from './loaders';
import { makeFormatError, unavailable } from './errors';
import { resolvers } from './resolvers';
import { typeDefs } from './schema';
import { authorizationPlugin } from './security/authorization';
import { graphqlBody, isImportRequest } from './security/body';
import { cors, corsOriginsFromEnv } from './security/cors';
import { type AnalysisHooks, AnalysisGate, analysisGuardPlugin } from './security/analyses';
import { impactCsvExport } from './reports/export';
import { securityHeaders } from './security/headers';
import { loopbackHostOnly } from './security/host';
import { type SecurityLimits, limitsFromEnv } from './security/limits';
import { operationGuards } from './security/operations';
import { graphqlRateLimit } from './security/rate-limit';
import { sendError } from './security/responses';
import { minGroupFromEnv } from './security/scope';
import { scopePlugin } from './security/scope-plugin';
import { requestTimeout } from './security/timeout';

export interface ApiOptions {
  store: Store;
  log?: Logger;
  /** Folder of the built web app; served at / when present. */
  webDist?: string | null;
  /** 'off' only for one user on a loopback-only server (checked by listen()). */
  auth?: 'on' | 'off';
  /** Production mode: no introspection, no field suggestions. Default: NODE_ENV=production. */
  production?: boolean;
  /** Abuse limits; defaults from the environment (security/limits.ts). */
  limits?: Partial<SecurityLimits>;
  /** Origins allowed to call the API from a browser; default SMART_CORS_ORIGINS (none). */
  corsOrigins?: string[];
  /** Test seams around analyses (security/analyses.ts). */
  hooks?: AnalysisHooks;
  /** Test seam in importTemplate (import-reading.ts). */
  importHooks?: ImportHooks;
  /** The sign-in backoff's clock (ms since the epoch); tests pass their own. */
  now?: () => number;
  /** k of the small-group protection (issue 19); default SMART_MIN_GROUP, else 5. */
  minGroup?: number;
}

export interface Api {
  app: Express;
  apollo: ApolloServer<Context>;
  options: Required<Pick<ApiOptions, 'auth'>> & ApiOptions;
  limits: SecurityLimits;
  /** The analysis worker pool, the projection it runs on and the results derived from it. */
  analysis: AnalysisPool;
  /** Set while shutting down: /readyz answers 503 so a load balancer stops sending. */
  state: { draining: boolean };
  /** Each user's running analyses (GraphQL and the CSV export). */
  analysisGate: AnalysisGate;
}

const LOCAL_ADMIN: Principal = { username: 'local', role: 'ADMIN' };

export async function createApi(options: ApiOptions): Promise<Api> {
  const log = options.log ?? pino({ level: process.env.LOG_LEVEL ?? 'info' });
  const auth = options.auth ?? 'on';
  const production = options.production ?? process.env.NODE_ENV === 'production';
  const limits: SecurityLimits = { ...limitsFromEnv(), ...options.limits };
  const state = { draining: false };
  const minGroup = options.minGroup ?? minGroupFromEnv();
  const { store } = options;
  const analysis = new AnalysisPool({
    store,
    log,
    workers: limits.analysisWorkers,
    nice: limits.analysisNice,
    queue: limits.analysisQueue,
    taskTimeoutMs: limits.analysisTimeoutMs,
    derivedBytes: limits.analysisCacheBytes,
    riskRefreshMs: limits.riskRefreshMs,
    firstLoadWaitMs: limits.projectionWaitMs,
    gate: options.hooks?.taskGate,
  });

  const guards = operationGuards(limits, production);
  // One count of running analyses per user, for GraphQL and the CSV export alike.
  // Shared by the replicas on one Neo4j through leases synced as the rate limits are (DESIGN §7).
  const gate = new AnalysisGate(limits.maxConcurrentAnalysesPerUser, {
    key: (who) => limitKey('analysis-slots', who),
    sync: (replica, counts, users, expiresAt, now) =>
      syncAnalysisSlots(store, replica, counts, users, expiresAt, now),
    syncMs: limits.rateSyncMs,
    onError: (err) => log.warn({ err }, 'could not share the analysis slots'),
  });

  const apollo = new ApolloServer<Context>({
    typeDefs,
    resolvers,
    fieldResolver: partialFieldResolver as GraphQLFieldResolver<unknown, Context>,
    introspection: !production,
    includeStacktraceInErrorResponses: false,
    formatError: makeFormatError(log),
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    // A document of more tokens is refused while lexing, before any syntax tree is built.
    parseOptions: guards.parseOptions,
    // (Cast: @apollo/server may resolve another copy of graphql-js's types than this package.)
    validationRules: guards.validationRules as unknown as ApolloServerOptions<Context>['validationRules'],
    plugins: [
      ...guards.plugins,
      authorizationPlugin(),
      // Need to know: root fields without a scope decision are refused to scoped users.
      scopePlugin(),
      // Prices analyses on the current graph and limits them per user (needs the context).
      analysisGuardPlugin(limits, analysis, options.hooks, gate),
      ApolloServerPluginLandingPageDisabled(),
    ],
    logger: {
      debug: (m: unknown) => log.debug(m),
      info: (m: unknown) => log.info(m),
      warn: (m: unknown) => log.warn(m),
      error: (m: unknown) => log.error(m),
    },
  });
  await apollo.start();

  const app = express();
  app.disable('x-powered-by');
  // Whose X-Forwarded-For / -Proto to believe: loopback (a proxy on this host) unless
  // SMART_TRUST_PROXY names the proxy's addresses (or a hop count).
  const trust = process.env.SMART_TRUST_PROXY?.trim() || 'loopback';
  app.set('trust proxy', /^\d+$/.test(trust) ? Number(trust) : trust);
  // With auth off every request is ADMIN: answer only those addressed to loopback (DNS rebinding).
  if (auth === 'off') app.use(loopbackHostOnly());
  app.use(securityHeaders());
  app.use(cors(options.corsOrigins ?? corsOriginsFromEnv()));

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    if (state.draining) {
      res.status(503).json({ status: 'draining' });
      return;
    }
    try {
      const ready = await schemaReady(store);
      // The analysis tier's state is said, not waited for: search, edits and imports run
      // while the first projection loads (analyses answer BUSY meanwhile).
      res.status(ready ? 200 : 503).json({
        status: ready ? 'ready' : 'schema not applied',
        neo4j: 'reachable',
        analysis: analysis.readiness(),
      });
    } catch {
      res.status(503).json({ status: 'unavailable', neo4j: 'unreachable' });
    }
  });

  app.get(BLANK_TEMPLATE_PATH, blankTemplateRoute(log));
  app.use('/auth', sessionRoutes({ store, limits, log, now: options.now }));
  const who = authenticate(store, auth === 'off' ? LOCAL_ADMIN : undefined);
  // One request budget per token (or address) for /graphql and the exports together.
  const rateLimit = graphqlRateLimit(limits, { store, log });
  app.get(
    '/export/impact.csv',
    who,
    rateLimit,
    impactCsvExport({ store, log, analysis, limits, templateLimits: limits.templateLimits, gate }),
  );
  app.use(
    '/graphql',
    // Who is asking, from the headers alone: the rate limit and the body limit depend on it.
    who,
    rateLimit,
    graphqlBody(limits),
    requestTimeout((req: Request) =>
      isImportRequest(req, limits.maxTokens) ? limits.importTimeoutMs : limits.requestTimeoutMs,
    ),
    expressMiddleware(apollo, {
      context: async ({ res }) => {
        // Revocation could not be checked (Neo4j down since the start): refuse, clearly.
        if (res.locals.authError) throw unavailable();
        return createContext({
          principal: (res.locals.principal as Principal | null) ?? null,
          store,
          log,
          pool: analysis,
          signal: res.locals.signal as AbortSignal | undefined,
          templateLimits: limits.templateLimits,
          minGroup,
          importHooks: options.importHooks,
        });
      },
    }),
  );

  const webDist = options.webDist ? resolve(options.webDist) : null; // sendFile needs an absolute path
  if (webDist && existsSync(join(webDist, 'index.html'))) {
    app.use(express.static(webDist, { index: false, maxAge: '1h' }));
    // Client-side routes (deep links) all load the app shell.
    app.get(/^\/(?!graphql|healthz|readyz|auth\/|export\/).*/, (_req, res) => {
      res.sendFile(join(webDist, 'index.html'));
    });
  }

  // Whatever reaches here failed outside GraphQL (a malformed body, a too-large one, a
  // bug): a short JSON answer, never Express's HTML page with a stack trace.
  const onError: ErrorRequestHandler = (err, req, res, _next) => {
    if (res.locals.timedOut || res.headersSent) return;
    const e = err as { status?: number; statusCode?: number; type?: string; expose?: boolean };
    const status = e.status ?? e.statusCode ?? 500;
    if (status >= 500) {
      log.error({ err, method: req.method, path: req.path }, 'unexpected error in an HTTP request');
      sendError(res, 500, 'INTERNAL_SERVER_ERROR', 'internal error; the server log has the details');
    } else if (e.type === 'entity.parse.failed') {
      sendError(res, 400, 'BAD_REQUEST', 'the request body is not valid JSON');
    } else if (e.type === 'entity.too.large') {
      sendError(res, 413, 'PAYLOAD_TOO_LARGE', 'the request body is too large');
    } else {
      sendError(res, status, 'BAD_REQUEST', 'the request could not be read');
    }
  };
  app.use(onError);

  return { app, apollo, options: { ...options, auth, log }, limits, analysis, state, analysisGate: gate };
}
