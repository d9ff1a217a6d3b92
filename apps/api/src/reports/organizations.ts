// Results per organization: for an impact, each affected organization (itself
// affected, or one of its workflows: the summary's organizationsAffected) with its
// type, subsector, first clinical failure, workflows failed and degraded and the
// critical functions its affected workflows support. The workflow filters (category,
// time window) narrow what is counted, so every number agrees with the filters shown.
import { type CompactGraph, Kind } from '@smart/engine';
import {
  type AffectedRow,
  type HoursWindow,
  type SortDirection,
  matchesTerms,
  searchTerms,
} from './affected';

export interface OrganizationImpactRow {
  /** Projection index of the organization. */
  index: number;
  id: string;
  name: string;
  /** Organization type (free text in the template), null when not given. */
  type: string | null;
  subsector: string | null;
  /** The organization's own state when it is itself affected (in F, or through an edge). */
  state: 'FAILED' | 'DEGRADED' | null;
  /** Earliest failure of one of its counted CLINICAL workflows; null when none fails. */
  firstClinicalFailureAtHours: number | null;
  workflowsFailed: number;
  workflowsDegraded: number;
  /** Distinct critical functions supported by its counted workflows, by id. */
  criticalFunctions: string[];
}

export interface OrganizationFilter {
  /** Case-insensitive. */
  types?: readonly string[] | null;
  subsectors?: readonly string[] | null;
  /** Count workflows of these categories only (and list organizations with at least one). */
  workflowCategories?: readonly string[] | null;
  /** Count only workflows that fail in the window (and list organizations with at least one). */
  failsWithin?: HoursWindow | null;
  /** Every word in the organization's name, type or id. */
  search?: string | null;
}

export type OrganizationSortField =
  | 'FIRST_CLINICAL_FAILURE'
  | 'NAME'
  | 'TYPE'
  | 'SUBSECTOR'
  | 'WORKFLOWS_FAILED'
  | 'WORKFLOWS_DEGRADED'
  | 'CRITICAL_FUNCTIONS';
export interface OrganizationOrder {
  field: OrganizationSortField;
  direction?: SortDirection | null;
}
export const DEFAULT_ORGANIZATION_ORDER: OrganizationOrder = {
  field: 'FIRST_CLINICAL_FAILURE',
  direction: 'ASC',
};

export function organizationRows(
  g: CompactGraph,
  rows: readonly AffectedRow[],
  f: OrganizationFilter = {},
): OrganizationImpactRow[] {
  const categories = f.workflowCategories?.length
    ? new Set(f.workflowCategories.map((c) => c.toLowerCase()))
    : null;
  const w = f.failsWithin ?? null;
  const narrowed = categories !== null || w !== null;
  const byOrg = new Map<number, OrganizationImpactRow & { fns: Set<number> }>();
  const entry = (o: number) => {
    let e = byOrg.get(o);
    if (!e) {
      e = {
        index: o,
        id: g.ids[o]!,
        name: g.names[o]!,
        type: g.categories[o] ?? null,
        subsector: g.subsectors[o] ?? null,
        state: null,
        firstClinicalFailureAtHours: null,
        workflowsFailed: 0,
        workflowsDegraded: 0,
        criticalFunctions: [],
        fns: new Set(),
      };
      byOrg.set(o, e);
    }
    return e;
  };
  for (const r of rows) {
    const n = r.index;
    if (n < 0) continue;
    const kind = g.kinds[n];
    const a = r.entity;
    if (kind === Kind.ORGANIZATION) {
      if (!narrowed) entry(n).state = a.state;
      else if (byOrg.has(n)) byOrg.get(n)!.state = a.state;
      continue;
    }
    if (kind !== Kind.WORKFLOW || r.organization < 0) continue;
    const category = (g.categories[n] ?? '').toLowerCase();
    if (categories && !categories.has(category)) continue;
    if (w && (a.failedAtHours === null || a.failedAtHours < w.from || a.failedAtHours > w.to)) continue;
    const e = entry(r.organization);
    if (a.state === 'FAILED') {
      e.workflowsFailed++;
      if (category === 'clinical' && a.failedAtHours !== null)
        e.firstClinicalFailureAtHours = Math.min(
          e.firstClinicalFailureAtHours ?? Number.POSITIVE_INFINITY,
          a.failedAtHours,
        );
    } else e.workflowsDegraded++;
    for (let k = g.supports.offsets[n]!; k < g.supports.offsets[n + 1]!; k++)
      e.fns.add(g.supports.targets[k]!);
  }
  // An organization itself affected but listed before its workflows under a narrowing filter.
  if (narrowed)
    for (const r of rows)
      if (r.index >= 0 && g.kinds[r.index] === Kind.ORGANIZATION && byOrg.has(r.index))
        byOrg.get(r.index)!.state = r.entity.state;
  const types = f.types?.length ? new Set(f.types.map((t) => t.toLowerCase())) : null;
  const subsectors = f.subsectors?.length ? new Set(f.subsectors) : null;
  const terms = searchTerms(f.search);
  const out: OrganizationImpactRow[] = [];
  for (const { fns, ...e } of byOrg.values()) {
    if (types && !types.has((e.type ?? '').toLowerCase())) continue;
    if (subsectors && !subsectors.has(e.subsector ?? '')) continue;
    if (terms.length && !matchesTerms(`${e.name}\n${e.type ?? ''}\n${e.id}`.toLowerCase(), terms)) continue;
    e.criticalFunctions = [...fns].map((x) => g.ids[x]!).sort();
    out.push(e);
  }
  return out;
}

/** The distinct organization types among the rows, for a filter's choices. */
export function organizationTypes(rows: readonly OrganizationImpactRow[]): string[] {
  return [...new Set(rows.map((r) => r.type).filter((t): t is string => !!t))].sort();
}

function keyOf(r: OrganizationImpactRow, field: OrganizationSortField): number | string | null {
  switch (field) {
    case 'FIRST_CLINICAL_FAILURE':
      return r.firstClinicalFailureAtHours;
    case 'NAME':
      return r.name.toLowerCase();
    case 'TYPE':
      return r.type?.toLowerCase() ?? null;
    case 'SUBSECTOR':
      return r.subsector;
    case 'WORKFLOWS_FAILED':
      return r.workflowsFailed;
    case 'WORKFLOWS_DEGRADED':
      return r.workflowsDegraded;
    case 'CRITICAL_FUNCTIONS':
      return r.criticalFunctions.length;
  }
}

/** Ordered rows; nulls last either way, ties by more workflows failed, then name, then id. */
export function sortOrganizations(
  rows: readonly OrganizationImpactRow[],
  order: OrganizationOrder = DEFAULT_ORGANIZATION_ORDER,
): OrganizationImpactRow[] {
  const sign = order.direction === 'DESC' ? -1 : 1;
  return rows
    .map((r) => ({ r, k: keyOf(r, order.field), n: r.name.toLowerCase() }))
    .sort((a, b) => {
      if (a.k !== b.k) {
        if (a.k === null) return 1;
        if (b.k === null) return -1;
        return (a.k < b.k ? -1 : 1) * sign;
      }
      if (a.r.workflowsFailed !== b.r.workflowsFailed) return b.r.workflowsFailed - a.r.workflowsFailed;
      if (a.n !== b.n) return a.n < b.n ? -1 : 1;
      return a.r.id < b.r.id ? -1 : a.r.id > b.r.id ? 1 : 0;
    })
    .map((x) => x.r);
}
