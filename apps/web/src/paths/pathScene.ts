// Dependency paths as the web app shows them: ordered clinical first (then by length),
// filterable by the target workflow's category, and drawn as one graph (their union).
import { isEntityKind } from '../explorer/kinds';
import type { EntityKind } from '../generated/graphql';
import type { Scene, SceneEdge, SceneNode } from '../explorer/scene';

export interface PathNode {
  id: string;
  name: string;
  kind: EntityKind;
  /** Workflow category when the node is a workflow. */
  category?: string | null;
  criticality?: number | null;
  organization?: string | null;
}

/** The recorded dependency behind a hop, as the path view shows it (issue 13 item 3). */
export interface PathHop {
  source: string | null;
  confidence: number | null;
  /** The submissions that asserted it, in order (none for a reader scoped to organizations). */
  assertedBy: { contributor: string; date: string }[];
}

export interface TracedPath {
  nodes: PathNode[];
  length: number;
  /** Per hop (nodes[i] → nodes[i + 1]) its dependency; null for a structural hop. */
  hops?: (PathHop | null)[];
}

const percent = (x: number) => {
  const p = x * 100;
  return `${p >= 10 || p === 0 ? Math.round(p) : p.toFixed(1)} %`;
};

/**
 * What the path view says of the hop a → b: for a recorded dependency its source,
 * confidence and who asserted it when ("no submission recorded" when nobody did); for
 * a structural hop, what links the two (a supplier's service, a workflow's function).
 */
export function hopText(a: PathNode, b: PathNode, hop: PathHop | null): string {
  if (!hop) {
    if (a.kind === 'SUPPLIER' && b.kind === 'SERVICE') return 'its service';
    if (a.kind === 'WORKFLOW' && b.kind === 'CRITICAL_FUNCTION') return 'supports this function';
    if (a.kind === 'ORGANIZATION') return 'belongs to it';
    return 'linked';
  }
  return [
    hop.source ? hop.source.toLowerCase() : 'source not given',
    hop.confidence != null ? `confidence ${percent(hop.confidence)}` : 'confidence not given',
    hop.assertedBy.length > 0
      ? `asserted by ${hop.assertedBy.map((s) => `${s.contributor} on ${s.date}`).join('; ')}`
      : 'no submission recorded',
  ].join(' · ');
}

const CATEGORY_ORDER: Record<string, number> = { CLINICAL: 0, MANUFACTURING: 1, ADMINISTRATIVE: 2 };

/** The category a path ends in: the last workflow's (a function is reached through one). */
export function pathCategory(p: TracedPath): string | null {
  for (let i = p.nodes.length - 1; i >= 0; i--) {
    const n = p.nodes[i]!;
    if (n.kind === 'WORKFLOW') return n.category ?? null;
  }
  return null;
}

/** Clinical first, then by criticality of the target workflow, length, and the ids along the path. */
export function orderPaths(paths: readonly TracedPath[]): TracedPath[] {
  const key = (p: TracedPath) => CATEGORY_ORDER[pathCategory(p) ?? ''] ?? 3;
  const crit = (p: TracedPath) => {
    const wf = [...p.nodes].reverse().find((n) => n.kind === 'WORKFLOW');
    return wf?.criticality ?? 6;
  };
  return [...paths].sort(
    (a, b) =>
      key(a) - key(b) ||
      crit(a) - crit(b) ||
      a.length - b.length ||
      a.nodes
        .map((n) => n.id)
        .join('\u0000')
        .localeCompare(b.nodes.map((n) => n.id).join('\u0000')),
  );
}

export function filterPaths(
  paths: readonly TracedPath[],
  categories: ReadonlySet<string>,
  target?: string | null,
): TracedPath[] {
  return paths.filter(
    (p) =>
      (categories.size === 0 || categories.has(pathCategory(p) ?? '')) &&
      (!target || p.nodes[p.nodes.length - 1]?.id === target),
  );
}

export const pathEdgeId = (a: string, b: string) => `path:${a}>${b}`;

/** The union of the paths as a scene: each next node depends on the previous one. */
export function pathScene(paths: readonly TracedPath[], limit: number): Scene & { omittedPaths: number } {
  const nodes = new Map<string, SceneNode>();
  const edges = new Map<string, SceneEdge>();
  let omittedPaths = 0;
  for (const p of paths) {
    const fresh = p.nodes.filter((n) => !nodes.has(n.id)).length;
    if (nodes.size + fresh > limit) {
      omittedPaths++;
      continue;
    }
    p.nodes.forEach((n, i) => {
      if (!nodes.has(n.id))
        nodes.set(n.id, {
          id: n.id,
          label: n.name,
          kind: n.kind,
          category: n.category ?? null,
          dependents: 0,
        });
      const prev = p.nodes[i - 1];
      if (prev) {
        const id = pathEdgeId(prev.id, n.id);
        edges.set(id, { id, source: prev.id, target: n.id, type: 'PATH' });
      }
    });
  }
  const out = new Map<string, number>();
  for (const e of edges.values()) out.set(e.source, (out.get(e.source) ?? 0) + 1);
  for (const n of nodes.values()) n.dependents = out.get(n.id) ?? 0;
  return { nodes: [...nodes.values()], edges: [...edges.values()], omittedPaths };
}

/** `to` is a kind (WORKFLOW, CRITICAL_FUNCTION) or one target entity. */
export function targetOf(to: string | null): { toKinds: EntityKind[]; target: string | null } {
  if (to === 'CRITICAL_FUNCTION') return { toKinds: ['CRITICAL_FUNCTION'], target: null };
  if (!to || to === 'WORKFLOW' || isEntityKind(to)) return { toKinds: ['WORKFLOW'], target: null };
  return { toKinds: ['WORKFLOW', 'CRITICAL_FUNCTION'], target: to };
}
