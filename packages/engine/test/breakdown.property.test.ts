// Where an impact hits (issue 16 item 2): the summary's byRegion and bySubsector, on
// random graphs in both models, against a count made from the plain model, and their
// sums against the summary's totals; the volumes lost per region and unit likewise.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GraphBuilder, type ImpactModel, type ImpactResult, type ImpactSummary, impact } from '../src/index';
import { arbCase, type Plain, toGraph } from './helpers';

const SEED = Number(process.env.FC_SEED ?? 20261202);
const REGIONS = ['US-OH', 'Harbor County, PA', null] as const;
const SUBSECTORS = ['DIRECT_PATIENT_CARE', 'HEALTH_IT', null] as const;
const CATEGORIES = ['CLINICAL', 'ADMINISTRATIVE', null] as const;
const UNITS = ['claims', 'tests', null] as const;

/** Regions and subsectors on every node (the graph keeps an organization's region only). */
const withPlaces = (p: Plain, pick: number): Plain => ({
  ...p,
  regions: p.ids.map((_, i) => REGIONS[(i * 7 + pick) % 3]!),
  subsectors: p.ids.map((_, i) => SUBSECTORS[(i * 5 + pick) % 3]!),
  categories: p.ids.map((_, i) => CATEGORIES[(i * 3 + pick) % 3]!),
  volumeUnits: p.ids.map((_, i) => UNITS[(i * 2 + pick) % 3]!),
});

/**
 * Volume per day lost per region and unit as the plain model says it: each FAILED or
 * DEGRADED workflow with a unit, in its first organization's region, its volume times
 * the share lost (1 when FAILED; else 1 − workaround, or q in the inoperability model).
 */
function expectedVolumes(p: Plain, affected: ImpactResult['affected'], model: ImpactModel) {
  const out = new Map<string | null, Map<string, number>>();
  for (const a of affected) {
    const n = p.ids.indexOf(a.id);
    const unit = p.volumeUnits?.[n];
    if (p.kinds[n] !== 'WORKFLOW' || !unit) continue;
    const mine = p.parents
      .filter(([c]) => c === n)
      .map(([, o]) => o)
      .sort((x, y) => (p.ids[x]! < p.ids[y]! ? -1 : 1));
    const region = mine.length ? (p.regions?.[mine[0]!] ?? null) : null;
    const share =
      a.state === 'FAILED' ? 1 : model === 'DISCRETE' ? 1 - p.workaround[n]! : (a.inoperability ?? 0);
    const byUnit = out.get(region) ?? new Map<string, number>();
    byUnit.set(unit, (byUnit.get(unit) ?? 0) + p.volume[n]! * share);
    out.set(region, byUnit);
  }
  return out;
}

type Group = { organizationsAffected: number; workflowsFailed: number; workflowsDegraded: number };

/** The breakdown as the plain model says it: from states by id, organizations by [child, parent]. */
function expected(
  p: Plain,
  summary: ImpactSummary,
  states: Map<string, string>,
  field: 'regions' | 'subsectors',
) {
  const out = new Map<string | null, Group>();
  const at = (k: string | null) => {
    if (!out.has(k)) out.set(k, { organizationsAffected: 0, workflowsFailed: 0, workflowsDegraded: 0 });
    return out.get(k)!;
  };
  const value = (o: number) => (field === 'regions' && p.kinds[o] !== 'ORGANIZATION' ? null : p[field]![o]!);
  const orgs = new Set<number>();
  p.ids.forEach((id, n) => {
    const s = states.get(id);
    if (!s) return;
    if (p.kinds[n] === 'ORGANIZATION') orgs.add(n);
    if (p.kinds[n] !== 'WORKFLOW') return;
    const mine = [...new Set(p.parents.filter(([c]) => c === n).map(([, o]) => o))];
    for (const o of mine) orgs.add(o);
    // the first organization by id
    const first = mine.sort((a, b) => (p.ids[a]! < p.ids[b]! ? -1 : 1))[0];
    const g = at(first === undefined ? null : value(first));
    if (s === 'FAILED') g.workflowsFailed++;
    else g.workflowsDegraded++;
  });
  for (const o of orgs) at(value(o)).organizationsAffected++;
  expect(orgs.size).toBe(summary.organizationsAffected);
  return out;
}

const asMap = (rows: (Group & { key: string | null })[]) =>
  new Map(rows.map(({ key, ...g }) => [key, g] as const));

describe('ImpactSummary.byRegion and bySubsector (property)', () => {
  it('count each group as the plain model does and add up to the totals, in both models', () => {
    fc.assert(
      fc.property(
        arbCase(),
        fc.nat(2),
        fc.constantFrom<ImpactModel>('DISCRETE', 'INOPERABILITY'),
        ({ plain, failed, duration, seed }, pick, model) => {
          const p = withPlaces(plain, pick);
          const g = toGraph(p, seed);
          const { summary, affected } = impact(g, {
            failed: failed.map((f) => ({ id: p.ids[f]! })),
            durationHours: duration,
            model,
          });
          const states = new Map(affected.map((a) => [a.id, a.state]));
          const sum = (rows: Partial<Group>[], k: keyof Group) => rows.reduce((s, r) => s + (r[k] ?? 0), 0);
          expect(sum(summary.byWorkflowCategory, 'workflowsFailed')).toBe(summary.workflowsFailed);
          expect(sum(summary.byWorkflowCategory, 'workflowsDegraded')).toBe(summary.workflowsDegraded);
          const categories = new Map<string | null, [number, number]>();
          for (const a of affected) {
            if (a.kind !== 'WORKFLOW') continue;
            const c = p.categories?.[p.ids.indexOf(a.id)] ?? null;
            const e = categories.get(c) ?? [0, 0];
            e[a.state === 'FAILED' ? 0 : 1]++;
            categories.set(c, e);
          }
          expect(
            new Map(
              summary.byWorkflowCategory.map((r) => [r.category, [r.workflowsFailed, r.workflowsDegraded]]),
            ),
          ).toEqual(categories);
          for (const rows of [summary.byRegion, summary.bySubsector] as Group[][]) {
            expect(sum(rows, 'organizationsAffected')).toBe(summary.organizationsAffected);
            expect(sum(rows, 'workflowsFailed')).toBe(summary.workflowsFailed);
            expect(sum(rows, 'workflowsDegraded')).toBe(summary.workflowsDegraded);
            // no empty group
            for (const r of rows)
              expect(r.organizationsAffected + r.workflowsFailed + r.workflowsDegraded).toBeGreaterThan(0);
          }
          expect(
            asMap(summary.byRegion.map(({ region, volumesLost: _, ...r }) => ({ key: region, ...r }))),
          ).toEqual(expected(p, summary, states, 'regions'));
          const volumes = expectedVolumes(p, affected, model);
          for (const r of summary.byRegion) {
            const want = volumes.get(r.region) ?? new Map<string, number>();
            expect(r.volumesLost.map((v) => v.unit).sort()).toEqual([...want.keys()].sort());
            for (const v of r.volumesLost) expect(v.perDay).toBeCloseTo(want.get(v.unit)!, 9);
            // most first
            for (let i = 1; i < r.volumesLost.length; i++)
              expect(r.volumesLost[i - 1]!.perDay).toBeGreaterThanOrEqual(r.volumesLost[i]!.perDay);
          }
          expect(asMap(summary.bySubsector.map(({ subsector, ...r }) => ({ key: subsector, ...r })))).toEqual(
            expected(p, summary, states, 'subsectors'),
          );
        },
      ),
      { seed: SEED, numRuns: 400 },
    );
  });
});

describe('ImpactSummary.byRegion (example)', () => {
  // sup ← svc ← wf-a1 (org-a, OH), wf-a2 (org-a), wf-b (org-b, PA, 8 h workaround), wf-c (org-c, no region);
  // volumes: wf-a1 100 claims, wf-a2 40 tests, wf-b 50 claims at 60 % under its workaround, wf-c none
  const g = new GraphBuilder()
    .addNodes([
      { id: 'sup', kind: 'SUPPLIER' },
      { id: 'svc', kind: 'SERVICE' },
      { id: 'org-a', kind: 'ORGANIZATION', region: 'OH', subsector: 'DIRECT_PATIENT_CARE' },
      { id: 'org-b', kind: 'ORGANIZATION', region: 'PA', subsector: 'DIRECT_PATIENT_CARE' },
      { id: 'org-c', kind: 'ORGANIZATION', subsector: 'HEALTH_PLANS_PAYERS' },
      { id: 'wf-a1', kind: 'WORKFLOW', volumePerDay: 100, volumeUnit: 'claims' },
      { id: 'wf-a2', kind: 'WORKFLOW', volumePerDay: 40, volumeUnit: 'tests' },
      {
        id: 'wf-b',
        kind: 'WORKFLOW',
        toleranceHours: 8,
        workaroundCapacity: 0.6,
        volumePerDay: 50,
        volumeUnit: 'claims',
      },
      { id: 'wf-c', kind: 'WORKFLOW' },
      { id: 'svc-cloud', kind: 'SERVICE', region: 'US-East' },
    ])
    .addProvidedBy('svc', 'sup')
    .addPerforms('org-a', 'wf-a1')
    .addPerforms('org-a', 'wf-a2')
    .addPerforms('org-b', 'wf-b')
    .addPerforms('org-c', 'wf-c')
    .addDependencies(['wf-a1', 'wf-a2', 'wf-b', 'wf-c'].map((from) => ({ from, to: 'svc' })))
    .build();

  it('puts each organization and its workflows in its region, most organizations first, then most workflows failed', () => {
    const { summary } = impact(g, { failed: [{ id: 'sup' }], durationHours: 4 });
    // OH: wf-a1 and wf-a2 FAILED, all of their volumes; PA: wf-b DEGRADED, 50 × (1 − 0.6) = 20
    // claims; wf-c gives no unit.
    expect(summary.byRegion).toEqual([
      {
        region: 'OH',
        organizationsAffected: 1,
        workflowsFailed: 2,
        workflowsDegraded: 0,
        volumesLost: [
          { unit: 'claims', perDay: 100 },
          { unit: 'tests', perDay: 40 },
        ],
      },
      { region: null, organizationsAffected: 1, workflowsFailed: 1, workflowsDegraded: 0, volumesLost: [] },
      {
        region: 'PA',
        organizationsAffected: 1,
        workflowsFailed: 0,
        workflowsDegraded: 1,
        volumesLost: [{ unit: 'claims', perDay: expect.closeTo(20, 9) }],
      },
    ]);
    expect(summary.byWorkflowCategory).toEqual([
      { category: null, workflowsFailed: 3, workflowsDegraded: 1 },
    ]);
    expect(summary.bySubsector).toEqual([
      {
        subsector: 'DIRECT_PATIENT_CARE',
        organizationsAffected: 2,
        workflowsFailed: 2,
        workflowsDegraded: 1,
      },
      {
        subsector: 'HEALTH_PLANS_PAYERS',
        organizationsAffected: 1,
        workflowsFailed: 1,
        workflowsDegraded: 0,
      },
    ]);
  });

  it("keeps only organizations' regions (a service's region is a cloud region)", () => {
    expect(g.node(g.indexOf('svc-cloud')).region).toBeNull();
    expect(g.node(g.indexOf('org-b')).region).toBe('PA');
  });
});
