/**
 * Applies a batch of graph changes (what the store's writes did, see
 * `GraphChange` in @smart/domain) to a CompactGraph and returns the graph as
 * `GraphBuilder.build()` would build it from the resulting entities and links:
 * the same node order (by id), the same arrays, so every analysis gives exactly
 * the same answer. The graph passed in is not modified: readers of the old
 * version keep a consistent graph.
 *
 * How: the changes are first applied to a small overlay keyed by id (the full
 * link lists of the entities they touch, read from the old graph on first touch);
 * then every array is written again in one pass, copying the untouched rows of
 * the old arrays (renumbered when entities were added or deleted) and sorting
 * only the touched rows. That is O(V + E) typed-array work with no string
 * sorting and no id → index map, against the O(V log V + E log d) string work
 * of a full build (measured in the package README). A batch fails as a whole:
 * an invalid change throws `InvalidChangeError` and nothing is returned.
 */
import { type ArrayAllocator, copyOf, heapArrays, joinParts } from './arrays';
import type { ChangedEntity, GraphChange } from '@smart/domain';
import {
  article,
  CompactGraph,
  compareIds,
  type Csr,
  DEPENDENCY_KINDS,
  DEPENDENT_KINDS,
  type EntityKind,
  functionVolumes,
  Kind,
  type NodeRecord,
  nodeRecord,
} from './graph';

/** A change that cannot apply to the graph; `index` is its position in the batch. */
export class InvalidChangeError extends Error {
  constructor(
    readonly index: number,
    message: string,
  ) {
    super(`change ${index}: ${message}`);
    this.name = 'InvalidChangeError';
  }
}

interface Dep {
  to: string;
  group: string | null;
  strength: number;
}

/** The kind of a service's, workflow's or asset's owner. */
const OWNER_KIND: Partial<Record<EntityKind, EntityKind>> = {
  SERVICE: 'SUPPLIER',
  WORKFLOW: 'ORGANIZATION',
  ASSET: 'ORGANIZATION',
};

/**
 * The edits to one relation: the complete list of every source touched, by id;
 * for the others the old graph's row still holds.
 */
class Relation<T> {
  readonly touched = new Map<string, T[]>();
  /** target → the touched sources whose list holds it (so a delete does not scan every list). */
  private readonly incoming = new Map<string, Set<string>>();

  constructor(
    private readonly g: CompactGraph,
    /** The old graph's list of node n. */
    private readonly base: (n: number) => T[],
    /** The old graph's sources with an edge to node n. */
    private readonly baseSources: (n: number) => ArrayLike<number>,
    private readonly target: (t: T) => string,
  ) {}

  get(id: string): T[] {
    const list = this.touched.get(id);
    if (list) return list;
    const n = this.g.indexOf(id);
    return n < 0 ? [] : this.base(n);
  }

  set(id: string, list: T[]): void {
    for (const t of this.touched.get(id) ?? []) this.incoming.get(this.target(t))?.delete(id);
    this.touched.set(id, list);
    for (const t of list) {
      const to = this.target(t);
      const sources = this.incoming.get(to);
      if (sources) sources.add(id);
      else this.incoming.set(to, new Set([id]));
    }
  }

  /** Every source with an edge to `id` now. */
  sourcesOf(id: string): string[] {
    const out = new Set(this.incoming.get(id));
    const n = this.g.indexOf(id);
    if (n >= 0) {
      // an untouched source still has its old list, which holds id
      const base = this.baseSources(n);
      for (let k = 0; k < base.length; k++) {
        const s = this.g.ids[base[k]!]!;
        if (!this.touched.has(s)) out.add(s);
      }
    }
    return [...out];
  }

  /** Removes every edge to `id`. */
  removeTarget(id: string): void {
    for (const s of this.sourcesOf(id))
      this.set(
        s,
        this.get(s).filter((t) => this.target(t) !== id),
      );
  }
}

const same = (id: string) => id;

/** Options of `applyChanges`. */
export interface ApplyOptions {
  /** Where the new typed arrays go (default: the heap; `sharedArrays` for a graph to be shared). */
  arrays?: ArrayAllocator;
}

/** Applies `changes` in order; returns `g` itself when there are none. */
export function applyChanges(
  g: CompactGraph,
  changes: readonly GraphChange[],
  options: ApplyOptions = {},
): CompactGraph {
  if (changes.length === 0) return g;
  const edit = new Edit(g);
  changes.forEach((c, i) => {
    edit.apply(c, i);
  });
  return edit.build(options.arrays ?? heapArrays);
}

class Edit {
  /** Upserted (record) and deleted (null) entities. */
  private readonly attrs = new Map<string, NodeRecord | null>();
  private readonly deps: Relation<Dep>;
  /** child → owner: service → supplier, workflow/asset → organization. */
  private readonly parents: Relation<string>;
  /** workflow → critical functions. */
  private readonly supports: Relation<string>;

  constructor(private readonly g: CompactGraph) {
    this.deps = new Relation<Dep>(
      g,
      (n) => {
        const out: Dep[] = [];
        for (let gr = g.groupOffsets[n]!; gr < g.groupOffsets[n + 1]!; gr++) {
          for (let k = g.memberOffsets[gr]!; k < g.memberOffsets[gr + 1]!; k++) {
            out.push({ to: g.ids[g.members[k]!]!, group: g.labelOf(gr), strength: g.memberStrength[k]! });
          }
        }
        return out;
      },
      (n) => Array.from(g.dependentGroupsOf(n), (gr) => g.groupOwner[gr]!),
      (d) => d.to,
    );
    const ids = (xs: Int32Array) => Array.from(xs, (x) => g.ids[x]!);
    this.parents = new Relation<string>(
      g,
      (n) => ids(g.parentsOf(n)),
      (n) => g.childrenOf(n),
      same,
    );
    this.supports = new Relation<string>(
      g,
      (n) => ids(g.functionsOf(n)),
      (n) => g.workflowsSupporting(n),
      same,
    );
  }

  private kindOf(id: string): EntityKind | null {
    const rec = this.attrs.get(id);
    if (rec !== undefined) return rec?.kind ?? null;
    const n = this.g.indexOf(id);
    return n < 0 ? null : this.g.kindOf(n);
  }

  private existing(i: number, id: unknown, role: string): EntityKind {
    const kind = typeof id === 'string' ? this.kindOf(id) : null;
    if (!kind) throw new InvalidChangeError(i, `${role}: unknown entity id "${String(id)}"`);
    return kind;
  }

  apply(c: GraphChange, i: number): void {
    switch (c?.op) {
      case 'UPSERT_ENTITY':
        this.upsert(c.entity, i);
        return;
      case 'DELETE_ENTITY': {
        const kind = this.existing(i, c.id, 'DELETE_ENTITY');
        const doomed = [c.id];
        // as entities/delete.cypher: a supplier's services, an organization's workflows and assets
        if (c.cascade !== false && (kind === 'SUPPLIER' || kind === 'ORGANIZATION')) {
          doomed.push(...this.parents.sourcesOf(c.id));
        }
        for (const id of doomed) {
          for (const rel of [this.deps, this.parents, this.supports] as Relation<unknown>[]) {
            rel.set(id, []);
            rel.removeTarget(id);
          }
          this.attrs.set(id, null);
        }
        return;
      }
      case 'ADD_DEPENDENCY': {
        const where = `DEPENDS_ON "${c.from}" -> "${c.to}"`;
        const from = this.existing(i, c.from, where);
        const to = this.existing(i, c.to, where);
        if (!DEPENDENT_KINDS.includes(Kind[from])) {
          throw new InvalidChangeError(i, `${where}: ${article(from)} cannot have dependencies`);
        }
        if (!DEPENDENCY_KINDS.includes(Kind[to])) {
          throw new InvalidChangeError(i, `${where}: ${article(to)} cannot be a dependency`);
        }
        const strength = c.strength ?? 1;
        if (typeof strength !== 'number' || !(strength >= 0 && strength <= 1)) {
          throw new InvalidChangeError(i, `${where}: strength must be in [0, 1], got ${String(strength)}`);
        }
        // an empty label is what a blank template cell becomes: no group
        const group = c.group === undefined || c.group === null || c.group === '' ? null : c.group;
        // one edge per (from, to), as the store MERGEs it
        this.deps.set(c.from, [
          ...this.deps.get(c.from).filter((d) => d.to !== c.to),
          { to: c.to, group, strength },
        ]);
        return;
      }
      case 'REMOVE_DEPENDENCY': {
        const list = this.deps.get(c.from);
        if (this.kindOf(c.from) && list.some((d) => d.to === c.to)) {
          this.deps.set(
            c.from,
            list.filter((d) => d.to !== c.to),
          );
        }
        return;
      }
      case 'ADD_SUPPORT': {
        const where = `SUPPORTS "${c.workflowId}" -> "${c.functionId}"`;
        const w = this.existing(i, c.workflowId, where);
        const f = this.existing(i, c.functionId, where);
        if (w !== 'WORKFLOW' || f !== 'CRITICAL_FUNCTION') {
          throw new InvalidChangeError(
            i,
            `${where}: expected WORKFLOW -> CRITICAL_FUNCTION, got ${w} -> ${f}`,
          );
        }
        const list = this.supports.get(c.workflowId);
        if (!list.includes(c.functionId)) this.supports.set(c.workflowId, [...list, c.functionId]);
        return;
      }
      case 'REMOVE_SUPPORT': {
        const list = this.supports.get(c.workflowId);
        if (this.kindOf(c.workflowId) && list.includes(c.functionId)) {
          this.supports.set(
            c.workflowId,
            list.filter((f) => f !== c.functionId),
          );
        }
        return;
      }
      default:
        throw new InvalidChangeError(
          i,
          `unknown op ${JSON.stringify((c as { op?: unknown })?.op)}: expected UPSERT_ENTITY, DELETE_ENTITY, ADD_DEPENDENCY, REMOVE_DEPENDENCY, ADD_SUPPORT or REMOVE_SUPPORT`,
        );
    }
  }

  private upsert(e: ChangedEntity, i: number): void {
    let rec: NodeRecord;
    try {
      rec = nodeRecord(e);
    } catch (err) {
      throw new InvalidChangeError(i, `UPSERT_ENTITY: ${(err as Error).message}`);
    }
    const { id, kind } = rec;
    const where = `UPSERT_ENTITY "${id}"`;
    const before = this.kindOf(id);
    if (before && before !== kind) {
      throw new InvalidChangeError(
        i,
        `${where}: the entity is ${article(before)}, it cannot become ${article(kind)}`,
      );
    }
    const owner = e.owner;
    const functions = e.functions;
    if (owner !== undefined && owner !== null) {
      const want = OWNER_KIND[kind];
      if (!want) throw new InvalidChangeError(i, `${where}: ${article(kind)} has no owner`);
      const got = this.existing(i, owner, `${where} owner`);
      if (got !== want)
        throw new InvalidChangeError(
          i,
          `${where}: owner "${owner}" is ${article(got)}, not ${article(want)}`,
        );
    }
    if (functions !== undefined && functions !== null && functions.length > 0) {
      if (kind !== 'WORKFLOW')
        throw new InvalidChangeError(i, `${where}: only a WORKFLOW supports functions`);
      for (const f of functions) {
        const got = this.existing(i, f, `${where} function`);
        if (got !== 'CRITICAL_FUNCTION') {
          throw new InvalidChangeError(
            i,
            `${where}: function "${f}" is ${article(got)}, not a CRITICAL_FUNCTION`,
          );
        }
      }
    }
    if (!before) {
      // new, or deleted earlier in the batch: it starts with no links
      this.deps.set(id, []);
      this.parents.set(id, []);
      this.supports.set(id, []);
    }
    this.attrs.set(id, rec);
    if (owner !== undefined) this.parents.set(id, owner === null ? [] : [owner]);
    if (functions !== undefined) this.supports.set(id, [...new Set(functions ?? [])]);
  }

  build(arrays: ArrayAllocator): CompactGraph {
    const g = this.g;
    const V0 = g.nodeCount;

    // --- the node set: old nodes minus deleted ones, plus new ids, in id order ---------
    const deleted = new Uint8Array(V0);
    let deletedCount = 0;
    const added: string[] = [];
    for (const [id, rec] of this.attrs) {
      const n = g.indexOf(id);
      if (rec === null) {
        if (n >= 0) {
          deleted[n] = 1;
          deletedCount++;
        }
      } else if (n < 0) added.push(id);
    }
    const identity = deletedCount === 0 && added.length === 0;
    let ids: readonly string[] = g.ids;
    let oldToNew: Int32Array | null = null;
    let newToOld: Int32Array | null = null;
    const addedIndex = new Map<string, number>();
    if (!identity) {
      added.sort(compareIds);
      const V1 = V0 - deletedCount + added.length;
      oldToNew = new Int32Array(V0).fill(-1);
      newToOld = new Int32Array(V1).fill(-1);
      // Each new id goes before the first old id not below it: a binary search per new id,
      // and the old ids between copied as slices (a comparison and a push per row cost more at 1M).
      const at = added.map((id) => lowerBound(g.ids, id));
      const parts: string[][] = [];
      let o = 0;
      let n = 0;
      let a = 0;
      while (o < V0 || a < added.length) {
        if (a < added.length && at[a] === o) {
          parts.push([added[a]!]);
          addedIndex.set(added[a]!, n++);
          a++;
          continue;
        }
        if (deleted[o]) {
          o++;
          continue;
        }
        const stop = a < added.length ? at[a]! : V0;
        let o1 = o;
        for (; o1 < stop && !deleted[o1]; o1++, n++) {
          oldToNew[o1] = n;
          newToOld[n] = o1;
        }
        parts.push(g.ids.slice(o, o1));
        o = o1;
      }
      ids = joinParts(parts);
    }
    const V = ids.length;
    const newIndex = (id: string): number => {
      const n = g.indexOf(id);
      if (n >= 0 && (oldToNew === null || oldToNew[n]! >= 0)) return oldToNew === null ? n : oldToNew[n]!;
      const x = addedIndex.get(id);
      if (x === undefined) throw new Error(`internal: "${id}" is not in the patched graph`);
      return x;
    };
    /** New index of an untouched row's target: the overlay touched every row that pointed at a deleted node. */
    const remap = oldToNew === null ? null : oldToNew;

    // --- attributes ----------------------------------------------------------------------
    const records = [...this.attrs.values()].filter((r): r is NodeRecord => r !== null);
    let kinds = g.kinds;
    let tolerance = g.tolerance;
    let workaroundCapacity = g.workaroundCapacity;
    let volume = g.volume;
    let criticality = g.criticality;
    let names = g.names as string[];
    let categories = g.categories as (string | null)[];
    let subsectors = g.subsectors as (string | null)[];
    let regions = g.regions as (string | null)[];
    let volumeUnits = g.volumeUnits as (string | null)[];
    if (records.length > 0 || !identity) {
      if (newToOld === null) {
        kinds = copyOf(arrays, kinds);
        tolerance = copyOf(arrays, tolerance);
        workaroundCapacity = copyOf(arrays, workaroundCapacity);
        volume = copyOf(arrays, volume);
        criticality = copyOf(arrays, criticality);
        names = names.slice();
        categories = categories.slice();
        subsectors = subsectors.slice();
        regions = regions.slice();
        volumeUnits = volumeUnits.slice();
      } else {
        kinds = arrays.uint8(V);
        tolerance = arrays.float64(V);
        workaroundCapacity = arrays.float64(V);
        volume = arrays.float64(V);
        criticality = arrays.float64(V);
        // blocks of consecutive old nodes; a new node's values come from its record below
        const parts: [
          (string | null)[][],
          (string | null)[][],
          (string | null)[][],
          (string | null)[][],
          (string | null)[][],
        ] = [[], [], [], [], []];
        const noMark = new Uint8Array(V);
        for (let n = 0; n < V; ) {
          const o = newToOld[n]!;
          if (o < 0) {
            for (const p of parts) p.push([null]);
            n++;
            continue;
          }
          const n1 = runEnd(n, V, noMark, newToOld);
          const o1 = o + (n1 - n);
          kinds.set(g.kinds.subarray(o, o1), n);
          tolerance.set(g.tolerance.subarray(o, o1), n);
          workaroundCapacity.set(g.workaroundCapacity.subarray(o, o1), n);
          volume.set(g.volume.subarray(o, o1), n);
          criticality.set(g.criticality.subarray(o, o1), n);
          parts[0].push(g.names.slice(o, o1));
          parts[1].push(g.categories.slice(o, o1));
          parts[2].push(g.subsectors.slice(o, o1));
          parts[3].push(g.regions.slice(o, o1));
          parts[4].push(g.volumeUnits.slice(o, o1));
          n = n1;
        }
        names = joinParts(parts[0]) as string[];
        categories = joinParts(parts[1]);
        subsectors = joinParts(parts[2]);
        regions = joinParts(parts[3]);
        volumeUnits = joinParts(parts[4]);
      }
      for (const r of records) {
        const n = newIndex(r.id);
        kinds[n] = Kind[r.kind];
        tolerance[n] = r.toleranceHours;
        workaroundCapacity[n] = r.workaroundCapacity;
        volume[n] = r.volumePerDay;
        criticality[n] = r.criticality;
        names[n] = r.name;
        categories[n] = r.category;
        subsectors[n] = r.subsector;
        regions[n] = r.region;
        volumeUnits[n] = r.volumeUnit;
      }
    }

    /** The touched rows of a relation that are still in the graph, by new index. */
    const touchedRows = <T>(rel: Relation<T>): Map<number, T[]> => {
      const out = new Map<number, T[]>();
      for (const [id, list] of rel.touched) if (this.attrs.get(id) !== null) out.set(newIndex(id), list);
      return out;
    };

    // --- DEPENDS_ON -----------------------------------------------------------------------
    let dependsOn: Pick<
      CompactGraph,
      | 'groupOffsets'
      | 'groupOwner'
      | 'groupLabelCode'
      | 'labels'
      | 'groupStrength'
      | 'memberOffsets'
      | 'members'
      | 'memberStrength'
      | 'dependentOffsets'
      | 'dependentGroups'
    > = g;
    if (!identity || this.deps.touched.size > 0) {
      dependsOn = patchDependsOn(g, V, newToOld, remap, touchedRows(this.deps), newIndex, arrays);
    }

    // --- implicit links and SUPPORTS --------------------------------------------------------
    let parents = g.parents;
    let children = g.children;
    if (!identity || this.parents.touched.size > 0) {
      parents = patchCsr(g.parents, V, newToOld, remap, touchedRows(this.parents), newIndex, arrays);
      children = invert(V, parents, arrays);
    }
    let supports = g.supports;
    let supportedBy = g.supportedBy;
    if (!identity || this.supports.touched.size > 0) {
      supports = patchCsr(g.supports, V, newToOld, remap, touchedRows(this.supports), newIndex, arrays);
      supportedBy = invert(V, supports, arrays);
    }
    const { functionVolume, functionUnweighted } = functionVolumes(supportedBy, volume, arrays);
    const linkCounts = { providedBy: 0, performs: 0, owns: 0, supports: supports.targets.length };
    for (let n = 0; n < V; n++) {
      const links = parents.offsets[n + 1]! - parents.offsets[n]!;
      if (links === 0) continue;
      const k = kinds[n];
      if (k === Kind.SERVICE) linkCounts.providedBy += links;
      else if (k === Kind.WORKFLOW) linkCounts.performs += links;
      else if (k === Kind.ASSET) linkCounts.owns += links;
    }

    const patched = new CompactGraph({
      ids: ids as string[],
      kinds,
      names,
      categories,
      subsectors,
      regions,
      volumeUnits,
      tolerance,
      workaroundCapacity,
      volume,
      criticality,
      groupOffsets: dependsOn.groupOffsets,
      groupOwner: dependsOn.groupOwner,
      groupLabelCode: dependsOn.groupLabelCode,
      labels: dependsOn.labels as string[],
      groupStrength: dependsOn.groupStrength,
      memberOffsets: dependsOn.memberOffsets,
      members: dependsOn.members,
      memberStrength: dependsOn.memberStrength,
      dependentOffsets: dependsOn.dependentOffsets,
      dependentGroups: dependsOn.dependentGroups,
      parents,
      children,
      supports,
      supportedBy,
      functionVolume,
      functionUnweighted,
      linkCounts,
    });
    origins.set(patched, {
      // weakly: a strong reference would keep every version before alive, one through the other
      base: new WeakRef(g),
      newToOld,
      rows: Int32Array.from(records, (r) => newIndex(r.id)),
    });
    return patched;
  }
}

/**
 * How a patched graph's node rows follow from the graph it was patched from: what
 * `shareGraph` would otherwise find by comparing every row of every string column
 * (a million rows each at L, the largest cost of catching up after a write).
 */
export interface PatchOrigin {
  /** The graph `applyChanges` was given (while anything else holds it). */
  base: WeakRef<CompactGraph>;
  /** New node row → the base's row of the same id (−1 for a new id); null when the ids are the same. */
  newToOld: Int32Array | null;
  /** The rows an upsert wrote (new index): only these may hold values other than their base row's. */
  rows: Int32Array;
}

const origins = new WeakMap<CompactGraph, PatchOrigin>();

/** Where `g` came from, when `applyChanges` made it. */
export function patchOrigin(g: CompactGraph): PatchOrigin | undefined {
  return origins.get(g);
}

/** The first index of sorted `ids` whose id is not below `id` (ids.length when none). */
function lowerBound(ids: readonly string[], id: string): number {
  let lo = 0;
  let hi = ids.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ids[mid]! < id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Label order of the builder: labelled groups by label, ungrouped edges last. */
function compareLabels(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return compareIds(a, b);
}

/**
 * The next run of untouched nodes from new node n whose old indices are consecutive
 * too: their rows are one block of the old arrays, copied with a few bulk copies
 * (a copy per row would allocate a view per row, and the collector would dominate).
 */
function runEnd(n: number, V: number, mark: Uint8Array, newToOld: Int32Array | null): number {
  if (newToOld === null) {
    let n1 = n + 1;
    while (n1 < V && !mark[n1]) n1++;
    return n1;
  }
  const o = newToOld[n]! - n;
  let n1 = n + 1;
  while (n1 < V && !mark[n1] && newToOld[n1] === o + n1) n1++;
  return n1;
}

function patchDependsOn(
  g: CompactGraph,
  V: number,
  newToOld: Int32Array | null,
  remap: Int32Array | null,
  touched: Map<number, Dep[]>,
  newIndex: (id: string) => number,
  arrays: ArrayAllocator,
) {
  // touched rows in the builder's layout: by label (ungrouped last), then target index
  const rows = new Map<number, { label: string | null; to: number; strength: number }[]>();
  for (const [n, list] of touched) {
    const row = list
      .map((d) => ({ label: d.group, to: newIndex(d.to), strength: d.strength }))
      .sort((a, b) => compareLabels(a.label, b.label) || a.to - b.to);
    rows.set(n, row);
  }
  const mark = new Uint8Array(V);
  // exact sizes first (the old rows kept, plus the touched ones), so nothing is allocated twice
  let groupCount = 0;
  let memberCount = 0;
  for (const [n, row] of rows) {
    memberCount += row.length;
    let prev: string | null = null;
    row.forEach((d, i) => {
      if (i === 0 || d.label === null || d.label !== prev) groupCount++;
      prev = d.label;
    });
    mark[n] = 1;
  }
  for (let n = 0; n < V; ) {
    if (mark[n]) {
      n++;
      continue;
    }
    const n1 = runEnd(n, V, mark, newToOld);
    const o0 = newToOld === null ? n : newToOld[n]!;
    const g0 = g.groupOffsets[o0]!;
    const g1 = g.groupOffsets[o0 + (n1 - n)]!;
    groupCount += g1 - g0;
    memberCount += g.memberOffsets[g1]! - g.memberOffsets[g0]!;
    n = n1;
  }
  const groupOffsets = arrays.int32(V + 1);
  const groupOwner = arrays.int32(groupCount);
  // Labels as codes into the old table, new labels after it; made canonical at the end.
  const groupLabelCode = arrays.int32(groupCount);
  const labels = g.labels.slice();
  const codeOf = new Map(labels.map((l, i) => [l, i]));
  const code = (label: string | null): number => {
    if (label === null) return -1;
    let c = codeOf.get(label);
    if (c === undefined) {
      c = labels.push(label) - 1;
      codeOf.set(label, c);
    }
    return c;
  };
  const groupStrength = arrays.float64(groupCount);
  const memberOffsets = arrays.int32(groupCount + 1);
  const members = arrays.int32(memberCount);
  const memberStrength = arrays.float64(memberCount);
  let G = 0;
  let M = 0;
  let n = 0;
  while (n < V) {
    if (mark[n]) {
      groupOffsets[n] = G;
      let prev: string | null = null;
      for (const d of rows.get(n)!) {
        if (G === groupOffsets[n] || d.label === null || d.label !== prev) {
          groupOwner[G] = n;
          groupLabelCode[G] = code(d.label);
          memberOffsets[G] = M;
          G++;
        }
        members[M] = d.to;
        memberStrength[M] = d.strength;
        groupStrength[G - 1] = Math.max(groupStrength[G - 1]!, d.strength);
        M++;
        prev = d.label;
      }
      n++;
      continue;
    }
    // every new node is touched (it starts with an empty row), so this one is old
    const n1 = runEnd(n, V, mark, newToOld);
    const o0 = newToOld === null ? n : newToOld[n]!;
    const o1 = o0 + (n1 - n);
    const g0 = g.groupOffsets[o0]!;
    const g1 = g.groupOffsets[o1]!;
    const m0 = g.memberOffsets[g0]!;
    const m1 = g.memberOffsets[g1]!;
    const dN = n - o0;
    const dG = G - g0;
    const dM = M - m0;
    // bulk copies where nothing shifts (the usual case before the first touched row)
    copyShifted(groupOffsets, n, g.groupOffsets, o0, o1, dG);
    copyShifted(groupOwner, G, g.groupOwner, g0, g1, dN);
    copyShifted(memberOffsets, G, g.memberOffsets, g0, g1, dM);
    groupLabelCode.set(g.groupLabelCode.subarray(g0, g1), G);
    groupStrength.set(g.groupStrength.subarray(g0, g1), G);
    if (remap === null) members.set(g.members.subarray(m0, m1), M);
    else for (let k = m0; k < m1; k++) members[k + dM] = remap[g.members[k]!]!;
    memberStrength.set(g.memberStrength.subarray(m0, m1), M);
    G += g1 - g0;
    M += m1 - m0;
    n = n1;
  }
  groupOffsets[V] = G;
  memberOffsets[G] = M;
  const table = canonicalLabels(groupLabelCode, labels, g.labels);
  // reverse: for each node, the groups it belongs to, in group order (as the builder)
  const dependentOffsets = arrays.int32(V + 1);
  for (let k = 0; k < M; k++) dependentOffsets[members[k]! + 1]!++;
  for (let v = 0; v < V; v++) dependentOffsets[v + 1]! += dependentOffsets[v]!;
  const next = dependentOffsets.slice(0, V);
  const dependentGroups = arrays.int32(M);
  for (let gr = 0; gr < G; gr++) {
    for (let k = memberOffsets[gr]!; k < memberOffsets[gr + 1]!; k++)
      dependentGroups[next[members[k]!]!++] = gr;
  }
  return {
    groupOffsets,
    groupOwner,
    groupLabelCode,
    labels: table,
    groupStrength,
    memberOffsets,
    members,
    memberStrength,
    dependentOffsets,
    dependentGroups,
  };
}

/**
 * The label table as `GraphBuilder` makes it (the labels in use, sorted), recoding
 * `codes` in place when it differs from `labels`: only when a write brought a new
 * label or removed a label's last group. Otherwise the old table itself.
 */
function canonicalLabels(codes: Int32Array, labels: string[], old: readonly string[]): readonly string[] {
  const used = new Uint8Array(labels.length);
  for (let k = 0; k < codes.length; k++) if (codes[k]! >= 0) used[codes[k]!] = 1;
  if (labels.length === old.length && used.every((u) => u === 1)) return old;
  const table = labels.filter((_, c) => used[c] === 1).sort(compareIds);
  const index = new Map(table.map((l, i) => [l, i]));
  const recode = Int32Array.from(labels, (l, c) => (used[c] ? index.get(l)! : -1));
  for (let k = 0; k < codes.length; k++) if (codes[k]! >= 0) codes[k] = recode[codes[k]!]!;
  return table;
}

/** out[at..] = from[lo..hi) + shift. */
function copyShifted(
  out: Int32Array,
  at: number,
  from: Int32Array,
  lo: number,
  hi: number,
  shift: number,
): void {
  if (shift === 0) out.set(from.subarray(lo, hi), at);
  else for (let k = lo; k < hi; k++) out[at + k - lo] = from[k]! + shift;
}

/** A forward CSR with the touched rows replaced and the others copied (renumbered). */
function patchCsr(
  base: Csr,
  V: number,
  newToOld: Int32Array | null,
  remap: Int32Array | null,
  touched: Map<number, string[]>,
  newIndex: (id: string) => number,
  arrays: ArrayAllocator,
): Csr {
  const rows = new Map<number, Int32Array>();
  const mark = new Uint8Array(V);
  let size = base.targets.length;
  for (const [n, list] of touched) {
    const row = Int32Array.from(new Set(list.map(newIndex))).sort();
    rows.set(n, row);
    mark[n] = 1;
    size += row.length;
  }
  const offsets = arrays.int32(V + 1);
  const targets = arrays.int32(size);
  let T = 0;
  let n = 0;
  while (n < V) {
    offsets[n] = T;
    if (mark[n]) {
      const row = rows.get(n)!;
      targets.set(row, T);
      T += row.length;
      n++;
      continue;
    }
    const n1 = runEnd(n, V, mark, newToOld);
    const o0 = newToOld === null ? n : newToOld[n]!;
    const o1 = o0 + (n1 - n);
    const t0 = base.offsets[o0]!;
    const t1 = base.offsets[o1]!;
    const dT = T - t0;
    copyShifted(offsets, n, base.offsets, o0, o1, dT);
    if (remap === null) targets.set(base.targets.subarray(t0, t1), T);
    else for (let k = t0; k < t1; k++) targets[k + dT] = remap[base.targets[k]!]!;
    T += t1 - t0;
    n = n1;
  }
  offsets[V] = T;
  return { offsets, targets: T === size ? targets : copyOf(arrays, targets.subarray(0, T)) };
}

/** The reverse of a CSR; each row comes out sorted because sources are visited in order. */
function invert(V: number, csr: Csr, arrays: ArrayAllocator): Csr {
  const t = csr.targets;
  const offsets = arrays.int32(V + 1);
  for (let k = 0; k < t.length; k++) offsets[t[k]! + 1]!++;
  for (let n = 0; n < V; n++) offsets[n + 1]! += offsets[n]!;
  const next = offsets.slice(0, V);
  const targets = arrays.int32(t.length);
  for (let n = 0; n < V; n++) {
    for (let k = csr.offsets[n]!; k < csr.offsets[n + 1]!; k++) targets[next[t[k]!]!++] = n;
  }
  return { offsets, targets };
}
