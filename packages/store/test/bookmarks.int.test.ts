// Reads see this process's own latest writes on a cluster too (issue 12, item 11):
// every session of the store carries the driver's bookmark manager. There is no
// cluster here, so the test shows what a single instance can: each commit leaves its
// bookmark in the manager, and reads, writes and auto-commit statements all send the
// manager's bookmarks to Neo4j (which refuses a malformed one, so sending is visible).
import { afterEach, describe, expect, it } from 'vitest';
import { testStore } from '../../../test/support/neo4j';
import { type Store, cypher } from '../src';

let store: Store | undefined;
afterEach(async () => {
  await store?.close();
  store = undefined;
});

const bump = (s: Store) =>
  s.write(async (tx) =>
    (await tx.run(cypher('queries/bump-graph-version'), s.changeLogParams(null))).records[0]!.get('version'),
  );

describe('bookmarks', () => {
  it("each commit replaces the store's bookmark with its own", async () => {
    store = testStore();
    const manager = store.driver.executeQueryBookmarkManager;
    expect([...(await manager.getBookmarks())]).toEqual([]);
    await bump(store);
    const first = [...(await manager.getBookmarks())];
    expect(first).toHaveLength(1);
    await bump(store);
    const second = [...(await manager.getBookmarks())];
    expect(second).toHaveLength(1);
    expect(second).not.toEqual(first);
  });

  it("reads, writes and auto-commit statements send the store's bookmarks to Neo4j", async () => {
    store = testStore();
    await store.driver.executeQueryBookmarkManager.updateBookmarks([], ['not-a-bookmark']);
    const invalid = { code: 'Neo.ClientError.Transaction.InvalidBookmark' };
    await expect(store.graphVersion()).rejects.toMatchObject(invalid);
    await expect(bump(store)).rejects.toMatchObject(invalid);
    await expect(store.runAutoCommit('RETURN 1')).rejects.toMatchObject(invalid);
  });

  it('a read right after a write sees it', async () => {
    store = testStore();
    for (let i = 0; i < 5; i++) {
      const written = await bump(store);
      expect(await store.graphVersion()).toBe(written);
    }
  });
});
