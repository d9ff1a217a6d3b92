// GET /export/impact.csv: every row of an impact report, with the same filters and
// order as ImpactReport.affected, streamed in chunks (a 64k-row report never sits in
// one response body, and the event loop gets a turn between chunks). Authenticated
// and rate-limited like /graphql (app.ts mounts the same middleware), priced like an
// `impact` query and counted in the same per-user analysis gate. Text cells are
// formula-escaped as template exports are (packages/templates escapeFormula).
import { ENTITY_KINDS, SUBSECTORS, WORKFLOW_CATEGORIES } from '@smart/domain';
import type { ExplainedEntity } from '@smart/engine';
import type { Store } from '@smart/store';
import { type AnalysisPool, BUSY_RETRY_AFTER_SECONDS } from '../analysis/pool';
import { escapeFormula, type ReadLimits } from '@smart/templates';
import type { Request, RequestHandler, Response } from 'express';
import { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import type { Principal } from '../auth/tokens';
import { createContext } from '../context';
import { isStoreUnavailable } from '../errors';
import { affectedView } from '../resolvers/reports';
import { runImpact } from '../resolvers/impact';
import type { GraphChangeInput } from '../generated/resolvers';
import { auditRead } from '../security/read-audit';
import type { AnalysisGate } from '../security/analyses';
import { price } from '../security/cost';
import type { SecurityLimits } from '../security/limits';
import { sendError } from '../security/responses';
import type { AffectedFilter, AffectedOrder, AffectedSortField } from './affected';

/** Rows per chunk written before the event loop gets a turn. */
const CHUNK = 2000;

const SORT_FIELDS: readonly AffectedSortField[] = [
  'FAILED_AT',
  'DISRUPTED_AT',
  'TIME',
  'NAME',
  'KIND',
  'STATE',
  'DEPTH',
  'CRITICALITY',
];

/** A query parameter that cannot be read: answered 400 naming it. */
class ParameterError extends Error {
  constructor(
    readonly parameter: string,
    message: string,
  ) {
    super(`query parameter \`${parameter}\`: ${message}`);
  }
}

const values = (req: Request, name: string): string[] => {
  const v = req.query[name];
  return (Array.isArray(v) ? v : v === undefined ? [] : [v]).map(String);
};
/** A list parameter: repeated (`kinds=A&kinds=B`) or comma-separated. */
const all = (req: Request, name: string): string[] =>
  values(req, name)
    .flatMap((x) => x.split(','))
    .filter(Boolean);
const one = (req: Request, name: string): string | undefined => {
  const v = values(req, name);
  if (v.length > 1) throw new ParameterError(name, 'give it once');
  return v[0];
};
function oneOf<T extends string>(req: Request, name: string, allowed: readonly T[]): T[] | null {
  const v = all(req, name);
  for (const x of v)
    if (!allowed.includes(x as T))
      throw new ParameterError(name, `'${x}' is not one of ${allowed.join(', ')}`);
  return v.length ? (v as T[]) : null;
}
function numberOf(req: Request, name: string): number | null {
  const v = one(req, name);
  if (v === undefined) return null;
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n)) throw new ParameterError(name, `'${v}' is not a number`);
  return n;
}

// The fields of each GraphChangeInput member and their types, as the GraphQL schema checks them.
const CHANGE_FIELDS: Record<string, Record<string, { type: 'string' | 'number'; required: boolean }>> = {
  addDependency: {
    from: { type: 'string', required: true },
    to: { type: 'string', required: true },
    group: { type: 'string', required: false },
    strength: { type: 'number', required: false },
  },
  removeDependency: { from: { type: 'string', required: true }, to: { type: 'string', required: true } },
  setWorkflow: {
    id: { type: 'string', required: true },
    toleranceHours: { type: 'number', required: false },
    workaroundCapacity: { type: 'number', required: false },
  },
  unaffected: { id: { type: 'string', required: true } },
};

/** `input.changes` of the JSON input, its shape checked as GraphQL would (values are checked by the engine). */
function changesOf(value: unknown): GraphChangeInput[] | null {
  if (value === undefined || value === null) return null;
  if (!Array.isArray(value)) throw new ParameterError('input', 'changes must be a list of GraphChangeInput');
  return value.map((c: unknown, k: number) => {
    if (!c || typeof c !== 'object' || Array.isArray(c))
      throw new ParameterError('input', `changes[${k}] must be an object (GraphChangeInput)`);
    for (const [member, body] of Object.entries(c as Record<string, unknown>)) {
      const fields = CHANGE_FIELDS[member];
      if (!fields)
        throw new ParameterError(
          'input',
          `changes[${k}].${member} is not one of ${Object.keys(CHANGE_FIELDS).join(', ')}`,
        );
      if (body === null) continue;
      if (typeof body !== 'object' || Array.isArray(body))
        throw new ParameterError('input', `changes[${k}].${member} must be an object`);
      for (const [name, v] of Object.entries(body as Record<string, unknown>)) {
        const f = fields[name];
        if (!f)
          throw new ParameterError('input', `changes[${k}].${member}.${name} is not a field of ${member}`);
        if (v !== null && typeof v !== f.type)
          throw new ParameterError('input', `changes[${k}].${member}.${name} must be a ${f.type}`);
      }
      for (const [name, f] of Object.entries(fields))
        if (f.required && typeof (body as Record<string, unknown>)[name] !== f.type)
          throw new ParameterError('input', `changes[${k}].${member}.${name} is required (a ${f.type})`);
    }
    return c as GraphChangeInput;
  });
}

/** The report's input and the table's filters and order, from the query string. */
export function exportRequest(req: Request): {
  input: {
    failed: { id: string; inoperability?: number | null }[];
    durationHours?: number | null;
    model?: 'DISCRETE' | 'INOPERABILITY';
    changes?: GraphChangeInput[] | null;
  };
  filter: AffectedFilter;
  order: AffectedOrder;
} {
  const raw = one(req, 'input');
  if (raw === undefined)
    throw new ParameterError(
      'input',
      'required: the ImpactInput as JSON, e.g. {"failed":[{"id":"sup-x"}],"durationHours":72}',
    );
  let input: unknown;
  try {
    input = JSON.parse(raw);
  } catch {
    throw new ParameterError('input', 'is not JSON');
  }
  const i = input as Record<string, unknown>;
  if (!i || typeof i !== 'object' || !Array.isArray(i.failed))
    throw new ParameterError('input', 'must be an object with a `failed` list, as ImpactInput');
  const failed = i.failed.map((f: unknown, k: number) => {
    const e = f as Record<string, unknown>;
    if (!e || typeof e.id !== 'string')
      throw new ParameterError('input', `failed[${k}] must be an object with a string id`);
    if (e.inoperability !== undefined && e.inoperability !== null && typeof e.inoperability !== 'number')
      throw new ParameterError('input', `failed[${k}].inoperability must be a number`);
    return { id: e.id, inoperability: e.inoperability as number | null | undefined };
  });
  if (i.durationHours !== undefined && i.durationHours !== null && typeof i.durationHours !== 'number')
    throw new ParameterError(
      'input',
      'durationHours must be a number of hours, or null for an indefinite outage',
    );
  if (i.model !== undefined && i.model !== 'DISCRETE' && i.model !== 'INOPERABILITY')
    throw new ParameterError('input', 'model must be DISCRETE or INOPERABILITY');
  const from = numberOf(req, 'from');
  const to = numberOf(req, 'to');
  if ((from === null) !== (to === null))
    throw new ParameterError(from === null ? 'from' : 'to', 'give from and to together');
  const maxCriticality = numberOf(req, 'maxCriticality');
  const field = one(req, 'orderBy') ?? 'FAILED_AT';
  if (!SORT_FIELDS.includes(field as AffectedSortField))
    throw new ParameterError('orderBy', `'${field}' is not one of ${SORT_FIELDS.join(', ')}`);
  const direction = one(req, 'direction') ?? 'ASC';
  if (direction !== 'ASC' && direction !== 'DESC')
    throw new ParameterError('direction', 'must be ASC or DESC');
  return {
    input: {
      failed,
      durationHours: (i.durationHours as number | null | undefined) ?? null,
      model: i.model as 'DISCRETE' | 'INOPERABILITY' | undefined,
      changes: changesOf(i.changes),
    },
    filter: {
      states: oneOf(req, 'states', ['FAILED', 'DEGRADED'] as const),
      kinds: oneOf(req, 'kinds', ENTITY_KINDS),
      // Repeated only: a type may hold a comma.
      organizationTypes: values(req, 'organizationTypes').length ? values(req, 'organizationTypes') : null,
      subsectors: oneOf(req, 'subsectors', SUBSECTORS),
      workflowCategories: oneOf(req, 'workflowCategories', WORKFLOW_CATEGORIES),
      maxCriticality,
      failsWithin: from === null || to === null ? null : { from, to },
      search: one(req, 'search') ?? null,
    },
    order: { field: field as AffectedSortField, direction },
  };
}

/** One CSV cell (RFC 4180): text formula-escaped, quoted when it holds a quote, comma or line end. */
export function csvCell(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : escapeFormula(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const CSV_COLUMNS = [
  'id',
  'name',
  'organization',
  'kind',
  'state',
  'disrupted_at_hours',
  'failed_at_hours',
  'inoperability',
  'because',
  'reason',
] as const;

const waitDrain = (res: Response) =>
  new Promise<void>((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

const STATUS: Record<string, number> = { BAD_USER_INPUT: 400, NOT_FOUND: 404, SERVICE_UNAVAILABLE: 503 };

export function impactCsvExport(opts: {
  store: Store;
  log: Logger;
  analysis: AnalysisPool;
  limits: SecurityLimits;
  templateLimits: ReadLimits;
  gate: AnalysisGate;
}): RequestHandler {
  const { store, log, analysis, limits, gate } = opts;
  return async (req, res) => {
    if (res.locals.authError) {
      sendError(res, 503, 'SERVICE_UNAVAILABLE', 'the database is unavailable; try again shortly');
      return;
    }
    const principal = (res.locals.principal as Principal | null | undefined) ?? null;
    if (!principal) {
      sendError(res, 401, 'UNAUTHENTICATED', 'sign in first: the export needs a session or a bearer token');
      return;
    }
    let ask: ReturnType<typeof exportRequest>;
    try {
      ask = exportRequest(req);
    } catch (err) {
      if (err instanceof ParameterError) {
        sendError(res, 400, 'BAD_USER_INPUT', err.message);
        return;
      }
      throw err;
    }
    const release = await gate.enter(principal.username);
    if (!release) {
      res.setHeader('retry-after', String(BUSY_RETRY_AFTER_SECONDS));
      sendError(
        res,
        429,
        'BUSY',
        `you already run ${gate.perUser} analyses at once; wait for one to finish and try again`,
      );
      return;
    }
    res.on('close', release);
    try {
      const stop = new AbortController();
      res.on('close', () => stop.abort());
      const ctx = createContext({
        principal,
        store,
        log,
        pool: analysis,
        signal: stop.signal,
        templateLimits: opts.templateLimits,
      });
      const size = await analysis.size();
      const priced = price(
        [{ path: ['export'], key: 'Query.impact', args: {}, times: 1, perScenario: null }],
        size,
        0,
      );
      if (priced.total > limits.maxAnalysisCost) {
        sendError(
          res,
          400,
          'ANALYSIS_COST_EXCEEDED',
          `this report costs ${Math.ceil(priced.total)}, the limit is ${limits.maxAnalysisCost}`,
        );
        return;
      }
      const report = await runImpact(ctx, ask.input, 'input');
      const { graph, rows } = await affectedView(report, ctx, ask.filter, ask.order);
      // Every export leaves the system: audited, scoped readers' too (issue 19).
      await auditRead(
        ctx,
        report,
        'read-export',
        null,
        { input: ask.input, rows: rows.length },
        { scopedToo: true },
      );
      const ids = ask.input.failed
        .map((f) => f.id)
        .join('+')
        .replace(/[^\w.+-]/g, '_')
        .slice(0, 80);
      res.status(200);
      res.setHeader('content-type', 'text/csv; charset=utf-8');
      res.setHeader('content-disposition', `attachment; filename="impact-${ids}.csv"`);
      res.setHeader('x-total-count', String(rows.length));
      res.setHeader('x-graph-version', report.graphVersion);
      res.write(`${CSV_COLUMNS.join(',')}\r\n`);
      for (let start = 0; start < rows.length; start += CHUNK) {
        if (res.destroyed) return; // the client went away: stop
        let text = '';
        for (const r of rows.slice(start, start + CHUNK)) {
          const e = r.entity as ExplainedEntity;
          const org = r.organization >= 0 && r.organization !== r.index ? graph.names[r.organization]! : '';
          text += `${[
            csvCell(e.id),
            csvCell(r.name),
            csvCell(org),
            e.kind,
            e.state,
            csvCell(e.disruptedAtHours),
            csvCell(e.failedAtHours),
            csvCell(e.inoperability),
            // A path cut for a scoped reader (issue 19) ends with … where another organization begins.
            csvCell(e.because.join(' > ') + ((e as { cutAtBoundary?: boolean }).cutAtBoundary ? ' > …' : '')),
            csvCell(e.reasonText ?? ''),
          ].join(',')}\r\n`;
        }
        if (!res.write(text)) await waitDrain(res);
        await turn();
      }
      res.end();
    } catch (err) {
      if (res.headersSent) {
        log.error({ err }, 'impact CSV export failed while streaming');
        res.destroy(err as Error);
        return;
      }
      if (isStoreUnavailable(err)) {
        sendError(res, 503, 'SERVICE_UNAVAILABLE', 'the database is unavailable; try again shortly');
        return;
      }
      if (err instanceof GraphQLError) {
        const code = String(err.extensions.code ?? 'BAD_USER_INPUT');
        // The status and headers the error carries for GraphQL (BUSY: 503 and Retry-After).
        const http = err.extensions.http as { status?: number; headers?: Map<string, string> } | undefined;
        for (const [name, value] of http?.headers ?? []) res.setHeader(name, value);
        sendError(res, http?.status ?? STATUS[code] ?? 400, code, err.message);
        return;
      }
      throw err;
    }
  };
}
