import { describe, expect, it } from 'vitest';
import { tieredFrame, tieredLayout } from '../src/explorer/tieredLayout';

describe('tiered layout', () => {
  it('places tiers left to right', () => {
    const nodes = [
      { id: 'wf', tier: 4 },
      { id: 'sup', tier: 0 },
      { id: 'svc', tier: 1 },
      { id: 'cf', tier: 5 },
      { id: 'asset', tier: 3 },
    ];
    const edges = [
      { source: 'sup', target: 'svc' },
      { source: 'svc', target: 'asset' },
      { source: 'asset', target: 'wf' },
      { source: 'wf', target: 'cf' },
    ];
    const p = tieredLayout(nodes, edges);
    const x = (id: string) => p.get(id)!.x;
    expect(x('sup')).toBeLessThan(x('svc'));
    expect(x('svc')).toBeLessThan(x('asset'));
    expect(x('asset')).toBeLessThan(x('wf'));
    expect(x('wf')).toBeLessThan(x('cf'));
    // One node per column: all on the centre line.
    for (const n of nodes) expect(p.get(n.id)!.y).toBe(0);
  });

  it('puts a service that depends on another service to its right (fourth parties)', () => {
    const p = tieredLayout(
      [
        { id: 'cloud', tier: 1 },
        { id: 'saas', tier: 1 },
        { id: 'wf', tier: 4 },
      ],
      [
        { source: 'cloud', target: 'saas' },
        { source: 'saas', target: 'wf' },
      ],
    );
    expect(p.get('cloud')!.x).toBeLessThan(p.get('saas')!.x);
    expect(p.get('saas')!.x).toBeLessThan(p.get('wf')!.x);
  });

  it('survives cycles, self-loops, unknown endpoints and an empty graph', () => {
    expect(tieredLayout([], []).size).toBe(0);
    const p = tieredLayout(
      [
        { id: 'a', tier: 4 },
        { id: 'b', tier: 4 },
        { id: 'c', tier: 4 },
      ],
      [
        { source: 'a', target: 'b' },
        { source: 'b', target: 'c' },
        { source: 'c', target: 'a' },
        { source: 'a', target: 'a' },
        { source: 'a', target: 'zz' },
      ],
    );
    expect(p.size).toBe(3);
    for (const v of p.values()) expect(Number.isFinite(v.x) && Number.isFinite(v.y)).toBe(true);
  });

  it('gives every node a distinct position and wraps tall columns', () => {
    const nodes = [
      { id: 's', tier: 0 },
      ...Array.from({ length: 100 }, (_, i) => ({ id: `w${i}`, tier: 4 })),
    ];
    const edges = nodes.slice(1).map((n) => ({ source: 's', target: n.id }));
    const p = tieredLayout(nodes, edges, { maxRows: 25 });
    const keys = new Set([...p.values()].map((v) => `${v.x.toFixed(3)},${v.y.toFixed(3)}`));
    expect(keys.size).toBe(nodes.length);
    const xs = new Set(nodes.slice(1).map((n) => p.get(n.id)!.x));
    expect(xs.size).toBe(4);
    const ys = nodes.slice(1).map((n) => p.get(n.id)!.y);
    expect(Math.max(...ys) - Math.min(...ys)).toBeLessThan(26 * 1.6);
  });

  it('orders a column by its neighbours to avoid crossings', () => {
    // s1 feeds w1 only, s2 feeds w2 only: w1 should sit above w2 when s1 is above s2.
    const p = tieredLayout(
      [
        { id: 's1', tier: 0, sortKey: 'a' },
        { id: 's2', tier: 0, sortKey: 'b' },
        { id: 'w2', tier: 4, sortKey: 'a' },
        { id: 'w1', tier: 4, sortKey: 'b' },
      ],
      [
        { source: 's1', target: 'w1' },
        { source: 's2', target: 'w2' },
      ],
    );
    const above = (a: string, b: string) => p.get(a)!.y > p.get(b)!.y;
    expect(above('s1', 's2')).toBe(above('w1', 'w2'));
  });

  it('is deterministic', () => {
    const nodes = Array.from({ length: 30 }, (_, i) => ({ id: `n${i}`, tier: i % 6 }));
    const edges = Array.from({ length: 40 }, (_, i) => ({
      source: `n${(i * 7) % 30}`,
      target: `n${(i * 11 + 3) % 30}`,
    }));
    expect([...tieredLayout(nodes, edges)]).toEqual([...tieredLayout(nodes, edges)]);
  });
});

describe('tiered frame', () => {
  it('leaves room for labels and keeps a minimum size', () => {
    const f = tieredFrame(
      new Map([
        ['a', { x: 0, y: 0 }],
        ['b', { x: 10, y: 0 }],
      ]),
    );
    expect(f.x[1]).toBeGreaterThan(10 + 5);
    expect(f.x[1] - f.x[0]).toBeGreaterThanOrEqual(35);
    expect(f.y[1] - f.y[0]).toBeGreaterThanOrEqual(1.6 * 12 - 1e-9);
    expect((f.y[0] + f.y[1]) / 2).toBeCloseTo(0);
    expect(tieredFrame(new Map())).toEqual({ x: [0, 1], y: [0, 1] });
  });
});
