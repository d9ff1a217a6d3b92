/**
 * Compact, immutable in-memory projection of the SMART graph.
 *
 * Ids are interned to dense indices and every relation is stored as CSR
 * (offsets + targets in typed arrays), so the algorithms touch only flat
 * arrays and cost is proportional to the part of the graph they visit.
 *
 * Node indices follow id order (UTF-16 code units, as `Array#sort` compares
 * strings), whatever order the store streamed the data in. Every tie an
 * algorithm breaks "by node index" is therefore broken by id, and results do
 * not depend on load order.
 */

// The kinds come from the domain package (one source); a kind's position in
// ENTITY_KINDS is its code in `CompactGraph.kinds`.
import { type ArrayAllocator, heapArrays } from './arrays';
import { DEPENDENCY_FROM_KINDS, DEPENDENCY_TO_KINDS, ENTITY_KINDS, type EntityKind } from '@smart/domain';

export { ENTITY_KINDS, type EntityKind };

/** Kind codes stored in `CompactGraph.kinds`. */
export const Kind = {
  ORGANIZATION: 0,
  SUPPLIER: 1,
  SERVICE: 2,
  ASSET: 3,
  WORKFLOW: 4,
  CRITICAL_FUNCTION: 5,
} as const satisfies Record<EntityKind, number>;

export function isEntityKind(value: unknown): value is EntityKind {
  return typeof value === 'string' && (ENTITY_KINDS as readonly string[]).includes(value);
}

export interface NodeInput {
  id: string;
  kind: EntityKind;
  name?: string | null;
  /** Workflows only: hours a manual workaround holds (0 = none). */
  toleranceHours?: number | null;
  /** Workflows only: share (0–1) of normal volume delivered under the workaround. */
  workaroundCapacity?: number | null;
  /** Workflows only: volume per day; 1 where missing. */
  volumePerDay?: number | null;
  /** Workflows only: 1 (most critical) … 5. */
  criticality?: number | null;
  category?: string | null;
  subsector?: string | null;
  /** Organizations only: the state or country subdivision it is in (free text, e.g. "Harbor County, OH"). */
  region?: string | null;
  /** Workflows only: what the volume counts ("claims", "tests"); where an impact hits counts volumes lost by it. */
  volumeUnit?: string | null;
}

export interface DependencyInput {
  from: string;
  to: string;
  /** Dependencies of one node sharing a label are alternatives; null/'' = its own group. */
  group?: string | null;
  /** 0–1, default 1: share of `from`'s function lost when `to` is fully inoperable. */
  strength?: number | null;
}

/** Compressed sparse rows: the neighbours of n are `targets[offsets[n] .. offsets[n+1])`. */
export interface Csr {
  readonly offsets: Int32Array;
  readonly targets: Int32Array;
}

export interface NodeView {
  index: number;
  id: string;
  kind: EntityKind;
  name: string;
  toleranceHours: number;
  workaroundCapacity: number;
  volumePerDay: number;
  criticality: number | null;
  category: string | null;
  subsector: string | null;
  region: string | null;
  volumeUnit: string | null;
}

export interface DependencyView {
  from: string;
  to: string;
  group: string | null;
  strength: number;
}

export interface GroupView {
  index: number;
  /** null for an ungrouped edge (a group of one). */
  label: string | null;
  /** max member strength (inoperability model). */
  strength: number;
  members: Int32Array;
}

export interface GraphStats {
  nodes: number;
  counts: Record<EntityKind, number>;
  /** DEPENDS_ON edges (after merging exact duplicates). */
  dependencies: number;
  dependencyGroups: number;
  providedBy: number;
  performs: number;
  owns: number;
  supports: number;
}

/** Everything `CompactGraph` is made of; built by `GraphBuilder.build()` or `applyChanges`. */
export interface GraphData {
  ids: string[];
  kinds: Uint8Array;
  names: string[];
  categories: (string | null)[];
  subsectors: (string | null)[];
  /** Organizations' regions; null for other kinds. */
  regions: (string | null)[];
  /** Workflows' volume units; null for other kinds. */
  volumeUnits: (string | null)[];
  tolerance: Float64Array;
  workaroundCapacity: Float64Array;
  volume: Float64Array;
  criticality: Float64Array;
  groupOffsets: Int32Array;
  groupOwner: Int32Array;
  /** Per group: its label's index in `labels`, or −1 for an ungrouped edge. */
  groupLabelCode: Int32Array;
  /** The distinct labels in use, sorted (`compareIds`): a few dozen, against millions of groups. */
  labels: string[];
  groupStrength: Float64Array;
  memberOffsets: Int32Array;
  members: Int32Array;
  memberStrength: Float64Array;
  dependentOffsets: Int32Array;
  dependentGroups: Int32Array;
  parents: Csr;
  children: Csr;
  supports: Csr;
  supportedBy: Csr;
  functionVolume: Float64Array;
  functionUnweighted: Uint8Array;
  linkCounts: { providedBy: number; performs: number; owns: number; supports: number };
}

export class CompactGraph {
  readonly nodeCount: number;
  readonly ids: readonly string[];
  /** Kind code per node (see `Kind`). */
  readonly kinds: Uint8Array;
  readonly names: readonly string[];
  readonly categories: readonly (string | null)[];
  readonly subsectors: readonly (string | null)[];
  /** An organization's region (where an impact hits, issue 16); null for other kinds. */
  readonly regions: readonly (string | null)[];
  /** A workflow's volume unit ("claims"), for the volumes an impact stops per region; null for other kinds. */
  readonly volumeUnits: readonly (string | null)[];
  /** toleranceHours for Workflows, 0 for every other kind (§3). */
  readonly tolerance: Float64Array;
  /** workaroundCapacity, 0 where missing. */
  readonly workaroundCapacity: Float64Array;
  /** volumePerDay, 1 where missing. */
  readonly volume: Float64Array;
  /** criticality, NaN where missing. */
  readonly criticality: Float64Array;

  // DEPENDS_ON, forward and grouped: the groups of n are groupOffsets[n] .. groupOffsets[n+1];
  // the members of group g are members[memberOffsets[g] .. memberOffsets[g+1]].
  readonly groupOffsets: Int32Array;
  readonly groupOwner: Int32Array;
  /**
   * Group labels coded: `labels[groupLabelCode[g]]`, −1 for none (see `labelOf`). A
   * million-node map has millions of groups but a few dozen labels; as codes they are
   * one shared typed array, copied in bulk by a patch, instead of a string per group.
   */
  readonly groupLabelCode: Int32Array;
  readonly labels: readonly string[];
  readonly groupStrength: Float64Array;
  readonly memberOffsets: Int32Array;
  readonly members: Int32Array;
  readonly memberStrength: Float64Array;
  // DEPENDS_ON, reverse: the groups n is a member of (their owners depend on n).
  readonly dependentOffsets: Int32Array;
  readonly dependentGroups: Int32Array;

  /**
   * Implicit links, kept apart from DEPENDS_ON: a service's suppliers, a workflow's or
   * an asset's organisations. The discrete model treats them as expansion of F at time
   * 0 (no tolerance applies), the inoperability model as ungrouped strength-1 links.
   */
  readonly parents: Csr;
  /** Inverse of `parents`: a supplier's services, an organisation's workflows and assets. */
  readonly children: Csr;
  /** SUPPORTS: workflow → critical functions. */
  readonly supports: Csr;
  /** SUPPORTS reversed: critical function → workflows. */
  readonly supportedBy: Csr;
  /** Per critical function: Σ vol(w) over its workflows (the capacity-loss denominator). */
  readonly functionVolume: Float64Array;
  /** 1 where every supporting workflow has volume 0: then each workflow weighs 1. */
  readonly functionUnweighted: Uint8Array;

  readonly linkCounts: Readonly<GraphData['linkCounts']>;

  constructor(data: GraphData) {
    this.nodeCount = data.ids.length;
    this.ids = data.ids;
    this.kinds = data.kinds;
    this.names = data.names;
    this.categories = data.categories;
    this.subsectors = data.subsectors;
    this.regions = data.regions;
    this.volumeUnits = data.volumeUnits;
    this.tolerance = data.tolerance;
    this.workaroundCapacity = data.workaroundCapacity;
    this.volume = data.volume;
    this.criticality = data.criticality;
    this.groupOffsets = data.groupOffsets;
    this.groupOwner = data.groupOwner;
    this.groupLabelCode = data.groupLabelCode;
    this.labels = data.labels;
    this.groupStrength = data.groupStrength;
    this.memberOffsets = data.memberOffsets;
    this.members = data.members;
    this.memberStrength = data.memberStrength;
    this.dependentOffsets = data.dependentOffsets;
    this.dependentGroups = data.dependentGroups;
    this.parents = data.parents;
    this.children = data.children;
    this.supports = data.supports;
    this.supportedBy = data.supportedBy;
    this.functionVolume = data.functionVolume;
    this.functionUnweighted = data.functionUnweighted;
    this.linkCounts = data.linkCounts;
  }

  /**
   * Dense index of an id, or -1. Ids are sorted, so a binary search (about 20
   * comparisons at 1M nodes) replaces an id → index map that would cost 100+ ms
   * and tens of MB to build again for every patched graph (see `applyChanges`).
   */
  indexOf(id: string): number {
    const ids = this.ids;
    let lo = 0;
    let hi = ids.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const m = ids[mid]!;
      if (m < id) lo = mid + 1;
      else if (m > id) hi = mid - 1;
      else return mid;
    }
    return -1;
  }

  has(id: string): boolean {
    return this.indexOf(id) >= 0;
  }

  kindOf(n: number): EntityKind {
    return ENTITY_KINDS[this.kinds[n]!]!;
  }

  /** Group g's label, or null for an ungrouped edge. */
  labelOf(g: number): string | null {
    const c = this.groupLabelCode[g]!;
    return c < 0 ? null : this.labels[c]!;
  }

  get groupCount(): number {
    return this.groupOwner.length;
  }

  /** Group indices of n's dependencies. */
  groupsOf(n: number): Int32Array {
    const first = this.groupOffsets[n]!;
    const out = new Int32Array(this.groupOffsets[n + 1]! - first);
    for (let i = 0; i < out.length; i++) out[i] = first + i;
    return out;
  }

  /** Members (node indices) of dependency group g. */
  membersOf(g: number): Int32Array {
    return this.members.subarray(this.memberOffsets[g]!, this.memberOffsets[g + 1]!);
  }

  /** Groups (of other nodes) that n is a member of: `groupOwner` of each depends on n. */
  dependentGroupsOf(n: number): Int32Array {
    return this.dependentGroups.subarray(this.dependentOffsets[n]!, this.dependentOffsets[n + 1]!);
  }

  parentsOf(n: number): Int32Array {
    return slice(this.parents, n);
  }

  childrenOf(n: number): Int32Array {
    return slice(this.children, n);
  }

  /** Critical functions a workflow supports. */
  functionsOf(n: number): Int32Array {
    return slice(this.supports, n);
  }

  /** Workflows supporting a critical function. */
  workflowsSupporting(n: number): Int32Array {
    return slice(this.supportedBy, n);
  }

  /** Services of a supplier. */
  servicesOf(n: number): number[] {
    return this.kinds[n] === Kind.SUPPLIER ? Array.from(this.childrenOf(n)) : [];
  }

  /** Workflows an organisation performs. */
  workflowsOf(n: number): number[] {
    return Array.from(this.childrenOf(n)).filter((c) => this.kinds[c] === Kind.WORKFLOW);
  }

  /** Assets an organisation owns. */
  assetsOf(n: number): number[] {
    return Array.from(this.childrenOf(n)).filter((c) => this.kinds[c] === Kind.ASSET);
  }

  *dependencyGroups(n: number): IterableIterator<GroupView> {
    for (let g = this.groupOffsets[n]!; g < this.groupOffsets[n + 1]!; g++) {
      yield {
        index: g,
        label: this.labelOf(g),
        strength: this.groupStrength[g]!,
        members: this.membersOf(g),
      };
    }
  }

  node(n: number): NodeView {
    const c = this.criticality[n]!;
    return {
      index: n,
      id: this.ids[n]!,
      kind: this.kindOf(n),
      name: this.names[n]!,
      toleranceHours: this.tolerance[n]!,
      workaroundCapacity: this.workaroundCapacity[n]!,
      volumePerDay: this.volume[n]!,
      criticality: Number.isNaN(c) ? null : c,
      category: this.categories[n]!,
      subsector: this.subsectors[n]!,
      region: this.regions[n]!,
      volumeUnit: this.volumeUnits[n]!,
    };
  }

  *nodes(): IterableIterator<NodeView> {
    for (let n = 0; n < this.nodeCount; n++) yield this.node(n);
  }

  /** Every DEPENDS_ON edge, grouped by source in node order. */
  *dependencies(): IterableIterator<DependencyView> {
    for (let g = 0; g < this.groupCount; g++) {
      const from = this.ids[this.groupOwner[g]!]!;
      for (let k = this.memberOffsets[g]!; k < this.memberOffsets[g + 1]!; k++) {
        yield {
          from,
          to: this.ids[this.members[k]!]!,
          group: this.labelOf(g),
          strength: this.memberStrength[k]!,
        };
      }
    }
  }

  stats(): GraphStats {
    const counts = Object.fromEntries(ENTITY_KINDS.map((k) => [k, 0])) as Record<EntityKind, number>;
    for (let n = 0; n < this.nodeCount; n++) counts[this.kindOf(n)]++;
    return {
      nodes: this.nodeCount,
      counts,
      dependencies: this.members.length,
      dependencyGroups: this.groupCount,
      ...this.linkCounts,
    };
  }
}

function slice(csr: Csr, n: number): Int32Array {
  return csr.targets.subarray(csr.offsets[n]!, csr.offsets[n + 1]!);
}

export const article = (kind: EntityKind): string => `${/^[AEIOU]/.test(kind) ? 'an' : 'a'} ${kind}`;

export const compareIds = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

// Which kinds a DEPENDS_ON may start and end at: @smart/domain's rule (the one the
// templates check), as the kind codes of CompactGraph.kinds.
export const DEPENDENT_KINDS: readonly number[] = DEPENDENCY_FROM_KINDS.map((k) => Kind[k]);
export const DEPENDENCY_KINDS: readonly number[] = DEPENDENCY_TO_KINDS.map((k) => Kind[k]);

type LinkType = 'PROVIDED_BY' | 'PERFORMS' | 'OWNS' | 'SUPPORTS';

/** Endpoint kinds per link type, in the order the link is written: (a)-[:TYPE]->(b). */
const LINK_KINDS: Record<LinkType, readonly [EntityKind, EntityKind]> = {
  PROVIDED_BY: ['SERVICE', 'SUPPLIER'],
  PERFORMS: ['ORGANIZATION', 'WORKFLOW'],
  OWNS: ['ORGANIZATION', 'ASSET'],
  SUPPORTS: ['WORKFLOW', 'CRITICAL_FUNCTION'],
};

function optionalNumber(
  id: string,
  field: string,
  value: number | null | undefined,
  fallback: number,
  min: number,
  max: number,
): number {
  if (value === null || value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw new Error(`entity "${id}": ${field} must be a number in [${min}, ${max}], got ${String(value)}`);
  }
  return value;
}

/** A node as the builder keeps it: defaults applied, numbers validated. */
export interface NodeRecord {
  id: string;
  kind: EntityKind;
  name: string;
  toleranceHours: number;
  workaroundCapacity: number;
  volumePerDay: number;
  criticality: number;
  category: string | null;
  subsector: string | null;
  region: string | null;
  volumeUnit: string | null;
}

/** Validates a node and applies the defaults; shared by the builder and `applyChanges`. */
export function nodeRecord(node: NodeInput): NodeRecord {
  const { id, kind } = node;
  if (typeof id !== 'string' || id.length === 0) throw new Error(`entity id must be a non-empty string`);
  if (!isEntityKind(kind)) throw new Error(`entity "${id}": unknown kind ${String(kind)}`);
  const workflow = kind === 'WORKFLOW';
  return {
    id,
    kind,
    name: node.name ?? id,
    // tolerance only means something for workflows (§3): 0 for every other kind
    toleranceHours: workflow
      ? optionalNumber(id, 'toleranceHours', node.toleranceHours, 0, 0, Number.MAX_VALUE)
      : 0,
    workaroundCapacity: optionalNumber(id, 'workaroundCapacity', node.workaroundCapacity, 0, 0, 1),
    volumePerDay: optionalNumber(id, 'volumePerDay', node.volumePerDay, 1, 0, Number.MAX_VALUE),
    criticality: optionalNumber(
      id,
      'criticality',
      node.criticality,
      Number.NaN,
      -Number.MAX_VALUE,
      Number.MAX_VALUE,
    ),
    category: node.category ?? null,
    subsector: node.subsector ?? null,
    // only organizations are placed on the map; a service's region is a cloud region
    region: kind === 'ORGANIZATION' ? (node.region ?? null) : null,
    volumeUnit: workflow ? (node.volumeUnit ?? null) : null,
  };
}

/**
 * Collects nodes and links in any order (the store streams them in batches) and
 * builds the compact graph. Links may arrive before their nodes; ids are checked
 * in `build()`, which throws an Error naming the first unknown id or wrong kind.
 */
export class GraphBuilder {
  private readonly index = new Map<string, number>();
  private readonly nodes: NodeRecord[] = [];
  private readonly depFrom: string[] = [];
  private readonly depTo: string[] = [];
  private readonly depGroup: (string | null)[] = [];
  private readonly depStrength: number[] = [];
  private readonly linkType: LinkType[] = [];
  private readonly linkA: string[] = [];
  private readonly linkB: string[] = [];

  get nodeCount(): number {
    return this.nodes.length;
  }

  addNode(node: NodeInput): this {
    const record = nodeRecord(node);
    if (this.index.has(record.id)) throw new Error(`duplicate entity id "${record.id}"`);
    this.index.set(record.id, this.nodes.length);
    this.nodes.push(record);
    return this;
  }

  addNodes(nodes: Iterable<NodeInput>): this {
    for (const n of nodes) this.addNode(n);
    return this;
  }

  addDependency(dep: DependencyInput): this {
    const strength = dep.strength ?? 1;
    if (typeof strength !== 'number' || !(strength >= 0 && strength <= 1)) {
      throw new Error(
        `DEPENDS_ON "${dep.from}" -> "${dep.to}": strength must be in [0, 1], got ${String(strength)}`,
      );
    }
    this.depFrom.push(dep.from);
    this.depTo.push(dep.to);
    // an empty label is what a blank template cell becomes: no group
    this.depGroup.push(dep.group === undefined || dep.group === null || dep.group === '' ? null : dep.group);
    this.depStrength.push(strength);
    return this;
  }

  addDependencies(deps: Iterable<DependencyInput>): this {
    for (const d of deps) this.addDependency(d);
    return this;
  }

  addProvidedBy(serviceId: string, supplierId: string): this {
    return this.link('PROVIDED_BY', serviceId, supplierId);
  }

  addPerforms(orgId: string, workflowId: string): this {
    return this.link('PERFORMS', orgId, workflowId);
  }

  addOwns(orgId: string, assetId: string): this {
    return this.link('OWNS', orgId, assetId);
  }

  addSupports(workflowId: string, functionId: string): this {
    return this.link('SUPPORTS', workflowId, functionId);
  }

  private link(type: LinkType, a: string, b: string): this {
    this.linkType.push(type);
    this.linkA.push(a);
    this.linkB.push(b);
    return this;
  }

  build(): CompactGraph {
    const V = this.nodes.length;
    const order = Array.from({ length: V }, (_, i) => i).sort((a, b) =>
      compareIds(this.nodes[a]!.id, this.nodes[b]!.id),
    );
    const perm = new Int32Array(V);
    order.forEach((prov, n) => {
      perm[prov] = n;
    });
    const ordered = order.map((prov) => this.nodes[prov]!);
    const ids = ordered.map((n) => n.id);
    const kinds = Uint8Array.from(ordered, (n) => Kind[n.kind]);
    const resolve = (id: string, what: () => string): number => {
      const prov = this.index.get(id);
      if (prov === undefined) throw new Error(`${what()}: unknown entity id "${id}"`);
      return perm[prov]!;
    };

    // --- DEPENDS_ON ---------------------------------------------------------------
    const E = this.depFrom.length;
    const from = new Int32Array(E);
    const to = new Int32Array(E);
    for (let e = 0; e < E; e++) {
      const f = this.depFrom[e]!;
      const t = this.depTo[e]!;
      const where = () => `DEPENDS_ON "${f}" -> "${t}"`;
      from[e] = resolve(f, where);
      to[e] = resolve(t, where);
      if (!DEPENDENT_KINDS.includes(kinds[from[e]!]!)) {
        throw new Error(`${where()}: ${article(ordered[from[e]!]!.kind)} cannot have dependencies`);
      }
      if (!DEPENDENCY_KINDS.includes(kinds[to[e]!]!)) {
        throw new Error(`${where()}: ${article(ordered[to[e]!]!.kind)} cannot be a dependency`);
      }
    }
    const groups = groupDependencies(V, from, to, this.depGroup, this.depStrength);

    // --- implicit links and SUPPORTS ------------------------------------------------
    const pairs: Record<LinkType, { a: number[]; b: number[] }> = {
      PROVIDED_BY: { a: [], b: [] },
      PERFORMS: { a: [], b: [] },
      OWNS: { a: [], b: [] },
      SUPPORTS: { a: [], b: [] },
    };
    for (let l = 0; l < this.linkType.length; l++) {
      const type = this.linkType[l]!;
      const a = this.linkA[l]!;
      const b = this.linkB[l]!;
      const where = () => `${type} "${a}" -> "${b}"`;
      const ia = resolve(a, where);
      const ib = resolve(b, where);
      const [ka, kb] = LINK_KINDS[type];
      if (kinds[ia] !== Kind[ka] || kinds[ib] !== Kind[kb]) {
        throw new Error(
          `${where()}: expected ${ka} -> ${kb}, got ${ordered[ia]!.kind} -> ${ordered[ib]!.kind}`,
        );
      }
      pairs[type].a.push(ia);
      pairs[type].b.push(ib);
    }
    const { parents, children, supports, supportedBy, linkCounts } = linkCsrs(V, pairs);

    const volume = Float64Array.from(ordered, (n) => n.volumePerDay);
    const { functionVolume, functionUnweighted } = functionVolumes(supportedBy, volume);

    return new CompactGraph({
      ids,
      kinds,
      names: ordered.map((n) => n.name),
      categories: ordered.map((n) => n.category),
      subsectors: ordered.map((n) => n.subsector),
      regions: ordered.map((n) => n.region),
      volumeUnits: ordered.map((n) => n.volumeUnit),
      tolerance: Float64Array.from(ordered, (n) => n.toleranceHours),
      workaroundCapacity: Float64Array.from(ordered, (n) => n.workaroundCapacity),
      volume,
      criticality: Float64Array.from(ordered, (n) => n.criticality),
      ...groups,
      parents,
      children,
      supports,
      supportedBy,
      functionVolume,
      functionUnweighted,
      linkCounts,
    });
  }
}

/** Labels as codes into their sorted distinct values (−1 for null): `CompactGraph.groupLabelCode`. */
export function codeLabels(list: readonly (string | null)[]): { codes: Int32Array; labels: string[] } {
  const labels = [...new Set(list.filter((l): l is string => l !== null))].sort(compareIds);
  const code = new Map(labels.map((l, i) => [l, i]));
  return { codes: Int32Array.from(list, (l) => (l === null ? -1 : code.get(l)!)), labels };
}

/**
 * DEPENDS_ON edges (node indices, in input order) as groups: each source's edges ordered
 * by (label, ungrouped last, target); one group per label, one per ungrouped edge; the
 * same edge sent twice kept once with the larger strength; a group's strength the
 * largest of its members'. Plus the reverse index: each node's groups as a member.
 */
function groupDependencies(
  V: number,
  from: Int32Array,
  to: Int32Array,
  depGroup: readonly (string | null)[],
  depStrength: readonly number[],
) {
  const E = from.length;
  // bucket edges by source, then order each bucket by (label, ungrouped last, target)
  const bySource = bucket(V, from);
  const labels = depGroup;
  const edgeOrder = bySource.order;
  for (let n = 0; n < V; n++) {
    const lo = bySource.offsets[n]!;
    const hi = bySource.offsets[n + 1]!;
    if (hi - lo < 2) continue;
    const part = Array.from(edgeOrder.subarray(lo, hi)).sort((a, b) => {
      const la = labels[a]!;
      const lb = labels[b]!;
      if (la !== lb) {
        if (la === null) return 1;
        if (lb === null) return -1;
        return compareIds(la, lb);
      }
      return to[a]! - to[b]!;
    });
    edgeOrder.set(part, lo);
  }
  const groupOffsets = new Int32Array(V + 1);
  const groupOwnerTmp = new Int32Array(E);
  const groupLabelTmp: (string | null)[] = [];
  const memberOffsetsTmp = new Int32Array(E + 1);
  const membersTmp = new Int32Array(E);
  const memberStrengthTmp = new Float64Array(E);
  let G = 0;
  let M = 0;
  for (let n = 0; n < V; n++) {
    groupOffsets[n] = G;
    let prevLabel: string | null = null;
    let prevTo = -1;
    for (let k = bySource.offsets[n]!; k < bySource.offsets[n + 1]!; k++) {
      const e = edgeOrder[k]!;
      const label = labels[e]!;
      const target = to[e]!;
      const sameGroup = G > groupOffsets[n]! && label !== null && label === prevLabel;
      const duplicate = G > groupOffsets[n]! && label === prevLabel && target === prevTo;
      if (duplicate) {
        // the same edge sent twice: keep one, with the larger strength
        memberStrengthTmp[M - 1] = Math.max(memberStrengthTmp[M - 1]!, depStrength[e]!);
        continue;
      }
      if (!sameGroup) {
        groupOwnerTmp[G] = n;
        groupLabelTmp.push(label);
        memberOffsetsTmp[G] = M;
        G++;
      }
      membersTmp[M] = target;
      memberStrengthTmp[M] = depStrength[e]!;
      M++;
      prevLabel = label;
      prevTo = target;
    }
  }
  groupOffsets[V] = G;
  memberOffsetsTmp[G] = M;
  const groupOwner = groupOwnerTmp.slice(0, G);
  const memberOffsets = memberOffsetsTmp.slice(0, G + 1);
  const members = membersTmp.slice(0, M);
  const memberStrength = memberStrengthTmp.slice(0, M);
  const groupStrength = new Float64Array(G);
  const memberGroup = new Int32Array(M);
  for (let g = 0; g < G; g++) {
    let s = 0;
    for (let k = memberOffsets[g]!; k < memberOffsets[g + 1]!; k++) {
      s = Math.max(s, memberStrength[k]!);
      memberGroup[k] = g;
    }
    groupStrength[g] = s;
  }
  // reverse: for each node, the groups it belongs to, in group order
  const byMember = bucket(V, members);
  const dependentGroups = new Int32Array(M);
  for (let k = 0; k < M; k++) dependentGroups[k] = memberGroup[byMember.order[k]!]!;
  const { codes: groupLabelCode, labels: labelTable } = codeLabels(groupLabelTmp);
  return {
    groupOffsets,
    groupOwner,
    groupLabelCode,
    labels: labelTable,
    groupStrength,
    memberOffsets,
    members,
    memberStrength,
    dependentOffsets: byMember.offsets,
    dependentGroups,
  };
}

/** The implicit links and SUPPORTS (node indices) as CSRs both ways, and their counts. */
function linkCsrs(V: number, pairs: Record<LinkType, { a: number[]; b: number[] }>) {
  // child → parent: service → supplier, workflow → organisation, asset → organisation
  const childSide = [...pairs.PROVIDED_BY.a, ...pairs.PERFORMS.b, ...pairs.OWNS.b];
  const parentSide = [...pairs.PROVIDED_BY.b, ...pairs.PERFORMS.a, ...pairs.OWNS.a];
  const supports = buildCsr(V, pairs.SUPPORTS.a, pairs.SUPPORTS.b);
  const countLinks = (a: number[], b: number[]) => buildCsr(V, a, b).targets.length;
  return {
    parents: buildCsr(V, childSide, parentSide),
    children: buildCsr(V, parentSide, childSide),
    supports,
    supportedBy: buildCsr(V, pairs.SUPPORTS.b, pairs.SUPPORTS.a),
    linkCounts: {
      providedBy: countLinks(pairs.PROVIDED_BY.a, pairs.PROVIDED_BY.b),
      performs: countLinks(pairs.PERFORMS.a, pairs.PERFORMS.b),
      owns: countLinks(pairs.OWNS.a, pairs.OWNS.b),
      supports: supports.targets.length,
    },
  };
}

/** Per critical function: Σ vol over its workflows, and whether they all weigh 1 instead. */
export function functionVolumes(
  supportedBy: Csr,
  volume: Float64Array,
  arrays: ArrayAllocator = heapArrays,
): { functionVolume: Float64Array; functionUnweighted: Uint8Array } {
  const V = volume.length;
  const functionVolume = arrays.float64(V);
  const functionUnweighted = arrays.uint8(V);
  for (let f = 0; f < V; f++) {
    const lo = supportedBy.offsets[f]!;
    const hi = supportedBy.offsets[f + 1]!;
    if (lo === hi) continue;
    let total = 0;
    for (let k = lo; k < hi; k++) total += volume[supportedBy.targets[k]!]!;
    // volumes all 0 would make the loss 0/0: weigh each workflow 1 instead
    if (total > 0) functionVolume[f] = total;
    else {
      functionVolume[f] = hi - lo;
      functionUnweighted[f] = 1;
    }
  }
  return { functionVolume, functionUnweighted };
}

/**
 * Stable counting sort of positions 0..keys.length-1 by key (0..V-1): the CSR rows of
 * those keys (row n is order[offsets[n] .. offsets[n+1])). Shared with the benchmark's
 * reachability baseline (tools/bench bfs.ts), so both build adjacency the same way.
 */
export function bucket(V: number, keys: ArrayLike<number>): { offsets: Int32Array; order: Int32Array } {
  const offsets = new Int32Array(V + 1);
  for (let i = 0; i < keys.length; i++) offsets[keys[i]! + 1]!++;
  for (let n = 0; n < V; n++) offsets[n + 1]! += offsets[n]!;
  const next = offsets.slice(0, V);
  const order = new Int32Array(keys.length);
  for (let i = 0; i < keys.length; i++) order[next[keys[i]!]!++] = i;
  return { offsets, order };
}

/** CSR of src → dst with each row sorted and duplicates removed. */
function buildCsr(V: number, src: readonly number[], dst: readonly number[]): Csr {
  const { offsets, order } = bucket(V, src);
  const targets = new Int32Array(order.length);
  const out = new Int32Array(V + 1);
  let w = 0;
  for (let n = 0; n < V; n++) {
    out[n] = w;
    const lo = offsets[n]!;
    const hi = offsets[n + 1]!;
    const row = Int32Array.from(order.subarray(lo, hi), (i) => dst[i]!).sort();
    for (let k = 0; k < row.length; k++) {
      if (k === 0 || row[k] !== row[k - 1]) targets[w++] = row[k]!;
    }
  }
  out[V] = w;
  return { offsets: out, targets: targets.slice(0, w) };
}
