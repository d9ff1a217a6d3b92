import type { ProjectionCache, Store } from '@smart/store';
import type { ReadLimits } from '@smart/templates';
import type { Logger } from 'pino';
import type { Principal } from './auth/tokens';
import { EntityLoader } from './loaders';

/** What every resolver gets: who is asking, the store, the engine projection, loaders. */
export interface Context {
  principal: Principal | null;
  store: Store;
  log: Logger;
  /** The engine's projection of the graph, rebuilt when the graph version moves. */
  projections: ProjectionCache;
  /** Per-request batched entity reads. */
  entities: EntityLoader;
  /** What reading an uploaded template may cost (SecurityLimits.templateLimits). */
  templateLimits: ReadLimits;
}

export function createContext(base: {
  principal: Principal | null;
  store: Store;
  log: Logger;
  projections: ProjectionCache;
  templateLimits: ReadLimits;
}): Context {
  return { ...base, entities: new EntityLoader(base.store) };
}
