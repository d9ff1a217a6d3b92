// Per-request batching: every entity a response needs is read in one query per tick,
// however many fields ask for one (the N+1 problem of nested GraphQL fields).
import type { EntityKind } from '@smart/domain';
import type { EntityRecord, Relatives } from '@smart/store';
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

export class EntityLoader {
  private readonly cache = new Map<string, Promise<EntityRecord | null>>();
  private pending: {
    id: string;
    resolve: (e: EntityRecord | null) => void;
    reject: (err: unknown) => void;
  }[] = [];

  /** Relatives (services, workflows, assets, functions) asked for in this request, batched like entities. */
  private readonly relativesCache = new Map<string, Promise<Relatives>>();
  private relativesPending: {
    id: string;
    resolve: (r: Relatives) => void;
    reject: (err: unknown) => void;
  }[] = [];

  /** Kind and name of the entities this request's analyses named, from their projection. */
  private readonly named = new Map<string, { kind: EntityKind; name: string }>();

  /**
   * Every entity read goes through here, so the scope (issue 19) filters them all: an
   * entity the principal may not see is read as absent (null), exactly as an unknown id.
   */
  constructor(
    private readonly repository: Pick<EntityRepository, 'byIds' | 'relativesOfMany'>,
    private readonly scope: Scope = new Scope(null),
  ) {}

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
    let p = this.cache.get(id);
    if (!p) {
      p = new Promise((resolve, reject) => {
        if (this.pending.length === 0) queueMicrotask(() => setTimeout(() => this.flush(), 0));
        this.pending.push({ id, resolve, reject });
      });
      this.cache.set(id, p);
    }
    return p;
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
    for (const e of records) if (!this.cache.has(e.id)) this.cache.set(e.id, Promise.resolve(e));
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
    let p = this.relativesCache.get(id);
    if (!p) {
      p = new Promise((resolve, reject) => {
        if (this.relativesPending.length === 0)
          queueMicrotask(() => setTimeout(() => this.flushRelatives(), 0));
        this.relativesPending.push({ id, resolve, reject });
      });
      this.relativesCache.set(id, p);
    }
    return p;
  }

  private async flushRelatives(): Promise<void> {
    const batch = this.relativesPending;
    this.relativesPending = [];
    try {
      const found = await this.repository.relativesOfMany(batch.map((b) => b.id));
      for (const b of batch) b.resolve(found.get(b.id)!);
    } catch (err) {
      for (const b of batch) {
        this.relativesCache.delete(b.id);
        b.reject(err);
      }
    }
  }

  private async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    try {
      const found = await this.repository.byIds([...new Set(batch.map((b) => b.id))]);
      for (const b of batch) b.resolve(found.get(b.id) ?? null);
    } catch (err) {
      for (const b of batch) {
        this.cache.delete(b.id);
        b.reject(err);
      }
    }
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
