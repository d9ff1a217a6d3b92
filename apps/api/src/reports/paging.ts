// Cursor paging over a report's rows. A report is recomputed for every request, but
// for one graph version and one set of arguments its rows come out in the same order,
// so a cursor is an offset tagged with the version and a fingerprint of the arguments:
// one handed to another report (another version, input, filter or order) is refused
// instead of silently pointing into a different list.
import { badInput } from '../resolvers/failures';

/** Most rows one page may hold; a whole report is read through GET /export/impact.csv. */
export const MAX_PAGE = 1000;
export const DEFAULT_PAGE = 100;

export interface Page<T> {
  totalCount: number;
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** FNV-1a over the JSON of the arguments: short, stable, not a secret (cursors are opaque, not signed). */
export function fingerprint(value: unknown): string {
  const text = JSON.stringify(value);
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}

interface CursorBody {
  v: string;
  k: string;
  o: number;
}

export function encodeCursor(version: string, key: string, offset: number): string {
  return Buffer.from(JSON.stringify({ v: version, k: key, o: offset } satisfies CursorBody)).toString(
    'base64url',
  );
}

/** The offset after which the page starts (0 without a cursor); refuses a cursor of another report. */
export function decodeCursor(
  after: string | null | undefined,
  version: string,
  key: string,
  argument = 'after',
): number {
  if (after === null || after === undefined) return 0;
  let body: Partial<CursorBody>;
  try {
    body = JSON.parse(Buffer.from(after, 'base64url').toString('utf8')) as Partial<CursorBody>;
  } catch {
    body = {};
  }
  if (typeof body?.v !== 'string' || typeof body.k !== 'string' || !Number.isInteger(body.o) || body.o! < 0)
    throw badInput(argument, 'is not a cursor of this list: pass an endCursor or edge cursor it returned');
  if (body.v !== version)
    throw badInput(
      argument,
      `this cursor belongs to graph version ${body.v}, the report is for version ${version}: the graph changed, start again without \`${argument}\``,
    );
  if (body.k !== key)
    throw badInput(
      argument,
      `this cursor belongs to another report (another input, filter or order): start again without \`${argument}\``,
    );
  return body.o!;
}

/**
 * The offset a cursor of the list `key` points after (0 without one), whatever its graph
 * version; null for one that is not a cursor of that list. decodeCursor checks it fully.
 */
export function cursorOffset(after: string | null | undefined, key: string): number | null {
  if (after === null || after === undefined) return 0;
  try {
    const body = JSON.parse(Buffer.from(after, 'base64url').toString('utf8')) as Partial<CursorBody>;
    return body?.k === key && typeof body.v === 'string' && Number.isInteger(body.o) && body.o! >= 0
      ? body.o!
      : null;
  } catch {
    return null;
  }
}

/** `first` within [0, MAX_PAGE]. */
export function pageSize(first: number | null | undefined, argument = 'first'): number {
  const n = first ?? DEFAULT_PAGE;
  if (!Number.isInteger(n) || n < 0 || n > MAX_PAGE)
    throw badInput(argument, `must be a whole number from 0 to ${MAX_PAGE} (the CSV export has every row)`);
  return n;
}

/** One page of `rows` (already filtered and ordered) after `offset`. */
export function pageOf<T, N>(
  rows: readonly T[],
  offset: number,
  first: number,
  version: string,
  key: string,
  node: (row: T) => N,
): Page<N> {
  const start = Math.min(offset, rows.length);
  const end = Math.min(rows.length, start + first);
  const edges = [];
  for (let i = start; i < end; i++)
    edges.push({ cursor: encodeCursor(version, key, i + 1), node: node(rows[i]!) });
  return {
    totalCount: rows.length,
    edges,
    pageInfo: {
      hasNextPage: end < rows.length,
      endCursor: edges.length ? edges[edges.length - 1]!.cursor : null,
    },
  };
}
