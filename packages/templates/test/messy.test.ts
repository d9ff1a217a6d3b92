// What real spreadsheet exports contain: BOM, CRLF, quoted fields with commas,
// quotes and line breaks, padded lower-case enums, header names in other case or
// padding, blank trailing rows, stray files and columns.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readTemplate } from '../src';

const MESSY = fileURLToPath(new URL('./fixtures/messy', import.meta.url));

describe('a messy CSV export (test/fixtures/messy)', () => {
  it('imports correctly, with warnings only for the stray column and file', async () => {
    const r = await readTemplate(MESSY);
    expect(r.problems.map((p) => [p.severity, p.file, p.line, p.column])).toEqual([
      ['warning', 'organizations.csv', 1, 'Extra Column'],
      ['warning', 'notes.txt', 0, ''],
    ]);
    expect(r.rows).toBe(15);
    expect(r.template.organizations).toEqual([
      {
        id: 'h1',
        name: 'General Hospital',
        subsector: 'DIRECT_PATIENT_CARE',
        type: 'hospital',
        region: 'North',
        size: 'LARGE',
        beds: 350,
        notes: 'Main campus, "flagship"\nsecond line',
      },
      { id: 'p1', name: 'Acme Health Plan', subsector: 'HEALTH_PLANS_PAYERS', type: 'payer' },
    ]);
    expect(r.template.suppliers).toEqual([
      { id: 's1', name: 'Change, Inc.', category: 'Clearinghouse', country: 'US', securityRating: 85.5 },
      { id: 's2', name: 'Cloud Co', category: 'cloud', country: 'IE', notes: 'multi\nline\nnote' },
    ]);
    expect(r.template.services.map((s) => [s.id, s.supplierId, s.type])).toEqual([
      ['sv1', 's1', 'SOFTWARE'],
      ['sv2', 's2', 'TECHNOLOGY'],
    ]);
    expect(r.template.assets).toEqual([
      { id: 'a1', name: 'EHR instance', organizationId: 'h1', type: 'ehr' },
    ]);
    expect(r.template.workflows).toEqual([
      {
        id: 'w1',
        name: 'Claims submission',
        organizationId: 'p1',
        category: 'ADMINISTRATIVE',
        sectorWorkflow: 'Claims and payments',
        criticality: 2,
        toleranceHours: 72,
        workaroundCapacity: 0.25,
        volumePerDay: 1200,
        volumeUnit: 'claims',
      },
      {
        id: 'w2',
        name: 'Medication administration',
        organizationId: 'h1',
        category: 'CLINICAL',
        criticality: 1,
        toleranceHours: 0,
        notes: 'line one\nline two',
      },
    ]);
    expect(r.template.criticalFunctions).toEqual([
      { id: 'cf1', name: 'Process claims and payments', ncf: 'Provide Insurance Services' },
    ]);
    expect(r.template.workflowFunctions).toEqual([{ workflowId: 'w1', functionId: 'cf1' }]);
    expect(r.template.dependencies).toEqual([
      { from: 'w1', to: 'sv1', strength: 0.5, source: 'SBOM', confidence: 0.9 },
      { from: 'w2', to: 'a1', source: 'CONTRACT' },
      { from: 'a1', to: 'sv2', group: 'g1', strength: 1 },
      { from: 'sv1', to: 's1', source: 'INFERRED' },
    ]);
  });
});
