import type { ImportHooks } from './import-reading';
import type { Store } from '@smart/store';
import type { ReadLimits } from '@smart/templates';
import type { Logger } from 'pino';
import type { AnalysisPool } from './analysis/pool';
import { type AnalysisService, PooledAnalysisService } from './analysis/service';
import type { Principal } from './auth/tokens';
import { type EntityRepository, Neo4jEntityRepository } from './backends/entities';
import { type IncidentRepository, Neo4jIncidentRepository } from './backends/incidents';
import { type ImportService, Neo4jImportService } from './backends/imports';
import { Neo4jScenarioRepository, type ScenarioRepository } from './backends/scenarios';
import { Neo4jUserDirectory, type UserDirectory } from './backends/users';
import { EntityLoader } from './loaders';
import { Scope } from './security/scope';

/**
 * What every resolver gets: who is asking, one interface per concept (the analyses, the
 * entity repository…; resolvers use these, never the store's functions), loaders.
 */
export interface Context {
  principal: Principal | null;
  log: Logger;
  /** Every analysis (impact, paths, rankings…), run off the request loop. */
  analysis: AnalysisService;
  /** Entities and dependencies as stored: reads, search, edits, merges, data quality. */
  entityRepository: EntityRepository;
  /** Template imports, their audit and the undo of the last one. */
  importService: ImportService;
  /** Saved what-if scenarios. */
  scenarioRepository: ScenarioRepository;
  /** Declared incidents. */
  incidentRepository: IncidentRepository;
  /** Accounts, tokens, sign-in codes and the audit trail (its reads recorded here too). */
  userDirectory: UserDirectory;
  /** Per-request batched entity reads (over entityRepository). */
  entities: EntityLoader;
  /** What reading an uploaded template may cost (SecurityLimits.templateLimits). */
  templateLimits: ReadLimits;
  /** What the principal may see (issue 19): entity reads and analyses are filtered by it. */
  scope: Scope;
  /** Test seam in importTemplate (import-reading.ts). */
  importHooks?: ImportHooks;
  /**
   * Aborted when the client goes away or the request passes its time limit (plumbing:
   * the analysis gate gives the user's slot back then; analyses get it through ctx.analysis).
   */
  signal?: AbortSignal;
}

export function createContext(base: {
  principal: Principal | null;
  store: Store;
  log: Logger;
  pool: AnalysisPool;
  /** Aborted when the client goes away or the request passes its time limit. */
  signal?: AbortSignal;
  templateLimits: ReadLimits;
  /** k of the small-group protection (SMART_MIN_GROUP). */
  minGroup?: number;
  importHooks?: ImportHooks;
}): Context {
  // The store stays out of the context: everything reaches it through an interface.
  const { pool, signal, minGroup, store: _store, ...rest } = base;
  const scope = Scope.of(base.principal, minGroup);
  const entityRepository = new Neo4jEntityRepository(base.store);
  const entities = new EntityLoader(entityRepository, scope);
  return {
    ...rest,
    signal,
    scope,
    entityRepository,
    importService: new Neo4jImportService(base.store),
    scenarioRepository: new Neo4jScenarioRepository(base.store),
    incidentRepository: new Neo4jIncidentRepository(base.store),
    userDirectory: new Neo4jUserDirectory(base.store),
    entities,
    analysis: new PooledAnalysisService(pool, base.store, entities, signal, scope),
  };
}
