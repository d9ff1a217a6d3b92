/**
 * Need to know (issue 19): what a reader scoped to some organizations may see of an
 * analysis's answer. Pure functions over the projection, so the API applies the same
 * rules to every analysis whichever thread ran it.
 *
 * Ownership: an Organization belongs to itself, a Workflow or an Asset to the
 * organization that performs or owns it; Suppliers, Services and CriticalFunctions are
 * the shared catalogue (not secret). A node is visible when it is shared or belongs to
 * one of the reader's organizations. A node the projection does not hold is not
 * visible (fail closed).
 */
import type { ExplainedEntity, ImpactReason, NamedEntity, ReasonCause } from './explain';
import { reasonSentence } from './explain';
import { type CompactGraph, Kind } from './graph';
import type { NeighborhoodResult } from './neighborhood';
import type { Mitigation } from './mitigations';
import type { DependencyPath } from './paths';
import type { WhatIfChange } from './whatif';

/** The organization node a node belongs to; -1 for the shared catalogue. */
export function ownerOf(g: CompactGraph, n: number): number {
  const k = g.kinds[n];
  if (k === Kind.ORGANIZATION) return n;
  if (k === Kind.WORKFLOW || k === Kind.ASSET) {
    for (const p of g.parentsOf(n)) if (g.kinds[p] === Kind.ORGANIZATION) return p;
    // A workflow or asset without an organization belongs to nobody's scope.
    return -2;
  }
  return -1;
}

/** The organization id a node belongs to (null: shared catalogue; '' : no owner). */
export function ownerIdOf(g: CompactGraph, id: string): string | null | undefined {
  const n = g.indexOf(id);
  if (n < 0) return undefined;
  const o = ownerOf(g, n);
  return o === -1 ? null : o === -2 ? '' : g.ids[o]!;
}

/** Decides per node id whether a scoped reader sees it; ids are cached per call site. */
export class Visibility {
  private readonly cache = new Map<string, boolean>();
  constructor(
    readonly graph: CompactGraph,
    readonly organizations: ReadonlySet<string>,
  ) {}

  sees(id: string): boolean {
    let v = this.cache.get(id);
    if (v === undefined) {
      const owner = ownerIdOf(this.graph, id);
      v = owner === null || (owner !== undefined && this.organizations.has(owner));
      this.cache.set(id, v);
    }
    return v;
  }
}

/**
 * A causal path (`because`: the entity first, an entity of F last) cut at the first
 * entity the reader may not see: the visible prefix, and whether anything was cut.
 */
export function cutPath(v: Visibility, because: readonly string[]): { because: string[]; cut: boolean } {
  const i = because.findIndex((id) => !v.sees(id));
  return i < 0 ? { because: [...because], cut: false } : { because: because.slice(0, i), cut: true };
}

/** Stands in for an entity the reader may not see, in a reason's sentence. */
function redactedNamed(e: NamedEntity): NamedEntity {
  return { id: '', name: 'an entity of another organization', kind: e.kind, category: null };
}

function redactCause(v: Visibility, c: ReasonCause): ReasonCause {
  const r = (e: NamedEntity) => (v.sees(e.id) ? e : redactedNamed(e));
  switch (c.kind) {
    case 'PART_OF_FAILED':
      return { ...c, parent: r(c.parent) };
    case 'INOPERABLE_DEPENDENCY':
      return { ...c, through: r(c.through) };
    case 'ALTERNATIVES_DOWN':
      return { ...c, members: c.members.map(r) };
    default:
      return c;
  }
}

/** An affected entity as a scoped reader sees it: its path cut at the boundary, its reason naming no hidden entity. */
export type ScopedExplainedEntity = ExplainedEntity & { cutAtBoundary: boolean };

/**
 * The affected entities a scoped reader may see (the others are left out: they are
 * counted only in the report's aggregates), each `because` cut at the first hidden
 * entity (`cutAtBoundary`), and reasons rewritten without hidden names.
 */
export function redactAffected(v: Visibility, affected: readonly ExplainedEntity[]): ScopedExplainedEntity[] {
  const out: ScopedExplainedEntity[] = [];
  for (const a of affected) {
    if (!v.sees(a.id)) continue;
    const { because, cut } = cutPath(v, a.because);
    const reason: ImpactReason = { ...a.reason, cause: redactCause(v, a.reason.cause) };
    const changed = reason.cause !== a.reason.cause;
    out.push({
      ...a,
      because,
      cutAtBoundary: cut,
      reason,
      reasonText: changed ? reasonSentence(reason) : a.reasonText,
    });
  }
  return out;
}

/** Dependency paths through no hidden entity (a path into another organization is left out). */
export function redactPaths(v: Visibility, paths: readonly DependencyPath[]): DependencyPath[] {
  return paths.filter((p) => p.nodes.every((id) => v.sees(id)));
}

/**
 * The visible part of a neighbourhood: hidden nodes and every edge touching one are
 * left out, and so are visible nodes reached only through a hidden one (their being
 * near would tell of the hidden link).
 */
export function redactNeighborhood(v: Visibility, nb: NeighborhoodResult): NeighborhoodResult {
  const edges = nb.edges.filter((e) => v.sees(e.source) && v.sees(e.target));
  const centre = nb.nodes.find((n) => n.depth === 0);
  const reached = new Set<string>();
  if (centre && v.sees(centre.id)) {
    const next = new Map<string, string[]>();
    for (const e of edges) {
      next.set(e.source, [...(next.get(e.source) ?? []), e.target]);
      next.set(e.target, [...(next.get(e.target) ?? []), e.source]);
    }
    const queue = [centre.id];
    reached.add(centre.id);
    while (queue.length) {
      for (const m of next.get(queue.pop()!) ?? [])
        if (!reached.has(m)) {
          reached.add(m);
          queue.push(m);
        }
    }
  }
  const nodes = nb.nodes.filter((n) => reached.has(n.id));
  return {
    nodes,
    edges: edges.filter((e) => reached.has(e.source) && reached.has(e.target)),
    truncated: nb.truncated || nodes.length < nb.nodes.length,
  };
}

/**
 * Small-group protection: a count of organizations below `k` (but above 0) is not
 * shown to a scoped reader, so a figure cannot single out one organization.
 */
export function suppressedCount(count: number, k: number): { value: number | null; suppressed: boolean } {
  return count > 0 && count < k ? { value: null, suppressed: true } : { value: count, suppressed: false };
}

/** Every entity id a what-if change names, with the place it is named (as the engine names it). */
export function changeIds(c: WhatIfChange): { at: string; id: string }[] {
  const out: { at: string; id: string }[] = [];
  if (c.addDependency)
    out.push(
      { at: 'addDependency.from', id: c.addDependency.from },
      { at: 'addDependency.to', id: c.addDependency.to },
    );
  if (c.removeDependency)
    out.push(
      { at: 'removeDependency.from', id: c.removeDependency.from },
      { at: 'removeDependency.to', id: c.removeDependency.to },
    );
  if (c.setWorkflow) out.push({ at: 'setWorkflow.id', id: c.setWorkflow.id });
  if (c.unaffected) out.push({ at: 'unaffected.id', id: c.unaffected.id });
  return out;
}

/**
 * Whether a scoped reader may be shown a mitigation: every entity its changes name is
 * visible, and so is every member of a dependency group it joins (its explanation names
 * the dependency it is an alternative to).
 */
export function mitigationVisible(v: Visibility, m: Pick<Mitigation, 'changes'>): boolean {
  const g = v.graph;
  for (const c of m.changes) {
    if (!changeIds(c).every((x) => v.sees(x.id))) return false;
    const d = c.addDependency;
    if (d?.group != null) {
      const n = g.indexOf(d.from);
      if (n < 0) continue;
      for (const gi of g.groupsOf(n))
        if (g.labelOf(gi) === d.group) for (const x of g.membersOf(gi)) if (!v.sees(g.ids[x]!)) return false;
    }
  }
  return true;
}
