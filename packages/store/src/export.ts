// Reads the whole graph back as a template (the inverse of import), a page at a time:
// exportTemplate collects it, templateRows streams it (a backup writes it row by row).
import neo4j from 'neo4j-driver';
import { LABEL_KIND, type Template, type TemplateTableName, emptyTemplate } from '@smart/domain';
import { cypher } from './cypher';
import type { Store } from './store';

async function* pages<T>(store: Store, query: string, key: (row: T) => string, limit: number) {
  let after = '';
  for (;;) {
    const rows = await store.read(async (tx) =>
      (await tx.run(cypher(query), { after, limit: neo4j.int(limit) })).records.map((r) => r.toObject() as T),
    );
    if (rows.length === 0) return;
    yield rows;
    after = key(rows[rows.length - 1]!);
    if (rows.length < limit) return;
  }
}

type Props = Record<string, unknown>;
const text = (v: unknown) => (v === null || v === undefined ? undefined : String(v));
const num = (v: unknown) => (typeof v === 'number' ? v : undefined);

/** One row of a template table, as the table's rows hold it. */
export type TemplateRow = {
  [T in TemplateTableName]: { table: T; row: Template[T][number] };
}[TemplateTableName];

/** The template row of one entity of the export query. */
function entityRow(id: string, label: string, p: Props, owner: string | null): TemplateRow | undefined {
  const name = String(p.name);
  const notes = text(p.notes);
  switch (LABEL_KIND[label]) {
    case 'ORGANIZATION':
      return {
        table: 'organizations',
        row: {
          id,
          name,
          subsector: p.subsector as Template['organizations'][number]['subsector'],
          type: text(p.type),
          region: text(p.region),
          size: p.size as Template['organizations'][number]['size'],
          beds: num(p.beds),
          notes,
        },
      };
    case 'SUPPLIER':
      return {
        table: 'suppliers',
        row: {
          id,
          name,
          category: text(p.category),
          country: text(p.country),
          securityRating: num(p.securityRating),
          notes,
        },
      };
    case 'SERVICE':
      return {
        table: 'services',
        row: {
          id,
          name,
          supplierId: owner ?? '',
          type: p.type as Template['services'][number]['type'],
          category: text(p.category),
          region: text(p.region),
          notes,
        },
      };
    case 'ASSET':
      return { table: 'assets', row: { id, name, organizationId: owner ?? '', type: text(p.type), notes } };
    case 'WORKFLOW':
      return {
        table: 'workflows',
        row: {
          id,
          name,
          organizationId: owner ?? '',
          category: p.category as Template['workflows'][number]['category'],
          sectorWorkflow: text(p.sectorWorkflow),
          criticality: num(p.criticality),
          toleranceHours: num(p.toleranceHours),
          workaroundCapacity: num(p.workaroundCapacity),
          volumePerDay: num(p.volumePerDay),
          volumeUnit: text(p.volumeUnit),
          notes,
        },
      };
    case 'CRITICAL_FUNCTION':
      return {
        table: 'criticalFunctions',
        row: { id, name, description: text(p.description), ncf: text(p.ncf) },
      };
    default:
      return undefined;
  }
}

/** The kinds whose rows link to an owner (supplier, organization) that must exist first. */
const OWNED: ReadonlySet<TemplateTableName> = new Set(['services', 'assets', 'workflows']);

/**
 * Every row of the graph as a template, a page at a time, in an order a writer can
 * follow without holding rows back: a first pass over the entities yields those with no
 * owner (organizations, suppliers, critical functions), a second the owned kinds
 * (services, assets, workflows), then come dependencies and workflow-function links.
 * Id order within each pass. `entities: false` skips the two entity passes.
 */
export async function* templateRows(
  store: Store,
  opts: { pageSize?: number; entities?: boolean } = {},
): AsyncGenerator<TemplateRow> {
  const limit = opts.pageSize ?? 10_000;
  for (const owned of opts.entities === false ? [] : [false, true]) {
    for await (const page of pages<{ id: string; label: string; props: Props; owner: string | null }>(
      store,
      'queries/export/entities',
      (r) => r.id,
      limit,
    )) {
      for (const { id, label, props, owner } of page) {
        const row = entityRow(id, label, props, owner);
        if (row && OWNED.has(row.table) === owned) yield row;
      }
    }
  }
  for await (const page of pages<{ from: string; deps: { to: string; props: Props }[] }>(
    store,
    'queries/export/dependencies',
    (r) => r.from,
    limit,
  )) {
    for (const { from, deps } of page) {
      for (const { to, props: p } of deps.sort((a, b) => (a.to < b.to ? -1 : a.to > b.to ? 1 : 0))) {
        yield {
          table: 'dependencies',
          row: {
            from,
            to,
            group: text(p.group),
            strength: num(p.strength),
            source: p.source as Template['dependencies'][number]['source'],
            confidence: num(p.confidence),
            notes: text(p.notes),
          },
        };
      }
    }
  }
  for await (const page of pages<{ workflowId: string; functionIds: string[] }>(
    store,
    'queries/export/workflow-functions',
    (r) => r.workflowId,
    limit,
  )) {
    for (const { workflowId, functionIds } of page) {
      for (const functionId of functionIds.sort())
        yield { table: 'workflowFunctions', row: { workflowId, functionId } };
    }
  }
}

export async function exportTemplate(store: Store, opts: { pageSize?: number } = {}): Promise<Template> {
  const limit = opts.pageSize ?? 10_000;
  const t = emptyTemplate();
  // One pass over the entities (id order within each table), as the template has always been read.
  for await (const page of pages<{ id: string; label: string; props: Props; owner: string | null }>(
    store,
    'queries/export/entities',
    (r) => r.id,
    limit,
  )) {
    for (const { id, label, props, owner } of page) {
      const r = entityRow(id, label, props, owner);
      if (r) (t[r.table] as unknown[]).push(r.row);
    }
  }
  for await (const r of templateRows(store, { pageSize: limit, entities: false }))
    (t[r.table] as unknown[]).push(r.row);
  return t;
}
