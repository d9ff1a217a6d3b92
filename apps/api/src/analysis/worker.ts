// An analysis worker thread (run by piscina): keeps the projection of the latest
// version it was handed (decoding its strings once; the typed arrays are the main
// thread's shared memory) and runs one engine operation per task. Errors about the
// request come back as data: an Error's class does not survive the thread boundary.
import {
  type CompactGraph,
  InvalidInputError,
  affectedNodes,
  type SharedBase,
  type SharedGraph,
  Kind,
  UnknownEntityError,
  applyWhatIf,
  compareImpacts,
  dependencyAlternatives,
  directDependents,
  duplicateCandidates,
  explainImpact,
  fourthPartyConcentration,
  graphFromShared,
  impact,
  mitigationPlan,
  mitigations,
  neighborhood,
  overviewMembers,
  paths,
  sectorOverview,
  shortestPath,
  systemicRisk,
} from '@smart/engine';
import type {
  AnalysisTask,
  ImpactArgs,
  ImpactOutcome,
  NamedEntities,
  Operation,
  Operations,
  TaskOutcome,
} from './protocol';
import { workerData } from 'piscina';
import { affectedRows, filterAffected, sortAffected } from '../reports/affected';
import { lowerThisThread } from './priority';

// Below the request loop's priority (SMART_ANALYSIS_NICE; see ./priority).
lowerThisThread((workerData as { nice?: number } | null)?.nice ?? 0);

/**
 * The two latest versions seen: a task racing a version change does not decode twice
 * in a row. A version that follows from one held (its base, or up to `OLDER_DELTAS`
 * versions before it) is decoded from it (only the rows the writes changed;
 * `graphFromShared`'s base).
 */
const graphs = new Map<number, SharedBase>();

function graphAt(version: number, shared: SharedGraph): CompactGraph {
  let held = graphs.get(version);
  if (!held) {
    // the most recent version held that the new one says how to follow from
    const from = [shared.delta, ...(shared.older ?? [])].map((d) => d?.base);
    let base: SharedBase | undefined;
    for (const k of from) {
      for (const h of graphs.values()) if (k !== undefined && h.shared.key === k) base ??= h;
    }
    held = { graph: graphFromShared(shared, undefined, base), shared };
    graphs.set(version, held);
    for (const v of graphs.keys()) if (graphs.size > 2 && v !== version) graphs.delete(v);
  }
  return held.graph;
}

function runImpact(g: CompactGraph, a: ImpactArgs): ImpactOutcome {
  // What-if changes: a new graph for this task only; the shared projection stays as it is.
  const h = applyWhatIf(g, a.changes, a.changesField);
  const result = impact(h, { failed: a.failed, durationHours: a.durationHours, model: a.model });
  if (a.rows === false) return { ...result, affected: [], detached: [] };
  const explain = { durationHours: a.durationHours, model: a.model };
  // The report's tables place entities by organization from the shared projection: they
  // need to know which workflows and assets an `unaffected` change cut from theirs.
  const detached: string[] = [];
  for (const c of a.changes) {
    const n = c.unaffected ? g.indexOf(c.unaffected.id) : -1;
    if (n >= 0 && (g.kinds[n] === Kind.WORKFLOW || g.kinds[n] === Kind.ASSET) && g.parentsOf(n).length > 0)
      detached.push(c.unaffected!.id);
  }
  if (a.page) {
    // The table's rows as the request loop would build them (reports/affected, on the
    // shared projection), filtered and ordered here; only the page is explained and sent.
    // (a what-if graph of its own may number nodes otherwise: then the ids are looked up)
    const rows = affectedRows(g, result.affected, h === g ? affectedNodes(result.affected) : undefined);
    if (detached.length) {
      const cut = new Set(detached);
      for (const r of rows) if (cut.has(r.entity.id)) r.organization = -1;
    }
    const listed = sortAffected(filterAffected(g, rows, a.page.filter), a.page.order, g);
    const start = Math.min(a.page.offset, listed.length);
    const slice = listed.slice(start, start + a.page.first).map((r) => r.entity);
    return {
      ...result,
      affected: explainImpact(h, result, explain, slice),
      detached,
      page: { offset: start, total: listed.length, affectedCount: result.affected.length },
    };
  }
  // Each affected entity carries its reason in words (ImpactedEntity.reason).
  return { ...result, affected: explainImpact(h, result, explain), detached };
}

const RUN: { [O in Operation]: (g: CompactGraph, args: Operations[O]['args']) => Operations[O]['result'] } = {
  impact: runImpact,
  compare: (g, { a, b }) => {
    const ra = runImpact(g, a);
    const rb = runImpact(g, b);
    return { a: ra, b: rb, diff: compareImpacts(g, ra.affected, rb.affected) };
  },
  // On the input's own changes first (named as the input's), then each candidate on top.
  mitigations: (g, { impact: i, kinds, first, workaroundHours, steps, candidates }) => {
    const h = applyWhatIf(g, i.changes, i.changesField);
    const input = { failed: i.failed, durationHours: i.durationHours, model: i.model };
    const options = { kinds, workaroundHours, maxCandidates: candidates };
    return steps === null
      ? mitigations(h, input, { ...options, first })
      : mitigationPlan(h, input, steps, options);
  },
  paths: (g, a) => paths(g, a.from, { toKinds: a.toKinds, maxDepth: a.maxDepth, limit: a.limit }),
  shortestPath: (g, a) => shortestPath(g, a.from, a.to, { direction: 'any' }),
  riskPart: (g, a) => systemicRisk(g, a),
  fourthParty: (g, a) => fourthPartyConcentration(g, a),
  alternatives: (g, a) => dependencyAlternatives(g, a),
  neighborhood: (g, a) =>
    neighborhood(g, a.id, { depth: a.depth, direction: a.direction ?? undefined, limit: a.limit }),
  overview: (g, a) => sectorOverview(g, a.dimensions),
  overviewMembers: (g, a) =>
    overviewMembers(g, a.key, a.dimensions).map((m) => ({ id: g.ids[m.node]!, links: m.links })),
  directDependents: (g, a) => directDependents(g, a.id).length,
  duplicates: (g, a) =>
    duplicateCandidates(g, a).map((c) => ({
      ids: c.nodes.map((n) => g.ids[n]!),
      score: c.score,
      evidence: c.evidence,
    })),
};

/** Every id a result names, anywhere in it (ids of entities are strings the graph knows). */
function namedIn(g: CompactGraph, op: Operation, value: unknown): NamedEntities {
  const ids = new Set<string>();
  const add = (id: string | null | undefined) => {
    if (id) ids.add(id);
  };
  switch (op) {
    case 'impact': {
      const r = value as Operations['impact']['result'];
      for (const x of r.affected) add(x.id);
      for (const f of r.summary.functions) add(f.functionId);
      break;
    }
    case 'compare': {
      const r = value as Operations['compare']['result'];
      for (const side of [r.a, r.b]) {
        for (const x of side.affected) add(x.id);
        for (const f of side.summary.functions) add(f.functionId);
      }
      for (const o of r.diff.byOrganization) add(o.organizationId);
      break;
    }
    case 'mitigations':
      for (const m of value as Operations['mitigations']['result'])
        for (const f of m.functions) add(f.functionId);
      break;
    case 'paths':
      for (const p of value as Operations['paths']['result']) for (const id of p.nodes) add(id);
      break;
    case 'shortestPath':
      for (const id of (value as string[] | null) ?? []) add(id);
      break;
    case 'riskPart':
    case 'fourthParty':
      for (const r of value as { id: string }[]) add(r.id);
      break;
    case 'alternatives':
      for (const r of value as Operations['alternatives']['result']) {
        add(r.organizationId);
        add(r.dependentId);
        add(r.dependencyId);
        add(r.supplierId);
        for (const id of r.alternatives) add(id);
      }
      break;
    case 'overviewMembers':
      for (const m of value as Operations['overviewMembers']['result']) add(m.id);
      break;
    case 'duplicates':
      for (const c of value as Operations['duplicates']['result']) for (const id of c.ids) add(id);
      break;
    default:
      break;
  }
  const named: NamedEntities = { ids: [], kinds: [], names: [] };
  for (const id of ids) {
    const n = g.indexOf(id);
    if (n < 0) continue;
    named.ids.push(id);
    named.kinds.push(g.kindOf(n));
    named.names.push(g.names[n]!);
  }
  return named;
}

/**
 * Test seam: gate[0] counts tasks started (each takes the next ordinal k), gate[1]
 * tasks finished; task k runs only once bit k of gate[2] is set, and until then it
 * holds its thread as a long analysis would.
 */
function passGate(gate: Int32Array): number {
  const k = Atomics.add(gate, 0, 1);
  while (((Atomics.load(gate, 2) >>> Math.min(k, 31)) & 1) === 0)
    Atomics.wait(gate, 2, Atomics.load(gate, 2), 20);
  return k;
}

export default function run(task: AnalysisTask): TaskOutcome {
  const g = graphAt(task.version, task.graph);
  if (task.gate) passGate(task.gate);
  try {
    const value = (RUN[task.op] as (g: CompactGraph, a: unknown) => unknown)(g, task.args);
    return { ok: true, value, named: namedIn(g, task.op, value) } as TaskOutcome;
  } catch (err) {
    if (err instanceof UnknownEntityError)
      return { ok: false, failure: { kind: 'unknown-entity', ids: [...err.ids] } };
    if (err instanceof InvalidInputError)
      return { ok: false, failure: { kind: 'invalid-input', field: err.field, message: err.message } };
    throw err;
  } finally {
    if (task.gate) Atomics.add(task.gate, 1, 1);
  }
}
