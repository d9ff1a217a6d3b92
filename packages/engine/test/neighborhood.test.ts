import { describe, expect, it } from 'vitest';
import { GraphBuilder, UnknownEntityError, neighborhood } from '../src/index';

// sup ── svc ◄─ wf (group "g" with svc2) ─► cf;  org performs wf;  svc2 by sup2
function graph() {
  return new GraphBuilder()
    .addNodes([
      { id: 'sup', kind: 'SUPPLIER', name: 'Supplier' },
      { id: 'sup2', kind: 'SUPPLIER' },
      { id: 'svc', kind: 'SERVICE' },
      { id: 'svc2', kind: 'SERVICE' },
      { id: 'org', kind: 'ORGANIZATION', subsector: 'HEALTH_IT' },
      { id: 'wf', kind: 'WORKFLOW', category: 'CLINICAL' },
      { id: 'cf', kind: 'CRITICAL_FUNCTION' },
    ])
    .addProvidedBy('svc', 'sup')
    .addProvidedBy('svc2', 'sup2')
    .addPerforms('org', 'wf')
    .addSupports('wf', 'cf')
    .addDependency({ from: 'wf', to: 'svc', group: 'g', strength: 0.5 })
    .addDependency({ from: 'wf', to: 'svc2', group: 'g' })
    .build();
}

const ids = (r: ReturnType<typeof neighborhood>) => r.nodes.map((n) => n.id).sort();

describe('neighborhood', () => {
  it('one hop in both directions from a workflow reaches its dependencies, organization and function', () => {
    const r = neighborhood(graph(), 'wf');
    expect(ids(r)).toEqual(['cf', 'org', 'svc', 'svc2', 'wf']);
    expect(r.truncated).toBe(false);
    const edges = r.edges.map((e) => `${e.source}-${e.type}->${e.target}`).sort();
    expect(edges).toEqual([
      'org-PERFORMS->wf',
      'wf-DEPENDS_ON->svc',
      'wf-DEPENDS_ON->svc2',
      'wf-SUPPORTS->cf',
    ]);
    expect(r.edges.find((e) => e.target === 'svc')).toMatchObject({ group: 'g', strength: 0.5 });
  });

  it('follows only the asked direction', () => {
    expect(ids(neighborhood(graph(), 'svc', { direction: 'UPSTREAM' }))).toEqual(['sup', 'svc']);
    expect(ids(neighborhood(graph(), 'svc', { direction: 'DOWNSTREAM' }))).toEqual(['svc', 'wf']);
    expect(ids(neighborhood(graph(), 'sup', { direction: 'DOWNSTREAM', depth: 3 }))).toEqual([
      'cf',
      'sup',
      'svc',
      'wf',
    ]);
  });

  it('records depth and dependents, and stops at the limit', () => {
    const r = neighborhood(graph(), 'sup', { depth: 4, limit: 3 });
    expect(r.nodes).toHaveLength(3);
    expect(r.truncated).toBe(true);
    expect(r.nodes[0]).toMatchObject({ id: 'sup', depth: 0, dependents: 1, name: 'Supplier' });
    const full = neighborhood(graph(), 'sup', { depth: 4, limit: 100 });
    expect(full.nodes.find((n) => n.id === 'wf')).toMatchObject({ depth: 2, dependents: 1 });
    expect(full.nodes.find((n) => n.id === 'org')).toMatchObject({ subsector: 'HEALTH_IT', dependents: 1 });
  });

  it('refuses an unknown id', () => {
    expect(() => neighborhood(graph(), 'nope')).toThrow(UnknownEntityError);
  });
});
