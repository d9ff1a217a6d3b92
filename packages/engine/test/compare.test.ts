import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CompactGraph,
  compareImpacts,
  GraphBuilder,
  type ImpactedEntity,
  impact,
  type ScenarioChange,
} from '../src/index';
import { arbCase, toGraph } from './helpers';

/**
 *   sup ── svc ◄── wf-fast (org-a; tol 4)
 *              ◄── wf-slow (org-a; tol 30, workaround .5)
 *              ◄── wf-b    (org-b; tol 100)
 *   sup2 ── svc2 ◄── wf-other (org-b; tol 1)
 */
function ecosystem(): CompactGraph {
  const b = new GraphBuilder();
  for (const id of ['sup', 'sup2']) b.addNode({ id, kind: 'SUPPLIER', name: id.toUpperCase() });
  for (const id of ['svc', 'svc2']) b.addNode({ id, kind: 'SERVICE' });
  b.addNode({ id: 'org-a', kind: 'ORGANIZATION', name: 'Alpha Health' });
  b.addNode({ id: 'org-b', kind: 'ORGANIZATION', name: 'Beta Clinic' });
  b.addNode({ id: 'wf-fast', kind: 'WORKFLOW', name: 'Fast', toleranceHours: 4 });
  b.addNode({ id: 'wf-slow', kind: 'WORKFLOW', name: 'Slow', toleranceHours: 30, workaroundCapacity: 0.5 });
  b.addNode({ id: 'wf-b', kind: 'WORKFLOW', name: 'B', toleranceHours: 100 });
  b.addNode({ id: 'wf-other', kind: 'WORKFLOW', name: 'Other', toleranceHours: 1 });
  b.addProvidedBy('svc', 'sup');
  b.addProvidedBy('svc2', 'sup2');
  for (const wf of ['wf-fast', 'wf-slow', 'wf-b']) b.addDependency({ from: wf, to: 'svc' });
  b.addDependency({ from: 'wf-other', to: 'svc2' });
  for (const wf of ['wf-fast', 'wf-slow']) b.addPerforms('org-a', wf);
  for (const wf of ['wf-b', 'wf-other']) b.addPerforms('org-b', wf);
  return b.build();
}

const run = (g: CompactGraph, failed: string[], durationHours?: number) =>
  impact(g, { failed: failed.map((id) => ({ id })), durationHours }).affected;

const MIRROR: Record<ScenarioChange, ScenarioChange> = {
  ONLY_A: 'ONLY_B',
  ONLY_B: 'ONLY_A',
  DEGRADED_TO_FAILED: 'FAILED_TO_DEGRADED',
  FAILED_TO_DEGRADED: 'DEGRADED_TO_FAILED',
  EARLIER_IN_B: 'LATER_IN_B',
  LATER_IN_B: 'EARLIER_IN_B',
};

describe('compareImpacts', () => {
  it('lists workflows that go from degraded to failed when the outage is longer, by organization', () => {
    const g = ecosystem();
    const c = compareImpacts(g, run(g, ['sup'], 12), run(g, ['sup'], 48));
    // wf-slow is degraded (tolerance 30 not reached) at 12 h, failed at 48 h; wf-b stays degraded.
    expect(c.changes.map((x) => [x.id, x.change])).toEqual([['wf-slow', 'DEGRADED_TO_FAILED']]);
    expect(c.byOrganization.map((o) => o.organizationId)).toEqual(['org-a']);
    expect(c.totals).toMatchObject({ DEGRADED_TO_FAILED: 1, total: 1 });
    const [row] = c.changes;
    expect(row).toMatchObject({
      stateA: 'DEGRADED',
      stateB: 'FAILED',
      failedAtHoursA: null,
      failedAtHoursB: 30,
    });
    expect(row?.shiftHours).toBeNull();
  });

  it('lists what only one scenario affects, and groups suppliers and services apart (last)', () => {
    const g = ecosystem();
    const c = compareImpacts(g, run(g, ['sup'], 12), run(g, ['sup2'], 12));
    expect(c.byOrganization.map((o) => o.organizationId)).toEqual(['org-a', 'org-b', null]);
    const byId = Object.fromEntries(c.changes.map((x) => [x.id, x.change]));
    expect(byId).toEqual({
      'wf-fast': 'ONLY_A',
      'wf-slow': 'ONLY_A',
      'wf-b': 'ONLY_A',
      'wf-other': 'ONLY_B',
      sup: 'ONLY_A',
      svc: 'ONLY_A',
      sup2: 'ONLY_B',
      svc2: 'ONLY_B',
    });
    // ONLY_B is listed before ONLY_A within a group.
    expect(c.byOrganization[1]!.changes.map((x) => x.id)).toEqual(['wf-other', 'wf-b']);
    expect(c.totals).toMatchObject({ ONLY_A: 5, ONLY_B: 3, total: 8 });
  });

  it('says by how much a failure is earlier or later', () => {
    const b = new GraphBuilder();
    b.addNode({ id: 'sup', kind: 'SUPPLIER' });
    b.addNode({ id: 'mid', kind: 'WORKFLOW', toleranceHours: 10 });
    b.addNode({ id: 'end', kind: 'WORKFLOW', toleranceHours: 5 });
    b.addDependency({ from: 'mid', to: 'sup' });
    b.addDependency({ from: 'end', to: 'mid' });
    const g = b.build();
    // end fails 5 h after mid: at 15 h when sup fails, at 5 h when mid fails too.
    const c = compareImpacts(g, run(g, ['sup']), run(g, ['sup', 'mid']));
    const end = c.changes.find((x) => x.id === 'end');
    expect(end).toMatchObject({
      change: 'EARLIER_IN_B',
      failedAtHoursA: 15,
      failedAtHoursB: 5,
      shiftHours: -10,
    });
    const back = compareImpacts(g, run(g, ['sup', 'mid']), run(g, ['sup'])).changes.find(
      (x) => x.id === 'end',
    );
    expect(back).toMatchObject({ change: 'LATER_IN_B', shiftHours: 10 });
  });

  it('lists exactly the entities whose state or state time differs; B vs A is the mirror (property)', () => {
    const key = (x: ImpactedEntity) =>
      `${x.state}@${x.state === 'FAILED' ? x.failedAtHours : x.disruptedAtHours}`;
    fc.assert(
      fc.property(
        arbCase(),
        fc.constantFrom(undefined, 0.5, 1, 2, 3, 6),
        ({ plain, failed, duration }, other) => {
          const g = toGraph(plain);
          const ids = failed.map((f) => plain.ids[f]!);
          const a = run(g, ids, duration);
          const b = run(g, ids.slice(0, 1), other);
          const c = compareImpacts(g, a, b);
          const ka = new Map(a.map((x) => [x.id, key(x)]));
          const kb = new Map(b.map((x) => [x.id, key(x)]));
          const differ = [...new Set([...ka.keys(), ...kb.keys()])].filter((id) => ka.get(id) !== kb.get(id));
          expect(c.changes.map((x) => x.id).sort()).toEqual(differ.sort());
          expect(c.totals.total).toBe(c.changes.length);
          for (const o of c.byOrganization) {
            expect(o.totals.total).toBe(o.changes.length);
            for (const x of o.changes) {
              const n = g.indexOf(x.id);
              const kind = g.kindOf(n);
              const owner = kind === 'WORKFLOW' || kind === 'ASSET' ? g.parentsOf(n)[0] : undefined;
              const expected = kind === 'ORGANIZATION' ? x.id : owner === undefined ? null : g.ids[owner];
              expect(o.organizationId).toBe(expected);
            }
          }
          const mirror = compareImpacts(g, b, a);
          const mirrored = new Map(mirror.changes.map((x) => [x.id, x]));
          for (const x of c.changes) {
            const m = mirrored.get(x.id)!;
            expect(m.change).toBe(MIRROR[x.change]);
            expect(m.shiftHours === null ? null : -m.shiftHours).toBe(
              x.shiftHours === null ? null : x.shiftHours,
            );
          }
          expect(compareImpacts(g, a, a).changes).toEqual([]);
        },
      ),
      { numRuns: 300, seed: 18 },
    );
  });
});
