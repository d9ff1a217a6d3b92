// Checks that need more than one row: ids unique across all files, references that
// resolve to an entity of the right kind (in the template or in the database),
// self-dependencies and repeated dependencies. Runs after every file is read,
// because a workbook or a zip may hold its tables in any order.
//
// Memory: one Map from id to a small integer, plus typed arrays indexed by that
// integer or by row; no per-row objects or string keys are created, so it scales
// to millions of dependency rows.
import {
  DEPENDENCY_FROM_KINDS,
  DEPENDENCY_TO_KINDS,
  TEMPLATE_TABLE_NAMES,
  type EntityKind,
  type TemplateTableName,
} from '@smart/domain';
import type { ReadState, TableData } from './collect';
import { fieldOf, TABLE_KIND } from './tables';

/** Ids the template references but does not define → their kind in the database. */
export type ExistingIds =
  | ReadonlyMap<string, EntityKind>
  | ((ids: string[]) => Promise<ReadonlyMap<string, EntityKind>>);

const KIND_NAME: Record<EntityKind, string> = {
  ORGANIZATION: 'Organization',
  SUPPLIER: 'Supplier',
  SERVICE: 'Service',
  ASSET: 'Asset',
  WORKFLOW: 'Workflow',
  CRITICAL_FUNCTION: 'Critical function',
};
const a = (kind: EntityKind) => `${/^[AEIOU]/.test(KIND_NAME[kind]) ? 'an' : 'a'} ${KIND_NAME[kind]}`;
const list = (kinds: readonly EntityKind[]) => {
  const names = kinds.map(a);
  return names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
};

interface Reference {
  table: TemplateTableName;
  column: string;
  kinds: readonly EntityKind[];
  /** What the message says a wrong kind breaks. */
  rule: string;
}

const REFERENCES: Reference[] = [
  { table: 'services', column: 'supplier_id', kinds: ['SUPPLIER'], rule: 'must be the id of a Supplier' },
  {
    table: 'assets',
    column: 'organization_id',
    kinds: ['ORGANIZATION'],
    rule: 'must be the id of an Organization',
  },
  {
    table: 'workflows',
    column: 'organization_id',
    kinds: ['ORGANIZATION'],
    rule: 'must be the id of an Organization',
  },
  {
    table: 'workflowFunctions',
    column: 'workflow_id',
    kinds: ['WORKFLOW'],
    rule: 'must be the id of a Workflow',
  },
  {
    table: 'workflowFunctions',
    column: 'function_id',
    kinds: ['CRITICAL_FUNCTION'],
    rule: 'must be the id of a Critical function',
  },
  {
    table: 'dependencies',
    column: 'from_id',
    kinds: DEPENDENCY_FROM_KINDS,
    rule: `a dependency must start at ${list(DEPENDENCY_FROM_KINDS)}`,
  },
  {
    table: 'dependencies',
    column: 'to_id',
    kinds: DEPENDENCY_TO_KINDS,
    rule: `a dependency must point to ${list(DEPENDENCY_TO_KINDS)}`,
  },
];

const KIND_INDEX = new Map<EntityKind, number>(
  (['ORGANIZATION', 'SUPPLIER', 'SERVICE', 'ASSET', 'WORKFLOW', 'CRITICAL_FUNCTION'] as const).map((k, i) => [
    k,
    i,
  ]),
);
const KINDS = [...KIND_INDEX.keys()];
const NO_KIND = 255;

/** Grows as ids are met; index → kind, and where an entity was first defined. */
class IdIndex {
  readonly index = new Map<string, number>();
  /** index → the id string first met, shared by every row that references it. */
  readonly names: string[] = [];
  kind = new Uint8Array(1024).fill(NO_KIND);
  table = new Int8Array(1024).fill(-1);
  line = new Float64Array(1024);

  get size() {
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

/**
 * Runs the cross-file checks on what `state` has read, adding problems and marking
 * rows invalid. `existing` says which ids the database already holds.
 */
export async function validateTemplate(state: ReadState, existing?: ExistingIds): Promise<void> {
  const ids = new IdIndex();
  const tables = state.tables as Partial<Record<TemplateTableName, TableData>>;
  const fail = (data: TableData, row: number, column: string, message: string) => {
    data.invalid.add(row);
    state.problem(data.name, data.lines[row] ?? 0, column, message);
  };
  const where = (i: number) => {
    const table = TEMPLATE_TABLE_NAMES[ids.table[i] ?? -1];
    const data = table && tables[table];
    return data ? `${data.name}:${ids.line[i]}` : 'another file';
  };

  // 1. Entity ids, in template order so that "first" is the first in file order.
  for (const [t, table] of TEMPLATE_TABLE_NAMES.entries()) {
    const kind = TABLE_KIND[table];
    const data = tables[table];
    if (!kind || !data) continue;
    const k = KIND_INDEX.get(kind)!;
    data.rows.forEach((row, r) => {
      const id = (row as { id?: string }).id;
      if (id === undefined) return;
      const i = ids.of(id);
      if (ids.kind[i] !== NO_KIND) {
        fail(
          data,
          r,
          'id',
          `duplicate id "${id}": already used at ${where(i)}; ids must be unique across all files`,
        );
        return;
      }
      ids.kind[i] = k;
      ids.table[i] = t;
      ids.line[i] = data.lines[r] ?? 0;
    });
  }
  // 2. The database's answer for ids referenced but not defined here.
  let known: ReadonlyMap<string, EntityKind> | undefined;
  if (typeof existing === 'function') {
    const wanted = new Set<string>();
    for (const ref of REFERENCES) {
      const field = fieldOf(ref.table, ref.column);
      for (const row of tables[ref.table]?.rows ?? []) {
        const id = (row as unknown as Record<string, string | undefined>)[field];
        if (id !== undefined && !ids.index.has(id)) wanted.add(id);
      }
    }
    known = wanted.size > 0 ? await existing([...wanted]) : new Map();
  } else {
    known = existing;
  }
  if (known) {
    // An id defined here with another kind in the database would break "unique across all kinds".
    for (const [t, table] of TEMPLATE_TABLE_NAMES.entries()) {
      const data = tables[table];
      const kind = TABLE_KIND[table];
      if (!data || !kind || known.size === 0) continue;
      data.rows.forEach((row, r) => {
        const id = (row as { id?: string }).id;
        const there = id === undefined ? undefined : known.get(id);
        const i = id === undefined ? undefined : ids.index.get(id);
        // Only the row that defines the id (a duplicate row is reported already).
        if (
          there &&
          there !== kind &&
          i !== undefined &&
          ids.table[i] === t &&
          ids.line[i] === data.lines[r]
        ) {
          fail(
            data,
            r,
            'id',
            `id "${id}" is already ${a(there)} in the database; ids must be unique across all kinds`,
          );
        }
      });
    }
  }
  const kindOf = (id: string): EntityKind | undefined => {
    const i = ids.index.get(id);
    if (i !== undefined && ids.kind[i] !== NO_KIND) return KINDS[ids.kind[i]!];
    return known?.get(id);
  };

  // 3. References.
  for (const ref of REFERENCES) {
    const data = tables[ref.table];
    if (!data) continue;
    const field = fieldOf(ref.table, ref.column);
    data.rows.forEach((row, r) => {
      const record = row as unknown as Record<string, string | undefined>;
      const id = record[field];
      if (id === undefined) return;
      // Point the row at the entity's own id string, so that millions of references
      // do not each keep a copy of it.
      const i = ids.index.get(id);
      if (i !== undefined) record[field] = ids.names[i];
      const kind = kindOf(id);
      if (kind === undefined) {
        const scope = existing ? 'in the template or the database' : 'in the template';
        fail(data, r, ref.column, `unknown id "${id}": ${ref.rule} ${scope}`);
      } else if (!ref.kinds.includes(kind)) {
        fail(data, r, ref.column, `"${id}" is ${a(kind)}; ${ref.rule}`);
      }
    });
  }

  // 4. Dependencies: no self-dependency, each (from, to) pair once.
  const deps = tables.dependencies;
  if (deps) {
    const from = new Int32Array(deps.rows.length).fill(-1);
    const to = new Int32Array(deps.rows.length).fill(-1);
    deps.rows.forEach((row, r) => {
      const d = row as { from?: string; to?: string };
      if (d.from === undefined || d.to === undefined) return;
      if (d.from === d.to) {
        fail(deps, r, 'to_id', `a dependency cannot point to itself: from_id and to_id are both "${d.from}"`);
        return;
      }
      from[r] = ids.of(d.from);
      to[r] = ids.of(d.to);
    });
    const first = firstOfPair(from, to, ids.size);
    first.forEach((f, r) => {
      if (f === -1) return;
      const d = deps.rows[r] as { from: string; to: string };
      fail(
        deps,
        r,
        'to_id',
        `duplicate dependency "${d.from}" → "${d.to}": already at line ${deps.lines[f]}; each from_id, to_id pair may appear once`,
      );
    });
  }

  // 5. A workflow–function link listed twice says nothing new: warn and keep one.
  const links = tables.workflowFunctions;
  if (links) {
    const w = new Int32Array(links.rows.length).fill(-1);
    const f = new Int32Array(links.rows.length).fill(-1);
    links.rows.forEach((row, r) => {
      const l = row as { workflowId?: string; functionId?: string };
      if (l.workflowId === undefined || l.functionId === undefined) return;
      w[r] = ids.of(l.workflowId);
      f[r] = ids.of(l.functionId);
    });
    firstOfPair(w, f, ids.size).forEach((first, r) => {
      if (first === -1) return;
      links.invalid.add(r);
      state.problem(
        links.name,
        links.lines[r] ?? 0,
        'function_id',
        `this workflow–function link is already at line ${links.lines[first]}; the repeat is ignored`,
        'warning',
      );
    });
  }
}

/**
 * For rows given as pairs (a[r], b[r]) of ids' indices (-1 = skip), the earlier row
 * holding the same pair, or -1. Rows are bucketed by `a` (counting sort), then
 * each bucket is scanned with a stamp array: O(rows + ids), no hashing of pairs.
 */
function firstOfPair(a: Int32Array, b: Int32Array, ids: number): Int32Array {
  const n = a.length;
  const start = new Int32Array(ids + 1);
  for (let r = 0; r < n; r++) if (a[r]! >= 0) start[a[r]! + 1]!++;
  for (let i = 0; i < ids; i++) start[i + 1]! += start[i]!;
  const next = start.slice();
  const order = new Int32Array(start[ids]!);
  for (let r = 0; r < n; r++) if (a[r]! >= 0) order[next[a[r]!]!++] = r; // ascending r within each bucket
  const stamp = new Int32Array(ids).fill(-1);
  const seenAt = new Int32Array(ids);
  const first = new Int32Array(n).fill(-1);
  for (let x = 0; x < ids; x++) {
    for (let k = start[x]!; k < start[x + 1]!; k++) {
      const r = order[k]!;
      const y = b[r]!;
      if (stamp[y] === x) first[r] = seenAt[y]!;
      else {
        stamp[y] = x;
        seenAt[y] = r;
      }
    }
  }
  return first;
}
