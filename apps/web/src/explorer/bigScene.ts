// Big scenes (issue 16 item 4): how the canvas draws thousands of entities and keeps the
// first frame fast. Pure; GraphCanvas and the render benchmark (tools/bench/render) both
// use it, so the benchmark measures the explorer's own policy.
//
// - Edges are what costs (software WebGL rasterises every edge): a big scene keeps in the
//   drawn graph only the edges of the focused entities (selected, highlighted, hovered)
//   while zoomed out, and, zoomed in, those of the part in view, up to a budget.
// - The layout is the tiered one (linear passes), never force-directed, and it is not
//   animated; nodes are drawn at half size (BIG_NODE_SCALE).
// - Labels come by priority: Sigma's label grid proposes, per cell, the largest node (the
//   size follows its dependents), and only nodes drawn large enough get one.

/** Nodes from which a scene is big. */
export const BIG_SCENE = 2000;
/** Camera ratio (1 = the whole scene) at or under which a big scene draws the edges in view. */
export const EDGE_ZOOM = 0.4;
/** The most edges a big scene draws at once. */
export const EDGE_BUDGET = 12_000;
/** Barycentre sweeps of the tiered layout for a big scene (4 for a small one). */
export const BIG_SWEEPS = 1;
/**
 * Node sizes of a big scene, as a share of a small one's: thousands of nodes overlap when
 * the whole scene is in view, and every pixel of a node is shaded twice (the picture and
 * Sigma's picking layer), by the CPU under software WebGL.
 */
export const BIG_NODE_SCALE = 0.5;

export const isBig = (nodes: number) => nodes >= BIG_SCENE;

export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface EdgeRef {
  id: string;
  source: string;
  target: string;
}

export interface Point {
  x: number;
  y: number;
}

const inside = (p: Point | undefined, b: Box) =>
  p !== undefined && p.x >= b.x0 && p.x <= b.x1 && p.y >= b.y0 && p.y <= b.y1;

/**
 * The edges a big scene draws: every edge of a focused entity first; then, when `view`
 * is given (zoomed in), the edges with both ends in view, then those with one end in
 * view; at most `budget` in all, in that order (scene order within each class).
 */
export function edgesToDraw(
  edges: readonly EdgeRef[],
  position: (id: string) => Point | undefined,
  view: Box | null,
  focus: ReadonlySet<string>,
  budget = EDGE_BUDGET,
): string[] {
  const out: string[] = [];
  const one: string[] = [];
  const both: string[] = [];
  for (const e of edges) {
    if (focus.has(e.source) || focus.has(e.target)) {
      out.push(e.id);
      continue;
    }
    if (!view) continue;
    const s = inside(position(e.source), view);
    const t = inside(position(e.target), view);
    if (s && t) both.push(e.id);
    else if (s || t) one.push(e.id);
  }
  if (out.length >= budget) return out.slice(0, budget);
  for (const list of [both, one]) {
    for (const id of list) {
      if (out.length >= budget) return out;
      out.push(id);
    }
  }
  return out;
}

/** The box of graph coordinates in view, from two opposite corners of the viewport. */
export function viewBox(a: Point, b: Point): Box {
  return { x0: Math.min(a.x, b.x), y0: Math.min(a.y, b.y), x1: Math.max(a.x, b.x), y1: Math.max(a.y, b.y) };
}
