// Words for what changed between scenario A and scenario B (compareScenarios).
import type { ScenarioChange } from '../generated/graphql';
import { formatHours } from '../impact/duration';

export interface ChangeRow {
  change: ScenarioChange;
  stateA?: 'FAILED' | 'DEGRADED' | null;
  stateB?: 'FAILED' | 'DEGRADED' | null;
  disruptedAtHoursA?: number | null;
  disruptedAtHoursB?: number | null;
  failedAtHoursA?: number | null;
  failedAtHoursB?: number | null;
  shiftHours?: number | null;
}

export interface ChangeTotalsRow {
  onlyA: number;
  onlyB: number;
  degradedToFailed: number;
  failedToDegraded: number;
  earlierInB: number;
  laterInB: number;
  total: number;
}

/** The totals in the order they are listed, with their labels. */
export const TOTAL_LABELS: readonly [Exclude<keyof ChangeTotalsRow, 'total'>, string][] = [
  ['onlyB', 'only in B'],
  ['onlyA', 'only in A'],
  ['degradedToFailed', 'degraded → failed'],
  ['failedToDegraded', 'failed → degraded'],
  ['earlierInB', 'earlier in B'],
  ['laterInB', 'later in B'],
];

/** "41 degraded → failed · 3 earlier in B"; the kinds with none are left out. */
export function totalsText(t: ChangeTotalsRow): string {
  const parts = TOTAL_LABELS.filter(([k]) => t[k] > 0).map(([k, label]) => `${t[k]} ${label}`);
  return parts.length > 0 ? parts.join(' · ') : 'no change';
}

function stateIn(
  state: 'FAILED' | 'DEGRADED' | null | undefined,
  failedAt?: number | null,
  disruptedAt?: number | null,
) {
  return state === 'FAILED'
    ? `failed at ${formatHours(failedAt)}`
    : `degraded from ${formatHours(disruptedAt)}`;
}

/** One line saying how an entity's outcome moves from A to B. */
export function describeChange(x: ChangeRow): string {
  switch (x.change) {
    case 'ONLY_B':
      return `only in B: ${stateIn(x.stateB, x.failedAtHoursB, x.disruptedAtHoursB)}`;
    case 'ONLY_A':
      return `only in A: ${stateIn(x.stateA, x.failedAtHoursA, x.disruptedAtHoursA)}`;
    case 'DEGRADED_TO_FAILED':
      return `degraded in A → failed in B at ${formatHours(x.failedAtHoursB)}`;
    case 'FAILED_TO_DEGRADED':
      return `failed in A at ${formatHours(x.failedAtHoursA)} → degraded in B`;
    case 'EARLIER_IN_B':
    case 'LATER_IN_B': {
      const failed = x.stateB === 'FAILED';
      const [a, b] = failed
        ? [x.failedAtHoursA, x.failedAtHoursB]
        : [x.disruptedAtHoursA, x.disruptedAtHoursB];
      const shift = Math.abs(x.shiftHours ?? 0);
      const how = x.change === 'EARLIER_IN_B' ? 'earlier' : 'later';
      return `${failed ? 'fails' : 'degraded'} ${formatHours(shift)} ${how} in B: at ${formatHours(b)} instead of ${formatHours(a)}`;
    }
  }
}

/** A saved what-if change (GraphChange: exactly one member set). */
export interface SavedChange {
  addDependency?: { from: string; to: string; group?: string | null; strength?: number | null } | null;
  removeDependency?: { from: string; to: string } | null;
  setWorkflow?: { id: string; toleranceHours?: number | null; workaroundCapacity?: number | null } | null;
  unaffected?: { id: string } | null;
}

/** A saved scenario's change in words, by the ids it names (the scenario page lists them). */
export function savedChangeText(c: SavedChange): string {
  if (c.addDependency) {
    const { from, to, group, strength } = c.addDependency;
    const parts = [
      group ? `in group “${group}”` : null,
      strength != null ? `strength ${Math.round(strength * 100)} %` : null,
    ]
      .filter(Boolean)
      .join(', ');
    return `${from} depends on ${to}${parts ? ` (${parts})` : ''}`;
  }
  if (c.removeDependency) return `${c.removeDependency.from} no longer depends on ${c.removeDependency.to}`;
  if (c.setWorkflow) {
    const { id, toleranceHours, workaroundCapacity } = c.setWorkflow;
    const parts = [
      toleranceHours != null ? `its workaround holds ${formatHours(toleranceHours)}` : null,
      workaroundCapacity != null ? `at ${Math.round(workaroundCapacity * 100)} % of normal volume` : null,
    ].filter(Boolean);
    return `${id}: ${parts.length ? parts.join(', ') : 'unchanged'}`;
  }
  if (c.unaffected) return `${c.unaffected.id} is unaffected (it fails only when named as failed)`;
  return 'no change';
}

/** The saved changes as ImpactInput.changes takes them (null members dropped, no __typename). */
export function changesInput(changes: readonly SavedChange[]): SavedChange[] {
  const clean = <T extends object>(o: T | null | undefined) =>
    o ? (Object.fromEntries(Object.entries(o).filter(([k]) => k !== '__typename')) as T) : undefined;
  return changes.map((c) => {
    const out: SavedChange = {};
    if (c.addDependency) out.addDependency = clean(c.addDependency);
    if (c.removeDependency) out.removeDependency = clean(c.removeDependency);
    if (c.setWorkflow) out.setWorkflow = clean(c.setWorkflow);
    if (c.unaffected) out.unaffected = clean(c.unaffected);
    return out;
  });
}
