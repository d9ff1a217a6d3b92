// Who a request is, and the web app's session. A bearer token (Authorization header)
// or the session cookie carries a signed JWT; it must be genuine, unexpired and not
// revoked. The web app exchanges a sign-in link's one-time code, or a username and
// password, for a fresh token in an HttpOnly, SameSite=Strict cookie, so no script can
// read it and no other site can send it. A sign-in link never carries a bearer token.
import {
  type Store,
  StoreUnavailableError,
  authenticateUser,
  getUser,
  recordTokenIssued,
  redeemSignInCode,
  revokeTokenId,
} from '@smart/store';
import express, { type Request, type RequestHandler, type Response, type Router } from 'express';
import type { Logger } from 'pino';
import type { SecurityLimits } from '../security/limits';
import { loginFailureLimit, signInRequestLimit } from '../security/rate-limit';
import { SignInBackoff, StoreLedger } from '../security/sign-in-backoff';
import { type RevocationList, revocationsFor } from './revocation';
import { type Principal, issueTokenWithInfo, verifyToken } from './tokens';

export const SESSION_COOKIE = 'smart_session';
/** A password or sign-in-code session lasts at most this long. */
export const SESSION_TTL_SECONDS = 12 * 3600;

export function cookieValue(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/** The token a request carries: a bearer token first, else the session cookie. */
export function requestToken(req: Request): string | undefined {
  const header = req.headers.authorization;
  if (typeof header === 'string' && /^Bearer\s/i.test(header)) return header.slice(7).trim();
  return cookieValue(req, SESSION_COOKIE);
}

/** The principal of a valid, unrevoked token; null otherwise. Throws StoreUnavailableError when revocation cannot be checked at all. */
export async function principalOfToken(
  token: string | undefined,
  revocations: RevocationList,
): Promise<Principal | null> {
  if (!token) return null;
  const principal = await verifyToken(token);
  if (!principal) return null;
  return (await revocations.isRevoked(principal)) ? null : principal;
}

/** The principal of a request (bearer token, else the session cookie), revocation checked. */
export async function principalOf(req: Request, revocations: RevocationList): Promise<Principal | null> {
  return principalOfToken(requestToken(req), revocations);
}

/**
 * Express middleware: res.locals.principal is who the request is (null when no valid
 * token); res.locals.authError is set when revocation could not be checked (Neo4j
 * down before the first check), so the request fails as SERVICE_UNAVAILABLE.
 */
export function authenticate(store: Store, fixed?: Principal): RequestHandler {
  const revocations = revocationsFor(store);
  return async (req, res, next) => {
    if (fixed) {
      res.locals.principal = fixed;
      next();
      return;
    }
    try {
      res.locals.principal = await principalOf(req, revocations);
    } catch (err) {
      res.locals.principal = null;
      res.locals.authError = err instanceof StoreUnavailableError ? err : new StoreUnavailableError(err);
    }
    next();
  };
}

function setSessionCookie(req: Request, res: Response, token: string, expiresAtMs: number): void {
  res.cookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure: req.secure,
    path: '/',
    maxAge: Math.max(0, Math.min(SESSION_TTL_SECONDS * 1000, expiresAtMs - Date.now())),
  });
}

function fail(res: Response, status: number, error: string): void {
  res.status(status).json({ error });
}

export function sessionRoutes(opts: {
  store: Store;
  limits: SecurityLimits;
  log: Logger;
  /** The backoff's clock (ms since the epoch); tests pass their own. */
  now?: () => number;
}): Router {
  const { store, limits, log } = opts;
  const revocations = revocationsFor(store);
  const backoff = new SignInBackoff(
    {
      freeFailures: limits.signInFreeFailures,
      maxMs: limits.signInBackoffMaxMs,
      userFreeFailures: limits.signInUserFreeFailures,
      userMaxMs: limits.signInUserBackoffMaxMs,
    },
    new StoreLedger(store),
    opts.now,
  );
  const router = express.Router();
  // Every sign-in and sign-out request counts, successful or not (each may be audited).
  router.use(signInRequestLimit(limits, { store, log }));
  // JSON only: a cross-site form cannot send it without a CORS preflight.
  router.use(express.json({ limit: '8kb' }));

  /** A sign-in link's one-time code becomes a fresh session (the code is used up). */
  router.post('/session', async (req, res) => {
    const code = typeof req.body?.code === 'string' ? req.body.code : '';
    if (!code) {
      fail(res, 400, 'send {"code": "…"} as JSON: the code of a sign-in link');
      return;
    }
    try {
      const redeemed = await redeemSignInCode(store, code, { ip: req.ip });
      if (!redeemed.ok) {
        fail(res, 401, 'this sign-in link is not valid, was used already, has expired or was revoked');
        return;
      }
      // A code for a scoped user signs them in with their scope (issue 19).
      const user = await getUser(store, redeemed.username);
      const issued = await issueTokenWithInfo({
        username: redeemed.username,
        role: redeemed.role,
        ttlSeconds: SESSION_TTL_SECONDS,
        organizations: user?.organizations ?? [],
      });
      await recordTokenIssued(store, issued, `sign-in-code:${redeemed.id}`);
      setSessionCookie(req, res, issued.token, issued.expiresAtMs);
      res.json({ username: redeemed.username, role: redeemed.role });
    } catch (err) {
      if (err instanceof StoreUnavailableError) {
        fail(res, 503, 'the graph database is unavailable; try again shortly');
        return;
      }
      log.error({ err }, 'sign-in link failed');
      fail(res, 500, 'sign-in failed; the server log has the details');
    }
  });

  /** Username and password become a session cookie carrying a token with the user's role. */
  router.post('/login', loginFailureLimit(limits, { store, log }), async (req, res) => {
    const username = typeof req.body?.username === 'string' ? req.body.username : '';
    const password = typeof req.body?.password === 'string' ? req.body.password : '';
    if (!username || !password) {
      fail(res, 400, 'send {"username": "…", "password": "…"} as JSON');
      return;
    }
    const ip = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    let wait: number;
    try {
      // Counted as a failure when not refused, before the password is checked (and
      // forgiven if it is right), so parallel guesses cannot all slip in meanwhile.
      wait = await backoff.attempt(username, ip);
    } catch (err) {
      if (err instanceof StoreUnavailableError) {
        fail(res, 503, 'the graph database is unavailable; try again shortly');
        return;
      }
      log.error({ err }, 'sign-in backoff failed');
      fail(res, 500, 'sign-in failed; the server log has the details');
      return;
    }
    if (wait > 0) {
      // Refused before the password is even checked: guessing gains nothing here.
      const seconds = Math.ceil(wait / 1000);
      res.setHeader('Retry-After', String(seconds));
      fail(res, 429, `too many failed sign-ins for this username: try again in ${seconds} s`);
      return;
    }
    try {
      const user = await authenticateUser(store, username, password);
      if (!user) {
        log.warn({ username: username.slice(0, 64), ip: req.ip }, 'failed sign-in');
        fail(res, 401, 'wrong username or password');
        return;
      }
      const issued = await issueTokenWithInfo({
        username: user.username,
        role: user.role,
        ttlSeconds: SESSION_TTL_SECONDS,
        organizations: user.organizations,
      });
      await backoff.succeed(username, ip);
      await recordTokenIssued(store, issued, `login:${user.username}`);
      setSessionCookie(req, res, issued.token, issued.expiresAtMs);
      res.json({ username: user.username, role: user.role });
    } catch (err) {
      if (err instanceof StoreUnavailableError) {
        fail(res, 503, 'the graph database is unavailable; try again shortly');
        return;
      }
      log.error({ err }, 'sign-in failed');
      fail(res, 500, 'sign-in failed; the server log has the details');
    }
  });

  /** Ends the session: the cookie is cleared and its token revoked (once: a replay writes nothing). */
  router.post('/logout', async (req, res) => {
    const token = cookieValue(req, SESSION_COOKIE);
    let principal: Principal | null = null;
    try {
      principal = await principalOfToken(token, revocations);
    } catch {
      // Neo4j unreachable: the cookie is still cleared below.
    }
    if (principal?.tokenId) {
      try {
        await revokeTokenId(store, principal.tokenId, principal.username, principal.expiresAtMs);
        revocations.noteRevokedToken(principal.tokenId);
      } catch (err) {
        log.warn({ err }, 'could not revoke the session token at sign-out');
      }
    }
    res.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'strict', secure: req.secure });
    res.json({ ok: true });
  });
  return router;
}
