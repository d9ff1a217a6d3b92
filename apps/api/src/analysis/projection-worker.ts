// The projection worker thread (run by piscina, one thread): holds the engine's
// projection of the graph, brings it to the latest version (change-log replay, or a
// full build from Neo4j through its own driver) and hands it back as shared memory.
// So neither the page reads, nor the build, nor the replay, nor the packing run on
// the API's request loop.
import {
  type CompactGraph,
  type SharedBase,
  type SharedGraph,
  graphFromShared,
  shareGraph,
  sharedArrays,
} from '@smart/engine';
import { ProjectionCache, Store, type StoreConfig, isUnavailable } from '@smart/store';
import { workerData } from 'piscina';
import type { ProjectionMessage } from './protocol';

interface ProjectionWorkerData {
  store: StoreConfig;
  maxReplayOps?: number;
}

const data = workerData as ProjectionWorkerData;
const store = new Store(data.store);
/** The shared form of each projection this worker made (the same memory as the graph it keeps). */
const sharedOf = new WeakMap<CompactGraph, SharedGraph>();
/** The graph shared last: the next one is packed from it, and carries a delta from it. */
let last: SharedBase | undefined;
const cache = new ProjectionCache(store, {
  maxReplayOps: data.maxReplayOps,
  // A replay's new arrays go straight to shared memory: shareGraph then copies none.
  arrays: sharedArrays,
  prepare: (g) => {
    const shared = shareGraph(g, last);
    const onShared = graphFromShared(shared, g);
    sharedOf.set(onShared, shared);
    last = { graph: onShared, shared };
    return onShared;
  },
});

export interface ProjectionRequest {
  /** The version the caller saw; the answer is for it or a later one. */
  atLeast: number;
  /** The caller's Neo4j bookmarks, so a cluster follower serves its own writes (DESIGN §7). */
  bookmarks: string[];
}

/**
 * The projection at `req.atLeast` or later; `{ unavailable: true }` when Neo4j cannot be
 * reached (an Error's class does not survive the thread boundary; the API answers 503).
 */
export default async function current(
  req: ProjectionRequest,
): Promise<ProjectionMessage | { unavailable: true }> {
  try {
    return await update(req);
  } catch (err) {
    if (isUnavailable(err)) return { unavailable: true };
    throw err;
  }
}

async function update(req: ProjectionRequest): Promise<ProjectionMessage> {
  const started = performance.now();
  if (req.bookmarks.length > 0)
    await store.driver.executeQueryBookmarkManager.updateBookmarks([], req.bookmarks);
  let p = await cache.current();
  // Another driver may read a moment behind the caller's: ask again until it caught up.
  for (let i = 0; p.version < req.atLeast && i < 20; i++) {
    await new Promise((r) => setTimeout(r, 25));
    p = await cache.current();
  }
  const graph = sharedOf.get(p.graph)!;
  return {
    version: p.version,
    graph,
    size: p.size,
    stats: cache.stats(),
    ms: performance.now() - started,
  };
}

export async function close(): Promise<void> {
  await store.close();
}
