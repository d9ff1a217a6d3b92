import { describe, expect, it } from 'vitest';
import { DURATION_STOPS, formatHours, hoursAtStop, stopIndexOf } from '../src/impact/duration';
import { causeEdgeIds, impactScene } from '../src/impact/impactScene';
import type { AffectedRow } from '../src/impact/model';
import { affectedVariables, csvUrl, windowFrom } from '../src/impact/table';
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

// Filtering and ordering run on the server (apps/api/test/reports.test.ts); the table
// sends its filters as variables and as the CSV export's address.
describe('affected table', () => {
  it('sends its filters and sort as variables', () => {
    expect(
      affectedVariables(
        { text: '  dunmore valley ', kinds: ['WORKFLOW'], states: [], failsWithin: windowFrom(30, 24) },
        { key: 'failedAtHours', dir: 'desc' },
      ),
    ).toEqual({
      search: 'dunmore valley',
      kinds: ['WORKFLOW'],
      states: null,
      workflowCategories: null,
      maxCriticality: null,
      failsWithin: { from: 30, to: 54 },
      orderBy: { field: 'FAILED_AT', direction: 'DESC' },
    });
    expect(windowFrom(Number.POSITIVE_INFINITY, 6)).toEqual({ from: 0, to: 6 });
    expect(windowFrom(3, null)).toBeNull();
  });

  it('downloads the same rows as CSV', () => {
    const url = new URL(
      csvUrl(
        { failed: [{ id: 'sup-a' }], durationHours: 72, model: 'DISCRETE' },
        {
          text: 'clinic',
          states: ['FAILED'],
          workflowCategories: ['CLINICAL'],
          maxCriticality: 2,
          failsWithin: { from: 1, to: 7 },
        },
        { key: 'name', dir: 'asc' },
      ),
      'http://x',
    );
    expect(url.pathname).toBe('/export/impact.csv');
    expect(JSON.parse(url.searchParams.get('input')!)).toEqual({
      failed: [{ id: 'sup-a' }],
      durationHours: 72,
      model: 'DISCRETE',
    });
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      search: 'clinic',
      states: 'FAILED',
      workflowCategories: 'CLINICAL',
      maxCriticality: '2',
      from: '1',
      to: '7',
      orderBy: 'NAME',
      direction: 'ASC',
    });
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
