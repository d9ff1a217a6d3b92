// Every view of the app is restorable from its URL. This module is the single
// definition of that mapping: parse(URL) → Route and serialize(Route) → URL, pure and
// round-trip safe (serialize(parse(serialize(r))) = serialize(r)).
//
//   /?focus=ID                         explorer, entity selected and framed
//   /?impact=ID1,ID2&hours=N[&model=inoperability][&at=T]   a simulation (no hours or
//                                      hours=indefinite: indefinite; other non-positive values: an error)
//   /?paths=ID[&to=WORKFLOW|CRITICAL_FUNCTION|ID][&cat=CLINICAL,…]   path tracing
//   /risk[?hours=N|indefinite]         systemic-risk dashboard (default 72 h)
//   /scenarios, /scenarios/ID, /scenarios?compare=A,B
//   /incidents, /incidents/ID[?at=H]   declared incidents (and the library); one incident with
//                                      its now marker at H hours since the start (no `at`: the real now)
//   /import
//   /quality                           data quality checks
//   /duplicates                        possible duplicate suppliers and services
//   /overview[?org=type][&node=KEY]   the sector overview (organizations by subsector, or by
//                                      type), one super-node's members open
//
// Lists are comma-separated; when an id itself contains a comma the list is written
// as repeated parameters instead (and a repeated parameter is never split).
import type { ImpactModel } from '../generated/graphql';

export interface ImpactRoute {
  ids: string[];
  /** null = indefinite outage. */
  hours: number | null;
  model: ImpactModel;
  /** Scrubber position in hours, when not at the end. */
  at: number | null;
  /** The link's `hours` when it is not a positive number or "indefinite": shown as an error, never run. */
  invalidHours?: string;
}

export interface PathsRoute {
  from: string;
  /** A target kind (WORKFLOW, CRITICAL_FUNCTION) or one target entity id. */
  to: string | null;
  categories: string[];
}

export interface ExplorerRoute {
  view: 'explorer';
  focus: string | null;
  impact: ImpactRoute | null;
  paths: PathsRoute | null;
}

export type Route =
  | ExplorerRoute
  /** hours: null = indefinite; invalidHours: the link's unreadable `hours` (the default is shown, with an error). */
  | { view: 'risk'; hours: number | null; invalidHours?: string }
  | { view: 'scenarios'; id: string | null; compare: [string, string] | null }
  | IncidentsRoute
  | { view: 'import' }
  | OverviewRoute
  | { view: 'duplicates' }
  | { view: 'quality' }
  | { view: 'notFound'; path: string };

export interface IncidentsRoute {
  view: 'incidents';
  /** One incident open; null: the list, the declare form and the library. */
  id: string | null;
  /** The now marker in hours since the start; null: the real now (or the end, once closed). */
  at: number | null;
}

export interface OverviewRoute {
  view: 'overview';
  /** How organizations are split into super-nodes. */
  organizations: 'subsector' | 'type';
  /** The super-node whose members are listed. */
  node: string | null;
}

/** The dashboard's outage when the URL names none: three days, a typical ransomware recovery horizon. */
export const RISK_DEFAULT_HOURS = 72;

export const HOME: ExplorerRoute = { view: 'explorer', focus: null, impact: null, paths: null };
/** The risk page at its own default duration: where the menu goes (`/risk`, no query). */
export const RISK_HOME: Route = { view: 'risk', hours: RISK_DEFAULT_HOURS };

export function parseRoute(pathname: string, search: string): Route {
  const q = new URLSearchParams(search);
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/') {
    const ids = list(q, 'impact');
    const from = q.get('paths');
    return {
      view: 'explorer',
      focus: nonEmpty(q.get('focus')),
      impact: ids.length > 0 ? impactOf(ids, q) : null,
      paths: from
        ? { from, to: nonEmpty(q.get('to')), categories: list(q, 'cat').map((c) => c.toUpperCase()) }
        : null,
    };
  }
  if (path === '/risk') {
    const h = q.get('hours');
    const hours = isIndefinite(h) ? null : (positive(h) ?? RISK_DEFAULT_HOURS);
    const invalid = h !== null && h.trim() !== '' && !isIndefinite(h) && positive(h) === null;
    return invalid ? { view: 'risk', hours, invalidHours: h } : { view: 'risk', hours };
  }
  if (path === '/import') return { view: 'import' };
  if (path === '/duplicates') return { view: 'duplicates' };
  if (path === '/quality') return { view: 'quality' };
  if (path === '/overview')
    return {
      view: 'overview',
      organizations: q.get('org')?.toLowerCase() === 'type' ? 'type' : 'subsector',
      node: nonEmpty(q.get('node')),
    };
  if (path === '/scenarios') {
    const c = list(q, 'compare');
    return { view: 'scenarios', id: null, compare: c.length === 2 ? [c[0]!, c[1]!] : null };
  }
  if (path === '/incidents') return { view: 'incidents', id: null, at: null };
  const inc = /^\/incidents\/([^/]+)$/.exec(path);
  if (inc) return { view: 'incidents', id: safeDecode(inc[1]!), at: nonNegative(q.get('at')) };
  const m = /^\/scenarios\/([^/]+)$/.exec(path);
  if (m) return { view: 'scenarios', id: safeDecode(m[1]!), compare: null };
  return { view: 'notFound', path };
}

function impactOf(ids: string[], q: URLSearchParams): ImpactRoute {
  const raw = q.get('hours');
  const hours = positive(raw);
  const r: ImpactRoute = {
    ids,
    hours,
    model: q.get('model')?.toUpperCase() === 'INOPERABILITY' ? 'INOPERABILITY' : 'DISCRETE',
    at: nonNegative(q.get('at')),
  };
  // No hours (or "indefinite") is an indefinite outage; anything else unreadable is an error.
  if (raw !== null && raw.trim() !== '' && hours === null && !isIndefinite(raw)) r.invalidHours = raw;
  return r;
}

export function serializeRoute(route: Route): string {
  const q = new URLSearchParams();
  switch (route.view) {
    case 'explorer': {
      if (route.focus) q.set('focus', route.focus);
      if (route.impact) {
        putList(q, 'impact', route.impact.ids);
        if (route.impact.invalidHours !== undefined) q.set('hours', route.impact.invalidHours);
        else if (route.impact.hours !== null) q.set('hours', num(route.impact.hours));
        if (route.impact.model === 'INOPERABILITY') q.set('model', 'inoperability');
        if (route.impact.at !== null) q.set('at', num(route.impact.at));
      }
      if (route.paths) {
        q.set('paths', route.paths.from);
        if (route.paths.to) q.set('to', route.paths.to);
        if (route.paths.categories.length > 0) putList(q, 'cat', route.paths.categories);
      }
      return withQuery('/', q);
    }
    case 'risk':
      if (route.invalidHours !== undefined) q.set('hours', route.invalidHours);
      else if (route.hours === null) q.set('hours', 'indefinite');
      else if (route.hours !== RISK_DEFAULT_HOURS) q.set('hours', num(route.hours));
      return withQuery('/risk', q);
    case 'scenarios':
      if (route.id) return `/scenarios/${encodeURIComponent(route.id)}`;
      if (route.compare) putList(q, 'compare', route.compare);
      return withQuery('/scenarios', q);
    case 'incidents':
      if (!route.id) return '/incidents';
      if (route.at !== null) q.set('at', num(route.at));
      return withQuery(`/incidents/${encodeURIComponent(route.id)}`, q);
    case 'import':
      return '/import';
    case 'duplicates':
      return '/duplicates';
    case 'quality':
      return '/quality';
    case 'overview':
      if (route.organizations === 'type') q.set('org', 'type');
      if (route.node) q.set('node', route.node);
      return withQuery('/overview', q);
    case 'notFound':
      return route.path;
  }
}

function withQuery(path: string, q: URLSearchParams): string {
  // Commas separate list items; they read better unescaped and are valid in a query.
  const s = q.toString().replace(/%2C/gi, ',');
  return s ? `${path}?${s}` : path;
}

function list(q: URLSearchParams, key: string): string[] {
  const all = q.getAll(key);
  const items = all.length === 1 ? all[0]!.split(',').map((s) => s.trim()) : all;
  return items.filter((s) => s !== '');
}

function putList(q: URLSearchParams, key: string, items: readonly string[]): void {
  if (items.some((i) => i.includes(','))) {
    for (const i of items) q.append(key, i);
    // A lone item still needs a second parameter to mark the list as "repeated".
    if (items.length === 1) q.append(key, '');
  } else q.set(key, items.join(','));
}

function nonEmpty(v: string | null): string | null {
  return v === null || v.trim() === '' ? null : v;
}

/** A positive finite number, else null ("indefinite" / not given). */
function positive(v: string | null): number | null {
  if (v === null || v.trim() === '') return null;
  const n = Number(v);
  return Number.isFinite(n) && n > 0 ? n : null;
}

function isIndefinite(v: string | null): boolean {
  return v !== null && ['indefinite', 'inf', 'infinity'].includes(v.trim().toLowerCase());
}

function nonNegative(v: string | null): number | null {
  if (v === null || v.trim() === '') return null;
  const n = Number(v);
  return Number.isFinite(n) && n >= 0 ? n : null;
}

function num(n: number): string {
  return String(Math.round(n * 1000) / 1000);
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
