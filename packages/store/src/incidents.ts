// Declared incidents (issue 14 item 3): what failed, since when, for how long it is
// expected to last, and when it actually ended. The failed set is JSON text (Neo4j has
// no nested maps); times are ISO 8601 strings in UTC, normalised by the caller. Every
// write is one transaction with its audit event.
import { randomUUID } from 'node:crypto';
import neo4j, { type ManagedTransaction } from 'neo4j-driver';
import { cypher } from './cypher';
import type { Store } from './store';

export type IncidentStatus = 'OPEN' | 'CLOSED';

export interface IncidentRecord {
  id: string;
  name: string;
  failed: { id: string; inoperability: number }[];
  /** ISO 8601, UTC. */
  startedAt: string;
  /** The current estimate; null = not known (simulated as indefinite). */
  expectedDurationHours: number | null;
  note: string | null;
  status: IncidentStatus;
  /** Set when closed. */
  endedAt: string | null;
  declaredBy: string;
  declaredAt: string;
  updatedBy: string;
  updatedAt: string;
}

/** What a responder declares or corrects. */
export interface IncidentFields {
  name: string;
  failed: { id: string; inoperability: number }[];
  startedAt: string;
  expectedDurationHours: number | null;
  note: string | null;
}

/** An update or close asked of an incident that is already closed. */
export class IncidentClosedError extends Error {
  constructor(readonly id: string) {
    super(`incident '${id}' is closed`);
  }
}

type Row = Omit<IncidentRecord, 'failed'> & { failed: string };
const parse = (r: Row): IncidentRecord => ({ ...r, failed: JSON.parse(r.failed) });

/** The most listIncidents returns. */
export const MAX_INCIDENTS_LISTED = 500;

export async function declareIncident(
  store: Store,
  fields: IncidentFields,
  actor: string,
  at: string = new Date().toISOString(),
): Promise<IncidentRecord> {
  const id = randomUUID();
  await store.write(async (tx) => {
    await tx.run(cypher('queries/incidents/declare'), {
      ...fields,
      id,
      failed: JSON.stringify(fields.failed),
      actor,
      at,
    });
    await tx.run(cypher('queries/import/audit'), {
      actor,
      action: 'declareIncident',
      target: id,
      details: auditedFields(fields),
    });
  });
  return (await incidentById(store, id))!;
}

/**
 * Takes the incident's write lock: false when there is no such incident, and
 * IncidentClosedError when it is closed (two closes cannot both pass).
 */
async function lockOpen(tx: ManagedTransaction, id: string, actor: string): Promise<boolean> {
  const status = (await tx.run(cypher('queries/incidents/lock'), { id, actor })).records[0]?.get('status');
  if (status === undefined) return false;
  if (status !== 'OPEN') throw new IncidentClosedError(id);
  return true;
}

/** The audit details of an incident's fields. */
const auditedFields = (fields: IncidentFields) =>
  JSON.stringify({
    name: fields.name,
    failed: fields.failed.map((f) => f.id),
    startedAt: fields.startedAt,
    expectedDurationHours: fields.expectedDurationHours,
  });

/**
 * Replaces an open incident's fields (a new estimate, a corrected failed set). Null when
 * there is no such incident; IncidentClosedError when it is closed.
 */
export async function updateIncident(
  store: Store,
  id: string,
  fields: IncidentFields,
  actor: string,
  at: string = new Date().toISOString(),
): Promise<IncidentRecord | null> {
  const found = await store.write(async (tx) => {
    if (!(await lockOpen(tx, id, actor))) return false;
    await tx.run(cypher('queries/incidents/update'), {
      ...fields,
      id,
      failed: JSON.stringify(fields.failed),
      actor,
      at,
    });
    await tx.run(cypher('queries/import/audit'), {
      actor,
      action: 'updateIncident',
      target: id,
      details: auditedFields(fields),
    });
    return true;
  });
  return found ? incidentById(store, id) : null;
}

/** Closes an open incident with its actual end. Null when there is none; IncidentClosedError when closed. */
export async function closeIncident(
  store: Store,
  id: string,
  endedAt: string,
  actor: string,
  at: string = new Date().toISOString(),
): Promise<IncidentRecord | null> {
  const found = await store.write(async (tx) => {
    if (!(await lockOpen(tx, id, actor))) return false;
    await tx.run(cypher('queries/incidents/close'), { id, endedAt, actor, at });
    await tx.run(cypher('queries/import/audit'), {
      actor,
      action: 'closeIncident',
      target: id,
      details: JSON.stringify({ endedAt }),
    });
    return true;
  });
  return found ? incidentById(store, id) : null;
}

export async function incidentById(store: Store, id: string): Promise<IncidentRecord | null> {
  const [row] = await store.readRows<Row & Record<string, unknown>>('queries/incidents/by-id', { id });
  return row ? parse(row) : null;
}

/** Open ones first, then the latest start first; at most `first` (default and cap MAX_INCIDENTS_LISTED). */
export async function listIncidents(store: Store, opts: { first?: number } = {}): Promise<IncidentRecord[]> {
  const limit = Math.min(opts.first ?? MAX_INCIDENTS_LISTED, MAX_INCIDENTS_LISTED);
  return (
    await store.readRows<Row & Record<string, unknown>>('queries/incidents/list', { limit: neo4j.int(limit) })
  ).map(parse);
}
