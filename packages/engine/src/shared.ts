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
const STRING_FIELDS = [
  'ids',
  'names',
  'categories',
  'subsectors',
  'regions',
  'volumeUnits',
  'groupLabel',
] as const;

type NumericField = (typeof NUMERIC_FIELDS)[number];
type CsrField = (typeof CSR_FIELDS)[number];
type StringField = (typeof STRING_FIELDS)[number];

/** Everything a CompactGraph holds, as structured-clone-friendly shared data. */
export interface SharedGraph {
  numeric: Record<NumericField, Numeric>;
  csr: Record<CsrField, Csr>;
  strings: Record<StringField, SharedStrings>;
  linkCounts: CompactGraph['linkCounts'];
}

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

/**
 * Decodes a packed column. The code units are turned into one string in chunks
 * (exact for any code units, lone surrogates included) and each entry is a slice
 * of it, which V8 keeps cheap.
 */
export function unpackStrings(p: SharedStrings): (string | null)[] {
  const CHUNK = 8192;
  const parts: string[] = [];
  for (let i = 0; i < p.chars.length; i += CHUNK) {
    parts.push(String.fromCharCode.apply(null, p.chars.subarray(i, i + CHUNK) as unknown as number[]));
  }
  const all = parts.join('');
  const n = p.offsets.length - 1;
  const out = new Array<string | null>(n);
  for (let i = 0; i < n; i++) {
    out[i] = p.present && p.present[i] === 0 ? null : all.slice(p.offsets[i]!, p.offsets[i + 1]!);
  }
  return out;
}

/** The graph as shared data (typed arrays already shared are not copied). */
export function shareGraph(g: CompactGraph): SharedGraph {
  const numeric = {} as Record<NumericField, Numeric>;
  for (const f of NUMERIC_FIELDS) numeric[f] = share(g[f]);
  const csr = {} as Record<CsrField, Csr>;
  for (const f of CSR_FIELDS) csr[f] = { offsets: share(g[f].offsets), targets: share(g[f].targets) };
  const strings = {} as Record<StringField, SharedStrings>;
  for (const f of STRING_FIELDS) strings[f] = packStrings(g[f]);
  return { numeric, csr, strings, linkCounts: { ...g.linkCounts } };
}

/**
 * A CompactGraph over shared data: typed arrays are views on the same memory. With
 * `from` (the graph `s` was shared from), its string columns are reused instead of
 * decoded: the thread that shared a graph keeps working on the shared copy for free.
 */
export function graphFromShared(s: SharedGraph, from?: CompactGraph): CompactGraph {
  const n = s.numeric;
  const str = (f: StringField) => (from ? (from[f] as (string | null)[]) : unpackStrings(s.strings[f]));
  return new CompactGraph({
    ids: str('ids') as string[],
    names: str('names') as string[],
    categories: str('categories'),
    subsectors: str('subsectors'),
    regions: str('regions'),
    volumeUnits: str('volumeUnits'),
    groupLabel: str('groupLabel'),
    kinds: n.kinds as Uint8Array,
    tolerance: n.tolerance as Float64Array,
    workaroundCapacity: n.workaroundCapacity as Float64Array,
    volume: n.volume as Float64Array,
    criticality: n.criticality as Float64Array,
    groupOffsets: n.groupOffsets as Int32Array,
    groupOwner: n.groupOwner as Int32Array,
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
