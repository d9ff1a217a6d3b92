// The systemic-risk ranking's columns (each with its unit), their sort, and the
// single-point-of-failure chart's entries: one per supplier with its services under it,
// and bar widths proportional to their values.

export interface RankingRow {
  entity: {
    id: string;
    name: string;
    kind: string;
    category?: string | null;
    supplier?: { id: string; name: string } | null;
  };
  score: number;
  capacityLoss: number;
  /** Null for a user scoped to organizations when fewer than k are affected (issue 19). */
  organizationsAffected?: number | null;
  /** As shown: the number, or "< k" when suppressed. */
  organizationsAffectedCount?: { display: string };
  workflowsFailed: number;
  functionsImpaired: number;
  directDependents: number;
  singlePointOfFailureFor: number;
}

export type SortKey =
  | 'rank'
  | 'name'
  | 'category'
  | 'score'
  | 'capacityLoss'
  | 'organizationsAffected'
  | 'workflowsFailed'
  | 'functionsImpaired'
  | 'directDependents'
  | 'singlePointOfFailureFor';

export type SortDir = 'ascending' | 'descending';

export interface Sort {
  key: SortKey;
  dir: SortDir;
}

/** The ranking as the server sends it: by score, highest first. */
export const DEFAULT_SORT: Sort = { key: 'rank', dir: 'ascending' };

export interface Column {
  key: SortKey;
  /** The header, naming what is counted. */
  label: string;
  /** The unit, shown under the header. */
  unit?: string;
  /** What the number means (the header's tooltip). */
  title?: string;
  numeric: boolean;
}

/**
 * The columns, with units. Capacity loss is Σ over critical functions of the share of
 * the function's daily volume lost (DESIGN §3, each share 0–1), so its unit is
 * "functions' worth": 6.90 = as much capacity as 6.9 critical functions stopping entirely.
 */
export function rankingColumns(indefinite: boolean): Column[] {
  const cols: Column[] = [
    { key: 'rank', label: '#', numeric: true, title: 'Rank by score' },
    { key: 'name', label: 'Entity', numeric: false },
    { key: 'category', label: 'Category', numeric: false },
    {
      key: 'score',
      label: 'Score',
      unit: 'points',
      numeric: true,
      title:
        '100 × capacity loss + 10 × organizations affected + Σ over failed workflows of (6 − criticality) / 5',
    },
    {
      key: 'capacityLoss',
      label: 'Capacity loss',
      unit: "functions' worth",
      numeric: true,
      title:
        "Σ over critical functions of the share of each function's daily volume lost: 6.90 = as much as 6.9 critical functions stopping entirely",
    },
    { key: 'organizationsAffected', label: 'Affected', unit: 'organizations', numeric: true },
    { key: 'workflowsFailed', label: 'Failed', unit: 'workflows', numeric: true },
    {
      key: 'functionsImpaired',
      label: 'Impaired',
      unit: 'critical functions',
      numeric: true,
      title: 'Critical functions with a capacity loss above 0',
    },
    {
      key: 'directDependents',
      label: 'Direct dependents',
      unit: 'entities',
      numeric: true,
      title:
        'Distinct entities with a dependency on it (for a supplier: on it or on one of its services); the same number as on its Details',
    },
  ];
  // Indefinitely, the workflows it alone fails ARE its sole-dependency count: one column is enough.
  if (!indefinite)
    cols.push({
      key: 'singlePointOfFailureFor',
      label: 'Sole dependency of',
      unit: 'workflows',
      numeric: true,
      title: 'Workflows that fail when it alone fails indefinitely',
    });
  return cols;
}

const sortValue = (r: RankingRow, rank: number, key: SortKey): number | string => {
  switch (key) {
    case 'rank':
      return rank;
    case 'name':
      return r.entity.name;
    case 'category':
      return r.entity.category ?? '';
    default:
      // A suppressed count ("< k") sorts below every shown one.
      return r[key] ?? -1;
  }
};

export interface Ranked {
  rank: number;
  row: RankingRow;
}

/** Rows (in the server's score order) sorted by a column; ties keep the score order. */
export function sortRanking(rows: readonly RankingRow[], sort: Sort): Ranked[] {
  const ranked = rows.map((row, i) => ({ rank: i + 1, row }));
  const sign = sort.dir === 'ascending' ? 1 : -1;
  return ranked.sort((a, b) => {
    const va = sortValue(a.row, a.rank, sort.key);
    const vb = sortValue(b.row, b.rank, sort.key);
    const c =
      typeof va === 'number' && typeof vb === 'number'
        ? va - vb
        : String(va).localeCompare(String(vb), undefined, { sensitivity: 'base' });
    return sign * c || a.rank - b.rank;
  });
}

/** A click on a column's header: the same column flips, another starts at its natural order. */
export function nextSort(current: Sort, key: SortKey, numeric: boolean): Sort {
  if (current.key === key) return { key, dir: current.dir === 'ascending' ? 'descending' : 'ascending' };
  // numbers biggest first (the rank smallest first), text A to Z
  return { key, dir: numeric && key !== 'rank' ? 'descending' : 'ascending' };
}

/** Bar widths in percent of the longest, proportional to the values (0 for 0). */
export function barWidths(values: readonly number[]): number[] {
  const max = Math.max(0, ...values);
  return values.map((v) => (max > 0 ? (Math.max(0, v) / max) * 100 : 0));
}

export interface SpofEntry {
  row: RankingRow;
  /** The supplier's own services that are single points of failure too, largest first. */
  services: RankingRow[];
}

const bySpof = (a: RankingRow, b: RankingRow) =>
  b.singlePointOfFailureFor - a.singlePointOfFailureFor || a.entity.name.localeCompare(b.entity.name);

/**
 * The single points of failure, one entry per supplier with its services under it (a
 * failed supplier fails its services, so listing both side by side counts the same
 * workflows twice); a service whose supplier is not listed stands alone.
 */
export function spofEntries(rows: readonly RankingRow[], first = 25): SpofEntry[] {
  const spof = rows.filter((r) => r.singlePointOfFailureFor > 0);
  const suppliers = new Map<string, SpofEntry>();
  for (const r of spof)
    if (r.entity.kind === 'SUPPLIER') suppliers.set(r.entity.id, { row: r, services: [] });
  const entries: SpofEntry[] = [...suppliers.values()];
  for (const r of spof) {
    if (r.entity.kind === 'SUPPLIER') continue;
    const parent = r.entity.supplier ? suppliers.get(r.entity.supplier.id) : undefined;
    if (parent) parent.services.push(r);
    else entries.push({ row: r, services: [] });
  }
  for (const e of entries) e.services.sort(bySpof);
  return entries.sort((a, b) => bySpof(a.row, b.row)).slice(0, first);
}
