import { describe, expect, it } from 'vitest';
import { edgeWidth, MAX_SIZE, MIN_SIZE, overviewLayout } from '../src/overview/layout';

describe('overview layout', () => {
  const nodes = [
    { key: 'SUPPLIER_CATEGORY:EHR', kind: 'SUPPLIER' as const, members: 100 },
    { key: 'SUPPLIER_CATEGORY:Cloud', kind: 'SUPPLIER' as const, members: 25 },
    { key: 'WORKFLOW_CATEGORY:CLINICAL', kind: 'WORKFLOW' as const, members: 400 },
    { key: 'CRITICAL_FUNCTION:f', kind: 'CRITICAL_FUNCTION' as const, members: 1 },
  ];
  const placed = new Map(overviewLayout(nodes).map((p) => [p.key, p]));

  it('gives each super-node an area proportional to its members (radius ∝ √members)', () => {
    expect(placed.get('WORKFLOW_CATEGORY:CLINICAL')!.size).toBe(MAX_SIZE);
    // 100 of 400 members: a quarter of the area, half the radius
    expect(placed.get('SUPPLIER_CATEGORY:EHR')!.size).toBeCloseTo(MAX_SIZE / 2, 10);
    expect(placed.get('SUPPLIER_CATEGORY:Cloud')!.size).toBeCloseTo(MAX_SIZE / 4, 10);
    // 1 of 400 would be 1.5: raised to the floor so it stays clickable
    expect(placed.get('CRITICAL_FUNCTION:f')!.size).toBe(MIN_SIZE);
  });

  it('puts kinds in columns in the direction failure travels, largest at the top', () => {
    const x = (k: string) => placed.get(k)!.x;
    expect(x('SUPPLIER_CATEGORY:EHR')).toBe(x('SUPPLIER_CATEGORY:Cloud'));
    expect(x('SUPPLIER_CATEGORY:EHR')).toBeLessThan(x('WORKFLOW_CATEGORY:CLINICAL'));
    expect(x('WORKFLOW_CATEGORY:CLINICAL')).toBeLessThan(x('CRITICAL_FUNCTION:f'));
    expect(placed.get('SUPPLIER_CATEGORY:EHR')!.y).toBeGreaterThan(placed.get('SUPPLIER_CATEGORY:Cloud')!.y);
  });

  it('widens edges with the log of their links', () => {
    expect(edgeWidth(1)).toBe(1);
    expect(edgeWidth(100)).toBeCloseTo(5, 10);
    expect(edgeWidth(10_000)).toBeGreaterThan(edgeWidth(100));
  });
});
