import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_OVERVIEW,
  ENTITY_KINDS,
  GraphBuilder,
  OverviewDimensionError,
  overviewEdgeKey,
  overviewMembers,
  overviewOrganizations,
  ownerOf,
  redactOverview,
  sectorOverview,
  UNSPECIFIED,
} from '../src/index';
import { arbCase, toGraph } from './helpers';

// Two suppliers of category EHR, one of BILLING; sv1 (EHR vendor a) and sv2 (billing);
// two hospitals' workflows depend on sv1, one also on sv2; one clinic without subsector.
//   sa (EHR) ◄─PROVIDED_BY─ sv1 ◄─DEPENDS_ON─ w1 (CLINICAL, of h1), w2 (CLINICAL, of h2)
//   sb (EHR)
//   sc (BILLING) ◄─ sv2 ◄─ w2 ;  w3 (FINANCIAL, of c1) depends on sc directly
//   w1, w2 SUPPORT f1
function graph() {
  return new GraphBuilder()
    .addNodes([
      { id: 'sa', kind: 'SUPPLIER', category: 'EHR' },
      { id: 'sb', kind: 'SUPPLIER', category: 'EHR' },
      { id: 'sc', kind: 'SUPPLIER', category: 'BILLING' },
      { id: 'sv1', kind: 'SERVICE', category: 'EHR hosting' },
      { id: 'sv2', kind: 'SERVICE', category: 'Claims' },
      { id: 'h1', kind: 'ORGANIZATION', subsector: 'DIRECT_PATIENT_CARE', category: 'Hospital' },
      { id: 'h2', kind: 'ORGANIZATION', subsector: 'DIRECT_PATIENT_CARE', category: 'Hospital' },
      { id: 'c1', kind: 'ORGANIZATION', category: 'Clinic' },
      { id: 'w1', kind: 'WORKFLOW', category: 'CLINICAL' },
      { id: 'w2', kind: 'WORKFLOW', category: 'CLINICAL' },
      { id: 'w3', kind: 'WORKFLOW', category: 'FINANCIAL' },
      { id: 'f1', kind: 'CRITICAL_FUNCTION', name: 'Deliver care' },
    ])
    .addProvidedBy('sv1', 'sa')
    .addProvidedBy('sv2', 'sc')
    .addPerforms('h1', 'w1')
    .addPerforms('h2', 'w2')
    .addPerforms('c1', 'w3')
    .addSupports('w1', 'f1')
    .addSupports('w2', 'f1')
    .addDependency({ from: 'w1', to: 'sv1' })
    .addDependency({ from: 'w2', to: 'sv1' })
    .addDependency({ from: 'w2', to: 'sv2' })
    .addDependency({ from: 'w3', to: 'sc' })
    .build();
}

describe('sectorOverview', () => {
  it('splits each kind by its dimension, largest super-node first, and weighs each super-edge by its links', () => {
    const o = sectorOverview(graph());
    expect(o.nodes).toEqual(
      [
        { key: 'WORKFLOW_CATEGORY:CLINICAL', kind: 'WORKFLOW', label: 'CLINICAL', members: 2 },
        {
          key: 'ORGANIZATION_SUBSECTOR:DIRECT_PATIENT_CARE',
          kind: 'ORGANIZATION',
          label: 'DIRECT_PATIENT_CARE',
          members: 2,
        },
        { key: 'SUPPLIER_CATEGORY:EHR', kind: 'SUPPLIER', label: 'EHR', members: 2 },
        { key: 'CRITICAL_FUNCTION:f1', kind: 'CRITICAL_FUNCTION', label: 'Deliver care', members: 1 },
        {
          key: `ORGANIZATION_SUBSECTOR:${UNSPECIFIED}`,
          kind: 'ORGANIZATION',
          label: UNSPECIFIED,
          members: 1,
        },
        { key: 'SERVICE_CATEGORY:Claims', kind: 'SERVICE', label: 'Claims', members: 1 },
        { key: 'SERVICE_CATEGORY:EHR hosting', kind: 'SERVICE', label: 'EHR hosting', members: 1 },
        { key: 'SUPPLIER_CATEGORY:BILLING', kind: 'SUPPLIER', label: 'BILLING', members: 1 },
        { key: 'WORKFLOW_CATEGORY:FINANCIAL', kind: 'WORKFLOW', label: 'FINANCIAL', members: 1 },
      ].sort((a, b) => b.members - a.members || (a.key < b.key ? -1 : 1)),
    );
    const edges = o.edges.map((e) => `${e.from} -${e.relation}-> ${e.to} ×${e.dependencies}`);
    expect(edges).toEqual([
      // Heaviest first, then by from and to: w1, w2 → sv1 are two links between the same super-nodes.
      'ORGANIZATION_SUBSECTOR:DIRECT_PATIENT_CARE -PERFORMS-> WORKFLOW_CATEGORY:CLINICAL ×2',
      'WORKFLOW_CATEGORY:CLINICAL -SUPPORTS-> CRITICAL_FUNCTION:f1 ×2',
      'WORKFLOW_CATEGORY:CLINICAL -DEPENDS_ON-> SERVICE_CATEGORY:EHR hosting ×2',
      `ORGANIZATION_SUBSECTOR:${UNSPECIFIED} -PERFORMS-> WORKFLOW_CATEGORY:FINANCIAL ×1`,
      'SERVICE_CATEGORY:Claims -PROVIDED_BY-> SUPPLIER_CATEGORY:BILLING ×1',
      'SERVICE_CATEGORY:EHR hosting -PROVIDED_BY-> SUPPLIER_CATEGORY:EHR ×1',
      'WORKFLOW_CATEGORY:CLINICAL -DEPENDS_ON-> SERVICE_CATEGORY:Claims ×1',
      'WORKFLOW_CATEGORY:FINANCIAL -DEPENDS_ON-> SUPPLIER_CATEGORY:BILLING ×1',
    ]);
  });

  it('shows a kind without a dimension as one super-node, and organizations by type when asked', () => {
    const o = sectorOverview(graph(), ['ORGANIZATION_TYPE']);
    const keys = o.nodes.map((n) => `${n.key}=${n.members}`).sort();
    expect(keys).toEqual([
      'CRITICAL_FUNCTION=1',
      'ORGANIZATION_TYPE:Clinic=1',
      'ORGANIZATION_TYPE:Hospital=2',
      'SERVICE=2',
      'SUPPLIER=3',
      'WORKFLOW=3',
    ]);
    expect(o.nodes.find((n) => n.key === 'SUPPLIER')?.label).toBe('All suppliers');
  });

  it('refuses two dimensions for one kind', () => {
    expect(() => sectorOverview(graph(), ['ORGANIZATION_TYPE', 'ORGANIZATION_SUBSECTOR'])).toThrow(
      OverviewDimensionError,
    );
  });

  it('loses no entity and no link: members sum to each kind’s count, super-edges to each relation’s links', () => {
    const categories = ['A', 'B', null];
    fc.assert(
      fc.property(arbCase({ maxNodes: 30 }), fc.nat(), (c, pick) => {
        const n = c.plain.ids.length;
        c.plain.categories = Array.from({ length: n }, (_, i) => categories[(i * 7 + pick) % 3]!);
        c.plain.subsectors = Array.from({ length: n }, (_, i) => categories[(i * 5 + pick) % 3]!);
        const g = toGraph(c.plain);
        const o = sectorOverview(g, DEFAULT_OVERVIEW);
        for (const kind of ENTITY_KINDS) {
          const want = c.plain.kinds.filter((k) => k === kind).length;
          const got = o.nodes.filter((s) => s.kind === kind).reduce((a, s) => a + s.members, 0);
          expect(got, kind).toBe(want);
        }
        const by = (r: string) =>
          o.edges.filter((e) => e.relation === r).reduce((a, e) => a + e.dependencies, 0);
        const stats = g.stats();
        expect(by('DEPENDS_ON')).toBe(stats.dependencies);
        expect(by('PROVIDED_BY')).toBe(stats.providedBy);
        expect(by('PERFORMS')).toBe(stats.performs);
        expect(by('OWNS')).toBe(stats.owns);
        expect(by('SUPPORTS')).toBe(stats.supports);
        const keys = new Set(o.nodes.map((s) => s.key));
        for (const e of o.edges) expect(keys.has(e.from) && keys.has(e.to)).toBe(true);
      }),
      { seed: Number(process.env.FC_SEED ?? 20261202), numRuns: 200 },
    );
  });
});

describe('overviewMembers', () => {
  it('lists one super-node’s members by their links, most first, ties by id', () => {
    const g = graph();
    // sa: its service sv1 = 1 link; sb: none
    expect(overviewMembers(g, 'SUPPLIER_CATEGORY:EHR').map((m) => [g.ids[m.node], m.links])).toEqual([
      ['sa', 1],
      ['sb', 0],
    ]);
    // w2: h2 + sv1 + sv2 + f1 = 4; w1: h1 + sv1 + f1 = 3
    expect(overviewMembers(g, 'WORKFLOW_CATEGORY:CLINICAL').map((m) => [g.ids[m.node], m.links])).toEqual([
      ['w2', 4],
      ['w1', 3],
    ]);
    expect(overviewMembers(g, 'SUPPLIER_CATEGORY:NONE')).toEqual([]);
  });
});

describe('small-group protection of the overview (issue 19)', () => {
  it('counts the organizations behind each super-node and super-edge, and withholds those of 1 to k − 1', () => {
    const g = graph();
    const counts = overviewOrganizations(g);
    // h1 and h2 in DIRECT_PATIENT_CARE, c1 without subsector; w1, w2 of h1, h2; w3 of c1.
    expect(counts.nodes.get('ORGANIZATION_SUBSECTOR:DIRECT_PATIENT_CARE')).toBe(2);
    expect(counts.nodes.get('WORKFLOW_CATEGORY:CLINICAL')).toBe(2);
    expect(counts.nodes.get('WORKFLOW_CATEGORY:FINANCIAL')).toBe(1);
    expect(counts.nodes.get('SUPPLIER_CATEGORY:EHR')).toBe(0);
    const clinicalOnHosting = {
      relation: 'DEPENDS_ON' as const,
      from: 'WORKFLOW_CATEGORY:CLINICAL',
      to: 'SERVICE_CATEGORY:EHR hosting',
    };
    expect(counts.edges.get(overviewEdgeKey(clinicalOnHosting))).toBe(2);
    expect(
      counts.edges.get(
        overviewEdgeKey({
          relation: 'DEPENDS_ON',
          from: 'WORKFLOW_CATEGORY:CLINICAL',
          to: 'SERVICE_CATEGORY:Claims',
        }),
      ),
    ).toBe(1);
    const o = sectorOverview(g);
    const k2 = redactOverview(o, counts, 2);
    expect(k2.nodes.map((n) => n.key)).not.toContain('WORKFLOW_CATEGORY:FINANCIAL');
    expect(k2.nodes.map((n) => n.key)).toContain('WORKFLOW_CATEGORY:CLINICAL');
    expect(k2.edges).toContainEqual({ ...clinicalOnHosting, dependencies: 2 });
    // w2 → sv2 is one hospital's link: withheld, though both super-nodes are shown.
    expect(
      k2.edges.some((e) => e.to === 'SERVICE_CATEGORY:Claims' && e.from === 'WORKFLOW_CATEGORY:CLINICAL'),
    ).toBe(false);
    expect(k2.withheldNodes + k2.nodes.length).toBe(o.nodes.length);
    expect(k2.withheldEdges + k2.edges.length).toBe(o.edges.length);
    // k = 5: only the catalogue is left.
    const k5 = redactOverview(o, counts, 5);
    expect(new Set(k5.nodes.map((n) => n.kind))).toEqual(
      new Set(['SUPPLIER', 'SERVICE', 'CRITICAL_FUNCTION']),
    );
  });

  it('never shows a group of 1 to k − 1 organizations, nor an edge to a withheld group, and withholds nothing else', () => {
    fc.assert(
      fc.property(arbCase({ maxNodes: 30 }), fc.integer({ min: 2, max: 4 }), (c, k) => {
        const g = toGraph(c.plain);
        const o = sectorOverview(g);
        const counts = overviewOrganizations(g);
        // The organizations behind each super-node, counted from the members' owners.
        for (const node of o.nodes) {
          const members = overviewMembers(g, node.key).map((m) => ownerOf(g, m.node));
          expect(counts.nodes.get(node.key), node.key).toBe(new Set(members.filter((x) => x >= 0)).size);
        }
        const r = redactOverview(o, counts, k);
        const small = (n: number) => n > 0 && n < k;
        const shown = new Set(r.nodes.map((n) => n.key));
        for (const n of o.nodes) expect(shown.has(n.key), n.key).toBe(!small(counts.nodes.get(n.key)!));
        for (const e of o.edges) {
          const visible =
            shown.has(e.from) && shown.has(e.to) && !small(counts.edges.get(overviewEdgeKey(e))!);
          expect(r.edges.includes(e)).toBe(visible);
        }
        expect(r.withheldNodes).toBe(o.nodes.length - r.nodes.length);
        expect(r.withheldEdges).toBe(o.edges.length - r.edges.length);
      }),
      { seed: Number(process.env.FC_SEED ?? 20261203), numRuns: 200 },
    );
  });
});
