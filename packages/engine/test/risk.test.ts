import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type EntityKind,
  ENTITY_KINDS,
  entityRisk,
  fourthPartyConcentration,
  GraphBuilder,
  directDependents,
  impact,
  InvalidInputError,
  systemicRisk,
} from '../src/index';
import { arbCase, toGraph } from './helpers';

// Seeded so a failure replays: FC_SEED=<n> runs another sequence (fast-check prints the
// seed and path of a failing case).
const SEED = Number(process.env.FC_SEED ?? 20261202);

/**
 *   sup-cloud ── svc-cloud ◄── svc-big (sup-big)   ◄── wf-a1 (org-a, tol 0, crit 1)      cf1
 *                          │                       ◄── wf-b1 (org-b, tol 12, wc .5, crit 2) cf1
 *                          │                       ◄── ast-c (org-c) ◄── wf-c1 (org-c, crit 5) cf2
 *                          │                       ◄── wf-c2 (org-c) alternatives {svc-big, svc-red}
 *                          └── svc-small (sup-small) ◄── wf-a2 (org-a, criticality unset)   cf2
 *   sup-red ── svc-red ◄── wf-c2
 */
function ecosystem() {
  const b = new GraphBuilder();
  for (const id of ['sup-cloud', 'sup-big', 'sup-small', 'sup-red']) b.addNode({ id, kind: 'SUPPLIER' });
  for (const [svc, sup] of [
    ['svc-cloud', 'sup-cloud'],
    ['svc-big', 'sup-big'],
    ['svc-small', 'sup-small'],
    ['svc-red', 'sup-red'],
  ] as const) {
    b.addNode({ id: svc, kind: 'SERVICE' }).addProvidedBy(svc, sup);
  }
  for (const id of ['org-a', 'org-b', 'org-c']) b.addNode({ id, kind: 'ORGANIZATION' });
  for (const id of ['cf1', 'cf2']) b.addNode({ id, kind: 'CRITICAL_FUNCTION' });
  b.addNode({ id: 'ast-c', kind: 'ASSET' }).addOwns('org-c', 'ast-c');
  const wf = (id: string, org: string, extra: object) =>
    b.addNode({ id, kind: 'WORKFLOW', ...extra }).addPerforms(org, id);
  wf('wf-a1', 'org-a', { criticality: 1 });
  wf('wf-b1', 'org-b', { toleranceHours: 12, workaroundCapacity: 0.5, criticality: 2 });
  wf('wf-c1', 'org-c', { criticality: 5 });
  wf('wf-c2', 'org-c', {});
  wf('wf-a2', 'org-a', {});
  b.addSupports('wf-a1', 'cf1')
    .addSupports('wf-b1', 'cf1')
    .addSupports('wf-c1', 'cf2')
    .addSupports('wf-a2', 'cf2');
  b.addDependency({ from: 'svc-big', to: 'svc-cloud' }).addDependency({ from: 'svc-small', to: 'svc-cloud' });
  b.addDependency({ from: 'wf-a1', to: 'svc-big' }).addDependency({ from: 'wf-b1', to: 'svc-big' });
  b.addDependency({ from: 'ast-c', to: 'svc-big' }).addDependency({ from: 'wf-c1', to: 'ast-c' });
  b.addDependency({ from: 'wf-c2', to: 'svc-big', group: 'ehr' });
  b.addDependency({ from: 'wf-c2', to: 'svc-red', group: 'ehr' });
  b.addDependency({ from: 'wf-a2', to: 'svc-small' });
  return b.build();
}

describe('systemicRisk', () => {
  const g = ecosystem();

  it('ranks suppliers by the documented score, with its components', () => {
    const r = systemicRisk(g, { durationHours: 8 });
    expect(r.map((x) => [x.id, Number(x.score.toFixed(6))])).toEqual([
      ['sup-cloud', 206.8],
      ['sup-big', 156.2],
      ['sup-small', 60.6],
      ['sup-red', 0],
    ]);
    expect(r[1]).toEqual({
      id: 'sup-big',
      kind: 'SUPPLIER',
      score: expect.closeTo(156.2, 9),
      // cf1: (1 + 0.5)/2, cf2: 1/2; wf-a1 criticality 1 → 1, wf-c1 criticality 5 → 0.2
      components: {
        capacityLoss: 1.25,
        organizationsAffected: 3,
        failedWorkflowWeight: expect.closeTo(1.2, 12),
      },
      directDependents: 4, // wf-a1, wf-b1, ast-c, wf-c2 depend on svc-big
      organizationsAffected: 3,
      workflowsFailed: 2,
      functionsImpaired: 2,
      singlePointOfFailureFor: 3, // indefinitely wf-b1's workaround runs out too; wf-c2 has an alternative
    });
    expect(r[0]).toMatchObject({ directDependents: 2, workflowsFailed: 3, singlePointOfFailureFor: 4 });
    expect(r[3]).toMatchObject({ directDependents: 1, organizationsAffected: 0, functionsImpaired: 0 });
  });

  it('indefinite outage, other kinds, first', () => {
    const r = systemicRisk(g, { kinds: ['SERVICE', 'ASSET'], first: 2 });
    expect(r.map((x) => x.id)).toEqual(['svc-cloud', 'svc-big']);
    // indefinitely wf-b1 fails too: cf1 fully lost
    expect(r[1]!.components.capacityLoss).toBe(1.5);
    expect(entityRisk(g, 'ast-c')).toMatchObject({
      kind: 'ASSET',
      workflowsFailed: 1,
      singlePointOfFailureFor: 1,
    });
    expect(() => entityRisk(g, 'nope')).toThrow(/nope/);
    expect(() => systemicRisk(g, { durationHours: 0 })).toThrow(InvalidInputError);
    expect(() => systemicRisk(g, { kinds: ['X' as EntityKind] })).toThrow(InvalidInputError);
    expect(() => systemicRisk(g, { first: -1 })).toThrow(InvalidInputError);
  });

  it('property: every ranking agrees with impact() of the entity alone', () => {
    fc.assert(
      fc.property(arbCase(), ({ plain, duration }) => {
        const g = toGraph(plain);
        const ranking = systemicRisk(g, { kinds: ENTITY_KINDS, durationHours: duration });
        expect(ranking.length).toBe(plain.ids.length);
        for (let i = 1; i < ranking.length; i++) {
          const [a, b] = [ranking[i - 1]!, ranking[i]!];
          expect(a.score > b.score || (a.score === b.score && a.id < b.id)).toBe(true);
        }
        for (const r of ranking) {
          const at = impact(g, { failed: [{ id: r.id }], durationHours: duration });
          const forever = impact(g, { failed: [{ id: r.id }] });
          expect(r.organizationsAffected).toBe(at.summary.organizationsAffected);
          expect(r.workflowsFailed).toBe(at.summary.workflowsFailed);
          expect(r.functionsImpaired).toBe(at.summary.functions.filter((f) => f.capacityLoss > 0).length);
          const capacity = at.summary.functions.reduce((s, f) => s + f.capacityLoss, 0);
          expect(r.components.capacityLoss).toBeCloseTo(capacity, 12);
          const self = r.kind === 'WORKFLOW' ? 1 : 0;
          expect(r.singlePointOfFailureFor).toBe(forever.summary.workflowsFailed - self);
          const n = plain.ids.indexOf(r.id);
          const targets = new Set([
            n,
            ...plain.parents.filter(([c, p]) => p === n && plain.kinds[c] === 'SERVICE').map(([c]) => c),
          ]);
          const direct = new Set(plain.deps.filter((d) => targets.has(d.to)).map((d) => d.from));
          const expected =
            plain.kinds[n] === 'SUPPLIER'
              ? direct
              : new Set(plain.deps.filter((d) => d.to === n).map((d) => d.from));
          expect(r.directDependents).toBe(expected.size);
          // the list Details shows is the same definition: the same entities, in id order
          expect(directDependents(g, r.id)).toEqual(
            [...expected].map((m) => plain.ids[m]!).sort((a, b) => g.indexOf(a) - g.indexOf(b)),
          );
          expect(r.score).toBeCloseTo(
            100 * r.components.capacityLoss +
              10 * r.organizationsAffected +
              r.components.failedWorkflowWeight,
            9,
          );
        }
      }),
      { seed: SEED, numRuns: 150 },
    );
  });
});

describe('fourthPartyConcentration', () => {
  it('finds the supplier behind the suppliers', () => {
    expect(fourthPartyConcentration(ecosystem())).toEqual([
      { id: 'sup-cloud', kind: 'SUPPLIER', firstTierDependents: 2, organizationsReached: 3 },
      { id: 'svc-cloud', kind: 'SERVICE', firstTierDependents: 2, organizationsReached: 3 },
    ]);
    expect(fourthPartyConcentration(ecosystem(), { first: 1 })).toHaveLength(1);
  });

  it('follows chains of services and ignores a supplier’s own services', () => {
    const b = new GraphBuilder();
    for (const id of ['A', 'B', 'C']) b.addNode({ id, kind: 'SUPPLIER' });
    b.addNode({ id: 'a1', kind: 'SERVICE' }).addProvidedBy('a1', 'A');
    b.addNode({ id: 'a2', kind: 'SERVICE' }).addProvidedBy('a2', 'A');
    b.addNode({ id: 'b1', kind: 'SERVICE' }).addProvidedBy('b1', 'B');
    b.addNode({ id: 'c1', kind: 'SERVICE' }).addProvidedBy('c1', 'C');
    b.addNode({ id: 'org', kind: 'ORGANIZATION' });
    b.addNode({ id: 'w', kind: 'WORKFLOW' }).addPerforms('org', 'w');
    // w → a1 → a2 (same supplier) → b1 → c1
    b.addDependency({ from: 'w', to: 'a1' }).addDependency({ from: 'a1', to: 'a2' });
    b.addDependency({ from: 'a2', to: 'b1' }).addDependency({ from: 'b1', to: 'c1' });
    const r = fourthPartyConcentration(b.build());
    expect(r.map((e) => e.id)).toEqual(['B', 'C', 'b1', 'c1']);
    expect(r.every((e) => e.firstTierDependents === 1 && e.organizationsReached === 1)).toBe(true);
  });
});
