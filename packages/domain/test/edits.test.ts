// Entity and dependency edits are checked by the template row schemas, with problems
// named by input field (what the explorer's forms and the API report).
import { describe, expect, it } from 'vitest';
import { parseDependencyEdit, parseEntityEdit } from '../src';

describe('parseEntityEdit', () => {
  it('gives the typed row of the kind, ignoring fields of other kinds', () => {
    expect(
      parseEntityEdit('WORKFLOW', {
        id: 'w1',
        name: ' Claims ',
        organizationId: 'o1',
        category: 'administrative',
        toleranceHours: 24,
        workaroundCapacity: 0.5,
        subsector: 'HEALTH_IT',
      }),
    ).toEqual({
      ok: true,
      row: {
        id: 'w1',
        name: 'Claims',
        organizationId: 'o1',
        category: 'ADMINISTRATIVE',
        toleranceHours: 24,
        workaroundCapacity: 0.5,
      },
    });
  });

  it('names every bad field by its input name, with what is allowed', () => {
    expect(
      parseEntityEdit('WORKFLOW', {
        id: 'w 1',
        name: '',
        organizationId: 'o1',
        category: 'CLINICAL',
        toleranceHours: -1,
        workaroundCapacity: 1.5,
        criticality: 2.5,
      }),
    ).toEqual({
      ok: false,
      issues: [
        { field: 'id', message: 'an id may not contain spaces' },
        { field: 'name', message: 'a value is required' },
        { field: 'criticality', message: 'must be a whole number from 1 to 5' },
        { field: 'toleranceHours', message: 'must be a number ≥ 0' },
        { field: 'workaroundCapacity', message: 'must be a number from 0 to 1' },
      ],
    });
    expect(parseEntityEdit('SERVICE', { id: 's', name: 'S', supplierId: 'x', type: 'CLOUD' })).toEqual({
      ok: false,
      issues: [{ field: 'type', message: 'must be one of SOFTWARE, TECHNOLOGY, COMMUNICATIONS, PHYSICAL' }],
    });
  });
});

describe('parseDependencyEdit', () => {
  it('checks strength, confidence and source by the template rules', () => {
    expect(parseDependencyEdit({ from: 'a', to: 'b', group: ' g ', strength: 0.5, source: 'sbom' })).toEqual({
      ok: true,
      row: { from: 'a', to: 'b', group: 'g', strength: 0.5, source: 'SBOM' },
    });
    expect(parseDependencyEdit({ from: 'a', to: '', confidence: 2 })).toEqual({
      ok: false,
      issues: [
        { field: 'to', message: 'a value is required' },
        { field: 'confidence', message: 'must be a number from 0 to 1' },
      ],
    });
  });
});
