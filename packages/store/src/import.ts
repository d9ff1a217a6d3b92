// Writes a validated template into Neo4j, in one of two ways (DESIGN.md §5, §8), chosen by
// the template's size (SMART_IMPORT_SINGLE_TX_ROWS, default 100,000 rows):
//
// - one transaction (up to the threshold, and always for an entity edit's `check`): batches
//   of UNWIND upserts inside one transaction that bumps the graph version first (holding its
//   lock to the commit), reads the kinds of the template's ids, write-locks the entities it
//   only references, and keeps the undo snapshot when asked. Neo4j makes it all-or-nothing:
//   a failure, a crash or a kill part-way leaves the map as it was, and writes racing it
//   wait for its lock. A dry run is the same transaction rolled back.
// - staged (above the threshold): what to write is decided by reading first (new ids are
//   CREATEd, existing rows are compared so only what differs is written); an ImportJournal
//   node first (every other write to the map is refused with ImportInProgressError while
//   it exists), an undo snapshot written a page at a time, then the batches, each its own
//   transaction, and a last short transaction that bumps the graph version, writes the
//   audit event and removes the journal. Memory stays bounded in Neo4j whatever the
//   template's size, and in this process too when the template comes as a StagedTemplate
//   read a batch at a time from its file (importStreamed; @smart/templates indexTemplate).
//   A failure rolls the map back from the snapshot at once; a crash or kill leaves the
//   journal, and the next start (or the next import) rolls back the same way (./journal).
//   A staged dry run does the reads and none of the writes.
import {
  type GraphChange,
  type EntityKind,
  KIND_LABEL,
  LABEL_KIND,
  type ProvenanceTable,
  type SubmissionRecord,
  TEMPLATE_TABLE_NAMES,
  TEMPLATE_TABLES,
  type Template,
  type TemplateTableName,
} from '@smart/domain';
import neo4j, { type ManagedTransaction, Neo4jError } from 'neo4j-driver';
import { cypher } from './cypher';
import { beginImport } from './journal';
import {
  keepSnapshots,
  snapshotInTransaction,
  stagedSnapshotStatement,
  writeSnapshotChunks,
} from './snapshot';
import { type Store, refuseWhileImporting } from './store';

export type SummaryKey = EntityKind | 'DEPENDENCY';
export interface CountSummary {
  created: number;
  updated: number;
  removed: number;
}
export interface ImportSummary {
  byKind: Record<SummaryKey, CountSummary>;
  rows: number;
  /** True when nothing was written: the counts are what the import would do. */
  dryRun: boolean;
  /** The undo snapshot kept before this import (none for a dry run). */
  snapshotId: string | null;
  /** The submission this import was recorded as (ImportOptions.submission), or null. */
  submissionId: string | null;
}

export interface ImportOptions {
  /**
   * Remove entities and dependencies the template no longer holds. Only with a complete
   * template: every table present (ReadResult.tables) or named in `allowEmpty`.
   */
  replace?: boolean;
  /** The tables the input held; default all eight (a Template built in code is complete). */
  tables?: readonly TemplateTableName[];
  /** Tables a replace may treat as empty although the input lacked them. */
  allowEmpty?: readonly TemplateTableName[];
  /** Run the whole import, report its counts, and roll it back. */
  dryRun?: boolean;
  /** Who imports, for the audit trail. */
  actor: string;
  /** Where the template came from (file name), for the audit trail. */
  source?: string;
  /** The audit action; default 'import' (or 'import-replace'). */
  action?: string;
  /**
   * Keep an undo snapshot of the map first. A replace always does; other imports when
   * asked (the CLI and the API ask; entity edits and restores do not). Never in a dry run.
   */
  snapshot?: boolean;
  /**
   * What this import changes, for the change log (entity edits know it); omitted, the
   * projection rebuilds in full after the import.
   */
  changes?: readonly GraphChange[];
  /** Rows per write batch; default SMART_IMPORT_BATCH_SIZE (importBatchSize). */
  batchSize?: number;
  onProgress?: (rowsWritten: number, rowsTotal: number) => void;
  /**
   * Runs in the write transaction right after the graph version is locked, before
   * anything is read or written; throwing rolls the import back (an entity edit's
   * optimistic version check).
   */
  check?: (tx: ManagedTransaction) => Promise<void>;
  /** A staged import's undo snapshot, as it is written: rows kept so far (entities + relationships). */
  onSnapshotProgress?: (rows: number) => void;
  /** Rows up to which the import is one transaction; default SMART_IMPORT_SINGLE_TX_ROWS. */
  singleTransactionRows?: number;
  /**
   * Record the import as this submission (issue 13 item 3; checked by checkSubmission):
   * its Submission node is written, and every entity and dependency row of the template
   * is asserted by it (its id appended to their `submissions` list), in the import's
   * writes (one transaction or staged). Not in a dry run.
   */
  submission?: SubmissionRecord;
  /**
   * Provenance written back as exported (the provenance table of a template): its
   * submissions, and the `submissions` list of each entity and dependency it names.
   */
  provenance?: ProvenanceTable;
}

/**
 * Rows up to which an import runs as one transaction (above: staged):
 * SMART_IMPORT_SINGLE_TX_ROWS (a whole number, 0 stages every import), default 100,000:
 * size S (about 61k rows) stays one transaction, the fastest way there, and racing writes
 * wait for it; the staged import keeps Neo4j's memory bounded past that (one transaction
 * of 100k rows needs about 0.7 GB of Neo4j's transaction memory).
 */
export function singleTransactionRows(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.SMART_IMPORT_SINGLE_TX_ROWS;
  if (raw === undefined || raw === '') return 100_000;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0)
    throw new Error(`SMART_IMPORT_SINGLE_TX_ROWS must be a whole number of rows (0 or more), not '${raw}'`);
  return n;
}

/** Rows per write batch: SMART_IMPORT_BATCH_SIZE (100–50,000), default 5,000. */
export function importBatchSize(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.SMART_IMPORT_BATCH_SIZE;
  if (raw === undefined || raw === '') return 5_000;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 100 || n > 50_000)
    throw new Error(`SMART_IMPORT_BATCH_SIZE must be a whole number from 100 to 50000, not '${raw}'`);
  return n;
}

/** The database refused a transaction this large; nothing was written. */
export class ImportTooLargeError extends Error {
  constructor(
    readonly rows: number,
    /** The rows up to which an import is one transaction (SMART_IMPORT_SINGLE_TX_ROWS). */
    readonly singleTransactionRows: number,
  ) {
    super(
      `nothing was imported: ${rows} rows are more than the database's transaction memory holds ` +
        `(an import of up to ${singleTransactionRows} rows is one transaction). Give Neo4j more heap ` +
        `(NEO4J_HEAP for the local one), set SMART_IMPORT_SINGLE_TX_ROWS below ${rows} so that it is ` +
        'written in batches, or split the template.',
    );
    this.name = 'ImportTooLargeError';
  }
}

/** A replace from a template that lacks tables, which would empty them by omission. */
export class IncompleteTemplateError extends Error {
  constructor(readonly missing: TemplateTableName[]) {
    super(
      `a replace needs a complete template, and this one has no ${missing
        .map((t) => TEMPLATE_TABLES[t].file)
        .join(
          ', ',
        )}: a replace would remove everything in ${missing.length === 1 ? 'that table' : 'those tables'}. ` +
        'Add the missing tables (a file with only the header row empties a table on purpose), ' +
        `or allow each one to be emptied: ${missing.map((t) => `--allow-empty ${TEMPLATE_TABLES[t].sheet}`).join(' ')} ` +
        `(GraphQL: allowEmpty: [${missing.map(tableEnum).join(', ')}])`,
    );
    this.name = 'IncompleteTemplateError';
  }
}

/** The GraphQL enum value of a table: CRITICAL_FUNCTIONS for critical_functions. */
export const tableEnum = (t: TemplateTableName): string => TEMPLATE_TABLES[t].sheet.toUpperCase();

/** The tables a replace would empty by omission: neither present nor allowed empty. */
export function missingTables(
  present: readonly TemplateTableName[],
  allowEmpty: readonly TemplateTableName[] = [],
): TemplateTableName[] {
  return TEMPLATE_TABLE_NAMES.filter((t) => !present.includes(t) && !allowEmpty.includes(t));
}

/** A reference the template relies on that no longer holds in the database. */
export interface StaleReference {
  table: TemplateTableName;
  /** Index of the row in template[table]. */
  row: number;
  /** The template column (snake_case, as in the file). */
  column: string;
  id: string;
  message: string;
}

/**
 * References checked inside the write transaction failed: an entity the template refers
 * to (and does not define) was deleted or changed kind after the template was validated,
 * or a replace would remove it. Nothing was written.
 */
export class StaleReferenceError extends Error {
  constructor(readonly references: StaleReference[]) {
    super(
      `nothing was imported: ${references.length} reference(s) no longer hold: ${references
        .slice(0, 5)
        .map((r) => `${TEMPLATE_TABLES[r.table].file} row ${r.row + 1}, ${r.column}: ${r.message}`)
        .join('; ')}`,
    );
    this.name = 'StaleReferenceError';
  }
}

/** One id of the template that the database holds as another kind, and the row defining it. */
export interface KindConflict {
  id: string;
  templateKind: EntityKind;
  existingKind: EntityKind;
  table: TemplateTableName;
  /** Index of the row in template[table]. */
  row: number;
}

/** An id in the template is already used by an entity of another kind. */
export class KindConflictError extends Error {
  constructor(readonly conflicts: KindConflict[]) {
    super(
      `${conflicts.length} id(s) already belong to an entity of another kind: ${conflicts
        .slice(0, 5)
        .map((c) => `${c.id} is a ${c.existingKind}, not a ${c.templateKind}`)
        .join('; ')}`,
    );
    this.name = 'KindConflictError';
  }
}

const ENTITY_TABLES = [
  ['organizations', 'ORGANIZATION', 'organizations'],
  ['suppliers', 'SUPPLIER', 'suppliers'],
  ['services', 'SERVICE', 'services'],
  ['assets', 'ASSET', 'assets'],
  ['workflows', 'WORKFLOW', 'workflows'],
  ['criticalFunctions', 'CRITICAL_FUNCTION', 'critical-functions'],
] as const;

// Fields that are relationships in the graph, not properties.
const OWNER_FIELD = {
  services: 'supplierId',
  assets: 'organizationId',
  workflows: 'organizationId',
} as const;

/** Drops undefined values (Neo4j stores no nulls) and the fields that become relationships. */
function props(row: object, omit: readonly string[] = []): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) if (v !== undefined && !omit.includes(k)) out[k] = v;
  return out;
}

function emptySummary(): Record<SummaryKey, CountSummary> {
  const keys: SummaryKey[] = [...ENTITY_TABLES.map(([, kind]) => kind), 'DEPENDENCY'];
  return Object.fromEntries(keys.map((k) => [k, { created: 0, updated: 0, removed: 0 }])) as Record<
    SummaryKey,
    CountSummary
  >;
}

export function templateRowCount(t: Template): number {
  return Object.values(t).reduce((n, rows: unknown[]) => n + rows.length, 0);
}

/** The template's entities by id: a Map, or the index of a streamed template. */
export interface TemplateKindsView {
  readonly size: number;
  has(id: string): boolean;
  get(id: string): EntityKind | undefined;
  keys(): IterableIterator<string>;
}

/**
 * A template the staged import reads a batch at a time, never whole: one in memory
 * (templateSource), or one read again from its file for each table (@smart/templates
 * indexTemplate, which this matches), so that the importer's memory holds the id index
 * and one batch, not the rows.
 */
export interface StagedTemplate {
  /** Rows per table. */
  counts: Record<TemplateTableName, number>;
  /** The entities the template defines. */
  kinds: TemplateKindsView;
  /** Every reference of a row to an id the template does not define. */
  outsideReferences(): { table: TemplateTableName; row: number; column: string; id: string }[];
  /** Whether the template holds the dependency (DEPENDS_ON) or the workflow–function link (SUPPORTS). */
  hasEdge(type: 'DEPENDS_ON' | 'SUPPORTS', from: string, to: string): boolean;
  /** The index in `table` of the row defining `id` (to locate a kind conflict); -1 or absent: not known. */
  rowOf?(table: TemplateTableName, id: string): number;
  /** The rows of `table` in order, at most `batchSize` at a time, each call awaited before the next. */
  eachBatch<T extends TemplateTableName>(
    table: T,
    batchSize: number,
    visit: (rows: Template[T]) => Promise<void>,
  ): Promise<void>;
}

/** A template in memory as a StagedTemplate. */
export function templateSource(t: Template): StagedTemplate {
  const { templateKinds } = templateIds(t);
  let edges: Set<string> | undefined;
  return {
    counts: Object.fromEntries(TEMPLATE_TABLE_NAMES.map((table) => [table, t[table].length])) as Record<
      TemplateTableName,
      number
    >,
    kinds: templateKinds,
    outsideReferences: () => references(t).filter((r) => !templateKinds.has(r.id)),
    rowOf: (table, id) => (t[table] as { id?: string }[]).findIndex((r) => r.id === id),
    hasEdge(type, from, to) {
      edges ??= new Set([
        ...t.dependencies.map((d) => `DEPENDS_ON\u0000${d.from}\u0000${d.to}`),
        ...t.workflowFunctions.map((l) => `SUPPORTS\u0000${l.workflowId}\u0000${l.functionId}`),
      ]);
      return edges.has(`${type}\u0000${from}\u0000${to}`);
    },
    async eachBatch(table, batchSize, visit) {
      const rows = t[table];
      for (let i = 0; i < rows.length; i += batchSize)
        await visit(rows.slice(i, i + batchSize) as typeof rows);
    },
  };
}

const sourceRowCount = (src: StagedTemplate): number => Object.values(src.counts).reduce((n, c) => n + c, 0);

/** The kinds a reference column may point to (dependency ends were checked when the template was read). */
const REFERENCE_KINDS: Record<string, EntityKind[] | undefined> = {
  supplier_id: ['SUPPLIER'],
  organization_id: ['ORGANIZATION'],
  workflow_id: ['WORKFLOW'],
  function_id: ['CRITICAL_FUNCTION'],
};

/** id → kind of those ids that already exist in the graph. */
export async function existingKinds(
  store: Store,
  ids: string[],
  batch = 20_000,
): Promise<Map<string, EntityKind>> {
  const out = new Map<string, EntityKind>();
  for (let i = 0; i < ids.length; i += batch) {
    const found = await store.read(
      async (tx) =>
        (await tx.run(cypher('queries/import/existing-kinds'), { ids: ids.slice(i, i + batch) })).records,
    );
    for (const r of found) out.set(r.get('id'), LABEL_KIND[r.get('label') as string]!);
  }
  return out;
}

/** id → kind of every entity in the graph, so a partial template may reference them. */
export async function allEntityKinds(store: Store, page = 50_000): Promise<Map<string, EntityKind>> {
  const out = new Map<string, EntityKind>();
  let after = '';
  for (;;) {
    const rows = await store.read(async (tx) =>
      (await tx.run(cypher('queries/entity-kinds'), { after, limit: neo4j.int(page) })).records.map((r) => ({
        id: r.get('id') as string,
        label: r.get('label') as string,
      })),
    );
    for (const r of rows) out.set(r.id, LABEL_KIND[r.label]!);
    if (rows.length < page) return out;
    after = rows[rows.length - 1]!.id;
  }
}

/** Every reference a template makes: where, to which id, and the kinds it may have. */
function references(
  t: Template,
): { table: TemplateTableName; row: number; column: string; id: string; kinds?: EntityKind[] }[] {
  const out: ReturnType<typeof references> = [];
  t.services.forEach((r, row) => {
    out.push({ table: 'services', row, column: 'supplier_id', id: r.supplierId, kinds: ['SUPPLIER'] });
  });
  for (const table of ['assets', 'workflows'] as const)
    t[table].forEach((r, row) => {
      out.push({ table, row, column: 'organization_id', id: r.organizationId, kinds: ['ORGANIZATION'] });
    });
  t.workflowFunctions.forEach((r, row) => {
    out.push({
      table: 'workflowFunctions',
      row,
      column: 'workflow_id',
      id: r.workflowId,
      kinds: ['WORKFLOW'],
    });
    out.push({
      table: 'workflowFunctions',
      row,
      column: 'function_id',
      id: r.functionId,
      kinds: ['CRITICAL_FUNCTION'],
    });
  });
  // Endpoint kinds were checked against the database when the template was read.
  t.dependencies.forEach((r, row) => {
    out.push({ table: 'dependencies', row, column: 'from_id', id: r.from });
    out.push({ table: 'dependencies', row, column: 'to_id', id: r.to });
  });
  return out;
}

/** Rows of one write: where a batch goes, and its parameters. */
interface Statement {
  query: string;
  params: Record<string, unknown>;
}

/** Runs the reads and writes of an import: in one transaction, staged, or reads only (dry run). */
interface Executor {
  read(query: string, params: Record<string, unknown>): Promise<Neo4jRecord[]>;
  /** Runs the statements together (one transaction when staged); nothing in a dry run. */
  write(statements: Statement[], rows: number): Promise<Neo4jRecord[][]>;
}

type Neo4jRecord = { get(key: string): unknown };

/** Stored properties (a) the same as a template row's (b); the asserting submissions are no template column. */
const sameProps = (a: Record<string, unknown>, b: Record<string, unknown>): boolean => {
  const ka = Object.keys(a).filter((k) => k !== 'submissions');
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => a[k] === b[k]);
};

/**
 * The writes that record provenance (issue 13 item 3), in batches: the submission this
 * import is recorded as and its assertions of every row, then a provenance table's
 * submissions and lists. One property write per asserted row; nothing else is touched.
 */
async function provenanceBatches(
  src: StagedTemplate,
  opts: ImportOptions,
  batchSize: number,
  snapshot: string | null,
  write: (statements: Statement[]) => Promise<unknown>,
): Promise<void> {
  const batches = async <T>(rows: T[], query: string, extra: Record<string, unknown> = {}) => {
    for (let i = 0; i < rows.length; i += batchSize)
      await write([{ query, params: { ...extra, rows: rows.slice(i, i + batchSize) } }]);
  };
  const s = opts.submission;
  if (s) {
    await write([
      { query: 'queries/import/record-submission', params: { submission: submissionParams(s), snapshot } },
    ]);
    let ids: string[] = [];
    for (const id of src.kinds.keys()) {
      ids.push(id);
      if (ids.length >= batchSize) {
        await batches(ids, 'queries/import/assert-entities', { submission: s.id });
        ids = [];
      }
    }
    await batches(ids, 'queries/import/assert-entities', { submission: s.id });
    await src.eachBatch('dependencies', batchSize, (rows) =>
      batches(
        rows.map((d) => ({ from: d.from, to: d.to })),
        'queries/import/assert-dependencies',
        { submission: s.id },
      ),
    );
  }
  const p = opts.provenance;
  if (p) {
    for (const sub of p.submissions)
      await write([
        {
          query: 'queries/import/record-submission',
          params: { submission: submissionParams(sub), snapshot },
        },
      ]);
    await batches(p.entities, 'queries/import/set-entity-provenance');
    await batches(p.dependencies, 'queries/import/set-dependency-provenance');
  }
}

const submissionParams = (s: SubmissionRecord) => ({
  id: s.id,
  contributor: s.contributor,
  contact: s.contact ?? null,
  date: s.date,
  note: s.note ?? null,
  recordedAt: s.recordedAt ?? null,
  actor: s.actor ?? null,
});

const CREATE_QUERY = Object.fromEntries(ENTITY_TABLES.map(([t, , f]) => [t, `queries/import/create-${f}`]));
const UPDATE_QUERY = Object.fromEntries(ENTITY_TABLES.map(([t, , f]) => [t, `queries/import/update-${f}`]));

/**
 * What the template changes and the batches that write it, run through `exec`. Counts are
 * decided by the reads, so a dry run (writes skipped) reports the same numbers.
 */
async function runImport(
  src: StagedTemplate,
  opts: ImportOptions,
  exec: Executor,
  existing: Map<string, EntityKind>,
  /** id → element id of the entities the import relates (existing ones read; new ones added as created). */
  elements: Map<string, string>,
  templateKinds: TemplateKindsView,
  progress: (done: number) => void,
  pageAll: (query: string, key: string, visit: (r: Neo4jRecord) => void) => Promise<void>,
  /** The undo snapshot taken before this import (marks the submission it creates), or null. */
  snapshot: string | null,
): Promise<Record<SummaryKey, CountSummary>> {
  const batchSize = opts.batchSize ?? importBatchSize();
  const summary = emptySummary();
  let done = 0;
  const step = (n: number) => {
    done += n;
    progress(done);
  };
  const isNew = (id: string) => templateKinds.has(id) && !existing.has(id);
  const element = (id: string): string => elements.get(id) as string;

  // 1. Entities. New rows are CREATEd (their element ids kept), existing ones compared and
  // only what differs written; an owner that changed loses its old link here.
  /** Existing entities whose owner changed (new ones are linked anyway). */
  const moved = new Set<string>();
  for (const [table, kind] of ENTITY_TABLES) {
    const owner = table in OWNER_FIELD ? OWNER_FIELD[table as keyof typeof OWNER_FIELD] : undefined;
    await src.eachBatch(table, batchSize, async (rows) => {
      const batch = (rows as { id: string }[]).map((r) => ({
        id: r.id,
        props: props(r, owner ? [owner] : []),
        owner: owner ? ((r as Record<string, unknown>)[owner] as string) : undefined,
      }));
      const fresh = batch.filter((r) => isNew(r.id));
      const old = batch.filter((r) => !isNew(r.id));
      const changed: typeof batch = [];
      const relinked: typeof batch = [];
      if (old.length) {
        const found = new Map(
          (await exec.read('queries/import/read-existing', { ids: old.map((r) => r.id) })).map((r) => [
            r.get('id') as string,
            r,
          ]),
        );
        for (const r of old) {
          const f = found.get(r.id);
          if (!f || !sameProps(f.get('props') as Record<string, unknown>, r.props)) changed.push(r);
          if (owner && (!f || f.get('owner') !== r.owner)) relinked.push(r);
        }
      }
      summary[kind].created += fresh.length;
      summary[kind].updated += changed.length;
      const statements: Statement[] = [];
      if (fresh.length)
        statements.push({
          query: CREATE_QUERY[table]!,
          params: { rows: fresh.map(({ id, props: p }) => ({ id, props: p })) },
        });
      if (changed.length)
        statements.push({
          query: UPDATE_QUERY[table]!,
          params: { rows: changed.map(({ id, props: p }) => ({ id, props: p })) },
        });
      if (relinked.length)
        statements.push({
          query: 'queries/import/unlink-owners',
          params: { ids: relinked.map((r) => r.id) },
        });
      for (const r of relinked) moved.add(r.id);
      if (statements.length) {
        const written = await exec.write(statements, batch.length);
        if (fresh.length)
          for (const r of written[0] ?? []) elements.set(r.get('id') as string, r.get('element') as string);
      }
      step(batch.length);
    });
  }

  // 2. Relationships, once every entity exists: ownership links (the owned tables read
  // again, so that no list of links is kept), function links, then dependencies, both
  // ends by element id (no locking unique-index seek per end).
  for (const table of ['services', 'assets', 'workflows'] as const) {
    const owner = OWNER_FIELD[table];
    await src.eachBatch(table, batchSize, async (rows) => {
      const links = (rows as unknown as Record<string, string>[])
        .filter((r) => isNew(r.id!) || moved.has(r.id!))
        .map((r) => ({ child: element(r.id!), owner: element(r[owner]!) }));
      if (links.length)
        await exec.write([{ query: 'queries/import/create-links-by-element', params: { rows: links } }], 0);
    });
  }

  await src.eachBatch('workflowFunctions', batchSize, async (batch) => {
    await exec.write(
      [
        {
          query: 'queries/import/link-functions-by-element',
          params: { rows: batch.map((l) => ({ w: element(l.workflowId), f: element(l.functionId) })) },
        },
      ],
      batch.length,
    );
    step(batch.length);
  });

  await src.eachBatch('dependencies', batchSize, async (rows) => {
    const batch = rows.map((d) => ({
      from: d.from,
      to: d.to,
      props: props(d, ['from', 'to']),
    }));
    // An edge with an endpoint new to the graph cannot exist yet; the others are looked up.
    const lookup = batch.filter((d) => !isNew(d.from) && !isNew(d.to));
    const found = new Map<string, Record<string, unknown>>();
    if (lookup.length)
      for (const r of await exec.read('queries/import/read-dependencies', {
        rows: lookup.map(({ from, to }) => ({ from, to })),
      }))
        found.set(`${r.get('from')}\u0000${r.get('to')}`, r.get('props') as Record<string, unknown>);
    const create: typeof batch = [];
    const update: typeof batch = [];
    for (const d of batch) {
      const before = found.get(`${d.from}\u0000${d.to}`);
      if (!before) create.push(d);
      else if (!sameProps(before, d.props)) update.push(d);
    }
    summary.DEPENDENCY.created += create.length;
    summary.DEPENDENCY.updated += update.length;
    const statements: Statement[] = [];
    if (create.length)
      statements.push({
        query: 'queries/import/create-dependencies-by-element',
        params: { rows: create.map((d) => ({ a: element(d.from), b: element(d.to), props: d.props })) },
      });
    if (update.length)
      statements.push({ query: 'queries/import/update-dependencies', params: { rows: update } });
    if (statements.length) await exec.write(statements, batch.length);
    step(batch.length);
  });

  if (opts.replace) {
    // What the graph holds and the template does not goes, found by paging the graph.
    const removed = new Set<string>();
    let gone: { id: string; label: string }[] = [];
    const flushEntities = async () => {
      if (!gone.length) return;
      for (const g of gone) summary[LABEL_KIND[g.label]!].removed++;
      await exec.write(
        [{ query: 'queries/import/delete-entities', params: { ids: gone.map((g) => g.id) } }],
        gone.length,
      );
      gone = [];
    };
    const absent: { id: string; label: string }[] = [];
    await pageAll('queries/entity-kinds', 'id', (r) => {
      const id = r.get('id') as string;
      if (!templateKinds.has(id)) absent.push({ id, label: r.get('label') as string });
    });
    for (const a of absent) {
      removed.add(a.id);
      gone.push(a);
      if (gone.length >= batchSize) await flushEntities();
    }
    await flushEntities();
    // Edges between kept entities that the template no longer holds.
    const edges: { type: string; from: string; to: string }[] = [];
    const visitEdge = (type: 'DEPENDS_ON' | 'SUPPORTS', from: string, to: string) => {
      if (removed.has(from) || removed.has(to)) return; // gone with its entity
      if (!src.hasEdge(type, from, to)) edges.push({ type, from, to });
    };
    await pageAll('queries/export/dependencies', 'from', (r) => {
      for (const d of r.get('deps') as { to: string }[])
        visitEdge('DEPENDS_ON', r.get('from') as string, d.to);
    });
    await pageAll('queries/export/workflow-functions', 'workflowId', (r) => {
      for (const f of r.get('functionIds') as string[])
        visitEdge('SUPPORTS', r.get('workflowId') as string, f);
    });
    summary.DEPENDENCY.removed += edges.filter((e) => e.type === 'DEPENDS_ON').length;
    for (let i = 0; i < edges.length; i += batchSize) {
      const batch = edges.slice(i, i + batchSize);
      await exec.write([{ query: 'queries/import/delete-edges', params: { rows: batch } }], batch.length);
    }
  }
  await provenanceBatches(src, opts, batchSize, snapshot, (statements) => exec.write(statements, 0));
  return summary;
}

/** Checks the template's ids against the graph's kinds and its references; throws when they clash. */
function checkKinds(
  src: StagedTemplate,
  opts: ImportOptions,
  existing: Map<string, EntityKind>,
  held: Map<string, EntityKind | undefined>,
) {
  const templateKinds = src.kinds;
  const conflicts = [...existing]
    .filter(([id, kind]) => templateKinds.get(id) !== kind)
    .map(([id, existingKind]): KindConflict => {
      const templateKind = templateKinds.get(id)!;
      // The row defining it, so that the refusal says where (rowLocation).
      const table = ENTITY_TABLES.find(([, k]) => k === templateKind)![0];
      const row = src.rowOf?.(table, id) ?? -1;
      return { id, existingKind, templateKind, table, row };
    });
  if (conflicts.length) throw new KindConflictError(conflicts);
  const stale: StaleReference[] = [];
  for (const ref of src.outsideReferences()) {
    const kind = held.get(ref.id);
    const kinds = REFERENCE_KINDS[ref.column];
    let message: string | undefined;
    if (!kind) message = `'${ref.id}' is no longer in the database (deleted after the template was checked)`;
    else if (kinds && !kinds.includes(kind))
      message = `'${ref.id}' is now a ${kind}, not a ${kinds.join(' or ')}`;
    else if (opts.replace)
      message = `'${ref.id}' is not in the template, so the replace would remove it; add its row to ${
        TEMPLATE_TABLES[ENTITY_TABLES.find(([, k]) => k === kind)![0]].file
      }`;
    if (message) stale.push({ table: ref.table, row: ref.row, column: ref.column, id: ref.id, message });
  }
  if (stale.length) throw new StaleReferenceError(stale);
}

/** Reads id → kind for `ids` with `query` (existing-kinds, or lock-references inside a transaction). */
async function kindsOf(
  read: (query: string, params: Record<string, unknown>) => Promise<Neo4jRecord[]>,
  query: string,
  ids: string[],
  /** Filled with id → element id (existing-kinds only). */
  elements?: Map<string, string>,
): Promise<Map<string, EntityKind>> {
  const out = new Map<string, EntityKind>();
  for (let i = 0; i < ids.length; i += 20_000)
    for (const r of await read(query, { ids: ids.slice(i, i + 20_000) })) {
      const label = r.get('label') as string | null;
      if (!label) continue;
      out.set(r.get('id') as string, LABEL_KIND[label]!);
      elements?.set(r.get('id') as string, r.get('element') as string);
    }
  return out;
}

/** The kind of every id the template defines. */
function templateIds(t: Template): { templateKinds: Map<string, EntityKind> } {
  const templateKinds = new Map<string, EntityKind>();
  for (const [table, kind] of ENTITY_TABLES) for (const r of t[table]) templateKinds.set(r.id, kind);
  return { templateKinds };
}

/** The ids the template only references (the database's entities it relies on). */
const referencedIds = (src: StagedTemplate): string[] => [
  ...new Set(src.outsideReferences().map((r) => r.id)),
];

/**
 * The graph's kinds of the template's ids, read outside a write transaction (a staged
 * import or its dry run), after checking them and the references (checkKinds).
 */
async function checkedExistingKinds(
  read: (query: string, params: Record<string, unknown>) => Promise<Neo4jRecord[]>,
  src: StagedTemplate,
  opts: ImportOptions,
  elements: Map<string, string>,
): Promise<Map<string, EntityKind>> {
  const existing = await kindsOf(read, 'queries/import/existing-kinds', [...src.kinds.keys()], elements);
  checkKinds(
    src,
    opts,
    existing,
    await kindsOf(read, 'queries/import/existing-kinds', referencedIds(src), elements),
  );
  return existing;
}

export async function importTemplate(store: Store, t: Template, opts: ImportOptions): Promise<ImportSummary> {
  const threshold = opts.singleTransactionRows ?? singleTransactionRows();
  const total = templateRowCount(t);
  // An entity edit's check must run in the transaction that writes (it is always small).
  if (total <= threshold || opts.check) {
    refuseIncomplete(opts);
    return importInOneTransaction(store, t, opts, threshold);
  }
  return importStreamed(store, templateSource(t), opts);
}

function refuseIncomplete(opts: ImportOptions) {
  if (opts.replace) {
    const missing = missingTables(opts.tables ?? TEMPLATE_TABLE_NAMES, opts.allowEmpty);
    if (missing.length) throw new IncompleteTemplateError(missing);
  }
}

/**
 * The staged import (or its dry run) of a template read a batch at a time (StagedTemplate:
 * one in memory, or @smart/templates indexTemplate's, which reads its file again for each
 * table), whatever its size: the importer holds the template's id index and one batch.
 */
export async function importStreamed(
  store: Store,
  src: StagedTemplate,
  opts: ImportOptions,
): Promise<ImportSummary> {
  refuseIncomplete(opts);
  const total = sourceRowCount(src);
  const progress = (done: number) => opts.onProgress?.(done, total);
  if (!opts.dryRun) return importStaged(store, src, opts, progress);

  // A staged dry run: the reads decide the counts; nothing is written.
  const read = async (query: string, params: Record<string, unknown>) =>
    store.read(async (tx) => (await tx.run(cypher(query), params)).records);
  const elements = new Map<string, string>();
  const existing = await checkedExistingKinds(read, src, opts, elements);
  const byKind = await runImport(
    src,
    opts,
    { read, write: async () => [] },
    existing,
    elements,
    src.kinds,
    progress,
    (query, key, visit) => pageAllWith(read, query, key, visit),
    null,
  );
  return { byKind, rows: total, dryRun: true, snapshotId: null, submissionId: null };
}

/** Thrown inside a dry run's transaction so that Neo4j rolls it back. */
class DryRunRollback extends Error {}

/**
 * The import as one transaction (see the top of this file): MERGE upserts for the rows the
 * graph holds already, CREATE for the new ones, all in the transaction that bumped the version.
 */
async function importInOneTransaction(
  store: Store,
  t: Template,
  opts: ImportOptions,
  threshold: number,
): Promise<ImportSummary> {
  const batchSize = opts.batchSize ?? importBatchSize();
  const summary = emptySummary();
  const action = opts.action ?? (opts.replace ? 'import-replace' : 'import');
  const src = templateSource(t);
  const templateKinds = src.kinds;
  const referenced = referencedIds(src);

  // What is new decides CREATE or MERGE; it is read inside the write transaction (below).
  let existing = new Map<string, EntityKind>();
  // Rows whose ids the graph does not hold yet are CREATEd (no lookup, no old links to
  // drop); the others are MERGEd. An edge with a new endpoint cannot exist yet either.
  // (An id the template only references, defined in the graph already, is not new.)
  const isNew = (id: string) => templateKinds.has(id) && !existing.has(id);
  const links = {
    services: t.services.map((r) => ({ id: r.id, owner: r.supplierId })),
    assets: t.assets.map((r) => ({ id: r.id, owner: r.organizationId })),
    workflows: t.workflows.map((r) => ({ id: r.id, owner: r.organizationId })),
  };
  const dependencyRows = t.dependencies.map((d) => ({
    from: d.from,
    to: d.to,
    props: props(d, ['from', 'to']),
  }));
  const edgeIsNew = (d: { from: string; to: string }) => isNew(d.from) || isNew(d.to);
  // perRow: the statement returns a record per row written (the creates), not counts.
  const steps = (): {
    query: string;
    rows: object[];
    counts?: SummaryKey;
    params?: object;
    perRow?: boolean;
  }[] => [
    ...ENTITY_TABLES.flatMap(([table, kind, file]) => {
      const owner = table in OWNER_FIELD ? OWNER_FIELD[table as keyof typeof OWNER_FIELD] : undefined;
      const rows = t[table].map((r) => ({ id: r.id, props: props(r, owner ? [owner] : []) }));
      return [
        { query: `create-${file}`, counts: kind, rows: rows.filter((r) => isNew(r.id)), perRow: true },
        // One statement for every kind, the label a parameter (DESIGN §8: still a unique seek).
        {
          query: 'upsert-entities',
          counts: kind,
          rows: rows.filter((r) => !isNew(r.id)),
          params: { label: KIND_LABEL[kind] },
        },
      ];
    }),
    {
      query: 'create-links',
      rows: [...links.services, ...links.assets, ...links.workflows].filter((l) => isNew(l.id)),
    },
    ...(['services', 'assets', 'workflows'] as const).map((table) => ({
      query: `link-${table}`,
      rows: links[table].filter((l) => !isNew(l.id)),
    })),
    { query: 'link-functions', rows: t.workflowFunctions },
    { query: 'create-dependencies', counts: 'DEPENDENCY', rows: dependencyRows.filter(edgeIsNew) },
    { query: 'upsert-dependencies', counts: 'DEPENDENCY', rows: dependencyRows.filter((d) => !edgeIsNew(d)) },
  ];
  let snapshotId: string | null = null;

  await store
    .write(
      async (tx) => {
        // A retried transaction starts its counts again.
        for (const s of Object.values(summary)) Object.assign(s, { created: 0, updated: 0, removed: 0 });
        snapshotId = null;
        const [lock] = (
          await tx.run(cypher('queries/import/lock-graph-version'), store.changeLogParams(opts.changes))
        ).records;
        // A staged import under way refuses this one (CONFLICT), as it does every write.
        refuseWhileImporting(lock!.get('importing'));
        await opts.check?.(tx);
        const read = async (query: string, params: Record<string, unknown>) =>
          (await tx.run(cypher(query), params)).records;
        existing = await kindsOf(read, 'queries/import/existing-kinds', [...templateKinds.keys()]);
        checkKinds(src, opts, existing, await kindsOf(read, 'queries/import/lock-references', referenced));
        if (!opts.dryRun && (opts.replace || opts.snapshot))
          snapshotId = await snapshotInTransaction(tx, {
            reason: action,
            actor: opts.actor,
            source: opts.source ?? null,
            versionBefore: lock!.get('before') as number,
            versionAfter: lock!.get('version') as number,
          });

        const plan = steps();
        const total = plan.reduce((n, step) => n + step.rows.length, 0);
        let done = 0;
        for (const step of plan) {
          const text = cypher(`queries/import/${step.query}`);
          for (let i = 0; i < step.rows.length; i += batchSize) {
            const batch = step.rows.slice(i, i + batchSize);
            const records = (await tx.run(text, { ...step.params, rows: batch })).records;
            const r = records[0];
            if (step.counts && step.perRow) summary[step.counts].created += records.length;
            else if (step.counts && r) {
              summary[step.counts].created += r.get('created') as number;
              summary[step.counts].updated += r.get('updated') as number;
            }
            done += batch.length;
            opts.onProgress?.(done, total);
          }
        }
        if (opts.replace) {
          const removedEntities = await tx.run(cypher('queries/import/remove-absent-entities'), {
            keep: [...templateKinds.keys()],
          });
          for (const r of removedEntities.records)
            summary[LABEL_KIND[r.get('label') as string]!].removed += r.get('removed') as number;
          const keep = [
            ...t.dependencies.map((d) => `${d.from}\u0000${d.to}`),
            ...t.workflowFunctions.map((l) => `${l.workflowId}\u0000${l.functionId}`),
          ];
          const removedEdges = await tx.run(cypher('queries/import/remove-absent-dependencies'), { keep });
          for (const r of removedEdges.records)
            if (r.get('kind') === 'DEPENDS_ON') summary.DEPENDENCY.removed += r.get('removed') as number;
        }
        await provenanceBatches(src, opts, batchSize, snapshotId, async (statements) => {
          for (const st of statements) await tx.run(cypher(st.query), st.params);
        });
        const audit = await tx.run(cypher('queries/import/audit'), {
          actor: opts.actor,
          action,
          target: opts.source ?? null,
          details: JSON.stringify(summary),
        });
        if (snapshotId)
          await tx.run(cypher('queries/snapshot/set-audit'), {
            id: snapshotId,
            auditId: audit.records[0]!.get('id'),
          });
        if (opts.dryRun) throw new DryRunRollback();
      },
      // The version was bumped first (lock-graph-version), not at the end.
      {
        timeoutMs: 60 * 60 * 1000,
        metadata: { app: 'smart-graph', action: opts.dryRun ? 'import-dry-run' : 'import' },
      },
    )
    .catch((err: unknown) => {
      if (err instanceof DryRunRollback) return;
      if (err instanceof Neo4jError && err.code.includes('OutOfMemoryError'))
        throw new ImportTooLargeError(templateRowCount(t), threshold);
      throw err;
    });
  return {
    byKind: summary,
    rows: templateRowCount(t),
    dryRun: opts.dryRun ?? false,
    snapshotId,
    submissionId: opts.dryRun ? null : (opts.submission?.id ?? null),
  };
}

/** Visits every row of a paged query (`$after`, `$limit`, in `key` order). */
async function pageAllWith(
  read: (query: string, params: Record<string, unknown>) => Promise<Neo4jRecord[]>,
  query: string,
  key: string,
  visit: (r: Neo4jRecord) => void,
  page = 20_000,
): Promise<void> {
  let after = '';
  for (;;) {
    const records = await read(query, { after, limit: neo4j.int(page) });
    for (const r of records) visit(r);
    if (records.length < page) return;
    after = records[records.length - 1]!.get(key) as string;
  }
}

/**
 * The staged import (see the top of this file): journal, snapshot, batches, commit; on
 * a failure the map is rolled back from the snapshot before the error is thrown.
 */
async function importStaged(
  store: Store,
  src: StagedTemplate,
  opts: ImportOptions,
  progress: (done: number) => void,
): Promise<ImportSummary> {
  const action = opts.action ?? (opts.replace ? 'import-replace' : 'import');
  const journal = await beginImport(store, {
    actor: opts.actor,
    action,
    source: opts.source ?? null,
    total: sourceRowCount(src),
  });
  try {
    const read = async (query: string, params: Record<string, unknown>) =>
      store.read(async (tx) => (await tx.run(cypher(query), params)).records);
    // No writer commits while the journal exists: these reads hold until the commit.
    const elements = new Map<string, string>();
    const existing = await checkedExistingKinds(read, src, opts, elements);

    const snap = await writeSnapshotChunks(
      store,
      journal.snapshot,
      (query, params) => journal.write([{ query, params }], 0, 'snapshot').then(() => undefined),
      opts.onSnapshotProgress,
    );
    await journal.write(
      [stagedSnapshotStatement(journal, snap, { actor: opts.actor, action, source: opts.source ?? null })],
      0,
      'writing',
    );

    const byKind = await runImport(
      src,
      opts,
      { read, write: (statements, rows) => journal.write(statements, rows, 'writing') },
      existing,
      elements,
      src.kinds,
      progress,
      (query, key, visit) => pageAllWith(read, query, key, visit),
      journal.snapshot,
    );
    await journal.commit(async (tx, version) => {
      const audit = await tx.run(cypher('queries/import/audit'), {
        actor: opts.actor,
        action,
        target: opts.source ?? null,
        details: JSON.stringify(byKind),
      });
      await tx.run(cypher('queries/snapshot/commit-staged'), {
        id: journal.snapshot,
        version: neo4j.int(version),
        auditId: audit.records[0]!.get('id'),
      });
      await tx.run(cypher('queries/snapshot/prune'), { keep: neo4j.int(keepSnapshots()) });
    }, store.changeLogParams(opts.changes));
    return {
      byKind,
      rows: sourceRowCount(src),
      dryRun: false,
      snapshotId: journal.snapshot,
      submissionId: opts.submission?.id ?? null,
    };
  } catch (err) {
    await journal.rollBack();
    throw err;
  }
}

/**
 * The last step of a bulk load (`smart import --bulk`: neo4j-admin wrote the map into a new
 * database, and the schema is in place): the graph version moves past `versionBefore`
 * (the version of the database that was overwritten, 0 for none), the submission the load
 * is recorded as (if any: its node, as an import writes it, with no undo snapshot; the
 * rows' `submissions` lists came in the loaded files) and the import is audited, in one
 * transaction. Returns the new version.
 */
export async function recordBulkImport(
  store: Store,
  opts: {
    actor: string;
    source: string;
    versionBefore: number;
    details: unknown;
    submission?: SubmissionRecord | null;
  },
): Promise<number> {
  return store.write(
    async (tx) => {
      await tx.run(cypher('queries/import/bulk-graph-meta'), { before: neo4j.int(opts.versionBefore) });
      if (opts.submission)
        await tx.run(cypher('queries/import/record-submission'), {
          submission: submissionParams(opts.submission),
          snapshot: null,
        });
      const [bump] = (await tx.run(cypher('queries/bump-graph-version'), store.changeLogParams(null)))
        .records;
      await tx.run(cypher('queries/import/audit'), {
        actor: opts.actor,
        action: 'import-bulk',
        target: opts.source,
        details: JSON.stringify(opts.details),
      });
      return bump!.get('version') as number;
    },
    { metadata: { app: 'smart-graph', action: 'import-bulk' } },
  );
}

/**
 * One audit event on its own transaction, for an import attempt that writes
 * nothing else: a dry run, or an upload refused by a read limit. Who tried what
 * stays on the record even when the graph does not change (no version bump).
 */
export async function auditImportAttempt(
  store: Store,
  event: { actor: string; action: 'import-dry-run' | 'import-refused'; source: string; details: unknown },
): Promise<void> {
  await store.write(
    async (tx) => {
      await tx.run(cypher('queries/import/audit'), {
        actor: event.actor,
        action: event.action,
        target: event.source,
        details: JSON.stringify(event.details),
      });
    },
    { metadata: { app: 'smart-graph', action: event.action } },
  );
}
