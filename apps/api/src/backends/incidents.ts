// The incident repository resolvers use (issue 15 item 2, issue 14 item 3): declared
// incidents listed, read, declared, updated and closed (each write audited by the store);
// `Neo4jIncidentRepository` is the implementation over the store. Resolver unit tests can
// use an in-memory fake (apps/api/test/support/backends.ts).
import {
  type IncidentFields,
  type IncidentRecord,
  MAX_INCIDENTS_LISTED,
  type Store,
  closeIncident,
  declareIncident,
  incidentById,
  listIncidents,
  updateIncident,
} from '@smart/store';

/** The most `list` returns (and its cap). */
export { MAX_INCIDENTS_LISTED };

export interface IncidentRepository {
  /** Open ones first, then the latest start first; at most `first`. */
  list(first: number): Promise<IncidentRecord[]>;
  /** The incident with this id; null when there is none. */
  byId(id: string): Promise<IncidentRecord | null>;
  /** Declares an incident (audited as `actor`) and returns it as stored. */
  declare(fields: IncidentFields, actor: string): Promise<IncidentRecord>;
  /** Replaces an open incident's fields; null when there is none; IncidentClosedError when closed. */
  update(id: string, fields: IncidentFields, actor: string): Promise<IncidentRecord | null>;
  /** Closes an open incident at `endedAt`; null when there is none; IncidentClosedError when closed. */
  close(id: string, endedAt: string, actor: string): Promise<IncidentRecord | null>;
}

export class Neo4jIncidentRepository implements IncidentRepository {
  constructor(private readonly store: Store) {}

  list(first: number) {
    return listIncidents(this.store, { first });
  }
  byId(id: string) {
    return incidentById(this.store, id);
  }
  declare(fields: IncidentFields, actor: string) {
    return declareIncident(this.store, fields, actor);
  }
  update(id: string, fields: IncidentFields, actor: string) {
    return updateIncident(this.store, id, fields, actor);
  }
  close(id: string, endedAt: string, actor: string) {
    return closeIncident(this.store, id, endedAt, actor);
  }
}
