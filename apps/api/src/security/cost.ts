// Prices analyses by the work behind them, before any of it runs. One `systemicRisk`
// is cheap to ask for and costly to answer: it simulates the failure of every
// candidate of the requested kinds, each over a graph of V entities and E links. So
// each field costs a fixed overhead plus its work on the *current* projection
// (candidates of each kind × (V + E)), a list of saved scenarios costs one simulation
// per scenario listed, aliases add up, and an operation over the budget is refused
// with the costliest fields named. graphql-armor's cost rule bounds the shape of a
// query; this bounds the work behind it. The weights were measured with the engine
// on generated ecosystems (docs/benchmarks.md sizes S and M).
import type { EntityKind } from '@smart/domain';
import type { ProjectionSize } from '@smart/store';
import { MAX_SCENARIOS_LISTED } from '../backends/scenarios';
import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  GraphQLError,
  type GraphQLNamedType,
  type GraphQLType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';

// Duck-typed rather than isObjectType()/getNamedType(): the schema may come from
// another copy of graphql-js (Apollo's), which graphql's instanceof checks reject.
type FieldDef = { type: GraphQLType; args?: readonly { name: string; defaultValue?: unknown }[] };
type WithFields = { name: string; getFields(): Record<string, FieldDef> };
type SchemaLike = {
  getType(name: string): unknown;
  getQueryType(): unknown;
  getMutationType(): unknown;
  getSubscriptionType(): unknown;
};
function hasFields(t: unknown): t is WithFields {
  return !!t && typeof (t as { getFields?: unknown }).getFields === 'function';
}
function namedType(t: GraphQLType): GraphQLNamedType {
  let cur = t as GraphQLType & { ofType?: GraphQLType };
  while (cur.ofType) cur = cur.ofType as GraphQLType & { ofType?: GraphQLType };
  return cur as GraphQLNamedType;
}
function isList(t: GraphQLType): boolean {
  // "[Scenario!]!" — the printed type, whichever copy of graphql-js built it.
  return String(t).startsWith('[');
}

/** Overhead of a field whatever the graph (resolution, reads, the answer's size). Keyed by `Type.field`. */
export const FIELD_WEIGHTS: Record<string, number> = {
  'Query.impact': 50,
  'Query.mitigations': 50,
  'Query.plan': 50,
  'Query.paths': 50,
  'Query.shortestPath': 20,
  'Query.systemicRisk': 20,
  'Query.fourthPartyConcentration': 50,
  'Query.concentrationMatrix': 50,
  'Query.concentrationOrganizations': 20,
  'Query.compareScenarios': 100,
  'Query.neighborhood': 10,
  'Query.search': 2,
  'Query.searchHits': 2,
  // one pass over the projection per new filter (cached per graph version)
  'Query.singlePointsOfFailure': 50,
  'Query.dependencyAlternatives': 50,
  // one pass over the projection per grouping (cached per graph version), then paged
  'Query.sectorOverview': 50,
  'Query.overviewMembers': 50,
  // one pass over the names of the kinds asked for (cached per graph version)
  'Query.duplicateCandidates': 50,
  // six label scans in Neo4j
  'Query.dataQuality': 20,
  'Query.dependents': 2,
  'Query.directDependents': 1,
  'Query.dependencies': 1,
  'Query.stats': 1,
  'Query.auditEvents': 2,
  'Query.auditLog': 2,
  'Scenario.report': 50,
  // an incident's picture: one simulation, then rows resolved per `first` (ROW_WEIGHT)
  'Incident.report': 50,
  'IncidentSlice.entities': 1,
  'IncidentWindow.entities': 1,
  'IncidentReport.callList': 1,
  // a page of a report's table: its rows (by `first`, see ROW_WEIGHT) on top of the report
  'ImpactReport.affected': 1,
  'ImpactReport.organizations': 1,
  'Mutation.saveScenario': 50,
  // checked by running the incident's simulation once (unknown ids refused before saving)
  'Mutation.declareIncident': 50,
  'Mutation.updateIncident': 50,
  'Mutation.importTemplate': 100,
  'Mutation.createUser': 20,
  'Mutation.setUserPassword': 20,
};

/** Graph elements (entities + links) per size unit: work weights are per 100,000 elements. */
export const SIZE_UNIT = 100_000;

/** One full simulation (an impact report) per size unit. */
export const SIMULATION_WEIGHT = 10;

/**
 * systemicRisk simulates each candidate alone; the work per candidate depends on its
 * kind (a supplier or a service reaches much of the sector, a workflow little). Per
 * candidate and size unit, measured: at size M a supplier's run took ~100× a workflow's.
 */
export const RANKING_WEIGHTS: Record<EntityKind, number> = {
  SUPPLIER: 0.02,
  SERVICE: 0.012,
  ORGANIZATION: 0.0002,
  ASSET: 0.0002,
  WORKFLOW: 0.0002,
  CRITICAL_FUNCTION: 0.0002,
};

/**
 * Per row a report's page asks for (`first`): resolving its entity and causal path.
 * 1,000 rows (the page limit) cost as much as one impact's overhead.
 */
export const ROW_WEIGHT = 0.05;

/**
 * Cost units one mitigation ranking (or a whole plan) may spend on simulations: the
 * number of candidates it simulates shrinks as the graph grows (40 on the demo and at
 * S, 31 at M, 3 at L), so its price stays within the limit for one analysis (1,000 by
 * default, with the field's overhead).
 */
export const MITIGATION_BUDGET = 900;

/**
 * One candidate of a ranking in the discrete model, per size unit: a propagation and
 * its totals on the shared graph, with no report and no copy of the graph (engine
 * `discreteTotals`). Measured at size M: 0.4 of an impact report.
 */
export const CANDIDATE_WEIGHT = 4;

/** The inoperability model simulates each candidate on a copy of the graph: a copy and a report. */
const COPIED_CANDIDATE_WEIGHT = 2 * SIMULATION_WEIGHT;

const candidateWeight = (model: unknown) =>
  model === 'INOPERABILITY' ? COPIED_CANDIDATE_WEIGHT : CANDIDATE_WEIGHT;

/** Full simulations besides the candidates: the baseline, and per plan step a copy and the cumulative report. */
const fixedSimulations = (steps: number | null) => (steps === null ? 1 : 3);

/**
 * Candidates a mitigation ranking (steps null) or each step of a plan simulates on a
 * graph of this size, for the model asked for (the service passes it, cost prices it):
 * what the budget leaves after the fixed simulations, shared among the steps.
 */
export function mitigationCandidates(
  size: Pick<ProjectionSize, 'entities' | 'links'>,
  model: unknown = 'DISCRETE',
  steps: number | null = null,
): number {
  const units = Math.max((size.entities + size.links) / SIZE_UNIT, 1e-9);
  const left = MITIGATION_BUDGET / (steps ?? 1) - fixedSimulations(steps) * SIMULATION_WEIGHT * units;
  return Math.max(3, Math.min(40, Math.floor(left / (candidateWeight(model) * units))));
}

/** fourthPartyConcentration walks the service layer from each supplier and service. */
export const CONCENTRATION_WEIGHT = 0.005;

/** What the walk found: one priced field, with its arguments and how many times it runs. */
export interface Demand {
  /** The response path of the field (aliases, as the client named them). */
  path: string[];
  /** `Type.field`. */
  key: string;
  args: Record<string, unknown>;
  /** Times it runs because of enclosing lists other than `scenarios`. */
  times: number;
  /** Set when inside `scenarios(first)`: runs once per scenario listed. */
  perScenario: number | null;
}

/** Fields whose cost depends on the graph: the analyses, which the concurrency limit counts. */
const WORK_FIELDS = new Set([
  'Query.impact',
  'Query.mitigations',
  'Query.plan',
  'Query.paths',
  'Query.shortestPath',
  'Query.systemicRisk',
  'Query.fourthPartyConcentration',
  'Query.concentrationMatrix',
  'Query.concentrationOrganizations',
  'Query.compareScenarios',
  'Scenario.report',
  'Mutation.saveScenario',
  'Incident.report',
  'Mutation.declareIncident',
  'Mutation.updateIncident',
]);

export const isAnalysis = (d: Demand) => WORK_FIELDS.has(d.key);

function literal(value: ValueNode, variables: Record<string, unknown>): unknown {
  switch (value.kind) {
    case Kind.VARIABLE:
      return variables[value.name.value];
    case Kind.INT:
      return Number.parseInt(value.value, 10);
    case Kind.FLOAT:
      return Number.parseFloat(value.value);
    case Kind.STRING:
    case Kind.ENUM:
      return value.value;
    case Kind.BOOLEAN:
      return value.value;
    case Kind.NULL:
      return null;
    case Kind.LIST:
      return value.values.map((v) => literal(v, variables));
    case Kind.OBJECT:
      return Object.fromEntries(value.fields.map((f) => [f.name.value, literal(f.value, variables)]));
  }
}

/** Arguments as the resolver will see them: literals, variables, else the schema default. */
function argumentsOf(
  field: FieldNode,
  def: FieldDef | undefined,
  variables: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const a of def?.args ?? []) if (a.defaultValue !== undefined) out[a.name] = a.defaultValue;
  for (const a of field.arguments ?? []) {
    const v = literal(a.value, variables);
    if (v !== undefined) out[a.name.value] = v;
  }
  return out;
}

/** Every priced field of the operation (through fragments), with its arguments. */
export function demandsOf(
  schema: SchemaLike,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> = {},
): Demand[] {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions)
    if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const out: Demand[] = [];
  const walk = (
    selectionSet: SelectionSetNode,
    type: unknown,
    path: string[],
    times: number,
    perScenario: number | null,
    seen: Set<string>,
  ) => {
    for (const sel of selectionSet.selections) {
      if (sel.kind === Kind.FIELD) {
        const parent = hasFields(type) ? type : undefined;
        const def = parent?.getFields()[sel.name.value];
        const key = `${parent?.name ?? '?'}.${sel.name.value}`;
        const here = [...path, sel.alias?.value ?? sel.name.value];
        const args = argumentsOf(sel, def, variables);
        if (FIELD_WEIGHTS[key] !== undefined) out.push({ path: here, key, args, times, perScenario });
        if (!sel.selectionSet || !def) continue;
        let childTimes = times;
        let childPerScenario = perScenario;
        // An explicit null lists the most (the resolver's default).
        if (key === 'Query.scenarios') childPerScenario = positiveInt(args.first, MAX_SCENARIOS_LISTED);
        else if (isList(def.type)) childTimes *= positiveInt(args.first ?? args.limit, 1);
        walk(sel.selectionSet, namedType(def.type), here, childTimes, childPerScenario, seen);
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        const cond = sel.typeCondition ? schema.getType(sel.typeCondition.name.value) : type;
        walk(sel.selectionSet, cond ?? type, path, times, perScenario, seen);
      } else {
        const name = sel.name.value;
        const fragment = fragments.get(name);
        if (seen.has(name) || !fragment) continue; // a cycle or unknown: validation reports it
        const cond = schema.getType(fragment.typeCondition.name.value) ?? type;
        walk(fragment.selectionSet, cond, path, times, perScenario, new Set([...seen, name]));
      }
    }
  };
  const root =
    operation.operation === 'query'
      ? schema.getQueryType()
      : operation.operation === 'mutation'
        ? schema.getMutationType()
        : schema.getSubscriptionType();
  walk(operation.selectionSet, root, [], 1, null, new Set());
  return out;
}

function positiveInt(v: unknown, fallback: number): number {
  return typeof v === 'number' && Number.isFinite(v) && v >= 1 ? Math.floor(v) : fallback;
}

function kindsOf(v: unknown): EntityKind[] {
  const list = Array.isArray(v) ? v : v == null ? [] : [v];
  const kinds = list.filter((k): k is EntityKind => typeof k === 'string' && k in RANKING_WEIGHTS);
  return kinds.length ? [...new Set(kinds)] : ['SUPPLIER'];
}

/** The impact model an ImpactInput argument asks for (as far as the walk can tell). */
function modelOf(input: unknown): unknown {
  return input && typeof input === 'object' && 'model' in input ? input.model : 'DISCRETE';
}

/** Work of one run of a field on a graph of this size, in cost units. */
export function workOf(d: Pick<Demand, 'key' | 'args'>, size: ProjectionSize): number {
  const units = (size.entities + size.links) / SIZE_UNIT;
  switch (d.key) {
    case 'Query.impact':
    case 'Scenario.report':
    case 'Mutation.saveScenario':
    case 'Incident.report':
    case 'Mutation.declareIncident':
    case 'Mutation.updateIncident':
      return SIMULATION_WEIGHT * units;
    case 'Query.compareScenarios':
      return 2 * SIMULATION_WEIGHT * units;
    // The baseline report and each candidate's run; a plan step also copies the graph with
    // the earlier steps made and reports its cumulative effect.
    case 'Query.mitigations':
    case 'Query.plan': {
      const model = modelOf(d.args.input);
      const steps = d.key === 'Query.plan' ? positiveInt(d.args.steps, 3) : null;
      const step =
        fixedSimulations(steps) * SIMULATION_WEIGHT +
        mitigationCandidates(size, model, steps) * candidateWeight(model);
      return (steps ?? 1) * step * units;
    }
    case 'Query.paths':
    case 'Query.concentrationMatrix':
    case 'Query.concentrationOrganizations':
      return (SIMULATION_WEIGHT / 2) * units;
    case 'Query.shortestPath':
      return (SIMULATION_WEIGHT / 5) * units;
    case 'Query.systemicRisk':
      return units * kindsOf(d.args.kinds).reduce((w, k) => w + size.byKind[k] * RANKING_WEIGHTS[k], 0);
    case 'Query.fourthPartyConcentration':
      return units * CONCENTRATION_WEIGHT * (size.byKind.SUPPLIER + size.byKind.SERVICE);
    case 'ImpactReport.affected':
    case 'ImpactReport.organizations':
    case 'IncidentSlice.entities':
    case 'IncidentWindow.entities':
    case 'IncidentReport.callList':
      return ROW_WEIGHT * positiveInt(d.args.first, 100);
    default:
      return 0;
  }
}

export interface PricedField {
  path: string[];
  key: string;
  cost: number;
}

/** What the operation costs on this graph, field by field (costliest first). */
export function price(
  demands: readonly Demand[],
  size: ProjectionSize | null,
  scenarioCount: number,
): { total: number; fields: PricedField[] } {
  const fields = demands.map((d) => {
    const runs = d.times * (d.perScenario === null ? 1 : Math.min(d.perScenario, scenarioCount));
    const each = FIELD_WEIGHTS[d.key]! + (size ? workOf(d, size) : 0);
    return { path: d.path, key: d.key, cost: runs * each };
  });
  fields.sort((a, b) => b.cost - a.cost);
  return { total: fields.reduce((s, f) => s + f.cost, 0), fields };
}

/** The refusal: which fields cost most, what the operation costs and what it may. */
export function costExceeded(
  priced: { total: number; fields: PricedField[] },
  limit: number,
  size: ProjectionSize | null,
): GraphQLError {
  const total = Math.ceil(priced.total);
  const top = priced.fields
    .slice(0, 3)
    .map((f) => `${f.path.join('.')} (${f.key.split('.')[1]}, ${Math.ceil(f.cost)})`)
    .join(', ');
  const graph = size
    ? ` on this graph of ${(size.entities + size.links).toLocaleString('en')} entities and links`
    : '';
  return new GraphQLError(
    `this operation asks for too much analysis at once (cost ${total}, limit ${limit})${graph}; ` +
      `costliest: ${top}. Send fewer analyses per request, fewer kinds, or a smaller first/limit`,
    {
      // In extensions rather than the error's `path`: Apollo may rebuild the error with its
      // own copy of graphql-js, which keeps extensions only.
      extensions: {
        code: 'ANALYSIS_COST_EXCEEDED',
        cost: total,
        limit,
        fields: priced.fields.slice(0, 3).map((f) => ({ path: f.path, cost: Math.ceil(f.cost) })),
        http: { status: 400 },
      },
    },
  );
}
