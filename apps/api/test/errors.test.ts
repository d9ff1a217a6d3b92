// What a client sees of an error (errors.ts): coded errors keep their own message and
// nothing of Apollo's internals; anything else is masked.
import { GraphQLError } from 'graphql';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { makeFormatError } from '../src/errors';

const format = makeFormatError(pino({ level: 'silent' }));

describe('formatError', () => {
  it('drops Apollo\'s "Context creation failed" prefix from a coded error', () => {
    // As Apollo reports an outage met while the context is built (a fresh API's first request).
    const formatted = {
      message: 'Context creation failed: the graph database is unavailable; try again shortly',
      extensions: { code: 'SERVICE_UNAVAILABLE', stacktrace: ['at somewhere'] },
    };
    const out = format(formatted, new GraphQLError(formatted.message));
    expect(out.message).toBe('the graph database is unavailable; try again shortly');
    expect(out.extensions).toEqual({ code: 'SERVICE_UNAVAILABLE' });
  });

  it('masks an uncoded error whatever its message', () => {
    const out = format({ message: 'Context creation failed: ECONNREFUSED 10.0.0.7:7687' }, new Error('x'));
    expect(out).toEqual({
      message: 'internal error; the server log has the details',
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
  });
});
