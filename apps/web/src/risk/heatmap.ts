// The concentration heat map's data: supplier category × subsector, pivoted, and a
// sequential colour scale (light to dark blue: readable for colour-blind users and in
// greyscale, because lightness alone carries the value).

export interface Cell {
  supplierCategory: string;
  subsector: string;
  organizations: number;
  suppliers: number;
  /** How the count is shown ("< 5" when suppressed for a scoped reader, issue 19). */
  display?: string;
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

/** WCAG relative luminance of an sRGB colour given as 0–255 channels. */
export function luminance([r, g, b]: readonly number[]): number {
  const lin = (c: number) => {
    const v = c / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r!) + 0.7152 * lin(g!) + 0.0722 * lin(b!);
}

/** WCAG contrast ratio of two luminances (1–21). */
export const contrast = (a: number, b: number) => (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);

const channels = (rgb: string) => (rgb.match(/\d+/g) ?? []).map(Number);

/**
 * Black or white, whichever contrasts more with the cell: one of them always reaches
 * 4.58:1 (WCAG AA for text), whatever the background's lightness.
 */
export function heatTextColor(value: number, max: number): string {
  const bg = luminance(channels(heatColor(value, max)));
  return contrast(bg, 1) >= contrast(bg, 0) ? '#ffffff' : '#000000';
}
