// The test database for integration tests: a Store on the instance the global
// setup started, and a reset that empties it (it is the tests' own database).
import { Store, migrate } from '@smart/store';
import { inject } from 'vitest';

export function testStoreConfig() {
  return {
    uri: inject('neo4jUri'),
    user: 'neo4j',
    password: inject('neo4jPassword'),
    queryTimeoutMs: 30_000,
  };
}

export function testStore(): Store {
  return new Store(testStoreConfig());
}

export async function resetDatabase(store: Store): Promise<void> {
  await store.runAutoCommit('MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS');
  await migrate(store);
}

export async function countNodesAndRelationships(
  store: Store,
): Promise<{ nodes: number; relationships: number }> {
  const [row] = await store.read(async (tx) => {
    const r = await tx.run(
      // The change log (one Change per graph version, pruned by itself) is bookkeeping, not content.
      'CALL () { MATCH (n) WHERE NOT n:Change RETURN count(n) AS nodes } CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships } RETURN nodes, relationships',
    );
    return r.records.map((x) => x.toObject() as { nodes: number; relationships: number });
  });
  return row!;
}
