// The scene diffed into the canvas's graphology graph, in place (GraphCanvas's first
// step): nodes and edges no longer in the scene go, the others get the scene's
// attributes, new nodes start beside a neighbour already placed so they grow out of
// it. Pure graph code: no Sigma instance, no DOM (test/sceneDiff.test.ts).
import type Sigma from 'sigma';
import type { CanvasEdgeAttributes, CanvasNodeAttributes } from '../display';
import { EDGE_COLOR, KIND_META, nodeSize, SHAPE_INDEX } from '../kinds';
import { BIG_NODE_SCALE } from '../bigScene';
import type { Scene, SceneEdge } from '../scene';

export type NodeAttrs = CanvasNodeAttributes & { kind: string; cluster?: boolean };
export type EdgeAttrs = CanvasEdgeAttributes & { s: string; t: string };
export type GraphAttrs = Record<string, never>;
/** The graph Sigma draws (GraphCanvas creates it; a test may pass a plain graphology Graph). */
export type CanvasGraph = ReturnType<Sigma<NodeAttrs, EdgeAttrs>['getGraph']>;

/** Each entity's neighbours in the scene (a big scene's drawn graph holds only some edges). */
export type Adjacency = ReadonlyMap<string, readonly string[]>;
export const NO_NEIGHBOURS: readonly string[] = [];

export function adjacencyOf(scene: Scene): Adjacency {
  const m = new Map<string, string[]>();
  const add = (a: string, b: string) => {
    const l = m.get(a);
    if (l) {
      if (!l.includes(b)) l.push(b);
    } else m.set(a, [b]);
  };
  for (const e of scene.edges) {
    add(e.source, e.target);
    add(e.target, e.source);
  }
  return m;
}

export const edgeAttrs = (e: SceneEdge): EdgeAttrs => ({
  size: e.type === 'CLUSTER' ? 1 : 1.2,
  color: EDGE_COLOR,
  s: e.source,
  t: e.target,
});

/**
 * Makes `g` hold the scene's nodes (and, unless `big`, its edges: a big scene's edges are
 * chosen by the camera, see useBigSceneEdges). Returns the ids of the nodes it added,
 * placed beside a neighbour that was there already (`random` jitters them apart).
 */
export function applyScene(
  g: CanvasGraph,
  scene: Scene,
  adjacency: Adjacency,
  big: boolean,
  random: () => number = Math.random,
): string[] {
  const nodeIds = new Set(scene.nodes.map((n) => n.id));
  g.forEachNode((n) => {
    if (!nodeIds.has(n)) g.dropNode(n);
  });
  const edgeIds = new Set(scene.edges.map((e) => e.id));
  g.forEachEdge((e) => {
    if (!edgeIds.has(e)) g.dropEdge(e);
  });
  const fresh: string[] = [];
  for (const n of scene.nodes) {
    const meta = KIND_META[n.kind];
    const attrs = {
      label: n.label,
      kind: n.kind,
      size: (n.cluster ? 11 : nodeSize(n.dependents)) * (big ? BIG_NODE_SCALE : 1),
      // A group always says what it holds ("199 more services").
      forceLabel: Boolean(n.cluster),
      baseColor: meta.color,
      color: meta.color,
      shape: SHAPE_INDEX[meta.shape],
      cluster: Boolean(n.cluster),
      // Clusters get a light rim so they read as "a group", not as one entity.
      borderColor: '#ffffff',
      borderSize: n.cluster ? 0.35 : 0,
    };
    if (g.hasNode(n.id)) g.mergeNodeAttributes(n.id, attrs);
    else {
      g.addNode(n.id, { ...attrs, x: 0, y: 0 });
      fresh.push(n.id);
    }
  }
  if (!big) {
    for (const e of scene.edges) {
      if (g.hasEdge(e.id) || !g.hasNode(e.source) || !g.hasNode(e.target)) continue;
      g.addDirectedEdgeWithKey(e.id, e.source, e.target, edgeAttrs(e));
    }
  }
  // New nodes start next to a neighbour already placed, so they grow out of it.
  const freshSet = new Set(fresh);
  for (const id of fresh) {
    const anchor = (adjacency.get(id) ?? NO_NEIGHBOURS).find((m) => !freshSet.has(m) && g.hasNode(m));
    const a = anchor ? g.getNodeAttributes(anchor) : { x: 0, y: 0 };
    g.mergeNodeAttributes(id, { x: a.x + (random() - 0.5), y: a.y + (random() - 0.5) });
  }
  return fresh;
}
