// What-if changes (a sandbox): changes an analyst tries on the map for one analysis,
// applied as an overlay on the projection (a new CompactGraph by `applyChanges`),
// never written anywhere. The result is exactly the graph the store would project
// had the same edits been made (the changes are translated into the store's own
// GraphChange ops), so a report on it equals the report after real edits.
import type { ChangedEntity, GraphChange } from '@smart/domain';
import { InvalidInputError } from './errors';
import { type CompactGraph, Kind } from './graph';
import { applyChanges, InvalidChangeError } from './patch';

/** Exactly one member is set. */
export interface WhatIfChange {
  /** A new dependency, or a new group/strength for an existing one; a shared `group` makes it an alternative. */
  addDependency?: { from: string; to: string; group?: string | null; strength?: number | null } | null;
  removeDependency?: { from: string; to: string } | null;
  /** A workflow's tolerance and workaround capacity (omitted = unchanged). */
  setWorkflow?: { id: string; toleranceHours?: number | null; workaroundCapacity?: number | null } | null;
  /** The entity is shielded: cut from everything it depends on and from its owner, so it fails only if named as failed. */
  unaffected?: { id: string } | null;
}

export const WHAT_IF_KINDS = ['addDependency', 'removeDependency', 'setWorkflow', 'unaffected'] as const;

/** The most what-if changes one request may carry. */
export const MAX_WHAT_IF_CHANGES = 200;

function only(change: WhatIfChange, at: string): (typeof WHAT_IF_KINDS)[number] {
  const set = WHAT_IF_KINDS.filter((k) => change[k] != null);
  if (set.length !== 1)
    throw new InvalidInputError(at, `set exactly one of ${WHAT_IF_KINDS.join(', ')} (found ${set.length})`);
  return set[0]!;
}

function inRange(at: string, v: number | null | undefined, lo: number, hi: number): void {
  if (v != null && !(Number.isFinite(v) && v >= lo && v <= hi))
    throw new InvalidInputError(at, `must be a number from ${lo} to ${hi}`);
}

/**
 * The store ops of the changes, checked against `g` with the earlier changes applied
 * (they are a sequence: a dependency added by one may be removed by a later one);
 * `field` names the argument ("input.changes"). `from[k]` is the change op k comes from.
 */
export function whatIfOps(
  g: CompactGraph,
  changes: readonly WhatIfChange[],
  field = 'changes',
): { ops: GraphChange[]; from: number[] } {
  if (changes.length > MAX_WHAT_IF_CHANGES)
    throw new InvalidInputError(field, `at most ${MAX_WHAT_IF_CHANGES} changes`);
  const ops: GraphChange[] = [];
  const from: number[] = [];
  // What the earlier changes did: each entity's dependency targets, its workflow
  // settings and whether it lost its owner, once touched.
  const deps = new Map<string, Set<string>>();
  const settings = new Map<string, { toleranceHours: number; workaroundCapacity: number }>();
  const orphaned = new Set<string>();
  // An unknown id is a fault of the change that names it (BAD_USER_INPUT naming it),
  // not a lookup of a missing entity (NOT_FOUND).
  const index = (id: string, at: string) => {
    const n = typeof id === 'string' ? g.indexOf(id) : -1;
    if (n < 0) throw new InvalidInputError(at, `no entity has id '${String(id)}'`);
    return n;
  };
  const depsOf = (n: number): Set<string> => {
    const id = g.ids[n]!;
    let set = deps.get(id);
    if (!set) {
      set = new Set();
      for (const gi of g.groupsOf(n)) for (const m of g.membersOf(gi)) set.add(g.ids[m]!);
      deps.set(id, set);
    }
    return set;
  };
  const entity = (n: number, overrides: Partial<ChangedEntity>): ChangedEntity => {
    const v = g.node(n);
    const s = settings.get(v.id);
    // An upsert replaces the entity's properties as a whole: carry the others over.
    return {
      id: v.id,
      kind: v.kind,
      name: v.name,
      toleranceHours: v.kind === 'WORKFLOW' ? (s?.toleranceHours ?? v.toleranceHours) : null,
      workaroundCapacity: s?.workaroundCapacity ?? v.workaroundCapacity,
      volumePerDay: v.volumePerDay,
      criticality: v.criticality,
      category: v.category,
      subsector: v.subsector,
      region: v.region,
      volumeUnit: v.volumeUnit,
      ...(orphaned.has(v.id) ? { owner: null } : {}),
      ...overrides,
    };
  };
  changes.forEach((change, i) => {
    const at = `${field}[${i}]`;
    const kind = only(change, at);
    if (kind === 'addDependency') {
      const d = change.addDependency!;
      const n = index(d.from, `${at}.addDependency.from`);
      index(d.to, `${at}.addDependency.to`);
      inRange(`${at}.addDependency.strength`, d.strength, 0, 1);
      // As the edit mutation and the template rules: no entity depends on itself.
      if (d.from === d.to)
        throw new InvalidInputError(`${at}.addDependency.to`, 'an entity cannot depend on itself');
      depsOf(n).add(d.to);
      ops.push({
        op: 'ADD_DEPENDENCY',
        from: d.from,
        to: d.to,
        group: d.group ?? null,
        strength: d.strength ?? null,
      });
    } else if (kind === 'removeDependency') {
      const d = change.removeDependency!;
      const n = index(d.from, `${at}.removeDependency.from`);
      index(d.to, `${at}.removeDependency.to`);
      if (!depsOf(n).delete(d.to))
        throw new InvalidInputError(`${at}.removeDependency`, `${d.from} does not depend on ${d.to}`);
      ops.push({ op: 'REMOVE_DEPENDENCY', from: d.from, to: d.to });
    } else if (kind === 'setWorkflow') {
      const w = change.setWorkflow!;
      const n = index(w.id, `${at}.setWorkflow.id`);
      if (g.kinds[n] !== Kind.WORKFLOW)
        throw new InvalidInputError(`${at}.setWorkflow.id`, `${w.id} is not a workflow`);
      inRange(`${at}.setWorkflow.toleranceHours`, w.toleranceHours, 0, 24 * 365 * 10);
      inRange(`${at}.setWorkflow.workaroundCapacity`, w.workaroundCapacity, 0, 1);
      const current = entity(n, {});
      settings.set(w.id, {
        toleranceHours: w.toleranceHours ?? current.toleranceHours!,
        workaroundCapacity: w.workaroundCapacity ?? current.workaroundCapacity!,
      });
      ops.push({ op: 'UPSERT_ENTITY', entity: entity(n, {}) });
    } else {
      const n = index(change.unaffected!.id, `${at}.unaffected.id`);
      const id = g.ids[n]!;
      for (const to of depsOf(n)) ops.push({ op: 'REMOVE_DEPENDENCY', from: id, to });
      depsOf(n).clear();
      if (g.parentsOf(n).length > 0 && !orphaned.has(id)) {
        orphaned.add(id);
        ops.push({ op: 'UPSERT_ENTITY', entity: entity(n, {}) });
      }
    }
    while (from.length < ops.length) from.push(i);
  });
  return { ops, from };
}

/** `g` with the changes applied (a new graph; `g` is untouched). No changes: `g` itself. */
export function applyWhatIf(
  g: CompactGraph,
  changes: readonly WhatIfChange[],
  field = 'changes',
): CompactGraph {
  if (changes.length === 0) return g;
  const { ops, from } = whatIfOps(g, changes, field);
  try {
    return applyChanges(g, ops);
  } catch (err) {
    // Endpoint kinds and self-dependencies are checked by applyChanges, as for a real edit.
    if (err instanceof InvalidChangeError)
      throw new InvalidInputError(`${field}[${from[err.index]}]`, err.message.replace(/^change \d+: /, ''));
    throw err;
  }
}
