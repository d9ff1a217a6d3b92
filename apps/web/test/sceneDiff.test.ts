// The canvas's scene diff (src/explorer/canvas/sceneDiff.ts): the graphology graph Sigma
// draws is made to hold exactly the scene, in place, new nodes placed beside a
// neighbour that was there already.
import fc from 'fast-check';
import Graph from 'graphology';
import { describe, expect, it } from 'vitest';
import {
  adjacencyOf,
  applyScene,
  type EdgeAttrs,
  type GraphAttrs,
  type NodeAttrs,
} from '../src/explorer/canvas/sceneDiff';
import { BIG_NODE_SCALE } from '../src/explorer/bigScene';
import type { Scene, SceneNode } from '../src/explorer/scene';

const SEED = Number(process.env.FC_SEED ?? 20261203);
const graph = () => new Graph<NodeAttrs, EdgeAttrs, GraphAttrs>({ multi: true, type: 'directed' });
const node = (id: string, kind: SceneNode['kind'] = 'WORKFLOW', dependents = 0): SceneNode => ({
  id,
  label: `L ${id}`,
  kind,
  dependents,
});
const edge = (source: string, target: string) => ({
  id: `${source}>${target}`,
  source,
  target,
  type: 'DEPENDS_ON' as const,
});
const noJitter = () => 0.5;

describe('applyScene', () => {
  it('a first scene: every node and edge added with its kind, fresh ids returned in scene order', () => {
    const g = graph();
    const scene: Scene = { nodes: [node('s', 'SUPPLIER'), node('w')], edges: [edge('s', 'w')] };
    expect(applyScene(g, scene, adjacencyOf(scene), false, noJitter)).toEqual(['s', 'w']);
    expect(g.nodes()).toEqual(['s', 'w']);
    expect(g.edges()).toEqual(['s>w']);
    expect(g.getNodeAttributes('s')).toMatchObject({
      label: 'L s',
      kind: 'SUPPLIER',
      cluster: false,
      x: 0,
      y: 0,
    });
    expect(g.getEdgeAttributes('s>w')).toMatchObject({ s: 's', t: 'w', size: 1.2 });
  });

  it('the next scene: gone nodes and edges dropped, kept ones updated in place, new ones beside a placed neighbour', () => {
    const g = graph();
    const first: Scene = { nodes: [node('a'), node('b')], edges: [edge('a', 'b')] };
    applyScene(g, first, adjacencyOf(first), false, noJitter);
    g.mergeNodeAttributes('a', { x: 10, y: 20 });
    const next: Scene = {
      nodes: [{ ...node('a'), label: 'renamed' }, node('c')],
      edges: [edge('a', 'c')],
    };
    expect(applyScene(g, next, adjacencyOf(next), false, noJitter)).toEqual(['c']);
    expect(g.nodes().sort()).toEqual(['a', 'c']);
    expect(g.edges()).toEqual(['a>c']);
    // Kept: its position stays, its attributes follow the scene.
    expect(g.getNodeAttributes('a')).toMatchObject({ label: 'renamed', x: 10, y: 20 });
    // New: at its placed neighbour (the jitter is 0 here).
    expect(g.getNodeAttributes('c')).toMatchObject({ x: 10, y: 20 });
  });

  it('a big scene: nodes scaled down, no edges (the camera chooses them)', () => {
    const g = graph();
    const scene: Scene = { nodes: [node('a'), node('b')], edges: [edge('a', 'b')] };
    applyScene(g, scene, adjacencyOf(scene), true, noJitter);
    expect(g.size).toBe(0);
    const small = graph();
    applyScene(small, scene, adjacencyOf(scene), false, noJitter);
    expect(g.getNodeAttribute('a', 'size')).toBeCloseTo(small.getNodeAttribute('a', 'size') * BIG_NODE_SCALE);
  });

  it('a group is a cluster with its label always shown and a rim', () => {
    const g = graph();
    const scene: Scene = {
      nodes: [{ ...node('cluster:x'), cluster: { parent: 'x', members: [] } }],
      edges: [],
    };
    applyScene(g, scene, adjacencyOf(scene), false, noJitter);
    expect(g.getNodeAttributes('cluster:x')).toMatchObject({
      cluster: true,
      forceLabel: true,
      borderSize: 0.35,
      size: 11,
    });
  });

  it('whatever the scenes, the graph then holds exactly the last scene (edges between its nodes)', () => {
    const ids = ['a', 'b', 'c', 'd', 'e'];
    const sceneArb = fc
      .record({
        nodes: fc.subarray(ids),
        pairs: fc.array(fc.tuple(fc.constantFrom(...ids), fc.constantFrom(...ids)), { maxLength: 8 }),
      })
      .map(({ nodes, pairs }): Scene => {
        const edges = new Map(
          pairs
            .filter(([s, t]) => s !== t && nodes.includes(s) && nodes.includes(t))
            .map(([s, t]) => [`${s}>${t}`, edge(s, t)]),
        );
        return { nodes: nodes.map((id) => node(id)), edges: [...edges.values()] };
      });
    fc.assert(
      fc.property(fc.array(sceneArb, { minLength: 1, maxLength: 6 }), (scenes) => {
        const g = graph();
        for (const s of scenes) applyScene(g, s, adjacencyOf(s), false);
        const last = scenes[scenes.length - 1]!;
        expect(g.nodes().sort()).toEqual(last.nodes.map((n) => n.id).sort());
        expect(g.edges().sort()).toEqual(last.edges.map((e) => e.id).sort());
      }),
      { seed: SEED },
    );
  });
});

describe('adjacencyOf', () => {
  it('each entity with its neighbours either way, once each', () => {
    const scene: Scene = { nodes: [], edges: [edge('a', 'b'), edge('b', 'a'), edge('b', 'c')] };
    const adj = adjacencyOf(scene);
    expect(adj.get('a')).toEqual(['b']);
    expect(adj.get('b')).toEqual(['a', 'c']);
    expect(adj.get('c')).toEqual(['b']);
  });
});
