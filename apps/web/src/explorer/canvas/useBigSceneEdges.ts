// A big scene (bigScene.ts) keeps all its edges here and only some in the drawn graph:
// those of the focused entities (selected, highlighted, hovered) and, zoomed in, those in
// view. `sync` redraws that choice; it runs again once the camera rests after a move.
import { useCallback, useEffect, useMemo, useRef } from 'react';
import type Sigma from 'sigma';
import { EDGE_ZOOM, edgesToDraw, viewBox } from '../bigScene';
import type { SceneEdge } from '../scene';
import { type EdgeAttrs, type NodeAttrs, edgeAttrs } from './sceneDiff';

export interface BigSceneEdges {
  /** Whether the scene is big (set by the layout when a scene arrives). */
  big: { current: boolean };
  /** Every edge of the scene. */
  edges: { current: readonly SceneEdge[] };
  /** The entities whose edges are always drawn. */
  focus: { current: ReadonlySet<string> };
  /** Draws the chosen edges (a no-op for a scene that is not big). */
  sync: () => void;
}

const EMPTY = new Set<string>();

export function useBigSceneEdges(sigma: Sigma<NodeAttrs, EdgeAttrs>): BigSceneEdges {
  const big = useRef(false);
  const edges = useRef<readonly SceneEdge[]>([]);
  const focus = useRef<ReadonlySet<string>>(EMPTY);

  const sync = useCallback(() => {
    if (!big.current || !sigma.getContainer().isConnected) return;
    const g = sigma.getGraph();
    const ratio = sigma.getCamera().getState().ratio;
    const { width, height } = sigma.getDimensions();
    const view =
      ratio <= EDGE_ZOOM
        ? viewBox(sigma.viewportToGraph({ x: 0, y: 0 }), sigma.viewportToGraph({ x: width, y: height }))
        : null;
    const wanted = new Set(
      edgesToDraw(
        edges.current,
        (id) => (g.hasNode(id) ? (g.getNodeAttributes(id) as { x: number; y: number }) : undefined),
        view,
        focus.current,
      ),
    );
    const drop: string[] = [];
    g.forEachEdge((e) => {
      if (!wanted.has(e)) drop.push(e);
    });
    for (const e of drop) g.dropEdge(e);
    for (const e of edges.current) {
      if (!wanted.has(e.id) || g.hasEdge(e.id) || !g.hasNode(e.source) || !g.hasNode(e.target)) continue;
      g.addDirectedEdgeWithKey(e.id, e.source, e.target, edgeAttrs(e));
    }
  }, [sigma]);

  // Zoomed or panned: the edges in view change once the camera rests.
  useEffect(() => {
    const camera = sigma.getCamera();
    let timer: ReturnType<typeof setTimeout> | null = null;
    const onMove = () => {
      if (!big.current) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(sync, 150);
    };
    camera.on('updated', onMove);
    return () => {
      if (timer) clearTimeout(timer);
      camera.off('updated', onMove);
    };
  }, [sigma, sync]);

  // One object per canvas (its refs never change), so effects that take it run once.
  return useMemo(() => ({ big, edges, focus, sync }), [sync]);
}
