/**
 * Errors the engine throws for bad requests. They carry a `code` so the API can
 * map them to GraphQL error codes without inspecting messages.
 */

/** One or more ids named in a request do not exist in the graph (API: NOT_FOUND). */
export class UnknownEntityError extends Error {
  override readonly name = 'UnknownEntityError';
  readonly code = 'NOT_FOUND' as const;
  readonly ids: readonly string[];

  constructor(ids: readonly string[]) {
    super(
      `unknown entity id${ids.length === 1 ? '' : 's'}: ${ids.map((id) => JSON.stringify(id)).join(', ')}`,
    );
    this.ids = ids;
  }
}

/** An argument is out of range or malformed (API: BAD_USER_INPUT). `field` names it. */
export class InvalidInputError extends Error {
  override readonly name = 'InvalidInputError';
  readonly code = 'BAD_USER_INPUT' as const;
  readonly field: string;

  constructor(field: string, message: string) {
    super(`${field}: ${message}`);
    this.field = field;
  }
}
