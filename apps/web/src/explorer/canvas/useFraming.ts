// Framing: a request to centre the camera on an entity (or to fit everything) waits
// until the layout has settled, so it aims at where the entity ends up; a force layout
// that takes long is framed after its first moments instead (`early`). A small picture
// (40 nodes or fewer) is always shown whole. Test: useFraming.test.tsx.
import { useMemo, useRef } from 'react';
import type Sigma from 'sigma';
import type { EdgeAttrs, NodeAttrs } from './sceneDiff';

/** A request to centre the camera; a new nonce frames again. */
export interface FrameRequest {
  /** The entity to centre on, or null to fit everything. */
  id: string | null;
  nonce: number;
}

/** What the layout tells the framing. */
export interface LayoutProgress {
  /** A layout started: frame requests wait. */
  started(): void;
  /** The layout settled: a waiting request is served now. */
  settled(): void;
  /** The layout has run long enough to aim at: a waiting request is served unless it settled. */
  early(): void;
}

/** The framing: what the layout tells it, and the requests (served now, or once settled). */
export interface Framing extends LayoutProgress {
  request(req: FrameRequest): void;
}

/**
 * Labels and edges are hidden while the camera moves; when an animation ends on the
 * state it last set, the camera emits no update, so draw the still picture explicitly.
 */
export function redrawAfterMove(sigma: { refresh: () => unknown; getContainer: () => HTMLElement }) {
  // The canvas may have been unmounted (Sigma killed) while the camera was moving.
  if (sigma.getContainer().isConnected && sigma.getContainer().childElementCount > 0) sigma.refresh();
}

export function useFraming(sigma: Sigma<NodeAttrs, EdgeAttrs>): Framing {
  const pending = useRef<FrameRequest | null>(null);
  const isSettled = useRef(true);

  const frameNow = (req: FrameRequest) => {
    if (!sigma.getContainer().isConnected) return;
    const camera = sigma.getCamera();
    const g = sigma.getGraph();
    // A small picture is best seen whole; a large one is framed on the entity.
    if (req.id === null || !g.hasNode(req.id) || g.order <= 40) {
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
  // The latest frameNow (it closes over sigma only, but stays current all the same).
  const frameLater = useRef(frameNow);
  frameLater.current = frameNow;

  return useMemo<Framing>(() => {
    const flush = () => {
      const req = pending.current;
      pending.current = null;
      if (req) frameLater.current(req);
    };
    return {
      started: () => {
        isSettled.current = false;
      },
      settled: () => {
        isSettled.current = true;
        flush();
      },
      early: () => {
        if (!isSettled.current) flush();
      },
      request: (req) => {
        if (isSettled.current) frameLater.current(req);
        else pending.current = req;
      },
    };
  }, []);
}
