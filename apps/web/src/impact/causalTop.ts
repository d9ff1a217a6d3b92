// The top of an impact's causal tree (issue 16 item 3): what the canvas draws of a
// report too large to draw whole. The failed entities, the first workflows of each
// workflow category (most critical first, then earliest to fail: the API's CRITICALITY
// order), every entity on those workflows' causal chains (the services and assets in
// between), and at the end of the tree the critical functions those workflows support.
// Each group grows by "show more". Pure: the queries live in useImpact.
import type { SceneEdge, SceneNode } from '../explorer/scene';
import { type ImpactScene, impactScene } from './impactScene';
import type { AffectedRow } from './model';

/** The workflow categories, one "show more" group each, in the order the canvas lists them. */
export const WORKFLOW_GROUPS = ['CLINICAL', 'ADMINISTRATIVE', 'MANUFACTURING'] as const;
export type WorkflowGroup = (typeof WORKFLOW_GROUPS)[number];

export const GROUP_LABEL: Record<WorkflowGroup, string> = {
  CLINICAL: 'Clinical workflows',
  ADMINISTRATIVE: 'Administrative workflows',
  MANUFACTURING: 'Manufacturing workflows',
};

/** Workflows drawn per group at first, and added by each "show more". */
export const GROUP_STEP = 20;

/** The first workflows of one category, as the API ordered them, and how many it has. */
export interface GroupPage {
  category: WorkflowGroup;
  total: number;
  rows: AffectedRow[];
}

/** A critical function the report impairs (ImpactSummary.functions). */
export interface FunctionHit {
  id: string;
  name: string;
  /** Share of its daily volume lost, 0–1. */
  capacityLoss: number;
}

export interface TopScene extends ImpactScene {
  /** Per group: workflows drawn and in the report. */
  groups: { category: WorkflowGroup; drawn: number; total: number }[];
  /** Critical functions drawn at the end of the tree. */
  functions: number;
}

/**
 * The entities to read besides the groups' workflows: the failed ones and every entity
 * on a drawn workflow's causal chain that is not itself a drawn workflow, each once, in
 * a stable order (failed first, then as the chains name them).
 */
export function chainIds(failed: readonly string[], groups: readonly GroupPage[]): string[] {
  const drawn = new Set(groups.flatMap((g) => g.rows.map((r) => r.id)));
  const out = new Set<string>();
  for (const id of failed) if (!drawn.has(id)) out.add(id);
  for (const g of groups)
    for (const r of g.rows) for (const id of r.because.slice(1)) if (!drawn.has(id)) out.add(id);
  return [...out];
}

const percent = (x: number) => `${Math.round(x * 100)} %`;

/**
 * The scene: the groups' workflows and the chain's entities as a causal tree (each hangs
 * off the entity that reached it), then one node per critical function a drawn workflow
 * supports, joined to those workflows. `include`: rows drawn as well (an entity being
 * explained and its chain). `totalAffected`: the report's affected count, so that
 * `omitted` says how many are not drawn.
 */
export function causalTopScene(input: {
  groups: readonly GroupPage[];
  chain: readonly AffectedRow[];
  include?: readonly AffectedRow[];
  /** Workflow id → the critical functions it supports. */
  supports: ReadonlyMap<string, readonly string[]>;
  functions: readonly FunctionHit[];
  totalAffected: number;
}): TopScene {
  const rows = new Map<string, AffectedRow>();
  for (const r of input.chain) rows.set(r.id, r);
  for (const g of input.groups) for (const r of g.rows) rows.set(r.id, r);
  for (const r of input.include ?? []) if (!rows.has(r.id)) rows.set(r.id, r);
  const all = [...rows.values()];
  const tree = impactScene(all, all.length);

  const hits = new Map(input.functions.map((f) => [f.id, f]));
  const nodes: SceneNode[] = [...tree.nodes];
  const edges: SceneEdge[] = [...tree.edges];
  const fnLinks = new Map<string, number>();
  for (const r of all) {
    if (r.kind !== 'WORKFLOW') continue;
    for (const fn of input.supports.get(r.id) ?? []) {
      // only functions the report impairs (a failed or degraded workflow always impairs its own)
      if (!hits.has(fn)) continue;
      edges.push({ id: `supports:${r.id}>${fn}`, source: r.id, target: fn, type: 'SUPPORTS' });
      fnLinks.set(fn, (fnLinks.get(fn) ?? 0) + 1);
    }
  }
  for (const [fn, links] of fnLinks) {
    const f = hits.get(fn)!;
    nodes.push({
      id: fn,
      label: `${f.name} (${percent(f.capacityLoss)} capacity lost)`,
      kind: 'CRITICAL_FUNCTION',
      dependents: links,
    });
  }
  const drawnIds = new Set(all.map((r) => r.id));
  return {
    nodes,
    edges,
    omitted: Math.max(0, input.totalAffected - drawnIds.size),
    groups: input.groups.map((g) => ({ category: g.category, drawn: g.rows.length, total: g.total })),
    functions: fnLinks.size,
  };
}
