// DNS rebinding defence for SMART_AUTH=off. A hostile page can point its own name at
// 127.0.0.1 and then talk to the local server as "same origin"; with auth off every
// such request would be ADMIN. The browser still sends the page's name in Host, so
// only requests addressed to a loopback name or address, on the port the server
// listens on, are answered.
import { isIP } from 'node:net';
import type { RequestHandler } from 'express';
import { sendError } from './responses';

/** True for hosts that only this machine can reach: localhost, 127.0.0.0/8, ::1. */
export function isLoopbackHost(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, '');
  if (h === 'localhost') return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  if (isIP(h) === 6) return h === '::1' || h === '0:0:0:0:0:0:0:1' || /^::ffff:127\./.test(h);
  return false;
}

/** The host and port of a Host header (port 80 when absent); null when malformed. */
export function parseHostHeader(value: string): { host: string; port: number } | null {
  const m = /^(\[[0-9a-fA-F:.]+\]|[^:[\]\s]+)(?::(\d{1,5}))?$/.exec(value.trim());
  if (!m) return null;
  return { host: m[1]!, port: m[2] ? Number(m[2]) : 80 };
}

export function loopbackHostOnly(): RequestHandler {
  return (req, res, next) => {
    const parsed = parseHostHeader(req.headers.host ?? '');
    const port = req.socket.localPort;
    if (parsed && isLoopbackHost(parsed.host) && parsed.port === port) {
      next();
      return;
    }
    sendError(
      res,
      421,
      'MISDIRECTED_REQUEST',
      `with SMART_AUTH=off this server answers only requests addressed to localhost, 127.0.0.1 or [::1] on port ${port}; open http://127.0.0.1:${port}/`,
    );
  };
}
