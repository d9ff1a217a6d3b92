// What the canvas draws, independent of Sigma: nodes and edges in *flow* direction
// (source = the provider, target = the one that depends on it), so that arrows point
// the way a failure travels and the tiered layout reads left to right.
import type { EdgeType, EntityKind } from '../generated/graphql';

export interface SceneNode {
  id: string;
  label: string;
  kind: EntityKind;
  subsector?: string | null;
  /** Supplier/service category, workflow category or organization type. */
  category?: string | null;
  dependents: number;
  /** Present on an aggregate node that stands for many neighbours of one entity. */
  cluster?: ClusterInfo;
}

export interface ClusterInfo {
  /** The entity whose fan-out this cluster aggregates. */
  parent: string;
  members: SceneNode[];
}

export type SceneEdgeType = EdgeType | 'CAUSE' | 'PATH' | 'CLUSTER';

export interface SceneEdge {
  id: string;
  source: string;
  target: string;
  type: SceneEdgeType;
  group?: string | null;
}

export interface Scene {
  nodes: SceneNode[];
  edges: SceneEdge[];
}

/** A raw edge as the API stores it (`a DEPENDS_ON b`, `service PROVIDED_BY supplier`, …). */
export interface StoredEdge {
  id: string;
  source: string;
  target: string;
  type: EdgeType;
  group?: string | null;
}

/**
 * Turns a stored relationship into flow direction: dependencies and "provided by"
 * point from the dependent to the provider, so they are reversed; "performs",
 * "owns" and "supports" already point downstream.
 */
export function toFlowEdge(e: StoredEdge): SceneEdge {
  const reversed = e.type === 'DEPENDS_ON' || e.type === 'PROVIDED_BY';
  return {
    id: e.id,
    source: reversed ? e.target : e.source,
    target: reversed ? e.source : e.target,
    type: e.type,
    group: e.group ?? null,
  };
}
