// Errors a resolver raises on purpose, with the codes of DESIGN.md §4, and the
// translation of the engine's and the store's own errors into them.
import { InvalidInputError, UnknownEntityError } from '@smart/engine';
import { EditError } from '@smart/store';
import { GraphQLError } from 'graphql';

export function badInput(argument: string, message: string): GraphQLError {
  return new GraphQLError(`${argument}: ${message}`, {
    extensions: { code: 'BAD_USER_INPUT', argument },
  });
}

export function notFound(ids: readonly string[]): GraphQLError {
  const list = ids.map((id) => `'${id}'`).join(', ');
  return new GraphQLError(`no entity has id ${list}`, { extensions: { code: 'NOT_FOUND', ids } });
}

/** Runs `work`, turning engine and store errors about the request into client errors. */
export async function answering<T>(work: () => T | Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof UnknownEntityError) throw notFound(err.ids);
    if (err instanceof InvalidInputError)
      throw badInput(err.field, err.message.replace(`${err.field}: `, ''));
    if (err instanceof EditError) {
      if (err.code === 'BAD_USER_INPUT') throw badInput(err.field, err.message);
      // A conflict names the argument in its message too, as bad input does.
      const message = err.code === 'CONFLICT' ? `${err.field}: ${err.message}` : err.message;
      throw new GraphQLError(message, { extensions: { code: err.code, argument: err.field } });
    }
    throw err;
  }
}

/** An integer argument within [min, max]. */
export function boundedInt(
  argument: string,
  value: number | null | undefined,
  fallback: number,
  min: number,
  max: number,
): number {
  const v = value ?? fallback;
  if (!Number.isInteger(v) || v < min || v > max)
    throw badInput(argument, `must be a whole number from ${min} to ${max}`);
  return v;
}

/** Outage durations: > 0 and at most ten years; null/omitted = indefinite. */
export const MAX_DURATION_HOURS = 24 * 365 * 10;
export function duration(argument: string, value: number | null | undefined): number | undefined {
  if (value === null || value === undefined) return undefined;
  if (!Number.isFinite(value) || value <= 0 || value > MAX_DURATION_HOURS) {
    throw badInput(
      argument,
      `must be a number of hours above 0 and at most ${MAX_DURATION_HOURS}, or omitted for an indefinite outage`,
    );
  }
  return value;
}
