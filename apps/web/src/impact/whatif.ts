// What-if changes as the "What if…" panel builds them (GraphChangeInput, DESIGN §3):
// each change in words, an alternative as the two changes that make one, and the
// baseline-vs-changed figures side by side. Pure, unit-tested (test/whatif.test.ts).
import type { GraphChangeInput } from '../generated/graphql';

/** A change with the names the panel shows beside its ids. */
export interface DraftChange {
  change: GraphChangeInput;
  label: string;
}

export interface Picked {
  id: string;
  name: string;
}

const pct = (x: number) => `${Math.round(x * 100)} %`;

export function addDependency(from: Picked, to: Picked, strength: number | null): DraftChange {
  return {
    change: { addDependency: { from: from.id, to: to.id, strength } },
    label: `${from.name} depends on ${to.name}${strength === null ? '' : ` (strength ${pct(strength)})`}`,
  };
}

export function removeDependency(from: Picked, to: Picked): DraftChange {
  return {
    change: { removeDependency: { from: from.id, to: to.id } },
    label: `${from.name} no longer depends on ${to.name}`,
  };
}

/**
 * `alternative` becomes an alternative to the dependency from → current. When that
 * dependency is already in a group (`existingGroup`), the alternative joins it, so its
 * other alternatives stay; otherwise both are put in a new group "what-if|<current>", so
 * `from` is down only when both are (an addDependency on an existing edge only gives it
 * the group).
 */
export function alternative(
  from: Picked,
  current: Picked,
  alt: Picked,
  existingGroup: string | null = null,
): DraftChange[] {
  const joins: DraftChange = {
    change: { addDependency: { from: from.id, to: alt.id, group: existingGroup ?? `what-if|${current.id}` } },
    label: `${from.name} can use ${alt.name} instead of ${current.name}`,
  };
  if (existingGroup) return [joins];
  const g = `what-if|${current.id}`;
  return [
    {
      change: { addDependency: { from: from.id, to: current.id, group: g } },
      label: `${from.name}: ${current.name} in group “${g}”`,
    },
    joins,
  ];
}

export function setWorkflow(
  workflow: Picked,
  toleranceHours: number | null,
  workaroundCapacity: number | null,
): DraftChange {
  const parts = [
    toleranceHours === null ? null : `workaround holds ${toleranceHours} h`,
    workaroundCapacity === null ? null : `at ${pct(workaroundCapacity)} of normal volume`,
  ].filter((x): x is string => x !== null);
  return {
    change: { setWorkflow: { id: workflow.id, toleranceHours, workaroundCapacity } },
    label: `${workflow.name}: ${parts.join(', ')}`,
  };
}

export function unaffected(entity: Picked): DraftChange {
  return { change: { unaffected: { id: entity.id } }, label: `${entity.name} is unaffected` };
}

/** The figures a side-by-side compares. */
export interface Figures {
  summary: {
    workflowsFailed: number;
    workflowsDegraded: number;
    /** Null when suppressed for a scoped reader (fewer than k organizations). */
    organizationsAffected?: number | null;
    functions: readonly { function: { id: string; name: string }; capacityLoss: number }[];
  };
}

export interface SideBySideRow {
  key: string;
  label: string;
  baseline: number;
  changed: number;
  /** Shown as a percentage (capacity loss). */
  share: boolean;
}

/** Counts first, then capacity loss of every function either side hits, worst baseline first. */
export function sideBySide(baseline: Figures, changed: Figures): SideBySideRow[] {
  const a = baseline.summary;
  const b = changed.summary;
  const rows: SideBySideRow[] = [
    {
      key: 'workflowsFailed',
      label: 'Workflows failed',
      baseline: a.workflowsFailed,
      changed: b.workflowsFailed,
      share: false,
    },
    {
      key: 'workflowsDegraded',
      label: 'Workflows degraded',
      baseline: a.workflowsDegraded,
      changed: b.workflowsDegraded,
      share: false,
    },
  ];
  // A scoped reader may not see a small count (issue 19): the row is left out, not zeroed.
  if (typeof a.organizationsAffected === 'number' && typeof b.organizationsAffected === 'number')
    rows.push({
      key: 'organizationsAffected',
      label: 'Organizations affected',
      baseline: a.organizationsAffected,
      changed: b.organizationsAffected,
      share: false,
    });
  const fns = new Map<string, SideBySideRow>();
  for (const f of a.functions)
    fns.set(f.function.id, {
      key: `fn:${f.function.id}`,
      label: f.function.name,
      baseline: f.capacityLoss,
      changed: 0,
      share: true,
    });
  for (const f of b.functions) {
    const row = fns.get(f.function.id) ?? {
      key: `fn:${f.function.id}`,
      label: f.function.name,
      baseline: 0,
      changed: 0,
      share: true,
    };
    row.changed = f.capacityLoss;
    fns.set(f.function.id, row);
  }
  const byLoss = [...fns.values()].sort(
    (x, y) => y.baseline - x.baseline || y.changed - x.changed || x.label.localeCompare(y.label),
  );
  return [...rows, ...byLoss];
}
