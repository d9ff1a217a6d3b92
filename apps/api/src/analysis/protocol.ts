// What the main thread and the analysis workers say to each other. A task names an
// operation and its arguments (already validated, defaults applied) and carries the
// projection it must run on as shared data: handles to SharedArrayBuffers, not bytes,
// so a worker that already holds that version decodes nothing.
import type {
  AlternativesFilter,
  ConcentrationEntry,
  DependencyAlternatives,
  DependencyPath,
  ExplainedEntity,
  ImpactComparison,
  ImpactModel,
  ImpactResult,
  Mitigation,
  MitigationKind,
  NeighborhoodDirection,
  NeighborhoodResult,
  Overview,
  OverviewDimension,
  RiskRanking,
  SharedGraph,
  WhatIfChange,
} from '@smart/engine';
import type { EntityKind } from '@smart/domain';
import type { AffectedFilter, AffectedOrder } from '../reports/affected';

export interface ImpactArgs {
  failed: { id: string; inoperability?: number | null }[];
  durationHours: number | undefined;
  model: ImpactModel;
  /** What-if changes applied to this task's copy of the graph only (the shared projection is never touched). */
  changes: WhatIfChange[];
  /** Names `changes` in error messages ("input.changes"). */
  changesField: string;
  /**
   * False when only the summary was asked for: no affected row is explained or sent back
   * (a hub's report is tens of thousands of rows the request loop would deserialise).
   */
  rows?: boolean;
  /**
   * One page of the affected table is all the request reads: the worker filters, orders
   * and explains that page only, and sends back its rows (a hub's report at L is 64k rows).
   */
  page?: AffectedPageRequest;
}

/** The page of `ImpactReport.affected` a request reads (offset: rows before it). */
export interface AffectedPageRequest {
  offset: number;
  first: number;
  filter: AffectedFilter;
  order: AffectedOrder;
}

/** What a paged impact's `affected` holds: `total` rows pass the filter, `affected` is [offset, offset + first). */
export interface AffectedPage {
  offset: number;
  total: number;
  /** Every affected entity of the report, before the filter. */
  affectedCount: number;
}

/** An impact's result: each affected entity explained, and the entities its changes cut from their organization. */
export type ImpactOutcome = ImpactResult & {
  affected: ExplainedEntity[];
  detached: string[];
  /** Set when the task was asked for one page: `affected` is that page only. */
  page?: AffectedPage;
};

/** Each operation: its arguments and its result. */
export interface Operations {
  impact: { args: ImpactArgs; result: ImpactOutcome };
  compare: {
    args: { a: ImpactArgs; b: ImpactArgs };
    result: { a: ImpactOutcome; b: ImpactOutcome; diff: ImpactComparison };
  };
  mitigations: {
    args: {
      impact: ImpactArgs;
      kinds: MitigationKind[];
      first: number;
      workaroundHours: number;
      steps: number | null;
      /** Candidates simulated per ranking (security/cost.ts `mitigationCandidates`, as priced). */
      candidates: number;
    };
    result: Mitigation[];
  };
  paths: {
    args: { from: string; toKinds: EntityKind[]; maxDepth: number; limit: number };
    result: DependencyPath[];
  };
  shortestPath: { args: { from: string; to: string }; result: string[] | null };
  riskPart: {
    args: {
      kinds: EntityKind[];
      durationHours: number | undefined;
      first: number;
      part: { index: number; of: number };
    };
    result: RiskRanking[];
  };
  fourthParty: { args: { first: number }; result: ConcentrationEntry[] };
  alternatives: { args: AlternativesFilter; result: DependencyAlternatives[] };
  neighborhood: {
    args: { id: string; depth: number; direction: NeighborhoodDirection | null | undefined; limit: number };
    result: NeighborhoodResult;
  };
  overview: { args: { dimensions: OverviewDimension[] }; result: Overview };
  overviewMembers: {
    args: { key: string; dimensions: OverviewDimension[] };
    result: { id: string; links: number }[];
  };
  directDependents: { args: { id: string }; result: number };
  duplicates: {
    args: { kinds: EntityKind[]; minScore: number; first: number };
    result: { ids: string[]; score: number; evidence: string[] }[];
  };
}
export type Operation = keyof Operations;

export interface AnalysisTask<O extends Operation = Operation> {
  version: number;
  graph: SharedGraph;
  op: O;
  args: Operations[O]['args'];
  /** Test seam (AnalysisHooks.taskGate): shared counters that hold a task while it runs. */
  gate?: Int32Array;
}

/**
 * The entities a result names (kind and name from the projection), so the API can
 * answer `entity { id kind name }` without reading Neo4j (see EntityLoader.remember).
 */
export interface NamedEntities {
  ids: string[];
  kinds: EntityKind[];
  names: string[];
}

/** An error about the request (unknown ids, a bad argument), kept apart from crashes. */
export type TaskFailure =
  | { kind: 'unknown-entity'; ids: string[] }
  | { kind: 'invalid-input'; field: string; message: string };

export type TaskOutcome<O extends Operation = Operation> =
  | { ok: true; value: Operations[O]['result']; named: NamedEntities }
  | { ok: false; failure: TaskFailure };

/** What the projection worker answers: the graph at `version` or later, shared. */
export interface ProjectionMessage {
  version: number;
  graph: SharedGraph;
  size: import('@smart/store').ProjectionSize;
  /** How it got there (full build or replay), for operators and tests. */
  stats: import('@smart/store').ProjectionCacheStats;
  /** Milliseconds spent in the worker (read + build/replay + packing). */
  ms: number;
}
