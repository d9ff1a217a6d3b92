// What a client sees of an error (errors.ts): coded errors keep their own message and
// nothing of Apollo's internals; anything else is masked.
import { InvalidInputError, OverviewDimensionError, UnknownEntityError } from '@smart/engine';
import { EditError, UserInputError, UserNotFoundError } from '@smart/store';
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

  it("translates the engine's and the store's request errors here, the one place (resolvers let them through)", () => {
    // As Apollo hands a resolver's error to formatError: wrapped, with its path.
    const thrown = (original: Error) =>
      format(
        { message: original.message, path: ['f'], locations: [{ line: 1, column: 3 }] },
        new GraphQLError(original.message, { path: ['f'], originalError: original }),
      );
    expect(thrown(new UnknownEntityError(['a', 'b']))).toEqual({
      message: "no entity has id 'a', 'b'",
      path: ['f'],
      locations: [{ line: 1, column: 3 }],
      extensions: { code: 'NOT_FOUND', ids: ['a', 'b'] },
    });
    expect(thrown(new InvalidInputError('input.durationHours', 'must be above 0'))).toMatchObject({
      message: 'input.durationHours: must be above 0',
      extensions: { code: 'BAD_USER_INPUT', argument: 'input.durationHours' },
    });
    expect(thrown(new OverviewDimensionError('A and B both split SERVICE'))).toMatchObject({
      message: 'groupBy: A and B both split SERVICE',
      extensions: { code: 'BAD_USER_INPUT', argument: 'groupBy' },
    });
    expect(thrown(new EditError('input.beds', 'must be a whole number ≥ 0'))).toMatchObject({
      message: 'input.beds: must be a whole number ≥ 0',
      extensions: { code: 'BAD_USER_INPUT', argument: 'input.beds' },
    });
    expect(thrown(new EditError('expectedVersion', 'changed since you opened it', 'CONFLICT'))).toMatchObject(
      {
        message: 'expectedVersion: changed since you opened it',
        extensions: { code: 'CONFLICT', argument: 'expectedVersion' },
      },
    );
    expect(thrown(new UserInputError('a password has at least 10 characters'))).toMatchObject({
      message: 'a password has at least 10 characters',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    expect(thrown(new UserNotFoundError('zoe'))).toMatchObject({
      message: "there is no user named 'zoe'",
      extensions: { code: 'NOT_FOUND' },
    });
  });
});
