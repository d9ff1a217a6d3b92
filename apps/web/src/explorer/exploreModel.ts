// The explorer's working set: which entities are on the canvas and why. Pure and
// immutable (every operation returns a new model) so React can diff it cheaply.
//
// - Every node remembers its *origins*: the expansions (or the root) that brought it
//   in. Collapsing an entity removes what only its expansion brought, recursively.
// - A fan-out larger than `fanoutThreshold` (a cloud region with 400 dependent
//   services) becomes one cluster node per kind, which can be opened a page at a time.
// - The total never exceeds `maxNodes`; what does not fit stays in a cluster.
import type { EntityKind } from '../generated/graphql';
import { KIND_META } from './kinds';
import type { Scene, SceneEdge, SceneNode, StoredEdge } from './scene';
import { toFlowEdge } from './scene';

export const ROOT = '(root)';

export interface ExploreModel {
  nodes: ReadonlyMap<string, SceneNode>;
  edges: ReadonlyMap<string, SceneEdge>;
  origins: ReadonlyMap<string, ReadonlySet<string>>;
  expanded: ReadonlySet<string>;
}

export interface ExpandOptions {
  maxNodes: number;
  fanoutThreshold: number;
  /** How many members a cluster shows when opened ("N more"). */
  page?: number;
}

export interface NeighborhoodData {
  nodes: readonly SceneNode[];
  edges: readonly StoredEdge[];
}

export function emptyModel(): ExploreModel {
  return { nodes: new Map(), edges: new Map(), origins: new Map(), expanded: new Set() };
}

export function toScene(model: ExploreModel): Scene {
  return { nodes: [...model.nodes.values()], edges: [...model.edges.values()] };
}

export const clusterId = (parent: string, kind: EntityKind, side: 'up' | 'down') =>
  `cluster:${parent}:${kind}:${side}`;

export function isCluster(id: string): boolean {
  return id.startsWith('cluster:');
}

/**
 * Adds the neighbourhood of `center` (as the API returns it) to the model. Nodes
 * already on the canvas are reused; new neighbours beyond the fan-out threshold or
 * the node budget are aggregated into clusters.
 */
export function addNeighborhood(
  model: ExploreModel,
  center: string,
  data: NeighborhoodData,
  options: ExpandOptions,
): ExploreModel {
  const nodes = new Map(model.nodes);
  const edges = new Map(model.edges);
  const origins = new Map<string, ReadonlySet<string>>(model.origins);
  const expanded = new Set(model.expanded);
  const addOrigin = (id: string, origin: string) => {
    origins.set(id, new Set([...(origins.get(id) ?? []), origin]));
  };

  const incoming = new Map(data.nodes.map((n) => [n.id, n]));
  const centerNode = incoming.get(center) ?? nodes.get(center);
  if (!centerNode) return model;
  if (!nodes.has(center)) {
    nodes.set(center, centerNode);
    addOrigin(center, ROOT);
  }
  expanded.add(center);

  const flow = data.edges.map(toFlowEdge);
  // Which side of the centre each new neighbour is on (upstream providers or
  // downstream dependents), for aggregation by kind and side.
  const side = new Map<string, 'up' | 'down'>();
  for (const e of flow) {
    if (e.target === center && e.source !== center) side.set(e.source, 'up');
    else if (e.source === center && e.target !== center) side.set(e.target, 'down');
  }
  const fresh = data.nodes.filter((n) => n.id !== center && !nodes.has(n.id));
  const groups = new Map<string, SceneNode[]>();
  for (const n of fresh) {
    const key = `${n.kind}|${side.get(n.id) ?? 'down'}`;
    const list = groups.get(key) ?? [];
    list.push(n);
    groups.set(key, list);
  }

  let budget = Math.max(0, options.maxNodes - nodes.size);
  const placedIn = new Map<string, string>(); // member id → cluster id
  // Small groups first so that one huge fan-out does not starve the others.
  const ordered = [...groups.entries()].sort((a, b) => a[1].length - b[1].length);
  for (const [key, members] of ordered) {
    const [kind, s] = key.split('|') as [EntityKind, 'up' | 'down'];
    const sorted = [...members].sort((a, b) => b.dependents - a.dependents || a.label.localeCompare(b.label));
    let direct: SceneNode[];
    if (members.length > options.fanoutThreshold) direct = [];
    else if (members.length <= budget) direct = sorted;
    else direct = sorted.slice(0, Math.max(0, budget - 1)); // keep one place for the cluster
    for (const n of direct) {
      nodes.set(n.id, n);
      addOrigin(n.id, center);
    }
    budget -= direct.length;
    const rest = sorted.slice(direct.length);
    if (rest.length > 0) {
      const id = clusterId(center, kind, s);
      const existing = nodes.get(id)?.cluster?.members ?? [];
      const merged = [...existing, ...rest.filter((r) => !existing.some((e) => e.id === r.id))];
      nodes.set(id, clusterNode(id, center, kind, merged));
      addOrigin(id, center);
      if (existing.length === 0) budget = Math.max(0, budget - 1);
      for (const r of rest) placedIn.set(r.id, id);
      const edge: SceneEdge =
        s === 'up'
          ? { id: `${id}>`, source: id, target: center, type: 'CLUSTER' }
          : { id: `${id}>`, source: center, target: id, type: 'CLUSTER' };
      edges.set(edge.id, edge);
    }
  }

  for (const e of flow) {
    if (placedIn.has(e.source) || placedIn.has(e.target)) continue;
    if (nodes.has(e.source) && nodes.has(e.target)) edges.set(e.id, e);
  }
  return { nodes, edges, origins, expanded };
}

function clusterNode(id: string, parent: string, kind: EntityKind, members: SceneNode[]): SceneNode {
  const meta = KIND_META[kind];
  return {
    id,
    label: `${members.length} more ${members.length === 1 ? meta.label.toLowerCase() : meta.plural.toLowerCase()}`,
    kind,
    dependents: members.length,
    cluster: { parent, members },
  };
}

/**
 * Opens a cluster by `page` members ("N more"): they become ordinary nodes linked to
 * the cluster's parent; the cluster shrinks and disappears when empty. `links` are the
 * stored edges known between the members and the canvas (from the neighbourhood).
 */
export function openCluster(
  model: ExploreModel,
  id: string,
  links: readonly StoredEdge[],
  options: ExpandOptions,
): ExploreModel {
  const cluster = model.nodes.get(id)?.cluster;
  if (!cluster) return model;
  // The cluster's own place is freed when it empties, hence the + 1.
  const room = options.maxNodes - model.nodes.size + 1;
  const wanted = options.page ?? 50;
  const page =
    cluster.members.length <= Math.min(wanted, room) ? cluster.members.length : Math.min(wanted, room - 1);
  if (page <= 0) return model;
  const nodes = new Map(model.nodes);
  const edges = new Map(model.edges);
  const origins = new Map<string, ReadonlySet<string>>(model.origins);
  const take = cluster.members.slice(0, page);
  const rest = cluster.members.slice(page);
  for (const n of take) {
    nodes.set(n.id, n);
    origins.set(n.id, new Set([...(origins.get(n.id) ?? []), cluster.parent]));
  }
  const upstream = [...edges.values()].some((e) => e.source === id && e.target === cluster.parent);
  if (rest.length === 0) {
    nodes.delete(id);
    origins.delete(id);
    edges.delete(`${id}>`);
  } else {
    nodes.set(id, clusterNode(id, cluster.parent, model.nodes.get(id)!.kind, rest));
  }
  const taken = new Set(take.map((n) => n.id));
  const linked = new Set<string>();
  for (const e of links.map(toFlowEdge)) {
    if ((taken.has(e.source) || taken.has(e.target)) && nodes.has(e.source) && nodes.has(e.target)) {
      edges.set(e.id, e);
      linked.add(e.source);
      linked.add(e.target);
    }
  }
  // Members without a known edge still hang off the parent, on the cluster's side.
  for (const n of take) {
    if (linked.has(n.id)) continue;
    const e: SceneEdge = upstream
      ? { id: `${n.id}>${cluster.parent}`, source: n.id, target: cluster.parent, type: 'CLUSTER' }
      : { id: `${cluster.parent}>${n.id}`, source: cluster.parent, target: n.id, type: 'CLUSTER' };
    edges.set(e.id, e);
  }
  return { nodes, edges, origins, expanded: model.expanded };
}

/**
 * Removes what only `id`'s expansion brought in (recursively through nodes that were
 * themselves expanded), keeping `id` itself and anything another origin still holds.
 */
export function collapse(
  model: ExploreModel,
  id: string,
  keep: ReadonlySet<string> = new Set(),
): ExploreModel {
  if (!model.expanded.has(id)) return model;
  const nodes = new Map(model.nodes);
  const origins = new Map<string, ReadonlySet<string>>(model.origins);
  const expanded = new Set(model.expanded);
  const queue = [id];
  while (queue.length > 0) {
    const origin = queue.pop()!;
    expanded.delete(origin);
    for (const [n, set] of origins) {
      if (!set.has(origin)) continue;
      const left = new Set(set);
      left.delete(origin);
      if (left.size > 0 || keep.has(n) || n === id) {
        origins.set(n, left.size > 0 ? left : new Set([ROOT]));
        continue;
      }
      origins.delete(n);
      nodes.delete(n);
      if (expanded.has(n)) queue.push(n);
    }
  }
  const edges = new Map([...model.edges].filter(([, e]) => nodes.has(e.source) && nodes.has(e.target)));
  return { nodes, edges, origins, expanded };
}

/** Removes one node (and whatever only it brought in). */
export function removeNode(model: ExploreModel, id: string): ExploreModel {
  const collapsed = collapse(model, id);
  const nodes = new Map(collapsed.nodes);
  nodes.delete(id);
  const origins = new Map(collapsed.origins);
  origins.delete(id);
  const edges = new Map([...collapsed.edges].filter(([, e]) => e.source !== id && e.target !== id));
  const expanded = new Set(collapsed.expanded);
  expanded.delete(id);
  return { nodes, edges, origins, expanded };
}
