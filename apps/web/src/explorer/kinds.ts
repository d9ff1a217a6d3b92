// Presentation of entity kinds: label, colour, shape and tier. Colours come from the
// Okabe–Ito palette (safe for the common colour-vision deficiencies); every kind
// also has its own shape so colour is never the only cue.
import type { EntityKind, ImpactState } from '../generated/graphql';

export type Shape = 'circle' | 'square' | 'diamond' | 'triangle' | 'hexagon' | 'star';

/** Each shape's index in the node program's fragment shader (nodeProgram.ts). */
export const SHAPE_INDEX: Record<Shape, number> = {
  circle: 0,
  square: 1,
  diamond: 2,
  triangle: 3,
  hexagon: 4,
  star: 5,
};

export interface KindMeta {
  label: string;
  plural: string;
  color: string;
  shape: Shape;
  /** Column of the tiered layout: where failures start (0) to where they end up. */
  tier: number;
}

export const KINDS: readonly EntityKind[] = [
  'SUPPLIER',
  'SERVICE',
  'ORGANIZATION',
  'ASSET',
  'WORKFLOW',
  'CRITICAL_FUNCTION',
];

export const KIND_META: Record<EntityKind, KindMeta> = {
  SUPPLIER: { label: 'Supplier', plural: 'Suppliers', color: '#0072B2', shape: 'square', tier: 0 },
  SERVICE: { label: 'Service', plural: 'Services', color: '#56B4E9', shape: 'diamond', tier: 1 },
  // An organization's failure fails its assets and workflows, so it sits upstream of them.
  ORGANIZATION: {
    label: 'Organization',
    plural: 'Organizations',
    color: '#CC79A7',
    shape: 'circle',
    tier: 2,
  },
  ASSET: { label: 'Asset', plural: 'Assets', color: '#8C8C8C', shape: 'triangle', tier: 3 },
  WORKFLOW: { label: 'Workflow', plural: 'Workflows', color: '#009E73', shape: 'hexagon', tier: 4 },
  CRITICAL_FUNCTION: {
    label: 'Critical function',
    plural: 'Critical functions',
    color: '#E69F00',
    shape: 'star',
    tier: 5,
  },
};

export function isEntityKind(v: string): v is EntityKind {
  return v in KIND_META;
}

export const STATE_META: Record<ImpactState, { label: string; color: string; prefix: string }> = {
  FAILED: { label: 'Failed', color: '#D55E00', prefix: '✕ ' },
  DEGRADED: { label: 'Degraded', color: '#F0E442', prefix: '◐ ' },
};

/** Nodes outside the story being told (unaffected, off the highlighted path). */
export const DIMMED_COLOR = '#d3d8e0';
export const EDGE_COLOR = '#b8c0cc';
export const HIGHLIGHT_EDGE_COLOR = '#1d2433';

export const SUBSECTOR_LABEL: Record<string, string> = {
  DIRECT_PATIENT_CARE: 'Direct patient care',
  HEALTH_PLANS_PAYERS: 'Health plans & payers',
  PHARMA_LABS_BLOOD: 'Pharma, labs & blood',
  MEDICAL_MATERIALS_DEVICES: 'Medical materials & devices',
  HEALTH_IT: 'Health IT',
  PUBLIC_HEALTH: 'Public health',
  MASS_FATALITY: 'Mass fatality',
};

export const WORKFLOW_CATEGORY_LABEL: Record<string, string> = {
  CLINICAL: 'Clinical',
  ADMINISTRATIVE: 'Administrative',
  MANUFACTURING: 'Manufacturing',
};

/** Node size on the canvas: grows with the log of the number of dependents, bounded. */
export function nodeSize(dependents: number): number {
  return Math.min(16, 5 + 2.2 * Math.log2(1 + Math.max(0, dependents)));
}
