import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEPENDENCY_FROM_KINDS, DEPENDENCY_TO_KINDS, ENTITY_KINDS } from '@smart/domain';
import { GraphBuilder, Kind } from '../src/index';
import { arbCase, plainGroups, toGraph } from './helpers';

function sample() {
  return new GraphBuilder()
    .addNode({ id: 'wf-2', kind: 'WORKFLOW', toleranceHours: 4, workaroundCapacity: 0.5, volumePerDay: 10 })
    .addNode({ id: 'sup', kind: 'SUPPLIER', name: 'Clearinghouse' })
    .addNode({ id: 'svc-a', kind: 'SERVICE' })
    .addNode({ id: 'svc-b', kind: 'SERVICE' })
    .addNode({ id: 'org', kind: 'ORGANIZATION', subsector: 'DIRECT_PATIENT_CARE' })
    .addNode({ id: 'wf-1', kind: 'WORKFLOW' })
    .addNode({ id: 'cf', kind: 'CRITICAL_FUNCTION' })
    .addNode({ id: 'asset', kind: 'ASSET', toleranceHours: 99 })
    .addDependency({ from: 'wf-1', to: 'svc-b', group: 'x' })
    .addDependency({ from: 'wf-1', to: 'svc-a', group: 'x', strength: 0.3 })
    .addDependency({ from: 'wf-1', to: 'asset' })
    .addDependency({ from: 'wf-1', to: 'svc-a', group: 'x', strength: 0.7 }) // duplicate: merged, max strength
    .addDependency({ from: 'wf-2', to: 'wf-1', group: '' }) // blank label = ungrouped
    .addDependency({ from: 'asset', to: 'svc-a' })
    .addProvidedBy('svc-a', 'sup')
    .addProvidedBy('svc-b', 'sup')
    .addPerforms('org', 'wf-1')
    .addPerforms('org', 'wf-2')
    .addOwns('org', 'asset')
    .addSupports('wf-1', 'cf')
    .addSupports('wf-2', 'cf')
    .build();
}

describe('GraphBuilder / CompactGraph', () => {
  it('interns ids in id order, whatever the insertion order', () => {
    const g = sample();
    expect(g.ids).toEqual(['asset', 'cf', 'org', 'sup', 'svc-a', 'svc-b', 'wf-1', 'wf-2']);
    expect(g.indexOf('sup')).toBe(3);
    expect(g.indexOf('nope')).toBe(-1);
    expect(g.kindOf(g.indexOf('cf'))).toBe('CRITICAL_FUNCTION');
    expect(g.kinds[g.indexOf('org')]).toBe(Kind.ORGANIZATION);
    expect(g.names[g.indexOf('sup')]).toBe('Clearinghouse');
    expect(g.names[g.indexOf('org')]).toBe('org');
  });

  it('stores attributes with defaults; tolerance only for workflows', () => {
    const g = sample();
    const wf2 = g.node(g.indexOf('wf-2'));
    expect(wf2).toMatchObject({
      toleranceHours: 4,
      workaroundCapacity: 0.5,
      volumePerDay: 10,
      criticality: null,
    });
    const wf1 = g.node(g.indexOf('wf-1'));
    expect(wf1).toMatchObject({ toleranceHours: 0, workaroundCapacity: 0, volumePerDay: 1 });
    expect(g.node(g.indexOf('asset')).toleranceHours).toBe(0);
    expect(g.node(g.indexOf('org')).subsector).toBe('DIRECT_PATIENT_CARE');
  });

  it('lays out dependency groups contiguously, labelled groups first, duplicates merged', () => {
    const g = sample();
    const wf1 = g.indexOf('wf-1');
    const groups = [...g.dependencyGroups(wf1)].map((gr) => ({
      label: gr.label,
      strength: gr.strength,
      members: Array.from(gr.members, (m) => g.ids[m]),
    }));
    expect(groups).toEqual([
      { label: 'x', strength: 1, members: ['svc-a', 'svc-b'] },
      { label: null, strength: 1, members: ['asset'] },
    ]);
    const wf2 = g.indexOf('wf-2');
    expect([...g.dependencyGroups(wf2)].map((gr) => gr.label)).toEqual([null]);
    // reverse: who depends on svc-a
    const owners = Array.from(g.dependentGroupsOf(g.indexOf('svc-a')), (gi) => g.ids[g.groupOwner[gi]!]);
    expect(owners).toEqual(['asset', 'wf-1']);
    expect([...g.dependencies()]).toContainEqual({ from: 'wf-1', to: 'svc-a', group: 'x', strength: 0.7 });
  });

  it('keeps implicit links and SUPPORTS in both directions', () => {
    const g = sample();
    const ids = (xs: ArrayLike<number>) => Array.from(xs, (n) => g.ids[n]);
    expect(ids(g.servicesOf(g.indexOf('sup')))).toEqual(['svc-a', 'svc-b']);
    expect(ids(g.workflowsOf(g.indexOf('org')))).toEqual(['wf-1', 'wf-2']);
    expect(ids(g.assetsOf(g.indexOf('org')))).toEqual(['asset']);
    expect(ids(g.parentsOf(g.indexOf('wf-2')))).toEqual(['org']);
    expect(ids(g.parentsOf(g.indexOf('svc-b')))).toEqual(['sup']);
    expect(ids(g.functionsOf(g.indexOf('wf-1')))).toEqual(['cf']);
    expect(ids(g.workflowsSupporting(g.indexOf('cf')))).toEqual(['wf-1', 'wf-2']);
    expect(g.functionVolume[g.indexOf('cf')]).toBe(11);
  });

  it('reports stats', () => {
    expect(sample().stats()).toEqual({
      nodes: 8,
      counts: { ORGANIZATION: 1, SUPPLIER: 1, SERVICE: 2, ASSET: 1, WORKFLOW: 2, CRITICAL_FUNCTION: 1 },
      dependencies: 5,
      dependencyGroups: 4,
      providedBy: 2,
      performs: 2,
      owns: 1,
      supports: 2,
    });
  });

  it('throws a clear error naming an unknown id', () => {
    const b = new GraphBuilder()
      .addNode({ id: 'w', kind: 'WORKFLOW' })
      .addDependency({ from: 'w', to: 'ghost' });
    expect(() => b.build()).toThrow(/unknown entity id "ghost"/);
    const c = new GraphBuilder().addNode({ id: 's', kind: 'SERVICE' }).addProvidedBy('s', 'nobody');
    expect(() => c.build()).toThrow(/PROVIDED_BY "s" -> "nobody": unknown entity id "nobody"/);
  });

  it('rejects duplicates, wrong endpoint kinds and out-of-range numbers', () => {
    expect(() =>
      new GraphBuilder().addNode({ id: 'a', kind: 'ASSET' }).addNode({ id: 'a', kind: 'ASSET' }),
    ).toThrow(/duplicate entity id "a"/);
    const supplierDepends = new GraphBuilder()
      .addNode({ id: 'sup', kind: 'SUPPLIER' })
      .addNode({ id: 'svc', kind: 'SERVICE' })
      .addDependency({ from: 'sup', to: 'svc' });
    expect(() => supplierDepends.build()).toThrow(/a SUPPLIER cannot have dependencies/);
    const onOrg = new GraphBuilder()
      .addNode({ id: 'org', kind: 'ORGANIZATION' })
      .addNode({ id: 'svc', kind: 'SERVICE' })
      .addDependency({ from: 'svc', to: 'org' });
    expect(() => onOrg.build()).toThrow(/an ORGANIZATION cannot be a dependency/);
    const wrongLink = new GraphBuilder()
      .addNode({ id: 'org', kind: 'ORGANIZATION' })
      .addNode({ id: 'a', kind: 'ASSET' })
      .addPerforms('org', 'a');
    expect(() => wrongLink.build()).toThrow(/expected ORGANIZATION -> WORKFLOW/);
    expect(() => new GraphBuilder().addNode({ id: 'w', kind: 'WORKFLOW', toleranceHours: -1 })).toThrow(
      /toleranceHours/,
    );
    expect(() => new GraphBuilder().addNode({ id: 'w', kind: 'WORKFLOW', workaroundCapacity: 2 })).toThrow(
      /workaroundCapacity/,
    );
    expect(() => new GraphBuilder().addDependency({ from: 'a', to: 'b', strength: 1.5 })).toThrow(/strength/);
  });

  it('property: CSR round-trips the plain model and does not depend on load order', () => {
    fc.assert(
      fc.property(arbCase(), ({ plain, seed }) => {
        const g = toGraph(plain);
        const h = toGraph(plain, seed);
        expect(h.ids).toEqual(g.ids);
        expect([...h.dependencies()]).toEqual([...g.dependencies()]);
        for (let i = 0; i < plain.ids.length; i++) {
          const n = g.indexOf(plain.ids[i]!);
          expect(g.kindOf(n)).toBe(plain.kinds[i]);
          const expected = plainGroups(plain, i)
            .map((gr) => ({ strength: gr.strength, members: gr.members.map((m) => plain.ids[m]!).sort() }))
            .sort((a, b) => a.members.join().localeCompare(b.members.join()) || a.strength - b.strength);
          const actual = [...g.dependencyGroups(n)]
            .map((gr) => ({
              strength: gr.strength,
              members: Array.from(gr.members, (m) => g.ids[m]!).sort(),
            }))
            .sort((a, b) => a.members.join().localeCompare(b.members.join()) || a.strength - b.strength);
          expect(actual).toEqual(expected);
        }
        // reverse adjacency is the transpose of the forward one
        let forward = 0;
        for (let gi = 0; gi < g.groupCount; gi++) {
          for (const m of g.membersOf(gi)) {
            forward++;
            expect(Array.from(g.dependentGroupsOf(m))).toContain(gi);
          }
        }
        expect(g.dependentGroups.length).toBe(forward);
      }),
      { numRuns: 150 },
    );
  });
});

describe('dependency endpoints: the domain rule, stated once', () => {
  it('a DEPENDS_ON builds exactly when its kinds are allowed by @smart/domain', () => {
    for (const a of ENTITY_KINDS)
      for (const b of ENTITY_KINDS) {
        const build = () =>
          new GraphBuilder()
            .addNodes([
              { id: 'a', kind: a, name: 'a' },
              { id: 'b', kind: b, name: 'b' },
            ])
            .addDependency({ from: 'a', to: 'b' })
            .build();
        const allowed = DEPENDENCY_FROM_KINDS.includes(a) && DEPENDENCY_TO_KINDS.includes(b);
        if (allowed) expect(build, `${a} -> ${b}`).not.toThrow();
        else expect(build, `${a} -> ${b}`).toThrow(/cannot (have dependencies|be a dependency)/);
      }
  });
});
