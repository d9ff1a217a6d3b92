// Figures of a generated or demo ecosystem (counts, dependencies per entity, share of
// alternatives) and the kind of every id; the template's rules themselves are checked
// by @smart/templates, the importer's reader (see the seed tests).
import { type EntityKind, entityCounts, type Template } from '@smart/domain';

export interface EcosystemStats {
  counts: Record<EntityKind, number>;
  entities: number;
  dependencies: number;
  workflowFunctions: number;
  /** DEPENDS_ON edges per entity. */
  dependenciesPerEntity: number;
  /** Share of dependencies that carry a group label (alternatives). */
  groupedShare: number;
}

export function ecosystemStats(t: Template): EcosystemStats {
  const counts = entityCounts(t);
  const entities = Object.values(counts).reduce((a, b) => a + b, 0);
  const grouped = t.dependencies.filter((d) => d.group !== undefined && d.group !== '').length;
  return {
    counts,
    entities,
    dependencies: t.dependencies.length,
    workflowFunctions: t.workflowFunctions.length,
    dependenciesPerEntity: entities ? t.dependencies.length / entities : 0,
    groupedShare: t.dependencies.length ? grouped / t.dependencies.length : 0,
  };
}

/** The kind of every id in the template. */
export function kindIndex(t: Template): Map<string, EntityKind> {
  const kinds = new Map<string, EntityKind>();
  const add = (rows: { id: string }[], kind: EntityKind) => {
    for (const r of rows) kinds.set(r.id, kinds.has(r.id) ? kinds.get(r.id)! : kind);
  };
  add(t.organizations, 'ORGANIZATION');
  add(t.suppliers, 'SUPPLIER');
  add(t.services, 'SERVICE');
  add(t.assets, 'ASSET');
  add(t.workflows, 'WORKFLOW');
  add(t.criticalFunctions, 'CRITICAL_FUNCTION');
  return kinds;
}
