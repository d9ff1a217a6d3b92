// Structural checks of a Template: the rules an import enforces (DESIGN.md §5)
// that span rows: ids unique across kinds, every reference resolves, dependency
// endpoints of the allowed kinds, no self-dependencies, no duplicate edges.
import {
  DEPENDENCY_FROM_KINDS,
  DEPENDENCY_TO_KINDS,
  DEPENDENCY_SOURCES,
  type EntityKind,
  entityCounts,
  ORGANIZATION_SIZES,
  SERVICE_TYPES,
  SUBSECTORS,
  type Template,
  WORKFLOW_CATEGORIES,
} from '@smart/domain';

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

/** Problems found (empty when the template is consistent); at most `limit` are listed. */
export function checkIntegrity(t: Template, limit = 50): string[] {
  const problems: string[] = [];
  const report = (msg: string) => {
    if (problems.length < limit) problems.push(msg);
  };
  const seen = new Set<string>();
  const all: [string, { id: string }[]][] = [
    ['organizations', t.organizations],
    ['suppliers', t.suppliers],
    ['services', t.services],
    ['assets', t.assets],
    ['workflows', t.workflows],
    ['critical_functions', t.criticalFunctions],
  ];
  for (const [table, rows] of all) {
    for (const r of rows) {
      if (!r.id || /\s/.test(r.id)) report(`${table}: invalid id "${r.id}"`);
      if (seen.has(r.id)) report(`${table}: duplicate id ${r.id}`);
      seen.add(r.id);
    }
  }
  const kinds = kindIndex(t);
  const expect = (table: string, id: string, ref: string, kind: EntityKind) => {
    const k = kinds.get(ref);
    if (k === undefined) report(`${table}: ${id} refers to unknown ${ref}`);
    else if (k !== kind) report(`${table}: ${id} refers to ${ref}, a ${k}, not a ${kind}`);
  };
  const inEnum = (table: string, id: string, field: string, v: unknown, values: readonly string[]) => {
    if (v !== undefined && !values.includes(v as string))
      report(`${table}: ${id} ${field} "${String(v)}" invalid`);
  };
  const inRange = (table: string, id: string, field: string, v: unknown, lo: number, hi = Infinity) => {
    if (v === undefined) return;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < lo || v > hi) {
      report(`${table}: ${id} ${field} ${String(v)} out of range`);
    }
  };

  for (const o of t.organizations) {
    inEnum('organizations', o.id, 'subsector', o.subsector, SUBSECTORS);
    inEnum('organizations', o.id, 'size', o.size, ORGANIZATION_SIZES);
    inRange('organizations', o.id, 'beds', o.beds, 0);
    if (o.beds !== undefined && !Number.isInteger(o.beds))
      report(`organizations: ${o.id} beds not an integer`);
  }
  for (const s of t.suppliers) inRange('suppliers', s.id, 'security_rating', s.securityRating, 0, 100);
  for (const s of t.services) {
    expect('services', s.id, s.supplierId, 'SUPPLIER');
    inEnum('services', s.id, 'type', s.type, SERVICE_TYPES);
  }
  for (const a of t.assets) expect('assets', a.id, a.organizationId, 'ORGANIZATION');
  for (const w of t.workflows) {
    expect('workflows', w.id, w.organizationId, 'ORGANIZATION');
    inEnum('workflows', w.id, 'category', w.category, WORKFLOW_CATEGORIES);
    inRange('workflows', w.id, 'criticality', w.criticality, 1, 5);
    if (w.criticality !== undefined && !Number.isInteger(w.criticality))
      report(`workflows: ${w.id} criticality`);
    inRange('workflows', w.id, 'tolerance_hours', w.toleranceHours, 0);
    inRange('workflows', w.id, 'workaround_capacity', w.workaroundCapacity, 0, 1);
    inRange('workflows', w.id, 'volume_per_day', w.volumePerDay, 0);
  }
  const wfPairs = new Set<string>();
  for (const wf of t.workflowFunctions) {
    const key = `${wf.workflowId}\u0000${wf.functionId}`;
    expect('workflow_functions', key, wf.workflowId, 'WORKFLOW');
    expect('workflow_functions', key, wf.functionId, 'CRITICAL_FUNCTION');
    if (wfPairs.has(key)) report(`workflow_functions: duplicate ${wf.workflowId} -> ${wf.functionId}`);
    wfPairs.add(key);
  }
  const edges = new Set<string>();
  for (const d of t.dependencies) {
    const name = `${d.from} -> ${d.to}`;
    const fk = kinds.get(d.from);
    const tk = kinds.get(d.to);
    if (fk === undefined) report(`dependencies: unknown from ${name}`);
    else if (!DEPENDENCY_FROM_KINDS.includes(fk)) report(`dependencies: ${name} starts at a ${fk}`);
    if (tk === undefined) report(`dependencies: unknown to ${name}`);
    else if (!DEPENDENCY_TO_KINDS.includes(tk)) report(`dependencies: ${name} ends at a ${tk}`);
    if (d.from === d.to) report(`dependencies: self-dependency ${name}`);
    if (edges.has(name)) report(`dependencies: duplicate ${name}`);
    edges.add(name);
    inRange('dependencies', name, 'strength', d.strength, 0, 1);
    inRange('dependencies', name, 'confidence', d.confidence, 0, 1);
    inEnum('dependencies', name, 'source', d.source, DEPENDENCY_SOURCES);
  }
  return problems;
}
