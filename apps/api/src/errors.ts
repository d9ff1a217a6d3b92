// What a client may see of an error: our own coded errors keep their message; a
// database outage becomes SERVICE_UNAVAILABLE; anything else is logged and masked,
// so no stack trace, Cypher or internal path ever reaches a client.
import { unwrapResolverError } from '@apollo/server/errors';
import { ImportInProgressError, StoreUnavailableError } from '@smart/store';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';

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

export function unavailable(): GraphQLError {
  return new GraphQLError('the graph database is unavailable; try again shortly', {
    extensions: { code: 'SERVICE_UNAVAILABLE', http: { status: 503 } },
  });
}

export function makeFormatError(log: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof StoreUnavailableError) {
      return {
        message: unavailable().message,
        path: formatted.path,
        extensions: { code: 'SERVICE_UNAVAILABLE' },
      };
    }
    // A write while a staged import runs: refused, and the client may try again later.
    if (original instanceof ImportInProgressError)
      return { message: original.message, path: formatted.path, extensions: { code: 'CONFLICT' } };
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
