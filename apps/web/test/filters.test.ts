import { describe, expect, it } from 'vitest';
import { hiddenNodes, isFiltering, NO_FILTERS, toggle } from '../src/explorer/filters';
import type { SceneNode } from '../src/explorer/scene';
import { sanitize } from '../src/settings';

const nodes: SceneNode[] = [
  { id: 'sup', label: 'S', kind: 'SUPPLIER', dependents: 3 },
  { id: 'org', label: 'O', kind: 'ORGANIZATION', subsector: 'HEALTH_PLANS_PAYERS', dependents: 0 },
  {
    id: 'wf-c',
    label: 'C',
    kind: 'WORKFLOW',
    category: 'CLINICAL',
    subsector: 'DIRECT_PATIENT_CARE',
    dependents: 0,
  },
  { id: 'wf-a', label: 'A', kind: 'WORKFLOW', category: 'ADMINISTRATIVE', dependents: 0 },
];

describe('canvas filters', () => {
  it('hides nothing without a filter', () => {
    expect(isFiltering(NO_FILTERS)).toBe(false);
    expect(hiddenNodes(nodes, NO_FILTERS).size).toBe(0);
  });

  it('filters by kind, subsector and workflow category', () => {
    expect(hiddenNodes(nodes, { ...NO_FILTERS, kinds: new Set(['WORKFLOW']) })).toEqual(
      new Set(['sup', 'org']),
    );
    expect(hiddenNodes(nodes, { ...NO_FILTERS, subsectors: new Set(['DIRECT_PATIENT_CARE']) })).toEqual(
      new Set(['org']),
    );
    expect(hiddenNodes(nodes, { ...NO_FILTERS, categories: new Set(['CLINICAL']) })).toEqual(
      new Set(['wf-a']),
    );
  });

  it('never hides what must stay (the selection)', () => {
    expect(hiddenNodes(nodes, { ...NO_FILTERS, kinds: new Set(['WORKFLOW']) }, new Set(['sup']))).toEqual(
      new Set(['org']),
    );
  });

  it('toggles set members', () => {
    expect(toggle(new Set(['a']), 'a')).toEqual(new Set());
    expect(toggle(new Set(['a']), 'b')).toEqual(new Set(['a', 'b']));
  });

  it('keeps preferences within sane bounds', () => {
    expect(sanitize({ maxNodes: 1e9, fanoutThreshold: -1, layout: 'force' })).toEqual({
      maxNodes: 50_000,
      fanoutThreshold: 5,
      layout: 'force',
    });
    expect(sanitize({ maxNodes: Number.NaN, fanoutThreshold: 30, layout: 'x' as 'tiered' }).maxNodes).toBe(
      500,
    );
  });
});
