// The concentration heat map's data: supplier category × subsector, pivoted, and a
// sequential colour scale (light to dark blue: readable for colour-blind users and in
// greyscale, because lightness alone carries the value).

export interface Cell {
  supplierCategory: string;
  subsector: string;
  organizations: number;
  suppliers: number;
}

export interface Pivot {
  rows: string[];
  cols: string[];
  get(row: string, col: string): Cell | undefined;
  max: number;
}

/** Rows (supplier categories) and columns (subsectors) ordered by their totals, largest first. */
export function pivot(cells: readonly Cell[], colOrder: readonly string[] = []): Pivot {
  const byKey = new Map<string, Cell>();
  const rowTotal = new Map<string, number>();
  const colTotal = new Map<string, number>();
  let max = 0;
  for (const c of cells) {
    const key = `${c.supplierCategory}\u0000${c.subsector}`;
    const prev = byKey.get(key);
    const merged = prev
      ? {
          ...prev,
          organizations: prev.organizations + c.organizations,
          suppliers: prev.suppliers + c.suppliers,
        }
      : c;
    byKey.set(key, merged);
    max = Math.max(max, merged.organizations);
    rowTotal.set(c.supplierCategory, (rowTotal.get(c.supplierCategory) ?? 0) + c.organizations);
    colTotal.set(c.subsector, (colTotal.get(c.subsector) ?? 0) + c.organizations);
  }
  const byTotal = (m: Map<string, number>) => (a: string, b: string) =>
    (m.get(b) ?? 0) - (m.get(a) ?? 0) || a.localeCompare(b);
  const rows = [...rowTotal.keys()].sort(byTotal(rowTotal));
  const known = colOrder.filter((c) => colTotal.has(c));
  const cols = [...known, ...[...colTotal.keys()].filter((c) => !known.includes(c)).sort(byTotal(colTotal))];
  return { rows, cols, get: (r, c) => byKey.get(`${r}\u0000${c}`), max };
}

const LIGHT = [241, 245, 250];
const DARK = [8, 64, 122];

/** 0 → almost white, max → dark blue; a square-root scale so small counts stay visible. */
export function heatColor(value: number, max: number): string {
  if (max <= 0 || value <= 0) return `rgb(${LIGHT.join(',')})`;
  const t = Math.sqrt(Math.min(1, value / max));
  const c = LIGHT.map((l, i) => Math.round(l + (DARK[i]! - l) * t));
  return `rgb(${c.join(',')})`;
}

/** Text on a dark cell must be light. */
export function heatTextColor(value: number, max: number): string {
  return max > 0 && Math.sqrt(value / max) > 0.55 ? '#ffffff' : '#1d2433';
}
