// Sorting and filtering of the affected-entities table (pure, so large reports can be
// tested without a DOM and re-sorted without re-querying).
import type { AffectedRow } from './model';

export type SortKey = 'name' | 'kind' | 'state' | 'disruptedAtHours' | 'failedAtHours' | 'depth';
export interface SortSpec {
  key: SortKey;
  dir: 'asc' | 'desc';
}

export interface RowFilter {
  text?: string;
  kinds?: ReadonlySet<string>;
  states?: ReadonlySet<string>;
}

export function filterRows(rows: readonly AffectedRow[], f: RowFilter): AffectedRow[] {
  const text = f.text?.trim().toLowerCase() ?? '';
  return rows.filter(
    (r) =>
      (!f.kinds || f.kinds.size === 0 || f.kinds.has(r.kind)) &&
      (!f.states || f.states.size === 0 || f.states.has(r.state)) &&
      (text === '' || r.name.toLowerCase().includes(text) || r.id.toLowerCase().includes(text)),
  );
}

const STATE_ORDER: Record<string, number> = { FAILED: 0, DEGRADED: 1 };

/** Missing times (a degraded entity has no failure time) sort last in either direction. */
export function sortRows(rows: readonly AffectedRow[], sort: SortSpec): AffectedRow[] {
  const sign = sort.dir === 'asc' ? 1 : -1;
  const value = (r: AffectedRow): string | number | null => {
    switch (sort.key) {
      case 'name':
        return r.name.toLowerCase();
      case 'kind':
        return r.kind;
      case 'state':
        return STATE_ORDER[r.state] ?? 9;
      case 'disruptedAtHours':
        return r.disruptedAtHours;
      case 'failedAtHours':
        return r.failedAtHours;
      case 'depth':
        return r.because.length;
    }
  };
  return rows
    .map((r, i) => ({ r, i, v: value(r) }))
    .sort((a, b) => {
      if (a.v === null && b.v === null) return a.i - b.i;
      if (a.v === null) return 1;
      if (b.v === null) return -1;
      const c = a.v < b.v ? -1 : a.v > b.v ? 1 : 0;
      return c !== 0 ? c * sign : a.r.name.localeCompare(b.r.name) || a.i - b.i;
    })
    .map((x) => x.r);
}
