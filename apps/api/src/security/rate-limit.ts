// Rate limits: GraphQL requests per token (per client IP without a valid token), and
// sign-in requests and failed password sign-ins per IP (the per-username backoff is
// ./sign-in-backoff). Counted in Neo4j, shared by every API replica on it
// (./shared-rate-store: within about two sync intervals).
import type { Store } from '@smart/store';
import type { Request, RequestHandler, Response } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import type { Logger } from 'pino';
import type { Principal } from '../auth/tokens';
import type { SecurityLimits } from './limits';
import { sendError } from './responses';
import { SharedRateStore } from './shared-rate-store';

/** Where the counts are shared: the store every replica uses. */
export interface SharedCounts {
  store: Store;
  log: Logger;
}

function sharedStore(shared: SharedCounts, limits: SecurityLimits, name: string, windowMs: number) {
  return new SharedRateStore({
    store: shared.store,
    name,
    windowMs,
    syncMs: limits.rateSyncMs,
    onError: (err) => shared.log.warn({ err }, `could not share the ${name} rate-limit counts`),
  });
}

const MINUTE = 60_000;

function clientIp(req: Request): string {
  return ipKeyGenerator(req.ip ?? req.socket.remoteAddress ?? 'unknown');
}

function tooMany(message: string) {
  return (_req: Request, res: Response) => {
    sendError(res, 429, 'RATE_LIMITED', message);
  };
}

/** Keyed by the token (its jti) when the request carries a valid one, else by client IP. */
export function graphqlRateLimit(limits: SecurityLimits, shared: SharedCounts): RequestHandler {
  return rateLimit({
    windowMs: MINUTE,
    store: sharedStore(shared, limits, 'graphql', MINUTE),
    limit: (_req, res) => {
      const principal = res.locals.principal as Principal | null | undefined;
      return principal ? limits.requestsPerMinute : limits.anonymousRequestsPerMinute;
    },
    keyGenerator: (req, res) => {
      const principal = res.locals.principal as Principal | null | undefined;
      if (principal) return `token:${principal.tokenId ?? principal.username}`;
      return `ip:${clientIp(req)}`;
    },
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: tooMany('too many requests: slow down and try again in a minute'),
  });
}

/** Failed password sign-ins per client IP, whatever the username (successes do not count). */
export function loginFailureLimit(limits: SecurityLimits, shared: SharedCounts): RequestHandler {
  return rateLimit({
    windowMs: 15 * MINUTE,
    store: sharedStore(shared, limits, 'login-failures', 15 * MINUTE),
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    skipSuccessfulRequests: true,
    limit: limits.loginFailuresPer15Min,
    keyGenerator: (req) => `ip:${clientIp(req)}`,
    handler: tooMany('too many failed sign-ins from this address: wait 15 minutes and try again'),
  });
}

/**
 * Every sign-in, sign-in-link and sign-out request per client IP, successful or not:
 * each may write an audit event, and the audit trail is not a place to flood.
 */
export function signInRequestLimit(limits: SecurityLimits, shared: SharedCounts): RequestHandler {
  return rateLimit({
    windowMs: MINUTE,
    store: sharedStore(shared, limits, 'sign-in-requests', MINUTE),
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    limit: limits.signInRequestsPerMinute,
    keyGenerator: (req) => `ip:${clientIp(req)}`,
    handler: tooMany('too many sign-in requests from this address: wait a minute and try again'),
  });
}
