// The render benchmark page (built by Vite, loaded in headless Chromium by
// src/suites/render.ts): draws N entities of a generated ecosystem with Sigma 3 and
// graphology, the explorer's stack, and reports
// - firstRenderMs: from holding the data to the first frame finished on the GPU
//   (graphology graph built, Sigma constructed, a pixel read back to wait for the GPU);
// - frameMs: per frame of a pan-and-zoom, Sigma's render() plus a pixel read back.
import Graph from 'graphology';
import Sigma from 'sigma';

interface RenderData {
  /** id, label, x, y, size, color index */
  nodes: [string, string, number, number, number, number][];
  /** source index, target index */
  edges: [number, number][];
  colors: string[];
}

interface Result {
  nodes: number;
  edges: number;
  graphMs: number;
  /** Until the Sigma constructor returned (its CPU work, draw calls queued). */
  constructMs: number;
  firstRenderMs: number;
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

const FRAMES = Number(new URLSearchParams(location.search).get('frames') ?? 5);
const nextFrame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));

async function main(): Promise<Result> {
  const params = new URLSearchParams(location.search);
  const n = params.get('n');
  const withEdges = params.get('edges') !== '0';
  const data: RenderData = await (await fetch(`./graph-${n}.json`)).json();
  await nextFrame();

  const t0 = performance.now();
  const graph = new Graph({ type: 'directed', multi: false });
  for (const [id, label, x, y, size, color] of data.nodes) {
    graph.addNode(id, { label, x, y, size, color: data.colors[color] });
  }
  for (const [s, t] of withEdges ? data.edges : []) {
    const source = data.nodes[s]![0];
    const target = data.nodes[t]![0];
    if (!graph.hasEdge(source, target)) graph.addEdge(source, target, { size: 0.5, color: '#b8c0cc' });
  }
  const t1 = performance.now();
  const container = document.getElementById('canvas')!;
  const renderer = new Sigma(graph, container, { hideEdgesOnMove: false, renderEdgeLabels: false });
  const tc = performance.now();
  finish(renderer);
  const t2 = performance.now();
  await nextFrame();

  // Pan and zoom: each frame moves the camera, then renders synchronously and waits for the GPU.
  const camera = renderer.getCamera();
  const internals = renderer as unknown as Internals;
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
    edges: graph.size,
    graphMs: t1 - t0,
    constructMs: tc - t0,
    firstRenderMs: t2 - t0,
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
