// The whole map as aggregates, for the sector overview: every entity falls into one
// super-node (its kind, and within the kind the value of the dimension chosen for it:
// a supplier's category, an organization's subsector or type…), and every link into
// one super-edge between the super-nodes of its ends, weighted by the links it stands
// for. O(V + E) over the projection, one pass, so it draws instantly at any size.
import { type CompactGraph, type EntityKind, Kind } from './graph';
import type { EdgeType } from './neighborhood';
import { ownerOf, suppressedCount } from './scope';

/** How the entities of one kind are split into super-nodes. */
export type OverviewDimension =
  | 'SUPPLIER_CATEGORY'
  | 'SERVICE_CATEGORY'
  | 'ORGANIZATION_SUBSECTOR'
  | 'ORGANIZATION_TYPE'
  | 'ORGANIZATION_REGION'
  | 'ASSET_CATEGORY'
  | 'WORKFLOW_CATEGORY'
  | 'CRITICAL_FUNCTION';

export const OVERVIEW_DIMENSIONS: readonly OverviewDimension[] = [
  'SUPPLIER_CATEGORY',
  'SERVICE_CATEGORY',
  'ORGANIZATION_SUBSECTOR',
  'ORGANIZATION_TYPE',
  'ORGANIZATION_REGION',
  'ASSET_CATEGORY',
  'WORKFLOW_CATEGORY',
  'CRITICAL_FUNCTION',
];

/** The kind each dimension splits, and what of a node it reads. */
const DIMENSION: Record<
  OverviewDimension,
  { kind: EntityKind; value: 'category' | 'subsector' | 'region' | 'id' }
> = {
  SUPPLIER_CATEGORY: { kind: 'SUPPLIER', value: 'category' },
  SERVICE_CATEGORY: { kind: 'SERVICE', value: 'category' },
  ORGANIZATION_SUBSECTOR: { kind: 'ORGANIZATION', value: 'subsector' },
  ORGANIZATION_TYPE: { kind: 'ORGANIZATION', value: 'category' },
  ORGANIZATION_REGION: { kind: 'ORGANIZATION', value: 'region' },
  ASSET_CATEGORY: { kind: 'ASSET', value: 'category' },
  WORKFLOW_CATEGORY: { kind: 'WORKFLOW', value: 'category' },
  CRITICAL_FUNCTION: { kind: 'CRITICAL_FUNCTION', value: 'id' },
};

/** What the overview shows when it is not told: every kind split by its usual dimension. */
export const DEFAULT_OVERVIEW: readonly OverviewDimension[] = [
  'SUPPLIER_CATEGORY',
  'SERVICE_CATEGORY',
  'ORGANIZATION_SUBSECTOR',
  'ASSET_CATEGORY',
  'WORKFLOW_CATEGORY',
  'CRITICAL_FUNCTION',
];

export const UNSPECIFIED = '(unspecified)';

export interface OverviewNode {
  /** `KIND` for a kind shown whole, else `DIMENSION:value`; stable, usable in a URL. */
  key: string;
  kind: EntityKind;
  /** The value (category, subsector, function name), or the kind's name when shown whole. */
  label: string;
  members: number;
}

export interface OverviewEdge {
  from: string;
  to: string;
  /** As stored: dependent -DEPENDS_ON-> dependency, service -PROVIDED_BY-> supplier, organization -OWNS/PERFORMS-> asset/workflow, workflow -SUPPORTS-> function. */
  relation: EdgeType;
  /** The links between members of the two super-nodes that this edge stands for. */
  dependencies: number;
}

export interface Overview {
  nodes: OverviewNode[];
  edges: OverviewEdge[];
}

export class OverviewDimensionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OverviewDimensionError';
  }
}

const KIND_LABEL: Record<EntityKind, string> = {
  ORGANIZATION: 'All organizations',
  SUPPLIER: 'All suppliers',
  SERVICE: 'All services',
  ASSET: 'All assets',
  WORKFLOW: 'All workflows',
  CRITICAL_FUNCTION: 'All critical functions',
};

/** Super-node of every node: an index into `keys` (and the labels and kinds). */
interface Partition {
  of: Int32Array;
  keys: string[];
  labels: string[];
  kinds: EntityKind[];
}

/** The dimension of each kind; throws OverviewDimensionError when two split one kind. */
export function overviewDimensionsByKind(
  dimensions: readonly OverviewDimension[],
): Map<EntityKind, OverviewDimension> {
  const byKind = new Map<EntityKind, OverviewDimension>();
  for (const d of dimensions) {
    const kind = DIMENSION[d].kind;
    const other = byKind.get(kind);
    if (other && other !== d)
      throw new OverviewDimensionError(`${other} and ${d} both split ${kind}: choose one dimension per kind`);
    byKind.set(kind, d);
  }
  return byKind;
}

function partition(g: CompactGraph, dimensions: readonly OverviewDimension[]): Partition {
  const byKind = overviewDimensionsByKind(dimensions);
  const of = new Int32Array(g.nodeCount);
  const index = new Map<string, number>();
  const p: Partition = { of, keys: [], labels: [], kinds: [] };
  for (let n = 0; n < g.nodeCount; n++) {
    const kind = g.kindOf(n);
    const d = byKind.get(kind);
    let key: string;
    let label: string;
    if (!d) {
      key = kind;
      label = KIND_LABEL[kind];
    } else {
      const spec = DIMENSION[d];
      const raw =
        spec.value === 'id'
          ? g.ids[n]!
          : spec.value === 'category'
            ? g.categories[n]
            : spec.value === 'region'
              ? g.regions[n]
              : g.subsectors[n];
      const value = raw === null || raw === undefined || raw === '' ? UNSPECIFIED : raw;
      key = `${d}:${value}`;
      label = spec.value === 'id' ? g.names[n] || value : value;
    }
    let s = index.get(key);
    if (s === undefined) {
      s = p.keys.length;
      index.set(key, s);
      p.keys.push(key);
      p.labels.push(label);
      p.kinds.push(kind);
    }
    of[n] = s;
  }
  return p;
}

/** The overview of `g` split by `dimensions` (kinds without one are one super-node each). */
export function sectorOverview(
  g: CompactGraph,
  dimensions: readonly OverviewDimension[] = DEFAULT_OVERVIEW,
): Overview {
  const p = partition(g, dimensions);
  const members = new Int32Array(p.keys.length);
  for (let n = 0; n < g.nodeCount; n++) members[p.of[n]!]!++;
  const edges = new Map<string, OverviewEdge>();
  const link = (source: number, target: number, relation: EdgeType) => {
    const from = p.keys[p.of[source]!]!;
    const to = p.keys[p.of[target]!]!;
    const key = `${relation}\u0000${from}\u0000${to}`;
    const e = edges.get(key);
    if (e) e.dependencies++;
    else edges.set(key, { from, to, relation, dependencies: 1 });
  };
  for (let n = 0; n < g.nodeCount; n++) {
    for (let gi = g.groupOffsets[n]!; gi < g.groupOffsets[n + 1]!; gi++)
      for (let k = g.memberOffsets[gi]!; k < g.memberOffsets[gi + 1]!; k++)
        link(n, g.members[k]!, 'DEPENDS_ON');
    for (const owner of g.parentsOf(n)) {
      const kind = g.kinds[n];
      if (kind === Kind.SERVICE) link(n, owner, 'PROVIDED_BY');
      else link(owner, n, kind === Kind.WORKFLOW ? 'PERFORMS' : 'OWNS');
    }
    if (g.kinds[n] === Kind.WORKFLOW) for (const f of g.functionsOf(n)) link(n, f, 'SUPPORTS');
  }
  const nodes = p.keys.map((key, s) => ({
    key,
    kind: p.kinds[s]!,
    label: p.labels[s]!,
    members: members[s]!,
  }));
  // Largest first; ties by key, so the answer does not depend on load order.
  nodes.sort((a, b) => b.members - a.members || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const list = [...edges.values()].sort(
    (a, b) =>
      b.dependencies - a.dependencies ||
      (a.from < b.from ? -1 : a.from > b.from ? 1 : a.to < b.to ? -1 : a.to > b.to ? 1 : 0) ||
      (a.relation < b.relation ? -1 : a.relation > b.relation ? 1 : 0),
  );
  return { nodes, edges: list };
}

/** The key of a super-edge in `overviewOrganizations`' edge map. */
export function overviewEdgeKey(e: Pick<OverviewEdge, 'relation' | 'from' | 'to'>): string {
  return `${e.relation}\u0000${e.from}\u0000${e.to}`;
}

/**
 * How many distinct organizations each super-node's members and each super-edge's links
 * belong to (an organization itself, the owner of a workflow or asset; the catalogue
 * belongs to none, so its super-nodes count 0): what small-group protection (issue 19)
 * needs to know of an overview. Edges by `overviewEdgeKey`. O(V + E).
 */
export function overviewOrganizations(
  g: CompactGraph,
  dimensions: readonly OverviewDimension[] = DEFAULT_OVERVIEW,
): { nodes: Map<string, number>; edges: Map<string, number> } {
  const p = partition(g, dimensions);
  const owner = new Int32Array(g.nodeCount);
  for (let n = 0; n < g.nodeCount; n++) owner[n] = ownerOf(g, n);
  const nodeOrgs = p.keys.map(() => new Set<number>());
  for (let n = 0; n < g.nodeCount; n++) if (owner[n]! >= 0) nodeOrgs[p.of[n]!]!.add(owner[n]!);
  const edgeOrgs = new Map<string, Set<number>>();
  const link = (source: number, target: number, relation: EdgeType) => {
    const key = overviewEdgeKey({ relation, from: p.keys[p.of[source]!]!, to: p.keys[p.of[target]!]! });
    let set = edgeOrgs.get(key);
    if (!set) {
      set = new Set();
      edgeOrgs.set(key, set);
    }
    if (owner[source]! >= 0) set.add(owner[source]!);
    if (owner[target]! >= 0) set.add(owner[target]!);
  };
  // The same links as sectorOverview, in the same directions.
  for (let n = 0; n < g.nodeCount; n++) {
    for (let gi = g.groupOffsets[n]!; gi < g.groupOffsets[n + 1]!; gi++)
      for (let k = g.memberOffsets[gi]!; k < g.memberOffsets[gi + 1]!; k++)
        link(n, g.members[k]!, 'DEPENDS_ON');
    for (const o of g.parentsOf(n)) {
      const kind = g.kinds[n];
      if (kind === Kind.SERVICE) link(n, o, 'PROVIDED_BY');
      else link(o, n, kind === Kind.WORKFLOW ? 'PERFORMS' : 'OWNS');
    }
    if (g.kinds[n] === Kind.WORKFLOW) for (const f of g.functionsOf(n)) link(n, f, 'SUPPORTS');
  }
  return {
    nodes: new Map(p.keys.map((key, s) => [key, nodeOrgs[s]!.size])),
    edges: new Map([...edgeOrgs].map(([key, set]) => [key, set.size])),
  };
}

export interface OverviewMember {
  node: number;
  /** What it depends on and what depends on it, ownership and functions included. */
  links: number;
}

/** The members of one super-node, most linked first, ties by id; [] for an unknown key. */
export function overviewMembers(
  g: CompactGraph,
  key: string,
  dimensions: readonly OverviewDimension[] = DEFAULT_OVERVIEW,
): OverviewMember[] {
  const p = partition(g, dimensions);
  const s = p.keys.indexOf(key);
  if (s < 0) return [];
  const out: OverviewMember[] = [];
  for (let n = 0; n < g.nodeCount; n++) {
    if (p.of[n] !== s) continue;
    let links = g.memberOffsets[g.groupOffsets[n + 1]!]! - g.memberOffsets[g.groupOffsets[n]!]!;
    links += g.parentsOf(n).length + g.childrenOf(n).length + g.functionsOf(n).length;
    links += g.workflowsSupporting(n).length + g.dependentGroupsOf(n).length;
    out.push({ node: n, links });
  }
  // Node indices follow id order, so the tie-break by index is by id.
  return out.sort((a, b) => b.links - a.links || a.node - b.node);
}

/** An overview as a scoped reader may see it, and how much of it was withheld. */
export interface RedactedOverview extends Overview {
  withheldNodes: number;
  withheldEdges: number;
}

/**
 * Small-group protection of the sector overview: a super-node whose members belong to
 * 1 to k − 1 organizations is withheld, and so is a super-edge whose links do or that
 * touches a withheld super-node; the catalogue (0 organizations) is always shown.
 * `organizations` is `overviewOrganizations` of the same graph and grouping.
 */
export function redactOverview(
  o: Overview,
  organizations: { nodes: ReadonlyMap<string, number>; edges: ReadonlyMap<string, number> },
  k: number,
): RedactedOverview {
  const small = (n: number | undefined) => suppressedCount(n ?? 0, k).suppressed;
  const nodes = o.nodes.filter((n) => !small(organizations.nodes.get(n.key)));
  const shown = new Set(nodes.map((n) => n.key));
  const edges = o.edges.filter(
    (e) => shown.has(e.from) && shown.has(e.to) && !small(organizations.edges.get(overviewEdgeKey(e))),
  );
  return {
    nodes,
    edges,
    withheldNodes: o.nodes.length - nodes.length,
    withheldEdges: o.edges.length - edges.length,
  };
}
