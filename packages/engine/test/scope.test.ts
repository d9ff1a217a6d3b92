import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CompactGraph,
  cutPath,
  explainImpact,
  GraphBuilder,
  impact,
  mitigationVisible,
  neighborhood,
  ownerIdOf,
  paths,
  redactAffected,
  redactNeighborhood,
  redactPaths,
  suppressedCount,
  Visibility,
} from '../src/index';
import { arbCase, toGraph } from './helpers';

const SEED = Number(process.env.FC_SEED ?? 20261219);

/**
 * Two hospitals on one shared clearinghouse; Bay's billing also depends on Harbor's
 * interface engine (a cross-organization dependency), so Bay's `because` paths may pass
 * through Harbor.
 *
 *   sup-ch ── svc-ch ◄── wf-a-claims (org-a) ◄── wf-a-billing (org-a)
 *                    ◄── asset-a-ie (org-a) ◄── wf-b-billing (org-b)
 *                    ◄── wf-b-claims (org-b)
 */
function twoHospitals(): CompactGraph {
  const b = new GraphBuilder();
  b.addNode({ id: 'sup-ch', kind: 'SUPPLIER', name: 'ClearOne' });
  b.addNode({ id: 'svc-ch', kind: 'SERVICE', name: 'ClearOne claims' }).addProvidedBy('svc-ch', 'sup-ch');
  b.addNode({ id: 'org-a', kind: 'ORGANIZATION', name: 'Harbor' });
  b.addNode({ id: 'org-b', kind: 'ORGANIZATION', name: 'Bay' });
  b.addNode({ id: 'cf', kind: 'CRITICAL_FUNCTION', name: 'Claims' });
  b.addNode({ id: 'asset-a-ie', kind: 'ASSET', name: 'Harbor interface engine' }).addOwns(
    'org-a',
    'asset-a-ie',
  );
  for (const [id, org] of [
    ['wf-a-claims', 'org-a'],
    ['wf-a-billing', 'org-a'],
    ['wf-b-claims', 'org-b'],
    ['wf-b-billing', 'org-b'],
  ] as const)
    b.addNode({ id, kind: 'WORKFLOW', name: id, toleranceHours: 0 })
      .addPerforms(org, id)
      .addSupports(id, 'cf');
  b.addDependency({ from: 'wf-a-claims', to: 'svc-ch' });
  b.addDependency({ from: 'wf-a-billing', to: 'wf-a-claims' });
  b.addDependency({ from: 'asset-a-ie', to: 'svc-ch' });
  b.addDependency({ from: 'wf-b-billing', to: 'asset-a-ie' });
  b.addDependency({ from: 'wf-b-claims', to: 'svc-ch' });
  return b.build();
}

describe('ownership', () => {
  it('an organization owns itself, its workflows and assets; the catalogue is shared', () => {
    const g = twoHospitals();
    expect(ownerIdOf(g, 'org-a')).toBe('org-a');
    expect(ownerIdOf(g, 'wf-b-claims')).toBe('org-b');
    expect(ownerIdOf(g, 'asset-a-ie')).toBe('org-a');
    expect(ownerIdOf(g, 'sup-ch')).toBeNull();
    expect(ownerIdOf(g, 'svc-ch')).toBeNull();
    expect(ownerIdOf(g, 'cf')).toBeNull();
    expect(ownerIdOf(g, 'nope')).toBeUndefined();
    const v = new Visibility(g, new Set(['org-b']));
    expect(['org-b', 'wf-b-claims', 'sup-ch', 'cf'].every((id) => v.sees(id))).toBe(true);
    expect(['org-a', 'wf-a-claims', 'asset-a-ie', 'nope'].some((id) => v.sees(id))).toBe(false);
  });
});

describe('redaction of an impact', () => {
  it("keeps the reader's own entities, cuts `because` at another organization and names no hidden entity", () => {
    const g = twoHospitals();
    const result = impact(g, { failed: [{ id: 'sup-ch' }] });
    const explained = explainImpact(g, result, {});
    const bay = redactAffected(new Visibility(g, new Set(['org-b'])), explained);
    expect(bay.map((a) => a.id).sort()).toEqual(['sup-ch', 'svc-ch', 'wf-b-billing', 'wf-b-claims']);
    const billing = bay.find((a) => a.id === 'wf-b-billing')!;
    // wf-b-billing ← asset-a-ie (Harbor's) ← svc-ch ← sup-ch: cut before Harbor's asset.
    expect(explained.find((a) => a.id === 'wf-b-billing')!.because).toEqual([
      'wf-b-billing',
      'asset-a-ie',
      'svc-ch',
      'sup-ch',
    ]);
    expect(billing.because).toEqual(['wf-b-billing']);
    expect(billing.cutAtBoundary).toBe(true);
    expect(billing.reasonText).not.toContain('Harbor');
    expect(billing.reasonText).toContain('an entity of another organization');
    const claims = bay.find((a) => a.id === 'wf-b-claims')!;
    expect(claims.cutAtBoundary).toBe(false);
    expect(claims.because).toEqual(['wf-b-claims', 'svc-ch', 'sup-ch']);
    expect(JSON.stringify(bay)).not.toMatch(/org-a|wf-a-|asset-a-|Harbor/);
  });

  it('paths and neighbourhoods drop what passes through another organization', () => {
    const g = twoHospitals();
    const v = new Visibility(g, new Set(['org-b']));
    const all = paths(g, 'sup-ch', { toKinds: ['WORKFLOW'] });
    const seen = redactPaths(v, all);
    expect(all.some((p) => p.nodes.includes('asset-a-ie'))).toBe(true);
    expect(seen.map((p) => p.nodes.at(-1)).sort()).toEqual(['wf-b-claims']);
    const nb = redactNeighborhood(v, neighborhood(g, 'svc-ch', { depth: 2 }));
    // Bay's billing is reached through Harbor's asset and through Bay itself: shown, by its own link.
    expect(nb.nodes.map((n) => n.id).sort()).toEqual([
      'cf',
      'org-b',
      'sup-ch',
      'svc-ch',
      'wf-b-billing',
      'wf-b-claims',
    ]);
    expect(nb.edges.map((e) => `${e.source}>${e.target}`)).toContain('org-b>wf-b-billing');
    // Upstream of Bay's billing, the clearinghouse lies only behind Harbor's asset: left out too.
    const up = neighborhood(g, 'wf-b-billing', { depth: 3, direction: 'UPSTREAM' });
    expect(up.nodes.map((n) => n.id)).toContain('sup-ch');
    expect(redactNeighborhood(v, up).nodes.map((n) => n.id)).toEqual(['wf-b-billing', 'org-b']);
    expect(nb.truncated).toBe(true);
    for (const e of nb.edges) expect(v.sees(e.source) && v.sees(e.target)).toBe(true);
  });

  it('small groups: a count of 1 to k−1 organizations is suppressed, 0 and k or more are shown', () => {
    expect(suppressedCount(0, 5)).toEqual({ value: 0, suppressed: false });
    expect(suppressedCount(1, 5)).toEqual({ value: null, suppressed: true });
    expect(suppressedCount(4, 5)).toEqual({ value: null, suppressed: true });
    expect(suppressedCount(5, 5)).toEqual({ value: 5, suppressed: false });
  });

  it('property: every id a redacted report holds is visible, each path a prefix of the real one', () => {
    fc.assert(
      fc.property(arbCase(), fc.array(fc.boolean(), { maxLength: 12 }), (c, picks) => {
        const g = toGraph(c.plain);
        const orgs = c.plain.ids.filter((_, i) => c.plain.kinds[i] === 'ORGANIZATION' && picks[i]);
        const v = new Visibility(g, new Set(orgs));
        const failed = c.failed.map((i) => ({ id: c.plain.ids[i]! }));
        const explained = explainImpact(g, impact(g, { failed, durationHours: c.duration }), {
          durationHours: c.duration,
        });
        const red = redactAffected(v, explained);
        // Exactly the visible affected entities, none hidden.
        expect(red.map((a) => a.id)).toEqual(explained.filter((a) => v.sees(a.id)).map((a) => a.id));
        for (const a of red) {
          const real = explained.find((x) => x.id === a.id)!;
          expect(real.because.slice(0, a.because.length)).toEqual(a.because);
          expect(a.cutAtBoundary).toBe(a.because.length < real.because.length);
          for (const id of a.because) expect(v.sees(id)).toBe(true);
          expect(cutPath(v, real.because).because).toEqual(a.because);
          for (const i of c.plain.ids.keys()) {
            const id = c.plain.ids[i]!;
            // Hidden entities' names (the ids here) appear in no reason.
            if (!v.sees(id) && new RegExp(`\\b${id}\\b`).test(a.reasonText)) return false;
          }
        }
        return true;
      }),
      { seed: SEED, numRuns: 300 },
    );
  });
});

describe('mitigations a scoped reader may see', () => {
  it('every id its changes name, and every member of a group it joins, must be visible', () => {
    const b = new GraphBuilder();
    b.addNode({ id: 'svc-ch', kind: 'SERVICE', name: 'Claims' });
    b.addNode({ id: 'svc-alt', kind: 'SERVICE', name: 'Other claims' });
    b.addNode({ id: 'org-a', kind: 'ORGANIZATION', name: 'Harbor' });
    b.addNode({ id: 'org-b', kind: 'ORGANIZATION', name: 'Bay' });
    b.addNode({ id: 'asset-a', kind: 'ASSET', name: 'Harbor engine' }).addOwns('org-a', 'asset-a');
    b.addNode({ id: 'wf-b', kind: 'WORKFLOW', name: 'Bay claims', toleranceHours: 0 }).addPerforms(
      'org-b',
      'wf-b',
    );
    b.addDependency({ from: 'wf-b', to: 'asset-a', group: 'g1' });
    b.addDependency({ from: 'wf-b', to: 'svc-ch', group: 'g2' });
    const v = new Visibility(b.build(), new Set(['org-b']));
    const add = (to: string, group: string | null) => ({
      changes: [{ addDependency: { from: 'wf-b', to, group, strength: null } }],
    });
    expect(mitigationVisible(v, add('svc-alt', 'g2'))).toBe(true);
    // Joining the group of Harbor's asset names it (the alternative "to" it).
    expect(mitigationVisible(v, add('svc-alt', 'g1'))).toBe(false);
    expect(mitigationVisible(v, add('asset-a', null))).toBe(false);
    expect(
      mitigationVisible(v, {
        changes: [{ setWorkflow: { id: 'wf-b', toleranceHours: 24, workaroundCapacity: null } }],
      }),
    ).toBe(true);
    expect(mitigationVisible(v, { changes: [{ removeDependency: { from: 'wf-b', to: 'asset-a' } }] })).toBe(
      false,
    );
  });
});
