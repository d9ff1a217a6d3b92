// What a client may see of an error: our own coded errors keep their message; the
// engine's and the store's errors about the request become coded errors here, the one
// place they are translated (resolvers let them through); a database outage becomes
// SERVICE_UNAVAILABLE; anything else is logged and masked, so no stack trace, Cypher
// or internal path ever reaches a client.
import { unwrapResolverError } from '@apollo/server/errors';
import { InvalidInputError, OverviewDimensionError, UnknownEntityError } from '@smart/engine';
import {
  EditError,
  ImportInProgressError,
  IncidentClosedError,
  StoreUnavailableError,
  UndoError,
  UserInputError,
  UserNotFoundError,
} from '@smart/store';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import { badInput, notFound } from './resolvers/failures';

const PUBLIC_CODES = new Set([
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'SERVICE_UNAVAILABLE',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'QUERY_TOO_COMPLEX',
  'RATE_LIMITED',
  'ANALYSIS_COST_EXCEEDED',
  'BUSY',
  'PAYLOAD_TOO_LARGE',
  'REQUEST_TIMEOUT',
]);

/** True for the store's "the database is unavailable" (the request path's one test of it). */
export function isStoreUnavailable(err: unknown): boolean {
  return err instanceof StoreUnavailableError;
}

/** The store's outage error, for an answer that cannot be completed now (SERVICE_UNAVAILABLE). */
export function storeUnavailable(cause: Error): Error {
  return new StoreUnavailableError(cause);
}

export function unavailable(): GraphQLError {
  return new GraphQLError('the graph database is unavailable; try again shortly', {
    extensions: { code: 'SERVICE_UNAVAILABLE', http: { status: 503 } },
  });
}

/** An engine or store error about the request as the client error of DESIGN.md §4; else null. */
export function clientError(err: unknown): GraphQLError | null {
  if (err instanceof UnknownEntityError) return notFound(err.ids);
  if (err instanceof InvalidInputError) return badInput(err.field, err.message.replace(`${err.field}: `, ''));
  // Two overview dimensions that split one kind (only `sectorOverview(groupBy)` takes them).
  if (err instanceof OverviewDimensionError) return badInput('groupBy', err.message);
  if (err instanceof EditError) {
    if (err.code === 'BAD_USER_INPUT') return badInput(err.field, err.message);
    // A conflict names the argument in its message too, as bad input does.
    const message = err.code === 'CONFLICT' ? `${err.field}: ${err.message}` : err.message;
    return new GraphQLError(message, { extensions: { code: err.code, argument: err.field } });
  }
  if (err instanceof UserInputError)
    return new GraphQLError(err.message, { extensions: { code: 'BAD_USER_INPUT' } });
  if (err instanceof UserNotFoundError)
    return new GraphQLError(err.message, { extensions: { code: 'NOT_FOUND' } });
  // An update or close of an incident already closed: its state, not the input, is the obstacle.
  if (err instanceof IncidentClosedError)
    return new GraphQLError(`id: ${err.message}; a closed incident cannot be changed`, {
      extensions: { code: 'CONFLICT', argument: 'id' },
    });
  // Nothing to undo, or the map changed since the import: the undo is refused.
  if (err instanceof UndoError) return new GraphQLError(err.message, { extensions: { code: 'CONFLICT' } });
  // A write while a staged import runs: refused, and the client may try again later.
  if (err instanceof ImportInProgressError)
    return new GraphQLError(err.message, { extensions: { code: 'CONFLICT' } });
  return null;
}

/**
 * What a resolver threw, below the GraphQLErrors wrapping it. Walks `originalError`
 * itself: unwrapResolverError's instanceof fails when the wrapper comes from another
 * instance of graphql-js than @apollo/server's.
 */
function rootCause(error: unknown): unknown {
  let e = error;
  while (e instanceof Error && 'originalError' in e && e.originalError instanceof Error) e = e.originalError;
  return e;
}

export function makeFormatError(log: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const mapped = clientError(rootCause(error));
    if (mapped) {
      return {
        message: mapped.message,
        locations: formatted.locations,
        path: formatted.path,
        extensions: mapped.extensions,
      };
    }
    if (original instanceof StoreUnavailableError) {
      return {
        message: unavailable().message,
        path: formatted.path,
        extensions: { code: 'SERVICE_UNAVAILABLE' },
      };
    }
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && PUBLIC_CODES.has(code)) {
      const { stacktrace: _drop, exception: _drop2, ...extensions } = formatted.extensions ?? {};
      // Apollo prefixes errors thrown while building the context (an outage met while
      // reading revocations for a fresh API's first request): its wording, not ours.
      const message = formatted.message.replace(/^Context creation failed: /, '');
      return { ...formatted, message, extensions };
    }
    log.error({ err: original, path: formatted.path }, 'unexpected error in GraphQL operation');
    return {
      message: 'internal error; the server log has the details',
      path: formatted.path,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}
