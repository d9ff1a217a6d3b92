import { describe, expect, it } from 'vitest';
import { DURATION_STOPS, formatHours, hoursAtStop, stopIndexOf } from '../src/impact/duration';
import { causeEdgeIds, impactScene } from '../src/impact/impactScene';
import type { AffectedRow } from '../src/impact/model';
import { filterRows, sortRows } from '../src/impact/table';
import { toCsv } from '../src/ui/csv';

const row = (id: string, patch: Partial<AffectedRow> = {}): AffectedRow => ({
  id,
  name: id.toUpperCase(),
  kind: 'WORKFLOW',
  state: 'FAILED',
  disruptedAtHours: 0,
  failedAtHours: 0,
  inoperability: null,
  because: [id],
  ...patch,
});

const rows: AffectedRow[] = [
  row('sup', { kind: 'SUPPLIER' }),
  row('svc', { kind: 'SERVICE', because: ['svc', 'sup'] }),
  row('wf1', { because: ['wf1', 'svc', 'sup'], disruptedAtHours: 0, failedAtHours: 4 }),
  row('wf2', { state: 'DEGRADED', because: ['wf2', 'svc', 'sup'], failedAtHours: null, disruptedAtHours: 1 }),
  row('wf3', { because: ['wf3', 'wf1', 'svc', 'sup'], failedAtHours: 6 }),
];

describe('affected table', () => {
  it('sorts by any column, missing values last', () => {
    expect(sortRows(rows, { key: 'failedAtHours', dir: 'asc' }).map((r) => r.id)).toEqual([
      'sup',
      'svc',
      'wf1',
      'wf3',
      'wf2',
    ]);
    expect(sortRows(rows, { key: 'failedAtHours', dir: 'desc' }).map((r) => r.id)).toEqual([
      'wf3',
      'wf1',
      'sup',
      'svc',
      'wf2',
    ]);
    expect(sortRows(rows, { key: 'state', dir: 'desc' })[0]!.id).toBe('wf2');
    expect(sortRows(rows, { key: 'depth', dir: 'desc' })[0]!.id).toBe('wf3');
    expect(sortRows(rows, { key: 'name', dir: 'asc' }).map((r) => r.id)).toEqual([
      'sup',
      'svc',
      'wf1',
      'wf2',
      'wf3',
    ]);
  });

  it('filters by text, kind and state', () => {
    expect(filterRows(rows, { text: 'WF' }).length).toBe(3);
    expect(filterRows(rows, { kinds: new Set(['SERVICE', 'SUPPLIER']) }).map((r) => r.id)).toEqual([
      'sup',
      'svc',
    ]);
    expect(filterRows(rows, { states: new Set(['DEGRADED']) }).map((r) => r.id)).toEqual(['wf2']);
    expect(filterRows(rows, {}).length).toBe(5);
  });
});

describe('CSV export', () => {
  it('quotes and neutralises formulas', () => {
    const csv = toCsv(
      [
        { a: 'plain', b: 1.5 },
        { a: 'with, comma', b: null },
        { a: 'say "hi"\nthere', b: -2 },
        { a: '=HYPERLINK("x")', b: Number.NaN },
      ],
      [
        { header: 'Name', value: (r) => r.a },
        { header: 'Value', value: (r) => r.b },
      ],
    );
    expect(csv).toBe(
      'Name,Value\r\nplain,1.5\r\n"with, comma",\r\n"say ""hi""\nthere",-2\r\n"\'=HYPERLINK(""x"")",\r\n',
    );
  });
});

describe('duration slider', () => {
  it('maps stops and formats hours', () => {
    expect(DURATION_STOPS[0]).toBe(1);
    expect(DURATION_STOPS.at(-1)).toBe(720);
    expect(hoursAtStop(stopIndexOf(24))).toBe(24);
    expect(hoursAtStop(stopIndexOf(70))).toBe(72);
    expect(hoursAtStop(-5)).toBe(1);
    expect(hoursAtStop(99)).toBe(720);
    expect(formatHours(null)).toBe('indefinite');
    expect(formatHours(0.5)).toBe('30 min');
    expect(formatHours(6)).toBe('6 h');
    expect(formatHours(36)).toBe('36 h (1.5 days)');
    expect(formatHours(72)).toBe('72 h (3 days)');
    expect(formatHours(60)).toBe('60 h (2.5 days)');
  });
});

describe('impact scene', () => {
  it('draws the causal tree, nearest first, within a limit', () => {
    const s = impactScene(rows, 10);
    expect(s.nodes.map((n) => n.id)).toEqual(['sup', 'svc', 'wf1', 'wf2', 'wf3']);
    expect(s.edges.map((e) => `${e.source}>${e.target}`).sort()).toEqual([
      'sup>svc',
      'svc>wf1',
      'svc>wf2',
      'wf1>wf3',
    ]);
    expect(s.omitted).toBe(0);
    const small = impactScene(rows, 3);
    expect(small.nodes.map((n) => n.id)).toEqual(['sup', 'svc', 'wf1']);
    expect(small.omitted).toBe(2);
    // Every drawn node but the roots hangs off a drawn node.
    for (const n of small.nodes.slice(1)) expect(small.edges.some((e) => e.target === n.id)).toBe(true);
    // An entity asked for beyond the limit comes with its causal chain.
    const withWf3 = impactScene(rows, 2, new Set(['wf3']));
    expect(withWf3.nodes.map((n) => n.id).sort()).toEqual(['sup', 'svc', 'wf1', 'wf3']);
    expect(withWf3.edges).toHaveLength(3);
    expect(causeEdgeIds(['wf3', 'wf1', 'svc'])).toEqual(['cause:wf1>wf3', 'cause:svc>wf1']);
    expect(new Set(s.edges.map((e) => e.id))).toEqual(
      new Set(rows.flatMap((r) => causeEdgeIds(r.because.slice(0, 2)))),
    );
  });
});
