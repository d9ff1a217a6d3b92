import { describe, expect, it } from 'vitest';
import {
  addDependency,
  alternative,
  removeDependency,
  setWorkflow,
  sideBySide,
  unaffected,
} from '../src/impact/whatif';

const wf = { id: 'wf-claims', name: 'Claims submission' };
const ch1 = { id: 'svc-ch1', name: 'ClearPath claims API' };
const ch2 = { id: 'svc-ch2', name: 'AltClaims API' };

describe('what-if changes as the panel builds them', () => {
  it('makes an alternative as two additions to one group, the current dependency first', () => {
    const [current, alt] = alternative(wf, ch1, ch2);
    expect(current!.change).toEqual({
      addDependency: { from: 'wf-claims', to: 'svc-ch1', group: 'what-if|svc-ch1' },
    });
    expect(alt!.change).toEqual({
      addDependency: { from: 'wf-claims', to: 'svc-ch2', group: 'what-if|svc-ch1' },
    });
    expect(alt!.label).toBe('Claims submission can use AltClaims API instead of ClearPath claims API');
    // A dependency already in a group: the alternative joins that group, nothing is regrouped.
    expect(alternative(wf, ch1, ch2, 'claims').map((d) => d.change)).toEqual([
      { addDependency: { from: 'wf-claims', to: 'svc-ch2', group: 'claims' } },
    ]);
  });

  it('says each change in words and sets exactly one member', () => {
    expect(addDependency(wf, ch2, 0.5)).toEqual({
      change: { addDependency: { from: 'wf-claims', to: 'svc-ch2', strength: 0.5 } },
      label: 'Claims submission depends on AltClaims API (strength 50 %)',
    });
    expect(removeDependency(wf, ch1).label).toBe(
      'Claims submission no longer depends on ClearPath claims API',
    );
    expect(setWorkflow(wf, 48, null)).toEqual({
      change: { setWorkflow: { id: 'wf-claims', toleranceHours: 48, workaroundCapacity: null } },
      label: 'Claims submission: workaround holds 48 h',
    });
    expect(setWorkflow(wf, null, 0.25).label).toBe('Claims submission: at 25 % of normal volume');
    expect(unaffected(wf).change).toEqual({ unaffected: { id: 'wf-claims' } });
  });
});

describe('sideBySide', () => {
  const fig = (failed: number, fns: [string, number][]) => ({
    summary: {
      workflowsFailed: failed,
      workflowsDegraded: 1,
      organizationsAffected: failed,
      functions: fns.map(([id, capacityLoss]) => ({ function: { id, name: `F ${id}` }, capacityLoss })),
    },
  });

  it('sets the counts, then every function either side hits (0 where one leaves it alone), worst baseline first', () => {
    const rows = sideBySide(
      fig(3, [
        ['a', 0.2],
        ['b', 0.9],
      ]),
      fig(1, [
        ['a', 0.1],
        ['c', 0.05],
      ]),
    );
    expect(rows.map((r) => [r.key, r.baseline, r.changed])).toEqual([
      ['workflowsFailed', 3, 1],
      ['workflowsDegraded', 1, 1],
      ['organizationsAffected', 3, 1],
      ['fn:b', 0.9, 0],
      ['fn:a', 0.2, 0.1],
      ['fn:c', 0, 0.05],
    ]);
    expect(rows.filter((r) => r.share).map((r) => r.label)).toEqual(['F b', 'F a', 'F c']);
  });
});
