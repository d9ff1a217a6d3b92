/**
 * Binary min-heap of node indices in a typed array, keyed by an external
 * Float64Array; equal keys pop in node-index order (= id order), which is what
 * makes the discrete model's causal paths deterministic.
 *
 * No decrease-key: in the discrete model a node's key is final when it is pushed.
 */
export class NodeHeap {
  size = 0;
  private readonly items: Int32Array;

  constructor(
    capacity: number,
    private readonly keys: Float64Array,
  ) {
    this.items = new Int32Array(capacity);
  }

  clear(): void {
    this.size = 0;
  }

  peek(): number {
    return this.items[0]!;
  }

  push(n: number): void {
    const items = this.items;
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = items[parent]!;
      if (!this.less(n, p)) break;
      items[i] = p;
      i = parent;
    }
    items[i] = n;
  }

  pop(): number {
    const items = this.items;
    const top = items[0]!;
    const last = items[--this.size]!;
    const size = this.size;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= size) break;
      if (child + 1 < size && this.less(items[child + 1]!, items[child]!)) child++;
      const c = items[child]!;
      if (!this.less(c, last)) break;
      items[i] = c;
      i = child;
    }
    if (size > 0) items[i] = last;
    return top;
  }

  /** Heap contents in no particular order. */
  contents(): Int32Array {
    return this.items.subarray(0, this.size);
  }

  private less(a: number, b: number): boolean {
    const ka = this.keys[a]!;
    const kb = this.keys[b]!;
    return ka < kb || (ka === kb && a < b);
  }
}
