import type { EntityKind } from '@smart/domain';
import type { Store } from './store';

export interface GraphStats {
  counts: { kind: EntityKind; count: number }[];
  dependencies: number;
  graphVersion: string;
}

interface StatsRow {
  organizations: number;
  suppliers: number;
  services: number;
  assets: number;
  workflows: number;
  criticalFunctions: number;
  dependencies: number;
  version: number;
}

export async function graphStats(store: Store): Promise<GraphStats> {
  const [r] = await store.readRows<StatsRow & Record<string, unknown>>('queries/stats');
  if (!r) throw new Error('stats query returned no row');
  return {
    counts: [
      { kind: 'ORGANIZATION', count: r.organizations },
      { kind: 'SUPPLIER', count: r.suppliers },
      { kind: 'SERVICE', count: r.services },
      { kind: 'ASSET', count: r.assets },
      { kind: 'WORKFLOW', count: r.workflows },
      { kind: 'CRITICAL_FUNCTION', count: r.criticalFunctions },
    ],
    dependencies: r.dependencies,
    graphVersion: String(r.version),
  };
}
