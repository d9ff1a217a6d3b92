// An overall time limit per GraphQL request. Neo4j ends its own transactions at
// SMART_QUERY_TIMEOUT_MS; this bounds everything else (the engine, a slow client
// of the response). A request over the limit is answered 503 REQUEST_TIMEOUT; its
// analysis tasks are aborted through `res.locals.signal` (their workers are freed), as
// they are when the client goes away first; a Neo4j transaction times out on its own.
import type { RequestHandler } from 'express';
import { sendError } from './responses';

export function requestTimeout(ms: (req: Parameters<RequestHandler>[0]) => number): RequestHandler {
  return (req, res, next) => {
    const limit = ms(req);
    const abort = new AbortController();
    res.locals.signal = abort.signal;
    const timer = setTimeout(() => {
      res.locals.timedOut = true;
      abort.abort();
      sendError(
        res,
        503,
        'REQUEST_TIMEOUT',
        `the request took longer than ${Math.round(limit / 1000)} s and was stopped; ask for less at once`,
      );
    }, limit);
    timer.unref();
    res.on('finish', () => clearTimeout(timer));
    res.on('close', () => {
      clearTimeout(timer);
      // Closed before the whole answer was sent: the client is gone, stop its work.
      if (!res.writableFinished) abort.abort();
    });
    next();
  };
}
