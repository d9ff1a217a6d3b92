// The engine's in-memory projection of the graph, built from Neo4j in pages and
// keyed by the graph version: every analytics request checks the version first
// (one cheap read), so no answer ever comes from a stale projection.
import { ENTITY_KINDS, type EntityKind, entityCounts, LABEL_KIND, type Template } from '@smart/domain';
import { type CompactGraph, GraphBuilder } from '@smart/engine';
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
}

export const DEFAULT_DERIVED_CACHE_BYTES = 64 * 1024 * 1024;

/**
 * Holds the current projection; `current()` checks the graph version and rebuilds
 * when it moved, with concurrent callers sharing one rebuild.
 */
export class ProjectionCache {
  private cached: Projection | null = null;
  private building: Promise<Projection> | null = null;
  /** Results derived from the cached projection (e.g. a risk ranking), dropped with it. */
  private readonly derived: SizedLru<unknown>;
  private derivedComputed = 0;

  constructor(
    private readonly store: Store,
    options: ProjectionCacheOptions = {},
  ) {
    this.derived = new SizedLru(options.maxDerivedBytes ?? DEFAULT_DERIVED_CACHE_BYTES);
  }

  async current(): Promise<Projection> {
    const version = await this.store.graphVersion();
    if (this.cached && this.cached.version === version) return this.cached;
    if (!this.building) {
      this.building = loadProjection(this.store)
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
