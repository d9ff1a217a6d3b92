// The compact index a read keeps for the cross-file checks (./validate) and for a
// streamed import (./stream): every id met gets a small integer, and each table keeps,
// per row, only its spreadsheet line and the integers of its id columns (typed arrays,
// 4 bytes each). No row object outlives its row in that mode.
import { ENTITY_KINDS, type EntityKind } from '@smart/domain';

export const KINDS: readonly EntityKind[] = ENTITY_KINDS;
export const KIND_INDEX = new Map<EntityKind, number>(KINDS.map((k, i) => [k, i]));
export const NO_KIND = 255;

/** A growable column of 32-bit integers. */
export class IntColumn {
  data: Int32Array;
  length = 0;

  constructor(capacity = 256) {
    this.data = new Int32Array(capacity);
  }

  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }

  get(i: number): number {
    return this.data[i]!;
  }

  truncate(length: number): void {
    this.length = Math.min(this.length, length);
  }

  /** The used part, trimmed to its length (a copy). */
  toArray(): Int32Array {
    return this.data.slice(0, this.length);
  }
}

/** Grows as ids are met; index → kind, and where an entity was first defined. */
export class IdIndex {
  readonly index = new Map<string, number>();
  /** index → the id string first met, shared by every row that references it. */
  readonly names: string[] = [];
  kind = new Uint8Array(1024).fill(NO_KIND);
  table = new Int8Array(1024).fill(-1);
  line = new Float64Array(1024);

  get size(): number {
    return this.index.size;
  }

  /** The index of an id, adding it (without a kind) when new. */
  of(id: string): number {
    let i = this.index.get(id);
    if (i === undefined) {
      i = this.index.size;
      this.index.set(id, i);
      this.names.push(id);
      if (i >= this.kind.length) this.grow();
    }
    return i;
  }

  /** The kind the template defines `id` as, if it does. */
  kindOf(id: string): EntityKind | undefined {
    const i = this.index.get(id);
    return i === undefined || this.kind[i] === NO_KIND ? undefined : KINDS[this.kind[i]!];
  }

  private grow() {
    const n = this.kind.length * 2;
    const kind = new Uint8Array(n).fill(NO_KIND);
    kind.set(this.kind);
    const table = new Int8Array(n).fill(-1);
    table.set(this.table);
    const line = new Float64Array(n);
    line.set(this.line);
    Object.assign(this, { kind, table, line });
  }
}
