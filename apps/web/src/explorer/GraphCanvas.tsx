// The Sigma canvas. It only renders a Scene (what to draw) with a display context
// (selection, highlight, filters, impact states); it owns no data. The graphology
// graph is updated in place (diffed), positions come from the tiered layout or from
// ForceAtlas2 in a web worker, and reducers read precomputed Sets. A big scene
// (bigScene.ts) is laid out in tiers without animation and keeps only the edges of the
// focused entities, and zoomed in those in view, in the drawn graph.
import '@react-sigma/core/lib/style.css';
import { SigmaContainer, useRegisterEvents, useSigma } from '@react-sigma/core';
import Graph from 'graphology';
import FA2Layout from 'graphology-layout-forceatlas2/worker';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import { type KeyboardEvent, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Settings } from 'sigma/settings';
import { animateNodes } from 'sigma/utils';
import type { ImpactState } from '../generated/graphql';
import {
  type CanvasEdgeAttributes,
  type CanvasNodeAttributes,
  type DisplayContext,
  edgeDisplay,
  nodeDisplay,
} from './display';
import { EDGE_COLOR, KIND_META, nodeSize } from './kinds';
import { ARROW, nextFocus, type Placed } from './keyboardNav';
import { startLabelFrame } from './labels';
import { SHAPE_INDEX } from './nodeProgram';
import { BIG_NODE_SCALE, BIG_SWEEPS, EDGE_ZOOM, edgesToDraw, isBig, viewBox } from './bigScene';
import { CANVAS_SETTINGS } from './canvasSettings';
import type { Scene, SceneEdge } from './scene';
import { tieredFrame, tieredLayout } from './tieredLayout';
import { hasWebGL } from './webgl';

export type LayoutKind = 'tiered' | 'force';

export interface FrameRequest {
  /** The entity to centre on, or null to fit everything. */
  id: string | null;
  nonce: number;
}

export interface GraphCanvasProps {
  scene: Scene;
  layout: LayoutKind;
  selected: string | null;
  states: ReadonlyMap<string, ImpactState> | null;
  hidden: ReadonlySet<string>;
  highlight: { nodes: ReadonlySet<string>; edges: ReadonlySet<string> } | null;
  frame: FrameRequest | null;
  onSelect: (id: string | null) => void;
  onExpand: (id: string) => void;
  onOpenCluster: (id: string) => void;
  /** Describes the canvas for assistive technology (the lists around it are the accessible route). */
  description: string;
}

type NodeAttrs = CanvasNodeAttributes & { kind: string; cluster?: boolean };
type EdgeAttrs = CanvasEdgeAttributes & { s: string; t: string };
type GraphAttrs = Record<string, never>;

const EMPTY = new Set<string>();

/** Each entity's neighbours in the scene (a big scene's drawn graph holds only some edges). */
type Adjacency = ReadonlyMap<string, readonly string[]>;
function adjacencyOf(scene: Scene): Adjacency {
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
const NONE: readonly string[] = [];

const edgeAttrs = (e: SceneEdge): EdgeAttrs => ({
  size: e.type === 'CLUSTER' ? 1 : 1.2,
  color: EDGE_COLOR,
  s: e.source,
  t: e.target,
});

const SETTINGS = CANVAS_SETTINGS as Partial<Settings<NodeAttrs, EdgeAttrs>>;

export function GraphCanvas(props: GraphCanvasProps) {
  const [webgl] = useState(hasWebGL);
  const graph = useMemo(
    () => new Graph<NodeAttrs, EdgeAttrs, GraphAttrs>({ multi: true, type: 'directed' }),
    [],
  );
  if (!webgl) {
    return (
      <div className="canvas-fallback" role="alert">
        <h2>The map needs WebGL</h2>
        <p>
          This browser did not give the page a WebGL context, so the graph cannot be drawn. Turn on hardware
          acceleration (or try another browser). The search, details, impact tables, paths and the risk
          dashboard work without it.
        </p>
      </div>
    );
  }
  return <KeyboardCanvas graph={graph} {...props} />;
}

interface KeyBinding {
  focus: () => void;
  key: (e: KeyboardEvent<HTMLElement>) => void;
}

/**
 * The canvas as one tab stop (role application, so screen readers pass the keys on):
 * arrow keys move to the neighbour in that direction, Enter expands, Escape leaves; a
 * live region says which entity is focused and its state. Every action also has a
 * non-canvas route (the search, the "On the canvas" list, Details).
 */
function KeyboardCanvas({
  graph,
  ...props
}: GraphCanvasProps & { graph: Graph<NodeAttrs, EdgeAttrs, GraphAttrs> }) {
  const binding = useRef<KeyBinding | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const adjacency = useMemo(() => adjacencyOf(props.scene), [props.scene]);
  return (
    <div
      className="canvas-wrap"
      role="application"
      aria-roledescription="map"
      aria-label={`${props.description}. Arrow keys move between linked entities, Enter expands, Escape leaves.`}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: role application is the keyboard-operated map
      tabIndex={0}
      onFocus={(e) => {
        if (e.target === e.currentTarget) binding.current?.focus();
      }}
      onKeyDown={(e) => {
        if (e.target === e.currentTarget) binding.current?.key(e);
      }}
    >
      <SigmaContainer<NodeAttrs, EdgeAttrs, GraphAttrs> graph={graph} settings={SETTINGS} className="sigma">
        <SceneSync {...props} adjacency={adjacency} />
        <KeyboardNav {...props} adjacency={adjacency} binding={binding} announce={setAnnouncement} />
        <CameraControls />
      </SigmaContainer>
      <p className="sr-only" aria-live="polite" data-testid="canvas-announcer">
        {announcement}
      </p>
    </div>
  );
}

function KeyboardNav({
  selected,
  states,
  hidden,
  onSelect,
  onExpand,
  binding,
  announce,
  adjacency,
}: GraphCanvasProps & {
  binding: { current: KeyBinding | null };
  announce: (text: string) => void;
  adjacency: Adjacency;
}) {
  const sigma = useSigma<NodeAttrs, EdgeAttrs>();
  const describe = (id: string) => {
    const g = sigma.getGraph();
    const a = g.getNodeAttributes(id);
    const kind = KIND_META[a.kind as keyof typeof KIND_META]?.label ?? a.kind;
    const state = states?.get(id);
    const links = (adjacency.get(id) ?? NONE).filter((m) => !hidden.has(m)).length;
    return `${a.label}, ${kind.toLowerCase()}${state ? `, ${state === 'FAILED' ? 'failed' : 'degraded'}` : ''}, ${links} linked`;
  };
  const placed = (id: string): Placed => {
    const a = sigma.getGraph().getNodeAttributes(id);
    const v = sigma.graphToViewport({ x: a.x, y: a.y });
    return { id, x: v.x, y: v.y };
  };
  const show = (id: string) => {
    const { width, height } = sigma.getDimensions();
    const p = placed(id);
    if (p.x >= 0 && p.y >= 0 && p.x <= width && p.y <= height) return;
    const d = sigma.getNodeDisplayData(id);
    if (d) void sigma.getCamera().animate({ x: d.x, y: d.y }, { duration: 300 });
  };
  // Entities only: a fan-out group opens from the "On the canvas" list (its non-canvas route).
  const visible = () => sigma.getGraph().filterNodes((n, a) => !hidden.has(n) && !a.cluster);
  binding.current = {
    focus: () => {
      const nodes = visible();
      if (nodes.length === 0) {
        announce('The map is empty: search for an entity to start.');
        return;
      }
      const id = selected && nodes.includes(selected) ? selected : nodes[0]!;
      if (id !== selected) onSelect(id);
      announce(describe(id));
    },
    key: (e) => {
      const nodes = visible();
      const current = selected && nodes.includes(selected) ? selected : null;
      const dir = ARROW[e.key];
      if (dir) {
        e.preventDefault();
        if (!current) {
          if (nodes[0]) {
            onSelect(nodes[0]);
            announce(describe(nodes[0]));
          }
          return;
        }
        const g = sigma.getGraph();
        const shown = new Set(nodes);
        const next = nextFocus(
          placed(current),
          (adjacency.get(current) ?? NONE).filter((m) => shown.has(m)).map(placed),
          nodes.map(placed),
          dir,
        );
        if (!next) {
          announce(
            `Nothing ${dir === 'up' || dir === 'down' ? dir : `to the ${dir}`} of ${g.getNodeAttribute(current, 'label')}.`,
          );
          return;
        }
        onSelect(next);
        show(next);
        announce(describe(next));
      } else if (e.key === 'Enter' && current) {
        e.preventDefault();
        onExpand(current);
        announce(`Expanding ${sigma.getGraph().getNodeAttribute(current, 'label')}.`);
      } else if (e.key === 'Escape') {
        e.preventDefault();
        announce('Left the map.');
        e.currentTarget.blur();
      }
    },
  };
  return null;
}

function SceneSync({
  scene,
  layout,
  selected,
  states,
  hidden,
  highlight,
  frame,
  onSelect,
  onExpand,
  onOpenCluster,
  adjacency,
}: GraphCanvasProps & { adjacency: Adjacency }) {
  const sigma = useSigma<NodeAttrs, EdgeAttrs>();
  // A big scene's edges: all of them here, only some in the drawn graph (syncEdges).
  const big = useRef(false);
  const sceneEdges = useRef<SceneEdge[]>([]);
  const focus = useRef<ReadonlySet<string>>(EMPTY);
  const registerEvents = useRegisterEvents<NodeAttrs, EdgeAttrs>();
  const [hovered, setHovered] = useState<string | null>(null);
  const fa2 = useRef<FA2Layout | null>(null);
  const fa2Timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const stopAnimation = useRef<(() => void) | null>(null);
  const pendingFrame = useRef<FrameRequest | null>(null);
  const settled = useRef(true);

  const stopFa2 = useCallback(() => {
    if (fa2Timer.current) clearTimeout(fa2Timer.current);
    fa2Timer.current = null;
    fa2.current?.kill();
    fa2.current = null;
  }, []);

  const frameNow = (req: FrameRequest) => {
    if (!sigma.getContainer().isConnected) return;
    const camera = sigma.getCamera();
    // A small picture is best seen whole; a large one is framed on the entity.
    if (req.id === null || !sigma.getGraph().hasNode(req.id) || sigma.getGraph().order <= 40) {
      void camera.animatedReset({ duration: 400 }).then(() => redrawAfterMove(sigma));
      return;
    }
    // Positions may have changed since the last frame: index them before reading.
    sigma.refresh();
    const d = sigma.getNodeDisplayData(req.id);
    if (!d) return;
    void camera
      .animate({ x: d.x, y: d.y, ratio: Math.min(camera.getState().ratio, 0.55) }, { duration: 500 })
      .then(() => redrawAfterMove(sigma));
  };
  const frameLater = useRef(frameNow);
  frameLater.current = frameNow;

  /** A big scene: draw the edges of the focused entities, and zoomed in those in view. */
  const syncEdges = useCallback(() => {
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
        sceneEdges.current,
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
    for (const e of sceneEdges.current) {
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
      timer = setTimeout(syncEdges, 150);
    };
    camera.on('updated', onMove);
    return () => {
      if (timer) clearTimeout(timer);
      camera.off('updated', onMove);
    };
  }, [sigma, syncEdges]);

  // 1. Diff the scene into the graph and lay it out.
  useEffect(() => {
    const g = sigma.getGraph();
    big.current = isBig(scene.nodes.length);
    sceneEdges.current = scene.edges;
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
        size: (n.cluster ? 11 : nodeSize(n.dependents)) * (big.current ? BIG_NODE_SCALE : 1),
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
    if (!big.current) {
      for (const e of scene.edges) {
        if (g.hasEdge(e.id) || !g.hasNode(e.source) || !g.hasNode(e.target)) continue;
        g.addDirectedEdgeWithKey(e.id, e.source, e.target, edgeAttrs(e));
      }
    }
    // New nodes start next to a neighbour already placed, so they grow out of it.
    const freshSet = new Set(fresh);
    for (const id of fresh) {
      const anchor = (adjacency.get(id) ?? NONE).find((m) => !freshSet.has(m) && g.hasNode(m));
      const a = anchor ? g.getNodeAttributes(anchor) : { x: 0, y: 0 };
      g.mergeNodeAttributes(id, { x: a.x + (Math.random() - 0.5), y: a.y + (Math.random() - 0.5) });
    }

    stopAnimation.current?.();
    stopFa2();
    settled.current = false;
    const done = () => {
      settled.current = true;
      const req = pendingFrame.current;
      pendingFrame.current = null;
      if (req) frameLater.current(req);
    };
    if (g.order === 0) {
      done();
      return;
    }
    // A big scene is always tiered (a force-directed layout of thousands would not settle).
    if (layout === 'tiered' || big.current) {
      const positions = tieredLayout(
        g.mapNodes((id, a) => ({
          id,
          tier: KIND_META[a.kind as keyof typeof KIND_META]?.tier ?? 0,
          sortKey: a.label,
        })),
        scene.edges,
        big.current ? { sweeps: BIG_SWEEPS } : {},
      );
      const targets: Record<string, { x: number; y: number }> = {};
      for (const [id, p] of positions) targets[id] = p;
      // A fixed frame: no rescaling while nodes move, and room for the labels.
      sigma.setCustomBBox(tieredFrame(positions));
      if (fresh.length === g.order || big.current) {
        // A new picture: no animation from nowhere.
        for (const [id, p] of positions) g.mergeNodeAttributes(id, p);
        syncEdges();
        done();
      } else {
        stopAnimation.current = animateNodes(g, targets, { duration: 450, easing: 'quadraticInOut' }, done);
      }
    } else {
      sigma.setCustomBBox(null);
      if (fresh.length === g.order) {
        // Seed positions on a circle, then a quick synchronous pass so the first
        // frame is already readable; the worker refines it without blocking.
        g.forEachNode((id, _a) => {
          const i = fresh.indexOf(id);
          const angle = (2 * Math.PI * i) / Math.max(1, fresh.length);
          g.mergeNodeAttributes(id, { x: Math.cos(angle) * 10, y: Math.sin(angle) * 10 });
        });
        if (g.order <= 800) forceAtlas2.assign(g, { iterations: 60, settings: forceAtlas2.inferSettings(g) });
      }
      const layoutWorker = new FA2Layout(g, {
        settings: { ...forceAtlas2.inferSettings(g), slowDown: 5, barnesHutOptimize: g.order > 300 },
      });
      fa2.current = layoutWorker;
      layoutWorker.start();
      fa2Timer.current = setTimeout(
        () => {
          stopFa2();
          done();
        },
        Math.min(4000, 1200 + g.order * 4),
      );
      // Framing waits only for the first moments of the layout.
      setTimeout(() => {
        const req = pendingFrame.current;
        if (req && !settled.current) {
          pendingFrame.current = null;
          frameLater.current(req);
        }
      }, 300);
    }
  }, [scene, layout, sigma, stopFa2, syncEdges, adjacency]);

  // Cleanup on unmount only.
  useEffect(
    () => () => {
      stopAnimation.current?.();
      stopFa2();
    },
    [stopFa2],
  );

  // 2. Frame requests wait for the layout to settle.
  useEffect(() => {
    if (!frame) return;
    if (settled.current) frameLater.current(frame);
    else pendingFrame.current = frame;
  }, [frame]);

  // 3. Reducers over a context of precomputed Sets, refreshed when it changes.
  const ctx = useMemo<DisplayContext>(() => {
    const g = sigma.getGraph();
    const hoverSet =
      hovered && g.hasNode(hovered) ? new Set([hovered, ...(adjacency.get(hovered) ?? NONE)]) : EMPTY;
    return {
      selected,
      hovered: hovered && g.hasNode(hovered) ? hovered : null,
      hoverSet,
      highlightNodes: highlight?.nodes ?? EMPTY,
      highlightEdges: highlight?.edges ?? EMPTY,
      hidden,
      states,
    };
  }, [sigma, hovered, selected, highlight, hidden, states, adjacency]);
  const ctxRef = useRef(ctx);
  ctxRef.current = ctx;
  useEffect(() => {
    sigma.setSetting('nodeReducer', (id, a) => nodeDisplay(id, a, ctxRef.current) as NodeAttrs);
    sigma.setSetting('edgeReducer', (id, a) => edgeDisplay(id, a.s, a.t, a, ctxRef.current) as EdgeAttrs);
  }, [sigma]);
  useEffect(() => {
    // A big scene draws the edges of what is selected, highlighted or hovered.
    const f = new Set<string>(ctx.highlightNodes);
    if (ctx.selected) f.add(ctx.selected);
    if (ctx.hovered) f.add(ctx.hovered);
    focus.current = f;
    syncEdges();
    sigma.refresh({ skipIndexation: false });
  }, [sigma, ctx, syncEdges]);

  // 4. Events, through refs so handlers never need re-registering.
  const handlers = useRef({ onSelect, onExpand, onOpenCluster });
  handlers.current = { onSelect, onExpand, onOpenCluster };
  // Labels avoid those already drawn in the same frame (labels.ts).
  useEffect(() => {
    sigma.on('beforeRender', startLabelFrame);
    return () => {
      sigma.off('beforeRender', startLabelFrame);
    };
  }, [sigma]);
  useEffect(() => {
    registerEvents({
      clickNode: (e) => {
        const isCluster = sigma.getGraph().getNodeAttribute(e.node, 'cluster');
        if (isCluster) handlers.current.onOpenCluster(e.node);
        else handlers.current.onSelect(e.node);
      },
      doubleClickNode: (e) => {
        e.preventSigmaDefault();
        handlers.current.onExpand(e.node);
      },
      clickStage: () => handlers.current.onSelect(null),
      enterNode: (e) => {
        setHovered(e.node);
        sigma.getContainer().style.cursor = 'pointer';
      },
      leaveNode: () => {
        setHovered(null);
        sigma.getContainer().style.cursor = '';
      },
    });
  }, [registerEvents, sigma]);

  return null;
}

/**
 * Labels and edges are hidden while the camera moves; when an animation ends on the
 * state it last set, the camera emits no update, so draw the still picture explicitly.
 */
function redrawAfterMove(sigma: { refresh: () => unknown; getContainer: () => HTMLElement }) {
  // The canvas may have been unmounted (Sigma killed) while the camera was moving.
  if (sigma.getContainer().isConnected && sigma.getContainer().childElementCount > 0) sigma.refresh();
}

function CameraControls() {
  const sigma = useSigma();
  const camera = () => sigma.getCamera();
  const after = (p: Promise<void>) => void p.then(() => redrawAfterMove(sigma));
  return (
    <div className="camera-controls" role="toolbar" aria-label="Zoom">
      <button
        type="button"
        aria-label="Zoom in"
        title="Zoom in"
        onClick={() => after(camera().animatedZoom({ duration: 250 }))}
      >
        +
      </button>
      <button
        type="button"
        aria-label="Zoom out"
        title="Zoom out"
        onClick={() => after(camera().animatedUnzoom({ duration: 250 }))}
      >
        −
      </button>
      <button
        type="button"
        aria-label="Fit to screen"
        title="Fit to screen"
        onClick={() => after(camera().animatedReset({ duration: 300 }))}
      >
        ⤢
      </button>
    </div>
  );
}
