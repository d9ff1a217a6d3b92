// incidents.graphql: declared incidents, stored in Neo4j (audited), and each one's
// picture at a moment — the impact report of its failed set over its duration (one
// simulation in the worker pool, as `impact`), cut at the moment by ../reports/incident.
import { IMPACT_DEFAULTS } from '@smart/engine';
import type { IncidentFields, IncidentRecord } from '@smart/store';
import {
  type Incident as LibraryEntry,
  INCIDENTS,
  backtest,
  backtestLines,
  demoEcosystem,
  demoFigure,
} from '@smart/seed';
import { GraphQLError } from 'graphql';
import type { ImpactReportParent } from '../analysis/service';
import { signedIn } from '../auth/roles';
import { MAX_INCIDENTS_LISTED } from '../backends/incidents';
import type { Context } from '../context';
import type { IncidentInput, Resolvers } from '../generated/resolvers';
import { type IncidentPicture, type IncidentWindowParent, incidentPicture } from '../reports/incident';
import { badInput, boundedInt, duration } from './failures';
import { runImpact } from './impact';
import { withInput } from './reports';

export type IncidentReportParent = IncidentPicture & {
  hoursElapsed: number;
  at: string;
  durationHours: number | null;
  overrun: boolean;
  impact: ImpactReportParent;
  graphVersion: string;
};
export type FailingNextParent = IncidentWindowParent[];

const HOUR_MS = 3_600_000;
/** A declared start may be this far ahead of the server's clock (clock skew), no more. */
const CLOCK_SKEW_MS = 5 * 60_000;

/** An ISO 8601 instant with a time zone, normalised to UTC; else BAD_USER_INPUT naming `argument`. */
export function instant(argument: string, value: string): string {
  const v = value.trim();
  const ms = Date.parse(v);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(v) || !/(Z|[+-]\d{2}:?\d{2})$/i.test(v) || Number.isNaN(ms))
    throw badInput(
      argument,
      `'${value}' is not an ISO 8601 time with a time zone, e.g. 2024-02-21T08:00:00Z`,
    );
  return new Date(ms).toISOString();
}

/** The input checked and normalised (ids are checked by a simulation, in the resolver). */
function fieldsOf(input: IncidentInput, now: number): IncidentFields {
  const name = input.name.trim();
  if (!name || name.length > 200) throw badInput('input.name', 'a name of 1 to 200 characters is required');
  if (input.failed.length === 0) throw badInput('input.failed', 'name at least one failed entity');
  if (input.failed.length > 1000) throw badInput('input.failed', 'at most 1000 entities');
  const startedAt = instant('input.startedAt', input.startedAt);
  if (Date.parse(startedAt) > now + CLOCK_SKEW_MS)
    throw badInput(
      'input.startedAt',
      `${startedAt} is in the future; an incident is declared once it has started`,
    );
  const hours = duration('input.expectedDurationHours', input.expectedDurationHours);
  const note = input.note?.trim() || null;
  if (note && note.length > 2000) throw badInput('input.note', 'at most 2,000 characters');
  return {
    name,
    failed: input.failed.map((f) => ({
      id: f.id,
      inoperability: f.inoperability ?? IMPACT_DEFAULTS.inoperability,
    })),
    startedAt,
    expectedDurationHours: hours ?? null,
    note,
  };
}

/** The simulation input of an incident: its failed set over its expected (or, closed, actual) length. */
export function incidentImpactInput(
  i: Pick<IncidentRecord, 'failed' | 'startedAt' | 'expectedDurationHours' | 'endedAt'>,
) {
  const durationHours =
    i.endedAt !== null
      ? (Date.parse(i.endedAt) - Date.parse(i.startedAt)) / HOUR_MS
      : i.expectedDurationHours;
  return { failed: i.failed.map((f) => ({ id: f.id })), durationHours, model: 'DISCRETE' as const };
}

/** Runs the incident's simulation once to check its ids: an unknown one is bad input naming the field. */
async function checkIds(ctx: Context, fields: IncidentFields): Promise<void> {
  try {
    await runImpact(ctx, incidentImpactInput({ ...fields, endedAt: null }), 'input');
  } catch (e) {
    const ids = e instanceof GraphQLError && e.extensions.code === 'NOT_FOUND' ? e.extensions.ids : null;
    if (Array.isArray(ids))
      throw badInput('input.failed', `no entity has id ${ids.map((id) => `'${id}'`).join(', ')}`);
    throw e;
  }
}

function notFoundIncident(id: string): GraphQLError {
  return new GraphQLError(`id: no incident has id '${id}'`, {
    extensions: { code: 'NOT_FOUND', argument: 'id' },
  });
}

async function reportOf(
  i: IncidentRecord,
  args: { now?: string | null; hoursElapsed?: number | null },
  ctx: Context,
): Promise<IncidentReportParent> {
  const start = Date.parse(i.startedAt);
  let elapsed: number;
  if (args.hoursElapsed !== null && args.hoursElapsed !== undefined) {
    if (!Number.isFinite(args.hoursElapsed) || args.hoursElapsed < 0 || args.hoursElapsed > 87_600)
      throw badInput('hoursElapsed', 'must be a number of hours from 0 to 87,600');
    elapsed = args.hoursElapsed;
  } else {
    const at = args.now
      ? Date.parse(instant('now', args.now))
      : i.endedAt !== null
        ? Date.parse(i.endedAt)
        : Date.now();
    if (at < start) throw badInput('now', `is before the incident's start (${i.startedAt})`);
    elapsed = (at - start) / HOUR_MS;
  }
  const input = incidentImpactInput(i);
  const impact = withInput(await runImpact(ctx, input, 'incident'), input);
  const graph = await ctx.analysis.graph();
  return {
    ...incidentPicture(graph, impact.affected, elapsed),
    hoursElapsed: elapsed,
    at: new Date(start + elapsed * HOUR_MS).toISOString(),
    durationHours: input.durationHours ?? null,
    overrun: i.status === 'OPEN' && i.expectedDurationHours !== null && elapsed > i.expectedDurationHours,
    impact,
    graphVersion: impact.graphVersion,
  };
}

/** The library with its demo figures: computed once per process (the demo map is fixed). */
let library: { entry: LibraryEntry; figures: { demo: string | null }[]; demoFigures: string[] }[] | undefined;
function libraryFigures() {
  if (!library) {
    const t = demoEcosystem();
    library = INCIDENTS.map((entry) => {
      const f = backtest(t, entry);
      return {
        entry,
        figures: entry.publicFigures.map((p) => ({ demo: demoFigure(p.demo, f) })),
        demoFigures: backtestLines(f),
      };
    });
  }
  return library;
}

const first = (n: number | null | undefined) => boundedInt('first', n, 100, 1, 1000);

export const incidentResolvers: Resolvers = {
  Incident: { report: (i, args, ctx) => reportOf(i, args, ctx) },
  IncidentSlice: {
    count: (s) => s.entities.length,
    entities: (s, { first: n }) => s.entities.slice(0, first(n)),
  },
  IncidentWindow: {
    workflows: (w) => w.entities.length,
    entities: (w, { first: n }) => w.entities.slice(0, first(n)),
  },
  FailingNext: {
    within6h: (w) => w.find((x) => x.hours === 6)!,
    within12h: (w) => w.find((x) => x.hours === 12)!,
    within24h: (w) => w.find((x) => x.hours === 24)!,
    within72h: (w) => w.find((x) => x.hours === 72)!,
  },
  IncidentCall: { organization: (c, _a, ctx) => ctx.analysis.entity(c.organizationId) },
  IncidentReport: {
    callList: (r, { first: n }) => r.callList.slice(0, first(n)),
    callCount: (r) => r.callList.length,
  },
  Query: {
    incidents: (_r, { first: n }, ctx) =>
      ctx.incidentRepository.list(boundedInt('first', n, 100, 1, MAX_INCIDENTS_LISTED)),
    incident: (_r, { id }, ctx) => ctx.incidentRepository.byId(id),
    incidentLibrary: async (_r, _a, ctx) => {
      const graph = await ctx.analysis.graph();
      return libraryFigures().map(({ entry, figures, demoFigures }) => ({
        id: entry.id,
        title: entry.title,
        modelledOn: entry.modelledOn,
        failed: [...entry.failed],
        durationHours: entry.durationHours,
        figures: entry.publicFigures.map((p, i) => ({
          what: p.what,
          value: p.value,
          source: p.source,
          demo: figures[i]!.demo,
          notModelled: p.demo === null ? (p.notModelled ?? null) : null,
        })),
        demoFigures,
        available: entry.failed.every((id) => graph.indexOf(id) >= 0),
      }));
    },
  },
  Mutation: {
    declareIncident: async (_r, { input }, ctx) => {
      const who = signedIn(ctx.principal);
      const fields = fieldsOf(input, Date.now());
      await checkIds(ctx, fields);
      return ctx.incidentRepository.declare(fields, who.username);
    },
    updateIncident: async (_r, { id, input }, ctx) => {
      const who = signedIn(ctx.principal);
      const fields = fieldsOf(input, Date.now());
      const current = await ctx.incidentRepository.byId(id);
      if (!current) throw notFoundIncident(id);
      await checkIds(ctx, fields);
      const updated = await ctx.incidentRepository.update(id, fields, who.username);
      if (!updated) throw notFoundIncident(id);
      return updated;
    },
    closeIncident: async (_r, { id, endedAt }, ctx) => {
      const who = signedIn(ctx.principal);
      const end = instant('endedAt', endedAt);
      const current = await ctx.incidentRepository.byId(id);
      if (!current) throw notFoundIncident(id);
      if (Date.parse(end) <= Date.parse(current.startedAt))
        throw badInput('endedAt', `${end} is not after the incident's start (${current.startedAt})`);
      if (Date.parse(end) > Date.now() + CLOCK_SKEW_MS)
        throw badInput('endedAt', `${end} is in the future; close an incident once it is over`);
      const closed = await ctx.incidentRepository.close(id, end, who.username);
      if (!closed) throw notFoundIncident(id);
      return closed;
    },
  },
};
