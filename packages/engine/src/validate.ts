import { InvalidInputError, UnknownEntityError } from './errors';
import { type CompactGraph, type EntityKind, isEntityKind } from './graph';
import { type FailureSpec, IMPACT_DEFAULTS } from './types';

/** The failed set F as node indices (ascending, deduplicated) with their c*. */
export interface ResolvedFailures {
  nodes: Int32Array;
  /** c* per entry of `nodes`. */
  inoperability: Float64Array;
}

/**
 * Resolves F. Unknown ids are collected and reported together; a repeated id keeps
 * its largest inoperability.
 */
export function resolveFailures(g: CompactGraph, failed: readonly FailureSpec[]): ResolvedFailures {
  if (!Array.isArray(failed)) throw new InvalidInputError('failed', 'must be a list of {id, inoperability?}');
  const unknown: string[] = [];
  const byNode = new Map<number, number>();
  failed.forEach((spec, i) => {
    const id = spec?.id;
    if (typeof id !== 'string') throw new InvalidInputError(`failed[${i}].id`, 'must be a string');
    const c = spec.inoperability ?? IMPACT_DEFAULTS.inoperability;
    if (typeof c !== 'number' || !(c > 0 && c <= 1)) {
      throw new InvalidInputError(`failed[${i}].inoperability`, `must be in (0, 1], got ${String(c)}`);
    }
    const n = g.indexOf(id);
    if (n < 0) {
      if (!unknown.includes(id)) unknown.push(id);
      return;
    }
    byNode.set(n, Math.max(byNode.get(n) ?? 0, c));
  });
  if (unknown.length > 0) throw new UnknownEntityError(unknown);
  const nodes = Int32Array.from(byNode.keys()).sort();
  return { nodes, inoperability: Float64Array.from(nodes, (n) => byNode.get(n)!) };
}

/** D in hours: > 0, or Infinity when omitted. */
export function resolveDuration(durationHours: number | null | undefined, field = 'durationHours'): number {
  if (durationHours === undefined || durationHours === null) return Number.POSITIVE_INFINITY;
  if (typeof durationHours !== 'number' || Number.isNaN(durationHours) || durationHours <= 0) {
    throw new InvalidInputError(field, `must be a number of hours > 0, got ${String(durationHours)}`);
  }
  return durationHours;
}

export function resolveKinds(
  kinds: readonly EntityKind[] | null | undefined,
  fallback: readonly EntityKind[],
  field: string,
): EntityKind[] {
  if (kinds === undefined || kinds === null) return [...fallback];
  if (!Array.isArray(kinds)) throw new InvalidInputError(field, 'must be a list of entity kinds');
  for (const k of kinds) {
    if (!isEntityKind(k)) throw new InvalidInputError(field, `unknown entity kind ${JSON.stringify(k)}`);
  }
  return [...kinds];
}

/** A non-negative integer option (limit, first, maxDepth); undefined/null = fallback. */
export function resolveCount(value: number | null | undefined, fallback: number, field: string): number {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new InvalidInputError(field, `must be an integer ≥ 0, got ${String(value)}`);
  }
  return value;
}
