// Saved what-ifs. The failed set and the what-if changes are stored as JSON text (Neo4j
// has no nested maps); a scenario saved before changes existed has none.
import { randomUUID } from 'node:crypto';
import type { ImpactModel } from '@smart/domain';
import neo4j from 'neo4j-driver';
import { cypher } from './cypher';
import type { Store } from './store';

export interface ScenarioRecord {
  id: string;
  name: string;
  failed: { id: string; inoperability: number }[];
  durationHours: number | null;
  model: ImpactModel;
  /** What-if changes (GraphChangeInput: exactly one member set each), applied for its simulation only. */
  changes: ScenarioChange[];
  notes: string | null;
  author: string;
  /** The organizations the author was scoped to when saving (issue 19); [] for an unscoped author. */
  authorOrganizations: string[];
  createdAt: string;
}

/** One what-if change as saved: the members of GraphChangeInput. */
export interface ScenarioChange {
  addDependency?: { from: string; to: string; group?: string | null; strength?: number | null } | null;
  removeDependency?: { from: string; to: string } | null;
  setWorkflow?: { id: string; toleranceHours?: number | null; workaroundCapacity?: number | null } | null;
  unaffected?: { id: string } | null;
}

type Row = Omit<ScenarioRecord, 'failed' | 'changes'> & { failed: string; changes: string | null };
const parse = (r: Row): ScenarioRecord => ({
  ...r,
  failed: JSON.parse(r.failed),
  changes: r.changes ? JSON.parse(r.changes) : [],
});

export async function saveScenario(
  store: Store,
  s: Omit<ScenarioRecord, 'id' | 'createdAt' | 'changes' | 'authorOrganizations'> & {
    changes?: ScenarioChange[];
    authorOrganizations?: readonly string[] | null;
  },
): Promise<ScenarioRecord> {
  const id = randomUUID();
  await store.write(async (tx) => {
    await tx.run(cypher('queries/scenarios/save'), {
      ...s,
      id,
      failed: JSON.stringify(s.failed),
      changes: JSON.stringify(s.changes ?? []),
      authorOrganizations: s.authorOrganizations?.length ? [...s.authorOrganizations] : null,
    });
    await tx.run(cypher('queries/import/audit'), {
      actor: s.author,
      action: 'saveScenario',
      target: id,
      details: JSON.stringify({ name: s.name }),
    });
  });
  return (await scenarioById(store, id))!;
}

/** The most listScenarios returns. */
export const MAX_SCENARIOS_LISTED = 500;

/**
 * Newest first, at most `first` (default and cap MAX_SCENARIOS_LISTED); with
 * `organizations` (a scoped reader's) only those whose author was scoped within them.
 */
export async function listScenarios(
  store: Store,
  opts: { first?: number; organizations?: readonly string[] | null } = {},
): Promise<ScenarioRecord[]> {
  const limit = Math.min(opts.first ?? MAX_SCENARIOS_LISTED, MAX_SCENARIOS_LISTED);
  const orgs = opts.organizations ? [...opts.organizations] : null;
  return (
    await store.readRows<Row & Record<string, unknown>>('queries/scenarios/list', {
      limit: neo4j.int(limit),
      orgs,
    })
  ).map(parse);
}

/** How many scenarios are saved (prices a list that computes a report for each). */
export async function countScenarios(store: Store): Promise<number> {
  const [row] = await store.readRows<{ count: number }>('queries/scenarios/count');
  return Number(row?.count ?? 0);
}

export async function scenarioById(store: Store, id: string): Promise<ScenarioRecord | null> {
  const [row] = await store.readRows<Row & Record<string, unknown>>('queries/scenarios/by-id', { id });
  return row ? parse(row) : null;
}

export async function deleteScenario(store: Store, id: string, actor: string): Promise<boolean> {
  return store.write(async (tx) => {
    const removed =
      ((await tx.run(cypher('queries/scenarios/delete'), { id })).records[0]?.get('removed') as number) > 0;
    if (removed) {
      await tx.run(cypher('queries/import/audit'), {
        actor,
        action: 'deleteScenario',
        target: id,
        details: '{}',
      });
    }
    return removed;
  });
}
