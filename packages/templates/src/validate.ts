// Checks that need more than one row: ids unique across all files, references that
// resolve to an entity of the right kind (in the template or in the database),
// self-dependencies and repeated dependencies. Runs after every file is read,
// because a workbook or a zip may hold its tables in any order.
//
// Memory: one Map from id to a small integer (./ids, filled as rows are read), plus
// typed arrays indexed by that integer or by row; no per-row objects or string keys
// are created, so it scales to millions of dependency rows.
import {
  DEPENDENCY_FROM_KINDS,
  DEPENDENCY_TO_KINDS,
  TEMPLATE_TABLE_NAMES,
  type EntityKind,
  type TemplateTableName,
} from '@smart/domain';
import type { ReadState, TableData } from './collect';
import { KIND_INDEX, KINDS, NO_KIND } from './ids';
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

/**
 * Runs the cross-file checks on what `state` has read, adding problems and marking
 * rows invalid. `existing` says which ids the database already holds. Reads only the
 * tables' lines and id columns (./ids), so it runs the same on a read that kept its
 * rows and on one that did not (the first pass of a streamed import).
 */
export async function validateTemplate(state: ReadState, existing?: ExistingIds): Promise<void> {
  const ids = state.ids;
  const tables = state.tables as Partial<Record<TemplateTableName, TableData>>;
  const fail = (data: TableData, row: number, column: string, message: string) => {
    data.invalid.add(row);
    state.problem(data.name, data.lines.get(row), column, message);
  };
  const where = (i: number) => {
    const table = TEMPLATE_TABLE_NAMES[ids.table[i] ?? -1];
    const data = table && tables[table];
    return data ? `${data.name}:${ids.line[i]}` : 'another file';
  };
  // Every id met got its integer as it was read; which of them a row defines is decided here.
  ids.kind.fill(NO_KIND);

  // 1. Entity ids, in template order so that "first" is the first in file order.
  for (const [t, table] of TEMPLATE_TABLE_NAMES.entries()) {
    const kind = TABLE_KIND[table];
    const data = tables[table];
    if (!kind || !data) continue;
    const k = KIND_INDEX.get(kind)!;
    const column = data.ids.id!;
    for (let r = 0; r < data.count; r++) {
      const i = column.get(r);
      if (i === -1) continue;
      if (ids.kind[i] !== NO_KIND) {
        fail(
          data,
          r,
          'id',
          `duplicate id "${ids.names[i]}": already used at ${where(i)}; ids must be unique across all files`,
        );
        continue;
      }
      ids.kind[i] = k;
      ids.table[i] = t;
      ids.line[i] = data.lines.get(r);
    }
  }
  // 2. The database's answer for ids referenced but not defined here.
  let known: ReadonlyMap<string, EntityKind> | undefined;
  if (typeof existing === 'function') {
    const wanted = new Set<string>();
    for (const ref of REFERENCES) {
      const data = tables[ref.table];
      if (!data) continue;
      const column = data.ids[ref.column]!;
      for (let r = 0; r < data.count; r++) {
        const i = column.get(r);
        if (i !== -1 && ids.kind[i] === NO_KIND) wanted.add(ids.names[i]!);
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
      const column = data.ids.id!;
      for (let r = 0; r < data.count; r++) {
        const i = column.get(r);
        if (i === -1) continue;
        const id = ids.names[i]!;
        const there = known.get(id);
        // Only the row that defines the id (a duplicate row is reported already).
        if (there && there !== kind && ids.table[i] === t && ids.line[i] === data.lines.get(r)) {
          fail(
            data,
            r,
            'id',
            `id "${id}" is already ${a(there)} in the database; ids must be unique across all kinds`,
          );
        }
      }
    }
  }
  const kindOf = (i: number): EntityKind | undefined =>
    ids.kind[i] !== NO_KIND ? KINDS[ids.kind[i]!] : known?.get(ids.names[i]!);

  // 3. References.
  for (const ref of REFERENCES) {
    const data = tables[ref.table];
    if (!data) continue;
    const column = data.ids[ref.column]!;
    const field = fieldOf(ref.table, ref.column);
    for (let r = 0; r < data.count; r++) {
      const i = column.get(r);
      if (i === -1) continue;
      const id = ids.names[i]!;
      // Point a kept row at the entity's own id string, so that millions of references
      // do not each keep a copy of it.
      const row = data.rows[r] as unknown as Record<string, string | undefined> | undefined;
      if (row) row[field] = id;
      const kind = kindOf(i);
      if (kind === undefined) {
        const scope = existing ? 'in the template or the database' : 'in the template';
        fail(data, r, ref.column, `unknown id "${id}": ${ref.rule} ${scope}`);
      } else if (!ref.kinds.includes(kind)) {
        fail(data, r, ref.column, `"${id}" is ${a(kind)}; ${ref.rule}`);
      }
    }
  }

  // 4. Dependencies: no self-dependency, each (from, to) pair once.
  const deps = tables.dependencies;
  if (deps) {
    const from = new Int32Array(deps.count).fill(-1);
    const to = new Int32Array(deps.count).fill(-1);
    const f = deps.ids.from_id!;
    const t = deps.ids.to_id!;
    for (let r = 0; r < deps.count; r++) {
      if (f.get(r) === -1 || t.get(r) === -1) continue;
      if (f.get(r) === t.get(r)) {
        fail(
          deps,
          r,
          'to_id',
          `a dependency cannot point to itself: from_id and to_id are both "${ids.names[f.get(r)]}"`,
        );
        continue;
      }
      from[r] = f.get(r);
      to[r] = t.get(r);
    }
    const first = firstOfPair(from, to, ids.size);
    first.forEach((fr, r) => {
      if (fr === -1) return;
      fail(
        deps,
        r,
        'to_id',
        `duplicate dependency "${ids.names[from[r]!]}" → "${ids.names[to[r]!]}": already at line ${deps.lines.get(fr)}; each from_id, to_id pair may appear once`,
      );
    });
  }

  // 5. A workflow–function link listed twice says nothing new: warn and keep one.
  const links = tables.workflowFunctions;
  if (links) {
    const w = new Int32Array(links.count).fill(-1);
    const f = new Int32Array(links.count).fill(-1);
    const wc = links.ids.workflow_id!;
    const fc = links.ids.function_id!;
    for (let r = 0; r < links.count; r++) {
      if (wc.get(r) === -1 || fc.get(r) === -1) continue;
      w[r] = wc.get(r);
      f[r] = fc.get(r);
    }
    firstOfPair(w, f, ids.size).forEach((first, r) => {
      if (first === -1) return;
      links.invalid.add(r);
      state.problem(
        links.name,
        links.lines.get(r),
        'function_id',
        `this workflow–function link is already at line ${links.lines.get(first)}; the repeat is ignored`,
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
