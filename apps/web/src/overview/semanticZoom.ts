// Semantic zoom on the overview canvas (issue 16 item 1): zoomed in far enough on a
// super-node, the canvas draws its members (the most linked first) in its place; zoomed
// back out, the aggregate returns. Pure: OverviewPage reads the camera and draws.

/** Camera ratio (1 = the whole overview) under which the super-node in view opens. */
export const ENTER_RATIO = 0.25;
/** Ratio over which an open super-node closes again (above ENTER_RATIO, so it does not flicker). */
export const LEAVE_RATIO = 0.4;
/** Members drawn in place of an open super-node. */
export const ZOOM_MEMBERS = 60;

export interface Disc {
  key: string;
  x: number;
  y: number;
}

export interface Point {
  x: number;
  y: number;
}

/** The graph coordinates in view. */
export interface View {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/**
 * The super-node open at this camera: while one is open it stays open until the camera
 * zooms out past LEAVE_RATIO; otherwise, under ENTER_RATIO, the super-node nearest the
 * centre of the view opens, if it is in view (ties: the first in `discs`).
 */
export function zoomedInto(
  open: string | null,
  ratio: number,
  view: View,
  discs: readonly Disc[],
): string | null {
  if (open !== null && discs.some((d) => d.key === open)) return ratio < LEAVE_RATIO ? open : null;
  if (ratio >= ENTER_RATIO) return null;
  const cx = (view.x0 + view.x1) / 2;
  const cy = (view.y0 + view.y1) / 2;
  let best: Disc | null = null;
  let bestD = Number.POSITIVE_INFINITY;
  for (const d of discs) {
    if (d.x < view.x0 || d.x > view.x1 || d.y < view.y0 || d.y > view.y1) continue;
    const dist = (d.x - cx) ** 2 + (d.y - cy) ** 2;
    if (dist < bestD) {
      best = d;
      bestD = dist;
    }
  }
  return best?.key ?? null;
}

const GOLDEN = Math.PI * (3 - Math.sqrt(5));

/**
 * Where n members sit in place of their super-node: a sunflower spiral around its centre,
 * evenly spread, all within `radius` (graph units), the first (most linked) in the middle.
 */
export function memberLayout(center: Point, radius: number, n: number): Point[] {
  return Array.from({ length: n }, (_, i) => {
    const r = radius * Math.sqrt((i + 0.5) / Math.max(1, n));
    const a = i * GOLDEN;
    return { x: center.x + r * Math.cos(a), y: center.y + r * Math.sin(a) };
  });
}
