// The top of a large impact's causal tree: the failed entity, the entities on the drawn
// workflows' chains, the first workflows of each category, critical functions at the end.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { causalTopScene, chainIds, type GroupPage, WORKFLOW_GROUPS } from '../src/impact/causalTop';
import type { AffectedRow } from '../src/impact/model';

const SEED = Number(process.env.FC_SEED ?? 20261203);

const row = (id: string, kind: AffectedRow['kind'], because: string[], category?: string): AffectedRow => ({
  id,
  name: id,
  kind,
  state: 'FAILED',
  disruptedAtHours: 0,
  failedAtHours: 0,
  inoperability: null,
  because: [id, ...because],
  category: category ?? null,
});

describe('causalTopScene', () => {
  const sup = row('sup', 'SUPPLIER', []);
  const svc = row('svc', 'SERVICE', ['sup']);
  const asset = row('asset', 'ASSET', ['svc', 'sup']);
  const wf1 = row('wf1', 'WORKFLOW', ['svc', 'sup'], 'CLINICAL');
  const wf2 = row('wf2', 'WORKFLOW', ['asset', 'svc', 'sup'], 'ADMINISTRATIVE');
  const groups: GroupPage[] = [
    { category: 'CLINICAL', total: 40, rows: [wf1] },
    { category: 'ADMINISTRATIVE', total: 1, rows: [wf2] },
    { category: 'MANUFACTURING', total: 0, rows: [] },
  ];

  it('reads the failed entity and what lies between it and the drawn workflows, once each', () => {
    expect(chainIds(['sup'], groups)).toEqual(['sup', 'svc', 'asset']);
  });

  it('draws the tree down to the workflows, then the critical functions they support', () => {
    const s = causalTopScene({
      groups,
      chain: [sup, svc, asset],
      supports: new Map([
        ['wf1', ['cf-care', 'cf-unhit']],
        ['wf2', ['cf-care', 'cf-pay']],
      ]),
      functions: [
        { id: 'cf-care', name: 'Care', capacityLoss: 0.25 },
        { id: 'cf-pay', name: 'Pay', capacityLoss: 1 },
      ],
      totalAffected: 50,
    });
    expect(s.nodes.map((n) => n.id).sort()).toEqual([
      'asset',
      'cf-care',
      'cf-pay',
      'sup',
      'svc',
      'wf1',
      'wf2',
    ]);
    expect(s.edges.map((e) => `${e.source}>${e.target}`).sort()).toEqual([
      'asset>wf2',
      'sup>svc',
      'svc>asset',
      'svc>wf1',
      'wf1>cf-care',
      'wf2>cf-care',
      'wf2>cf-pay',
    ]);
    const care = s.nodes.find((n) => n.id === 'cf-care')!;
    expect(care.kind).toBe('CRITICAL_FUNCTION');
    expect(care.label).toBe('Care (25 % capacity lost)');
    expect(s.functions).toBe(2);
    expect(s.omitted).toBe(45);
    expect(s.groups).toEqual([
      { category: 'CLINICAL', drawn: 1, total: 40 },
      { category: 'ADMINISTRATIVE', drawn: 1, total: 1 },
      { category: 'MANUFACTURING', drawn: 0, total: 0 },
    ]);
  });

  it('on any causal forest: a connected tree from the failures, workflows per group as given, functions last', () => {
    // A random causal forest: entity i's cause is an earlier entity (or none: a failure).
    const forest = fc
      .array(
        fc.record({
          cause: fc.nat(),
          workflow: fc.boolean(),
          category: fc.constantFrom(...WORKFLOW_GROUPS),
          fns: fc.subarray(['f1', 'f2', 'f3']),
        }),
        { minLength: 1, maxLength: 60 },
      )
      .map((spec) => {
        const rows: AffectedRow[] = [];
        spec.forEach((x, i) => {
          const cause = i === 0 || x.cause % (i + 1) === i ? null : rows[x.cause % i]!;
          // workflows are leaves here: only non-workflows cause
          const parent = cause && cause.kind !== 'WORKFLOW' ? cause : null;
          rows.push(
            row(
              `e${i}`,
              x.workflow && parent ? 'WORKFLOW' : 'SERVICE',
              parent ? parent.because : [],
              x.category,
            ),
          );
        });
        return { rows, spec };
      });
    fc.assert(
      fc.property(forest, fc.nat({ max: 5 }), ({ rows, spec }, take) => {
        const workflows = rows.filter((r) => r.kind === 'WORKFLOW');
        const groups: GroupPage[] = WORKFLOW_GROUPS.map((c) => {
          const all = workflows.filter((w) => w.category === c);
          return { category: c, total: all.length, rows: all.slice(0, take) };
        });
        const failed = rows.filter((r) => r.because.length === 1).map((r) => r.id);
        const byId = new Map(rows.map((r) => [r.id, r]));
        const chain = chainIds(failed, groups).map((id) => byId.get(id)!);
        const supports = new Map(workflows.map((w) => [w.id, spec[Number(w.id.slice(1))]!.fns]));
        const s = causalTopScene({
          groups,
          chain,
          supports,
          functions: [
            { id: 'f1', name: 'F1', capacityLoss: 0.5 },
            { id: 'f2', name: 'F2', capacityLoss: 1 },
          ],
          totalAffected: rows.length,
        });
        const drawn = new Set(s.nodes.map((n) => n.id));
        // every failure is drawn; every other entity hangs off a drawn entity
        for (const id of failed) expect(drawn.has(id)).toBe(true);
        for (const n of s.nodes) {
          if (failed.includes(n.id)) continue;
          expect(s.edges.some((e) => e.target === n.id && drawn.has(e.source))).toBe(true);
        }
        // each group draws exactly its first workflows
        for (const g of groups) {
          const shown = s.nodes.filter(
            (n) => n.kind === 'WORKFLOW' && byId.get(n.id)!.category === g.category,
          );
          expect(shown.map((n) => n.id).sort()).toEqual(g.rows.map((r) => r.id).sort());
        }
        // critical functions only at the end: reached from drawn workflows, leading nowhere
        for (const n of s.nodes.filter((x) => x.kind === 'CRITICAL_FUNCTION')) {
          expect(s.edges.some((e) => e.source === n.id)).toBe(false);
          for (const e of s.edges.filter((x) => x.target === n.id))
            expect(byId.get(e.source)!.kind).toBe('WORKFLOW');
        }
        expect(s.nodes.some((n) => n.id === 'f3')).toBe(false);
        expect(s.omitted).toBe(rows.length - s.nodes.filter((n) => n.kind !== 'CRITICAL_FUNCTION').length);
      }),
      { seed: SEED, numRuns: 200 },
    );
  });
});
