// The canvas for an impact report: the causal tree. Each affected entity hangs off the
// next entity of its `because` path (the one whose failure reached it), so the picture
// shows exactly the explanation the table gives.
//
// Only `limit` entities are drawn, nearest to the initial failure first. Because
// `because` paths are suffix-closed (the path of because[1] is because[1..]), taking
// the shortest paths first always yields a connected tree rooted in the failures.
import type { Scene, SceneEdge, SceneNode } from '../explorer/scene';
import { type AffectedRow, displayName } from './model';

export interface ImpactScene extends Scene {
  /** Affected entities not drawn because of the limit. */
  omitted: number;
}

const KIND_PRIORITY: Record<string, number> = {
  SUPPLIER: 0,
  ORGANIZATION: 1,
  SERVICE: 2,
  ASSET: 3,
  WORKFLOW: 4,
  CRITICAL_FUNCTION: 5,
};

/**
 * `include`: entities to draw even beyond the limit (one the user asked to explain),
 * with their causal chains so they stay connected.
 */
export function impactScene(
  rows: readonly AffectedRow[],
  limit: number,
  include: ReadonlySet<string> = new Set(),
): ImpactScene {
  const ordered = [...rows].sort(
    (a, b) =>
      a.because.length - b.because.length ||
      (a.state === b.state ? 0 : a.state === 'FAILED' ? -1 : 1) ||
      (KIND_PRIORITY[a.kind] ?? 9) - (KIND_PRIORITY[b.kind] ?? 9) ||
      a.name.localeCompare(b.name),
  );
  const shown = ordered.slice(0, Math.max(0, limit));
  const ids = new Set(shown.map((r) => r.id));
  if (include.size > 0) {
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const id of include) {
      for (const c of byId.get(id)?.because ?? []) {
        const row = byId.get(c);
        if (row && !ids.has(c)) {
          ids.add(c);
          shown.push(row);
        }
      }
    }
  }
  const nodes: SceneNode[] = shown.map((r) => ({
    id: r.id,
    label: displayName(r),
    kind: r.kind,
    category: r.category ?? null,
    dependents: 0,
  }));
  const edges: SceneEdge[] = [];
  const outDegree = new Map<string, number>();
  for (const r of shown) {
    const cause = r.because[1];
    if (cause === undefined || !ids.has(cause)) continue;
    edges.push({ id: `cause:${cause}>${r.id}`, source: cause, target: r.id, type: 'CAUSE' });
    outDegree.set(cause, (outDegree.get(cause) ?? 0) + 1);
  }
  // Size by how much each entity's failure carries onward in the drawn tree.
  for (const n of nodes) n.dependents = outDegree.get(n.id) ?? 0;
  return { nodes, edges, omitted: rows.length - shown.length };
}

/** The edge ids of a causal chain in an impact scene. */
export function causeEdgeIds(because: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < because.length; i++) out.push(`cause:${because[i + 1]}>${because[i]}`);
  return out;
}
