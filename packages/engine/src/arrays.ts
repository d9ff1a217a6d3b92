// Where a new graph's typed arrays are allocated. The engine allocates on the heap; a
// caller that will share the graph with other threads (the API's projection worker)
// asks for shared memory instead, so `shareGraph` finds the arrays already shared and
// copies nothing (about 25 MB per write at 100k entities).

/** Allocates the typed arrays of a new graph. */
export interface ArrayAllocator {
  int32(length: number): Int32Array;
  float64(length: number): Float64Array;
  uint8(length: number): Uint8Array;
}

export const heapArrays: ArrayAllocator = {
  int32: (n) => new Int32Array(n),
  float64: (n) => new Float64Array(n),
  uint8: (n) => new Uint8Array(n),
};

/** On SharedArrayBuffer where there is one (Node, cross-origin-isolated pages), else the heap. */
export const sharedArrays: ArrayAllocator =
  typeof globalThis.SharedArrayBuffer === 'function'
    ? {
        int32: (n) => new Int32Array(new SharedArrayBuffer(4 * n)),
        float64: (n) => new Float64Array(new SharedArrayBuffer(8 * n)),
        uint8: (n) => new Uint8Array(new SharedArrayBuffer(n)),
      }
    : heapArrays;

/** A copy of `a` allocated by `arrays`. */
export function copyOf<T extends Int32Array | Float64Array | Uint8Array>(arrays: ArrayAllocator, a: T): T {
  const out = (
    a instanceof Int32Array
      ? arrays.int32(a.length)
      : a instanceof Float64Array
        ? arrays.float64(a.length)
        : arrays.uint8(a.length)
  ) as T;
  out.set(a as never);
  return out;
}

/** The arrays one after the other (blocks copied whole: a push per element costs more at 1M). */
export function joinParts<T>(parts: T[][]): T[] {
  if (parts.length === 1) return parts[0]!;
  // concat copies blocks; spreading too many arguments would overflow the stack
  if (parts.length <= 10_000) return ([] as T[]).concat(...parts);
  const out: T[] = [];
  for (const p of parts) for (const x of p) out.push(x);
  return out;
}
