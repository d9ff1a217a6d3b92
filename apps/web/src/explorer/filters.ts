// Canvas filters by kind, subsector and workflow category, turned into the Set of
// hidden node ids the reducers read. An empty selection means "all".
import type { EntityKind } from '../generated/graphql';
import type { SceneNode } from './scene';

export interface CanvasFilters {
  kinds: ReadonlySet<EntityKind>;
  subsectors: ReadonlySet<string>;
  categories: ReadonlySet<string>;
}

export const NO_FILTERS: CanvasFilters = { kinds: new Set(), subsectors: new Set(), categories: new Set() };

export function isFiltering(f: CanvasFilters): boolean {
  return f.kinds.size + f.subsectors.size + f.categories.size > 0;
}

/**
 * Hidden nodes: a kind not chosen; a subsector not chosen (only entities that have a
 * subsector); a workflow category not chosen (only workflows). Nodes in `keep` (the
 * selection, the failed entities) always stay visible.
 */
export function hiddenNodes(
  nodes: readonly SceneNode[],
  f: CanvasFilters,
  keep: ReadonlySet<string> = new Set(),
): Set<string> {
  const out = new Set<string>();
  if (!isFiltering(f)) return out;
  for (const n of nodes) {
    if (keep.has(n.id)) continue;
    if (f.kinds.size > 0 && !f.kinds.has(n.kind)) out.add(n.id);
    else if (f.subsectors.size > 0 && n.subsector && !f.subsectors.has(n.subsector)) out.add(n.id);
    else if (f.categories.size > 0 && n.kind === 'WORKFLOW' && n.category && !f.categories.has(n.category))
      out.add(n.id);
  }
  return out;
}

export function toggle<T>(set: ReadonlySet<T>, value: T): Set<T> {
  const next = new Set(set);
  if (next.has(value)) next.delete(value);
  else next.add(value);
  return next;
}
