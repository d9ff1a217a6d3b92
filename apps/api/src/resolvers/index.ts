// Resolvers stay thin: check the arguments, call the context's per-concept interfaces
// (ctx.analysis, ctx.entityRepository…; never @smart/store's functions), shape the
// answer. One module per SDL file of ../schema (entities.graphql → entities.ts, …); they
// are merged here. The roots (schema.graphql) have no resolvers of their own.
import type { Resolvers } from '../generated/resolvers';
import { alternativesResolvers } from './alternatives';
import { analysisResolvers } from './analysis';
import { concentrationResolvers } from './concentration';
import { dependencyResolvers } from './dependencies';
import { duplicateResolvers } from './duplicates';
import { entityResolvers } from './entities';
import { explorerResolvers } from './explorer';
import { impactResolvers } from './impact';
import { importResolvers } from './imports';
import { incidentResolvers } from './incidents';
import { mergeResolvers as entityMergeResolvers } from './merge';
import { overviewResolvers } from './overview';
import { provenanceResolvers } from './provenance';
import { qualityResolvers } from './quality';
import { reportResolvers } from './reports';
import { scenarioResolvers } from './scenarios';
import { scopeResolvers } from './scope';
import { userResolvers } from './users';

/** Merges resolver maps type by type (later maps add fields, never replace types). */
export function mergeResolvers(...maps: Resolvers[]): Resolvers {
  const out: Record<string, Record<string, unknown>> = {};
  for (const map of maps) {
    for (const [type, fields] of Object.entries(map)) out[type] = { ...out[type], ...(fields as object) };
  }
  return out as Resolvers;
}

/** Each SDL file's resolver module, by file name (a test checks they match one to one). */
export const RESOLVER_MODULES: Record<string, Resolvers> = {
  alternatives: alternativesResolvers,
  analysis: analysisResolvers,
  concentration: concentrationResolvers,
  dependencies: dependencyResolvers,
  duplicates: duplicateResolvers,
  entities: entityResolvers,
  explorer: explorerResolvers,
  impact: impactResolvers,
  merge: entityMergeResolvers,
  imports: importResolvers,
  incidents: incidentResolvers,
  overview: overviewResolvers,
  provenance: provenanceResolvers,
  quality: qualityResolvers,
  reports: reportResolvers,
  scenarios: scenarioResolvers,
  scope: scopeResolvers,
  users: userResolvers,
};

export const resolvers: Resolvers = mergeResolvers(...Object.values(RESOLVER_MODULES));
