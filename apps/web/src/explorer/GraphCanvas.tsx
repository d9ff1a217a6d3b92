// The Sigma canvas. It only renders a Scene (what to draw) with a display context
// (selection, highlight, filters, impact states); it owns no data. The graphology
// graph is updated in place (diffed), positions come from the tiered layout or from
// ForceAtlas2 in a web worker, and reducers read precomputed Sets. A big scene
// (bigScene.ts) is laid out in tiers without animation and keeps only the edges of the
// focused entities, and zoomed in those in view, in the drawn graph.
import '@react-sigma/core/lib/style.css';
import { SigmaContainer, useSigma } from '@react-sigma/core';
import Graph from 'graphology';
import { type KeyboardEvent, useEffect, useMemo, useRef, useState } from 'react';
import type { Settings } from 'sigma/settings';
import type { ImpactState } from '../generated/graphql';
import { KIND_META } from './kinds';
import { ARROW, nextFocus, type Placed } from './keyboardNav';
import { CANVAS_SETTINGS } from './canvasSettings';
import {
  type Adjacency,
  adjacencyOf,
  type EdgeAttrs,
  type GraphAttrs,
  NO_NEIGHBOURS,
  type NodeAttrs,
} from './canvas/sceneDiff';
import { useBigSceneEdges } from './canvas/useBigSceneEdges';
import { useCanvasDisplay, useCanvasEvents } from './canvas/useCanvasDisplay';
import { type FrameRequest, redrawAfterMove, useFraming } from './canvas/useFraming';
import { type LayoutKind, useSceneLayout } from './canvas/useSceneLayout';
import type { Scene } from './scene';
import { hasWebGL } from './webgl';

export type { FrameRequest } from './canvas/useFraming';
export type { LayoutKind } from './canvas/useSceneLayout';

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
    const links = (adjacency.get(id) ?? NO_NEIGHBOURS).filter((m) => !hidden.has(m)).length;
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
          (adjacency.get(current) ?? NO_NEIGHBOURS).filter((m) => shown.has(m)).map(placed),
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

/**
 * Keeps Sigma showing the scene, one hook per concern (./canvas): the big scene's edge
 * choice, the framing, the diff and layout, the pointer events, the display reducers.
 * The order matters: a new scene starts its layout before a frame request of the same
 * render is heard, so the request waits for the layout.
 */
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
  const bigEdges = useBigSceneEdges(sigma);
  const framing = useFraming(sigma);
  useSceneLayout(sigma, scene, layout, adjacency, bigEdges, framing);
  useEffect(() => {
    if (frame) framing.request(frame);
  }, [framing, frame]);
  const hovered = useCanvasEvents(sigma, { onSelect, onExpand, onOpenCluster });
  useCanvasDisplay(sigma, { selected, states, hidden, highlight }, adjacency, bigEdges, hovered);
  return null;
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
