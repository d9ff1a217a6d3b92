// reports.graphql: the report's tables, one page at a time: ImpactReport.affected and
// ImpactReport.organizations (connections), and ImpactReport.timeline. They read the
// report that runImpact returned; filtering, ordering and paging are the pure
// functions of ../reports.
import type { CompactGraph, ImpactedEntity } from '@smart/engine';
import type { Context } from '../context';
import type { ImpactReportAffectedArgs, Resolvers } from '../generated/resolvers';
import {
  type AffectedFilter,
  type AffectedOrder,
  type AffectedRow,
  DEFAULT_AFFECTED_ORDER,
  affectedRows,
  filterAffected,
  sortAffected,
} from '../reports/affected';
import {
  DEFAULT_ORGANIZATION_ORDER,
  type OrganizationFilter,
  type OrganizationOrder,
  organizationRows,
  organizationTypes,
  sortOrganizations,
} from '../reports/organizations';
import { cursorOffset, decodeCursor, encodeCursor, fingerprint, pageOf, pageSize } from '../reports/paging';
import { timelineSeries } from '../reports/timeline';
import { auditRead } from '../security/read-audit';
import { badInput } from './failures';
import type { ImpactReportParent } from '../analysis/service';
import type { AffectedPageRequest } from '../analysis/protocol';

/** A report with the input it answers (cursors name it: one from another input is refused). */
export type ReportWithInput = ImpactReportParent & { input?: unknown };

/** Tags a report with its input (Query.impact, Scenario.report). */
export function withInput<T extends ImpactReportParent>(report: T, input: unknown): T & { input: unknown } {
  return Object.assign(report, { input });
}

// Per report (one per request and field path): its rows with names, built once even
// when a request asks for several pages or both tables.
const views = new WeakMap<ImpactReportParent, { graph: CompactGraph; rows: AffectedRow[] }>();

async function viewOf(report: ImpactReportParent, ctx: Context) {
  let view = views.get(report);
  if (!view) {
    // The projection the report ran on (or a newer one when the graph moved meanwhile:
    // an id it lost is shown by its id, with no organization).
    const graph = await ctx.analysis.graph();
    const rows = affectedRows(graph, report.affected);
    // An `unaffected` what-if change cut these from their organization, as the edit would.
    if (report.detached?.length) {
      const detached = new Set(report.detached);
      for (const r of rows) if (detached.has(r.entity.id)) r.organization = -1;
    }
    view = { graph, rows };
    views.set(report, view);
  }
  return view;
}

export function checkWindow(argument: string, w: { from: number; to: number } | null | undefined): void {
  if (!w) return;
  if (!Number.isFinite(w.from) || !Number.isFinite(w.to) || w.from < 0 || w.to < w.from)
    throw badInput(argument, 'from and to are hours into the outage, with 0 ≤ from ≤ to');
}

/** The affected rows of a report under a filter and an order (also the CSV export's rows). */
export async function affectedView(
  report: ImpactReportParent,
  ctx: Context,
  filter: AffectedFilter,
  order: AffectedOrder = DEFAULT_AFFECTED_ORDER,
): Promise<{ graph: CompactGraph; rows: AffectedRow[] }> {
  checkFilter(filter);
  const { graph, rows } = await viewOf(report, ctx);
  return { graph, rows: sortAffected(filterAffected(graph, rows, filter), order, graph) };
}

/** A sector-wide affected list is a sensitive read (issue 19): audited once per report and request. */
const auditReport = (ctx: Context, report: ReportWithInput) =>
  auditRead(ctx, report, 'read-affected', null, {
    input: report.input ?? null,
    graphVersion: report.graphVersion,
    affected: report.page?.affectedCount ?? report.affected.length,
  });

/** What a cursor is bound to: the report's input, the filters and the order. */
const keyOf = (report: ReportWithInput, args: Record<string, unknown>) => {
  const { first: _f, after: _a, ...rest } = args;
  return fingerprint({ input: report.input ?? null, ...rest });
};

type AffectedArgs = ImpactReportAffectedArgs;

const filterOf = (args: AffectedArgs): AffectedFilter => ({
  states: args.states,
  kinds: args.kinds,
  organizationTypes: args.organizationTypes,
  subsectors: args.subsectors,
  workflowCategories: args.workflowCategories,
  maxCriticality: args.maxCriticality,
  failsWithin: args.failsWithin,
  search: args.search,
  ids: args.ids,
});

const orderOf = (args: AffectedArgs): AffectedOrder =>
  args.orderBy ? { field: args.orderBy.field, direction: args.orderBy.direction } : DEFAULT_AFFECTED_ORDER;

/**
 * The page of `affected` a request reads, for the worker to filter, order and explain
 * alone (`Query.impact`); null when any argument is one the resolver below would refuse,
 * so the refusal comes from it, with its path. The cursor's graph version is checked by
 * the resolver once the report's version is known.
 */
export function affectedPageRequest(
  input: unknown,
  args: AffectedArgs,
): (AffectedPageRequest & { key: string }) | null {
  try {
    const first = pageSize(args.first);
    checkFilter(filterOf(args));
    const key = keyOf({ input } as ReportWithInput, args as Record<string, unknown>);
    const offset = cursorOffset(args.after, key);
    if (offset === null) return null;
    return { offset, first, filter: filterOf(args), order: orderOf(args), key };
  } catch {
    return null;
  }
}

function checkFilter(filter: AffectedFilter): void {
  checkWindow('failsWithin', filter.failsWithin);
  if (filter.maxCriticality != null && !(filter.maxCriticality >= 1 && filter.maxCriticality <= 5))
    throw badInput('maxCriticality', 'must be from 1 (most critical) to 5');
}

export const reportResolvers: Resolvers = {
  ImpactReport: {
    affected: async (report, args, ctx) => {
      await auditReport(ctx, report);
      const first = pageSize(args.first);
      const key = keyOf(report, args);
      const offset = decodeCursor(args.after, report.graphVersion, key);
      if (report.page && report.pageKey === key) {
        // The worker filtered, ordered and explained this page alone (Query.impact).
        checkFilter(filterOf(args));
        const { page } = report;
        const edges = report.affected.map((node, i) => ({
          cursor: encodeCursor(report.graphVersion, key, page.offset + i + 1),
          node,
        }));
        if (page.offset !== Math.min(offset, page.total) || edges.length > first)
          throw new Error('a paged impact report does not hold the page asked for');
        return {
          totalCount: page.total,
          edges,
          pageInfo: {
            hasNextPage: page.offset + edges.length < page.total,
            endCursor: edges.length ? edges[edges.length - 1]!.cursor : null,
          },
        };
      }
      const { rows } = await affectedView(report, ctx, filterOf(args), orderOf(args));
      return pageOf<AffectedRow, ImpactedEntity>(
        rows,
        offset,
        first,
        report.graphVersion,
        key,
        (r) => r.entity,
      );
    },
    organizations: async (report, args, ctx) => {
      await auditReport(ctx, report);
      const first = pageSize(args.first);
      const key = keyOf(report, args);
      const offset = decodeCursor(args.after, report.graphVersion, key);
      checkWindow('failsWithin', args.failsWithin);
      const { graph, rows } = await viewOf(report, ctx);
      const filter: OrganizationFilter = {
        types: args.types,
        subsectors: args.subsectors,
        workflowCategories: args.workflowCategories,
        failsWithin: args.failsWithin,
        search: args.search,
      };
      const order: OrganizationOrder = args.orderBy
        ? { field: args.orderBy.field, direction: args.orderBy.direction }
        : DEFAULT_ORGANIZATION_ORDER;
      const all = organizationRows(graph, rows);
      const listed = sortOrganizations(organizationRows(graph, rows, filter), order);
      return {
        ...pageOf(listed, offset, first, report.graphVersion, key, (r) => r),
        types: organizationTypes(all),
      };
    },
    timeline: (report) => timelineSeries(report.affected),
  },
  OrganizationImpact: {
    organization: (o, _a, ctx) => ctx.entities.ref(o.id),
    criticalFunctionsHit: (o) => o.criticalFunctions.length,
    criticalFunctions: (o, _a, ctx) => o.criticalFunctions.map((id) => ctx.entities.ref(id)),
  },
};
