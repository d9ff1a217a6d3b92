// What the impact map draws, from ImpactSummary.byRegion: the regions placed on US
// states (several regions may lie in one state: their figures add up), the regions
// that name no state (listed in the table only), and the legend's classes for the
// measure the map is shaded by (organizations affected, or one unit's volume per day lost).
import { stateOfRegion, type UsState } from './usStates';

/** A volume per day lost in one unit (RegionImpact.volumesLost). */
export interface VolumeFigure {
  unit: string;
  perDay: number;
}

export interface RegionFigures {
  organizationsAffected: number;
  workflowsFailed: number;
  workflowsDegraded: number;
  /** Per unit; absent in older reports (treated as none). */
  volumesLost?: readonly VolumeFigure[];
}

/** What the map shades by: organizations affected, or the volume per day lost in one unit. */
export type Measure = { kind: 'organizations' } | { kind: 'volume'; unit: string };
export const ORGANIZATIONS: Measure = { kind: 'organizations' };

/** A region's (or state's) figure for a measure. */
export function measureOf(f: RegionFigures, m: Measure): number {
  if (m.kind === 'organizations') return f.organizationsAffected;
  return f.volumesLost?.find((v) => v.unit === m.unit)?.perDay ?? 0;
}

/** The units with a volume lost anywhere in the report, most lost first (then by name). */
export function unitsLost(rows: readonly RegionFigures[]): VolumeFigure[] {
  const total = new Map<string, number>();
  for (const r of rows)
    for (const v of r.volumesLost ?? []) total.set(v.unit, (total.get(v.unit) ?? 0) + v.perDay);
  return [...total]
    .filter(([, perDay]) => perDay > 0)
    .map(([unit, perDay]) => ({ unit, perDay }))
    .sort((a, b) => b.perDay - a.perDay || a.unit.localeCompare(b.unit));
}

/** Adds b's volumes into a's list (per unit). */
function addVolumes(a: VolumeFigure[], b: readonly VolumeFigure[] | undefined): VolumeFigure[] {
  for (const v of b ?? []) {
    const e = a.find((x) => x.unit === v.unit);
    if (e) e.perDay += v.perDay;
    else a.push({ unit: v.unit, perDay: v.perDay });
  }
  return a;
}

/** A volume per day as the map and its table print it: whole units, "< 1" for a fraction. */
export function formatVolume(perDay: number): string {
  if (perDay <= 0) return '0';
  if (perDay < 0.5) return '< 1';
  return Math.round(perDay).toLocaleString('en-US');
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
  /**
   * Organizations affected: both ends included (whole numbers). Volumes: from (exclusive)
   * to (inclusive), so every positive volume up to the largest falls in one class.
   */
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

export function regionMapModel(
  rows: readonly RegionInput[],
  measure: Measure = ORGANIZATIONS,
): RegionMapModel {
  const states = new Map<string, StateRow>();
  const unplaced: UnplacedRow[] = [];
  for (const r of rows) {
    const s = stateOfRegion(r.region);
    const figures = {
      organizationsAffected: r.organizationsAffected,
      workflowsFailed: r.workflowsFailed,
      workflowsDegraded: r.workflowsDegraded,
      volumesLost: addVolumes([], r.volumesLost),
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
      addVolumes(e.volumesLost as VolumeFigure[], figures.volumesLost);
    }
  }
  const by = (a: RegionFigures, b: RegionFigures) =>
    measureOf(b, measure) - measureOf(a, measure) || byFigures(a, b);
  const placed = [...states.values()].sort((a, b) => by(a, b) || a.state.name.localeCompare(b.state.name));
  const max = placed.reduce((m, s) => Math.max(m, measureOf(s, measure)), 0);
  return {
    states: placed,
    unplaced: unplaced.sort(by),
    classes: measure.kind === 'organizations' ? legendClasses(max) : volumeClasses(max),
  };
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

/**
 * Five classes of equal width over (0, max] for a volume per day (not whole numbers):
 * class k holds (max·(k−1)/5, max·k/5], so every positive volume up to max is in one.
 */
export function volumeClasses(max: number): LegendClass[] {
  if (!(max > 0)) return [];
  return SHADES.map((color, k) => ({
    from: (max * k) / SHADES.length,
    to: k === SHADES.length - 1 ? max : (max * (k + 1)) / SHADES.length,
    color,
  }));
}

/** The fill of a state with this many organizations affected. */
export function shadeOf(organizations: number, classes: readonly LegendClass[]): string {
  if (organizations < 1) return NO_IMPACT;
  return classes.find((c) => organizations >= c.from && organizations <= c.to)?.color ?? NO_IMPACT;
}

/** The fill of a state for its value of the measure the classes were made for. */
export function fillOf(value: number, measure: Measure, classes: readonly LegendClass[]): string {
  if (measure.kind === 'organizations') return shadeOf(value, classes);
  if (!(value > 0)) return NO_IMPACT;
  return classes.find((c) => value > c.from && value <= c.to)?.color ?? classes.at(-1)?.color ?? NO_IMPACT;
}
