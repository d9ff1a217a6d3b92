// Moving through the canvas with the keyboard: from the focused entity, an arrow key goes
// to the neighbour (an entity linked to it) that lies most nearly in that direction on
// screen; when no neighbour lies that way, to the nearest entity that does.

export type Direction = 'left' | 'right' | 'up' | 'down';

export interface Placed {
  id: string;
  /** Screen position (y grows downwards). */
  x: number;
  y: number;
}

const UNIT: Record<Direction, [number, number]> = {
  left: [-1, 0],
  right: [1, 0],
  up: [0, -1],
  down: [0, 1],
};

export const ARROW: Record<string, Direction> = {
  ArrowLeft: 'left',
  ArrowRight: 'right',
  ArrowUp: 'up',
  ArrowDown: 'down',
};

/**
 * The candidate in direction `dir` from `from`: within 60° of it, the one with the least
 * distance penalised by its angle off the direction; null when none lies that way.
 */
export function inDirection(from: Placed, candidates: readonly Placed[], dir: Direction): string | null {
  const [ux, uy] = UNIT[dir];
  let best: string | null = null;
  let bestCost = Number.POSITIVE_INFINITY;
  for (const c of candidates) {
    if (c.id === from.id) continue;
    const dx = c.x - from.x;
    const dy = c.y - from.y;
    const dist = Math.hypot(dx, dy);
    if (dist === 0) continue;
    const along = (dx * ux + dy * uy) / dist; // cos of the angle off the direction
    if (along < 0.5) continue; // more than 60° off
    const cost = dist * (2 - along);
    if (cost < bestCost || (cost === bestCost && best !== null && c.id < best)) {
      best = c.id;
      bestCost = cost;
    }
  }
  return best;
}

/** The neighbour in that direction, else any entity in that direction, else null. */
export function nextFocus(
  from: Placed,
  neighbours: readonly Placed[],
  all: readonly Placed[],
  dir: Direction,
): string | null {
  return inDirection(from, neighbours, dir) ?? inDirection(from, all, dir);
}
