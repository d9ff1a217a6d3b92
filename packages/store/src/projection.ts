// The engine's in-memory projection of the graph, built from Neo4j in pages and
// keyed by the graph version: every analytics request checks the version first
// (one cheap read), so no answer ever comes from a stale projection. When the version
// moved, the projection replays the change log (the writes since its version) instead
// of reading the whole graph again, and builds in full only when it cannot.
import {
  ENTITY_KINDS,
  type EntityKind,
  entityCounts,
  type GraphChange,
  LABEL_KIND,
  type Template,
} from '@smart/domain';
import {
  type ArrayAllocator,
  type CompactGraph,
  GraphBuilder,
  InvalidChangeError,
  applyChanges,
} from '@smart/engine';
import neo4j from 'neo4j-driver';
import { cypher } from './cypher';
import type { Store } from './store';

interface PageRow {
  id: string;
  label: string;
  name: string;
  toleranceHours: number | null;
  workaroundCapacity: number | null;
  volumePerDay: number | null;
  criticality: number | null;
  category: string | null;
  subsector: string | null;
  region: string | null;
  volumeUnit: string | null;
  deps: [string, string | null, number | null][];
  suppliers: string[];
  owners: string[];
  functions: string[];
}

/** How big a projection is: what pricing an analysis needs, kept with the graph. */
export interface ProjectionSize {
  entities: number;
  /** DEPENDS_ON, PROVIDED_BY, OWNS, PERFORMS and SUPPORTS links. */
  links: number;
  byKind: Record<EntityKind, number>;
}

export interface Projection {
  graph: CompactGraph;
  version: number;
  size: ProjectionSize;
}

export function projectionSize(g: CompactGraph): ProjectionSize {
  const byKind = Object.fromEntries(ENTITY_KINDS.map((k) => [k, 0])) as Record<EntityKind, number>;
  const counts = new Array<number>(ENTITY_KINDS.length).fill(0);
  for (let n = 0; n < g.nodeCount; n++) counts[g.kinds[n]!]!++;
  ENTITY_KINDS.forEach((k, i) => {
    byKind[k] = counts[i]!;
  });
  return {
    entities: g.nodeCount,
    links: g.members.length + g.parents.targets.length + g.supports.targets.length,
    byKind,
  };
}

/** What the projection of a template will count, without building it (pricing, tests). */
export function templateSize(t: Template): ProjectionSize {
  const byKind = entityCounts(t);
  const links =
    t.dependencies.length +
    t.services.length +
    t.assets.length +
    t.workflows.length +
    t.workflowFunctions.length;
  return { entities: Object.values(byKind).reduce((a, b) => a + b, 0), links, byKind };
}

/** Reads the whole graph once; retries when a write lands between pages. */
export async function loadProjection(store: Store, opts: { pageSize?: number } = {}): Promise<Projection> {
  const limit = opts.pageSize ?? 20_000;
  for (let attempt = 0; ; attempt++) {
    const version = await store.graphVersion();
    const b = new GraphBuilder();
    let after = '';
    for (;;) {
      const rows = await store.read(async (tx) =>
        (await tx.run(cypher('queries/projection/page'), { after, limit: neo4j.int(limit) })).records.map(
          (r) => r.toObject() as PageRow,
        ),
      );
      for (const r of rows) {
        const kind = LABEL_KIND[r.label]!;
        b.addNode({
          id: r.id,
          kind,
          name: r.name,
          toleranceHours: r.toleranceHours,
          workaroundCapacity: r.workaroundCapacity,
          volumePerDay: r.volumePerDay,
          criticality: r.criticality,
          category: r.category,
          subsector: r.subsector,
          region: r.region,
          volumeUnit: r.volumeUnit,
        });
        for (const [to, group, strength] of r.deps) b.addDependency({ from: r.id, to, group, strength });
        for (const s of r.suppliers) b.addProvidedBy(r.id, s);
        for (const o of r.owners) {
          if (kind === 'WORKFLOW') b.addPerforms(o, r.id);
          else b.addOwns(o, r.id);
        }
        for (const f of r.functions) b.addSupports(r.id, f);
      }
      if (rows.length < limit) break;
      after = rows[rows.length - 1]!.id;
    }
    // A write between pages may have left a mix of two versions: read again.
    if ((await store.graphVersion()) === version || attempt >= 3) {
      const graph = b.build();
      return { graph, version, size: projectionSize(graph) };
    }
  }
}

/**
 * Rough bytes a value takes on the V8 heap, for bounding caches (not exact: V8 shares
 * strings and shapes). A long array is sampled: its length × the mean of a few items.
 */
export function approxBytes(value: unknown, depth = 0): number {
  if (value === null || value === undefined || typeof value === 'boolean') return 8;
  if (typeof value === 'number') return 8;
  if (typeof value === 'string') return 16 + 2 * value.length;
  if (depth > 4) return 64;
  if (Array.isArray(value)) {
    const sample =
      value.length <= 16
        ? value
        : [0, 1, 2, 3, 4, 5, 6, 7].map((i) => value[Math.floor((i * value.length) / 8)]);
    const each =
      sample.reduce((sum: number, v) => sum + approxBytes(v, depth + 1), 0) / Math.max(1, sample.length);
    return 16 + value.length * (8 + each);
  }
  if (typeof value === 'object') {
    let bytes = 24;
    for (const v of Object.values(value as Record<string, unknown>)) bytes += 8 + approxBytes(v, depth + 1);
    return bytes;
  }
  return 8;
}

/**
 * A least-recently-used map bounded by the estimated bytes of its values, not by
 * count: keys carry request arguments, so a client chooses how many there are.
 * A value larger than the whole budget is not kept.
 */
export class SizedLru<V> {
  private readonly entries = new Map<string, { value: V; bytes: number }>();
  private total = 0;

  constructor(readonly maxBytes: number) {}

  get(key: string): V | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    // Map keeps insertion order: re-inserting makes this the most recently used.
    this.entries.delete(key);
    this.entries.set(key, e);
    return e.value;
  }

  /** Keeps `value` (evicting the least recently used) unless it alone exceeds the budget. */
  set(key: string, value: V, bytes: number): boolean {
    this.delete(key);
    if (bytes > this.maxBytes) return false;
    this.entries.set(key, { value, bytes });
    this.total += bytes;
    for (const [k, e] of this.entries) {
      if (this.total <= this.maxBytes) break;
      this.entries.delete(k);
      this.total -= e.bytes;
    }
    return true;
  }

  delete(key: string): void {
    const e = this.entries.get(key);
    if (!e) return;
    this.entries.delete(key);
    this.total -= e.bytes;
  }

  clear(): void {
    this.entries.clear();
    this.total = 0;
  }

  get size(): number {
    return this.entries.size;
  }

  get bytes(): number {
    return this.total;
  }

  keys(): string[] {
    return [...this.entries.keys()];
  }
}

export interface ProjectionCacheOptions {
  /** Budget for results derived from the projection (rankings…), in estimated bytes. Default 64 MB. */
  maxDerivedBytes?: number;
  /**
   * The most changes (GraphChange ops) replayed onto the projection at once; a larger
   * gap builds in full, which is then as quick. Default 10 000.
   */
  maxReplayOps?: number;
  /** The most versions replayed at once (each read from the change log). Default 1000. */
  maxReplayVersions?: number;
  /**
   * Applied to every new projection before it is kept (the API's projection worker
   * moves the graph onto shared memory here, so the next replay starts from it).
   */
  prepare?: (graph: CompactGraph) => CompactGraph;
  /** Where a replay allocates the new graph's arrays (the projection worker: shared memory). */
  arrays?: ArrayAllocator;
}

export const DEFAULT_DERIVED_CACHE_BYTES = 64 * 1024 * 1024;
export const DEFAULT_MAX_REPLAY_OPS = 10_000;
export const DEFAULT_MAX_REPLAY_VERSIONS = 1000;

/** How the cache reached the versions it held: counted for tests and operators. */
export interface ProjectionCacheStats {
  /** Full builds (loadProjection). */
  builds: number;
  /** Versions reached by replaying the change log. */
  replays: number;
  /** Why the change log could not be replayed, by reason. */
  fallbacks: Record<ReplayFallback, number>;
}

type ReplayFallback = 'gap' | 'pruned' | 'rebuild-marker' | 'too-many-ops' | 'invalid-change';

/**
 * The graph version and the changes that lead from `after` to it, read in one
 * transaction; or why they cannot be replayed.
 */
export async function changesSince(
  store: Store,
  after: number,
): Promise<{ version: number; changes: GraphChange[] } | { version: number; fallback: ReplayFallback }> {
  const [row] = await store.readRows<{ version: number; changes: { version: number; ops: string | null }[] }>(
    'queries/changes/since',
    { after: neo4j.int(after) },
  );
  const version = row?.version ?? 0;
  const log = row?.changes ?? [];
  // Versions are consecutive from one write to the next: one Change each, or some were pruned.
  if (log.length !== version - after || log.some((c, i) => c.version !== after + 1 + i))
    return { version, fallback: 'pruned' };
  if (log.some((c) => c.ops === null || c.ops === undefined)) return { version, fallback: 'rebuild-marker' };
  return { version, changes: log.flatMap((c) => JSON.parse(c.ops!) as GraphChange[]) };
}

/**
 * Holds the current projection; `current()` checks the graph version and, when it
 * moved, replays the change log onto the projection (or rebuilds it in full when the
 * log cannot bring it there), with concurrent callers sharing one update.
 */
export class ProjectionCache {
  private cached: Projection | null = null;
  private building: Promise<Projection> | null = null;
  /** Results derived from the cached projection (e.g. a risk ranking), dropped with it. */
  private readonly derived: SizedLru<unknown>;
  private derivedComputed = 0;
  private readonly maxReplayOps: number;
  private readonly maxReplayVersions: number;
  private readonly prepare: (graph: CompactGraph) => CompactGraph;
  private readonly arrays: ArrayAllocator | undefined;
  private readonly counts: ProjectionCacheStats = {
    builds: 0,
    replays: 0,
    fallbacks: { gap: 0, pruned: 0, 'rebuild-marker': 0, 'too-many-ops': 0, 'invalid-change': 0 },
  };

  constructor(
    private readonly store: Store,
    options: ProjectionCacheOptions = {},
  ) {
    this.derived = new SizedLru(options.maxDerivedBytes ?? DEFAULT_DERIVED_CACHE_BYTES);
    this.maxReplayOps = options.maxReplayOps ?? DEFAULT_MAX_REPLAY_OPS;
    this.maxReplayVersions = options.maxReplayVersions ?? DEFAULT_MAX_REPLAY_VERSIONS;
    this.prepare = options.prepare ?? ((g) => g);
    this.arrays = options.arrays;
  }

  /** Full builds, replays and why replays fell back, since this cache was made. */
  stats(): ProjectionCacheStats {
    return structuredClone(this.counts);
  }

  /** The projection at `version` or later: the cached one brought forward, or a full build. */
  private async update(version: number): Promise<Projection> {
    const from = this.cached;
    if (from && version > from.version) {
      let fallback: ReplayFallback;
      if (version - from.version > this.maxReplayVersions) fallback = 'gap';
      else {
        const log = await changesSince(this.store, from.version);
        if ('changes' in log) {
          if (log.changes.length > this.maxReplayOps) fallback = 'too-many-ops';
          else {
            try {
              const graph = this.prepare(applyChanges(from.graph, log.changes, { arrays: this.arrays }));
              this.counts.replays++;
              return { graph, version: log.version, size: projectionSize(graph) };
            } catch (err) {
              if (!(err instanceof InvalidChangeError)) throw err;
              fallback = 'invalid-change';
            }
          }
        } else fallback = log.fallback;
      }
      this.counts.fallbacks[fallback]++;
    }
    this.counts.builds++;
    const built = await loadProjection(this.store);
    return { ...built, graph: this.prepare(built.graph) };
  }

  async current(): Promise<Projection> {
    const version = await this.store.graphVersion();
    if (this.cached && this.cached.version === version) return this.cached;
    if (!this.building) {
      this.building = this.update(version)
        .then((p) => {
          this.cached = p;
          this.derived.clear();
          return p;
        })
        .finally(() => {
          this.building = null;
        });
    }
    const built = await this.building;
    // A build that started before the version this caller saw is not good enough.
    return built.version >= version ? built : this.current();
  }

  /**
   * `compute` once per projection version and key, while it stays in the derived
   * cache (bounded by estimated bytes, least recently used out first).
   */
  async derive<T>(
    key: string,
    compute: (p: Projection) => T,
    bytes: (value: T) => number = approxBytes,
  ): Promise<{ value: T } & Projection> {
    const p = await this.current();
    const slot = `${p.version}\u0000${key}`;
    const hit = this.derived.get(slot) as T | undefined;
    if (hit !== undefined) return { value: hit, ...p };
    const value = compute(p);
    this.derivedComputed++;
    // A projection replaced while computing: keep nothing for the old version.
    if (this.cached === p) this.derived.set(slot, value, bytes(value));
    return { value, ...p };
  }

  /** What the derived cache holds now, and how many values were computed so far. */
  derivedStats(): { entries: number; bytes: number; maxBytes: number; computed: number } {
    return {
      entries: this.derived.size,
      bytes: this.derived.bytes,
      maxBytes: this.derived.maxBytes,
      computed: this.derivedComputed,
    };
  }
}
