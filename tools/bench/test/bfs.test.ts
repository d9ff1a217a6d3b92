import fc from 'fast-check';
import { GraphBuilder } from '@smart/engine';
import { describe, expect, it } from 'vitest';
import { Reachability, adjacencyFromEdges, reverseAdjacency } from '../src/bfs';

// Seeded so a failure replays: FC_SEED=<n> runs another sequence (fast-check prints the
// seed and path of a failing case).
const SEED = Number(process.env.FC_SEED ?? 20261202);

/** The reference: the set of nodes reachable from `sources` by ≥ 1 step, by plain recursion over an edge list. */
function reference(
  nodeCount: number,
  edges: readonly (readonly [number, number])[],
  sources: number[],
): number {
  const next = new Map<number, number[]>();
  for (const [x, y] of edges) next.set(y, [...(next.get(y) ?? []), x]);
  const reached = new Set<number>();
  const visit = (n: number) => {
    for (const x of next.get(n) ?? []) {
      if (!reached.has(x)) {
        reached.add(x);
        visit(x);
      }
    }
  };
  for (const s of sources) visit(s);
  expect(nodeCount).toBeGreaterThan(0);
  return reached.size;
}

const arbGraph = fc.integer({ min: 1, max: 30 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    edges: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 80 }),
    sources: fc.array(fc.nat(n - 1), { minLength: 1, maxLength: 4 }),
  }),
);

describe('bare BFS reachability (the limit)', () => {
  it('counts the same nodes as a simple reference, on random graphs with cycles and self-loops', () => {
    fc.assert(
      fc.property(arbGraph, ({ n, edges, sources }) => {
        const reach = new Reachability(adjacencyFromEdges(n, edges));
        expect(reach.count(sources)).toBe(reference(n, edges, sources));
      }),
      { seed: SEED },
    );
  });

  it('leaks nothing between runs on the same scratch arrays', () => {
    fc.assert(
      fc.property(
        arbGraph,
        fc.array(fc.nat(29), { minLength: 1, maxLength: 5 }),
        ({ n, edges, sources }, more) => {
          const reach = new Reachability(adjacencyFromEdges(n, edges));
          const runs = [sources, ...more.map((m) => [m % n])];
          for (const s of runs) expect(reach.count(s)).toBe(reference(n, edges, s));
          // And again, in reverse order.
          for (const s of runs.reverse()) expect(reach.count(s)).toBe(reference(n, edges, s));
        },
      ),
      { seed: SEED },
    );
  });

  it('counts a source only when a cycle leads back to it', () => {
    // 0 ← 1 ← 2, and 3 ← 4 ← 3 (a cycle through the source 3)
    const adj = adjacencyFromEdges(5, [
      [1, 0],
      [2, 1],
      [4, 3],
      [3, 4],
    ]);
    const reach = new Reachability(adj);
    expect(reach.count([0])).toBe(2);
    expect(reach.count([3])).toBe(2);
    expect(reach.count([2])).toBe(0);
  });

  it('follows DEPENDS_ON backwards and a supplier to its services, not an organisation to its workflows', () => {
    const g = new GraphBuilder()
      .addNode({ id: 'sup', kind: 'SUPPLIER' })
      .addNode({ id: 'svc', kind: 'SERVICE' })
      .addNode({ id: 'svc2', kind: 'SERVICE' })
      .addNode({ id: 'org', kind: 'ORGANIZATION' })
      .addNode({ id: 'wf', kind: 'WORKFLOW' })
      .addNode({ id: 'wf2', kind: 'WORKFLOW' })
      .addNode({ id: 'asset', kind: 'ASSET' })
      .addProvidedBy('svc', 'sup')
      .addProvidedBy('svc2', 'sup')
      .addPerforms('org', 'wf')
      .addPerforms('org', 'wf2')
      .addOwns('org', 'asset')
      .addDependency({ from: 'asset', to: 'svc' })
      .addDependency({ from: 'wf', to: 'asset', group: 'a' })
      .addDependency({ from: 'wf', to: 'svc2', group: 'a' })
      .build();
    const reach = new Reachability(reverseAdjacency(g));
    // sup → svc, svc2 → asset → wf (wf reached twice, counted once); wf2 is only performed by org.
    expect(reach.count([g.indexOf('sup')])).toBe(4);
    expect(reach.count([g.indexOf('svc')])).toBe(2);
    expect(reach.count([g.indexOf('org')])).toBe(0);
  });

  it('agrees with the reference on random ecosystems built through GraphBuilder', () => {
    const arb = fc.record({
      suppliers: fc.integer({ min: 1, max: 4 }),
      services: fc.array(fc.nat(3), { minLength: 1, maxLength: 8 }),
      workflows: fc.integer({ min: 1, max: 8 }),
      deps: fc.array(fc.tuple(fc.nat(15), fc.nat(19), fc.constantFrom(null, 'g1', 'g2')), { maxLength: 40 }),
    });
    fc.assert(
      fc.property(arb, ({ suppliers, services, workflows, deps }) => {
        const b = new GraphBuilder();
        const sup = Array.from({ length: suppliers }, (_, i) => `sup-${i}`);
        const svc = services.map((_, i) => `svc-${i}`);
        const wf = Array.from({ length: workflows }, (_, i) => `wf-${i}`);
        for (const id of sup) b.addNode({ id, kind: 'SUPPLIER' });
        services.forEach((s, i) => {
          b.addNode({ id: svc[i]!, kind: 'SERVICE' }).addProvidedBy(svc[i]!, sup[s % suppliers]!);
        });
        for (const id of wf) b.addNode({ id, kind: 'WORKFLOW' });
        const from = [...svc, ...wf];
        const to = [...svc, ...wf, ...sup];
        for (const [f, t, group] of deps) {
          const a = from[f % from.length]!;
          const z = to[t % to.length]!;
          if (a !== z) b.addDependency({ from: a, to: z, group });
        }
        const g = b.build();
        const edges: [number, number][] = [];
        for (const d of g.dependencies()) edges.push([g.indexOf(d.from), g.indexOf(d.to)]);
        services.forEach((s, i) => {
          edges.push([g.indexOf(svc[i]!), g.indexOf(sup[s % suppliers]!)]);
        });
        const reach = new Reachability(reverseAdjacency(g));
        for (let n = 0; n < g.nodeCount; n++)
          expect(reach.count([n])).toBe(reference(g.nodeCount, edges, [n]));
      }),
      { seed: SEED },
    );
  });
});
