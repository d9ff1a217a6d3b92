import type { Store } from '@smart/store';
import type { Logger } from 'pino';
import type { Principal } from './auth/tokens';

/** What every resolver gets: who is asking, and the store to answer from. */
export interface Context {
  principal: Principal | null;
  store: Store;
  log: Logger;
}
