// Node and edge reducers for Sigma, as pure functions of precomputed Sets and Maps:
// Sigma calls them for every item on every frame, so each answer is a few lookups.
import type { ImpactState } from '../generated/graphql';
import { DIMMED_COLOR, EDGE_COLOR, HIGHLIGHT_EDGE_COLOR, STATE_META } from './kinds';

export interface DisplayContext {
  selected: string | null;
  hovered: string | null;
  /** The hovered node and its neighbours (empty when nothing is hovered). */
  hoverSet: ReadonlySet<string>;
  /** A path or causal chain to bring forward; everything else is dimmed. */
  highlightNodes: ReadonlySet<string>;
  highlightEdges: ReadonlySet<string>;
  /** Filtered out by kind, subsector or category. */
  hidden: ReadonlySet<string>;
  /** Impact mode: the state of each affected entity; null outside impact mode. */
  states: ReadonlyMap<string, ImpactState> | null;
}

export interface CanvasNodeAttributes {
  x: number;
  y: number;
  size: number;
  color: string;
  label: string;
  /** Kind colour, kept so reducers can restore it. */
  baseColor: string;
  /** Index into the node program's shapes. */
  shape: number;
  borderColor?: string;
  borderSize?: number;
  hidden?: boolean;
  forceLabel?: boolean;
  highlighted?: boolean;
  zIndex?: number;
  type?: string;
}

export interface CanvasEdgeAttributes {
  size: number;
  color: string;
  hidden?: boolean;
  zIndex?: number;
  type?: string;
}

const SELECTED_BORDER = '#1d2433';
const FAINT_EDGE = '#e4e7ec';

export function emptyDisplayContext(): DisplayContext {
  return {
    selected: null,
    hovered: null,
    hoverSet: new Set(),
    highlightNodes: new Set(),
    highlightEdges: new Set(),
    hidden: new Set(),
    states: null,
  };
}

export function nodeDisplay(
  id: string,
  a: CanvasNodeAttributes,
  ctx: DisplayContext,
): Partial<CanvasNodeAttributes> {
  if (ctx.hidden.has(id)) return { ...a, hidden: true };
  const out: CanvasNodeAttributes = { ...a, color: a.baseColor, borderSize: 0, zIndex: 1 };
  let dim = false;

  if (ctx.states) {
    const state = ctx.states.get(id);
    if (state) {
      const meta = STATE_META[state];
      out.color = meta.color;
      out.label = meta.prefix + a.label;
      // A dark rim carries the state together with the label prefix (not colour alone).
      out.borderColor = '#3b2a1f';
      out.borderSize = state === 'FAILED' ? 0.32 : 0.18;
      out.zIndex = state === 'FAILED' ? 3 : 2;
    } else {
      dim = true;
    }
  }
  if (ctx.highlightNodes.size > 0) {
    if (ctx.highlightNodes.has(id)) {
      out.forceLabel = true;
      out.zIndex = 4;
      dim = false;
    } else dim = true;
  } else if (ctx.hovered !== null) {
    if (ctx.hoverSet.has(id)) {
      out.forceLabel = ctx.hovered === id || ctx.hoverSet.size <= 40;
      out.zIndex = Math.max(out.zIndex ?? 1, 3);
    } else dim = true;
  }
  if (dim) {
    out.color = DIMMED_COLOR;
    out.borderSize = 0;
    out.zIndex = 0;
    out.label = '';
    out.forceLabel = false;
  }
  if (ctx.selected === id) {
    out.highlighted = true;
    out.forceLabel = true;
    out.label = out.label || a.label;
    out.borderColor = SELECTED_BORDER;
    out.borderSize = Math.max(out.borderSize ?? 0, 0.28);
    out.zIndex = 5;
  }
  return out;
}

export function edgeDisplay(
  id: string,
  source: string,
  target: string,
  a: CanvasEdgeAttributes,
  ctx: DisplayContext,
): Partial<CanvasEdgeAttributes> {
  if (ctx.hidden.has(source) || ctx.hidden.has(target)) return { ...a, hidden: true };
  if (ctx.highlightEdges.size > 0 || ctx.highlightNodes.size > 0) {
    return ctx.highlightEdges.has(id)
      ? { ...a, color: HIGHLIGHT_EDGE_COLOR, size: Math.max(a.size, 2.5), zIndex: 2 }
      : { ...a, color: FAINT_EDGE, zIndex: 0 };
  }
  if (ctx.hovered !== null) {
    return source === ctx.hovered || target === ctx.hovered
      ? { ...a, color: HIGHLIGHT_EDGE_COLOR, size: Math.max(a.size, 1.5), zIndex: 2 }
      : { ...a, color: FAINT_EDGE, zIndex: 0 };
  }
  if (ctx.states) {
    const both = ctx.states.has(source) && ctx.states.has(target);
    return both ? { ...a, color: '#9a7b6b', zIndex: 1 } : { ...a, color: FAINT_EDGE, zIndex: 0 };
  }
  if (ctx.selected !== null && (source === ctx.selected || target === ctx.selected)) {
    return { ...a, color: '#6b7686', zIndex: 1 };
  }
  return { ...a, color: a.color || EDGE_COLOR };
}

/** The nodes and edges of a chain of ids (consecutive pairs, either direction). */
export function chainHighlight(
  chain: readonly string[],
  edgeBetween: (a: string, b: string) => string | undefined,
): { nodes: Set<string>; edges: Set<string> } {
  const nodes = new Set(chain);
  const edges = new Set<string>();
  for (let i = 0; i + 1 < chain.length; i++) {
    const e = edgeBetween(chain[i]!, chain[i + 1]!) ?? edgeBetween(chain[i + 1]!, chain[i]!);
    if (e !== undefined) edges.add(e);
  }
  return { nodes, edges };
}
