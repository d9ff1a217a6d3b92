// The render benchmark page (built by Vite, loaded in headless Chromium by
// src/suites/render.ts): draws N entities of a generated ecosystem with the explorer's
// own canvas code (apps/web/src/explorer: Sigma settings and node program, the tiered
// layout, the big-scene policy of bigScene.ts) and reports
// - firstRenderMs: from holding the data to the first frame finished on the GPU (tiered
//   layout, graphology graph built, Sigma constructed, a pixel read back);
// - zoomMs: zooming in to the big-scene edge threshold: the edges in view added, one frame;
// - frameMs: per frame of a pan-and-zoom, Sigma's render() plus a pixel read back.
// `mode=plain` is the reference: plain Sigma, every edge, positions as given, no policy.
import Graph from 'graphology';
import Sigma from 'sigma';
import {
  BIG_NODE_SCALE,
  BIG_SWEEPS,
  EDGE_ZOOM,
  edgesToDraw,
  isBig,
  viewBox,
} from '../../../apps/web/src/explorer/bigScene';
import { CANVAS_SETTINGS } from '../../../apps/web/src/explorer/canvasSettings';
import { EDGE_COLOR, KIND_META, nodeSize } from '../../../apps/web/src/explorer/kinds';
import { SHAPE_INDEX } from '../../../apps/web/src/explorer/nodeProgram';
import { tieredFrame, tieredLayout } from '../../../apps/web/src/explorer/tieredLayout';

interface RenderData {
  /** id, label, x, y, size, tier (supplier 0 … critical function 5) */
  nodes: [string, string, number, number, number, number][];
  /** source index, target index (flow direction) */
  edges: [number, number][];
  colors: string[];
}

interface Result {
  nodes: number;
  /** Edges in the drawn graph at the first frame. */
  edges: number;
  /** Edges drawn once zoomed in (explorer mode). */
  zoomEdges: number;
  layoutMs: number;
  graphMs: number;
  /** Until the Sigma constructor returned (its CPU work, draw calls queued). */
  constructMs: number;
  firstRenderMs: number;
  zoomMs: number;
  frameMs: number[];
}

declare global {
  interface Window {
    __bench?: Result | { error: string };
  }
}

type Internals = { render(): void; webGLContexts: Record<string, WebGLRenderingContext> };

/** Waits for the GPU: reading one pixel back blocks until every queued draw is done. */
function finish(renderer: Sigma): void {
  const pixel = new Uint8Array(4);
  for (const gl of Object.values((renderer as unknown as Internals).webGLContexts)) {
    gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, pixel);
  }
}

const params = new URLSearchParams(location.search);
const FRAMES = Number(params.get('frames') ?? 5);
const nextFrame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));
const KINDS = ['SUPPLIER', 'SERVICE', 'ORGANIZATION', 'ASSET', 'WORKFLOW', 'CRITICAL_FUNCTION'] as const;

async function main(): Promise<Result> {
  const n = params.get('n');
  const plain = params.get('mode') === 'plain';
  const data: RenderData = await (await fetch(`./graph-${n}.json`)).json();
  await nextFrame();
  const container = document.getElementById('canvas')!;
  const ids = data.nodes.map((d) => d[0]);
  const edges = data.edges.map(([s, t], i) => ({ id: `e${i}`, source: ids[s]!, target: ids[t]! }));

  const t0 = performance.now();
  const graph = new Graph({ type: 'directed', multi: true });
  let layoutMs = 0;
  let renderer: Sigma;
  let tc: number;
  let t1: number;
  let frame: { x: [number, number]; y: [number, number] } | null = null;
  const big = isBig(ids.length);
  if (plain) {
    for (const [id, label, x, y, size, color] of data.nodes)
      graph.addNode(id, { label, x, y, size, color: data.colors[color] });
    for (const e of edges)
      graph.addDirectedEdgeWithKey(e.id, e.source, e.target, { size: 0.5, color: '#b8c0cc' });
    t1 = performance.now();
    renderer = new Sigma(graph, container, { hideEdgesOnMove: false, renderEdgeLabels: false });
    tc = performance.now();
  } else {
    // As GraphCanvas does: tiered positions (fewer sweeps when big), sizes by dependents,
    // shapes and colours per kind, and a big scene's edges left to the policy.
    const dependents = new Map<string, number>();
    for (const e of edges) dependents.set(e.source, (dependents.get(e.source) ?? 0) + 1);
    const positions = tieredLayout(
      data.nodes.map(([id, label, , , , tier]) => ({ id, tier, sortKey: label })),
      edges,
      big ? { sweeps: BIG_SWEEPS } : {},
    );
    layoutMs = performance.now() - t0;
    for (const [id, label, , , , tier] of data.nodes) {
      const meta = KIND_META[KINDS[tier]!];
      graph.addNode(id, {
        label,
        kind: KINDS[tier],
        ...positions.get(id)!,
        size: nodeSize(dependents.get(id) ?? 0) * (big ? BIG_NODE_SCALE : 1),
        color: meta.color,
        baseColor: meta.color,
        shape: SHAPE_INDEX[meta.shape],
        borderColor: '#ffffff',
        borderSize: 0,
      });
    }
    const first = big ? new Set(edgesToDraw(edges, (id) => positions.get(id), null, new Set())) : null;
    for (const e of edges)
      if (!first || first.has(e.id))
        graph.addDirectedEdgeWithKey(e.id, e.source, e.target, { size: 1.2, color: EDGE_COLOR });
    t1 = performance.now();
    frame = tieredFrame(positions);
    // As in the explorer, Sigma exists before the scene (SigmaContainer) and the frame is
    // set before the scene is drawn: one render, with the tiered frame.
    renderer = new Sigma(new Graph({ type: 'directed', multi: true }), container, {
      ...CANVAS_SETTINGS,
    } as never);
    renderer.setCustomBBox(frame);
    tc = performance.now();
    renderer.setGraph(graph);
  }
  finish(renderer);
  const t2 = performance.now();
  const firstEdges = graph.size;
  await nextFrame();

  // Zoom in to the edge threshold: a big scene adds the edges in view (the explorer
  // does this once the camera rests), then draws one frame.
  const camera = renderer.getCamera();
  const internals = renderer as unknown as Internals;
  const z0 = performance.now();
  camera.setState({ x: 0.5, y: 0.5, ratio: EDGE_ZOOM * 0.9 });
  if (!plain && big) {
    const { width, height } = renderer.getDimensions();
    const view = viewBox(
      renderer.viewportToGraph({ x: 0, y: 0 }),
      renderer.viewportToGraph({ x: width, y: height }),
    );
    const at = (id: string) => graph.getNodeAttributes(id) as { x: number; y: number };
    for (const id of edgesToDraw(edges, at, view, new Set())) {
      const e = edges[Number(id.slice(1))]!;
      if (!graph.hasEdge(id))
        graph.addDirectedEdgeWithKey(id, e.source, e.target, { size: 1.2, color: EDGE_COLOR });
    }
    renderer.refresh();
  } else internals.render();
  finish(renderer);
  const zoomMs = performance.now() - z0;
  const zoomEdges = graph.size;
  // Zoomed out again, a big scene keeps only the edges it had at first (none unfocused).
  if (!plain && big) graph.clearEdges();
  await nextFrame();

  // Pan and zoom: each frame moves the camera, then renders synchronously and waits for the GPU.
  const frameMs: number[] = [];
  for (let i = 0; i < FRAMES; i++) {
    camera.setState({
      x: 0.5 + 0.1 * Math.sin(i / 6),
      y: 0.5 + 0.1 * Math.cos(i / 6),
      ratio: 1 - 0.4 * Math.sin(i / 12),
    });
    const f0 = performance.now();
    internals.render();
    finish(renderer);
    frameMs.push(performance.now() - f0);
    await nextFrame();
  }
  renderer.kill();
  return {
    nodes: graph.order,
    edges: firstEdges,
    zoomEdges,
    layoutMs,
    graphMs: t1 - t0,
    constructMs: tc - t0,
    firstRenderMs: t2 - t0,
    zoomMs,
    frameMs,
  };
}

main().then(
  (r) => {
    window.__bench = r;
  },
  (err: unknown) => {
    window.__bench = { error: err instanceof Error ? `${err.message}\n${err.stack}` : String(err) };
  },
);
