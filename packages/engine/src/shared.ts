/**
 * A CompactGraph as plain data that other threads can use without copying it:
 * every typed array lives on a SharedArrayBuffer (structured clone passes the
 * buffer, not its bytes), and the string columns (ids, names, categories,
 * subsectors, group labels) are packed into one UTF-16 table each, also shared.
 *
 * `shareGraph` copies each array once (skipping those already shared, e.g. the
 * ones a replayed graph keeps from its predecessor); `graphFromShared` gives a
 * CompactGraph whose typed arrays are views on the same memory, decoding only the
 * strings. Where SharedArrayBuffer is missing (a browser without cross-origin
 * isolation) plain ArrayBuffers are used: the data is then copied when posted.
 */
import { CompactGraph, type Csr } from './graph';
import { joinParts } from './arrays';
import { patchOrigin } from './patch';

type Numeric = Int32Array | Float64Array | Uint8Array;

/** A column of strings (or nulls) packed into shared memory. */
export interface SharedStrings {
  /** Every string's UTF-16 code units, one after the other. */
  chars: Uint16Array;
  /** String i is chars[offsets[i] .. offsets[i + 1]). */
  offsets: Int32Array;
  /** 0 where the entry is null; absent when no entry is. */
  present: Uint8Array | null;
}

const NUMERIC_FIELDS = [
  'kinds',
  'tolerance',
  'workaroundCapacity',
  'volume',
  'criticality',
  'groupOffsets',
  'groupOwner',
  'groupLabelCode',
  'groupStrength',
  'memberOffsets',
  'members',
  'memberStrength',
  'dependentOffsets',
  'dependentGroups',
  'functionVolume',
  'functionUnweighted',
] as const;
const CSR_FIELDS = ['parents', 'children', 'supports', 'supportedBy'] as const;
const STRING_FIELDS = ['ids', 'names', 'categories', 'subsectors', 'regions', 'volumeUnits'] as const;

type NumericField = (typeof NUMERIC_FIELDS)[number];
type CsrField = (typeof CSR_FIELDS)[number];
type StringField = (typeof STRING_FIELDS)[number];
/** Columns of few distinct values, decoded to one string object per value (see `unpackStrings`). */
const INTERNED: ReadonlySet<StringField> = new Set(['categories', 'subsectors', 'regions', 'volumeUnits']);

/** Everything a CompactGraph holds, as structured-clone-friendly shared data. */
export interface SharedGraph {
  numeric: Record<NumericField, Numeric>;
  csr: Record<CsrField, Csr>;
  strings: Record<StringField, SharedStrings>;
  /** The group label table (a few dozen strings: copied when posted, not shared). */
  labels: readonly string[];
  linkCounts: CompactGraph['linkCounts'];
  /** Names this shared graph, so a later one can say it follows from it. */
  key?: string;
  /** How its strings follow from an earlier shared graph's (see `StringsDelta`). */
  delta?: StringsDelta;
  /**
   * The same from the graphs shared before the base (most recent first, at most
   * `OLDER_DELTAS`): a thread that skipped a few versions (a busy pool spreads tasks
   * over its threads) still decodes only the changed rows, not a million of each column.
   */
  older?: StringsDelta[];
}

/** How many versions back a shared graph can be decoded from (besides its base). */
export const OLDER_DELTAS = 4;

/**
 * How a shared graph's string columns follow from those of the shared graph `base`.
 * A write changes a handful of rows, but a new id shifts every row after it, so the
 * columns are aligned by id: a thread that decoded `base` then copies its strings
 * row by row and decodes only the rows listed (the write's), instead of all of them
 * (about 60–90 ms at 100k entities per thread and version; DESIGN §8 "Live analysis").
 */
export interface StringsDelta {
  /** The `key` of the shared graph this one follows. */
  base: string;
  /** New node row → the base's row of the same id (−1 for a new id); null when the rows are the same ids. */
  newToOld: Int32Array | null;
  /** Per node column: the rows whose value is not the base's row's; the other rows are the base's. */
  changed: Partial<Record<StringField, Int32Array>>;
  /** Columns whose table is the base's own. */
  same: StringField[];
}

let keys = 0;
const keyPrefix = Math.random().toString(36).slice(2, 10);

/** True where typed arrays can be allocated on shared memory (Node, isolated pages). */
export function sharedMemoryAvailable(): boolean {
  return typeof globalThis.SharedArrayBuffer === 'function';
}

function allocate(bytes: number): ArrayBufferLike {
  return sharedMemoryAvailable() ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes);
}

function isShared(a: Numeric | Uint16Array): boolean {
  return sharedMemoryAvailable() && a.buffer instanceof SharedArrayBuffer;
}

/** `a` itself when it already lives on shared memory, else a shared copy. */
function share<T extends Numeric>(a: T): T {
  if (isShared(a)) return a;
  const Ctor = a.constructor as new (buffer: ArrayBufferLike) => T;
  const out = new Ctor(allocate(a.byteLength));
  out.set(a as never);
  return out;
}

export function packStrings(list: readonly (string | null)[]): SharedStrings {
  const n = list.length;
  let total = 0;
  let nulls = false;
  for (const s of list) {
    if (s === null) nulls = true;
    else total += s.length;
  }
  const chars = new Uint16Array(allocate(2 * total));
  const offsets = new Int32Array(allocate(4 * (n + 1)));
  const present = nulls ? new Uint8Array(allocate(n)) : null;
  let w = 0;
  for (let i = 0; i < n; i++) {
    offsets[i] = w;
    const s = list[i]!;
    if (s === null) continue;
    if (present) present[i] = 1;
    for (let k = 0; k < s.length; k++) chars[w++] = s.charCodeAt(k);
  }
  offsets[n] = w;
  return { chars, offsets, present };
}

/** Entry `i` of a packed column, decoded alone. */
function unpackOne(p: SharedStrings, i: number): string | null {
  if (p.present && p.present[i] === 0) return null;
  const CHUNK = 8192;
  const a = p.offsets[i]!;
  const b = p.offsets[i + 1]!;
  let out = '';
  for (let k = a; k < b; k += CHUNK) {
    out += String.fromCharCode.apply(
      null,
      p.chars.subarray(k, Math.min(b, k + CHUNK)) as unknown as number[],
    );
  }
  return out;
}

/**
 * New row → old row for two id lists in id order (both sorted by `compareIds`, as
 * every CompactGraph's are); null when they are the same ids.
 */
function alignIds(ids: readonly string[], old: readonly string[]): Int32Array | null {
  if (ids === old) return null;
  const out = new Int32Array(allocate(4 * ids.length));
  let same = ids.length === old.length;
  let o = 0;
  for (let n = 0; n < ids.length; n++) {
    const id = ids[n]!;
    // the same string object in the common case: a pointer comparison, no character read
    if (old[o] !== id) while (o < old.length && old[o]! < id) o++;
    if (o < old.length && old[o] === id) out[n] = o++;
    else out[n] = -1;
    if (out[n] !== n) same = false;
  }
  return same ? null : out;
}

/**
 * `list` packed by copying the code units of every row whose value equals its old
 * row's (`newToOld`) from the old table, in runs, and writing only the others;
 * the old table itself when nothing differs. Also lists the rows that differ.
 */
function packFollowing(
  list: readonly (string | null)[],
  oldList: readonly (string | null)[],
  old: SharedStrings,
  newToOld: Int32Array | null,
  candidates?: Int32Array,
): { table: SharedStrings; changed: Int32Array } {
  const n = list.length;
  const oldRow = (i: number) => (newToOld ? newToOld[i]! : i);
  const changedRows: number[] = [];
  let total = 0;
  let nulls = false;
  const differs = (i: number): boolean => {
    const o = oldRow(i);
    return o < 0 || oldList[o] !== list[i];
  };
  if (candidates) {
    // A patch said which rows it wrote: only those are compared, and the length of the
    // others is read from the old table run by run (no per-row string read at all).
    for (const i of Int32Array.from(candidates).sort()) if (differs(i)) changedRows.push(i);
    let c = 0;
    for (let i = 0; i < n; ) {
      if (c < changedRows.length && changedRows[c] === i) {
        const s = list[i]!;
        if (s === null) nulls = true;
        else total += s.length;
        c++;
        i++;
        continue;
      }
      const o = oldRow(i);
      const stop = c < changedRows.length ? changedRows[c]! : n;
      let j = i + 1;
      while (j < stop && oldRow(j) === o + (j - i)) j++;
      total += old.offsets[o + (j - i)]! - old.offsets[o]!;
      if (old.present && !nulls) for (let k = o; k < o + (j - i) && !nulls; k++) nulls = old.present[k] === 0;
      i = j;
    }
  } else {
    // Only the changed rows' strings are read: an unchanged row's length and null-ness are
    // in the old table (reading 100k string objects scattered over the heap is most of the cost).
    for (let i = 0; i < n; i++) {
      const s = list[i]!;
      const o = oldRow(i);
      if (differs(i)) {
        changedRows.push(i);
        if (s === null) nulls = true;
        else total += s.length;
      } else {
        total += old.offsets[o + 1]! - old.offsets[o]!;
        if (old.present && old.present[o] === 0) nulls = true;
      }
    }
  }
  if (changedRows.length === 0 && newToOld === null && n === oldList.length)
    return { table: old, changed: new Int32Array(0) };
  const chars = new Uint16Array(allocate(2 * total));
  const offsets = new Int32Array(allocate(4 * (n + 1)));
  const present = nulls ? new Uint8Array(allocate(n)) : null;
  let w = 0;
  let c = 0;
  for (let i = 0; i < n; ) {
    if (c < changedRows.length && changedRows[c] === i) {
      offsets[i] = w;
      const s = list[i]!;
      if (s !== null) {
        if (present) present[i] = 1;
        for (let k = 0; k < s.length; k++) chars[w++] = s.charCodeAt(k);
      }
      c++;
      i++;
      continue;
    }
    // a run of unchanged rows over consecutive old rows: one block copy
    const o = oldRow(i);
    let j = i + 1;
    // (an index past the end of changedRows would be a slow read: a sentinel instead)
    const stop = c < changedRows.length ? changedRows[c]! : n;
    while (j < stop && oldRow(j) === o + (j - i)) j++;
    const from = old.offsets[o]!;
    for (let k = i; k < j; k++) {
      offsets[k] = w + (old.offsets[o + (k - i)]! - from);
      if (present) present[k] = old.present ? old.present[o + (k - i)]! : 1;
    }
    const to = old.offsets[o + (j - i)]!;
    chars.set(old.chars.subarray(from, to), w);
    w += to - from;
    i = j;
  }
  offsets[n] = w;
  return { table: { chars, offsets, present }, changed: Int32Array.from(changedRows) };
}

/** A packed column decoded by taking the unchanged rows from `old`, the decoded column of the base. */
function unpackFollowing(
  p: SharedStrings,
  old: readonly (string | null)[],
  newToOld: Int32Array | null,
  changed: Int32Array,
): (string | null)[] {
  const n = p.offsets.length - 1;
  let out: (string | null)[];
  if (newToOld === null) out = old.slice();
  else {
    // runs of consecutive old rows, copied as slices (an element at a time costs more at 1M)
    const parts: (string | null)[][] = [];
    for (let i = 0; i < n; ) {
      const o = newToOld[i]!;
      let j = i + 1;
      if (o < 0) parts.push([null]);
      else {
        while (j < n && newToOld[j] === o + (j - i)) j++;
        parts.push(old.slice(o, o + (j - i)));
      }
      i = j;
    }
    out = joinParts(parts);
  }
  for (let k = 0; k < changed.length; k++) out[changed[k]!] = unpackOne(p, changed[k]!);
  return out;
}

/**
 * Decodes a packed column. The code units are turned into one string in chunks
 * (exact for any code units, lone surrogates included) and each entry is a slice
 * of it, which V8 keeps cheap. With `intern`, equal entries come out as one string
 * object: for the columns of few distinct values (categories, regions…), whose
 * strings analyses group by (a Map hashes and compares a string object once, then
 * matches it by pointer; 64k distinct objects of the same few values cost ~150 ms
 * per hub report at L).
 */
export function unpackStrings(p: SharedStrings, intern = false): (string | null)[] {
  const CHUNK = 8192;
  const parts: string[] = [];
  for (let i = 0; i < p.chars.length; i += CHUNK) {
    parts.push(String.fromCharCode.apply(null, p.chars.subarray(i, i + CHUNK) as unknown as number[]));
  }
  const all = parts.join('');
  const n = p.offsets.length - 1;
  const out = new Array<string | null>(n);
  const seen = intern ? new Map<string, string>() : null;
  for (let i = 0; i < n; i++) {
    if (p.present && p.present[i] === 0) {
      out[i] = null;
      continue;
    }
    let s = all.slice(p.offsets[i]!, p.offsets[i + 1]!);
    if (seen) {
      const same = seen.get(s);
      if (same === undefined) seen.set(s, s);
      else s = same;
    }
    out[i] = s;
  }
  return out;
}

/** A graph shared earlier, and the graph it was shared from (or decoded into). */
export interface SharedBase {
  graph: CompactGraph;
  shared: SharedGraph;
}

/**
 * The graph as shared data (typed arrays already shared are not copied). With
 * `base`, the graph shared for the version before, the string columns are packed
 * from the base's tables where rows did not change, and the result carries a
 * `delta` that lets a thread holding the base decode only the changed rows.
 */
export function shareGraph(g: CompactGraph, base?: SharedBase): SharedGraph {
  const numeric = {} as Record<NumericField, Numeric>;
  for (const f of NUMERIC_FIELDS) numeric[f] = share(g[f]);
  const csr = {} as Record<CsrField, Csr>;
  for (const f of CSR_FIELDS) csr[f] = { offsets: share(g[f].offsets), targets: share(g[f].targets) };
  const strings = {} as Record<StringField, SharedStrings>;
  const key = `${keyPrefix}-${++keys}`;
  if (!base?.shared.key) {
    for (const f of STRING_FIELDS) strings[f] = packStrings(g[f]);
    return { numeric, csr, strings, labels: g.labels, linkCounts: { ...g.linkCounts }, key };
  }
  // A graph patched from the base says how its rows follow; any other is aligned by id.
  const origin = patchOrigin(g);
  const known = origin?.base.deref() === base.graph ? origin : undefined;
  const newToOld = known ? known.newToOld && share(known.newToOld) : alignIds(g.ids, base.graph.ids);
  const delta: StringsDelta = { base: base.shared.key, newToOld, changed: {}, same: [] };
  for (const f of STRING_FIELDS) {
    const { table, changed } = packFollowing(
      g[f],
      base.graph[f],
      base.shared.strings[f],
      newToOld,
      known?.rows,
    );
    strings[f] = table;
    if (table === base.shared.strings[f]) delta.same.push(f);
    else delta.changed[f] = changed;
  }
  const older = [base.shared.delta, ...(base.shared.older ?? [])]
    .filter((d): d is StringsDelta => d !== undefined)
    .slice(0, OLDER_DELTAS)
    .map((d) => composeDeltas(d, delta));
  return { numeric, csr, strings, labels: g.labels, linkCounts: { ...g.linkCounts }, key, delta, older };
}

/**
 * X → Z from X → Y (`first`) and Y → Z (`second`): a Z row's X row through its Y row;
 * the rows that differ are those `second` lists and those `first` lists, carried to
 * their Z rows (a row new in Y or Z is listed by the step that made it); a column is
 * the same table only when it was in both steps.
 */
export function composeDeltas(first: StringsDelta, second: StringsDelta): StringsDelta {
  const a = first.newToOld;
  const b = second.newToOld;
  let newToOld: Int32Array | null = null;
  if (a && b) {
    newToOld = new Int32Array(allocate(4 * b.length));
    for (let i = 0; i < b.length; i++) newToOld[i] = b[i]! < 0 ? -1 : a[b[i]!]!;
  } else newToOld = b ?? a;
  // Y row → Z row, for the Y rows `first` lists only
  const needed = new Set<number>();
  for (const rows of Object.values(first.changed)) for (const y of rows) needed.add(y);
  const yToZ = new Map<number, number>();
  if (b) {
    for (let i = 0; i < b.length; i++) if (needed.has(b[i]!)) yToZ.set(b[i]!, i);
  } else for (const y of needed) yToZ.set(y, y);
  const changed: StringsDelta['changed'] = {};
  const same: StringField[] = [];
  for (const f of STRING_FIELDS) {
    if (first.same.includes(f) && second.same.includes(f)) {
      same.push(f);
      continue;
    }
    const rows = new Set(second.changed[f] ?? []);
    for (const y of first.changed[f] ?? []) {
      const z = yToZ.get(y);
      if (z !== undefined) rows.add(z);
    }
    changed[f] = Int32Array.from(rows).sort();
  }
  return { base: first.base, newToOld, changed, same };
}

/**
 * A CompactGraph over shared data: typed arrays are views on the same memory. With
 * `from` (the graph `s` was shared from), its string columns are reused instead of
 * decoded: the thread that shared a graph keeps working on the shared copy for free.
 * With `base` (a shared graph this thread decoded before, and its decoding), a `s`
 * that follows from it (`s.delta`, or one of `s.older`) is decoded from it: only the
 * changed rows.
 */
export function graphFromShared(s: SharedGraph, from?: CompactGraph, base?: SharedBase): CompactGraph {
  const n = s.numeric;
  const d = (base && [s.delta, ...(s.older ?? [])].find((x) => x?.base === base.shared.key)) || null;
  const str = (f: StringField): (string | null)[] => {
    if (from) return from[f] as (string | null)[];
    if (d && base) {
      if (d.same.includes(f)) return base.graph[f] as (string | null)[];
      const changed = d.changed[f];
      if (changed) return unpackFollowing(s.strings[f], base.graph[f], d.newToOld, changed);
    }
    return unpackStrings(s.strings[f], INTERNED.has(f));
  };
  return new CompactGraph({
    ids: str('ids') as string[],
    names: str('names') as string[],
    categories: str('categories'),
    subsectors: str('subsectors'),
    regions: str('regions'),
    volumeUnits: str('volumeUnits'),
    labels: [...s.labels],
    kinds: n.kinds as Uint8Array,
    tolerance: n.tolerance as Float64Array,
    workaroundCapacity: n.workaroundCapacity as Float64Array,
    volume: n.volume as Float64Array,
    criticality: n.criticality as Float64Array,
    groupOffsets: n.groupOffsets as Int32Array,
    groupOwner: n.groupOwner as Int32Array,
    groupLabelCode: n.groupLabelCode as Int32Array,
    groupStrength: n.groupStrength as Float64Array,
    memberOffsets: n.memberOffsets as Int32Array,
    members: n.members as Int32Array,
    memberStrength: n.memberStrength as Float64Array,
    dependentOffsets: n.dependentOffsets as Int32Array,
    dependentGroups: n.dependentGroups as Int32Array,
    functionVolume: n.functionVolume as Float64Array,
    functionUnweighted: n.functionUnweighted as Uint8Array,
    parents: s.csr.parents,
    children: s.csr.children,
    supports: s.csr.supports,
    supportedBy: s.csr.supportedBy,
    linkCounts: { ...s.linkCounts },
  });
}

/** Bytes of shared memory a packed graph holds (typed arrays and string tables). */
export function sharedBytes(s: SharedGraph): number {
  let bytes = 0;
  for (const a of Object.values(s.numeric)) bytes += a.byteLength;
  for (const c of Object.values(s.csr)) bytes += c.offsets.byteLength + c.targets.byteLength;
  for (const t of Object.values(s.strings))
    bytes += t.chars.byteLength + t.offsets.byteLength + (t.present?.byteLength ?? 0);
  return bytes;
}
