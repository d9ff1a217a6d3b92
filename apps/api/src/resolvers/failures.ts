// Errors a resolver raises on purpose, with the codes of DESIGN.md §4. The engine's and
// the store's own errors are translated into them in one place, formatError (../errors.ts).
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
