import { describe, expect, it } from 'vitest';
import {
  filterPaths,
  hopText,
  orderPaths,
  pathCategory,
  pathScene,
  type TracedPath,
  targetOf,
} from '../src/paths/pathScene';

const p = (ids: string[], category: string | null, criticality = 3): TracedPath => ({
  length: ids.length - 1,
  nodes: ids.map((id, i) => ({
    id,
    name: id,
    kind: i === 0 ? 'SERVICE' : i === ids.length - 1 ? 'WORKFLOW' : 'ASSET',
    category: i === ids.length - 1 ? category : null,
    criticality: i === ids.length - 1 ? criticality : null,
  })),
});

describe('paths', () => {
  const paths = [
    p(['s', 'w-admin'], 'ADMINISTRATIVE'),
    p(['s', 'a', 'w-clin2'], 'CLINICAL', 2),
    p(['s', 'w-clin1'], 'CLINICAL', 2),
    p(['s', 'w-clin0'], 'CLINICAL', 1),
    p(['s', 'w-mfg'], 'MANUFACTURING'),
  ];

  it('orders clinical first, then criticality, then length', () => {
    expect(orderPaths(paths).map((x) => x.nodes.at(-1)!.id)).toEqual([
      'w-clin0',
      'w-clin1',
      'w-clin2',
      'w-mfg',
      'w-admin',
    ]);
  });

  it('filters by category and target', () => {
    expect(filterPaths(paths, new Set(['CLINICAL'])).length).toBe(3);
    expect(filterPaths(paths, new Set(), 'w-mfg').length).toBe(1);
    expect(filterPaths(paths, new Set()).length).toBe(5);
    // A path to a critical function takes the category of the workflow it passes.
    const toFunction: TracedPath = {
      length: 2,
      nodes: [
        { id: 's', name: 's', kind: 'SERVICE' },
        { id: 'w', name: 'w', kind: 'WORKFLOW', category: 'CLINICAL' },
        { id: 'cf', name: 'cf', kind: 'CRITICAL_FUNCTION' },
      ],
    };
    expect(pathCategory(toFunction)).toBe('CLINICAL');
    expect(pathCategory({ length: 0, nodes: [{ id: 's', name: 's', kind: 'SERVICE' }] })).toBeNull();
  });

  it('draws the union of the paths once each', () => {
    const s = pathScene(paths, 100);
    expect(s.nodes.map((n) => n.id).sort()).toEqual([
      'a',
      's',
      'w-admin',
      'w-clin0',
      'w-clin1',
      'w-clin2',
      'w-mfg',
    ]);
    expect(s.edges).toHaveLength(6);
    expect(s.nodes.find((n) => n.id === 's')!.dependents).toBe(5);
    const limited = pathScene(paths, 3);
    expect(limited.nodes).toHaveLength(3);
    expect(limited.omittedPaths).toBe(3);
  });
});

describe('path targets', () => {
  it('reads `to` as a kind or one entity', () => {
    expect(targetOf(null)).toEqual({ toKinds: ['WORKFLOW'], target: null });
    expect(targetOf('WORKFLOW')).toEqual({ toKinds: ['WORKFLOW'], target: null });
    expect(targetOf('CRITICAL_FUNCTION')).toEqual({ toKinds: ['CRITICAL_FUNCTION'], target: null });
    expect(targetOf('wf-42')).toEqual({ toKinds: ['WORKFLOW', 'CRITICAL_FUNCTION'], target: 'wf-42' });
  });
});

describe('hopText', () => {
  const node = (id: string, kind: TracedPath['nodes'][number]['kind']) => ({ id, name: id, kind });
  it('a recorded dependency: source, confidence and who asserted it when, or that nobody did', () => {
    const hop = {
      source: 'CONTRACT',
      confidence: 0.9,
      assertedBy: [
        { contributor: 'Riverside General', date: '2026-01-10' },
        { contributor: 'ClearPath', date: '2026-02-01' },
      ],
    };
    expect(hopText(node('svc', 'SERVICE'), node('wf', 'WORKFLOW'), hop)).toBe(
      'contract · confidence 90 % · asserted by Riverside General on 2026-01-10; ClearPath on 2026-02-01',
    );
    expect(
      hopText(node('svc', 'SERVICE'), node('wf', 'WORKFLOW'), {
        source: null,
        confidence: null,
        assertedBy: [],
      }),
    ).toBe('source not given · confidence not given · no submission recorded');
  });
  it('a structural hop says what links the two', () => {
    expect(hopText(node('sup', 'SUPPLIER'), node('svc', 'SERVICE'), null)).toBe('its service');
    expect(hopText(node('wf', 'WORKFLOW'), node('cf', 'CRITICAL_FUNCTION'), null)).toBe(
      'supports this function',
    );
  });
});
