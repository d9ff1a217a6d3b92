// A template read twice instead of held (DESIGN.md §5, a staged import): the first pass
// (indexTemplate) reads every table through the same row and cross-file checks as
// readTemplate, keeping only the id index and, per row, its line and its ids' integers
// (./ids); the second (TemplateIndex.eachBatch) reads one table again and hands its
// valid rows on in batches, reading on only once a batch is written. So the memory of an
// import grows with the number of entities (the id index), and by 4 bytes per id column
// and line of a row, not with the rows' text.
import {
  type EntityKind,
  emptyTemplate,
  type ProvenanceTable,
  TEMPLATE_TABLE_NAMES,
  TEMPLATE_TABLES,
  type Template,
  type TemplateTableName,
} from '@smart/domain';
import { ReadState } from './collect';
import { type IdIndex, KINDS, NO_KIND } from './ids';
import { DEFAULT_READ_LIMITS } from './limits';
import { type Problem, sortProblems } from './problems';
import { checkProvenance, type ReadOptions, readInput, type TemplateInput } from './read';
import { ID_COLUMNS, TABLE_KIND } from './tables';
import { validateTemplate } from './validate';

/** A reference from a row to an id the template does not define (an entity of the database). */
export interface OutsideReference {
  table: TemplateTableName;
  /** Index of the row among the table's valid rows (as in ReadResult.template[table]). */
  row: number;
  /** The template column (snake_case). */
  column: string;
  id: string;
}

/** What the first pass of a streamed import keeps: problems, counts and the id index. */
export interface TemplateIndex {
  /** As ReadResult.problems: sorted, at most limits.maxProblems. */
  problems: Problem[];
  problemCount: number;
  provenance?: ProvenanceTable;
  /** Data rows read. */
  rows: number;
  /** The tables the input held, with the name each was read under. */
  tables: Partial<Record<TemplateTableName, string>>;
  /** Valid rows per table: the lengths ReadResult.template's tables would have. */
  counts: Record<TemplateTableName, number>;
  /** Entities the template defines (valid rows only): id → kind. */
  kinds: TemplateKinds;
  /** Where valid row `row` of `table` came from (as rowLocation). */
  location(table: TemplateTableName, row: number): { file: string; line: number };
  /** Every reference of a valid row to an id the template does not define, in table then row order. */
  outsideReferences(): OutsideReference[];
  /** Whether the template holds the dependency (`DEPENDS_ON`) or workflow–function link (`SUPPORTS`). */
  hasEdge(type: 'DEPENDS_ON' | 'SUPPORTS', from: string, to: string): boolean;
  /**
   * Reads `table` again and calls `visit` with its valid rows in file order, at most
   * `batchSize` at a time, waiting for each call before reading on. Throws
   * TemplateChangedError when a row no longer reads as it did.
   */
  eachBatch<T extends TemplateTableName>(
    table: T,
    batchSize: number,
    visit: (rows: Template[T]) => Promise<void>,
  ): Promise<void>;
}

/** The template's entities by id, read from the id index (no Map of its own). */
export interface TemplateKinds {
  readonly size: number;
  has(id: string): boolean;
  get(id: string): EntityKind | undefined;
  keys(): IterableIterator<string>;
}

/**
 * The first pass: reads and checks `input` like readTemplate (the same problems in the
 * same order, the same limits), keeping no rows.
 */
export async function indexTemplate(input: TemplateInput, opts: ReadOptions = {}): Promise<TemplateIndex> {
  const limits = { ...DEFAULT_READ_LIMITS, ...opts.limits };
  const state = new ReadState(opts.onProgress, limits, 'index', undefined, opts.rowSink);
  await readInput(state, input);
  await validateTemplate(state, opts.existing);
  state.done();
  const provenance = checkProvenance(state);
  const ids = state.ids;
  const tables: Partial<Record<TemplateTableName, string>> = {};
  const counts = {} as Record<TemplateTableName, number>;
  for (const table of TEMPLATE_TABLE_NAMES) {
    const data = state.tables[table];
    counts[table] = data ? data.count - data.invalid.size : 0;
    if (data) tables[table] = data.name;
  }
  // Only valid rows define an entity: a row that failed a check keeps its id in the
  // index (for the checks), but is no entity of the import.
  const defined = new Uint8Array(ids.size).fill(NO_KIND);
  let entities = 0;
  for (const table of TEMPLATE_TABLE_NAMES) {
    const kind = TABLE_KIND[table];
    const data = state.tables[table];
    if (!kind || !data) continue;
    const k = KINDS.indexOf(kind);
    for (let r = 0; r < data.count; r++) {
      const i = data.ids.id!.get(r);
      if (i !== -1 && !data.invalid.has(r) && defined[i] === NO_KIND) {
        defined[i] = k;
        entities++;
      }
    }
  }
  const kinds = kindsView(ids, defined, entities);
  // A valid row's index among the valid rows of its table (rows dropped with a warning shift it).
  const validIndex = (table: TemplateTableName, r: number) => {
    const invalid = state.tables[table]!.invalid;
    if (invalid.size === 0) return r;
    let before = 0;
    for (const x of invalid) if (x < r) before++;
    return r - before;
  };
  let edges: Float64Array | undefined;
  const edgeKey = (type: 'DEPENDS_ON' | 'SUPPORTS', a: number, b: number) =>
    ((type === 'DEPENDS_ON' ? 0 : 1) * ids.size + a) * ids.size + b;

  return {
    problems: sortProblems(state.problems, state.fileRank),
    problemCount: state.problemCount,
    provenance,
    rows: state.rows,
    tables,
    counts,
    kinds,
    location(table, row) {
      const data = state.tables[table];
      if (!data) return { file: TEMPLATE_TABLES[table].file, line: 0 };
      // The row-th valid row.
      let seen = -1;
      for (let r = 0; r < data.count; r++)
        if (!data.invalid.has(r) && ++seen === row) return { file: data.name, line: data.lines.get(r) };
      return { file: data.name, line: 0 };
    },
    outsideReferences() {
      const out: OutsideReference[] = [];
      for (const table of TEMPLATE_TABLE_NAMES) {
        const data = state.tables[table];
        if (!data) continue;
        for (const column of ID_COLUMNS[table]) {
          if (column === 'id') continue;
          const col = data.ids[column]!;
          for (let r = 0; r < data.count; r++) {
            const i = col.get(r);
            if (i === -1 || data.invalid.has(r) || defined[i] !== NO_KIND) continue;
            out.push({ table, row: validIndex(table, r), column, id: ids.names[i]! });
          }
        }
      }
      return out;
    },
    hasEdge(type, from, to) {
      if (!edges) {
        // Every kept edge as one number (type, from, to), sorted: 8 bytes an edge.
        const keys: number[] = [];
        const add = (t: 'DEPENDS_ON' | 'SUPPORTS', table: TemplateTableName, a: string, b: string) => {
          const data = state.tables[table];
          if (!data) return;
          for (let r = 0; r < data.count; r++)
            if (!data.invalid.has(r)) keys.push(edgeKey(t, data.ids[a]!.get(r), data.ids[b]!.get(r)));
        };
        add('DEPENDS_ON', 'dependencies', 'from_id', 'to_id');
        add('SUPPORTS', 'workflowFunctions', 'workflow_id', 'function_id');
        edges = Float64Array.from(keys).sort();
      }
      const a = ids.index.get(from);
      const b = ids.index.get(to);
      if (a === undefined || b === undefined) return false;
      const key = edgeKey(type, a, b);
      let lo = 0;
      let hi = edges.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (edges[mid]! < key) lo = mid + 1;
        else hi = mid;
      }
      return edges[lo] === key;
    },
    async eachBatch(table, batchSize, visit) {
      const data = state.tables[table];
      if (!data || counts[table] === 0) return;
      // The rows pass 1 read under another name than the first table's (a repeated file) are skipped by begin().
      const replay = new ReadState(undefined, limits, 'rows', {
        table,
        skip: data.invalid,
        batchSize,
        onBatch: visit as (rows: unknown[]) => Promise<void>,
      });
      await readInput(replay, input);
      await replay.flush(true);
      const again = replay.tables[table];
      if (!again || again.count !== data.count)
        throw new Error(
          `${data.name}: the template changed while it was being imported (${data.count} rows when checked, ${again?.count ?? 0} now); nothing more is written`,
        );
    },
  };
}

function kindsView(ids: IdIndex, defined: Uint8Array, size: number): TemplateKinds {
  const at = (id: string) => {
    const i = ids.index.get(id);
    return i === undefined || i >= defined.length ? NO_KIND : defined[i]!;
  };
  return {
    size,
    has: (id) => at(id) !== NO_KIND,
    get: (id) => {
      const k = at(id);
      return k === NO_KIND ? undefined : KINDS[k];
    },
    *keys() {
      for (let i = 0; i < defined.length; i++) if (defined[i] !== NO_KIND) yield ids.names[i]!;
    },
  };
}

/**
 * The template's rows, read again from its input (TemplateIndex.eachBatch): for what needs
 * them whole (a one-transaction import, a dry run's review, ids merged away to rewrite).
 */
export async function templateOfIndex(index: Pick<TemplateIndex, 'eachBatch'>): Promise<Template> {
  const t = emptyTemplate();
  for (const table of TEMPLATE_TABLE_NAMES)
    await index.eachBatch(table, 10_000, async (rows) => {
      for (const r of rows) (t[table] as unknown[]).push(r);
    });
  return t;
}
