/**
 * Direct dependents: the one definition of "who depends on it", used by the systemic-risk
 * ranking (`RiskRanking.directDependents`) and the entity's Details (`directDependents`).
 * The distinct entities with a DEPENDS_ON edge to n; for a Supplier, to n or to one of
 * its services (who depends on a supplier's service depends on the supplier).
 */
import { UnknownEntityError } from './errors';
import { type CompactGraph, Kind } from './graph';

/** Calls `visit` with the owner of every DEPENDS_ON edge into n (or a supplier's services); owners may repeat. */
export function visitDirectDependents(g: CompactGraph, n: number, visit: (owner: number) => void): void {
  const into = (m: number) => {
    for (let k = g.dependentOffsets[m]!; k < g.dependentOffsets[m + 1]!; k++)
      visit(g.groupOwner[g.dependentGroups[k]!]!);
  };
  into(n);
  if (g.kinds[n] === Kind.SUPPLIER) for (const s of g.childrenOf(n)) into(s);
}

/** The ids of the direct dependents of `id`, in id order. */
export function directDependents(g: CompactGraph, id: string): string[] {
  const n = g.indexOf(id);
  if (n < 0) throw new UnknownEntityError([id]);
  const seen = new Set<number>();
  visitDirectDependents(g, n, (m) => seen.add(m));
  // node indices are in id order
  return [...seen].sort((a, b) => a - b).map((m) => g.ids[m]!);
}
