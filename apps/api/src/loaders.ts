// Per-request batching: every entity a response needs is read in one query per tick,
// however many fields ask for one (the N+1 problem of nested GraphQL fields).
import type { EntityKind } from '@smart/domain';
import { dependencyKey } from '@smart/domain';
import type { DependencyRecord, EntityRecord, ProvenanceRecord, Relatives } from '@smart/store';
import { type GraphQLFieldResolver, defaultFieldResolver } from 'graphql';
import type { EntityRepository } from './backends/entities';
import { storeUnavailable } from './errors';
import { notFound } from './resolvers/failures';
import { Scope } from './security/scope';

/**
 * An entity known only from the engine's projection (id, kind, name). Analyses name
 * thousands of entities; most answers ask no more of them, so these are not read from
 * Neo4j unless another field is asked for (see `partialFieldResolver`).
 */
const PARTIAL = Symbol('partial entity');
type PartialRecord = EntityRecord & { [PARTIAL]?: true };

/**
 * Values asked for by key during one tick, read together by one `read` of every key
 * asked (one `$ids` query), then cached for the request; a failed read is not cached.
 */
class Batch<K, V> {
  private readonly cache = new Map<string, Promise<V>>();
  private pending: { key: string; arg: K; resolve: (v: V) => void; reject: (err: unknown) => void }[] = [];

  constructor(
    private readonly keyOf: (arg: K) => string,
    private readonly read: (args: K[]) => Promise<Map<string, V>>,
    private readonly absent: () => V,
  ) {}

  /** A value read by another query: no read for it in this request. */
  prime(arg: K, value: V): void {
    const key = this.keyOf(arg);
    if (!this.cache.has(key)) this.cache.set(key, Promise.resolve(value));
  }

  load(arg: K): Promise<V> {
    const key = this.keyOf(arg);
    let p = this.cache.get(key);
    if (!p) {
      p = new Promise((resolve, reject) => {
        if (this.pending.length === 0) queueMicrotask(() => setTimeout(() => this.flush(), 0));
        this.pending.push({ key, arg, resolve, reject });
      });
      this.cache.set(key, p);
    }
    return p;
  }

  private async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    try {
      const found = await this.read(batch.map((b) => b.arg));
      for (const b of batch) b.resolve(found.get(b.key) ?? this.absent());
    } catch (err) {
      for (const b of batch) {
        this.cache.delete(b.key);
        b.reject(err);
      }
    }
  }
}

export class EntityLoader {
  /** Entities asked for in this request (unknown: null), whatever the scope. */
  private readonly entityBatch: Batch<string, EntityRecord | null>;

  /** Relatives (services, workflows, assets, functions) asked for in this request, batched like entities. */
  private readonly relativesBatch: Batch<string, Relatives>;

  /**
   * Provenance asked for in this request (issue 13 item 3), of entities and of
   * dependencies, each batched like entities: a details panel listing many dependencies
   * reads their provenance in one query.
   */
  private readonly entityProvenanceBatch: Batch<string, ProvenanceRecord[]>;
  private readonly dependencyProvenanceBatch: Batch<{ from: string; to: string }, ProvenanceRecord[]>;

  /** DEPENDS_ON edges asked for by their ends in this request (a path's hops), batched like entities. */
  private readonly dependencyBatch: Batch<{ from: string; to: string }, DependencyRecord | null>;

  /** Kind and name of the entities this request's analyses named, from their projection. */
  private readonly named = new Map<string, { kind: EntityKind; name: string }>();

  /**
   * Every entity read goes through here, so the scope (issue 19) filters them all: an
   * entity the principal may not see is read as absent (null), exactly as an unknown id.
   */
  constructor(
    private readonly repository: Pick<
      EntityRepository,
      'byIds' | 'relativesOfMany' | 'entityProvenance' | 'dependencyProvenance' | 'dependenciesBetween'
    >,
    private readonly scope: Scope = new Scope(null),
  ) {
    this.entityBatch = new Batch(
      (id) => id,
      (ids) => repository.byIds(ids),
      () => null,
    );
    this.relativesBatch = new Batch(
      (id) => id,
      (ids) => repository.relativesOfMany(ids),
      () => ({ services: [], workflows: [], assets: [], functions: [], supportingWorkflows: [] }),
    );
    this.entityProvenanceBatch = new Batch(
      (id) => id,
      (ids) => repository.entityProvenance(ids),
      () => [],
    );
    this.dependencyProvenanceBatch = new Batch(
      (d) => dependencyKey(d.from, d.to),
      (edges) => repository.dependencyProvenance(edges),
      () => [],
    );
    this.dependencyBatch = new Batch(
      (d) => dependencyKey(d.from, d.to),
      (edges) => repository.dependenciesBetween(edges),
      () => null,
    );
  }

  /**
   * The stored dependency from → to (none: null), batched per tick: every hop of every
   * path in an answer is one read. Whatever the scope: the caller shows it only between
   * entities the principal sees.
   */
  dependency(from: string, to: string): Promise<DependencyRecord | null> {
    return this.dependencyBatch.load({ from, to });
  }

  /** The submissions that asserted an entity (none: empty), batched per tick. */
  entityProvenance(id: string): Promise<ProvenanceRecord[]> {
    return this.entityProvenanceBatch.load(id);
  }

  /** The submissions that asserted the dependency from → to (none: empty), batched per tick. */
  dependencyProvenance(from: string, to: string): Promise<ProvenanceRecord[]> {
    return this.dependencyProvenanceBatch.load({ from, to });
  }

  /** Lets `ref` answer these entities from the projection an analysis ran on. */
  remember(named: { ids: readonly string[]; kinds: readonly EntityKind[]; names: readonly string[] }): void {
    named.ids.forEach((id, i) => {
      this.named.set(id, { kind: named.kinds[i]!, name: named.names[i]! });
    });
  }

  /** An entity named by an analysis: from its projection when known, else read. */
  async ref(id: string): Promise<EntityRecord> {
    const known = this.named.get(id);
    // A scoped reader's entities are read whole: ownership needs the organization.
    if (!known || this.scope.restricted) return this.get(id);
    const stub: PartialRecord = { id, kind: known.kind, name: known.name, [PARTIAL]: true };
    return stub;
  }

  /** The whole entity behind a record that may be partial. */
  async full(e: EntityRecord): Promise<EntityRecord> {
    return (e as PartialRecord)[PARTIAL] ? this.get(e.id) : e;
  }

  load(id: string): Promise<EntityRecord | null> {
    const p = this.read(id);
    return this.scope.restricted ? p.then((e) => (e && this.scope.sees(e) ? e : null)) : p;
  }

  private read(id: string): Promise<EntityRecord | null> {
    return this.entityBatch.load(id);
  }

  /**
   * Entities whatever the scope (absent: unknown), read now in one query and not cached
   * (an edit checked with them writes next), for checking a scoped writer's edit
   * (security/scope `Scope.checkWrite`); never returned to the client.
   */
  unscoped(ids: readonly string[]): Promise<Map<string, EntityRecord>> {
    return this.repository.byIds([...new Set(ids)]);
  }

  /** Entities read by another query (e.g. search) need no second read; those in scope are returned. */
  prime(records: readonly EntityRecord[]): EntityRecord[] {
    for (const e of records) this.entityBatch.prime(e.id, e);
    return records.filter((e) => this.scope.sees(e));
  }

  /** Whether the principal may see this entity (a whole record). */
  sees(e: EntityRecord): boolean {
    return this.scope.sees(e);
  }

  async loadMany(ids: readonly string[]): Promise<EntityRecord[]> {
    const all = await Promise.all(ids.map((id) => this.load(id)));
    return all.filter((e): e is EntityRecord => e !== null);
  }

  /** Like load, for ids that must exist (they came from the graph itself). */
  async get(id: string): Promise<EntityRecord> {
    const e = await this.read(id);
    // The graph changed between the analysis and this read: a retry sees a consistent graph.
    if (!e) throw storeUnavailable(new Error(`entity ${id} was removed while answering`));
    // The last line of defence: an answer naming an entity out of scope fails as unknown.
    if (!this.scope.sees(e)) throw notFound([id]);
    return e;
  }

  /**
   * An entity's relatives ids, read for every entity asking in the same tick in one
   * `$ids` query (a page of workflows asking for their functions is one read, not one per row).
   */
  relatives(id: string): Promise<Relatives> {
    return this.relativesBatch.load(id);
  }
}

/**
 * The default field resolver, plus: a field a partial entity does not carry is read
 * (batched) from Neo4j.
 */
export const partialFieldResolver: GraphQLFieldResolver<unknown, { entities: EntityLoader }> = (
  source,
  args,
  context,
  info,
) => {
  const record = source as PartialRecord | null;
  if (record && typeof record === 'object' && record[PARTIAL] && !(info.fieldName in record)) {
    return context.entities.get(record.id).then((full) => full[info.fieldName] ?? null);
  }
  return defaultFieldResolver(source, args, context, info);
};
