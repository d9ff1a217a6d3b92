/**
 * "Why" in words: for every affected entity, the reason it has its state, from the
 * engine's causal data (DESIGN §3 "Explanation"): the entity it was failed with or
 * expanded from, or the group of alternatives that determined disrupted(n) (every
 * member down), its tolerance and workaround; in the inoperability model, the
 * next entity on its causal path and how inoperable that is.
 *
 * `explainImpact` derives the structured reasons after a run (the hot propagation
 * loop is untouched); `reasonSentence` turns one into an English sentence and is
 * pure, so each case is unit-tested on its own.
 */
import { type CompactGraph, type EntityKind, Kind } from './graph';
import {
  IMPACT_DEFAULTS,
  type ImpactedEntity,
  type ImpactModel,
  type ImpactResult,
  type ImpactState,
} from './types';

export interface NamedEntity {
  id: string;
  name: string;
  kind: EntityKind;
  /** Supplier/service/workflow category, organization type. */
  category: string | null;
}

export type ReasonCause =
  /** The entity is in F. */
  | { kind: 'FAILED_IN_SCENARIO' }
  /** A failed supplier's service, a failed organization's workflow or asset. */
  | { kind: 'PART_OF_FAILED'; parent: NamedEntity }
  /**
   * Every member of one group of alternatives is down; `members.length === 1` means the
   * dependency has no alternative. `downAtHours` is when the last of them went down.
   */
  | { kind: 'ALTERNATIVES_DOWN'; group: string | null; members: NamedEntity[]; downAtHours: number }
  /** Inoperability model: the next entity on the causal path and its inoperability. */
  | { kind: 'INOPERABLE_DEPENDENCY'; through: NamedEntity; throughInoperability: number };

export interface ImpactReason {
  model: ImpactModel;
  state: ImpactState;
  /** The entity's own kind (a workflow has a workaround; other kinds none). */
  kind: EntityKind;
  disruptedAtHours: number;
  failedAtHours: number | null;
  /** Workflows only: how long the workaround holds, and at what share of volume. */
  toleranceHours: number | null;
  workaroundCapacity: number | null;
  /** The outage length; null = indefinite. */
  durationHours: number | null;
  inoperability: number | null;
  cause: ReasonCause;
}

export type ExplainedEntity = ImpactedEntity & { reason: ImpactReason; reasonText: string };

const hours = (h: number) => `${Number(h.toFixed(2))} h`;
const percent = (x: number) => `${Number((x * 100).toFixed(1))} %`;

const KIND_NOUN: Record<EntityKind, [string, string]> = {
  ORGANIZATION: ['organization', 'organizations'],
  SUPPLIER: ['supplier', 'suppliers'],
  SERVICE: ['service', 'services'],
  ASSET: ['system', 'systems'],
  WORKFLOW: ['workflow', 'workflows'],
  CRITICAL_FUNCTION: ['critical function', 'critical functions'],
};

/** "Eligibility" → "eligibility", "EHR hosting" stays (an acronym keeps its case). */
function lowerFirst(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? text[0]!.toLowerCase() + text.slice(1) : text;
}

function listNames(names: string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** What the members of a group are, in the plural: "eligibility services", "services", "alternatives". */
function pluralNoun(members: NamedEntity[]): string {
  const kinds = new Set(members.map((m) => m.kind));
  if (kinds.size !== 1) return 'alternatives';
  const noun = KIND_NOUN[members[0]!.kind][1];
  const categories = new Set(members.map((m) => m.category));
  const category = members[0]!.category;
  return categories.size === 1 && category ? `${lowerFirst(category)} ${noun}` : noun;
}

function parentWord(parent: NamedEntity): string {
  return parent.kind === 'SUPPLIER' ? 'supplier' : parent.kind === 'ORGANIZATION' ? 'organization' : 'owner';
}

/** Why the group is down, as a clause: "both eligibility services it can use (A and B) are down". */
function groupClause(members: NamedEntity[], downAtHours: number): string {
  const names = members.map((m) => m.name);
  if (members.length === 1)
    return `it depends on ${names[0]} with no alternative, down from ${hours(downAtHours)}`;
  const quantity = members.length === 2 ? 'both' : `all ${members.length}`;
  const since = downAtHours > 0 ? `, the last from ${hours(downAtHours)}` : '';
  return `${quantity} ${pluralNoun(members)} it can use (${listNames(names)}) are down${since}`;
}

/** One English sentence for a reason: the state and when, then why. */
export function reasonSentence(r: ImpactReason): string {
  const c = r.cause;
  if (r.model === 'INOPERABILITY') {
    const head = r.state === 'FAILED' ? 'Fully inoperable' : `${percent(r.inoperability ?? 0)} inoperable`;
    switch (c.kind) {
      case 'FAILED_IN_SCENARIO':
        return `${head}: failed in this scenario.`;
      case 'PART_OF_FAILED':
        return `${head}: its ${parentWord(c.parent)} ${c.parent.name} failed in this scenario.`;
      case 'INOPERABLE_DEPENDENCY': {
        const through =
          c.throughInoperability >= 1 ? 'fully inoperable' : `${percent(c.throughInoperability)} inoperable`;
        return `${head}: it depends on ${c.through.name}, ${through}.`;
      }
      case 'ALTERNATIVES_DOWN':
        return `${head}: ${groupClause(c.members, c.downAtHours)}.`;
    }
  }
  const head =
    r.state === 'FAILED'
      ? `Fails at ${hours(r.failedAtHours ?? r.disruptedAtHours)}`
      : `Degraded from ${hours(r.disruptedAtHours)}`;
  switch (c.kind) {
    case 'FAILED_IN_SCENARIO':
      return `${head}: failed in this scenario.`;
    case 'PART_OF_FAILED':
      return `${head}: its ${parentWord(c.parent)} ${c.parent.name} failed.`;
    case 'INOPERABLE_DEPENDENCY':
      return `${head}: it depends on ${c.through.name}.`;
    case 'ALTERNATIVES_DOWN': {
      const why = groupClause(c.members, c.downAtHours);
      if (r.kind !== 'WORKFLOW') return `${head}: ${why}.`;
      const tolerance = r.toleranceHours ?? 0;
      if (r.state === 'DEGRADED') {
        const outage = r.durationHours === null ? 'the outage' : `the ${hours(r.durationHours)} outage`;
        const capacity =
          r.workaroundCapacity === null ? '' : ` at ${percent(r.workaroundCapacity)} of normal volume`;
        return `${head}: ${why}; its workaround covers ${hours(tolerance)}, outlasting ${outage}${capacity}.`;
      }
      if (tolerance <= 0) return `${head}: it has no workaround and ${why}.`;
      return `${head}: its workaround covers ${hours(tolerance)} and ${why}.`;
    }
  }
}

function named(g: CompactGraph, n: number): NamedEntity {
  return { id: g.ids[n]!, name: g.names[n]!, kind: g.kindOf(n), category: g.categories[n] ?? null };
}

/**
 * The structured reason and its sentence for every affected entity of `result`, which
 * must come from `impact(g, …)` with the same `durationHours` and `model`.
 */
export function explainImpact(
  g: CompactGraph,
  result: ImpactResult,
  options: { durationHours?: number | null; model?: ImpactModel },
  /** Only these rows of `result.affected` (one page of a report); their causes still read the whole result. */
  only: readonly ImpactedEntity[] = result.affected,
): ExplainedEntity[] {
  const model = options.model ?? IMPACT_DEFAULTS.model;
  const D = options.durationHours ?? null;
  const byId =
    only === result.affected ? new Map(result.affected.map((a) => [a.id, a])) : causesOf(g, result, only);
  return only.map((a) => {
    const n = g.indexOf(a.id);
    const isWorkflow = g.kinds[n] === Kind.WORKFLOW;
    const reason: ImpactReason = {
      model,
      state: a.state,
      kind: a.kind,
      disruptedAtHours: a.disruptedAtHours,
      failedAtHours: a.failedAtHours,
      toleranceHours: isWorkflow ? g.tolerance[n]! : null,
      workaroundCapacity: isWorkflow ? g.workaroundCapacity[n]! : null,
      durationHours: D === null || D === Number.POSITIVE_INFINITY ? null : D,
      inoperability: a.inoperability,
      cause: causeOf(g, a, byId, model),
    };
    return { ...a, reason, reasonText: reasonSentence(reason) };
  });
}

/**
 * The affected entities `causeOf` reads for the rows `only`: each row's causal
 * predecessor and the members of its groups that hold it. For one page of a hub's
 * report, a map of these few instead of all 64k rows (at L).
 */
function causesOf(
  g: CompactGraph,
  result: ImpactResult,
  only: readonly ImpactedEntity[],
): Map<string, ImpactedEntity> {
  const needed = new Set<string>();
  for (const a of only) {
    const next = a.because[1];
    if (next === undefined) continue;
    needed.add(next);
    const n = g.indexOf(a.id);
    const m = g.indexOf(next);
    if (n < 0 || m < 0) continue;
    for (const group of g.dependencyGroups(n))
      if (group.members.includes(m)) for (const x of group.members) needed.add(g.ids[x]!);
  }
  const byId = new Map<string, ImpactedEntity>();
  for (const a of result.affected) if (needed.has(a.id)) byId.set(a.id, a);
  return byId;
}

function causeOf(
  g: CompactGraph,
  a: ImpactedEntity,
  byId: Map<string, ImpactedEntity>,
  model: ImpactModel,
): ReasonCause {
  const next = a.because[1];
  if (next === undefined) return { kind: 'FAILED_IN_SCENARIO' };
  const n = g.indexOf(a.id);
  const m = g.indexOf(next);
  const through = byId.get(next);
  if (g.parentsOf(n).includes(m) && through && a.because.length === 2 && through.because.length === 1)
    return { kind: 'PART_OF_FAILED', parent: named(g, m) };
  if (model === 'INOPERABILITY')
    return {
      kind: 'INOPERABLE_DEPENDENCY',
      through: named(g, m),
      throughInoperability: through?.inoperability ?? 0,
    };
  // The group that determined disrupted(n): it holds the causal predecessor and every
  // member failed by then (any such group attains the minimum of §3).
  for (const group of g.dependencyGroups(n)) {
    if (!group.members.includes(m)) continue;
    const all = Array.from(group.members);
    const down = all.every((x) => {
      const s = byId.get(g.ids[x]!);
      return s?.failedAtHours != null && s.failedAtHours <= a.disruptedAtHours;
    });
    if (down)
      return {
        kind: 'ALTERNATIVES_DOWN',
        group: group.label,
        members: all.map((x) => named(g, x)),
        downAtHours: a.disruptedAtHours,
      };
  }
  return { kind: 'ALTERNATIVES_DOWN', group: null, members: [named(g, m)], downAtHours: a.disruptedAtHours };
}
