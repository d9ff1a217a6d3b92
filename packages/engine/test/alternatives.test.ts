import { describe, expect, it } from 'vitest';
import { type CompactGraph, dependencyAlternatives, GraphBuilder, singlePointsOfFailure } from '../src/index';

/**
 * Two hospitals and a clinic:
 *   hosp-a: wf-a-elig on {svc-ch1, svc-ch2} (group "ch"); asset ehr-a on svc-ehr1 (ungrouped)
 *   hosp-b: asset ehr-b on {svc-ehr1, svc-ehr2} (group "ehr"); wf-b-claims on svc-ch1 (group "solo", alone)
 *   clinic-c (another subsector): wf-c on sup-ehr1 directly (ungrouped)
 */
function sector(): CompactGraph {
  const b = new GraphBuilder();
  b.addNode({ id: 'sup-ch', kind: 'SUPPLIER', name: 'Clear', category: 'Clearinghouse' });
  b.addNode({ id: 'sup-ehr1', kind: 'SUPPLIER', name: 'Epoch', category: 'EHR' });
  b.addNode({ id: 'sup-ehr2', kind: 'SUPPLIER', name: 'Cernix', category: 'EHR' });
  const svc = (id: string, name: string, supplier: string, category: string) =>
    b.addNode({ id, kind: 'SERVICE', name, category }).addProvidedBy(id, supplier);
  svc('svc-ch1', 'Clear eligibility', 'sup-ch', 'Eligibility');
  svc('svc-ch2', 'Clear backup eligibility', 'sup-ch', 'Eligibility');
  svc('svc-ehr1', 'Epoch Hosted EHR', 'sup-ehr1', 'EHR hosting');
  svc('svc-ehr2', 'Cernix Remote Hosting', 'sup-ehr2', 'EHR hosting');
  const org = (id: string, name: string, subsector: string, category: string) =>
    b.addNode({ id, kind: 'ORGANIZATION', name, subsector, category });
  org('hosp-a', 'Alder Hospital', 'DIRECT_PATIENT_CARE', 'Acute care hospital');
  org('hosp-b', 'Birch Hospital', 'DIRECT_PATIENT_CARE', 'Acute care hospital');
  org('clinic-c', 'Cedar Lab', 'PHARMA_LABS_BLOOD', 'Clinical laboratory');
  const wf = (id: string, name: string, o: string) =>
    b.addNode({ id, kind: 'WORKFLOW', name, toleranceHours: 1 }).addPerforms(o, id);
  const asset = (id: string, name: string, o: string) =>
    b.addNode({ id, kind: 'ASSET', name }).addOwns(o, id);
  wf('wf-a-elig', 'Eligibility', 'hosp-a');
  asset('ehr-a', 'EHR', 'hosp-a');
  asset('ehr-b', 'EHR', 'hosp-b');
  wf('wf-b-claims', 'Claims', 'hosp-b');
  wf('wf-c', 'Results', 'clinic-c');
  b.addDependency({ from: 'wf-a-elig', to: 'svc-ch1', group: 'ch' });
  b.addDependency({ from: 'wf-a-elig', to: 'svc-ch2', group: 'ch' });
  b.addDependency({ from: 'ehr-a', to: 'svc-ehr1' });
  b.addDependency({ from: 'ehr-b', to: 'svc-ehr1', group: 'ehr' });
  b.addDependency({ from: 'ehr-b', to: 'svc-ehr2', group: 'ehr' });
  b.addDependency({ from: 'wf-b-claims', to: 'svc-ch1', group: 'solo' });
  b.addDependency({ from: 'wf-c', to: 'sup-ehr1' });
  return b.build();
}

const key = (r: { organizationId: string; dependentId: string; dependencyId: string }) =>
  `${r.organizationId}:${r.dependentId}>${r.dependencyId}`;

describe('alternatives and single points of failure', () => {
  const g = sector();

  it('a group of one (ungrouped, or a label no other dependency shares) is a single point of failure', () => {
    expect(singlePointsOfFailure(g).map(key)).toEqual([
      'hosp-a:ehr-a>svc-ehr1',
      'hosp-b:wf-b-claims>svc-ch1',
      'clinic-c:wf-c>sup-ehr1',
    ]);
  });

  it('hospitals with no alternative for EHR hosting: by category (the service’s or its supplier’s) and subsector', () => {
    const rows = singlePointsOfFailure(g, { category: 'ehr hosting', subsector: 'DIRECT_PATIENT_CARE' });
    expect(rows).toEqual([
      {
        organizationId: 'hosp-a',
        dependentId: 'ehr-a',
        dependencyId: 'svc-ehr1',
        supplierId: 'sup-ehr1',
        category: 'EHR hosting',
        group: null,
        alternatives: [],
        singlePointOfFailure: true,
      },
    ]);
    // the supplier category reaches services and a direct supplier dependency
    expect(singlePointsOfFailure(g, { category: 'EHR' }).map(key)).toEqual([
      'hosp-a:ehr-a>svc-ehr1',
      'clinic-c:wf-c>sup-ehr1',
    ]);
    expect(singlePointsOfFailure(g, { organizationType: 'clinical laboratory' }).map(key)).toEqual([
      'clinic-c:wf-c>sup-ehr1',
    ]);
  });

  it('for one organization or workflow: which dependencies have an alternative and which do not', () => {
    const rows = dependencyAlternatives(g, { organization: 'hosp-b' });
    expect(rows.map((r) => [key(r), r.alternatives, r.singlePointOfFailure])).toEqual([
      ['hosp-b:wf-b-claims>svc-ch1', [], true],
      ['hosp-b:ehr-b>svc-ehr2', ['svc-ehr1'], false],
      ['hosp-b:ehr-b>svc-ehr1', ['svc-ehr2'], false],
    ]);
    expect(dependencyAlternatives(g, { dependent: 'wf-a-elig' }).map((r) => r.alternatives)).toEqual([
      ['svc-ch1'],
      ['svc-ch2'],
    ]);
  });
});
