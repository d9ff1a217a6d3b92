// Writes a validated template into Neo4j as one transaction: batches of UNWIND
// upserts inside it, so a failure, a crash or a kill part-way leaves the graph as
// it was (Neo4j rolls back an uncommitted transaction). Idempotent by id.
//
// Inside that transaction, before writing: the graph version is bumped (holding its
// lock), the kinds of the template's ids are read, the entities it only references are
// checked and write-locked (a delete committed since the template was validated fails
// the import with located errors instead of making MATCHes skip rows), and an undo
// snapshot of the map is kept (./snapshot). A dry run is the same transaction rolled
// back, so it reports exactly what a real run would create, update and remove.
import {
  type GraphChange,
  type EntityKind,
  LABEL_KIND,
  TEMPLATE_TABLE_NAMES,
  TEMPLATE_TABLES,
  type Template,
  type TemplateTableName,
} from '@smart/domain';
import neo4j, { type ManagedTransaction, Neo4jError } from 'neo4j-driver';
import { cypher } from './cypher';
import { snapshotInTransaction } from './snapshot';
import type { Store } from './store';

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
  batchSize?: number;
  onProgress?: (rowsWritten: number, rowsTotal: number) => void;
  /**
   * Runs in the write transaction right after the graph version is locked, before
   * anything is read or written; throwing rolls the import back (an entity edit's
   * optimistic version check).
   */
  check?: (tx: ManagedTransaction) => Promise<void>;
}

/** The database refused a transaction this large; nothing was written. */
export class ImportTooLargeError extends Error {
  constructor(readonly rows: number) {
    super(
      `nothing was imported: ${rows} rows are more than the database's transaction memory holds ` +
        '(an import is one transaction). Give Neo4j more heap (NEO4J_HEAP for the local one) or split the template.',
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

/** Thrown inside a dry run's transaction so that Neo4j rolls it back. */
class DryRunRollback extends Error {}

export async function importTemplate(store: Store, t: Template, opts: ImportOptions): Promise<ImportSummary> {
  const batchSize = opts.batchSize ?? 5_000;
  const summary = emptySummary();

  if (opts.replace) {
    const missing = missingTables(opts.tables ?? TEMPLATE_TABLE_NAMES, opts.allowEmpty);
    if (missing.length) throw new IncompleteTemplateError(missing);
  }

  const templateKinds = new Map<string, EntityKind>();
  for (const [table, kind] of ENTITY_TABLES) for (const r of t[table]) templateKinds.set(r.id, kind);
  const refs = references(t).filter((r) => !templateKinds.has(r.id));
  const referenced = [...new Set(refs.map((r) => r.id))];

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
  const newLinks = () => [...links.services, ...links.assets, ...links.workflows].filter((l) => isNew(l.id));
  const dependencyRows = t.dependencies.map((d) => ({
    from: d.from,
    to: d.to,
    props: props(d, ['from', 'to']),
  }));
  const edgeIsNew = (d: { from: string; to: string }) => isNew(d.from) || isNew(d.to);

  // Every batch of every step runs inside the one transaction below (after `existing` is read there).
  const steps = (): { query: string; rows: object[]; counts?: SummaryKey }[] => [
    ...ENTITY_TABLES.flatMap(([table, kind, file]) => {
      const owner = table in OWNER_FIELD ? OWNER_FIELD[table as keyof typeof OWNER_FIELD] : undefined;
      const rows = t[table].map((r) => ({ id: r.id, props: props(r, owner ? [owner] : []) }));
      return [
        { query: `create-${file}`, counts: kind, rows: rows.filter((r) => isNew(r.id)) },
        { query: `upsert-${file}`, counts: kind, rows: rows.filter((r) => !isNew(r.id)) },
      ];
    }),
    { query: 'create-links', rows: newLinks() },
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
        const [lock] = (
          await tx.run(cypher('queries/import/lock-graph-version'), store.changeLogParams(opts.changes))
        ).records;
        await opts.check?.(tx);

        existing = new Map();
        const ids = [...templateKinds.keys()];
        for (let i = 0; i < ids.length; i += 20_000) {
          const found = await tx.run(cypher('queries/import/existing-kinds'), {
            ids: ids.slice(i, i + 20_000),
          });
          for (const r of found.records) existing.set(r.get('id'), LABEL_KIND[r.get('label') as string]!);
        }
        const conflicts = [...existing]
          .filter(([id, kind]) => templateKinds.get(id) !== kind)
          .map(([id, existingKind]): KindConflict => {
            const templateKind = templateKinds.get(id)!;
            // The row defining it, so that the refusal says where (rowLocation).
            const table = ENTITY_TABLES.find(([, k]) => k === templateKind)![0];
            const row = (t[table] as { id: string }[]).findIndex((r) => r.id === id);
            return { id, existingKind, templateKind, table, row };
          });
        if (conflicts.length) throw new KindConflictError(conflicts);

        const held = new Map<string, EntityKind | undefined>();
        for (let i = 0; i < referenced.length; i += 20_000) {
          const found = await tx.run(cypher('queries/import/lock-references'), {
            ids: referenced.slice(i, i + 20_000),
          });
          for (const r of found.records) {
            const label = r.get('label') as string | null;
            held.set(r.get('id'), label ? LABEL_KIND[label] : undefined);
          }
        }
        const stale: StaleReference[] = [];
        for (const ref of refs) {
          const kind = held.get(ref.id);
          let message: string | undefined;
          if (!kind)
            message = `'${ref.id}' is no longer in the database (deleted after the template was checked)`;
          else if (ref.kinds && !ref.kinds.includes(kind))
            message = `'${ref.id}' is now a ${kind}, not a ${ref.kinds.join(' or ')}`;
          else if (opts.replace)
            message = `'${ref.id}' is not in the template, so the replace would remove it; add its row to ${
              TEMPLATE_TABLES[ENTITY_TABLES.find(([, k]) => k === kind)![0]].file
            }`;
          if (message)
            stale.push({ table: ref.table, row: ref.row, column: ref.column, id: ref.id, message });
        }
        if (stale.length) throw new StaleReferenceError(stale);

        if (!opts.dryRun && (opts.replace || opts.snapshot)) {
          snapshotId = await snapshotInTransaction(tx, {
            reason: opts.action ?? (opts.replace ? 'import-replace' : 'import'),
            actor: opts.actor,
            source: opts.source ?? null,
            versionBefore: lock!.get('before') as number,
            versionAfter: lock!.get('version') as number,
          });
        }

        const plan = steps();
        const total = plan.reduce((n, step) => n + step.rows.length, 0);
        let done = 0;
        for (const step of plan) {
          const text = cypher(`queries/import/${step.query}`);
          for (let i = 0; i < step.rows.length; i += batchSize) {
            const batch = step.rows.slice(i, i + batchSize);
            const r = (await tx.run(text, { rows: batch })).records[0];
            if (step.counts && r) {
              summary[step.counts].created += r.get('created');
              summary[step.counts].updated += r.get('updated');
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
            summary[LABEL_KIND[r.get('label') as string]!].removed += r.get('removed');
          const keep = [
            ...t.dependencies.map((d) => `${d.from}\u0000${d.to}`),
            ...t.workflowFunctions.map((l) => `${l.workflowId}\u0000${l.functionId}`),
          ];
          const removedEdges = await tx.run(cypher('queries/import/remove-absent-dependencies'), { keep });
          for (const r of removedEdges.records)
            if (r.get('kind') === 'DEPENDS_ON') summary.DEPENDENCY.removed += r.get('removed');
        }
        const audit = await tx.run(cypher('queries/import/audit'), {
          actor: opts.actor,
          action: opts.action ?? (opts.replace ? 'import-replace' : 'import'),
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
        throw new ImportTooLargeError(templateRowCount(t));
      throw err;
    });
  return { byKind: summary, rows: templateRowCount(t), dryRun: opts.dryRun ?? false, snapshotId };
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
