// The tiered layout: supplier → service → organization → asset → workflow → critical
// function, left to right, so a failure reads as it travels. Pure; no Sigma.
//
// 1. Column: each kind has a tier; inside a tier, an entity that depends on another
//    of the same tier (a service on a service: fourth parties) moves one sub-column
//    to the right of it (longest path, cycles broken).
// 2. Tall columns wrap into several narrower sub-columns so the picture keeps a
//    usable aspect ratio.
// 3. Order within a column: barycentre sweeps (the mean row of the neighbours in the
//    previous and next columns) to keep edges short and crossings few.

export interface LayoutNode {
  id: string;
  tier: number;
  /** Tie-breaker for a stable order (e.g. the label). */
  sortKey?: string;
}

export interface LayoutEdge {
  /** Upstream (provider). */
  source: string;
  /** Downstream (dependent). */
  target: string;
}

export interface TieredLayoutOptions {
  columnGap?: number;
  rowGap?: number;
  /** Rows in one column before it wraps into another sub-column. */
  maxRows?: number;
  /** Sub-columns one tier may take for same-tier dependency chains. */
  maxDepthInTier?: number;
  sweeps?: number;
}

export interface Point {
  x: number;
  y: number;
}

export const DEFAULT_COLUMN_GAP = 10;
export const DEFAULT_ROW_GAP = 1.6;

/**
 * The area to frame for a tiered picture: room on the right for the last column's
 * labels, and a minimum size so that three nodes are not stretched across the screen.
 */
export function tieredFrame(
  positions: ReadonlyMap<string, Point>,
  columnGap = DEFAULT_COLUMN_GAP,
  rowGap = DEFAULT_ROW_GAP,
): { x: [number, number]; y: [number, number] } {
  let x0 = Number.POSITIVE_INFINITY;
  let x1 = Number.NEGATIVE_INFINITY;
  let y0 = Number.POSITIVE_INFINITY;
  let y1 = Number.NEGATIVE_INFINITY;
  for (const p of positions.values()) {
    x0 = Math.min(x0, p.x);
    x1 = Math.max(x1, p.x);
    y0 = Math.min(y0, p.y);
    y1 = Math.max(y1, p.y);
  }
  if (!Number.isFinite(x0)) return { x: [0, 1], y: [0, 1] };
  const widen = (lo: number, hi: number, min: number): [number, number] => {
    const extra = Math.max(0, min - (hi - lo)) / 2;
    return [lo - extra, hi + extra];
  };
  return {
    x: widen(x0 - columnGap * 0.15, x1 + columnGap * 0.9, columnGap * 3.5),
    y: widen(y0 - rowGap, y1 + rowGap, rowGap * 12),
  };
}

export function tieredLayout(
  nodes: readonly LayoutNode[],
  edges: readonly LayoutEdge[],
  options: TieredLayoutOptions = {},
): Map<string, Point> {
  const columnGap = options.columnGap ?? DEFAULT_COLUMN_GAP;
  const rowGap = options.rowGap ?? DEFAULT_ROW_GAP;
  const maxDepthInTier = options.maxDepthInTier ?? 4;
  const sweeps = options.sweeps ?? 4;
  const maxRows = options.maxRows ?? Math.max(16, Math.ceil(Math.sqrt(nodes.length) * 2));

  const byId = new Map(nodes.map((n) => [n.id, n]));
  const preds = new Map<string, string[]>();
  const succs = new Map<string, string[]>();
  for (const n of nodes) {
    preds.set(n.id, []);
    succs.set(n.id, []);
  }
  for (const e of edges) {
    if (e.source === e.target || !byId.has(e.source) || !byId.has(e.target)) continue;
    preds.get(e.target)!.push(e.source);
    succs.get(e.source)!.push(e.target);
  }

  // 1. Sub-level inside a tier: longest chain of same-tier predecessors (DFS; an
  // edge closing a cycle is ignored).
  const depth = new Map<string, number>();
  const onStack = new Set<string>();
  const depthOf = (id: string): number => {
    const known = depth.get(id);
    if (known !== undefined) return known;
    onStack.add(id);
    const tier = byId.get(id)!.tier;
    let d = 0;
    for (const p of preds.get(id)!) {
      if (byId.get(p)!.tier !== tier || onStack.has(p)) continue;
      d = Math.max(d, depthOf(p) + 1);
    }
    onStack.delete(id);
    d = Math.min(d, maxDepthInTier - 1);
    depth.set(id, d);
    return d;
  };
  // Iterative guard against very deep recursion: visit in id order, recursion depth is
  // bounded by the length of same-tier chains, which real maps keep short.
  for (const n of nodes) depthOf(n.id);

  const tiers = [...new Set(nodes.map((n) => n.tier))].sort((a, b) => a - b);
  const levelsOfTier = new Map<number, number>();
  for (const n of nodes) {
    levelsOfTier.set(n.tier, Math.max(levelsOfTier.get(n.tier) ?? 0, depth.get(n.id)! + 1));
  }
  // Logical columns (tier, sub-level) in order.
  const columnIndex = new Map<string, number>();
  let col = 0;
  for (const t of tiers) {
    for (let l = 0; l < levelsOfTier.get(t)!; l++) columnIndex.set(`${t}:${l}`, col++);
  }
  const columns: string[][] = Array.from({ length: col }, () => []);
  for (const n of [...nodes].sort(compareNodes)) {
    columns[columnIndex.get(`${n.tier}:${depth.get(n.id)}`)!]!.push(n.id);
  }

  // 3. Barycentre ordering on logical columns.
  const rank = new Map<string, number>();
  const renumber = (column: string[]) => {
    column.forEach((id, i) => {
      rank.set(id, i / Math.max(1, column.length - 1));
    });
  };
  columns.forEach(renumber);
  const bary = (neighbours: string[]): number | null => {
    let sum = 0;
    let k = 0;
    for (const m of neighbours) {
      const r = rank.get(m);
      if (r === undefined) continue;
      sum += r;
      k++;
    }
    return k === 0 ? null : sum / k;
  };
  const reorder = (column: string[], neighboursOf: (id: string) => string[]) => {
    const keyed = column.map((id, i) => ({ id, key: bary(neighboursOf(id)) ?? rank.get(id) ?? 0, i }));
    keyed.sort((a, b) => a.key - b.key || a.i - b.i);
    column.splice(0, column.length, ...keyed.map((k) => k.id));
    renumber(column);
  };
  for (let s = 0; s < sweeps; s++) {
    for (let c = 1; c < columns.length; c++) reorder(columns[c]!, (id) => preds.get(id)!);
    for (let c = columns.length - 2; c >= 0; c--) reorder(columns[c]!, (id) => succs.get(id)!);
  }

  // 2. Wrap tall columns and place. Wrapped sub-columns sit closer together than
  // logical columns so a wrapped tier still reads as one block.
  const positions = new Map<string, Point>();
  const wrapGap = columnGap * 0.35;
  let x = 0;
  columns.forEach((column, ci) => {
    if (ci > 0) x += columnGap;
    const wraps = Math.max(1, Math.ceil(column.length / maxRows));
    const rows = Math.ceil(column.length / wraps);
    column.forEach((id, i) => {
      const w = Math.floor(i / rows);
      const r = i % rows;
      // Alternate a half-row offset between wrapped sub-columns so labels interleave.
      const offset = w % 2 === 1 ? rowGap / 2 : 0;
      // Columns are centred on y = 0; Sigma's y axis points up, so row 0 is on top.
      positions.set(id, { x: x + w * wrapGap, y: ((rows - 1) / 2 - r) * rowGap - offset });
    });
    x += (wraps - 1) * wrapGap;
  });
  return positions;
}

function compareNodes(a: LayoutNode, b: LayoutNode): number {
  const ka = a.sortKey ?? a.id;
  const kb = b.sortKey ?? b.id;
  return ka < kb ? -1 : ka > kb ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
