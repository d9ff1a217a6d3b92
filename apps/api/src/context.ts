import type { Store } from '@smart/store';
import type { ReadLimits } from '@smart/templates';
import type { Logger } from 'pino';
import type { AnalysisPool } from './analysis/pool';
import { type AnalysisService, PooledAnalysisService } from './analysis/service';
import type { Principal } from './auth/tokens';
import { EntityLoader } from './loaders';

/** What every resolver gets: who is asking, the store, the analyses, loaders. */
export interface Context {
  principal: Principal | null;
  store: Store;
  log: Logger;
  /** Every analysis (impact, paths, rankings…), run off the request loop. */
  analysis: AnalysisService;
  /** Per-request batched entity reads. */
  entities: EntityLoader;
  /** What reading an uploaded template may cost (SecurityLimits.templateLimits). */
  templateLimits: ReadLimits;
}

export function createContext(base: {
  principal: Principal | null;
  store: Store;
  log: Logger;
  pool: AnalysisPool;
  /** Aborted when the client goes away or the request passes its time limit. */
  signal?: AbortSignal;
  templateLimits: ReadLimits;
}): Context {
  const { pool, signal, ...rest } = base;
  const entities = new EntityLoader(base.store);
  return { ...rest, entities, analysis: new PooledAnalysisService(pool, base.store, entities, signal) };
}
