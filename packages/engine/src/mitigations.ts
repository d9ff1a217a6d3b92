// Ranked mitigations (issue 14 item 2): which single change to the map would most
// reduce the damage of this failure. Candidates come only from the dependency groups on
// the failure's causal paths (the groups that actually carried it to a failed
// workflow), most travelled first, and each is measured by re-running the simulation
// on the graph with that change: a stated effect is a simulation, never an estimate.
// In the discrete model each candidate is one propagation with the change applied as a
// run tweak (a group that never fires, one tolerance replaced) instead of a copy of the
// graph per candidate (issue 14: ten suggestions at size M in ≤ 2 s); the other model
// re-simulates on a graph with the changes made (applyWhatIf).
import { InvalidInputError } from './errors';
import { type CompactGraph, Kind } from './graph';
import { type DiscreteTotals, discreteTotals, impact, type RunTweak } from './impact';
import { IMPACT_DEFAULTS, type ImpactOptions, type ImpactResult } from './types';
import { resolveDuration, resolveFailures } from './validate';
import { applyWhatIf, type WhatIfChange, whatIfOps } from './whatif';

export const MITIGATION_KINDS = ['ADD_ALTERNATIVE', 'WORKAROUND', 'REMOVE_SPOF'] as const;
export type MitigationKind = (typeof MITIGATION_KINDS)[number];

export interface MitigationEffect {
  /** Workflows FAILED without the change minus those FAILED with it. */
  workflowsSaved: number;
  /** Organizations affected without the change minus those affected with it. */
  organizationsSpared: number;
  /** Σ over critical functions of capacity loss without minus with the change. */
  capacityLossReduction: number;
  /** Per critical function, where it differs: capacity loss without minus with. */
  functions: { functionId: string; reduction: number }[];
}

export interface Mitigation extends MitigationEffect {
  kind: MitigationKind;
  /**
   * The what-if changes that make it, in order: one, or two when an ungrouped
   * dependency gets its first alternative (both edges then share a new group).
   */
  changes: WhatIfChange[];
  explanation: string;
}

export interface MitigationOptions {
  kinds?: readonly MitigationKind[];
  /** How many ranked suggestions (default 10). */
  first?: number;
  /** WORKAROUND: the hours a manual workaround adds to a workflow's tolerance (default 24). */
  workaroundHours?: number;
  /** The most candidates re-simulated (default 60): the bound on one request's work. */
  maxCandidates?: number;
  /** Changes already made (a plan's earlier steps); effects are measured on top of them. */
  base?: readonly WhatIfChange[];
}

export const DEFAULT_MITIGATIONS = 10;
export const DEFAULT_WORKAROUND_HOURS = 24;
export const DEFAULT_MAX_CANDIDATES = 60;
/** Alternatives tried per dependency group (same category, unaffected services). */
const ALTERNATIVES_PER_GROUP = 3;

interface Candidate {
  kind: MitigationKind;
  changes: WhatIfChange[];
  explanation: string;
  /** Failed workflows whose causal path runs through it: the order candidates are tried in. */
  weight: number;
  /**
   * The same change as a run tweak, exact within the horizon: the alternative is not
   * disrupted before D, so the group it joins cannot fire before D either.
   */
  tweak: RunTweak;
}

const tweak = (t: Partial<RunTweak>): RunTweak => ({
  disabledGroup: -1,
  toleranceNode: -1,
  toleranceHours: 0,
  ...t,
});

const totalLoss = (r: DiscreteTotals) => r.functions.reduce((s, f) => s + f.capacityLoss, 0);

/** The effect of going from `before` to `after` (both summaries for the same input). */
export function effectOf(before: DiscreteTotals, after: DiscreteTotals): MitigationEffect {
  const loss = new Map<string, number>();
  for (const f of before.functions) loss.set(f.functionId, f.capacityLoss);
  for (const f of after.functions) loss.set(f.functionId, (loss.get(f.functionId) ?? 0) - f.capacityLoss);
  const functions = [...loss]
    .filter(([, r]) => Math.abs(r) > 1e-12)
    .map(([functionId, reduction]) => ({ functionId, reduction }))
    .sort((a, b) => b.reduction - a.reduction || (a.functionId < b.functionId ? -1 : 1));
  return {
    workflowsSaved: before.workflowsFailed - after.workflowsFailed,
    organizationsSpared: before.organizationsAffected - after.organizationsAffected,
    capacityLossReduction: totalLoss(before) - totalLoss(after),
    functions,
  };
}

/** "Claims submission (Riverside General)": a workflow or asset with its organization. */
function label(g: CompactGraph, n: number): string {
  const owner = g.parentsOf(n);
  const k = g.kinds[n];
  return (k === Kind.WORKFLOW || k === Kind.ASSET) && owner.length > 0
    ? `${g.names[n]} (${g.names[owner[0]!]})`
    : g.names[n]!;
}

const byWeight = (xs: Candidate[]) =>
  xs.sort((a, b) => b.weight - a.weight || (a.explanation < b.explanation ? -1 : 1));

/**
 * The first `max` candidates by weight (then explanation) of those `expand` makes from
 * the entries, expanding only the entries that can reach the first `max`: entries go
 * heaviest first, and once `max` are made only entries of the same weight follow (their
 * candidates may come first by explanation). A causal tree at size M has thousands of
 * groups; the ranking tries a few dozen.
 */
function mostTravelled<E extends { weight: number }>(
  entries: E[],
  max: number,
  expand: (e: E) => Candidate[],
): Candidate[] {
  entries.sort((a, b) => b.weight - a.weight);
  const made: Candidate[] = [];
  for (const e of entries) {
    if (made.length >= max && e.weight < made[made.length - 1]!.weight) break;
    made.push(...expand(e));
  }
  return byWeight(made).slice(0, max);
}

/** The candidates of each kind on the failure's causal paths, most travelled first (at most `max` each). */
function candidates(
  g: CompactGraph,
  base: ImpactResult,
  kinds: ReadonlySet<MitigationKind>,
  hours: number,
  max: number,
) {
  const affected = new Set(base.affected.map((a) => a.id));
  // Dependency groups on causal paths (owner n, group gi, the member m the path follows),
  // and failed workflows, each with how many failed workflows' paths run through it.
  const groups = new Map<number, { n: number; m: number; weight: number }>();
  const workflows = new Map<number, number>();
  for (const a of base.affected) {
    if (a.state !== 'FAILED' || a.kind !== 'WORKFLOW') continue;
    const path = a.because.map((id) => g.indexOf(id));
    for (let i = 0; i < path.length; i++) {
      const n = path[i]!;
      if (g.kinds[n] === Kind.WORKFLOW && i < path.length - 1) workflows.set(n, (workflows.get(n) ?? 0) + 1);
      if (i === path.length - 1) break;
      const m = path[i + 1]!;
      for (const gi of g.groupsOf(n)) {
        if (!g.membersOf(gi).includes(m)) continue;
        const e = groups.get(gi) ?? { n, m, weight: 0 };
        e.weight++;
        groups.set(gi, e);
        break;
      }
    }
  }
  const out: Candidate[][] = [];

  if (kinds.has('ADD_ALTERNATIVE')) {
    // Per category, the services not affected by this failure in id order, made once
    // and only for the categories asked for.
    let byCategory: Map<string, number[]> | undefined;
    const pool = (category: string): number[] => {
      if (!byCategory) {
        byCategory = new Map();
        for (let s = 0; s < g.ids.length; s++) {
          const c = g.kinds[s] === Kind.SERVICE ? g.categories[s]?.toLowerCase() : undefined;
          if (!c || affected.has(g.ids[s]!)) continue;
          const list = byCategory.get(c) ?? [];
          list.push(s);
          byCategory.set(c, list);
        }
        for (const list of byCategory.values()) list.sort((a, b) => (g.ids[a]! < g.ids[b]! ? -1 : 1));
      }
      return byCategory.get(category) ?? [];
    };
    const entries = [...groups].map(([gi, e]) => ({ gi, ...e }));
    out.push(
      mostTravelled(entries, max, ({ gi, n, m, weight }) => {
        const category = g.kinds[m] === Kind.SERVICE ? g.categories[m]?.toLowerCase() : undefined;
        if (!category) return [];
        const used = new Set<number>();
        for (const gj of g.groupsOf(n)) for (const x of g.membersOf(gj)) used.add(x);
        const alternatives: number[] = [];
        for (const s of pool(category)) {
          if (alternatives.length === ALTERNATIVES_PER_GROUP) break;
          if (s !== n && !used.has(s)) alternatives.push(s);
        }
        const from = g.ids[n]!;
        const labelOf = g.labelOf(gi);
        const k = g.membersOf(gi).indexOf(m);
        const strength = g.memberStrength[g.memberOffsets[gi]! + k]!;
        return alternatives.map((s): Candidate => {
          const group = labelOf ?? `alternative|${g.ids[m]}`;
          const changes: WhatIfChange[] = [];
          // An ungrouped edge joins a new group with its alternative, its strength kept.
          if (labelOf === null) changes.push({ addDependency: { from, to: g.ids[m]!, group, strength } });
          changes.push({ addDependency: { from, to: g.ids[s]!, group, strength } });
          return {
            kind: 'ADD_ALTERNATIVE',
            changes,
            weight,
            tweak: tweak({ disabledGroup: gi }),
            explanation: `Give ${label(g, n)} ${g.names[s]} as an alternative to ${g.names[m]} (same category: ${g.categories[m]})`,
          };
        });
      }),
    );
  }
  if (kinds.has('WORKAROUND')) {
    const entries = [...workflows].map(([w, weight]) => ({ w, weight }));
    out.push(
      mostTravelled(entries, max, ({ w, weight }) => {
        const tolerance = g.tolerance[w]!;
        return [
          {
            kind: 'WORKAROUND',
            changes: [{ setWorkflow: { id: g.ids[w]!, toleranceHours: tolerance + hours } }],
            weight,
            tweak: tweak({ toleranceNode: w, toleranceHours: tolerance + hours }),
            explanation: `A manual workaround of ${hours} h more for ${label(g, w)}: it holds ${tolerance + hours} h instead of ${tolerance} h`,
          },
        ];
      }),
    );
  }
  if (kinds.has('REMOVE_SPOF')) {
    const entries = [...groups].map(([gi, e]) => ({ gi, ...e }));
    out.push(
      mostTravelled(entries, max, ({ gi, n, m, weight }) =>
        g.membersOf(gi).length !== 1
          ? []
          : [
              {
                kind: 'REMOVE_SPOF',
                changes: [{ removeDependency: { from: g.ids[n]!, to: g.ids[m]! } }],
                weight,
                tweak: tweak({ disabledGroup: gi }),
                explanation: `Remove the single point of failure: ${label(g, n)} no longer depends on ${g.names[m]}`,
              },
            ],
      ),
    );
  }
  return out;
}

/** Round-robin over the kinds' lists, so one kind does not crowd out the others. */
function interleave(lists: Candidate[][], max: number): Candidate[] {
  const out: Candidate[] = [];
  for (let i = 0; out.length < max; i++) {
    let any = false;
    for (const l of lists) {
      if (i < l.length && out.length < max) {
        out.push(l[i]!);
        any = true;
      }
    }
    if (!any) break;
  }
  return out;
}

function check(input: MitigationOptions) {
  const first = input.first ?? DEFAULT_MITIGATIONS;
  if (!Number.isInteger(first) || first < 1 || first > 100)
    throw new InvalidInputError('first', 'must be a whole number from 1 to 100');
  const hours = input.workaroundHours ?? DEFAULT_WORKAROUND_HOURS;
  if (!(Number.isFinite(hours) && hours > 0 && hours <= 24 * 365))
    throw new InvalidInputError('workaroundHours', 'must be a number of hours above 0, at most 8,760');
  return { first, hours };
}

const totals = (r: ImpactResult): DiscreteTotals => r.summary;

const better = (a: Mitigation, b: Mitigation) =>
  b.workflowsSaved - a.workflowsSaved ||
  b.organizationsSpared - a.organizationsSpared ||
  b.capacityLossReduction - a.capacityLossReduction ||
  (a.explanation < b.explanation ? -1 : a.explanation > b.explanation ? 1 : 0);

/**
 * Single changes ranked by how much they reduce the damage of `input` (workflows saved,
 * then organizations spared, then capacity loss), each measured by a fresh simulation;
 * only changes that help are listed.
 */
export function mitigations(
  g: CompactGraph,
  input: ImpactOptions,
  options: MitigationOptions = {},
): Mitigation[] {
  const { first, hours } = check(options);
  const kinds = new Set(options.kinds?.length ? options.kinds : MITIGATION_KINDS);
  const base = options.base ?? [];
  const start = base.length > 0 ? applyWhatIf(g, base) : g;
  const before = impact(start, input);
  const max = options.maxCandidates ?? DEFAULT_MAX_CANDIDATES;
  const tried = interleave(candidates(start, before, kinds, hours, max), max);
  const discrete = (input.model ?? IMPACT_DEFAULTS.model) === 'DISCRETE';
  const F = resolveFailures(start, input.failed).nodes;
  const D = resolveDuration(input.durationHours);
  const found: Mitigation[] = [];
  for (const c of tried) {
    let after: DiscreteTotals;
    try {
      if (discrete) {
        // The domain rules are checked as for the real change; the run needs no copy.
        whatIfOps(start, c.changes);
        after = discreteTotals(start, F, D, c.tweak);
      } else {
        after = totals(impact(applyWhatIf(start, c.changes), input));
      }
    } catch (err) {
      // A candidate the domain rules refuse (an endpoint kind) is no suggestion.
      if (err instanceof InvalidInputError) continue;
      throw err;
    }
    const effect = effectOf(totals(before), after);
    if (effect.workflowsSaved > 0 || effect.organizationsSpared > 0 || effect.capacityLossReduction > 1e-12)
      found.push({ kind: c.kind, changes: c.changes, explanation: c.explanation, ...effect });
  }
  return found.sort(better).slice(0, first);
}

/**
 * A greedy plan of up to `steps` changes: each step the best mitigation on the map with
 * the earlier steps made; each step's effect is cumulative (all steps so far against
 * the map as it is). Stops early when nothing more helps.
 */
export function mitigationPlan(
  g: CompactGraph,
  input: ImpactOptions,
  steps: number,
  options: Omit<MitigationOptions, 'first' | 'base'> = {},
): Mitigation[] {
  if (!Number.isInteger(steps) || steps < 1 || steps > 10)
    throw new InvalidInputError('steps', 'must be a whole number from 1 to 10');
  const before = totals(impact(g, input));
  const made: WhatIfChange[] = [];
  const plan: Mitigation[] = [];
  for (let k = 0; k < steps; k++) {
    const [best] = mitigations(g, input, { ...options, first: 1, base: made });
    if (!best) break;
    made.push(...best.changes);
    const cumulative = effectOf(before, totals(impact(applyWhatIf(g, made), input)));
    plan.push({ ...best, ...cumulative });
  }
  return plan;
}
