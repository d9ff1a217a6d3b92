// The one way resolvers ask for analyses (issue 15 item 2): arguments in GraphQL
// form, defaults and bounds applied here, results in the shape the schema's parents
// expect, and entities named by an analysis resolved from its projection. The
// implementation runs everything in the worker pool (./pool); resolver unit tests
// use an in-memory fake of this interface.
import type { EntityKind } from '@smart/domain';
import type {
  AlternativesFilter,
  ConcentrationEntry,
  DependencyAlternatives,
  DependencyPath,
  ExplainedEntity,
  ImpactComparison,
  ImpactResult,
  NeighborhoodResult,
  RiskRanking,
  CompactGraph,
  Overview,
  OverviewDimension,
  RedactedOverview,
  Mitigation,
  MitigationKind,
  Visibility,
  WhatIfChange,
} from '@smart/engine';
import {
  DEFAULT_WORKAROUND_HOURS,
  IMPACT_DEFAULTS,
  MAX_WHAT_IF_CHANGES,
  changeIds,
  mitigationVisible,
  overviewOrganizations,
  redactAffected,
  redactNeighborhood,
  redactOverview,
  redactPaths,
} from '@smart/engine';
import {
  type ConcentrationCell,
  type EntityRecord,
  type ProjectionSize,
  type ScenarioRecord,
  type Store,
  concentrationMatrix,
  resolveAliases,
} from '@smart/store';
import { GraphQLError } from 'graphql';
import type {
  GraphChangeInput,
  ImpactInput,
  QueryFourthPartyConcentrationArgs,
  QueryNeighborhoodArgs,
  QueryPathsArgs,
  QueryShortestPathArgs,
  QuerySinglePointsOfFailureArgs,
  QuerySystemicRiskArgs,
} from '../generated/resolvers';
import type { EntityLoader } from '../loaders';
import { Scope } from '../security/scope';
import { badInput, boundedInt, duration, notFound } from '../resolvers/failures';
import { mitigationCandidates } from '../security/cost';
import { type AnalysisPool, MAX_RANKED } from './pool';
import type { AffectedPage, AffectedPageRequest, ImpactArgs, Operation, TaskOutcome } from './protocol';

/**
 * An impact report: the engine's result, each affected entity explained, and its graph
 * version. For a scoped reader (issue 19) `affected` holds what they may see and
 * `sectorAffected` every affected entity, for the aggregates only.
 */
export type ImpactReportParent = ImpactResult & {
  affected: ExplainedEntity[];
  /** Workflows and assets the input's `unaffected` changes cut from their organization. */
  detached?: string[];
  graphVersion: string;
  sectorAffected?: ExplainedEntity[];
  /** Set when one page was asked for (`impact(…, { page })`): `affected` is that page only. */
  page?: AffectedPage;
  /** The page request it answers, as the affected resolver checks it (its cursor key). */
  pageKey?: string;
};
/** A ranking row with the graph version its ranking was computed for. */
export type RankingParent = RiskRanking & { graphVersion: string };
export interface ComparedReports {
  a: ImpactReportParent;
  b: ImpactReportParent;
  diff: ImpactComparison;
}

export interface AnalysisService {
  /** `argument` names the input in error messages ('input', 'scenario', 'input.impact'). */
  /** `rows: false` when only the report's summary is read: its affected list comes back empty. */
  /**
   * `page` when the request reads one page of `affected` and no other row: the worker
   * filters, orders and explains that page only (not for a scoped reader: their rows are
   * redacted first). `pageKey` is the cursor key the page was asked with.
   */
  impact(
    input: ImpactInput,
    argument?: string,
    opts?: { rows?: boolean; page?: AffectedPageRequest & { key: string } },
  ): Promise<ImpactReportParent>;
  /** Both scenarios' reports, run on one projection, and what changed between them. */
  compare(a: ScenarioRecord, b: ScenarioRecord): Promise<ComparedReports>;
  paths(args: QueryPathsArgs): Promise<DependencyPath[]>;
  shortestPath(args: QueryShortestPathArgs): Promise<{ nodes: string[]; length: number } | null>;
  systemicRisk(args: QuerySystemicRiskArgs): Promise<RankingParent[]>;
  fourthPartyConcentration(args: QueryFourthPartyConcentrationArgs): Promise<ConcentrationEntry[]>;
  concentrationMatrix(): Promise<ConcentrationCell[]>;
  alternatives(args: QuerySinglePointsOfFailureArgs, singleOnly: boolean): Promise<DependencyAlternatives[]>;
  neighborhood(args: QueryNeighborhoodArgs): Promise<NeighborhoodResult>;
  /**
   * The sector overview for a grouping (checked: one dimension per kind); for a scoped
   * reader without the groups of fewer than k organizations (counted as withheld).
   */
  overview(dimensions: OverviewDimension[]): Promise<RedactedOverview & { graphVersion: string }>;
  /** One super-node's members, most linked first (the whole list; callers page it); a scoped reader's visible ones. */
  overviewMembers(key: string, dimensions: OverviewDimension[]): Promise<{ id: string; links: number }[]>;
  /** How many entities depend on it directly (for a supplier: on it or its services); as the ranking counts. */
  directDependents(id: string): Promise<number>;
  /** Possible duplicates, highest score first (at most 500). */
  duplicates(
    kinds: EntityKind[],
    minScore: number,
  ): Promise<{ ids: string[]; score: number; evidence: string[] }[]>;
  /** Ranked single changes that reduce this failure's damage (steps = null), or a greedy plan of `steps`. */
  mitigations(
    input: ImpactInput,
    options: {
      kinds?: readonly MitigationKind[] | null;
      first?: number | null;
      workaroundHours?: number | null;
      steps?: number | null;
    },
  ): Promise<Mitigation[]>;
  /** An entity an analysis named: kind and name from its projection, other fields read when asked. */
  entity(id: string): Promise<EntityRecord>;
  /** The current projection decoded on this thread (once per version), for paging report rows. */
  graph(): Promise<CompactGraph>;
  /** The size of the current projection (what pricing an analysis needs). */
  size(): Promise<ProjectionSize>;
}

export const MAX_FAILED = 1000;
export const MAX_CONCENTRATIONS = 500;
export { MAX_RANKED };

const kindsOf = (kinds: readonly EntityKind[] | null | undefined, fallback: EntityKind[]) =>
  kinds?.length ? [...kinds] : fallback;

/** Validates an impact input and applies its defaults. */
export function impactArgs(input: ImpactInput, argument: string): ImpactArgs {
  if (input.failed.length === 0) throw badInput(`${argument}.failed`, 'name at least one failed entity');
  if (input.failed.length > MAX_FAILED)
    throw badInput(`${argument}.failed`, `at most ${MAX_FAILED} entities`);
  return {
    // c* left to the engine's default (IMPACT_DEFAULTS) when not given.
    failed: input.failed.map((f) => ({ id: f.id, inoperability: f.inoperability })),
    durationHours: duration(`${argument}.durationHours`, input.durationHours),
    model: input.model ?? IMPACT_DEFAULTS.model,
    changes: whatIfChanges(input.changes, `${argument}.changes`),
    changesField: `${argument}.changes`,
  };
}

/**
 * The what-if changes as the engine takes them: only the members that are set (the
 * worker checks ids, kinds and values against its projection and names the change).
 */
export function whatIfChanges(
  changes: readonly GraphChangeInput[] | null | undefined,
  field: string,
): WhatIfChange[] {
  if (!changes) return [];
  if (changes.length > MAX_WHAT_IF_CHANGES)
    throw badInput(field, `at most ${MAX_WHAT_IF_CHANGES} changes in one simulation`);
  return changes.map((c) => {
    const out: WhatIfChange = {};
    if (c.addDependency) {
      const { from, to, group, strength } = c.addDependency;
      out.addDependency = { from, to, group: group ?? null, strength: strength ?? null };
    }
    if (c.removeDependency)
      out.removeDependency = { from: c.removeDependency.from, to: c.removeDependency.to };
    if (c.setWorkflow) {
      const { id, toleranceHours, workaroundCapacity } = c.setWorkflow;
      out.setWorkflow = {
        id,
        toleranceHours: toleranceHours ?? null,
        workaroundCapacity: workaroundCapacity ?? null,
      };
    }
    if (c.unaffected) out.unaffected = { id: c.unaffected.id };
    return out;
  });
}

/** The organizations behind each overview group, per projection and grouping. */
const overviewCountCache = new WeakMap<CompactGraph, Map<string, ReturnType<typeof overviewOrganizations>>>();
function overviewCounts(g: CompactGraph, dimensions: OverviewDimension[]) {
  let byGrouping = overviewCountCache.get(g);
  if (!byGrouping) {
    byGrouping = new Map();
    overviewCountCache.set(g, byGrouping);
  }
  const key = dimensions.join(',');
  let counts = byGrouping.get(key);
  if (!counts) {
    counts = overviewOrganizations(g, dimensions);
    byGrouping.set(key, counts);
  }
  return counts;
}

/** Every entity id an impact input names: failed ids and the ids of its what-if changes. */
function impactIds(a: ImpactArgs): string[] {
  const ids = a.failed.map((f) => f.id);
  for (const c of a.changes) {
    if (c.addDependency) ids.push(c.addDependency.from, c.addDependency.to);
    if (c.removeDependency) ids.push(c.removeDependency.from, c.removeDependency.to);
    if (c.setWorkflow) ids.push(c.setWorkflow.id);
    if (c.unaffected) ids.push(c.unaffected.id);
  }
  return ids;
}

/** The input with each id merged away replaced by its survivor (`aliases`: alias → survivor). */
export function withSurvivors(a: ImpactArgs, aliases: ReadonlyMap<string, string>): ImpactArgs {
  const to = (id: string) => aliases.get(id) ?? id;
  return {
    ...a,
    failed: a.failed.map((f) => ({ ...f, id: to(f.id) })),
    changes: a.changes.map((c) => {
      const out: WhatIfChange = { ...c };
      if (c.addDependency)
        out.addDependency = {
          ...c.addDependency,
          from: to(c.addDependency.from),
          to: to(c.addDependency.to),
        };
      if (c.removeDependency)
        out.removeDependency = { from: to(c.removeDependency.from), to: to(c.removeDependency.to) };
      if (c.setWorkflow) out.setWorkflow = { ...c.setWorkflow, id: to(c.setWorkflow.id) };
      if (c.unaffected) out.unaffected = { id: to(c.unaffected.id) };
      return out;
    }),
  };
}

/** One request's view of the pool: its abort signal and its entity loader. */
export class PooledAnalysisService implements AnalysisService {
  constructor(
    private readonly pool: AnalysisPool,
    private readonly store: Store,
    private readonly entities: EntityLoader,
    private readonly signal?: AbortSignal,
    /** What the principal may see: every answer below is redacted by it (issue 19). */
    private readonly scope: Scope = new Scope(null),
  ) {}

  /** The reader's visibility on the current projection; null when unscoped. */
  private async visibility(): Promise<Visibility | null> {
    return this.scope.restricted ? this.scope.on(await this.graph()) : null;
  }

  /**
   * Ids an analysis names must be visible: one out of scope is refused exactly as an
   * unknown id (NOT_FOUND, the same message; unknown ones are listed with it).
   */
  private async requireVisible(ids: readonly (string | null | undefined)[]): Promise<Visibility | null> {
    const v = await this.visibility();
    if (!v) return null;
    const hidden = [...new Set(ids.filter((id): id is string => typeof id === 'string' && !v.sees(id)))];
    if (hidden.length) throw notFound(hidden);
    return v;
  }

  /**
   * The failed ids and every id a what-if change names must be visible: a failed id out
   * of scope is NOT_FOUND, a change's is refused exactly as the engine refuses an unknown
   * one (BAD_USER_INPUT naming the change, "no entity has id 'x'").
   */
  private async requireVisibleInput(args: ImpactArgs): Promise<Visibility | null> {
    const v = await this.requireVisible(args.failed.map((f) => f.id));
    if (!v) return null;
    args.changes.forEach((c, i) => {
      for (const { at, id } of changeIds(c))
        if (!v.sees(id)) throw badInput(`${args.changesField}[${i}].${at}`, `no entity has id '${id}'`);
    });
    return v;
  }

  /** The value of a task, its named entities remembered; a request error thrown as such. */
  private unwrap<O extends Operation>(outcome: TaskOutcome<O>) {
    if (!outcome.ok) {
      const f = outcome.failure;
      if (f.kind === 'unknown-entity') throw notFound(f.ids);
      throw badInput(f.field, f.message.replace(`${f.field}: `, ''));
    }
    this.entities.remember(outcome.named);
    return outcome.value;
  }

  private async run<O extends Operation>(op: O, args: Parameters<AnalysisPool['run']>[1] & object) {
    const { outcome, version } = await this.pool.run(op, args as never, this.signal);
    return { value: this.unwrap(outcome as TaskOutcome<O>), version };
  }

  /**
   * Runs `task` on impact inputs; when it is refused for an unknown id or a bad change
   * and some id of the inputs was merged away (mergeEntities), runs it again with the
   * survivors (issue 13: a saved scenario or a what-if naming an old id still answers).
   * The lookup costs nothing while every id is known.
   */
  private async withAliases<T>(inputs: ImpactArgs[], task: (inputs: ImpactArgs[]) => Promise<T>): Promise<T> {
    try {
      return await task(inputs);
    } catch (err) {
      const code = err instanceof GraphQLError ? err.extensions.code : undefined;
      if (code !== 'NOT_FOUND' && code !== 'BAD_USER_INPUT') throw err;
      const aliases = await resolveAliases(this.store, inputs.flatMap(impactIds));
      if (aliases.size === 0) throw err;
      return task(inputs.map((a) => withSurvivors(a, aliases)));
    }
  }

  /**
   * Runs `task` with the ids as given; when it is refused as NOT_FOUND and some of `ids`
   * was merged away, runs it again with each alias replaced by its survivor (issue 13:
   * `paths`, `shortestPath`, `neighborhood` through an old id). A survivor the reader
   * may not see is refused as the id asked was: unknown.
   */
  private async withIdAliases<T>(
    ids: readonly (string | null | undefined)[],
    task: (to: (id: string) => string) => Promise<T>,
  ): Promise<T> {
    try {
      return await task((id) => id);
    } catch (err) {
      if (!(err instanceof GraphQLError) || err.extensions.code !== 'NOT_FOUND') throw err;
      const aliases = await resolveAliases(
        this.store,
        ids.filter((id): id is string => typeof id === 'string'),
      );
      if (aliases.size === 0) throw err;
      try {
        return await task((id) => aliases.get(id) ?? id);
      } catch (again) {
        if (again instanceof GraphQLError && again.extensions.code === 'NOT_FOUND') throw err;
        throw again;
      }
    }
  }

  async impact(
    input: ImpactInput,
    argument = 'input',
    opts: { rows?: boolean; page?: AffectedPageRequest & { key: string } } = {},
  ): Promise<ImpactReportParent> {
    const asked = { ...impactArgs(input, argument), rows: opts.rows ?? true };
    return this.withAliases([asked], async ([args]) => {
      const v = await this.requireVisibleInput(args!);
      // A scoped reader's rows are redacted before they are paged: the whole list comes back.
      const page = opts.page && !v ? opts.page : undefined;
      const task = page
        ? {
            ...args!,
            page: { offset: page.offset, first: page.first, filter: page.filter, order: page.order },
          }
        : args!;
      const { value, version } = await this.run('impact', task);
      const report: ImpactReportParent = {
        ...(value as Omit<ImpactReportParent, 'graphVersion'>),
        graphVersion: String(version),
        ...(page ? { pageKey: page.key } : {}),
      };
      if (!v) return report;
      return { ...report, affected: redactAffected(v, report.affected), sectorAffected: report.affected };
    });
  }

  async compare(a: ScenarioRecord, b: ScenarioRecord): Promise<ComparedReports> {
    const args = (s: ScenarioRecord) =>
      impactArgs(
        { failed: s.failed, durationHours: s.durationHours, model: s.model, changes: s.changes },
        'scenario',
      );
    const { value, version } = await this.withAliases([args(a), args(b)], async ([ia, ib]) => {
      await this.requireVisibleInput(ia!);
      await this.requireVisibleInput(ib!);
      return this.run('compare', { a: ia!, b: ib! });
    });
    const r = value as { a: ImpactReportParent; b: ImpactReportParent; diff: ImpactComparison };
    const graphVersion = String(version);
    const v = await this.visibility();
    if (!v) return { a: { ...r.a, graphVersion }, b: { ...r.b, graphVersion }, diff: r.diff };
    // A scoped reader (issue 19): the affected entities and changed outcomes they see,
    // per organization their own only; function totals stay sector-wide.
    const redact = (x: ImpactReportParent) => ({
      ...x,
      affected: redactAffected(v, x.affected),
      sectorAffected: x.affected,
      graphVersion,
    });
    return {
      a: redact(r.a),
      b: redact(r.b),
      diff: {
        ...r.diff,
        changes: r.diff.changes.filter((c) => v.sees(c.id)),
        byOrganization: r.diff.byOrganization.filter(
          (o) => o.organizationId !== null && v.sees(o.organizationId),
        ),
      },
    };
  }

  async paths({ from: asked, toKinds, maxDepth, limit }: QueryPathsArgs): Promise<DependencyPath[]> {
    const rest = {
      toKinds: kindsOf(toKinds, ['WORKFLOW']),
      maxDepth: boundedInt('maxDepth', maxDepth, 6, 1, 12),
      limit: boundedInt('limit', limit, 100, 1, 1000),
    };
    return this.withIdAliases([asked], async (to) => {
      const from = to(asked);
      const v = await this.requireVisible([from]);
      const found = (await this.run('paths', { from, ...rest })).value as DependencyPath[];
      return v ? redactPaths(v, found) : found;
    });
  }

  async shortestPath({ from: a, to: b }: QueryShortestPathArgs) {
    return this.withIdAliases([a, b], async (to) => {
      const [from, target] = [to(a), to(b)];
      const v = await this.requireVisible([from, target]);
      const nodes = (await this.run('shortestPath', { from, to: target })).value as string[] | null;
      // The shortest path passing through another organization is not shown (nor its existence).
      if (!nodes || (v && !nodes.every((id) => v.sees(id)))) return null;
      return { nodes, length: nodes.length - 1 };
    });
  }

  async systemicRisk({ kinds, durationHours, first }: QuerySystemicRiskArgs): Promise<RankingParent[]> {
    const k = kindsOf(kinds, ['SUPPLIER']).sort();
    const n = boundedInt('first', first, 50, 1, MAX_RANKED);
    const hours = duration('durationHours', durationHours);
    let ranked: { value: RiskRanking[]; version: number };
    if (hours === undefined && k.length === 1 && k[0] === 'SUPPLIER') {
      // The dashboard's ranking: kept fresh in the background, answered at once even
      // when a write made it one version old (graphVersion says which).
      const { outcome, version } = await this.pool.defaultRanking();
      ranked = { value: this.unwrap(outcome) as RiskRanking[], version };
    } else {
      // Once per graph version and argument set, while it stays in the bounded cache.
      const { value, version } = await this.pool.derive(`risk:${k.join(',')}:${hours ?? 'inf'}`, (p) =>
        this.pool.rank(p, { kinds: k, durationHours: hours }, this.signal),
      );
      ranked = { value: this.unwrap(value) as RiskRanking[], version };
    }
    const graphVersion = String(ranked.version);
    // Scores stay sector-wide; a ranked workflow, asset or organization out of scope is left out.
    const v = await this.visibility();
    const rows = v ? ranked.value.filter((r) => v.sees(r.id)) : ranked.value;
    return rows.slice(0, n).map((r) => ({ ...r, graphVersion }));
  }

  async fourthPartyConcentration({ first }: QueryFourthPartyConcentrationArgs) {
    const n = boundedInt('first', first, 20, 1, MAX_CONCENTRATIONS);
    const { value } = await this.pool.derive('fourth-party', (p) =>
      this.pool.runOn(p, 'fourthParty', { first: MAX_CONCENTRATIONS }, this.signal),
    );
    return (this.unwrap(value) as ConcentrationEntry[]).slice(0, n);
  }

  /** A Cypher aggregate: Neo4j does the work, not the engine. */
  concentrationMatrix(): Promise<ConcentrationCell[]> {
    return concentrationMatrix(this.store);
  }

  async alternatives(args: QuerySinglePointsOfFailureArgs, singleOnly: boolean) {
    const n = boundedInt('first', args.first, 100, 1, 1000);
    for (const key of ['category', 'organizationType', 'organization', 'dependent'] as const) {
      const v = args[key];
      if (v != null && v.length > 200) throw badInput(key, 'at most 200 characters');
    }
    const given = [args.organization, args.dependent].filter((id): id is string => typeof id === 'string');
    const answer = (to: (id: string) => string) =>
      this.alternativeRows(
        {
          category: args.category,
          subsector: args.subsector,
          organizationType: args.organizationType,
          organization: args.organization == null ? args.organization : to(args.organization),
          dependent: args.dependent == null ? args.dependent : to(args.dependent),
          singleOnly,
        },
        n,
      );
    // A scoped reader's filter id the projection does not hold is NOT_FOUND: an alias is
    // then asked again as its survivor (withIdAliases).
    const rows = await this.withIdAliases(given, answer);
    if (rows.length > 0 || given.length === 0 || this.scope.restricted) return rows;
    // The engine's filters match nothing for an id it does not hold: a merged-away id
    // (issue 13) is asked again as its survivor. One alias read, only for an empty answer.
    const aliases = await resolveAliases(this.store, given);
    return aliases.size === 0 ? rows : answer((id) => aliases.get(id) ?? id);
  }

  private async alternativeRows(filter: AlternativesFilter, n: number) {
    const v = await this.requireVisible([filter.organization, filter.dependent]);
    const { value } = await this.pool.derive(`alternatives:${JSON.stringify(filter)}`, (p) =>
      this.pool.runOn(p, 'alternatives', filter, this.signal),
    );
    let rows = this.unwrap(value) as DependencyAlternatives[];
    // Another organization's dependencies are left out, and so is a dependency of the
    // reader's own on another organization's workflow or asset.
    if (v)
      rows = rows.filter(
        (r) =>
          v.sees(r.organizationId) &&
          v.sees(r.dependentId) &&
          v.sees(r.dependencyId) &&
          r.alternatives.every((id) => v.sees(id)),
      );
    return rows.slice(0, n);
  }

  async neighborhood({ id: asked, depth, direction, limit }: QueryNeighborhoodArgs) {
    const rest = {
      depth: boundedInt('depth', depth, 1, 1, 4),
      direction,
      limit: boundedInt('limit', limit, 200, 1, 5000),
    };
    return this.withIdAliases([asked], async (to) => {
      const id = to(asked);
      const v = await this.requireVisible([id]);
      const nb = (await this.run('neighborhood', { id, ...rest })).value as NeighborhoodResult;
      return v ? redactNeighborhood(v, nb) : nb;
    });
  }

  async overview(dimensions: OverviewDimension[]) {
    const { value, version } = await this.pool.derive(`overview:${dimensions.join(',')}`, (p) =>
      this.pool.runOn(p, 'overview', { dimensions }, this.signal),
    );
    const overview = this.unwrap(value) as Overview;
    const graphVersion = String(version);
    if (!this.scope.restricted) return { ...overview, graphVersion, withheldNodes: 0, withheldEdges: 0 };
    // Small-group protection (issue 19): the organizations behind each group, counted
    // once per projection and grouping on this thread.
    const counts = overviewCounts(await this.graph(), dimensions);
    return { ...redactOverview(overview, counts, this.scope.minGroup), graphVersion };
  }

  async overviewMembers(key: string, dimensions: OverviewDimension[]) {
    const { value } = await this.pool.derive(`overview-members:${dimensions.join(',')}:${key}`, (p) =>
      this.pool.runOn(p, 'overviewMembers', { key, dimensions }, this.signal),
    );
    const members = this.unwrap(value) as { id: string; links: number }[];
    // A scoped reader's own organizations' members and the catalogue's only.
    const v = await this.visibility();
    return v ? members.filter((m) => v.sees(m.id)) : members;
  }

  async directDependents(id: string) {
    await this.requireVisible([id]);
    return (await this.run('directDependents', { id })).value as number;
  }

  async duplicates(kinds: EntityKind[], minScore: number) {
    // Kept for the largest page, so paging by `first` reuses one computation.
    const { value } = await this.pool.derive(`duplicates:${kinds.join(',')}:${minScore}`, (p) =>
      this.pool.runOn(p, 'duplicates', { kinds, minScore, first: 500 }, this.signal),
    );
    const all = this.unwrap(value) as { ids: string[]; score: number; evidence: string[] }[];
    const v = await this.visibility();
    return v ? all.filter((c) => c.ids.every((id) => v.sees(id))) : all;
  }

  async mitigations(
    input: ImpactInput,
    options: {
      kinds?: readonly MitigationKind[] | null;
      first?: number | null;
      workaroundHours?: number | null;
      steps?: number | null;
    },
  ): Promise<Mitigation[]> {
    const hours = options.workaroundHours ?? DEFAULT_WORKAROUND_HOURS;
    if (!(Number.isFinite(hours) && hours > 0 && hours <= 8760))
      throw badInput('workaroundHours', 'must be a number of hours above 0, at most 8,760');
    const steps = options.steps === undefined ? null : boundedInt('steps', options.steps, 3, 1, 10);
    const first = boundedInt('first', options.first, 10, 1, 100);
    const args = {
      kinds: options.kinds?.length ? [...new Set(options.kinds)] : [],
      first,
      workaroundHours: hours,
      steps,
      // As many candidates as the price assumed on the current graph.
      candidates: mitigationCandidates(await this.pool.size(), input.model ?? IMPACT_DEFAULTS.model, steps),
    };
    return this.withAliases([impactArgs(input, 'input')], async ([impact]) => {
      const v = await this.requireVisibleInput(impact!);
      // A scoped reader (issue 19): only mitigations whose changes name what they see,
      // ranked among all (so asked for as many as may be listed); a plan stops before its
      // first step they may not see (the later steps assume it).
      const found = (
        await this.run(
          'mitigations',
          v ? { ...args, impact: impact!, first: 100 } : { ...args, impact: impact! },
        )
      ).value as Mitigation[];
      if (!v) return found;
      if (steps !== null) {
        const hidden = found.findIndex((m) => !mitigationVisible(v, m));
        return hidden < 0 ? found : found.slice(0, hidden);
      }
      return found.filter((m) => mitigationVisible(v, m)).slice(0, first);
    });
  }

  entity(id: string): Promise<EntityRecord> {
    return this.entities.ref(id);
  }

  async graph(): Promise<CompactGraph> {
    return (await this.pool.graph()).graph;
  }

  size(): Promise<ProjectionSize> {
    return this.pool.size();
  }
}
