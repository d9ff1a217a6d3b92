// An overall time limit per GraphQL request. Neo4j ends its own transactions at
// SMART_QUERY_TIMEOUT_MS; this bounds everything else (the engine, a slow client
// of the response). A request over the limit is answered 503 REQUEST_TIMEOUT; the
// work behind it is abandoned (its transaction times out on its own).
import type { RequestHandler } from 'express';
import { sendError } from './responses';

export function requestTimeout(ms: (req: Parameters<RequestHandler>[0]) => number): RequestHandler {
  return (req, res, next) => {
    const limit = ms(req);
    const timer = setTimeout(() => {
      res.locals.timedOut = true;
      sendError(
        res,
        503,
        'REQUEST_TIMEOUT',
        `the request took longer than ${Math.round(limit / 1000)} s and was stopped; ask for less at once`,
      );
    }, limit);
    timer.unref();
    const clear = () => clearTimeout(timer);
    res.on('finish', clear);
    res.on('close', clear);
    next();
  };
}
