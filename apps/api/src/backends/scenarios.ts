// The scenario repository resolvers use (issue 15 item 2): saved what-ifs, listed, read,
// saved and deleted; `Neo4jScenarioRepository` is the implementation over the store.
// Resolver unit tests use an in-memory fake (apps/api/test/support/backends.ts).
import {
  MAX_SCENARIOS_LISTED,
  type ScenarioRecord,
  type Store,
  countScenarios,
  deleteScenario,
  listScenarios,
  saveScenario,
  scenarioById,
} from '@smart/store';

/** The most `list` returns (and its default). */
export { MAX_SCENARIOS_LISTED };

/** A scenario to save: everything but what saving assigns (id, created time). */
export type NewScenario = Omit<ScenarioRecord, 'id' | 'createdAt'>;

export interface ScenarioRepository {
  /**
   * Newest first, at most `first` (at most MAX_SCENARIOS_LISTED); `organizations` (a scoped
   * reader's): only those whose author's scope lies within them.
   */
  list(first: number, organizations?: readonly string[] | null): Promise<ScenarioRecord[]>;
  /** The scenario with this id; null when there is none. */
  byId(id: string): Promise<ScenarioRecord | null>;
  /** How many scenarios are saved (prices a list that computes a report for each). */
  count(): Promise<number>;
  /** Saves a scenario (audited as its author) and returns it as stored. */
  save(s: NewScenario): Promise<ScenarioRecord>;
  /** Deletes a scenario (audited as `actor`); false when there was none. */
  delete(id: string, actor: string): Promise<boolean>;
}

export class Neo4jScenarioRepository implements ScenarioRepository {
  constructor(private readonly store: Store) {}

  list(first: number, organizations: readonly string[] | null = null) {
    return listScenarios(this.store, { first, organizations });
  }
  byId(id: string) {
    return scenarioById(this.store, id);
  }
  count() {
    return countScenarios(this.store);
  }
  save(s: NewScenario) {
    return saveScenario(this.store, s);
  }
  delete(id: string, actor: string) {
    return deleteScenario(this.store, id, actor);
  }
}
