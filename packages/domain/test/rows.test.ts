import { describe, expect, it } from 'vitest';
import { dependencyRow, organizationRow, workflowRow } from '../src';

describe('template row schemas', () => {
  it('accepts padded, lower-case enum values and blank optional cells', () => {
    const r = organizationRow.parse({
      id: ' h1 ',
      name: 'General',
      subsector: ' direct patient care ',
      beds: '',
      size: 'large',
    });
    expect(r).toMatchObject({ id: 'h1', subsector: 'DIRECT_PATIENT_CARE', size: 'LARGE', beds: undefined });
  });

  it('names the allowed values of an unknown enum value', () => {
    const res = organizationRow.safeParse({ id: 'h1', name: 'x', subsector: 'hospital' });
    expect(res.success).toBe(false);
    const issue = res.error!.issues[0]!;
    expect(issue.path).toEqual(['subsector']);
    expect(issue.message).toContain('DIRECT_PATIENT_CARE');
  });

  it('reports a missing required enum as required', () => {
    const res = organizationRow.safeParse({ id: 'h1', name: 'x', subsector: '  ' });
    expect(res.error!.issues[0]!.message).toMatch(/^a value is required/);
  });

  it('parses numbers and refuses text or out-of-range values with the range', () => {
    expect(
      workflowRow.parse({
        id: 'w',
        name: 'n',
        organization_id: 'o',
        category: 'clinical',
        tolerance_hours: '12.5',
      }).toleranceHours,
    ).toBe(12.5);
    const bad = workflowRow.safeParse({
      id: 'w',
      name: 'n',
      organization_id: 'o',
      category: 'CLINICAL',
      workaround_capacity: '1.5',
      criticality: 'high',
    });
    const msgs = Object.fromEntries(bad.error!.issues.map((i) => [String(i.path[0]), i.message]));
    expect(msgs.workaround_capacity).toBe('must be a number from 0 to 1');
    expect(msgs.criticality).toBe('must be a whole number from 1 to 5');
  });

  it('maps dependency columns to from/to', () => {
    expect(
      dependencyRow.parse({ from_id: 'a', to_id: 'b', group: '', strength: '0.5', source: 'sbom' }),
    ).toEqual({
      from: 'a',
      to: 'b',
      group: undefined,
      strength: 0.5,
      source: 'SBOM',
      confidence: undefined,
      notes: undefined,
    });
  });
});
