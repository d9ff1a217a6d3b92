import { GraphBuilder } from '@smart/engine';
import { describe, expect, it } from 'vitest';
import { chooseScenarios, directDependents, mulberry32, typicalSupplier } from '../src/scenarios';
import { neighborhoodIds, searchTexts } from '../src/suites/load';

function ecosystem() {
  const b = new GraphBuilder();
  for (let i = 0; i < 40; i++)
    b.addNode({
      id: `sup-${String(i).padStart(2, '0')}`,
      kind: 'SUPPLIER',
      name: `Vendor ${i}`,
      category: i < 3 ? 'Cloud infrastructure' : i < 6 ? 'Clearinghouse' : 'Analytics',
    });
  for (let i = 0; i < 40; i++)
    b.addNode({
      id: `svc-${i}`,
      kind: 'SERVICE',
      name: `Service ${i}`,
      category: i < 3 ? 'cloud region' : 'api',
    }).addProvidedBy(`svc-${i}`, `sup-${String(i).padStart(2, '0')}`);
  for (let i = 0; i < 30; i++) {
    b.addNode({ id: `wf-${i}`, kind: 'WORKFLOW', name: `Claims workflow ${i}` });
    // svc-1 (cloud) has the most dependents; sup-04 (clearinghouse) through its service svc-4.
    if (i < 20) b.addDependency({ from: `wf-${i}`, to: 'svc-1' });
    if (i < 10) b.addDependency({ from: `wf-${i}`, to: 'svc-4' });
    if (i < 5) b.addDependency({ from: `wf-${i}`, to: 'sup-05' });
  }
  return b.build();
}

describe('scenarios', () => {
  it('a typical supplier is the median by direct dependents of those that have any', () => {
    // sup-05: 5 (its own), sup-04: 10 (through svc-4), sup-01: 20 (through svc-1); the rest 0.
    expect(typicalSupplier(ecosystem())).toBe('sup-04');
  });

  it('picks the biggest cloud service, the dominant clearinghouse, then seeded random suppliers', () => {
    const g = ecosystem();
    const s = chooseScenarios(g);
    expect(s).toHaveLength(30);
    expect(s[0]).toEqual({ id: 'svc-1', label: 'biggest cloud service' });
    expect(s[1]).toEqual({ id: 'sup-04', label: 'dominant clearinghouse' });
    expect(new Set(s.map((x) => x.id)).size).toBe(30);
    expect(s.slice(2).every((x) => x.label === 'random supplier' && x.id.startsWith('sup-'))).toBe(true);
    expect(s.slice(2).some((x) => x.id === 'sup-04')).toBe(false);
  });

  it('is deterministic, and a different seed draws differently', () => {
    const g = ecosystem();
    expect(chooseScenarios(g)).toEqual(chooseScenarios(g));
    expect(chooseScenarios(g, 30, 1)).not.toEqual(chooseScenarios(g, 30, 2));
  });

  it('counts direct dependents of a supplier through its services', () => {
    const g = ecosystem();
    expect(directDependents(g, g.indexOf('sup-04'))).toBe(10);
    expect(directDependents(g, g.indexOf('sup-05'))).toBe(5);
    expect(directDependents(g, g.indexOf('svc-1'))).toBe(20);
  });

  it('draws the same load-test inputs every time', () => {
    const g = ecosystem();
    expect(searchTexts(g)).toEqual(searchTexts(g));
    expect(searchTexts(g)).toHaveLength(64);
    for (const t of searchTexts(g)) expect(t).toMatch(/^[a-z0-9]{3,6}$/);
    expect(neighborhoodIds(g).every((id) => g.has(id))).toBe(true);
  });

  it('mulberry32 gives the same sequence for a seed, in [0, 1)', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    for (let i = 0; i < 100; i++) {
      const x = a();
      expect(x).toBe(b());
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
    }
  });
});
