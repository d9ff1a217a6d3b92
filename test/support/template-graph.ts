// The engine graph of a template built straight from its rows with GraphBuilder, fed
// as the store's projection feeds it (category = coalesce(category, type)): what a
// projection read from Neo4j must equal.
import type { Template } from '@smart/domain';
import { type CompactGraph, GraphBuilder } from '@smart/engine';

export function templateGraph(t: Template): CompactGraph {
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
    b.addNode({
      id: r.id,
      kind: 'WORKFLOW',
      name: r.name,
      category: r.category,
      toleranceHours: r.toleranceHours,
      workaroundCapacity: r.workaroundCapacity,
      volumePerDay: r.volumePerDay,
      criticality: r.criticality,
    });
    b.addPerforms(r.organizationId, r.id);
  }
  for (const r of t.criticalFunctions) b.addNode({ id: r.id, kind: 'CRITICAL_FUNCTION', name: r.name });
  for (const r of t.workflowFunctions) b.addSupports(r.workflowId, r.functionId);
  for (const d of t.dependencies)
    b.addDependency({ from: d.from, to: d.to, group: d.group, strength: d.strength });
  return b.build();
}
