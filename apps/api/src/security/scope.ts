// Need to know (issue 19, DESIGN.md §6): a user may be scoped to some organizations.
// They see their own organizations in full (the organization, its workflows and
// assets, the dependencies from them) and the shared catalogue (suppliers, services,
// critical functions), and everything else only as aggregates of at least k
// organizations. This module is the one place that decides:
//
// - `Scope` says what one request's principal may see: entity records (the
//   EntityLoader asks it, so every field that reads an entity is filtered) and
//   analysis answers (the AnalysisService redacts with the engine's pure `Visibility`);
// - `QUERY_SCOPE` records, for every root field, how it is scoped; `scopePlugin` (./scope-plugin)
//   refuses a scoped principal any root field without a decision (so a new field is
//   withheld until someone decides), and `test/scope.int.test.ts` enumerates the
//   schema's Query fields by introspection and checks each one.
//
// An id outside the scope is answered exactly as an unknown id (NOT_FOUND, the same
// message), never "exists but forbidden". Unscoped users and ADMIN are not affected.
import type { EntityKind } from '@smart/domain';
import { type CompactGraph, Visibility, suppressedCount } from '@smart/engine';
import type { EntityRecord } from '@smart/store';
import { GraphQLError } from 'graphql';
import type { Principal } from '../auth/tokens';
import { notFound } from '../resolvers/failures';

/** How a root field treats a scoped principal. */
export type ScopeDecision =
  /** Holds nothing an organization owns beyond sector-wide totals: answered as for anyone. */
  | 'open'
  /** Filtered and redacted by the Scope (entity loader, analysis service, resolver). */
  | 'scoped'
  /** ADMIN only, and an ADMIN is never scoped. */
  | 'admin'
  /** Not yet scoped: refused to a scoped principal (FORBIDDEN), answered for the others. */
  | 'withheld';

/**
 * Every Query field and its decision. A field missing here is withheld from scoped
 * principals, and the introspection test fails until it is added.
 */
export const QUERY_SCOPE: Record<string, ScopeDecision> = {
  viewer: 'open',
  // Entity counts per kind, the sector's size: no organization singled out.
  stats: 'open',
  entity: 'scoped',
  search: 'scoped',
  searchHits: 'scoped',
  dependencies: 'scoped',
  dependents: 'scoped',
  // A count of dependents (sector-wide, as in the ranking) of an entity the reader sees.
  directDependents: 'scoped',
  neighborhood: 'scoped',
  // Of an entity the reader sees (else NOT_FOUND); rows between what they see only.
  deleteEntityPreview: 'scoped',
  mergePreview: 'scoped',
  // Only mitigations whose changes name what the reader sees (a plan cut before the first
  // other); organizationsSpared suppressed below k.
  mitigations: 'scoped',
  plan: 'scoped',
  impact: 'scoped',
  paths: 'scoped',
  shortestPath: 'scoped',
  systemicRisk: 'scoped',
  // Catalogue entities; organizationsReached suppressed below k.
  fourthPartyConcentration: 'scoped',
  // Counts of organizations per cell, suppressed below k.
  concentrationMatrix: 'scoped',
  // The reader's own organizations of the cell only.
  concentrationOrganizations: 'scoped',
  singlePointsOfFailure: 'scoped',
  dependencyAlternatives: 'scoped',
  // Groups of fewer than k organizations withheld (and counted as such).
  sectorOverview: 'scoped',
  // Own organizations' members and the catalogue's.
  overviewMembers: 'scoped',
  // Own organizations' rows and the catalogue's.
  dataQuality: 'scoped',
  duplicateCandidates: 'scoped',
  // Those whose author was scoped within the reader's organizations; reports redacted as impact's.
  scenarios: 'scoped',
  scenario: 'scoped',
  compareScenarios: 'scoped',
  // Incidents (issue 14 item 3): a responder's failed set may name any organization's
  // entities, and the call list names the organizations hit; withheld from scoped users.
  incidents: 'withheld',
  incident: 'withheld',
  // The shipped library: figures of the fixed demo map, and whether its suppliers (the
  // shared catalogue) are on the map.
  incidentLibrary: 'open',
  lastImport: 'admin',
  // A scoped user sees only an import they started themselves.
  importInProgress: 'scoped',
  users: 'admin',
  auditEvents: 'admin',
  auditLog: 'admin',
  readAudit: 'admin',
};

/**
 * Mutations a scoped ANALYST may run (their own organizations' rows only; the
 * resolver checks which). The rest are refused to scoped principals.
 */
export const MUTATION_SCOPE: Record<string, ScopeDecision> = {
  // Own organizations' rows only, checked before anything is written (contributionProblems).
  importTemplate: 'scoped',
  // Edits: own organizations' rows only, and references to what the writer sees
  // (Scope.checkWrite, before anything is written); the catalogue is not theirs to edit.
  upsertEntity: 'scoped',
  deleteEntity: 'scoped',
  restoreEntities: 'scoped',
  addDependency: 'scoped',
  removeDependency: 'scoped',
  mergeEntities: 'scoped',
  undoMerge: 'scoped',
  // Saved with the author's scope (what-if ids checked as impact's); deleted when visible.
  saveScenario: 'scoped',
  deleteScenario: 'scoped',
};

/** What a write check reads: entities whatever the reader's scope (absent: unknown). */
export interface UnscopedReader {
  unscoped(ids: readonly string[]): Promise<Map<string, EntityRecord>>;
}

/** A row a write would create or change: its id, and what it would become (for a create or replace). */
export interface WrittenRow {
  argument: string;
  id: string;
  becomes?: { kind: EntityKind; organizationId?: string | null };
}

/** Small-group protection: aggregates over fewer than this many organizations are not shown. */
export const DEFAULT_MIN_GROUP = 5;

/** SMART_MIN_GROUP (default 5, at least 2: a group of one is never shown). */
export function minGroupFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.SMART_MIN_GROUP?.trim();
  if (!raw) return DEFAULT_MIN_GROUP;
  const k = Number(raw);
  if (!Number.isInteger(k) || k < 2 || k > 1000)
    throw new Error(`SMART_MIN_GROUP must be a whole number from 2 to 1000 (got '${raw}')`);
  return k;
}

/** A count of organizations as a scoped reader may see it (GraphQL `OrganizationCount`). */
export interface OrganizationCountView {
  value: number | null;
  suppressed: boolean;
  threshold: number;
  display: string;
}

export class Scope {
  /** The organizations seen in full; null: unscoped (the whole map). */
  readonly organizations: ReadonlySet<string> | null;

  constructor(
    organizations: readonly string[] | null,
    /** k of the small-group protection. */
    readonly minGroup: number = DEFAULT_MIN_GROUP,
  ) {
    this.organizations = organizations?.length ? new Set(organizations) : null;
  }

  /** The scope of a request: ADMIN and principals without organizations are unscoped. */
  static of(principal: Principal | null, minGroup: number = DEFAULT_MIN_GROUP): Scope {
    const orgs = principal && principal.role !== 'ADMIN' ? principal.organizations : undefined;
    return new Scope(orgs?.length ? orgs : null, minGroup);
  }

  get restricted(): boolean {
    return this.organizations !== null;
  }

  /** Whether a stored entity is visible (a whole record: a Workflow's or Asset's organizationId read). */
  sees(e: EntityRecord): boolean {
    const orgs = this.organizations;
    if (!orgs) return true;
    switch (e.kind) {
      case 'ORGANIZATION':
        return orgs.has(e.id);
      case 'WORKFLOW':
      case 'ASSET':
        return typeof e.organizationId === 'string' && orgs.has(e.organizationId);
      default:
        return true;
    }
  }

  /** Whether a scoped writer may write this row: one of their organizations, or its workflow or asset. */
  owns(e: { id: string; kind: EntityKind; organizationId?: unknown }): boolean {
    const orgs = this.organizations;
    if (!orgs) return true;
    if (e.kind === 'ORGANIZATION') return orgs.has(e.id);
    if (e.kind === 'WORKFLOW' || e.kind === 'ASSET')
      return typeof e.organizationId === 'string' && orgs.has(e.organizationId);
    return false;
  }

  /**
   * Refuses a scoped writer an edit (issue 19, the rule of template contributions): every
   * row written must be of their organizations (an existing one, and what it becomes),
   * every id referenced must be one they see. An id they do not see, written without
   * `becomes` or referenced, is NOT_FOUND as an unknown id; a row they see but may not
   * write (the catalogue, or another organization's id claimed by a create) is FORBIDDEN.
   * Unscoped writers pass. Runs before anything is written.
   */
  async checkWrite(
    reader: UnscopedReader,
    written: readonly WrittenRow[],
    referenced: readonly { argument: string; id: string | null | undefined }[] = [],
  ): Promise<void> {
    if (!this.organizations) return;
    const refs = referenced.filter((r): r is { argument: string; id: string } => typeof r.id === 'string');
    const found = await reader.unscoped([...refs.map((r) => r.id), ...written.map((w) => w.id)]);
    const hidden: string[] = [];
    for (const r of refs) {
      const e = found.get(r.id);
      if (!e || !this.sees(e)) hidden.push(r.id);
    }
    for (const w of written) {
      const e = found.get(w.id);
      if (!w.becomes && (!e || !this.sees(e))) hidden.push(w.id);
    }
    if (hidden.length) throw notFound([...new Set(hidden)]);
    for (const w of written) {
      const e = found.get(w.id);
      const mine = (!e || this.owns(e)) && (!w.becomes || this.owns({ id: w.id, ...w.becomes }));
      if (!mine) throw this.notYours(w);
    }
  }

  /**
   * Which of these ids the reader sees (every one when unscoped): for filtering a
   * preview's rows (deleteEntityPreview, mergePreview) to what the reader may see.
   */
  async seen(reader: UnscopedReader, ids: Iterable<string>): Promise<(id: string) => boolean> {
    if (!this.organizations) return () => true;
    const found = await reader.unscoped([...ids]);
    const visible = new Set([...found.values()].filter((e) => this.sees(e)).map((e) => e.id));
    return (id) => visible.has(id);
  }

  private notYours(w: WrittenRow): GraphQLError {
    const orgs = [...(this.organizations ?? [])].join(', ');
    return new GraphQLError(
      `${w.argument}: '${w.id}' is not a row of your organizations: you may edit rows of ${orgs} only (their organization, workflows and assets, and the dependencies from them); the shared catalogue is edited by unscoped analysts`,
      { extensions: { code: 'FORBIDDEN', http: { status: 403 }, argument: w.argument } },
    );
  }

  /**
   * Whether a saved scenario is visible: its author was scoped within the reader's
   * organizations (a scenario of an unscoped author may name anything: not shown to a
   * scoped reader). Unscoped readers see every scenario.
   */
  seesScenario(s: { authorOrganizations?: readonly string[] | null }): boolean {
    const orgs = this.organizations;
    if (!orgs) return true;
    const author = s.authorOrganizations ?? [];
    return author.length > 0 && author.every((o) => orgs.has(o));
  }

  /** The engine's visibility over a projection; null when unscoped. */
  on(graph: CompactGraph): Visibility | null {
    return this.organizations ? new Visibility(graph, this.organizations) : null;
  }

  /** A count of organizations as this reader may see it: below k suppressed for a scoped reader. */
  count(n: number): OrganizationCountView {
    const k = this.minGroup;
    if (!this.restricted) return { value: n, suppressed: false, threshold: k, display: String(n) };
    const s = suppressedCount(n, k);
    return { ...s, threshold: k, display: s.suppressed ? `< ${k}` : String(n) };
  }
}
