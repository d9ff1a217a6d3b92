// Reads the whole graph back as a template (the inverse of import), a page at a time.
import neo4j from 'neo4j-driver';
import { LABEL_KIND, type Template, emptyTemplate } from '@smart/domain';
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

export async function exportTemplate(store: Store, opts: { pageSize?: number } = {}): Promise<Template> {
  const limit = opts.pageSize ?? 10_000;
  const t = emptyTemplate();
  for await (const page of pages<{ id: string; label: string; props: Props; owner: string | null }>(
    store,
    'queries/export/entities',
    (r) => r.id,
    limit,
  )) {
    for (const { id, label, props: p, owner } of page) {
      const name = String(p.name);
      const notes = text(p.notes);
      switch (LABEL_KIND[label]) {
        case 'ORGANIZATION':
          t.organizations.push({
            id,
            name,
            subsector: p.subsector as Template['organizations'][number]['subsector'],
            type: text(p.type),
            region: text(p.region),
            size: p.size as Template['organizations'][number]['size'],
            beds: num(p.beds),
            notes,
          });
          break;
        case 'SUPPLIER':
          t.suppliers.push({
            id,
            name,
            category: text(p.category),
            country: text(p.country),
            securityRating: num(p.securityRating),
            notes,
          });
          break;
        case 'SERVICE':
          t.services.push({
            id,
            name,
            supplierId: owner ?? '',
            type: p.type as Template['services'][number]['type'],
            category: text(p.category),
            region: text(p.region),
            notes,
          });
          break;
        case 'ASSET':
          t.assets.push({ id, name, organizationId: owner ?? '', type: text(p.type), notes });
          break;
        case 'WORKFLOW':
          t.workflows.push({
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
          });
          break;
        case 'CRITICAL_FUNCTION':
          t.criticalFunctions.push({ id, name, description: text(p.description), ncf: text(p.ncf) });
          break;
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
        t.dependencies.push({
          from,
          to,
          group: text(p.group),
          strength: num(p.strength),
          source: p.source as Template['dependencies'][number]['source'],
          confidence: num(p.confidence),
          notes: text(p.notes),
        });
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
      for (const functionId of functionIds.sort()) t.workflowFunctions.push({ workflowId, functionId });
    }
  }
  return t;
}
