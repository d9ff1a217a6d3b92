import { describe, expect, it } from 'vitest';
import {
  addNeighborhood,
  clusterId,
  collapse,
  emptyModel,
  openCluster,
  removeNode,
  ROOT,
} from '../src/explorer/exploreModel';
import type { SceneNode, StoredEdge } from '../src/explorer/scene';

const node = (id: string, kind: SceneNode['kind'] = 'WORKFLOW', dependents = 0): SceneNode => ({
  id,
  label: id,
  kind,
  dependents,
});
const dep = (from: string, to: string): StoredEdge => ({
  id: `${from}-${to}`,
  source: from,
  target: to,
  type: 'DEPENDS_ON',
});
const opts = { maxNodes: 500, fanoutThreshold: 25 };

describe('explore model', () => {
  it('adds a neighbourhood with edges in flow direction', () => {
    const m = addNeighborhood(
      emptyModel(),
      'svc',
      {
        nodes: [node('svc', 'SERVICE'), node('sup', 'SUPPLIER'), node('wf')],
        edges: [{ id: 'p', source: 'svc', target: 'sup', type: 'PROVIDED_BY' }, dep('wf', 'svc')],
      },
      opts,
    );
    expect([...m.nodes.keys()].sort()).toEqual(['sup', 'svc', 'wf']);
    expect(m.edges.get('p')).toMatchObject({ source: 'sup', target: 'svc' });
    expect(m.edges.get('wf-svc')).toMatchObject({ source: 'svc', target: 'wf' });
    expect(m.origins.get('svc')).toEqual(new Set([ROOT]));
    expect(m.origins.get('wf')).toEqual(new Set(['svc']));
    expect(m.expanded.has('svc')).toBe(true);
  });

  it('aggregates a huge fan-out into a cluster and opens it page by page', () => {
    const many = Array.from({ length: 120 }, (_, i) => node(`w${i}`, 'WORKFLOW', i));
    const edges = many.map((w) => dep(w.id, 'cloud'));
    let m = addNeighborhood(
      emptyModel(),
      'cloud',
      { nodes: [node('cloud', 'SERVICE'), ...many], edges },
      opts,
    );
    const cid = clusterId('cloud', 'WORKFLOW', 'down');
    expect(m.nodes.size).toBe(2);
    expect(m.nodes.get(cid)?.cluster?.members).toHaveLength(120);
    expect(m.nodes.get(cid)?.label).toBe('120 more workflows');
    expect(m.edges.get(`${cid}>`)).toMatchObject({ source: 'cloud', target: cid });

    m = openCluster(m, cid, edges, { ...opts, page: 50 });
    expect(m.nodes.size).toBe(52);
    expect(m.nodes.get(cid)?.cluster?.members).toHaveLength(70);
    // Most depended-upon first.
    expect(m.nodes.has('w119')).toBe(true);
    expect(m.edges.get('w119-cloud')).toMatchObject({ source: 'cloud', target: 'w119' });
    m = openCluster(m, cid, edges, { ...opts, page: 50 });
    m = openCluster(m, cid, edges, { ...opts, page: 50 });
    expect(m.nodes.has(cid)).toBe(false);
    expect(m.nodes.size).toBe(121);
  });

  it('never exceeds the node budget (plus its clusters)', () => {
    const small = { maxNodes: 10, fanoutThreshold: 25 };
    const ws = Array.from({ length: 20 }, (_, i) => node(`w${i}`));
    const as = Array.from({ length: 5 }, (_, i) => node(`a${i}`, 'ASSET'));
    const m = addNeighborhood(
      emptyModel(),
      's',
      { nodes: [node('s', 'SERVICE'), ...ws, ...as], edges: [...ws, ...as].map((n) => dep(n.id, 's')) },
      small,
    );
    expect(m.nodes.size).toBeLessThanOrEqual(10);
    const clusters = [...m.nodes.values()].filter((n) => n.cluster);
    const hidden = clusters.reduce((k, c) => k + c.cluster!.members.length, 0);
    expect(m.nodes.size - clusters.length + hidden).toBe(26);
    // The small group (assets) was placed whole before the large one.
    for (const a of as) expect(m.nodes.has(a.id)).toBe(true);
    // A full canvas opens nothing.
    const cid = clusters[0]!.id;
    expect(openCluster(m, cid, [], small)).toBe(m);
  });

  it('collapses what only the expansion brought in, recursively', () => {
    let m = addNeighborhood(
      emptyModel(),
      'a',
      { nodes: [node('a', 'SERVICE'), node('b'), node('c')], edges: [dep('b', 'a'), dep('c', 'a')] },
      opts,
    );
    m = addNeighborhood(
      m,
      'b',
      { nodes: [node('b'), node('d'), node('c')], edges: [dep('d', 'b'), dep('c', 'b')] },
      opts,
    );
    expect([...m.nodes.keys()].sort()).toEqual(['a', 'b', 'c', 'd']);
    const onlyB = collapse(m, 'b');
    expect([...onlyB.nodes.keys()].sort()).toEqual(['a', 'b', 'c']);
    // A real edge between two entities that stay is kept.
    expect(onlyB.edges.has('c-b')).toBe(true);
    expect(onlyB.edges.has('d-b')).toBe(false);
    const all = collapse(m, 'a');
    expect([...all.nodes.keys()]).toEqual(['a']);
    expect(all.edges.size).toBe(0);
    expect(all.expanded.size).toBe(0);
    // The selected node is kept even when only the expansion held it.
    expect([...collapse(m, 'a', new Set(['d'])).nodes.keys()].sort()).toEqual(['a', 'd']);
    expect(collapse(m, 'zz')).toBe(m);
  });

  it('removes a node and what only it held', () => {
    let m = addNeighborhood(
      emptyModel(),
      'a',
      { nodes: [node('a'), node('b')], edges: [dep('b', 'a')] },
      opts,
    );
    m = removeNode(m, 'a');
    expect(m.nodes.size).toBe(0);
    expect(m.edges.size).toBe(0);
  });

  it('ignores a neighbourhood whose centre is unknown', () => {
    const m = emptyModel();
    expect(addNeighborhood(m, 'x', { nodes: [], edges: [] }, opts)).toBe(m);
  });
});
