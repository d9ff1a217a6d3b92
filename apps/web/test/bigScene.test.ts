// Big scenes: which edges the canvas keeps drawn (focused ones always; zoomed in, the
// part in view, both ends in view first; never more than the budget).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type EdgeRef, edgesToDraw, isBig, viewBox } from '../src/explorer/bigScene';

const SEED = Number(process.env.FC_SEED ?? 20261203);

describe('edgesToDraw', () => {
  const pos = new Map([
    ['a', { x: 0, y: 0 }],
    ['b', { x: 1, y: 1 }],
    ['c', { x: 5, y: 5 }],
    ['d', { x: 9, y: 9 }],
  ]);
  const edges: EdgeRef[] = [
    { id: 'ab', source: 'a', target: 'b' },
    { id: 'bc', source: 'b', target: 'c' },
    { id: 'cd', source: 'c', target: 'd' },
    { id: 'ad', source: 'a', target: 'd' },
  ];
  const at = (id: string) => pos.get(id);

  it('zoomed out: only the edges of focused entities', () => {
    expect(edgesToDraw(edges, at, null, new Set())).toEqual([]);
    expect(edgesToDraw(edges, at, null, new Set(['d']))).toEqual(['cd', 'ad']);
  });

  it('zoomed in: focused first, then both ends in view, then one end, within the budget', () => {
    const view = viewBox({ x: -1, y: -1 }, { x: 2, y: 2 });
    expect(edgesToDraw(edges, at, view, new Set(['d']))).toEqual(['cd', 'ad', 'ab', 'bc']);
    expect(edgesToDraw(edges, at, view, new Set(['d']), 3)).toEqual(['cd', 'ad', 'ab']);
    expect(edgesToDraw(edges, at, view, new Set())).toEqual(['ab', 'bc', 'ad']);
  });

  it('on any scene: within the budget, every focused edge kept while it fits, nothing off view unfocused', () => {
    const scene = fc.record({
      points: fc.array(
        fc.record({ x: fc.integer({ min: 0, max: 100 }), y: fc.integer({ min: 0, max: 100 }) }),
        {
          minLength: 2,
          maxLength: 40,
        },
      ),
      pairs: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 120 }),
      focus: fc.array(fc.nat(), { maxLength: 4 }),
      corner: fc.tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 })),
      zoomed: fc.boolean(),
      budget: fc.integer({ min: 0, max: 150 }),
    });
    fc.assert(
      fc.property(scene, ({ points, pairs, focus, corner, zoomed, budget }) => {
        const id = (i: number) => `n${i % points.length}`;
        const where = new Map(points.map((p, i) => [`n${i}`, p]));
        const edges = pairs.map(([s, t], i) => ({ id: `e${i}`, source: id(s), target: id(t) }));
        const focused = new Set(focus.map(id));
        const view = zoomed
          ? viewBox({ x: corner[0], y: corner[1] }, { x: corner[0] + 30, y: corner[1] + 30 })
          : null;
        const drawn = edgesToDraw(edges, (n) => where.get(n), view, focused, budget);
        expect(drawn.length).toBeLessThanOrEqual(budget);
        expect(new Set(drawn).size).toBe(drawn.length);
        const isFocused = (e: EdgeRef) => focused.has(e.source) || focused.has(e.target);
        const byId = new Map(edges.map((e) => [e.id, e]));
        const focusedCount = edges.filter(isFocused).length;
        if (focusedCount <= budget) for (const e of edges.filter(isFocused)) expect(drawn).toContain(e.id);
        const inView = (n: string) => {
          const p = where.get(n)!;
          return view !== null && p.x >= view.x0 && p.x <= view.x1 && p.y >= view.y0 && p.y <= view.y1;
        };
        for (const d of drawn) {
          const e = byId.get(d)!;
          if (!isFocused(e)) expect(inView(e.source) || inView(e.target)).toBe(true);
        }
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('a scene is big from 2,000 nodes', () => {
    expect(isBig(1999)).toBe(false);
    expect(isBig(2000)).toBe(true);
  });
});
