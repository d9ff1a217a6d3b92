// A generated template fed to the engine's builder as the store's projection feeds it,
// for micro-measurements that need a graph without Neo4j (patch.ts, shared.ts).
import type { Template } from '@smart/domain';
import { GraphBuilder } from '@smart/engine';

/** The builder fed as the store's projection feeds it (category = coalesce(category, type)). */
export function builderOf(t: Template): GraphBuilder {
  const b = new GraphBuilder();
  for (const r of t.organizations)
    b.addNode({ id: r.id, kind: 'ORGANIZATION', name: r.name, category: r.type, subsector: r.subsector });
  for (const r of t.suppliers) b.addNode({ id: r.id, kind: 'SUPPLIER', name: r.name, category: r.category });
  for (const r of t.services) {
    b.addNode({ id: r.id, kind: 'SERVICE', name: r.name, category: r.category ?? r.type });
    b.addProvidedBy(r.id, r.supplierId);
  }
  for (const r of t.assets) {
    b.addNode({ id: r.id, kind: 'ASSET', name: r.name, category: r.type });
    b.addOwns(r.organizationId, r.id);
  }
  for (const r of t.workflows) {
    b.addNode({ ...r, kind: 'WORKFLOW', category: r.category });
    b.addPerforms(r.organizationId, r.id);
  }
  for (const r of t.criticalFunctions) b.addNode({ id: r.id, kind: 'CRITICAL_FUNCTION', name: r.name });
  for (const r of t.workflowFunctions) b.addSupports(r.workflowId, r.functionId);
  for (const d of t.dependencies) b.addDependency(d);
  return b;
}
