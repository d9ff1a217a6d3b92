import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  affectedNodes,
  type CompactGraph,
  explainImpact,
  GraphBuilder,
  type ImpactModel,
  impact,
  type ImpactOptions,
} from '../src/index';
import { arbCase, toGraph } from './helpers';

/**
 * A hospital's eligibility check with two clearinghouses as alternatives, claims with
 * one, an EHR asset on a hosted EHR service, and a second-tier workflow.
 *
 *   sup-ch1 ── svc-ch1-elig ◄─┐ (group "clearinghouse")
 *   sup-ch2 ── svc-ch2-elig ◄─┴─ wf-elig (org-h; tolerance 40 h, workaround 30 %)
 *   sup-ch1 ── svc-ch1-claims ◄── wf-claims (org-h; tolerance 0)
 *   sup-ehr ── svc-ehr ◄── asset-ehr ◄── wf-adm (org-h; tolerance 4 h)
 *   svc-ch1-elig, svc-ch2-elig, svc-x ◄── wf-three (group "any", tolerance 2 h)
 */
function hospital(): CompactGraph {
  const b = new GraphBuilder();
  const sup = (id: string, name: string) => b.addNode({ id, kind: 'SUPPLIER', name });
  sup('sup-ch1', 'ClearOne');
  sup('sup-ch2', 'AvailPoint');
  sup('sup-ehr', 'Epoch');
  const svc = (id: string, name: string, supplier: string, category: string) =>
    b.addNode({ id, kind: 'SERVICE', name, category }).addProvidedBy(id, supplier);
  svc('svc-ch1-elig', 'ClearOne eligibility', 'sup-ch1', 'Eligibility');
  svc('svc-ch2-elig', 'AvailPoint eligibility', 'sup-ch2', 'Eligibility');
  svc('svc-ch1-claims', 'ClearOne claims', 'sup-ch1', 'Claims clearinghouse');
  svc('svc-ehr', 'Epoch Hosted EHR', 'sup-ehr', 'EHR hosting');
  svc('svc-x', 'Payer portal', 'sup-ch2', 'Portal');
  b.addNode({ id: 'org-h', kind: 'ORGANIZATION', name: 'Harbor Hospital' });
  b.addNode({ id: 'asset-ehr', kind: 'ASSET', name: 'EHR' }).addOwns('org-h', 'asset-ehr');
  const wf = (id: string, name: string, toleranceHours: number, workaroundCapacity = 0) =>
    b.addNode({ id, kind: 'WORKFLOW', name, toleranceHours, workaroundCapacity }).addPerforms('org-h', id);
  wf('wf-elig', 'Eligibility verification', 40, 0.3);
  wf('wf-claims', 'Claims', 0);
  wf('wf-adm', 'Admission', 4);
  wf('wf-three', 'Prior authorization', 2);
  b.addDependency({ from: 'wf-elig', to: 'svc-ch1-elig', group: 'clearinghouse' });
  b.addDependency({ from: 'wf-elig', to: 'svc-ch2-elig', group: 'clearinghouse' });
  b.addDependency({ from: 'wf-claims', to: 'svc-ch1-claims' });
  b.addDependency({ from: 'asset-ehr', to: 'svc-ehr' });
  b.addDependency({ from: 'wf-adm', to: 'asset-ehr' });
  wf('wf-second', 'Billing', 1);
  b.addDependency({ from: 'wf-second', to: 'wf-elig', group: 'upstream' });
  b.addDependency({ from: 'wf-second', to: 'wf-claims', group: 'upstream' });
  for (const to of ['svc-ch1-elig', 'svc-ch2-elig', 'svc-x'])
    b.addDependency({ from: 'wf-three', to, group: 'any' });
  return b.build();
}

function why(options: ImpactOptions): Map<string, string> {
  const g = hospital();
  const result = impact(g, options);
  return new Map(explainImpact(g, result, options).map((e) => [e.id, e.reasonText]));
}

describe('"why" in words', () => {
  it('an entity of F', () => {
    expect(why({ failed: [{ id: 'sup-ch1' }] }).get('sup-ch1')).toBe(
      'Fails at 0 h: failed in this scenario.',
    );
  });

  it('expanded from a failed supplier or organization', () => {
    expect(why({ failed: [{ id: 'sup-ch1' }] }).get('svc-ch1-claims')).toBe(
      'Fails at 0 h: its supplier ClearOne failed.',
    );
    expect(why({ failed: [{ id: 'org-h' }] }).get('wf-adm')).toBe(
      'Fails at 0 h: its organization Harbor Hospital failed.',
    );
  });

  it('an ungrouped dependency: no alternative; tolerance 0 is "no workaround"', () => {
    expect(why({ failed: [{ id: 'sup-ch1' }] }).get('wf-claims')).toBe(
      'Fails at 0 h: it has no workaround and it depends on ClearOne claims with no alternative, down from 0 h.',
    );
  });

  it('a non-workflow entity has no workaround to speak of', () => {
    expect(why({ failed: [{ id: 'sup-ehr' }] }).get('asset-ehr')).toBe(
      'Fails at 0 h: it depends on Epoch Hosted EHR with no alternative, down from 0 h.',
    );
  });

  it("a group of alternatives all down, the workaround exhausted (the issue's example)", () => {
    expect(why({ failed: [{ id: 'sup-ch1' }, { id: 'sup-ch2' }] }).get('wf-elig')).toBe(
      'Fails at 40 h: its workaround covers 40 h and both eligibility services it can use (ClearOne eligibility and AvailPoint eligibility) are down.',
    );
  });

  it('a group of three, mixed categories, down at a later time', () => {
    const g = why({ failed: [{ id: 'sup-ch1' }, { id: 'sup-ch2' }] });
    expect(g.get('wf-three')).toBe(
      'Fails at 2 h: its workaround covers 2 h and all 3 services it can use (ClearOne eligibility, AvailPoint eligibility and Payer portal) are down.',
    );
    expect(g.get('wf-second')).toBe(
      'Fails at 41 h: its workaround covers 1 h and both workflows it can use (Claims and Eligibility verification) are down, the last from 40 h.',
    );
    expect(why({ failed: [{ id: 'sup-ehr' }] }).get('wf-adm')).toBe(
      'Fails at 4 h: its workaround covers 4 h and it depends on EHR with no alternative, down from 0 h.',
    );
  });

  it('DEGRADED: the workaround held through the outage', () => {
    expect(why({ failed: [{ id: 'sup-ch1' }, { id: 'sup-ch2' }], durationHours: 24 }).get('wf-elig')).toBe(
      'Degraded from 0 h: both eligibility services it can use (ClearOne eligibility and AvailPoint eligibility) are down; its workaround covers 40 h, outlasting the 24 h outage at 30 % of normal volume.',
    );
  });

  it('one alternative still up: not affected, so no reason', () => {
    expect(why({ failed: [{ id: 'sup-ch1' }] }).has('wf-elig')).toBe(false);
  });

  it('the inoperability model', () => {
    const g = why({ failed: [{ id: 'sup-ehr', inoperability: 0.5 }], model: 'INOPERABILITY' });
    expect(g.get('sup-ehr')).toBe('50 % inoperable: failed in this scenario.');
    expect(g.get('svc-ehr')).toBe('50 % inoperable: its supplier Epoch failed in this scenario.');
    expect(g.get('asset-ehr')).toBe('50 % inoperable: it depends on Epoch Hosted EHR, 50 % inoperable.');
    const full = why({ failed: [{ id: 'sup-ehr' }], model: 'INOPERABILITY' });
    expect(full.get('wf-adm')).toBe('Fully inoperable: it depends on EHR, fully inoperable.');
  });
});

describe('explaining one page of a report', () => {
  it('each row of a subset is explained as in the whole report (its cause still reads every row)', () => {
    const g = hospital();
    for (const options of [
      { failed: [{ id: 'sup-ch1' }], durationHours: 72 },
      { failed: [{ id: 'sup-ch1' }, { id: 'sup-ch2' }], durationHours: 48 },
      { failed: [{ id: 'sup-ehr' }], durationHours: 2 },
    ]) {
      const result = impact(g, options);
      const whole = new Map(explainImpact(g, result, options).map((e) => [e.id, e]));
      // Every other row, from the end: causes reach rows left out of the subset.
      const subset = result.affected.filter((_, i) => i % 2 === 1).reverse();
      const part = explainImpact(g, result, options, subset);
      expect(part.map((e) => e.id)).toEqual(subset.map((a) => a.id));
      for (const e of part) expect(e).toEqual(whole.get(e.id));
      expect(part.length).toBeLessThan(whole.size);
    }
  });

  it('any subset of any report is explained row for row as the whole report (property, both models)', () => {
    fc.assert(
      fc.property(
        arbCase(),
        fc.constantFrom<ImpactModel>('DISCRETE', 'INOPERABILITY'),
        fc.integer({ min: 0, max: 2 ** 30 }),
        ({ plain, failed, duration }, model, pick) => {
          const g = toGraph(plain);
          const options = {
            failed: failed.map((f) => ({ id: plain.ids[f]! })),
            durationHours: duration,
            model,
          };
          const result = impact(g, options);
          const whole = new Map(explainImpact(g, result, options).map((e) => [e.id, e]));
          const subset = result.affected.filter((_, i) => (pick >> (i % 30)) & 1);
          const part = explainImpact(g, result, options, subset);
          expect(part.map((e) => e.id)).toEqual(subset.map((a) => a.id));
          for (const e of part) expect(e).toEqual(whole.get(e.id));
        },
      ),
      { numRuns: 300, seed: 20261203 },
    );
  });

  it("the engine's own affected list says each row's node; a copy of it does not", () => {
    const g = hospital();
    for (const model of ['DISCRETE', 'INOPERABILITY'] as const) {
      const result = impact(g, { failed: [{ id: 'sup-ch1' }, { id: 'sup-ehr' }], durationHours: 72, model });
      const nodes = affectedNodes(result.affected)!;
      expect(Array.from(nodes)).toEqual(result.affected.map((a) => g.indexOf(a.id)));
      expect(affectedNodes(structuredClone(result.affected))).toBeUndefined();
    }
  });
});
