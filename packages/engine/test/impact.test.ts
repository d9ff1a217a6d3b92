import { describe, expect, it } from 'vitest';
import { type CompactGraph, GraphBuilder, InvalidInputError, impact, UnknownEntityError } from '../src/index';

/**
 * A small claims ecosystem.
 *
 *   sup-change ── svc-claims ◄──┬── wf-a-claims (org-a; alternatives {svc-claims, svc-alt-claims}; tol 24, wc .5, vol 100)
 *              └─ svc-elig      │
 *   sup-alt ──── svc-alt-claims ┘
 *   svc-claims ◄── wf-b-claims (org-b; tol 48, wc .25, vol 300)
 *   svc-elig   ◄── wf-b-elig   (org-b; tol 0, vol 100)
 *   cf-claims ← wf-a-claims, wf-b-claims;  cf-access ← wf-b-elig
 *   sup-cloud ── svc-cloud ◄── ehr-a (asset of org-a) ◄── wf-a-adm (tol 4) ◄── wf-a-lab (tol 8)
 *   wf-a-billing (org-a; tol 6) depends on wf-b-claims
 */
function claims(): CompactGraph {
  const b = new GraphBuilder();
  for (const id of ['sup-change', 'sup-alt', 'sup-cloud']) b.addNode({ id, kind: 'SUPPLIER' });
  for (const id of ['svc-claims', 'svc-elig', 'svc-alt-claims', 'svc-cloud'])
    b.addNode({ id, kind: 'SERVICE' });
  for (const id of ['org-a', 'org-b', 'org-empty']) b.addNode({ id, kind: 'ORGANIZATION' });
  for (const id of ['cf-claims', 'cf-access']) b.addNode({ id, kind: 'CRITICAL_FUNCTION' });
  b.addNode({ id: 'ehr-a', kind: 'ASSET' });
  b.addNode({
    id: 'wf-a-claims',
    kind: 'WORKFLOW',
    toleranceHours: 24,
    workaroundCapacity: 0.5,
    volumePerDay: 100,
  });
  b.addNode({
    id: 'wf-b-claims',
    kind: 'WORKFLOW',
    toleranceHours: 48,
    workaroundCapacity: 0.25,
    volumePerDay: 300,
  });
  b.addNode({ id: 'wf-b-elig', kind: 'WORKFLOW', toleranceHours: 0, volumePerDay: 100 });
  b.addNode({ id: 'wf-a-adm', kind: 'WORKFLOW', toleranceHours: 4 });
  b.addNode({ id: 'wf-a-lab', kind: 'WORKFLOW', toleranceHours: 8 });
  b.addNode({ id: 'wf-a-billing', kind: 'WORKFLOW', toleranceHours: 6 });
  b.addProvidedBy('svc-claims', 'sup-change').addProvidedBy('svc-elig', 'sup-change');
  b.addProvidedBy('svc-alt-claims', 'sup-alt').addProvidedBy('svc-cloud', 'sup-cloud');
  b.addPerforms('org-a', 'wf-a-claims').addPerforms('org-a', 'wf-a-adm').addPerforms('org-a', 'wf-a-lab');
  b.addPerforms('org-a', 'wf-a-billing')
    .addPerforms('org-b', 'wf-b-claims')
    .addPerforms('org-b', 'wf-b-elig');
  b.addOwns('org-a', 'ehr-a');
  b.addSupports('wf-a-claims', 'cf-claims').addSupports('wf-b-claims', 'cf-claims');
  b.addSupports('wf-b-elig', 'cf-access');
  b.addDependency({ from: 'wf-a-claims', to: 'svc-claims', group: 'clearinghouse' });
  b.addDependency({ from: 'wf-a-claims', to: 'svc-alt-claims', group: 'clearinghouse' });
  b.addDependency({ from: 'wf-b-claims', to: 'svc-claims' });
  b.addDependency({ from: 'wf-b-elig', to: 'svc-elig' });
  b.addDependency({ from: 'ehr-a', to: 'svc-cloud' });
  b.addDependency({ from: 'wf-a-adm', to: 'ehr-a' });
  b.addDependency({ from: 'wf-a-lab', to: 'wf-a-adm' });
  b.addDependency({ from: 'wf-a-billing', to: 'wf-b-claims' });
  return b.build();
}

const byId = (r: ReturnType<typeof impact>) => Object.fromEntries(r.affected.map((e) => [e.id, e]));

describe('impact, discrete model (§3)', () => {
  const g = claims();

  it('a failed supplier fails its services at 0; a workaround degrades, no workaround fails', () => {
    const r = impact(g, { failed: [{ id: 'sup-change' }], durationHours: 24 });
    expect(r.affected.map((e) => [e.id, e.state, e.disruptedAtHours, e.failedAtHours])).toEqual([
      ['sup-change', 'FAILED', 0, 0],
      ['svc-claims', 'FAILED', 0, 0],
      ['svc-elig', 'FAILED', 0, 0],
      ['wf-b-elig', 'FAILED', 0, 0],
      ['wf-b-claims', 'DEGRADED', 0, null],
    ]);
    const e = byId(r);
    expect(e['sup-change']!.because).toEqual(['sup-change']);
    expect(e['svc-claims']!.because).toEqual(['svc-claims', 'sup-change']);
    expect(e['wf-b-claims']!.because).toEqual(['wf-b-claims', 'svc-claims', 'sup-change']);
    // the alternative clearinghouse holds: wf-a-claims is not affected
    expect(e['wf-a-claims']).toBeUndefined();
    // wf-a-billing waits on wf-b-claims, which fails only at 48 ≥ D
    expect(e['wf-a-billing']).toBeUndefined();
    expect(r.summary).toEqual({
      failed: 4,
      degraded: 1,
      workflowsFailed: 1,
      workflowsDegraded: 1,
      organizationsAffected: 1,
      functions: [
        { functionId: 'cf-access', capacityLoss: 1, failedWorkflows: 1, degradedWorkflows: 0 },
        // 300·(1 − 0.25) / (100 + 300)
        { functionId: 'cf-claims', capacityLoss: 0.5625, failedWorkflows: 0, degradedWorkflows: 1 },
      ],
      // org-b has neither region nor subsector
      byRegion: [
        { region: null, organizationsAffected: 1, workflowsFailed: 1, workflowsDegraded: 1, volumesLost: [] },
      ],
      bySubsector: [{ subsector: null, organizationsAffected: 1, workflowsFailed: 1, workflowsDegraded: 1 }],
      byWorkflowCategory: [{ category: null, workflowsFailed: 1, workflowsDegraded: 1 }],
    });
    for (const x of r.affected) expect(x.inoperability).toBeNull();
  });

  it('DEGRADED turns into FAILED once D exceeds t; D omitted = indefinite', () => {
    const state = (D: number | undefined, id: string) =>
      byId(impact(g, { failed: [{ id: 'sup-change' }], durationHours: D }))[id];
    expect(state(48, 'wf-b-claims')).toMatchObject({ state: 'DEGRADED', failedAtHours: null });
    expect(state(48.5, 'wf-b-claims')).toMatchObject({ state: 'FAILED', failedAtHours: 48 });
    expect(state(undefined, 'wf-b-claims')).toMatchObject({ state: 'FAILED', failedAtHours: 48 });
    // downstream of wf-b-claims: disrupted at 48, fails at 54
    expect(state(48, 'wf-a-billing')).toBeUndefined();
    expect(state(50, 'wf-a-billing')).toMatchObject({ state: 'DEGRADED', disruptedAtHours: 48 });
    expect(state(60, 'wf-a-billing')).toMatchObject({
      state: 'FAILED',
      disruptedAtHours: 48,
      failedAtHours: 54,
    });
    expect(state(undefined, 'wf-a-billing')!.because).toEqual([
      'wf-a-billing',
      'wf-b-claims',
      'svc-claims',
      'sup-change',
    ]);
    const indefinite = impact(g, { failed: [{ id: 'sup-change' }] });
    expect(indefinite.summary.degraded).toBe(0);
    expect(indefinite.affected.at(-1)).toMatchObject({ id: 'wf-a-billing', failedAtHours: 54 });
    expect(impact(g, { failed: [{ id: 'sup-change' }], durationHours: null })).toEqual(indefinite);
    expect(impact(g, { failed: [{ id: 'sup-change' }], durationHours: Number.POSITIVE_INFINITY })).toEqual(
      indefinite,
    );
  });

  it('tolerances add up along a chain', () => {
    const at = (D: number) => byId(impact(g, { failed: [{ id: 'sup-cloud' }], durationHours: D }));
    // svc-cloud 0, ehr-a 0 (assets have no tolerance), wf-a-adm t = 4, wf-a-lab disrupted 4, t = 12
    expect(at(2)['wf-a-adm']).toMatchObject({ state: 'DEGRADED', disruptedAtHours: 0 });
    expect(at(2)['wf-a-lab']).toBeUndefined();
    expect(at(6)['wf-a-adm']).toMatchObject({ state: 'FAILED', failedAtHours: 4 });
    expect(at(6)['wf-a-lab']).toMatchObject({ state: 'DEGRADED', disruptedAtHours: 4 });
    expect(at(12)['wf-a-lab']).toMatchObject({ state: 'DEGRADED' });
    expect(at(13)['wf-a-lab']).toMatchObject({ state: 'FAILED', failedAtHours: 12 });
    expect(at(13)['wf-a-lab']!.because).toEqual(['wf-a-lab', 'wf-a-adm', 'ehr-a', 'svc-cloud', 'sup-cloud']);
    expect(at(13)['ehr-a']).toMatchObject({ kind: 'ASSET', state: 'FAILED', failedAtHours: 0 });
  });

  it('a group fails only when all alternatives fail; ties in the path break by settlement order (id)', () => {
    const r = impact(g, { failed: [{ id: 'sup-change' }, { id: 'sup-alt' }], durationHours: 30 });
    const e = byId(r);
    expect(e['wf-a-claims']).toMatchObject({ state: 'FAILED', disruptedAtHours: 0, failedAtHours: 24 });
    // both members fail at 0; svc-claims settles after svc-alt-claims (id order), so it fired the group
    expect(e['wf-a-claims']!.because).toEqual(['wf-a-claims', 'svc-claims', 'sup-change']);
    expect(r.summary.functions).toEqual([
      { functionId: 'cf-access', capacityLoss: 1, failedWorkflows: 1, degradedWorkflows: 0 },
      { functionId: 'cf-claims', capacityLoss: 0.8125, failedWorkflows: 1, degradedWorkflows: 1 },
    ]);
    expect(r.summary.organizationsAffected).toBe(2);
  });

  it('the later alternative determines disrupted(n), and the path follows it', () => {
    const h = new GraphBuilder()
      .addNode({ id: 's1', kind: 'SERVICE' })
      .addNode({ id: 's2', kind: 'SERVICE' })
      .addNode({ id: 'w1', kind: 'WORKFLOW', toleranceHours: 3 })
      .addNode({ id: 'w2', kind: 'WORKFLOW', toleranceHours: 1 })
      .addDependency({ from: 'w1', to: 's1' })
      .addDependency({ from: 'w2', to: 'w1', group: 'g' })
      .addDependency({ from: 'w2', to: 's2', group: 'g' })
      .build();
    const r = byId(impact(h, { failed: [{ id: 's1' }, { id: 's2' }] }));
    // group g = max(t(w1) = 3, t(s2) = 0) = 3 → w2 disrupted 3, fails at 4, because of w1
    expect(r.w2).toMatchObject({ disruptedAtHours: 3, failedAtHours: 4, because: ['w2', 'w1', 's1'] });
  });

  it('two groups: the earlier one determines disrupted(n)', () => {
    const h = new GraphBuilder()
      .addNode({ id: 'a', kind: 'SERVICE' })
      .addNode({ id: 'b', kind: 'SERVICE' })
      .addNode({ id: 'slow', kind: 'WORKFLOW', toleranceHours: 5 })
      .addNode({ id: 'w', kind: 'WORKFLOW', toleranceHours: 2 })
      .addDependency({ from: 'slow', to: 'a' })
      .addDependency({ from: 'w', to: 'slow' })
      .addDependency({ from: 'w', to: 'b' })
      .build();
    const r = byId(impact(h, { failed: [{ id: 'a' }, { id: 'b' }] }));
    expect(r.w).toMatchObject({ disruptedAtHours: 0, failedAtHours: 2, because: ['w', 'b'] });
    const only = byId(impact(h, { failed: [{ id: 'a' }] }));
    expect(only.w).toMatchObject({ disruptedAtHours: 5, failedAtHours: 7, because: ['w', 'slow', 'a'] });
  });

  it('cycles: an unreached cycle keeps t = ∞; a reached one fails from its entry point', () => {
    const h = new GraphBuilder()
      .addNode({ id: 'x', kind: 'SERVICE' })
      .addNode({ id: 'y', kind: 'SERVICE' })
      .addNode({ id: 'z', kind: 'SERVICE' })
      .addNode({ id: 'other', kind: 'SERVICE' })
      .addNode({ id: 'sup-z', kind: 'SUPPLIER' })
      .addNode({ id: 'wa', kind: 'WORKFLOW', toleranceHours: 2 })
      .addNode({ id: 'wb', kind: 'WORKFLOW', toleranceHours: 2 })
      .addNode({ id: 'self', kind: 'SERVICE' })
      .addProvidedBy('z', 'sup-z')
      .addDependency({ from: 'x', to: 'y' })
      .addDependency({ from: 'y', to: 'x' })
      .addDependency({ from: 'y', to: 'z' })
      .addDependency({ from: 'wa', to: 'wb' })
      .addDependency({ from: 'wb', to: 'wa' })
      .addDependency({ from: 'wa', to: 'x' })
      .addDependency({ from: 'self', to: 'self' })
      .build();
    expect(impact(h, { failed: [{ id: 'other' }] }).affected.map((e) => e.id)).toEqual(['other']);
    const r = byId(impact(h, { failed: [{ id: 'sup-z' }] }));
    expect(r.y).toMatchObject({ failedAtHours: 0, because: ['y', 'z', 'sup-z'] });
    expect(r.x).toMatchObject({ failedAtHours: 0, because: ['x', 'y', 'z', 'sup-z'] });
    // wa = min(t(wb), t(x)) + 2 = 2, wb = t(wa) + 2 = 4: the least fixed point
    expect(r.wa).toMatchObject({ disruptedAtHours: 0, failedAtHours: 2 });
    expect(r.wb).toMatchObject({
      disruptedAtHours: 2,
      failedAtHours: 4,
      because: ['wb', 'wa', 'x', 'y', 'z', 'sup-z'],
    });
    expect(r.self).toBeUndefined();
    expect(byId(impact(h, { failed: [{ id: 'self' }] })).self).toMatchObject({ because: ['self'] });
  });

  it('a failed organisation fails its workflows and assets at 0, not after tolerance', () => {
    const r = impact(g, { failed: [{ id: 'org-b' }], durationHours: 1 });
    const e = byId(r);
    expect(e['org-b']).toMatchObject({ kind: 'ORGANIZATION', state: 'FAILED', because: ['org-b'] });
    expect(e['wf-b-claims']).toMatchObject({
      state: 'FAILED',
      failedAtHours: 0,
      because: ['wf-b-claims', 'org-b'],
    });
    expect(e['wf-b-elig']).toMatchObject({ state: 'FAILED', failedAtHours: 0 });
    // a dependent of an expanded workflow does get its own tolerance
    expect(e['wf-a-billing']).toMatchObject({ state: 'DEGRADED', disruptedAtHours: 0 });
    expect(r.summary.organizationsAffected).toBe(2);
    const a = byId(impact(g, { failed: [{ id: 'org-a' }] }));
    expect(a['ehr-a']).toMatchObject({ state: 'FAILED', because: ['ehr-a', 'org-a'] });
    expect(a['wf-a-lab']).toMatchObject({ failedAtHours: 0, because: ['wf-a-lab', 'org-a'] });
  });

  it('organisations and functions in F count as affected', () => {
    const r = impact(g, { failed: [{ id: 'org-empty' }] });
    expect(r.summary).toMatchObject({ failed: 1, organizationsAffected: 1, functions: [] });
    const f = impact(g, { failed: [{ id: 'cf-access' }] });
    expect(f.affected).toEqual([
      {
        id: 'cf-access',
        kind: 'CRITICAL_FUNCTION',
        state: 'FAILED',
        disruptedAtHours: 0,
        failedAtHours: 0,
        inoperability: null,
        because: ['cf-access'],
      },
    ]);
    expect(f.summary.functions).toEqual([
      { functionId: 'cf-access', capacityLoss: 1, failedWorkflows: 0, degradedWorkflows: 0 },
    ]);
  });

  it('an entity both in F and expanded from F counts as in F; repeated ids are merged', () => {
    const r = byId(impact(g, { failed: [{ id: 'svc-claims' }, { id: 'sup-change' }, { id: 'svc-claims' }] }));
    expect(r['svc-claims']!.because).toEqual(['svc-claims']);
    expect(r['svc-elig']!.because).toEqual(['svc-elig', 'sup-change']);
  });

  it('orders affected by disruptedAtHours, then failedAtHours (DEGRADED last), then id', () => {
    const r = impact(g, { failed: [{ id: 'sup-change' }, { id: 'sup-cloud' }], durationHours: 6 });
    const keys = r.affected.map((e) => [
      e.disruptedAtHours,
      e.failedAtHours ?? Number.POSITIVE_INFINITY,
      e.id,
    ]);
    const sorted = [...keys].sort(
      (a, b) =>
        (a[0] as number) - (b[0] as number) ||
        (a[1] as number) - (b[1] as number) ||
        (a[2]! < b[2]! ? -1 : 1),
    );
    expect(keys).toEqual(sorted);
    expect(r.affected.at(-1)).toMatchObject({ id: 'wf-a-lab', state: 'DEGRADED', disruptedAtHours: 4 });
  });

  it('empty F affects nothing', () => {
    expect(impact(g, { failed: [] })).toEqual({
      summary: {
        failed: 0,
        degraded: 0,
        workflowsFailed: 0,
        workflowsDegraded: 0,
        organizationsAffected: 0,
        functions: [],
        byRegion: [],
        bySubsector: [],
        byWorkflowCategory: [],
      },
      affected: [],
    });
  });

  it('rejects unknown ids (all of them, NOT_FOUND) and invalid inputs (BAD_USER_INPUT with a field)', () => {
    try {
      impact(g, { failed: [{ id: 'ghost' }, { id: 'sup-change' }, { id: 'phantom' }] });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(UnknownEntityError);
      expect((e as UnknownEntityError).ids).toEqual(['ghost', 'phantom']);
      expect((e as UnknownEntityError).code).toBe('NOT_FOUND');
    }
    for (const durationHours of [0, -1, Number.NaN]) {
      expect(() => impact(g, { failed: [{ id: 'sup-change' }], durationHours })).toThrow(InvalidInputError);
    }
    try {
      impact(g, { failed: [{ id: 'sup-change' }], durationHours: 0 });
    } catch (e) {
      expect((e as InvalidInputError).field).toBe('durationHours');
      expect((e as InvalidInputError).code).toBe('BAD_USER_INPUT');
    }
    for (const inoperability of [0, -0.5, 1.5, Number.NaN]) {
      try {
        impact(g, { failed: [{ id: 'sup-change', inoperability }] });
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(InvalidInputError);
        expect((e as InvalidInputError).field).toBe('failed[0].inoperability');
      }
    }
    expect(() => impact(g, { failed: [{ id: 'sup-change' }], model: 'LINEAR' as never })).toThrow(/model/);
  });
});
