// Security headers (helmet). The content security policy fits the built web app:
// Vite emits module scripts and styles served from 'self'; Sigma draws with WebGL
// (no CSP needed) and graphology's layout runs in workers built from blobs.
// `upgrade-insecure-requests` and HSTS go only on requests that arrived over HTTPS
// (directly or through a trusted proxy): on a plain-HTTP local run, production mode
// included (the Docker image), they would make the browser ask for https:// URLs
// that nothing serves.
import type { RequestHandler } from 'express';
import helmet from 'helmet';

function headers(secure: boolean): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'worker-src': ["'self'", 'blob:'],
        'img-src': ["'self'", 'data:', 'blob:'],
        'style-src': ["'self'", "'unsafe-inline'"],
        'font-src': ["'self'", 'data:'],
        'connect-src': ["'self'"],
        'object-src': ["'none'"],
        'frame-ancestors': ["'none'"],
        'form-action': ["'self'"],
        'base-uri': ["'self'"],
        'upgrade-insecure-requests': secure ? [] : null,
      },
    },
    strictTransportSecurity: secure,
    // Cross-origin isolation would break nothing here, but keep embedding rules simple.
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'no-referrer' },
  });
}

export function securityHeaders(): RequestHandler {
  const overTls = headers(true);
  const plain = headers(false);
  return (req, res, next) => (req.secure ? overTls : plain)(req, res, next);
}
