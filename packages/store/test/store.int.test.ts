import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resetDatabase, testStore } from '../../../test/support/neo4j';
import { Store, StoreUnavailableError, expectedSchema, graphStats, migrate, schemaReady } from '../src';

const store = testStore();

beforeAll(async () => {
  await resetDatabase(store);
});
afterAll(async () => {
  await store.close();
});

describe('schema migration', () => {
  it('is idempotent and leaves every constraint and index online', async () => {
    await migrate(store);
    await migrate(store);
    expect(await schemaReady(store)).toBe(true);
    const [row] = await store.read(async (tx) =>
      (
        await tx.run("SHOW CONSTRAINTS YIELD name WHERE name STARTS WITH 'smart_' RETURN count(*) AS n")
      ).records.map((r) => r.get('n')),
    );
    expect(row).toBe(expectedSchema().constraints);
  });

  it('refuses a duplicate id within a kind and across kinds', async () => {
    await store.write((tx) => tx.run("CREATE (:Entity:Supplier {id: 'dup-1', name: 'A'})"));
    await expect(
      store.write((tx) => tx.run("CREATE (:Entity:Supplier {id: 'dup-1', name: 'B'})")),
    ).rejects.toThrow(/already exists/);
    await expect(
      store.write((tx) =>
        tx.run("CREATE (:Entity:Organization {id: 'dup-1', name: 'C', subsector: 'HEALTH_IT'})"),
      ),
    ).rejects.toThrow(/already exists/);
    const [n] = await store.read(async (tx) =>
      (await tx.run("MATCH (n:Entity {id: 'dup-1'}) RETURN count(n) AS n")).records.map((r) => r.get('n')),
    );
    expect(n).toBe(1);
  });
});

describe('transactions', () => {
  it('retries a transaction that hits a transient deadlock and completes both writers', async () => {
    await store.write((tx) =>
      tx.run("UNWIND ['lock-a', 'lock-b'] AS id CREATE (:Entity:Supplier {id: id, name: id, hits: 0})"),
    );
    let attempts = 0;
    // Two writers lock the same two nodes in opposite order: Neo4j aborts one with
    // Neo.TransientError.Transaction.DeadlockDetected and the store must retry it.
    const writer = (first: string, second: string, barrier: Promise<void>, arrive: () => void) =>
      store.write(async (tx) => {
        attempts++;
        await tx.run('MATCH (n:Supplier {id: $id}) SET n.hits = n.hits + 1', { id: first });
        arrive();
        await barrier;
        await tx.run('MATCH (n:Supplier {id: $id}) SET n.hits = n.hits + 1', { id: second });
      });
    let arrived = 0;
    let release!: () => void;
    const barrier = new Promise<void>((r) => {
      release = r;
    });
    const arrive = () => {
      arrived++;
      if (arrived >= 2) release();
    };
    await Promise.all([
      writer('lock-a', 'lock-b', barrier, arrive),
      writer('lock-b', 'lock-a', barrier, arrive),
    ]);
    expect(attempts).toBeGreaterThan(2);
    const hits = await store.read(async (tx) =>
      (
        await tx.run("MATCH (n:Supplier) WHERE n.id IN ['lock-a','lock-b'] RETURN n.hits AS h ORDER BY n.id")
      ).records.map((r) => r.get('h')),
    );
    expect(hits).toEqual([2, 2]);
  });

  it('returns plain numbers, not driver Integer objects', async () => {
    // Its own three suppliers, not whatever earlier tests left behind.
    await resetDatabase(store);
    await store.write((tx) =>
      tx.run("UNWIND ['n-1', 'n-2', 'n-3'] AS id CREATE (:Entity:Supplier {id: id, name: id})"),
    );
    const stats = await graphStats(store);
    const suppliers = stats.counts.find((c) => c.kind === 'SUPPLIER')!;
    expect(typeof suppliers.count).toBe('number');
    expect(suppliers.count).toBe(3);
  });

  it('starts the graph version from the clock and bumps it with every data write', async () => {
    await resetDatabase(store);
    expect(await store.graphVersion()).toBe(0);
    const t0 = Date.now();
    await store.write((tx) => tx.run("CREATE (:Entity:Supplier {id: 'v-0', name: 'V'})"), {
      bumpVersion: true,
    });
    const first = await store.graphVersion();
    // A reset database never repeats a version an API may still hold a projection for.
    expect(first).toBeGreaterThanOrEqual(t0 - 60_000);
    await store.write((tx) => tx.run("CREATE (:Entity:Supplier {id: 'v-1', name: 'V'})"), {
      bumpVersion: true,
    });
    expect(await store.graphVersion()).toBe(first + 1);
  });

  it('reports an unreachable database as StoreUnavailableError', async () => {
    const down = new Store({ uri: 'bolt://127.0.0.1:1', user: 'neo4j', password: 'x', queryTimeoutMs: 1000 });
    try {
      await expect(down.readRows('queries/graph-version')).rejects.toBeInstanceOf(StoreUnavailableError);
      expect(await down.ping()).toBe(false);
    } finally {
      await down.close();
    }
  });
});
