// What the impact map draws, from ImpactSummary.byRegion: the regions placed on US
// states (several regions may lie in one state: their figures add up), the regions
// that name no state (listed in the table only), and the legend's classes.
import { stateOfRegion, type UsState } from './usStates';

export interface RegionFigures {
  organizationsAffected: number;
  workflowsFailed: number;
  workflowsDegraded: number;
}

export interface RegionInput extends RegionFigures {
  /** null or absent: organizations without a region. */
  region?: string | null;
}

export interface StateRow extends RegionFigures {
  state: UsState;
  /** The regions of the report that lie in this state, as written. */
  regions: string[];
}

export interface UnplacedRow extends RegionFigures {
  /** null: organizations without a region (and workflows without an organization). */
  region: string | null;
}

export interface LegendClass {
  /** Organizations affected, both ends included. */
  from: number;
  to: number;
  color: string;
}

export interface RegionMapModel {
  states: StateRow[];
  unplaced: UnplacedRow[];
  classes: LegendClass[];
}

/** Light to dark: more organizations affected, darker (ColorBrewer Oranges, 5 classes). */
export const SHADES = ['#fee6ce', '#fdae6b', '#fd8d3c', '#e6550d', '#a63603'] as const;
/** A state with no affected organization. */
export const NO_IMPACT = '#f2f2f2';

const byFigures = (a: RegionFigures, b: RegionFigures) =>
  b.organizationsAffected - a.organizationsAffected ||
  b.workflowsFailed - a.workflowsFailed ||
  b.workflowsDegraded - a.workflowsDegraded;

export function regionMapModel(rows: readonly RegionInput[]): RegionMapModel {
  const states = new Map<string, StateRow>();
  const unplaced: UnplacedRow[] = [];
  for (const r of rows) {
    const s = stateOfRegion(r.region);
    const figures = {
      organizationsAffected: r.organizationsAffected,
      workflowsFailed: r.workflowsFailed,
      workflowsDegraded: r.workflowsDegraded,
    };
    if (!s) {
      unplaced.push({ region: r.region ?? null, ...figures });
      continue;
    }
    const e = states.get(s.fips);
    if (!e) states.set(s.fips, { state: s, regions: [r.region!], ...figures });
    else {
      e.regions.push(r.region!);
      e.organizationsAffected += figures.organizationsAffected;
      e.workflowsFailed += figures.workflowsFailed;
      e.workflowsDegraded += figures.workflowsDegraded;
    }
  }
  const placed = [...states.values()].sort(
    (a, b) => byFigures(a, b) || a.state.name.localeCompare(b.state.name),
  );
  const max = placed.reduce((m, s) => Math.max(m, s.organizationsAffected), 0);
  return { states: placed, unplaced: unplaced.sort(byFigures), classes: legendClasses(max) };
}

/**
 * Up to five classes of equal width over 1…max organizations affected, each at least one
 * organization wide (max ≤ 5: one class per count), so every count falls in exactly one.
 */
export function legendClasses(max: number): LegendClass[] {
  if (max < 1) return [];
  const n = Math.min(SHADES.length, max);
  const out: LegendClass[] = [];
  let from = 1;
  for (let k = 1; k <= n; k++) {
    const to = Math.round((max * k) / n);
    // fewer classes take the darker shades, so even one organization stands out from no impact
    out.push({ from, to, color: SHADES[SHADES.length - n + k - 1]! });
    from = to + 1;
  }
  return out;
}

/** The fill of a state with this many organizations affected. */
export function shadeOf(organizations: number, classes: readonly LegendClass[]): string {
  if (organizations < 1) return NO_IMPACT;
  return classes.find((c) => organizations >= c.from && organizations <= c.to)?.color ?? NO_IMPACT;
}
