// Security headers (helmet). The content security policy fits the built web app:
// Vite emits module scripts and styles served from 'self'; Sigma draws with WebGL
// (no CSP needed) and graphology's layout runs in workers built from blobs.
import type { RequestHandler } from 'express';
import helmet from 'helmet';

export function securityHeaders(opts: { production: boolean }): RequestHandler {
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
        // Behind a TLS proxy in production; a plain-HTTP local run must not be upgraded.
        'upgrade-insecure-requests': opts.production ? [] : null,
      },
    },
    // Cross-origin isolation would break nothing here, but keep embedding rules simple.
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'no-referrer' },
  });
}
