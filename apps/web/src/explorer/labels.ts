// Canvas labels that stay readable: cut to a short length, placed inside the canvas (on
// the left of a node near the right edge), and never drawn over a label already drawn in
// the same frame (Sigma's label grid proposes candidates, most important first; a
// candidate that would overlap is left out). The full name is on hover, in Details and in
// the lists beside the canvas.
import type { Settings } from 'sigma/settings';
import type { NodeDisplayData, PartialButFor } from 'sigma/types';

/** Characters a resting label keeps (about 150 px at 12 px): less than a grid cell. */
export const LABEL_MAX_CHARS = 22;
/** Sigma's label grid cell, in pixels: small, so close nodes are all candidates. */
export const LABEL_CELL = 60;
const GAP = 3;
const MARGIN = 2;

/** The label cut to `max` characters, at a word boundary when one is near, with an ellipsis. */
export function fitLabel(label: string, max = LABEL_MAX_CHARS): string {
  if (label.length <= max) return label;
  const cut = label.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space >= max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/**
 * Where a label of `width` starts for a node at x of radius `size` on a canvas `canvasWidth`
 * wide: right of the node when it fits, else left of it, and never outside the canvas.
 */
export function labelLeft(x: number, size: number, width: number, canvasWidth: number): number {
  const right = x + size + GAP;
  const left = right + width <= canvasWidth - MARGIN ? right : x - size - GAP - width;
  return Math.max(MARGIN, Math.min(left, canvasWidth - MARGIN - width));
}

/** The label's baseline, kept inside the canvas. */
export function labelBaseline(y: number, fontSize: number, canvasHeight: number): number {
  return Math.max(fontSize, Math.min(y + fontSize / 3, canvasHeight - MARGIN - fontSize / 4));
}

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export const overlaps = (a: Box, b: Box) =>
  a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/** The labels drawn in the current frame (one canvas is drawn at a time). */
let drawn: Box[] = [];

/** Called before each Sigma render: a new frame has no labels yet. */
export function startLabelFrame(): void {
  drawn = [];
}

/** Claims a box for a label unless it overlaps one already drawn this frame. */
export function claimLabelBox(box: Box, taken: Box[] = drawn): boolean {
  if (taken.some((b) => overlaps(b, box))) return false;
  taken.push(box);
  return true;
}

/** Sigma's `defaultDrawNodeLabel`: cut, kept inside the canvas, and left out where it would overlap. */
export function drawNodeLabel<N extends object, E extends object, G extends object>(
  context: CanvasRenderingContext2D,
  data: PartialButFor<NodeDisplayData, 'x' | 'y' | 'size' | 'label' | 'color'>,
  settings: Settings<N, E, G>,
): void {
  if (!data.label) return;
  const size = settings.labelSize;
  context.fillStyle = settings.labelColor.color ?? '#000';
  context.font = `${settings.labelWeight} ${size}px ${settings.labelFont}`;
  const text = fitLabel(data.label);
  const width = context.measureText(text).width;
  // the label canvas is scaled by the pixel ratio; positions are in CSS pixels
  const ratio = context.getTransform().a || 1;
  const x = labelLeft(data.x, data.size, width, context.canvas.width / ratio);
  const y = labelBaseline(data.y, size, context.canvas.height / ratio);
  // 2 px of air around each label
  if (!claimLabelBox({ x: x - 2, y: y - size - 1, w: width + 4, h: size + 4 })) return;
  context.fillText(text, x, y);
}
