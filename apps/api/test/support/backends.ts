// In-memory fakes of the context's per-concept interfaces (issue 15 item 2), for resolver
// unit tests: no Neo4j, no workers. Each keeps its state in plain maps and records what
// it was asked, so a test can check what a resolver passed on. They follow the
// interfaces' contracts only as far as resolvers can tell (a version is the record as
// JSON, search matches names by substring); the Neo4j implementations have their own
// integration tests.
import { ApolloServer } from '@apollo/server';
import type { EntityKind, Role, SubmissionInput, Template } from '@smart/domain';
import type {
  StagedTemplate,
  AuditEventRow,
  DependencyEdit,
  DependencyRecord,
  EntityEdit,
  EntityRecord,
  GraphStats,
  ImportDiff,
  ImportOptions,
  IncidentFields,
  IncidentRecord,
  JournalInfo,
  ProvenanceRecord,
  ImportSummary,
  ReadAction,
  RestoreEdit,
  ScenarioRecord,
  SearchHit,
  User,
} from '@smart/store';
import {
  EditError,
  IncidentClosedError,
  UserExistsError,
  UserNotFoundError,
  checkSubmission,
  dependencyKey,
} from '@smart/store';
import { templateOfIndex } from '@smart/templates';
import type { GraphQLFormattedError } from 'graphql';
import { pino } from 'pino';
import type { AnalysisService } from '../../src/analysis/service';
import type { Principal } from '../../src/auth/tokens';
import type { EntityRepository } from '../../src/backends/entities';
import type { ImportAttempt, ImportOutcome, ImportService } from '../../src/backends/imports';
import type { UserDirectory } from '../../src/backends/users';
import type { IncidentRepository } from '../../src/backends/incidents';
import type { NewScenario, ScenarioRepository } from '../../src/backends/scenarios';
import type { Context } from '../../src/context';
import { makeFormatError } from '../../src/errors';
import { EntityLoader, partialFieldResolver } from '../../src/loaders';
import { resolvers } from '../../src/resolvers';
import { typeDefs } from '../../src/schema';
import { authorizationPlugin } from '../../src/security/authorization';
import { Scope } from '../../src/security/scope';

/** A call a fake received: its method and arguments. */
export type Call = [method: string, ...args: unknown[]];

export class MemoryEntityRepository implements EntityRepository {
  readonly calls: Call[] = [];
  readonly entities = new Map<string, EntityRecord>();
  dependencies: DependencyRecord[] = [];
  /** Merged-away id → survivor. */
  readonly aliases = new Map<string, string>();

  constructor(entities: EntityRecord[] = [], dependencies: Partial<DependencyRecord>[] = []) {
    for (const e of entities) this.entities.set(e.id, e);
    this.dependencies = dependencies.map((d) => ({
      from: d.from!,
      to: d.to!,
      group: d.group ?? null,
      strength: d.strength ?? 1,
      source: d.source ?? null,
      confidence: d.confidence ?? null,
      notes: d.notes ?? null,
    }));
  }

  private note(method: string, ...args: unknown[]) {
    this.calls.push([method, ...args]);
  }

  async byIds(ids: readonly string[]) {
    return new Map(ids.flatMap((id) => (this.entities.has(id) ? [[id, this.entities.get(id)!]] : [])));
  }
  /** Submissions by entity id, and by dependencyKey for dependencies, as a test sets them. */
  readonly provenance = new Map<string, ProvenanceRecord[]>();
  async entityProvenance(ids: readonly string[]) {
    this.note('entityProvenance', [...ids]);
    return new Map(ids.map((id) => [id, this.provenance.get(id) ?? []] as const));
  }
  async dependencyProvenance(edges: readonly { from: string; to: string }[]) {
    this.note(
      'dependencyProvenance',
      edges.map((e) => [e.from, e.to]),
    );
    return new Map(
      edges.map(
        (e) => [dependencyKey(e.from, e.to), this.provenance.get(dependencyKey(e.from, e.to)) ?? []] as const,
      ),
    );
  }
  async relativesOfMany(ids: readonly string[]) {
    return new Map(ids.map((id) => [id, this.relativesOf(id)] as const));
  }
  private relativesOf(id: string) {
    const all = [...this.entities.values()];
    const owned = (kind: string, key: 'supplierId' | 'organizationId') =>
      all.filter((e) => e.kind === kind && e[key] === id).map((e) => e.id);
    const supports = (this.supports ?? []).filter(([w, f]) => w === id || f === id);
    return {
      services: owned('SERVICE', 'supplierId'),
      workflows: owned('WORKFLOW', 'organizationId'),
      assets: owned('ASSET', 'organizationId'),
      functions: supports.filter(([w]) => w === id).map(([, f]) => f),
      supportingWorkflows: supports.filter(([, f]) => f === id).map(([w]) => w),
    };
  }
  /** Workflow → critical function links. */
  supports: [string, string][] = [];

  async stats(): Promise<GraphStats> {
    const kinds = ['ORGANIZATION', 'SUPPLIER', 'SERVICE', 'ASSET', 'WORKFLOW', 'CRITICAL_FUNCTION'] as const;
    const all = [...this.entities.values()];
    return {
      counts: kinds.map((kind) => ({ kind, count: all.filter((e) => e.kind === kind).length })),
      dependencies: this.dependencies.length,
      graphVersion: '1',
    };
  }
  async resolveAliases(ids: readonly string[]) {
    return new Map(ids.flatMap((id) => (this.aliases.has(id) ? [[id, this.aliases.get(id)!]] : [])));
  }
  async search(text: string, labels: readonly string[], first: number): Promise<SearchHit[]> {
    this.note('search', text, labels, first);
    const t = text.toLowerCase();
    return [...this.entities.values()]
      .filter((e) => e.name.toLowerCase().includes(t))
      .slice(0, first)
      .map((entity) => ({ entity, matchedField: 'NAME', matchedText: entity.name }));
  }
  entityVersion(e: EntityRecord) {
    return JSON.stringify(e);
  }
  dependencyVersion(d: DependencyRecord) {
    return JSON.stringify(d);
  }
  async dependenciesOf(id: string) {
    return this.dependencies.filter((d) => d.from === id);
  }
  async dependenciesBetween(edges: readonly { from: string; to: string }[]) {
    this.note(
      'dependenciesBetween',
      edges.map((e) => [e.from, e.to]),
    );
    const out = new Map<string, DependencyRecord>();
    for (const e of edges) {
      const d = this.dependencies.find((x) => x.from === e.from && x.to === e.to);
      if (d) out.set(dependencyKey(d.from, d.to), d);
    }
    return out;
  }
  async dependentsOf(id: string, first: number) {
    this.note('dependentsOf', id, first);
    return this.dependencies.filter((d) => d.to === id).slice(0, first);
  }
  async concentrationOrganizations(
    cell: { supplierCategory: string; subsector: string },
    first: number,
    organizations: readonly string[] | null,
  ) {
    this.note('concentrationOrganizations', cell, first, organizations);
    return [];
  }
  async dataQuality(samples: number, organizations: readonly string[] | null, unconfirmedDays?: number) {
    this.note('dataQuality', samples, organizations, unconfirmedDays);
    return [];
  }
  async upsert(input: EntityEdit, actor: string, expectedVersion?: string | null) {
    this.note('upsert', input, actor, expectedVersion);
    const old = this.entities.get(input.id);
    if (expectedVersion && old && this.entityVersion(old) !== expectedVersion)
      throw new EditError('expectedVersion', `'${input.id}' changed since it was read`, 'CONFLICT');
    this.entities.set(input.id, { ...input } as EntityRecord);
    return input.id;
  }
  async previewDelete(id: string) {
    const e = this.entities.get(id);
    if (!e) return null;
    const dependencies = this.dependencies.filter((d) => d.from === id || d.to === id);
    return { id, entities: [e], dependencies, functionLinks: [], version: JSON.stringify([e, dependencies]) };
  }
  async delete(id: string, actor: string, expectedVersion?: string | null) {
    this.note('delete', id, actor, expectedVersion);
    if (!this.entities.delete(id)) throw new EditError('id', `no entity has id '${id}'`, 'NOT_FOUND');
    this.dependencies = this.dependencies.filter((d) => d.from !== id && d.to !== id);
    return [id];
  }
  async restore(input: RestoreEdit, actor: string) {
    this.note('restore', input, actor);
    for (const e of input.entities) this.entities.set(e.id, { ...e } as EntityRecord);
    return input.entities.map((e) => e.id);
  }
  async addDependency(
    input: DependencyEdit,
    actor: string,
    expectedVersion?: string | null,
    alternativeTo?: string | null,
  ) {
    this.note('addDependency', input, actor, expectedVersion, alternativeTo);
    if (input.from === input.to) throw new EditError('input.to', 'an entity cannot depend on itself');
    const d: DependencyRecord = {
      from: input.from,
      to: input.to,
      group: input.group ?? null,
      strength: input.strength ?? 1,
      source: input.source ?? null,
      confidence: input.confidence ?? null,
      notes: input.notes ?? null,
    };
    this.dependencies = [...this.dependencies.filter((x) => x.from !== d.from || x.to !== d.to), d];
    return d;
  }
  async removeDependency(from: string, to: string, actor: string, expectedVersion?: string | null) {
    this.note('removeDependency', from, to, actor, expectedVersion);
    const before = this.dependencies.length;
    this.dependencies = this.dependencies.filter((d) => d.from !== from || d.to !== to);
    return this.dependencies.length < before;
  }
  async previewMerge(survivor: string, others: readonly string[]) {
    this.note('previewMerge', survivor, others);
    const get = (id: string) => {
      const e = this.entities.get(id);
      if (!e) throw new EditError('others', `no entity has id '${id}'`, 'NOT_FOUND');
      return e;
    };
    return {
      survivor: get(survivor),
      others: others.map(get),
      moves: [],
      survivorRelationships: 0,
      version: 'v1',
    };
  }
  async merge(survivor: string, others: readonly string[], actor: string, expectedVersion?: string | null) {
    this.note('merge', survivor, others, actor, expectedVersion);
    for (const id of others) {
      this.entities.delete(id);
      this.aliases.set(id, survivor);
    }
    return survivor;
  }
  async undoMerge(survivor: string, actor: string) {
    this.note('undoMerge', survivor, actor);
    return [];
  }
}

export class MemoryScenarioRepository implements ScenarioRepository {
  readonly calls: Call[] = [];
  readonly scenarios: ScenarioRecord[] = [];
  private next = 1;

  async list(first: number, organizations: readonly string[] | null = null) {
    this.calls.push(['list', first]);
    const within = (s: ScenarioRecord) =>
      !organizations ||
      ((s.authorOrganizations?.length ?? 0) > 0 &&
        s.authorOrganizations!.every((o) => organizations.includes(o)));
    return [...this.scenarios].reverse().filter(within).slice(0, first);
  }
  async byId(id: string) {
    return this.scenarios.find((s) => s.id === id) ?? null;
  }
  async count() {
    return this.scenarios.length;
  }
  async save(s: NewScenario) {
    this.calls.push(['save', s]);
    const saved = { ...s, id: `s${this.next++}`, createdAt: '2026-01-01T00:00:00.000Z' };
    this.scenarios.push(saved);
    return saved;
  }
  async delete(id: string, actor: string) {
    this.calls.push(['delete', id, actor]);
    const i = this.scenarios.findIndex((s) => s.id === id);
    if (i >= 0) this.scenarios.splice(i, 1);
    return i >= 0;
  }
}

export class MemoryImportService implements ImportService {
  readonly calls: Call[] = [];
  /** The stored ids' kinds and owners the uploads are read against. */
  readonly kinds = new Map<string, EntityKind>();
  readonly owned = new Map<string, string | null>();
  /** What the next import answers (default: written, one row per entity row). */
  next: ImportOutcome | ((template: Template, options: ImportOptions) => ImportOutcome) = (t, o) => ({
    ok: true,
    summary: {
      byKind: {
        SUPPLIER: { created: t.suppliers.length, updated: 0, removed: 0 },
      } as ImportSummary['byKind'],
      rows: t.suppliers.length,
      dryRun: o.dryRun ?? false,
      snapshotId: null,
      submissionId: o.dryRun ? null : (o.submission?.id ?? null),
    },
  });
  /** What the next undo throws (else it answers). */
  undoFails: Error | null = null;
  version = 5;

  async existingKinds() {
    return this.kinds;
  }
  async owners(ids: readonly string[]) {
    return new Map(ids.filter((id) => this.owned.has(id)).map((id) => [id, this.owned.get(id)!]));
  }
  async import(template: Template, options: ImportOptions) {
    this.calls.push(['import', template, options]);
    return typeof this.next === 'function' ? this.next(template, options) : this.next;
  }
  /** Reads the streamed template's rows back and answers as `import` (recorded as an 'import' call). */
  async importStreamed(src: StagedTemplate, options: ImportOptions) {
    return this.import(await templateOfIndex(src), options);
  }
  async auditAttempt(attempt: ImportAttempt) {
    this.calls.push(['auditAttempt', attempt]);
  }
  async graphVersion() {
    return String(this.version);
  }
  async lastImport() {
    return { snapshot: null, blocked: 'nothing to undo' } as Awaited<ReturnType<ImportService['lastImport']>>;
  }
  async undoLastImport(actor: string): Promise<Awaited<ReturnType<ImportService['undoLastImport']>>> {
    this.calls.push(['undoLastImport', actor]);
    if (this.undoFails) throw this.undoFails;
    throw new Error('no undo result in this fake');
  }
  /** What the next dry run's review says (default: nothing changes). */
  nextDiff: ImportDiff = {
    entities: { added: [], changed: [], removed: [] },
    dependencies: { added: [], changed: [], removed: [] },
    conflicts: [],
  };
  async diff(_template: Template, options: { replace: boolean; contributor?: string | null }) {
    this.calls.push(['diff', options]);
    return this.nextDiff;
  }
  /** The staged import a test says is under way. */
  journal: JournalInfo | null = null;
  async underWay() {
    return this.journal;
  }
  checkSubmission(input: SubmissionInput, actor: string) {
    // The store's check is pure: the fake uses it as it is.
    return checkSubmission(input, actor);
  }
}

export class MemoryUserDirectory implements UserDirectory {
  readonly calls: Call[] = [];
  readonly users = new Map<string, User>();
  readonly events: AuditEventRow[] = [];

  private note(method: string, ...args: unknown[]) {
    this.calls.push([method, ...args]);
  }
  async list() {
    return [...this.users.values()];
  }
  async create(input: { username: string; password: string; role: string }, actor: string) {
    this.note('create', input.username, input.role, actor);
    if (this.users.has(input.username)) throw new UserExistsError(input.username);
    const user = { username: input.username, role: input.role as Role, organizations: [], createdAt: 'now' };
    this.users.set(user.username, user);
    return user;
  }
  async delete(username: string, actor: string) {
    this.note('delete', username, actor);
    return this.users.delete(username);
  }
  async setRole(username: string, role: string, actor: string) {
    this.note('setRole', username, role, actor);
    const user = this.users.get(username);
    if (!user) throw new UserNotFoundError(username);
    user.role = role as Role;
    return user;
  }
  async setPassword(username: string, _password: string, actor: string) {
    this.note('setPassword', username, actor);
  }
  async recordTokenIssued(
    t: { jti: string; username: string; role: string; expiresAtMs: number },
    actor: string,
  ) {
    this.note('recordTokenIssued', t, actor);
  }
  async revokeToken(jti: string, actor: string) {
    this.note('revokeToken', jti, actor);
  }
  async revokeUserTokens(username: string, actor: string) {
    this.note('revokeUserTokens', username, actor);
  }
  async issueSignInCode(p: { username: string; role: Role; ttlSeconds: number }, actor: string) {
    this.note('issueSignInCode', p, actor);
    return {
      code: 'code-1',
      id: 'c1',
      username: p.username,
      role: p.role,
      expiresAtMs: Date.UTC(2030, 0, 1),
    };
  }
  async revokeSignInCode(id: string, actor: string) {
    this.note('revokeSignInCode', id, actor);
    return id === 'c1';
  }
  async auditEvents(first: number) {
    return this.events.slice(0, first);
  }
  async auditPage(first: number, after: string | null) {
    const start = after === null ? 0 : this.events.findIndex((e) => e.id === after) + 1;
    const events = this.events.slice(start, start + first);
    return {
      events,
      endCursor: events.length ? events[events.length - 1]!.id : null,
      hasNextPage: start + first < this.events.length,
    };
  }
  auditCursor(e: AuditEventRow) {
    return e.id;
  }
  async readAudit(first: number) {
    this.note('readAudit', first);
    return this.events.filter((e) => e.action.startsWith('read-')).slice(0, first);
  }
  private nextEvent = 1;
  /** Kept newest first, its details as JSON, as the trail holds them. */
  async recordRead(e: { actor: string; action: ReadAction; target: string | null; details?: unknown }) {
    this.events.unshift({
      id: `read-${this.nextEvent++}`,
      at: new Date().toISOString(),
      actor: e.actor,
      action: e.action,
      target: e.target,
      details: e.details === undefined ? null : JSON.stringify(e.details),
    });
  }
}

/**
 * An AnalysisService with only the given methods; any other one fails the test (these
 * resolvers should not reach it).
 */
export function fakeAnalysis(methods: Partial<AnalysisService> = {}): AnalysisService {
  return new Proxy(methods as AnalysisService, {
    get: (target, method) =>
      method in target
        ? target[method as keyof AnalysisService]
        : () => {
            throw new Error(`the analysis service was not expected here (${String(method)})`);
          },
  });
}

/** Incidents in memory: declared in order, closed ones refused further changes as the store does. */
export class MemoryIncidentRepository implements IncidentRepository {
  readonly calls: Call[] = [];
  readonly incidents: IncidentRecord[] = [];
  private next = 1;

  async list(first: number) {
    this.calls.push(['list', first]);
    const open = (i: IncidentRecord) => (i.status === 'OPEN' ? 0 : 1);
    return [...this.incidents]
      .sort((a, b) => open(a) - open(b) || b.startedAt.localeCompare(a.startedAt))
      .slice(0, first);
  }
  async byId(id: string) {
    return this.incidents.find((i) => i.id === id) ?? null;
  }
  async declare(fields: IncidentFields, actor: string) {
    this.calls.push(['declare', fields.name, actor]);
    const at = new Date().toISOString();
    const i: IncidentRecord = {
      ...fields,
      id: `inc-${this.next++}`,
      endedAt: null,
      status: 'OPEN',
      declaredBy: actor,
      declaredAt: at,
      updatedBy: actor,
      updatedAt: at,
    };
    this.incidents.push(i);
    return i;
  }
  private open(id: string) {
    const i = this.incidents.find((x) => x.id === id);
    if (i && i.status !== 'OPEN') throw new IncidentClosedError(id);
    return i ?? null;
  }
  async update(id: string, fields: IncidentFields, actor: string) {
    this.calls.push(['update', id, actor]);
    const i = this.open(id);
    if (i) Object.assign(i, fields, { updatedBy: actor, updatedAt: new Date().toISOString() });
    return i;
  }
  async close(id: string, endedAt: string, actor: string) {
    this.calls.push(['close', id, endedAt, actor]);
    const i = this.open(id);
    if (i)
      Object.assign(i, { status: 'CLOSED', endedAt, updatedBy: actor, updatedAt: new Date().toISOString() });
    return i;
  }
}

export interface Backends {
  entityRepository?: EntityRepository;
  scenarioRepository?: ScenarioRepository;
  incidentRepository?: IncidentRepository;
  importService?: ImportService;
  userDirectory?: UserDirectory;
  analysis?: AnalysisService;
}

const server = new ApolloServer<Context>({
  typeDefs,
  resolvers,
  fieldResolver: partialFieldResolver as never,
  includeStacktraceInErrorResponses: false,
  // The production error mapper: store errors reach the client as they would in the API.
  formatError: makeFormatError(pino({ level: 'silent' })),
  plugins: [authorizationPlugin()],
});

/**
 * Runs one operation through the real schema, resolvers, role directives and error
 * mapper, over the given fakes. The principal is an ANALYST named ann unless given
 * (null: signed out).
 */
export async function runOperation(
  query: string,
  backends: Backends,
  options: { principal?: Principal | null; variables?: Record<string, unknown> } = {},
): Promise<{ data: Record<string, unknown> | null | undefined; errors?: readonly GraphQLFormattedError[] }> {
  const principal =
    options.principal === undefined ? { username: 'ann', role: 'ANALYST' as const } : options.principal;
  const scope = Scope.of(principal);
  const entityRepository = backends.entityRepository ?? new MemoryEntityRepository();
  const contextValue: Context = {
    principal,
    log: pino({ level: 'silent' }),
    analysis: backends.analysis ?? fakeAnalysis(),
    entityRepository,
    scenarioRepository: backends.scenarioRepository ?? new MemoryScenarioRepository(),
    incidentRepository: backends.incidentRepository ?? new MemoryIncidentRepository(),
    importService: backends.importService ?? new MemoryImportService(),
    userDirectory: backends.userDirectory ?? new MemoryUserDirectory(),
    entities: new EntityLoader(entityRepository, scope),
    templateLimits: {} as Context['templateLimits'],
    scope,
  };
  const res = await server.executeOperation({ query, variables: options.variables }, { contextValue });
  if (res.body.kind !== 'single') throw new Error('expected a single result');
  const { data, errors } = res.body.singleResult;
  return { data: data as Record<string, unknown> | null | undefined, errors };
}
