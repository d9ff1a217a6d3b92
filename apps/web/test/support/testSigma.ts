// A stand-in for the Sigma instance the canvas hooks are given, for their component
// tests (happy-dom has no WebGL, so no real Sigma): a real graphology graph, a connected
// container, and a camera that records what it was asked. Test support only.
import Graph from 'graphology';
import type Sigma from 'sigma';
import type { EdgeAttrs, GraphAttrs, NodeAttrs } from '../../src/explorer/canvas/sceneDiff';

export interface TestSigma {
  sigma: Sigma<NodeAttrs, EdgeAttrs>;
  graph: Graph<NodeAttrs, EdgeAttrs, GraphAttrs>;
  /** What the hooks asked of Sigma, in order: [method, ...arguments]. */
  calls: unknown[][];
  container: HTMLElement;
}

export function testSigma(): TestSigma {
  const graph = new Graph<NodeAttrs, EdgeAttrs, GraphAttrs>({ multi: true, type: 'directed' });
  const container = document.createElement('div');
  document.body.appendChild(container);
  const calls: unknown[][] = [];
  const listeners = new Map<string, Set<() => void>>();
  const camera = {
    animate: async (to: unknown, opts: unknown) => {
      calls.push(['camera.animate', to, opts]);
    },
    animatedReset: async (opts: unknown) => {
      calls.push(['camera.animatedReset', opts]);
    },
    getState: () => ({ x: 0.5, y: 0.5, ratio: 1, angle: 0 }),
    on: (event: string, f: () => void) => {
      listeners.set(event, (listeners.get(event) ?? new Set()).add(f));
    },
    off: (event: string, f: () => void) => {
      listeners.get(event)?.delete(f);
    },
  };
  const sigma = {
    getGraph: () => graph,
    getContainer: () => container,
    getCamera: () => camera,
    getDimensions: () => ({ width: 800, height: 600 }),
    viewportToGraph: (p: { x: number; y: number }) => p,
    getNodeDisplayData: (id: string) =>
      graph.hasNode(id)
        ? { x: graph.getNodeAttribute(id, 'x'), y: graph.getNodeAttribute(id, 'y') }
        : undefined,
    refresh: () => {
      calls.push(['refresh']);
    },
    setCustomBBox: (box: unknown) => {
      calls.push(['setCustomBBox', box]);
    },
    setSetting: (name: string) => {
      calls.push(['setSetting', name]);
    },
    on: () => {},
    off: () => {},
  };
  return { sigma: sigma as unknown as Sigma<NodeAttrs, EdgeAttrs>, graph, calls, container };
}
