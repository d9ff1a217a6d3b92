/**
 * @smart/engine — impact propagation, the inoperability model, dependency paths
 * and systemic-risk metrics over a compact in-memory graph. Pure TypeScript: no
 * I/O, no Node APIs; runs in Node and in the browser.
 */
export {
  type ChangeTotals,
  compareImpacts,
  type EntityChange,
  type ImpactComparison,
  type OrganizationChanges,
  SCENARIO_CHANGES,
  type ScenarioChange,
} from './compare';
export { InvalidInputError, UnknownEntityError } from './errors';
export {
  bucket,
  CompactGraph,
  type Csr,
  type DependencyInput,
  type DependencyView,
  ENTITY_KINDS,
  type EntityKind,
  GraphBuilder,
  type GraphStats,
  type GroupView,
  isEntityKind,
  Kind,
  type NodeInput,
  type NodeView,
} from './graph';
export type { ChangedEntity, GraphChange } from '@smart/domain';
export { type ApplyOptions, applyChanges, InvalidChangeError, type PatchOrigin, patchOrigin } from './patch';
export { type ArrayAllocator, heapArrays, sharedArrays } from './arrays';
export {
  type DiscreteRun,
  type DiscreteTotals,
  discreteImpact,
  discreteTotals,
  impact,
  propagateDiscrete,
  type RunTweak,
} from './impact';
export { affectedNodes, impactBreakdown } from './summary';
export {
  FAILED_THRESHOLD,
  type InoperabilityRun,
  inoperabilityImpact,
  propagateInoperability,
} from './inoperability';
export {
  DEFAULT_PATH_WORK_CAP,
  type DependencyPath,
  downstreamOf,
  type PathDirection,
  type PathOptions,
  paths,
  shortestPath,
} from './paths';
export { directDependents, visitDirectDependents } from './dependents';
export {
  type ConcentrationEntry,
  entityRisk,
  fourthPartyConcentration,
  mergeRankings,
  RISK_WEIGHTS,
  type RiskComponents,
  type RiskOptions,
  type RiskRanking,
  systemicRisk,
} from './risk';
export type {
  FailureSpec,
  FunctionImpact,
  ImpactedEntity,
  ImpactModel,
  ImpactOptions,
  ImpactResult,
  ImpactState,
  ImpactSummary,
  GroupImpact,
  RegionImpact,
  VolumeLost,
  SubsectorImpact,
  WorkflowCategoryImpact,
} from './types';
export { IMPACT_DEFAULTS } from './types';
export {
  composeDeltas,
  graphFromShared,
  OLDER_DELTAS,
  packStrings,
  type SharedGraph,
  type SharedStrings,
  shareGraph,
  type SharedBase,
  sharedBytes,
  sharedMemoryAvailable,
  unpackStrings,
} from './shared';
export { type ResolvedFailures, resolveFailures } from './validate';
export {
  dependentCount,
  type EdgeType,
  type NeighborhoodDirection,
  type NeighborhoodEdge,
  type NeighborhoodNode,
  type NeighborhoodResult,
  neighborhood,
} from './neighborhood';
export {
  type ExplainedEntity,
  explainImpact,
  type ImpactReason,
  type NamedEntity,
  type ReasonCause,
  reasonSentence,
} from './explain';
export {
  type AlternativesFilter,
  type DependencyAlternatives,
  dependencyAlternatives,
  singlePointsOfFailure,
} from './alternatives';
export {
  DEFAULT_OVERVIEW,
  type Overview,
  type OverviewDimension,
  OverviewDimensionError,
  type OverviewEdge,
  OVERVIEW_DIMENSIONS,
  overviewDimensionsByKind,
  type OverviewMember,
  type OverviewNode,
  overviewEdgeKey,
  overviewMembers,
  overviewOrganizations,
  type RedactedOverview,
  redactOverview,
  sectorOverview,
  UNSPECIFIED,
} from './overview';
export {
  applyWhatIf,
  MAX_WHAT_IF_CHANGES,
  WHAT_IF_KINDS,
  type WhatIfChange,
  whatIfOps,
} from './whatif';
export { type DuplicateCandidate, type DuplicateOptions, duplicateCandidates } from './duplicates';
export { graphBuilderFromTemplate, graphFromTemplate } from './template';
export {
  DEFAULT_MAX_CANDIDATES,
  DEFAULT_MITIGATIONS,
  DEFAULT_WORKAROUND_HOURS,
  effectOf,
  type Mitigation,
  type MitigationEffect,
  type MitigationKind,
  type MitigationOptions,
  MITIGATION_KINDS,
  mitigationPlan,
  mitigations,
} from './mitigations';
export {
  changeIds,
  cutPath,
  mitigationVisible,
  ownerIdOf,
  ownerOf,
  redactAffected,
  redactNeighborhood,
  redactPaths,
  type ScopedExplainedEntity,
  suppressedCount,
  Visibility,
} from './scope';
