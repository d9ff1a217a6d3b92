// The engine's in-memory projection of the graph, built from Neo4j in pages and
// keyed by the graph version: every analytics request checks the version first
// (one cheap read), so no answer ever comes from a stale projection.
import { LABEL_KIND } from '@smart/domain';
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

export interface Projection {
  graph: CompactGraph;
  version: number;
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
    if ((await store.graphVersion()) === version || attempt >= 3) return { graph: b.build(), version };
  }
}

/**
 * Holds the current projection; `current()` checks the graph version and rebuilds
 * when it moved, with concurrent callers sharing one rebuild.
 */
export class ProjectionCache {
  private cached: Projection | null = null;
  private building: Promise<Projection> | null = null;
  /** Results derived from the cached projection (e.g. a risk ranking), dropped with it. */
  private derived = new Map<string, unknown>();

  constructor(private readonly store: Store) {}

  async current(): Promise<Projection> {
    const version = await this.store.graphVersion();
    if (this.cached && this.cached.version === version) return this.cached;
    if (!this.building) {
      this.building = loadProjection(this.store)
        .then((p) => {
          this.cached = p;
          this.derived = new Map();
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

  /** `compute` once per projection version and key. */
  async derive<T>(key: string, compute: (p: Projection) => T): Promise<{ value: T } & Projection> {
    const p = await this.current();
    const slot = `${p.version}\u0000${key}`;
    if (!this.derived.has(slot)) {
      // Keys carry request arguments: bound what a client can make us keep.
      if (this.derived.size >= 64) this.derived.clear();
      this.derived.set(slot, compute(p));
    }
    return { value: this.derived.get(slot) as T, ...p };
  }
}
