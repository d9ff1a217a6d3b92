// @vitest-environment happy-dom
// The layout hook with the tiered layout: a new picture is placed at once in its tiers
// inside a fixed frame and the framing hears it start and settle; a changed picture is
// animated to its new places and settles when the animation ends; an empty one settles
// at once. (The force layout runs in a web worker, which happy-dom does not run: the
// explorer e2e tests cover it in Chromium.)
import { cleanup, renderHook, waitFor } from '@testing-library/react';
import { useMemo } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { testSigma } from '../../../test/support/testSigma';
import type { Scene, SceneNode } from '../scene';
import { tieredFrame, tieredLayout } from '../tieredLayout';
import { KIND_META } from '../kinds';
import { adjacencyOf } from './sceneDiff';
import { useBigSceneEdges } from './useBigSceneEdges';
import type { LayoutProgress } from './useFraming';
import { useSceneLayout } from './useSceneLayout';

afterEach(() => {
  cleanup();
  document.body.innerHTML = '';
});

const node = (id: string, kind: SceneNode['kind']): SceneNode => ({ id, label: id, kind, dependents: 0 });
const edge = (source: string, target: string) => ({
  id: `${source}>${target}`,
  source,
  target,
  type: 'DEPENDS_ON' as const,
});
const SCENE: Scene = {
  nodes: [node('sup', 'SUPPLIER'), node('svc', 'SERVICE'), node('wf', 'WORKFLOW')],
  edges: [edge('sup', 'svc'), edge('svc', 'wf')],
};

function recorder() {
  const heard: string[] = [];
  const progress: LayoutProgress = {
    started: () => heard.push('started'),
    settled: () => heard.push('settled'),
    early: () => heard.push('early'),
  };
  return { heard, progress };
}

function render(scene: Scene) {
  const t = testSigma();
  const { heard, progress } = recorder();
  const hook = renderHook(
    ({ s }: { s: Scene }) => {
      const big = useBigSceneEdges(t.sigma);
      // As GraphCanvas does: the adjacency is the scene's, made once per scene.
      const adjacency = useMemo(() => adjacencyOf(s), [s]);
      useSceneLayout(t.sigma, s, 'tiered', adjacency, big, progress);
    },
    { initialProps: { s: scene } },
  );
  return { ...t, heard, hook };
}

const expected = (scene: Scene) =>
  tieredLayout(
    scene.nodes.map((n) => ({ id: n.id, tier: KIND_META[n.kind].tier, sortKey: n.label })),
    scene.edges,
    {},
  );

describe('useSceneLayout (tiered)', () => {
  it('a new picture: every node at its tiered place at once, in a fixed frame; started then settled', () => {
    const { graph, calls, heard } = render(SCENE);
    const places = expected(SCENE);
    for (const [id, p] of places)
      expect({ x: graph.getNodeAttribute(id, 'x'), y: graph.getNodeAttribute(id, 'y') }).toEqual(p);
    expect(calls.filter((c) => c[0] === 'setCustomBBox')).toEqual([['setCustomBBox', tieredFrame(places)]]);
    expect(heard).toEqual(['started', 'settled']);
  });

  it('a changed picture: the nodes move to their new places and it settles when they get there', async () => {
    const { graph, heard, hook } = render(SCENE);
    const next: Scene = {
      nodes: [...SCENE.nodes, node('org', 'ORGANIZATION')],
      edges: [...SCENE.edges, edge('svc', 'org')],
    };
    hook.rerender({ s: next });
    expect(heard).toEqual(['started', 'settled', 'started']);
    await waitFor(() => expect(heard).toEqual(['started', 'settled', 'started', 'settled']));
    for (const [id, p] of expected(next))
      expect({ x: graph.getNodeAttribute(id, 'x'), y: graph.getNodeAttribute(id, 'y') }).toEqual(p);
  });

  it('an empty picture settles at once, with no frame set', () => {
    const { calls, heard } = render({ nodes: [], edges: [] });
    expect(heard).toEqual(['started', 'settled']);
    expect(calls.filter((c) => c[0] === 'setCustomBBox')).toEqual([]);
  });

  it('the same scene again lays nothing out again', () => {
    const { heard, hook } = render(SCENE);
    hook.rerender({ s: SCENE });
    expect(heard).toEqual(['started', 'settled']);
  });
});
