// The explorer's edit forms check values by the template rules and list what a save changes.
import { describe, expect, it } from 'vitest';
import { changesOf, checkDependency, checkEntity, inputOfEntity, valuesOf } from '../src/edit/form';

const workflow = {
  id: 'wf-1',
  name: 'Claims',
  kind: 'WORKFLOW',
  version: 'v',
  workflowCategory: 'ADMINISTRATIVE',
  sectorWorkflow: null,
  criticality: 2,
  toleranceHours: 24,
  workaroundCapacity: 0.25,
  volumePerDay: 1000,
  volumeUnit: null,
  notes: null,
  organization: { id: 'org-1' },
};

describe('edit forms', () => {
  it('reads an entity into form values and back into the same EntityInput', () => {
    const values = valuesOf(workflow);
    expect(values).toMatchObject({
      category: 'ADMINISTRATIVE',
      organizationId: 'org-1',
      toleranceHours: '24',
    });
    expect(inputOfEntity(workflow)).toEqual({
      kind: 'WORKFLOW',
      id: 'wf-1',
      name: 'Claims',
      organizationId: 'org-1',
      category: 'ADMINISTRATIVE',
      criticality: 2,
      toleranceHours: 24,
      workaroundCapacity: 0.25,
      volumePerDay: 1000,
    });
  });

  it('names each bad field with the rule it breaks', () => {
    const values = { ...valuesOf(workflow), toleranceHours: '-3', workaroundCapacity: 'half' };
    expect(checkEntity('WORKFLOW', values)).toEqual({
      ok: false,
      errors: {
        toleranceHours: 'must be a number ≥ 0',
        workaroundCapacity: 'must be a number from 0 to 1',
      },
    });
    expect(checkDependency({ from: 'wf-1', to: 'svc', strength: '1.5', source: 'rumour' })).toEqual({
      ok: false,
      errors: {
        strength: 'must be a number from 0 to 1',
        source: 'must be one of CONTRACT, QUESTIONNAIRE, SBOM, ATTESTATION, INFERRED',
      },
    });
  });

  it('lists what a save changes, comparing values as the schema reads them', () => {
    const before = valuesOf(workflow);
    expect(changesOf('WORKFLOW', before, { ...before, toleranceHours: '24.0', name: ' Claims ' })).toEqual(
      [],
    );
    expect(changesOf('WORKFLOW', before, { ...before, toleranceHours: '36', volumeUnit: 'claims' })).toEqual([
      { field: 'toleranceHours', label: 'Tolerance', from: '24', to: '36' },
      { field: 'volumeUnit', label: 'Volume unit', from: '', to: 'claims' },
    ]);
  });
});
