// A new scene: diffed into the graph (sceneDiff.ts), then laid out, tiered (animated
// from where the nodes were; a new picture or a big scene placed at once) or by
// ForceAtlas2 (a quick synchronous pass for a new picture, then a web worker that runs a
// bounded time). A new scene stops the previous layout; unmounting stops it too, and
// every timer it set is cleared. The framing hears when the layout starts and settles.
import forceAtlas2 from 'graphology-layout-forceatlas2';
import FA2Layout from 'graphology-layout-forceatlas2/worker';
import { useCallback, useEffect, useRef } from 'react';
import type Sigma from 'sigma';
import { animateNodes } from 'sigma/utils';
import { BIG_SWEEPS, isBig } from '../bigScene';
import { KIND_META } from '../kinds';
import type { Scene } from '../scene';
import { tieredFrame, tieredLayout } from '../tieredLayout';
import { type Adjacency, applyScene, type EdgeAttrs, type NodeAttrs } from './sceneDiff';
import type { BigSceneEdges } from './useBigSceneEdges';
import type { LayoutProgress } from './useFraming';

export type LayoutKind = 'tiered' | 'force';

/** How long the force layout's worker runs for a graph of `order` nodes (ms). */
export const forceLayoutMs = (order: number) => Math.min(4000, 1200 + order * 4);
/** When a waiting frame request is served during a force layout (ms). */
export const EARLY_FRAME_MS = 300;

export function useSceneLayout(
  sigma: Sigma<NodeAttrs, EdgeAttrs>,
  scene: Scene,
  layout: LayoutKind,
  adjacency: Adjacency,
  bigEdges: BigSceneEdges,
  progress: LayoutProgress,
): void {
  const fa2 = useRef<FA2Layout | null>(null);
  const timers = useRef<ReturnType<typeof setTimeout>[]>([]);
  const stopAnimation = useRef<(() => void) | null>(null);
  const { sync } = bigEdges;

  const stop = useCallback(() => {
    stopAnimation.current?.();
    stopAnimation.current = null;
    for (const t of timers.current) clearTimeout(t);
    timers.current = [];
    fa2.current?.kill();
    fa2.current = null;
  }, []);

  useEffect(() => {
    const g = sigma.getGraph();
    const big = isBig(scene.nodes.length);
    bigEdges.big.current = big;
    bigEdges.edges.current = scene.edges;
    const fresh = applyScene(g, scene, adjacency, big);

    stop();
    progress.started();
    const done = () => progress.settled();
    if (g.order === 0) {
      done();
      return;
    }
    // A big scene is always tiered (a force-directed layout of thousands would not settle).
    if (layout === 'tiered' || big) {
      const positions = tieredLayout(
        g.mapNodes((id, a) => ({
          id,
          tier: KIND_META[a.kind as keyof typeof KIND_META]?.tier ?? 0,
          sortKey: a.label,
        })),
        scene.edges,
        big ? { sweeps: BIG_SWEEPS } : {},
      );
      const targets: Record<string, { x: number; y: number }> = {};
      for (const [id, p] of positions) targets[id] = p;
      // A fixed frame: no rescaling while nodes move, and room for the labels.
      sigma.setCustomBBox(tieredFrame(positions));
      if (fresh.length === g.order || big) {
        // A new picture: no animation from nowhere.
        for (const [id, p] of positions) g.mergeNodeAttributes(id, p);
        sync();
        done();
      } else {
        stopAnimation.current = animateNodes(g, targets, { duration: 450, easing: 'quadraticInOut' }, done);
      }
      return;
    }
    sigma.setCustomBBox(null);
    if (fresh.length === g.order) {
      // Seed positions on a circle, then a quick synchronous pass so the first frame is
      // already readable; the worker refines it without blocking.
      g.forEachNode((id) => {
        const i = fresh.indexOf(id);
        const angle = (2 * Math.PI * i) / Math.max(1, fresh.length);
        g.mergeNodeAttributes(id, { x: Math.cos(angle) * 10, y: Math.sin(angle) * 10 });
      });
      if (g.order <= 800) forceAtlas2.assign(g, { iterations: 60, settings: forceAtlas2.inferSettings(g) });
    }
    const worker = new FA2Layout(g, {
      settings: { ...forceAtlas2.inferSettings(g), slowDown: 5, barnesHutOptimize: g.order > 300 },
    });
    fa2.current = worker;
    worker.start();
    timers.current.push(
      setTimeout(() => {
        stop();
        done();
      }, forceLayoutMs(g.order)),
      // Framing waits only for the first moments of the layout.
      setTimeout(() => progress.early(), EARLY_FRAME_MS),
    );
  }, [scene, layout, sigma, stop, sync, adjacency, bigEdges, progress]);

  // Stopped on unmount (a new scene stops the previous layout itself, above).
  useEffect(() => stop, [stop]);
}
