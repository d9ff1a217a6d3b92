// Writes a validated template into Neo4j as one transaction: batches of UNWIND
// upserts inside it, so a failure, a crash or a kill part-way leaves the graph as
// it was (Neo4j rolls back an uncommitted transaction). Idempotent by id.
import { type EntityKind, LABEL_KIND, type Template } from '@smart/domain';
import neo4j, { Neo4jError } from 'neo4j-driver';
import { cypher } from './cypher';
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
}

export interface ImportOptions {
  /** Remove entities and dependencies the template no longer holds. */
  replace?: boolean;
  /** Who imports, for the audit trail. */
  actor: string;
  /** Where the template came from (file name), for the audit trail. */
  source?: string;
  /** The audit action; default 'import' (or 'import-replace'). */
  action?: string;
  batchSize?: number;
  onProgress?: (rowsWritten: number, rowsTotal: number) => void;
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

/** An id in the template is already used by an entity of another kind. */
export class KindConflictError extends Error {
  constructor(readonly conflicts: { id: string; templateKind: EntityKind; existingKind: EntityKind }[]) {
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

export async function importTemplate(store: Store, t: Template, opts: ImportOptions): Promise<ImportSummary> {
  const batchSize = opts.batchSize ?? 5_000;
  const summary = emptySummary();

  const templateKinds = new Map<string, EntityKind>();
  for (const [table, kind] of ENTITY_TABLES) for (const r of t[table]) templateKinds.set(r.id, kind);
  const existing = await existingKinds(store, [...templateKinds.keys()]);
  const conflicts = [...existing]
    .filter(([id, kind]) => templateKinds.get(id) !== kind)
    .map(([id, existingKind]) => ({ id, existingKind, templateKind: templateKinds.get(id)! }));
  if (conflicts.length) throw new KindConflictError(conflicts);

  // Rows whose ids the graph does not hold yet are CREATEd (no lookup, no old links to
  // drop); the others are MERGEd. An edge with a new endpoint cannot exist yet either.
  // (An id the template only references, defined in the graph already, is not new.)
  const isNew = (id: string) => templateKinds.has(id) && !existing.has(id);
  const links = {
    services: t.services.map((r) => ({ id: r.id, owner: r.supplierId })),
    assets: t.assets.map((r) => ({ id: r.id, owner: r.organizationId })),
    workflows: t.workflows.map((r) => ({ id: r.id, owner: r.organizationId })),
  };
  const newLinks = [...links.services, ...links.assets, ...links.workflows].filter((l) => isNew(l.id));
  const dependencyRows = t.dependencies.map((d) => ({
    from: d.from,
    to: d.to,
    props: props(d, ['from', 'to']),
  }));
  const edgeIsNew = (d: { from: string; to: string }) => isNew(d.from) || isNew(d.to);

  // Every batch of every step runs inside the one transaction below.
  const steps: { query: string; rows: object[]; counts?: SummaryKey }[] = [
    ...ENTITY_TABLES.flatMap(([table, kind, file]) => {
      const owner = table in OWNER_FIELD ? OWNER_FIELD[table as keyof typeof OWNER_FIELD] : undefined;
      const rows = t[table].map((r) => ({ id: r.id, props: props(r, owner ? [owner] : []) }));
      return [
        { query: `create-${file}`, counts: kind, rows: rows.filter((r) => isNew(r.id)) },
        { query: `upsert-${file}`, counts: kind, rows: rows.filter((r) => !isNew(r.id)) },
      ];
    }),
    { query: 'create-links', rows: newLinks },
    ...(['services', 'assets', 'workflows'] as const).map((table) => ({
      query: `link-${table}`,
      rows: links[table].filter((l) => !isNew(l.id)),
    })),
    { query: 'link-functions', rows: t.workflowFunctions },
    { query: 'create-dependencies', counts: 'DEPENDENCY', rows: dependencyRows.filter(edgeIsNew) },
    { query: 'upsert-dependencies', counts: 'DEPENDENCY', rows: dependencyRows.filter((d) => !edgeIsNew(d)) },
  ];
  const work = steps.reduce((n, step) => n + step.rows.length, 0);

  await store
    .write(
      async (tx) => {
        // A retried transaction starts its counts again.
        for (const s of Object.values(summary)) Object.assign(s, { created: 0, updated: 0, removed: 0 });
        let done = 0;
        for (const step of steps) {
          const text = cypher(`queries/import/${step.query}`);
          for (let i = 0; i < step.rows.length; i += batchSize) {
            const batch = step.rows.slice(i, i + batchSize);
            const r = (await tx.run(text, { rows: batch })).records[0];
            if (step.counts && r) {
              summary[step.counts].created += r.get('created');
              summary[step.counts].updated += r.get('updated');
            }
            done += batch.length;
            opts.onProgress?.(done, work);
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
        await tx.run(cypher('queries/import/audit'), {
          actor: opts.actor,
          action: opts.action ?? (opts.replace ? 'import-replace' : 'import'),
          target: opts.source ?? null,
          details: JSON.stringify(summary),
        });
      },
      { bumpVersion: true, timeoutMs: 60 * 60 * 1000, metadata: { app: 'smart-graph', action: 'import' } },
    )
    .catch((err: unknown) => {
      if (err instanceof Neo4jError && err.code.includes('OutOfMemoryError'))
        throw new ImportTooLargeError(work);
      throw err;
    });
  return { byKind: summary, rows: templateRowCount(t) };
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
