// The test database for integration tests: a Store on the instance the global
// setup started, and a reset that empties it (it is the tests' own database).
import { Store, migrate } from '@smart/store';
import { inject } from 'vitest';
import { type Instance, boltUri, freePort, instance, start, stop } from '../../tools/neo4j/src/instance';
import { PRIVATE_SIZE, RESTARTABLE, runningRestartable } from './restartable-neo4j';

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
  /**
   * Stops the instance (its folder stays, so the next run starts faster); for the
   * restartable one (restartableNeo4j), leaves it running for the next file.
   */
  close(): Promise<void>;
}

/**
 * A Neo4j of the test's own (.neo4j/<name>, on a free port), for tests that stop and
 * start the database: a restart that fails breaks that file only, not every later one.
 */
export async function ownNeo4j(name: string, settings?: Record<string, string>): Promise<OwnNeo4j> {
  // Small heap: these tests hold a hand-built graph, and run beside the shared instance.
  const inst = instance(name, { boltPort: await freePort(), ...PRIVATE_SIZE, settings });
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

/**
 * A Neo4j apart from the shared one, for the tests that stop and start their server
 * (foundation, security-faults, the CLI's bulk load): one instance (.neo4j/restartable)
 * for all of them, so a run starts one JVM for them, not one each (issue 17). The first
 * of them in a run starts it on a free port; each leaves it running for the next (close()
 * does not stop it), and whichever finds it stopped (a restart that failed) starts it
 * again. The global setup stops one left by an aborted run before the tests, and this
 * run's after them. Each test empties it first (resetDatabase), as on the shared one.
 */
export async function restartableNeo4j(): Promise<OwnNeo4j> {
  const inst = runningRestartable() ?? instance(RESTARTABLE, { boltPort: await freePort(), ...PRIVATE_SIZE });
  const { started } = await start(inst, (m) => console.log(`[neo4j ${RESTARTABLE}] ${m}`));
  if (!started) console.log(`[neo4j ${RESTARTABLE}] reused, on ${boltUri(inst)}`);
  return {
    instance: inst,
    config: { uri: boltUri(inst), user: 'neo4j', password: inst.password, queryTimeoutMs: 30_000 },
    close: async () => {},
  };
}
