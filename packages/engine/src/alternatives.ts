/**
 * Alternatives and single points of failure (DESIGN §4, §8 "singlePointsOfFailure").
 *
 * A dependency a → b is a *single point of failure* for a when it forms a group of one
 * (an ungrouped edge, or a group label no other dependency of a shares): b failing
 * disrupts a whatever else is up (§3). Otherwise the other members of its group are
 * its alternatives.
 *
 * The dependents considered are the workflows and assets of organizations (the
 * organization is what the answer is about: "hospitals with no alternative for EHR
 * hosting"). A service's own dependencies (fourth parties) are the business of
 * `fourthPartyConcentration`. One pass over those nodes' groups: O(V + E).
 */
import { type CompactGraph, Kind } from './graph';

export interface AlternativesFilter {
  /** The dependency's category, or its supplier's (case-insensitive, whole value). */
  category?: string | null;
  /** The organization's subsector (e.g. DIRECT_PATIENT_CARE). */
  subsector?: string | null;
  /** The organization's type (case-insensitive, whole value, e.g. "Acute care hospital"). */
  organizationType?: string | null;
  /** One organization's id. */
  organization?: string | null;
  /** One workflow's or asset's id. */
  dependent?: string | null;
  /** Only the single points of failure. */
  singleOnly?: boolean;
}

export interface DependencyAlternatives {
  organizationId: string;
  /** The workflow or asset that depends. */
  dependentId: string;
  dependencyId: string;
  /** The supplier behind the dependency: itself, a service's supplier, or null. */
  supplierId: string | null;
  /** The dependency's category, else its supplier's. */
  category: string | null;
  group: string | null;
  /** The other members of its group, by id. */
  alternatives: string[];
  singlePointOfFailure: boolean;
}

const same = (a: string | null | undefined, b: string) => (a ?? '').trim().toLowerCase() === b;

/**
 * Every dependency of an organization's workflows and assets that passes the filter,
 * with its alternatives; ordered by organization name, dependent name, dependency
 * name (ids break ties).
 */
export function dependencyAlternatives(
  g: CompactGraph,
  filter: AlternativesFilter = {},
): DependencyAlternatives[] {
  const category = filter.category?.trim().toLowerCase() || null;
  const orgType = filter.organizationType?.trim().toLowerCase() || null;
  const out: DependencyAlternatives[] = [];
  const supplierOf = (b: number): number | null => {
    if (g.kinds[b] === Kind.SUPPLIER) return b;
    if (g.kinds[b] !== Kind.SERVICE) return null;
    const parents = g.parentsOf(b);
    return parents.length > 0 ? parents[0]! : null;
  };
  const rowsOf = (o: number, a: number) => {
    for (const group of g.dependencyGroups(a)) {
      const members = Array.from(group.members);
      const single = members.length === 1;
      if (filter.singleOnly && !single) continue;
      for (const b of members) {
        // A service's supplier is an implicit group of the service itself, never of a workflow.
        const s = supplierOf(b);
        const own = g.categories[b] ?? null;
        const theirs = s === null ? null : (g.categories[s] ?? null);
        if (category !== null && !same(own, category) && !same(theirs, category)) continue;
        out.push({
          organizationId: g.ids[o]!,
          dependentId: g.ids[a]!,
          dependencyId: g.ids[b]!,
          supplierId: s === null ? null : g.ids[s]!,
          category: own ?? theirs,
          group: group.label,
          alternatives: members.filter((m) => m !== b).map((m) => g.ids[m]!),
          singlePointOfFailure: single,
        });
      }
    }
  };
  const dependentIndex = filter.dependent ? g.indexOf(filter.dependent) : -1;
  for (let o = 0; o < g.nodeCount; o++) {
    if (g.kinds[o] !== Kind.ORGANIZATION) continue;
    if (filter.organization && g.ids[o] !== filter.organization) continue;
    if (filter.subsector && g.subsectors[o] !== filter.subsector) continue;
    if (orgType !== null && !same(g.categories[o], orgType)) continue;
    for (const a of g.childrenOf(o)) {
      if (filter.dependent && a !== dependentIndex) continue;
      rowsOf(o, a);
    }
  }
  const name = (id: string) => g.names[g.indexOf(id)] ?? id;
  const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  return out.sort(
    (x, y) =>
      cmp(name(x.organizationId), name(y.organizationId)) ||
      cmp(x.organizationId, y.organizationId) ||
      cmp(name(x.dependentId), name(y.dependentId)) ||
      cmp(x.dependentId, y.dependentId) ||
      cmp(name(x.dependencyId), name(y.dependencyId)) ||
      cmp(x.dependencyId, y.dependencyId),
  );
}

/** The single points of failure among the organization dependencies that pass the filter. */
export function singlePointsOfFailure(
  g: CompactGraph,
  filter: Omit<AlternativesFilter, 'singleOnly'> = {},
): DependencyAlternatives[] {
  return dependencyAlternatives(g, { ...filter, singleOnly: true });
}
