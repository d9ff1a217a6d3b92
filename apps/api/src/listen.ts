import type { Server } from 'node:http';
import type { Api } from './app';

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/** Listens on host:port; with auth off, only a loopback host is allowed (DESIGN.md §6). */
export async function listen(api: Api, port: number, host: string): Promise<Server> {
  if (api.options.auth === 'off' && !LOOPBACK.has(host)) {
    throw new Error(
      `SMART_AUTH=off is refused: the server would listen on ${host}. Listen on 127.0.0.1 (HOST=127.0.0.1) or keep auth on.`,
    );
  }
  return new Promise((resolve, reject) => {
    const server = api.app.listen(port, host, (err?: Error) => (err ? reject(err) : resolve(server)));
  });
}

/** Stops accepting connections, lets in-flight requests finish, then stops Apollo. */
export async function shutdown(api: Api, server: Server): Promise<void> {
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
  await api.apollo.stop();
}
