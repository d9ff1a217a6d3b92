/**
 * Ranked mitigations: every stated effect equals a fresh simulation on a graph built
 * from scratch with that suggestion's edits made to the plain model (random graphs,
 * seeded), suggestions come ranked and only when they help, and a plan's steps carry
 * their cumulative effect. Plus a hand-worked clearinghouse example.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  GraphBuilder,
  type ImpactResult,
  InvalidInputError,
  type Mitigation,
  impact,
  mitigationPlan,
  mitigations,
} from '../src/index';
import { arbCase, clonePlain, editPlain, type Plain, toGraph, uniqueDeps } from './helpers';

const SEED = Number(process.env.FC_SEED ?? 20_261_203);
console.log(`mitigations.property.test: fast-check seed ${SEED} (set FC_SEED to change)`);

const loss = (r: ImpactResult) => r.summary.functions.reduce((s, f) => s + f.capacityLoss, 0);

/** The effect a fresh simulation gives for `changes` made to `plain`. */
function fresh(plain: Plain, changes: Mitigation['changes'], options: Parameters<typeof impact>[1]) {
  const edited = clonePlain(plain);
  for (const c of changes) expect(editPlain(edited, c)).toBe(true);
  const before = impact(toGraph(plain), options);
  const after = impact(toGraph(edited), options);
  return {
    workflowsSaved: before.summary.workflowsFailed - after.summary.workflowsFailed,
    organizationsSpared: before.summary.organizationsAffected - after.summary.organizationsAffected,
    capacityLossReduction: loss(before) - loss(after),
  };
}

describe('mitigations', () => {
  it('states, for each suggestion, the effect a fresh simulation with its changes gives', () => {
    let checked = 0;
    fc.assert(
      fc.property(arbCase({ maxNodes: 14 }), fc.constantFrom(1, 5, 24), (c, hours) => {
        const plain = uniqueDeps(c.plain);
        // Services in two categories, so alternatives of the same category exist.
        plain.categories = plain.kinds.map((k, i) => (k === 'SERVICE' ? (i % 2 ? 'claims' : 'cloud') : null));
        const g = toGraph(plain);
        const options = { failed: c.failed.map((n) => ({ id: plain.ids[n]! })), durationHours: c.duration };
        const found = mitigations(g, options, { first: 100, workaroundHours: hours, maxCandidates: 1000 });
        for (const m of found) {
          const want = fresh(plain, m.changes, options);
          expect(m.workflowsSaved).toBe(want.workflowsSaved);
          expect(m.organizationsSpared).toBe(want.organizationsSpared);
          expect(m.capacityLossReduction).toBeCloseTo(want.capacityLossReduction, 9);
          // Listed only when it helps.
          expect(m.workflowsSaved > 0 || m.organizationsSpared > 0 || m.capacityLossReduction > 0).toBe(true);
          checked++;
        }
        // Ranked: workflows saved, then organizations spared, then capacity loss.
        for (let i = 1; i < found.length; i++) {
          const [a, b] = [found[i - 1]!, found[i]!];
          const key = (m: Mitigation) => [m.workflowsSaved, m.organizationsSpared, m.capacityLossReduction];
          const [x, y] = [key(a), key(b)];
          const order = x[0]! - y[0]! || x[1]! - y[1]! || x[2]! - y[2]!;
          expect(order).toBeGreaterThanOrEqual(0);
        }
        // A plan's steps: cumulative effect of all its changes so far.
        const plan = mitigationPlan(g, options, 2, { workaroundHours: hours, maxCandidates: 1000 });
        if (found.length > 0) expect(plan[0]!.workflowsSaved).toBe(found[0]!.workflowsSaved);
        const made: Mitigation['changes'] = [];
        for (const step of plan) {
          made.push(...step.changes);
          const want = fresh(plain, made, options);
          expect(step.workflowsSaved).toBe(want.workflowsSaved);
          expect(step.organizationsSpared).toBe(want.organizationsSpared);
          expect(step.capacityLossReduction).toBeCloseTo(want.capacityLossReduction, 9);
        }
      }),
      { seed: SEED, numRuns: 300 },
    );
    // The generator produces failures that mitigations help: the check is exercised.
    expect(checked).toBeGreaterThan(50);
  });

  // sup-ch1 → svc-ch1 ◄── wf-claims (tolerance 24 h), ungrouped; svc-ch2 (same category,
  // another supplier) is unused; wf-er depends on nothing. sup-ch1 fails for 72 h.
  const g = new GraphBuilder()
    .addNodes([
      { id: 'sup-ch1', kind: 'SUPPLIER', name: 'ClearPath' },
      { id: 'sup-ch2', kind: 'SUPPLIER', name: 'AltClaims' },
      { id: 'svc-ch1', kind: 'SERVICE', name: 'ClearPath claims API', category: 'Claims clearinghouse' },
      { id: 'svc-ch2', kind: 'SERVICE', name: 'AltClaims API', category: 'claims clearinghouse' },
      { id: 'org', kind: 'ORGANIZATION', name: 'Riverside General' },
      { id: 'wf-claims', kind: 'WORKFLOW', name: 'Claims submission', toleranceHours: 24 },
      { id: 'cf', kind: 'CRITICAL_FUNCTION', name: 'Process claims' },
    ])
    .addProvidedBy('svc-ch1', 'sup-ch1')
    .addProvidedBy('svc-ch2', 'sup-ch2')
    .addPerforms('org', 'wf-claims')
    .addSupports('wf-claims', 'cf')
    .addDependency({ from: 'wf-claims', to: 'svc-ch1', strength: 0.8 })
    .build();
  const input = { failed: [{ id: 'sup-ch1' }], durationHours: 72 };

  it('suggests an alternative of the same category, a longer workaround and removing the single point of failure', () => {
    const found = mitigations(g, input, { workaroundHours: 48 });
    expect(found.map((m) => [m.kind, m.workflowsSaved, m.organizationsSpared])).toEqual([
      // A tie: ordered by explanation ("Give …" before "Remove …").
      ['ADD_ALTERNATIVE', 1, 1],
      ['REMOVE_SPOF', 1, 1],
      // 24 + 48 = 72 h: the workaround holds to the end, degraded but not failed.
      ['WORKAROUND', 1, 0],
    ]);
    const alt = found.find((m) => m.kind === 'ADD_ALTERNATIVE')!;
    // The ungrouped edge joins a new group with its alternative, its strength kept.
    expect(alt.changes).toEqual([
      { addDependency: { from: 'wf-claims', to: 'svc-ch1', group: 'alternative|svc-ch1', strength: 0.8 } },
      { addDependency: { from: 'wf-claims', to: 'svc-ch2', group: 'alternative|svc-ch1', strength: 0.8 } },
    ]);
    expect(alt.explanation).toBe(
      'Give Claims submission (Riverside General) AltClaims API as an alternative to ClearPath claims API (same category: Claims clearinghouse)',
    );
    expect(alt.capacityLossReduction).toBe(1);
    expect(alt.functions).toEqual([{ functionId: 'cf', reduction: 1 }]);
    expect(mitigations(g, input, { kinds: ['WORKAROUND'], workaroundHours: 12 })).toEqual([]);
  });

  it('refuses bad bounds, naming them', () => {
    expect(() => mitigations(g, input, { first: 0 })).toThrow(InvalidInputError);
    expect(() => mitigations(g, input, { workaroundHours: -1 })).toThrow(/^workaroundHours: /);
    expect(() => mitigationPlan(g, input, 11)).toThrow(/^steps: must be a whole number from 1 to 10/);
  });
});
