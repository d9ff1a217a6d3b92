// Rate limits: GraphQL requests per token (per client IP without a valid token), and
// failed password sign-ins per IP and per username. In memory, per API process: a
// deployment with several replicas multiplies them (see SECURITY.md).
import type { Request, RequestHandler, Response } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import type { Principal } from '../auth/tokens';
import type { SecurityLimits } from './limits';
import { sendError } from './responses';

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
export function graphqlRateLimit(limits: SecurityLimits): RequestHandler {
  return rateLimit({
    windowMs: MINUTE,
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

/** Failed sign-ins per client IP, and per username from any IP (successes do not count). */
export function loginRateLimits(limits: SecurityLimits): RequestHandler[] {
  const common = {
    windowMs: 15 * MINUTE,
    standardHeaders: 'draft-8' as const,
    legacyHeaders: false,
    skipSuccessfulRequests: true,
    handler: tooMany('too many failed sign-ins: wait 15 minutes and try again'),
  };
  return [
    rateLimit({
      ...common,
      limit: limits.loginFailuresPer15Min,
      keyGenerator: (req) => `ip:${clientIp(req)}`,
    }),
    rateLimit({
      ...common,
      limit: limits.loginFailuresPerUserPer15Min,
      keyGenerator: (req) => {
        const name =
          typeof req.body?.username === 'string' ? req.body.username.slice(0, 64).toLowerCase() : '';
        return `user:${name}`;
      },
    }),
  ];
}
