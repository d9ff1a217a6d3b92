// A SMART template straight into the engine's graph, fed as the store's projection
// feeds the builder (category = coalesce(category, type); an organization's type is its
// category), so a graph from a template equals the projection of the same template
// imported into Neo4j. For tests, benchmarks and back-tests that need no database.
import type { Template } from '@smart/domain';
import { type CompactGraph, GraphBuilder } from './graph';

export function graphBuilderFromTemplate(t: Template): GraphBuilder {
  const b = new GraphBuilder();
  for (const r of t.organizations)
    b.addNode({
      id: r.id,
      kind: 'ORGANIZATION',
      name: r.name,
      category: r.type,
      subsector: r.subsector,
      region: r.region,
    });
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

export function graphFromTemplate(t: Template): CompactGraph {
  return graphBuilderFromTemplate(t).build();
}
