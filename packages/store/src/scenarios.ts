// Saved what-ifs. The failed set is stored as JSON text (Neo4j has no nested maps).
import { randomUUID } from 'node:crypto';
import type { ImpactModel } from '@smart/domain';
import { cypher } from './cypher';
import type { Store } from './store';

export interface ScenarioRecord {
  id: string;
  name: string;
  failed: { id: string; inoperability: number }[];
  durationHours: number | null;
  model: ImpactModel;
  notes: string | null;
  author: string;
  createdAt: string;
}

type Row = Omit<ScenarioRecord, 'failed'> & { failed: string };
const parse = (r: Row): ScenarioRecord => ({ ...r, failed: JSON.parse(r.failed) });

export async function saveScenario(
  store: Store,
  s: Omit<ScenarioRecord, 'id' | 'createdAt'>,
): Promise<ScenarioRecord> {
  const id = randomUUID();
  await store.write(async (tx) => {
    await tx.run(cypher('queries/scenarios/save'), { ...s, id, failed: JSON.stringify(s.failed) });
    await tx.run(cypher('queries/import/audit'), {
      actor: s.author,
      action: 'saveScenario',
      target: id,
      details: JSON.stringify({ name: s.name }),
    });
  });
  return (await scenarioById(store, id))!;
}

export async function listScenarios(store: Store): Promise<ScenarioRecord[]> {
  return (await store.readRows<Row & Record<string, unknown>>('queries/scenarios/list')).map(parse);
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
