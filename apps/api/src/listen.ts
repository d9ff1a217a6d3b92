import type { Server } from 'node:http';
import type { Api } from './app';
import { isLoopbackHost } from './security/host';

export { isLoopbackHost };

/** Listens on host:port; with auth off, only a loopback host is allowed (DESIGN.md §6). */
export async function listen(api: Api, port: number, host: string): Promise<Server> {
  if (api.options.auth === 'off' && !isLoopbackHost(host)) {
    throw new Error(
      `SMART_AUTH=off is refused: the server would listen on ${host || 'every interface'}. Listen on 127.0.0.1 (HOST=127.0.0.1) or keep auth on.`,
    );
  }
  return new Promise((resolve, reject) => {
    const server = api.app.listen(port, host, (err?: Error) => (err ? reject(err) : resolve(server)));
    // A client gets 20 s to send its headers and 5 minutes for the whole request
    // (a 32 MB template over a slow link); idle keep-alive sockets close after 5 s.
    server.headersTimeout = 20_000;
    server.requestTimeout = 300_000;
    server.keepAliveTimeout = 5_000;
  });
}

/**
 * Stops accepting connections, lets in-flight requests finish (at most drainMs, then
 * the remaining connections are closed), then stops Apollo. /readyz answers 503 from
 * the start, so a load balancer stops sending.
 */
export async function shutdown(api: Api, server: Server, opts: { drainMs?: number } = {}): Promise<void> {
  api.state.draining = true;
  const drainMs = opts.drainMs ?? 25_000;
  await new Promise<void>((resolve) => {
    // Keep-alive connections that finish their request in the meantime are closed too.
    const idle = setInterval(() => server.closeIdleConnections(), 250);
    const deadline = setTimeout(() => server.closeAllConnections(), drainMs);
    server.close(() => {
      clearInterval(idle);
      clearTimeout(deadline);
      resolve();
    });
    server.closeIdleConnections();
  });
  await api.apollo.stop();
  await api.analysisGate.close();
  await api.analysis.close();
}

/**
 * SIGTERM and SIGINT drain the server (see shutdown), then run `cleanup` (close the
 * store, …) and exit 0. A second signal exits at once.
 */
export function drainOnSignals(
  api: Api,
  server: Server,
  opts: { cleanup?: () => Promise<void>; drainMs?: number; exit?: (code: number) => void } = {},
): void {
  const exit = opts.exit ?? ((code: number) => process.exit(code));
  const log = api.options.log;
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      log?.warn({ signal }, 'second signal: exiting without waiting');
      exit(1);
      return;
    }
    stopping = true;
    log?.info({ signal }, 'shutting down: draining in-flight requests');
    shutdown(api, server, { drainMs: opts.drainMs })
      .then(() => opts.cleanup?.())
      .then(
        () => exit(0),
        (err: unknown) => {
          log?.error({ err }, 'error while shutting down');
          exit(1);
        },
      );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}
