// Where the overview draws its super-nodes: one column per kind, in the explorer's
// tier order (suppliers → services → organizations → assets → workflows → critical
// functions, the direction failure travels), largest super-node at the top of its
// column; the area of a node follows its member count.
import type { EntityKind } from '../generated/graphql';
import { KIND_META } from '../explorer/kinds';

export interface OverviewNodeInput {
  key: string;
  kind: EntityKind;
  members: number;
}

export interface PlacedNode {
  key: string;
  x: number;
  y: number;
  /** Radius on the canvas: its area is proportional to the members. */
  size: number;
}

export const MIN_SIZE = 3;
export const MAX_SIZE = 30;
const ROW_GAP = 40;
/** Width over height of the drawing, whatever the longest column: the canvas is wider than tall. */
const ASPECT = 1.4;

/** Positions and sizes of every super-node; the largest overall gets MAX_SIZE. */
export function overviewLayout(nodes: readonly OverviewNodeInput[]): PlacedNode[] {
  const largest = Math.max(1, ...nodes.map((n) => n.members));
  const columns = new Map<EntityKind, OverviewNodeInput[]>();
  for (const n of nodes) columns.set(n.kind, [...(columns.get(n.kind) ?? []), n]);
  const out: PlacedNode[] = [];
  const longest = Math.max(1, ...[...columns.values()].map((c) => c.length));
  const tiers = Math.max(1, ...Object.values(KIND_META).map((m) => m.tier));
  const columnGap = Math.max(ROW_GAP * 2, (ASPECT * longest * ROW_GAP) / tiers);
  for (const [kind, members] of columns) {
    const x = KIND_META[kind].tier * columnGap;
    const sorted = [...members].sort((a, b) => b.members - a.members || (a.key < b.key ? -1 : 1));
    sorted.forEach((n, row) => {
      // Area ∝ members, so the radius follows the square root; a floor keeps small ones clickable.
      const size = Math.max(MIN_SIZE, MAX_SIZE * Math.sqrt(n.members / largest));
      // Sigma's y axis points up: row 0 at the top.
      out.push({ key: n.key, x, y: -row * ROW_GAP, size });
    });
  }
  return out;
}

/** Width of a super-edge: grows with the log of the links it stands for. */
export const edgeWidth = (dependencies: number): number => 1 + Math.log10(Math.max(1, dependencies)) * 2;
