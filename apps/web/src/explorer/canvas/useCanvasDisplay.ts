// How the graph is drawn and what the pointer does: Sigma's node and edge reducers read
// one display context of precomputed Sets (display.ts), refreshed when the selection,
// highlight, filters, impact states or the hovered entity change; clicks select (or
// open a group), a double click expands, hovering lights an entity's neighbours.
// Handlers are read through a ref, so they are registered once.
import { useRegisterEvents } from '@react-sigma/core';
import { useEffect, useMemo, useRef, useState } from 'react';
import type Sigma from 'sigma';
import type { ImpactState } from '../../generated/graphql';
import { type DisplayContext, edgeDisplay, nodeDisplay } from '../display';
import { startLabelFrame } from '../labels';
import { type Adjacency, type EdgeAttrs, NO_NEIGHBOURS, type NodeAttrs } from './sceneDiff';
import type { BigSceneEdges } from './useBigSceneEdges';

const EMPTY = new Set<string>();

export interface DisplayInput {
  selected: string | null;
  states: ReadonlyMap<string, ImpactState> | null;
  hidden: ReadonlySet<string>;
  highlight: { nodes: ReadonlySet<string>; edges: ReadonlySet<string> } | null;
}

/** The display context of one render (hovering lights the hovered entity's neighbours). */
export function displayContext(
  has: (id: string) => boolean,
  input: DisplayInput,
  hovered: string | null,
  adjacency: Adjacency,
): DisplayContext {
  const shown = hovered && has(hovered) ? hovered : null;
  return {
    selected: input.selected,
    hovered: shown,
    hoverSet: shown ? new Set([shown, ...(adjacency.get(shown) ?? NO_NEIGHBOURS)]) : EMPTY,
    highlightNodes: input.highlight?.nodes ?? EMPTY,
    highlightEdges: input.highlight?.edges ?? EMPTY,
    hidden: input.hidden,
    states: input.states,
  };
}

export function useCanvasDisplay(
  sigma: Sigma<NodeAttrs, EdgeAttrs>,
  input: DisplayInput,
  adjacency: Adjacency,
  bigEdges: BigSceneEdges,
  hovered: string | null,
): void {
  const { selected, highlight, hidden, states } = input;
  const ctx = useMemo<DisplayContext>(() => {
    const g = sigma.getGraph();
    return displayContext((id) => g.hasNode(id), { selected, highlight, hidden, states }, hovered, adjacency);
  }, [sigma, hovered, selected, highlight, hidden, states, adjacency]);
  const ctxRef = useRef(ctx);
  ctxRef.current = ctx;
  useEffect(() => {
    sigma.setSetting('nodeReducer', (id, a) => nodeDisplay(id, a, ctxRef.current) as NodeAttrs);
    sigma.setSetting('edgeReducer', (id, a) => edgeDisplay(id, a.s, a.t, a, ctxRef.current) as EdgeAttrs);
  }, [sigma]);
  const { focus, sync } = bigEdges;
  useEffect(() => {
    // A big scene draws the edges of what is selected, highlighted or hovered.
    const f = new Set<string>(ctx.highlightNodes);
    if (ctx.selected) f.add(ctx.selected);
    if (ctx.hovered) f.add(ctx.hovered);
    focus.current = f;
    sync();
    sigma.refresh({ skipIndexation: false });
  }, [sigma, ctx, focus, sync]);
  // Labels avoid those already drawn in the same frame (labels.ts).
  useEffect(() => {
    sigma.on('beforeRender', startLabelFrame);
    return () => {
      sigma.off('beforeRender', startLabelFrame);
    };
  }, [sigma]);
}

export interface CanvasHandlers {
  onSelect: (id: string | null) => void;
  onExpand: (id: string) => void;
  onOpenCluster: (id: string) => void;
}

/** Registers the pointer events once; returns the hovered entity. */
export function useCanvasEvents(sigma: Sigma<NodeAttrs, EdgeAttrs>, handlers: CanvasHandlers): string | null {
  const registerEvents = useRegisterEvents<NodeAttrs, EdgeAttrs>();
  const [hovered, setHovered] = useState<string | null>(null);
  const current = useRef(handlers);
  current.current = handlers;
  useEffect(() => {
    registerEvents({
      clickNode: (e) => {
        const isCluster = sigma.getGraph().getNodeAttribute(e.node, 'cluster');
        if (isCluster) current.current.onOpenCluster(e.node);
        else current.current.onSelect(e.node);
      },
      doubleClickNode: (e) => {
        e.preventSigmaDefault();
        current.current.onExpand(e.node);
      },
      clickStage: () => current.current.onSelect(null),
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
  return hovered;
}
