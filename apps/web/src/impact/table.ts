// What the affected-entities and per-organization tables ask the server for: their
// filters and sort as GraphQL variables, and the same as the CSV export's address.
// Filtering, ordering and paging happen on the server (ImpactReport.affected).
import type {
  AffectedSortField,
  EntityKind,
  ImpactInput,
  ImpactState,
  WorkflowCategory,
} from '../generated/graphql';

export type SortKey = 'name' | 'kind' | 'state' | 'disruptedAtHours' | 'failedAtHours' | 'depth';
export interface SortSpec {
  key: SortKey;
  dir: 'asc' | 'desc';
}

export const SORT_FIELD: Record<SortKey, AffectedSortField> = {
  name: 'NAME',
  kind: 'KIND',
  state: 'STATE',
  disruptedAtHours: 'DISRUPTED_AT',
  failedAtHours: 'FAILED_AT',
  depth: 'DEPTH',
};

export interface RowFilter {
  text?: string;
  kinds?: readonly EntityKind[];
  states?: readonly ImpactState[];
  workflowCategories?: readonly WorkflowCategory[];
  /** Workflows of criticality ≤ this only. */
  maxCriticality?: number | null;
  /** FAILED entities failing in [from, to] hours only. */
  failsWithin?: { from: number; to: number } | null;
}

const list = <T>(xs: readonly T[] | undefined) => (xs?.length ? [...xs] : null);

/** The variables of AffectedPage (without input, first, after). */
export function affectedVariables(f: RowFilter, sort: SortSpec) {
  return {
    search: f.text?.trim() || null,
    kinds: list(f.kinds),
    states: list(f.states),
    workflowCategories: list(f.workflowCategories),
    maxCriticality: f.maxCriticality ?? null,
    failsWithin: f.failsWithin ?? null,
    orderBy: { field: SORT_FIELD[sort.key], direction: sort.dir === 'asc' ? 'ASC' : 'DESC' } as const,
  };
}

/** The window "fails within the next `hours` from `at`" (null: any time). */
export function windowFrom(at: number, hours: number | null): { from: number; to: number } | null {
  if (hours === null) return null;
  const from = Number.isFinite(at) ? Math.max(0, at) : 0;
  return { from: Math.round(from * 100) / 100, to: Math.round((from + hours) * 100) / 100 };
}

/** GET /export/impact.csv with the same input, filters and order as the table. */
export function csvUrl(input: ImpactInput, f: RowFilter, sort: SortSpec): string {
  const q = new URLSearchParams();
  q.set('input', JSON.stringify(input));
  const v = affectedVariables(f, sort);
  if (v.search) q.set('search', v.search);
  for (const k of v.kinds ?? []) q.append('kinds', k);
  for (const s of v.states ?? []) q.append('states', s);
  for (const c of v.workflowCategories ?? []) q.append('workflowCategories', c);
  if (v.maxCriticality !== null) q.set('maxCriticality', String(v.maxCriticality));
  if (v.failsWithin) {
    q.set('from', String(v.failsWithin.from));
    q.set('to', String(v.failsWithin.to));
  }
  q.set('orderBy', v.orderBy.field);
  q.set('direction', v.orderBy.direction);
  return `/export/impact.csv?${q.toString()}`;
}
