import type { EntityKind } from './graph';

/** Result types: plain objects carrying ids; the API resolves ids to entities. */

export type ImpactState = 'FAILED' | 'DEGRADED';
export type ImpactModel = 'DISCRETE' | 'INOPERABILITY';

/**
 * The defaults of a simulation, in one place: the engine applies them, the API's
 * schema states the same (a test compares), scenarios store them.
 */
export const IMPACT_DEFAULTS = {
  /** The propagation model when none is given. */
  model: 'DISCRETE',
  /** c* of a failed entity when none is given: fully inoperable. */
  inoperability: 1,
} as const satisfies { model: ImpactModel; inoperability: number };

export interface FailureSpec {
  id: string;
  /** c* ∈ (0, 1], inoperability model only; default 1. */
  inoperability?: number | null;
}

export interface ImpactOptions {
  failed: readonly FailureSpec[];
  /** Outage length in hours, > 0; omitted, null or Infinity = indefinite. */
  durationHours?: number | null;
  model?: ImpactModel;
}

export interface ImpactedEntity {
  id: string;
  kind: EntityKind;
  state: ImpactState;
  /** disrupted(n); 0 for entities in F (and in the inoperability model). */
  disruptedAtHours: number;
  /** t(n) when FAILED, null when DEGRADED. */
  failedAtHours: number | null;
  /** q(n) in the inoperability model, null in the discrete model. */
  inoperability: number | null;
  /** Causal path: this entity first, an entity of F last. */
  because: string[];
}

export interface FunctionImpact {
  functionId: string;
  capacityLoss: number;
  failedWorkflows: number;
  degradedWorkflows: number;
}

/**
 * One group of the summary's breakdown (by region, by subsector): the affected
 * organizations in it, and the FAILED and DEGRADED workflows of its organizations.
 * Over all groups these add up to the summary's totals.
 */
export interface GroupImpact {
  organizationsAffected: number;
  workflowsFailed: number;
  workflowsDegraded: number;
}

/** A region's share of an impact; `region` null = organizations without one (and workflows without an organization). */
export interface RegionImpact extends GroupImpact {
  region: string | null;
  /** Volume per day lost in the region, per unit ("claims"), most first; only workflows that give a unit. */
  volumesLost: VolumeLost[];
}

/** A volume per day an impact stops (FAILED: all of it; DEGRADED: what the workaround does not carry). */
export interface VolumeLost {
  unit: string;
  perDay: number;
}

/** A subsector's share of an impact; `subsector` null = organizations without one (and workflows without an organization). */
export interface SubsectorImpact extends GroupImpact {
  subsector: string | null;
}

/** A workflow category's share of an impact's FAILED and DEGRADED workflows; `category` null = none given. */
export interface WorkflowCategoryImpact {
  category: string | null;
  workflowsFailed: number;
  workflowsDegraded: number;
}

export interface ImpactSummary {
  failed: number;
  degraded: number;
  workflowsFailed: number;
  workflowsDegraded: number;
  organizationsAffected: number;
  functions: FunctionImpact[];
  /** Most organizations affected first, then most workflows failed, then degraded, then by name (null after names). */
  byRegion: RegionImpact[];
  bySubsector: SubsectorImpact[];
  /** Most workflows failed first, then degraded, then by name (null after names). */
  byWorkflowCategory: WorkflowCategoryImpact[];
}

export interface ImpactResult {
  summary: ImpactSummary;
  affected: ImpactedEntity[];
}
