// The rows of an impact report as tables show them: each affected entity with the
// names shown beside it (its own, its organization's), filtered and ordered on the
// server so a client pages through a report of any size. Pure: the engine's result
// and the projection in, rows out (unit-tested in apps/api/test/reports.test.ts).
import { type CompactGraph, type ImpactedEntity, Kind } from '@smart/engine';

export type ImpactState = 'FAILED' | 'DEGRADED';

/** [from, to] in hours into the outage, both ends included. */
export interface HoursWindow {
  from: number;
  to: number;
}

export interface AffectedFilter {
  states?: readonly string[] | null;
  kinds?: readonly string[] | null;
  /** Of the entity's organization (itself, or the one a workflow or asset belongs to); case-insensitive. */
  organizationTypes?: readonly string[] | null;
  /** Of the entity's organization. */
  subsectors?: readonly string[] | null;
  /** Workflows of these categories only. */
  workflowCategories?: readonly string[] | null;
  /** Workflows with criticality ≤ this (1 is most critical) only. */
  maxCriticality?: number | null;
  /** FAILED entities whose failure time lies in the window only ("fails between now and now + N h"). */
  failsWithin?: HoursWindow | null;
  /** Every word must occur in the names shown (the entity's name, its organization's name) or the id. */
  search?: string | null;
  ids?: readonly string[] | null;
}

export type AffectedSortField =
  | 'FAILED_AT'
  | 'DISRUPTED_AT'
  | 'TIME'
  | 'NAME'
  | 'KIND'
  | 'STATE'
  | 'DEPTH'
  | 'CRITICALITY';
export type SortDirection = 'ASC' | 'DESC';
export interface AffectedOrder {
  field: AffectedSortField;
  direction?: SortDirection | null;
}
export const DEFAULT_AFFECTED_ORDER: AffectedOrder = { field: 'FAILED_AT', direction: 'ASC' };

/** One affected entity with what the tables show beside it. */
export interface AffectedRow {
  entity: ImpactedEntity;
  /** Projection index; -1 when the projection changed and lost it. */
  index: number;
  name: string;
  /** The organization it belongs to (itself for an organization), -1 for none. */
  organization: number;
}

/** Organization of an entity in the projection: itself, or the owner of a workflow or asset. */
export function organizationOf(g: CompactGraph, n: number): number {
  if (n < 0) return -1;
  const kind = g.kinds[n];
  if (kind === Kind.ORGANIZATION) return n;
  if (kind === Kind.WORKFLOW || kind === Kind.ASSET) {
    const p = g.parents;
    return p.offsets[n + 1]! > p.offsets[n]! ? p.targets[p.offsets[n]!]! : -1;
  }
  return -1;
}

/**
 * The table's rows of an impact's affected entities. `nodes` (the engine's
 * `affectedNodes`, when the impact ran on `g` itself) saves an id lookup per row.
 */
export function affectedRows(
  g: CompactGraph,
  affected: readonly ImpactedEntity[],
  nodes?: Int32Array,
): AffectedRow[] {
  return affected.map((entity, i) => {
    const index = nodes ? nodes[i]! : g.indexOf(entity.id);
    return {
      entity,
      index,
      name: index >= 0 ? g.names[index]! : entity.id,
      organization: organizationOf(g, index),
    };
  });
}

const lowerSet = (xs: readonly string[] | null | undefined) =>
  xs?.length ? new Set(xs.map((x) => x.toLowerCase())) : null;
const anySet = (xs: readonly string[] | null | undefined) => (xs?.length ? new Set(xs) : null);

/** Search words: lower case, split on white space. */
export const searchTerms = (text: string | null | undefined): string[] =>
  (text ?? '').toLowerCase().split(/\s+/).filter(Boolean);

export function matchesTerms(haystack: string, terms: readonly string[]): boolean {
  for (const t of terms) if (!haystack.includes(t)) return false;
  return true;
}

/** The text a row is searched in: what the table shows of it. */
export function shownText(g: CompactGraph, r: AffectedRow): string {
  const org = r.organization >= 0 && r.organization !== r.index ? g.names[r.organization]! : '';
  return `${r.name}\n${org}\n${r.entity.id}`.toLowerCase();
}

export function filterAffected(
  g: CompactGraph,
  rows: readonly AffectedRow[],
  f: AffectedFilter,
): AffectedRow[] {
  const states = anySet(f.states);
  const kinds = anySet(f.kinds);
  const types = lowerSet(f.organizationTypes);
  const subsectors = anySet(f.subsectors);
  const categories = lowerSet(f.workflowCategories);
  const ids = anySet(f.ids);
  const terms = searchTerms(f.search);
  const w = f.failsWithin ?? null;
  const maxC = f.maxCriticality ?? null;
  const workflowOnly = categories !== null || maxC !== null;
  return rows.filter((r) => {
    const e = r.entity;
    if (states && !states.has(e.state)) return false;
    if (kinds && !kinds.has(e.kind)) return false;
    if (ids && !ids.has(e.id)) return false;
    if (w && (e.failedAtHours === null || e.failedAtHours < w.from || e.failedAtHours > w.to)) return false;
    if (workflowOnly) {
      if (e.kind !== 'WORKFLOW' || r.index < 0) return false;
      if (categories && !categories.has((g.categories[r.index] ?? '').toLowerCase())) return false;
      if (maxC !== null) {
        const c = g.criticality[r.index]!;
        if (Number.isNaN(c) || c > maxC) return false;
      }
    }
    if (types || subsectors) {
      if (r.organization < 0) return false;
      if (types && !types.has((g.categories[r.organization] ?? '').toLowerCase())) return false;
      if (subsectors && !subsectors.has(g.subsectors[r.organization] ?? '')) return false;
    }
    if (terms.length && !matchesTerms(shownText(g, r), terms)) return false;
    return true;
  });
}

const STATE_RANK: Record<string, number> = { FAILED: 0, DEGRADED: 1 };
const KIND_RANK: Record<string, number> = {
  SUPPLIER: 0,
  ORGANIZATION: 1,
  SERVICE: 2,
  ASSET: 3,
  WORKFLOW: 4,
  CRITICAL_FUNCTION: 5,
};

/** Sort key of a row for a field; null (no failure time) sorts last in either direction. */
function keyOf(g: CompactGraph | null, r: AffectedRow, field: AffectedSortField): number | string | null {
  const e = r.entity;
  switch (field) {
    case 'FAILED_AT':
      return e.failedAtHours;
    case 'DISRUPTED_AT':
      return e.disruptedAtHours;
    case 'TIME':
      return e.failedAtHours ?? e.disruptedAtHours;
    case 'NAME':
      return r.name.toLowerCase();
    case 'KIND':
      return e.kind;
    case 'STATE':
      return STATE_RANK[e.state] ?? 9;
    case 'DEPTH':
      return e.because.length;
    case 'CRITICALITY': {
      const c = g && r.index >= 0 ? g.criticality[r.index]! : Number.NaN;
      return Number.isNaN(c) ? null : c;
    }
  }
}

/**
 * Rows in the requested order; ties by name then id, so the order (and every cursor
 * into it) is the same for every request of the same report. DEPTH is the canvas's
 * order: nearest the failure first, then FAILED before DEGRADED, suppliers before
 * organizations before services, assets, workflows and functions. CRITICALITY (needs
 * the projection `g`): most critical first, then earliest failure.
 */
export function sortAffected(
  rows: readonly AffectedRow[],
  order: AffectedOrder = DEFAULT_AFFECTED_ORDER,
  g: CompactGraph | null = null,
) {
  const sign = order.direction === 'DESC' ? -1 : 1;
  const keyed = rows.map((r) => ({ r, k: keyOf(g, r, order.field), n: r.name.toLowerCase() }));
  keyed.sort((a, b) => {
    if (a.k !== b.k) {
      if (a.k === null) return 1;
      if (b.k === null) return -1;
      return (a.k < b.k ? -1 : 1) * sign;
    }
    if (order.field === 'DEPTH') {
      const s = (STATE_RANK[a.r.entity.state] ?? 9) - (STATE_RANK[b.r.entity.state] ?? 9);
      if (s !== 0) return s * sign;
      const k = (KIND_RANK[a.r.entity.kind] ?? 9) - (KIND_RANK[b.r.entity.kind] ?? 9);
      if (k !== 0) return k * sign;
    }
    if (order.field === 'CRITICALITY') {
      // then the earliest failure, DEGRADED (no failure time) after FAILED
      const ta = a.r.entity.failedAtHours ?? Number.POSITIVE_INFINITY;
      const tb = b.r.entity.failedAtHours ?? Number.POSITIVE_INFINITY;
      if (ta !== tb) return ta < tb ? -1 : 1;
    }
    // Ties read alphabetically whichever way the column is sorted.
    if (a.n !== b.n) return a.n < b.n ? -1 : 1;
    return a.r.entity.id < b.r.entity.id ? -1 : a.r.entity.id > b.r.entity.id ? 1 : 0;
  });
  return keyed.map((x) => x.r);
}
