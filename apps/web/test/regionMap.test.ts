// The impact map's model: which state a region names, states' figures summed over their
// regions, regions off the map kept for the table, and legend classes that hold every count.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  fillOf,
  formatVolume,
  legendClasses,
  measureOf,
  NO_IMPACT,
  regionMapModel,
  SHADES,
  shadeOf,
  unitsLost,
  volumeClasses,
} from '../src/impact/regionMap';
import { stateOfRegion, US_STATES } from '../src/impact/usStates';

const SEED = Number(process.env.FC_SEED ?? 20261202);

describe('stateOfRegion', () => {
  it('reads a postal code, a name or an ISO code, alone or as the widest part of the region', () => {
    const code = (r: string | null) => stateOfRegion(r)?.code ?? null;
    expect(code('OH')).toBe('OH');
    expect(code(' ohio ')).toBe('OH');
    expect(code('US-PA')).toBe('PA');
    expect(code('Harbor County, OH')).toBe('OH');
    expect(code('Pine Ridge County - Pennsylvania')).toBe('PA');
    expect(code('Washington, DC')).toBe('DC');
    expect(code('Washington DC')).toBe('DC');
    expect(code('Washington')).toBe('WA');
    expect(code('Seattle (WA)')).toBe('WA');
  });

  it('leaves regions that name no state off the map', () => {
    for (const r of [
      null,
      '',
      'Northbridge',
      'Northbridge (national PBM)',
      'Ontario',
      'Portland OR',
      'Ohio Valley',
    ])
      expect(stateOfRegion(r)).toBeNull();
  });

  it('knows the 50 states and DC, with the FIPS codes the boundary file uses', () => {
    expect(US_STATES).toHaveLength(51);
    expect(new Set(US_STATES.map((s) => s.fips)).size).toBe(51);
    expect(stateOfRegion('West Virginia')).toEqual({ fips: '54', code: 'WV', name: 'West Virginia' });
  });
});

describe('regionMapModel', () => {
  it('sums the regions of one state, keeps the others for the table, most affected first', () => {
    const m = regionMapModel([
      { region: 'Harbor County, OH', organizationsAffected: 5, workflowsFailed: 9, workflowsDegraded: 1 },
      { region: 'Pine Ridge County, PA', organizationsAffected: 2, workflowsFailed: 2, workflowsDegraded: 0 },
      { region: 'Northbridge', organizationsAffected: 3, workflowsFailed: 4, workflowsDegraded: 0 },
      { region: 'Lakeshore County, OH', organizationsAffected: 1, workflowsFailed: 0, workflowsDegraded: 2 },
      { region: null, organizationsAffected: 1, workflowsFailed: 1, workflowsDegraded: 0 },
    ]);
    expect(
      m.states.map((s) => [s.state.code, s.organizationsAffected, s.workflowsFailed, s.workflowsDegraded]),
    ).toEqual([
      ['OH', 6, 9, 3],
      ['PA', 2, 2, 0],
    ]);
    expect(m.states[0]!.regions).toEqual(['Harbor County, OH', 'Lakeshore County, OH']);
    expect(m.unplaced.map((r) => r.region)).toEqual(['Northbridge', null]);
    expect(m.classes.at(-1)!.to).toBe(6);
  });

  it('puts every count from 1 to the largest in exactly one legend class, darker for more', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), (max) => {
        const classes = legendClasses(max);
        expect(classes.length).toBe(Math.min(5, max));
        expect(classes[0]!.from).toBe(1);
        expect(classes.at(-1)!.to).toBe(max);
        classes.forEach((c, i) => {
          expect(c.to).toBeGreaterThanOrEqual(c.from);
          if (i > 0) expect(c.from).toBe(classes[i - 1]!.to + 1);
        });
        // the darkest shade for the largest counts; the shades in order
        expect(classes.at(-1)!.color).toBe(SHADES.at(-1));
        const order = classes.map((c) => SHADES.indexOf(c.color as (typeof SHADES)[number]));
        expect(order).toEqual([...order].sort((a, b) => a - b));
        for (const x of [1, max, Math.ceil(max / 2)]) expect(shadeOf(x, classes)).not.toBe(NO_IMPACT);
      }),
      { seed: SEED, numRuns: 200 },
    );
    expect(legendClasses(0)).toEqual([]);
    expect(shadeOf(0, legendClasses(3))).toBe(NO_IMPACT);
  });
});

describe('shading by volume per day lost', () => {
  const rows = [
    {
      region: 'Harbor County, OH',
      organizationsAffected: 5,
      workflowsFailed: 9,
      workflowsDegraded: 1,
      volumesLost: [
        { unit: 'claims', perDay: 100 },
        { unit: 'tests', perDay: 2.5 },
      ],
    },
    {
      region: 'Lakeshore County, OH',
      organizationsAffected: 1,
      workflowsFailed: 1,
      workflowsDegraded: 0,
      volumesLost: [{ unit: 'claims', perDay: 50.25 }],
    },
    {
      region: 'Pine Ridge County, PA',
      organizationsAffected: 7,
      workflowsFailed: 2,
      workflowsDegraded: 0,
      volumesLost: [{ unit: 'claims', perDay: 400 }],
    },
    {
      region: 'Northbridge',
      organizationsAffected: 3,
      workflowsFailed: 4,
      workflowsDegraded: 0,
      volumesLost: [],
    },
  ];

  it('lists the units lost anywhere, most first, and sums a state per unit', () => {
    expect(unitsLost(rows)).toEqual([
      { unit: 'claims', perDay: 550.25 },
      { unit: 'tests', perDay: 2.5 },
    ]);
    const m = regionMapModel(rows, { kind: 'volume', unit: 'claims' });
    // ordered by the measure: PA loses more claims than OH
    expect(m.states.map((s) => [s.state.code, measureOf(s, { kind: 'volume', unit: 'claims' })])).toEqual([
      ['PA', 400],
      ['OH', 150.25],
    ]);
    expect(measureOf(m.states[1]!, { kind: 'volume', unit: 'tests' })).toBe(2.5);
    expect(m.classes.at(-1)!.to).toBe(400);
    // the input rows are not changed by the sums
    expect(rows[0]!.volumesLost[0]!.perDay).toBe(100);
    // a state without that unit has no volume: the "none" shade
    expect(fillOf(0, { kind: 'volume', unit: 'tests' }, m.classes)).toBe(NO_IMPACT);
  });

  it('puts every positive volume up to the largest in exactly one class, darker for more', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e-6, max: 1e9, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (max, share) => {
          const classes = volumeClasses(max);
          expect(classes.map((c) => c.color)).toEqual([...SHADES]);
          expect(classes[0]!.from).toBe(0);
          expect(classes.at(-1)!.to).toBe(max);
          const v = Math.max(Number.MIN_VALUE, max * share);
          const holding = classes.filter((c) => v > c.from && v <= c.to);
          expect(holding.length).toBeLessThanOrEqual(1);
          expect(fillOf(v, { kind: 'volume', unit: 'u' }, classes)).not.toBe(NO_IMPACT);
          expect(fillOf(max, { kind: 'volume', unit: 'u' }, classes)).toBe(SHADES.at(-1));
        },
      ),
      { seed: SEED, numRuns: 200 },
    );
    expect(volumeClasses(0)).toEqual([]);
  });

  it('prints whole units, and a fraction as "< 1"', () => {
    expect(formatVolume(0)).toBe('0');
    expect(formatVolume(0.2)).toBe('< 1');
    expect(formatVolume(2.5)).toBe('3');
    expect(formatVolume(1234.4)).toBe('1,234');
  });
});

describe('the boundary file', () => {
  it('has one drawn outline per state the map can place, keyed as US_STATES are', async () => {
    const { stateShapes } = await import('../src/impact/RegionMap');
    const shapes = stateShapes();
    expect(shapes.map((s) => s.fips).sort()).toEqual(US_STATES.map((s) => s.fips).sort());
    for (const s of shapes) expect(s.d).toMatch(/^M[\d.-]/);
  });
});
