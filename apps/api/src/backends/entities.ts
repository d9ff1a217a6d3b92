// The entity repository resolvers use (issue 15 item 2): what the map holds — entity and
// dependency reads, search, counts, the edit, delete, restore and merge writes, and the
// data-quality checks — behind one interface, so resolvers never pick a store function
// and their unit tests run over an in-memory fake (apps/api/test/support/backends.ts).
// `Neo4jEntityRepository` is the implementation over the store (Neo4j, the system of record).
import {
  type ConcentrationMemberRecord,
  type DataQualityFinding,
  type DeletePreview,
  type DependencyEdit,
  type DependencyRecord,
  type EntityEdit,
  type EntityRecord,
  type GraphStats,
  type MergePreview,
  type ProvenanceRecord,
  type Relatives,
  type RestoreEdit,
  type SearchHit,
  type Store,
  addDependency,
  concentrationOrganizations,
  dataQuality,
  deleteEntity,
  dependenciesBetween,
  dependenciesOf,
  dependencyProvenance,
  dependencyVersion,
  dependentsOf,
  entitiesByIds,
  entityProvenance,
  entityVersion,
  graphStats,
  mergeEntities,
  previewDelete,
  previewMerge,
  relativesOfMany,
  removeDependency,
  resolveAliases,
  restoreEntities,
  searchHits,
  undoMerge,
  upsertEntity,
} from '@smart/store';

export interface EntityRepository {
  /** The stored entities among `ids` (unknown ids are left out); one read. */
  byIds(ids: readonly string[]): Promise<Map<string, EntityRecord>>;
  /**
   * The ids related to each of `ids` (a supplier's services, an organization's workflows and
   * assets…), in one read: the request's loader batches every entity asking in one tick.
   */
  relativesOfMany(ids: readonly string[]): Promise<Map<string, Relatives>>;
  /** Entity counts by kind and the dependency count. */
  stats(): Promise<GraphStats>;
  /** The survivors of merged-away ids (id → survivor); ids that are no alias are left out. */
  resolveAliases(ids: readonly string[]): Promise<Map<string, string>>;
  /** The best matches of `text`, best first, each with what matched; `labels` empty = every kind. */
  search(text: string, labels: readonly string[], first: number): Promise<SearchHit[]>;
  /** What an entity edit's `expectedVersion` is compared with. */
  entityVersion(e: EntityRecord): string;
  /** What a dependency edit's `expectedVersion` is compared with. */
  dependencyVersion(d: DependencyRecord): string;
  /** What `id` depends on (its outgoing DEPENDS_ON edges). */
  dependenciesOf(id: string): Promise<DependencyRecord[]>;
  /**
   * The stored DEPENDS_ON edges among `edges` (each directed from → to), keyed by
   * `dependencyKey(from, to)`, in one read; a pair with no edge is left out.
   */
  dependenciesBetween(edges: readonly { from: string; to: string }[]): Promise<Map<string, DependencyRecord>>;
  /** At most `first` edges into `id` (a supplier's include those into its services). */
  dependentsOf(id: string, first: number): Promise<DependencyRecord[]>;
  /** The organizations behind one cell of the concentration matrix; `organizations`: only these (a scoped reader's). */
  concentrationOrganizations(
    cell: { supplierCategory: string; subsector: string },
    first: number,
    organizations: readonly string[] | null,
  ): Promise<ConcentrationMemberRecord[]>;
  /** The data-quality checks, each with up to `samples` examples; `organizations`: their rows and the catalogue only. */
  dataQuality(
    samples: number,
    organizations: readonly string[] | null,
    unconfirmedDays?: number,
  ): Promise<DataQualityFinding[]>;

  /** Creates or replaces an entity (audited as `actor`); refused with CONFLICT on a stale version. */
  /** Returns the id written: an id merged away is written onto its survivor. */
  upsert(input: EntityEdit, actor: string, expectedVersion?: string | null): Promise<string>;
  /** What deleting `id` would remove; null when there is no such entity. */
  previewDelete(id: string): Promise<DeletePreview | null>;
  /** Deletes `id` and what goes with it; returns the deleted ids. */
  delete(id: string, actor: string, expectedVersion?: string | null): Promise<string[]>;
  /** Writes back what a delete removed; returns the restored entity ids. */
  restore(input: RestoreEdit, actor: string): Promise<string[]>;
  /** Creates or replaces the edge from → to (optionally as an alternative of from → alternativeTo). */
  addDependency(
    input: DependencyEdit,
    actor: string,
    expectedVersion?: string | null,
    alternativeTo?: string | null,
  ): Promise<DependencyRecord>;
  /** Removes the edge from → to; false when there was none. */
  removeDependency(
    from: string,
    to: string,
    actor: string,
    expectedVersion?: string | null,
  ): Promise<boolean>;
  /** What merging `others` into `survivor` would do; writes nothing. */
  previewMerge(survivor: string, others: readonly string[]): Promise<MergePreview>;
  /** Merges `others` into `survivor` in one transaction; returns the survivor's id. */
  merge(
    survivor: string,
    others: readonly string[],
    actor: string,
    expectedVersion?: string | null,
  ): Promise<string>;
  /** The submissions that asserted each of `ids` (issue 13 item 3), in the order they did. */
  entityProvenance(ids: readonly string[]): Promise<Map<string, ProvenanceRecord[]>>;
  /** The same for dependencies, keyed by `dependencyKey(from, to)`. */
  dependencyProvenance(
    edges: readonly { from: string; to: string }[],
  ): Promise<Map<string, ProvenanceRecord[]>>;
  /** Undoes the latest merge into `survivor`; returns the restored ids. */
  undoMerge(survivor: string, actor: string): Promise<string[]>;
}

/** The entity repository over Neo4j: each method one function of @smart/store. */
export class Neo4jEntityRepository implements EntityRepository {
  constructor(private readonly store: Store) {}

  byIds(ids: readonly string[]) {
    return entitiesByIds(this.store, ids);
  }
  entityProvenance(ids: readonly string[]) {
    return entityProvenance(this.store, ids);
  }
  dependencyProvenance(edges: readonly { from: string; to: string }[]) {
    return dependencyProvenance(this.store, edges);
  }
  relativesOfMany(ids: readonly string[]) {
    return relativesOfMany(this.store, ids);
  }
  stats() {
    return graphStats(this.store);
  }
  resolveAliases(ids: readonly string[]) {
    return resolveAliases(this.store, ids);
  }
  search(text: string, labels: readonly string[], first: number) {
    return searchHits(this.store, text, [...labels], first);
  }
  entityVersion(e: EntityRecord) {
    return entityVersion(e);
  }
  dependencyVersion(d: DependencyRecord) {
    return dependencyVersion(d);
  }
  dependenciesOf(id: string) {
    return dependenciesOf(this.store, id);
  }
  dependenciesBetween(edges: readonly { from: string; to: string }[]) {
    return dependenciesBetween(this.store, edges);
  }
  dependentsOf(id: string, first: number) {
    return dependentsOf(this.store, id, first);
  }
  concentrationOrganizations(
    cell: { supplierCategory: string; subsector: string },
    first: number,
    organizations: readonly string[] | null,
  ) {
    return concentrationOrganizations(this.store, cell, first, organizations);
  }
  dataQuality(samples: number, organizations: readonly string[] | null, unconfirmedDays?: number) {
    return dataQuality(this.store, { samples, organizations, unconfirmedDays });
  }
  upsert(input: EntityEdit, actor: string, expectedVersion?: string | null) {
    return upsertEntity(this.store, input, actor, expectedVersion);
  }
  previewDelete(id: string) {
    return previewDelete(this.store, id);
  }
  delete(id: string, actor: string, expectedVersion?: string | null) {
    return deleteEntity(this.store, id, actor, expectedVersion);
  }
  restore(input: RestoreEdit, actor: string) {
    return restoreEntities(this.store, input, actor);
  }
  addDependency(
    input: DependencyEdit,
    actor: string,
    expectedVersion?: string | null,
    alternativeTo?: string | null,
  ) {
    return addDependency(this.store, input, actor, expectedVersion, alternativeTo);
  }
  removeDependency(from: string, to: string, actor: string, expectedVersion?: string | null) {
    return removeDependency(this.store, from, to, actor, expectedVersion);
  }
  previewMerge(survivor: string, others: readonly string[]) {
    return previewMerge(this.store, survivor, others);
  }
  merge(survivor: string, others: readonly string[], actor: string, expectedVersion?: string | null) {
    return mergeEntities(this.store, survivor, others, actor, expectedVersion);
  }
  undoMerge(survivor: string, actor: string) {
    return undoMerge(this.store, survivor, actor);
  }
}
