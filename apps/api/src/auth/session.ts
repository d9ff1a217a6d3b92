// The web app's session: a sign-in link's token (or, later, a password sign-in) is
// exchanged for an HttpOnly, SameSite=Strict cookie, so no script can read it and no
// other site can send it.
import express, { type Request, type Router } from 'express';
import { type Principal, verifyToken } from './tokens';

export const SESSION_COOKIE = 'smart_session';

export function cookieValue(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

/** The principal of a request: a bearer token first, else the session cookie. */
export async function principalOf(req: Request): Promise<Principal | null> {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) return verifyToken(header.slice(7).trim());
  const cookie = cookieValue(req, SESSION_COOKIE);
  return cookie ? verifyToken(cookie) : null;
}

export function sessionRoutes(): Router {
  const router = express.Router();
  router.use(express.json({ limit: '8kb' }));
  router.post('/session', async (req, res) => {
    const token = typeof req.body?.token === 'string' ? req.body.token : '';
    const principal = token ? await verifyToken(token) : null;
    if (!principal) {
      res.status(401).json({ error: 'this sign-in link is not valid or has expired' });
      return;
    }
    res.cookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'strict',
      secure: req.secure,
      path: '/',
      maxAge: 12 * 3600 * 1000,
    });
    res.json({ username: principal.username, role: principal.role });
  });
  router.post('/logout', (_req, res) => {
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.json({ ok: true });
  });
  return router;
}
