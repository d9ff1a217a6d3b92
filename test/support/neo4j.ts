// The test database for integration tests: a Store on the instance the global
// setup started, and a reset that empties it (it is the tests' own database).
import { Store, migrate } from '@smart/store';
import { inject } from 'vitest';
import { type Instance, boltUri, freePort, instance, start, stop } from '../../tools/neo4j/src/instance';

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
  // Small batches: the tx-memory test server's transaction limit is small, and a staged
  // import test leaves 20k rows in it, which a second local run must clear.
  await store.runAutoCommit('MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 1000 ROWS');
  await migrate(store);
}

export async function countNodesAndRelationships(
  store: Store,
): Promise<{ nodes: number; relationships: number }> {
  const [row] = await store.read(async (tx) => {
    const r = await tx.run(
      // The change log (one Change per graph version, pruned by itself) and the shared
      // abuse-limit counters (RateWindow, SignInFailure, AnalysisSlots: every request may write one) are
      // bookkeeping, not content.
      'CALL () { MATCH (n) WHERE NOT n:Change AND NOT n:RateWindow AND NOT n:SignInFailure AND NOT n:AnalysisSlots RETURN count(n) AS nodes } CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships } RETURN nodes, relationships',
    );
    return r.records.map((x) => x.toObject() as { nodes: number; relationships: number });
  });
  return row!;
}

export interface OwnNeo4j {
  instance: Instance;
  config: ReturnType<typeof testStoreConfig>;
  /** Stops the instance (its folder stays, so the next run starts faster). */
  close(): Promise<void>;
}

/**
 * A Neo4j of the test's own (.neo4j/<name>, on a free port), for tests that stop and
 * start the database: a restart that fails breaks that file only, not every later one.
 */
export async function ownNeo4j(name: string, settings?: Record<string, string>): Promise<OwnNeo4j> {
  // Small heap: these tests hold a hand-built graph, and run beside the shared instance.
  const inst = instance(name, { boltPort: await freePort(), heap: '512m', pageCache: '128m', settings });
  // A server left by an aborted run (found by its pid file) listens on an older port.
  await stop(inst, () => {});
  await start(inst, (m) => console.log(`[neo4j ${name}] ${m}`));
  return {
    instance: inst,
    config: { uri: boltUri(inst), user: 'neo4j', password: inst.password, queryTimeoutMs: 30_000 },
    close: async () => {
      await stop(inst, () => {});
    },
  };
}
