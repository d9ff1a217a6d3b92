import { describe, expect, it } from 'vitest';
import { HOME, parseRoute, RISK_HOME, type Route, serializeRoute } from '../src/url/route';

const parse = (url: string) => {
  const u = new URL(url, 'http://x');
  return parseRoute(u.pathname, u.search);
};

describe('URL state', () => {
  it('the risk menu opens the page at its own default, not an indefinite outage', () => {
    expect(serializeRoute(RISK_HOME)).toBe('/risk');
    expect(parse(serializeRoute(RISK_HOME))).toEqual(RISK_HOME);
  });

  it('parses the deep links of the app', () => {
    expect(parse('/')).toEqual(HOME);
    expect(parse('/?focus=sup-1')).toEqual({ ...HOME, focus: 'sup-1' });
    expect(parse('/?impact=A,B&hours=24')).toEqual({
      ...HOME,
      impact: { ids: ['A', 'B'], hours: 24, model: 'DISCRETE', at: null },
    });
    expect(parse('/?impact=A&model=inoperability&at=3')).toMatchObject({
      impact: { ids: ['A'], hours: null, model: 'INOPERABILITY', at: 3 },
    });
    expect(parse('/?paths=svc-1&to=WORKFLOW&cat=clinical')).toEqual({
      ...HOME,
      paths: { from: 'svc-1', to: 'WORKFLOW', categories: ['CLINICAL'] },
    });
    expect(parse('/risk')).toEqual({ view: 'risk', hours: 72 });
    expect(parse('/risk?hours=24')).toEqual({ view: 'risk', hours: 24 });
    expect(parse('/risk?hours=indefinite')).toEqual({ view: 'risk', hours: null });
    expect(parse('/scenarios')).toEqual({ view: 'scenarios', id: null, compare: null });
    expect(parse('/scenarios/abc%20d')).toEqual({ view: 'scenarios', id: 'abc d', compare: null });
    expect(parse('/scenarios?compare=s1,s2')).toEqual({ view: 'scenarios', id: null, compare: ['s1', 's2'] });
    expect(parse('/incidents')).toEqual({ view: 'incidents', id: null, at: null });
    expect(parse('/incidents/i-1?at=30.5')).toEqual({ view: 'incidents', id: 'i-1', at: 30.5 });
    // A marker that is not a number of hours from 0 is the real now.
    expect(parse('/incidents/i-1?at=-3')).toEqual({ view: 'incidents', id: 'i-1', at: null });
    expect(parse('/import/')).toEqual({ view: 'import' });
    expect(parse('/duplicates')).toEqual({ view: 'duplicates' });
    expect(parse('/quality')).toEqual({ view: 'quality' });
    expect(parse('/overview')).toEqual({ view: 'overview', organizations: 'subsector', node: null });
    expect(parse('/overview?org=type&node=SUPPLIER_CATEGORY:EHR')).toEqual({
      view: 'overview',
      organizations: 'type',
      node: 'SUPPLIER_CATEGORY:EHR',
    });
    expect(parse('/nope')).toEqual({ view: 'notFound', path: '/nope' });
  });

  it('marks invalid outage hours (never run as indefinite) and ignores other invalid values', () => {
    expect(parse('/?impact=A&hours=-3')).toMatchObject({ impact: { hours: null, invalidHours: '-3' } });
    expect(parse('/?impact=A&hours=abc')).toMatchObject({ impact: { hours: null, invalidHours: 'abc' } });
    expect(parse('/?impact=,&hours=4')).toEqual(HOME);
    expect(parse('/scenarios?compare=only-one')).toMatchObject({ compare: null });
  });

  it('serializes readably and round-trips', () => {
    const routes: Route[] = [
      HOME,
      { ...HOME, focus: 'sup-1' },
      { ...HOME, focus: 'x', impact: { ids: ['A', 'B'], hours: 24, model: 'DISCRETE', at: null } },
      { ...HOME, impact: { ids: ['A'], hours: null, model: 'INOPERABILITY', at: 1.5 } },
      { ...HOME, paths: { from: 'svc 1', to: 'wf-9', categories: ['CLINICAL', 'MANUFACTURING'] } },
      { view: 'risk', hours: null },
      { view: 'risk', hours: 72 },
      { view: 'risk', hours: 168 },
      { view: 'scenarios', id: null, compare: null },
      { view: 'scenarios', id: 'a/b c', compare: null },
      { view: 'incidents', id: null, at: null },
      { view: 'incidents', id: 'a/b c', at: 12 },
      { view: 'incidents', id: 'x', at: null },
      { view: 'scenarios', id: null, compare: ['s1', 's2'] },
      { view: 'import' },
      { view: 'duplicates' },
      { view: 'quality' },
      { view: 'overview', organizations: 'subsector', node: null },
      { view: 'overview', organizations: 'type', node: 'ORGANIZATION_TYPE:Acute care, hospital' },
    ];
    for (const r of routes) {
      const url = serializeRoute(r);
      expect(parse(url)).toEqual(r);
      expect(serializeRoute(parse(url))).toBe(url);
    }
    expect(
      serializeRoute({ ...HOME, impact: { ids: ['A', 'B'], hours: 24, model: 'DISCRETE', at: null } }),
    ).toBe('/?impact=A,B&hours=24');
    expect(serializeRoute({ view: 'risk', hours: 72 })).toBe('/risk');
    expect(serializeRoute({ ...HOME, paths: { from: 'S', to: 'WORKFLOW', categories: [] } })).toBe(
      '/?paths=S&to=WORKFLOW',
    );
  });

  it('keeps ids that contain commas intact', () => {
    for (const ids of [['a,b'], ['a,b', 'c'], ['x', 'y,z', 'w']]) {
      const r: Route = { ...HOME, impact: { ids, hours: 2, model: 'DISCRETE', at: null } };
      expect(parse(serializeRoute(r))).toEqual(r);
    }
    const c: Route = { view: 'scenarios', id: null, compare: ['a,1', 'b'] };
    expect(parse(serializeRoute(c))).toEqual(c);
  });
});
