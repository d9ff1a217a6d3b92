// What one write did to the graph, in the terms the engine's projection needs to
// replay it (DESIGN.md §8, "live analysis"). The store records these in the
// transaction that bumps the graph version; the engine applies them with
// `applyChanges` instead of reading the whole graph again. Plain JSON: no class,
// no Date, no Map, so a change survives a round trip through Neo4j as a string.
import type { EntityKind } from './enums';

/** An entity as the engine sees it after an upsert: its properties are replaced as a whole. */
export interface ChangedEntity {
  id: string;
  kind: EntityKind;
  /** Defaults to the id. */
  name?: string | null;
  /** Workflows only (ignored for other kinds, as in §3). */
  toleranceHours?: number | null;
  workaroundCapacity?: number | null;
  volumePerDay?: number | null;
  criticality?: number | null;
  /** A workflow's category or another entity's type, as the projection reads it (coalesce(category, type)). */
  category?: string | null;
  subsector?: string | null;
  /** Organizations only: the region it is in (other kinds' regions are not projected). */
  region?: string | null;
  /** Workflows only: what the volume counts (other kinds' units are not projected). */
  volumeUnit?: string | null;
  /**
   * A service's supplier, a workflow's or an asset's organization (import's link-* queries):
   * a string replaces the link, null removes it, omitted leaves it as it is.
   */
  owner?: string | null;
  /**
   * Workflows only: every function it supports, replacing the previous set; omitted
   * leaves the set as it is (an import only adds SUPPORTS links: use ADD_SUPPORT).
   */
  functions?: readonly string[] | null;
}

export type GraphChange =
  /** Creates the entity or replaces its properties; its kind cannot change (the store refuses). */
  | { op: 'UPSERT_ENTITY'; entity: ChangedEntity }
  /**
   * DETACH DELETE of the entity. With `cascade` (the default, as entities/delete.cypher)
   * a supplier's services and an organization's workflows and assets go with it;
   * without (import --replace, import/delete-entities.cypher) only the entity goes.
   */
  | { op: 'DELETE_ENTITY'; id: string; cascade?: boolean }
  /** MERGE of the one DEPENDS_ON edge (from, to): group and strength replaced; '' = no group. */
  | { op: 'ADD_DEPENDENCY'; from: string; to: string; group?: string | null; strength?: number | null }
  /** The edge (from, to) goes; nothing happens when there is none. */
  | { op: 'REMOVE_DEPENDENCY'; from: string; to: string }
  /** MERGE of (workflow)-[:SUPPORTS]->(function). */
  | { op: 'ADD_SUPPORT'; workflowId: string; functionId: string }
  | { op: 'REMOVE_SUPPORT'; workflowId: string; functionId: string };

export type GraphChangeOp = GraphChange['op'];
