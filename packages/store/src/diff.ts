// Review before apply (issue 13 item 4): what an import would change in the map, row by
// row and field by field, read without writing: entities and dependencies added,
// changed (each field before → after), removed (a replace), and conflicts: a change or
// removal of what a submission of another contributor asserted (§2 "Provenance").
import { type EntityKind, LABEL_KIND, type Template } from '@smart/domain';
import neo4j from 'neo4j-driver';
import { cypher } from './cypher';
import type { Store } from './store';

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}
export interface EntityRef {
  id: string;
  kind: EntityKind;
}
export interface EdgeRef {
  from: string;
  to: string;
}
export interface ImportConflict {
  /** The entity id, or `from → to` of a dependency. */
  target: string;
  change: 'CHANGED' | 'REMOVED';
  /** The other contributors' submissions that asserted it. */
  assertedBy: { id: string; contributor: string; date: string }[];
}
export interface ImportDiff {
  entities: { added: EntityRef[]; changed: (EntityRef & { fields: FieldChange[] })[]; removed: EntityRef[] };
  dependencies: { added: EdgeRef[]; changed: (EdgeRef & { fields: FieldChange[] })[]; removed: EdgeRef[] };
  conflicts: ImportConflict[];
}

const TABLES = [
  ['organizations', 'ORGANIZATION', null],
  ['suppliers', 'SUPPLIER', null],
  ['services', 'SERVICE', 'supplierId'],
  ['assets', 'ASSET', 'organizationId'],
  ['workflows', 'WORKFLOW', 'organizationId'],
  ['criticalFunctions', 'CRITICAL_FUNCTION', null],
] as const;

const clean = (o: Record<string, unknown>, omit: string[]) =>
  Object.fromEntries(
    Object.entries(o).filter(([k, v]) => v !== undefined && v !== null && !omit.includes(k)),
  );

function fieldChanges(before: Record<string, unknown>, after: Record<string, unknown>): FieldChange[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return keys
    .filter((k) => before[k] !== after[k])
    .map((k) => ({ field: k, before: before[k] ?? null, after: after[k] ?? null }));
}

/**
 * The diff of importing `t` (aliases already resolved) into the map as it is. With
 * `contributor`, the import is that contributor's submission: only other contributors'
 * assertions are conflicts; without, every assertion a change touches is.
 */
export async function importDiff(
  store: Store,
  t: Template,
  opts: { replace?: boolean; contributor?: string | null } = {},
): Promise<ImportDiff> {
  const diff: ImportDiff = {
    entities: { added: [], changed: [], removed: [] },
    dependencies: { added: [], changed: [], removed: [] },
    conflicts: [],
  };
  const read = (query: string, params: Record<string, unknown>) =>
    store.read(async (tx) => (await tx.run(cypher(query), params)).records);
  const subs = new Map(
    (await read('queries/provenance/submissions', {})).map((r) => {
      const s = r.get('submission') as { id: string; contributor: string; date: string };
      return [s.id, { id: s.id, contributor: s.contributor, date: s.date }];
    }),
  );
  const conflict = (target: string, change: ImportConflict['change'], listed: unknown) => {
    const by = ((listed as string[] | null | undefined) ?? [])
      .map((id) => subs.get(id))
      .filter((s): s is NonNullable<typeof s> => s !== undefined && s.contributor !== opts.contributor);
    if (by.length) diff.conflicts.push({ target, change, assertedBy: by });
  };
  const kept = new Set<string>();
  for (const [table, kind, owner] of TABLES) {
    const rows = t[table] as unknown as Record<string, unknown>[];
    for (let i = 0; i < rows.length; i += 5_000) {
      const batch = rows.slice(i, i + 5_000);
      const found = new Map(
        (await read('queries/import/read-existing', { ids: batch.map((r) => r.id) })).map((r) => [
          r.get('id') as string,
          r,
        ]),
      );
      for (const row of batch) {
        const id = row.id as string;
        kept.add(id);
        const f = found.get(id);
        if (!f) {
          diff.entities.added.push({ id, kind });
          continue;
        }
        const stored = f.get('props') as Record<string, unknown>;
        const before = clean({ ...stored, ...(owner ? { [owner]: f.get('owner') } : {}) }, ['submissions']);
        const fields = fieldChanges(before, clean(row, []));
        if (fields.length) {
          diff.entities.changed.push({ id, kind, fields });
          conflict(id, 'CHANGED', stored.submissions);
        }
      }
    }
  }
  const keepEdges = new Set(t.dependencies.map((d) => `${d.from}\u0000${d.to}`));
  for (let i = 0; i < t.dependencies.length; i += 5_000) {
    const batch = t.dependencies.slice(i, i + 5_000);
    const found = new Map(
      (
        await read('queries/import/read-dependencies', { rows: batch.map(({ from, to }) => ({ from, to })) })
      ).map((r) => [`${r.get('from')}\u0000${r.get('to')}`, r.get('props') as Record<string, unknown>]),
    );
    for (const d of batch) {
      const stored = found.get(`${d.from}\u0000${d.to}`);
      if (!stored) {
        diff.dependencies.added.push({ from: d.from, to: d.to });
        continue;
      }
      const before = { strength: 1, ...clean(stored, ['submissions']) };
      const after = { strength: 1, ...clean(d as unknown as Record<string, unknown>, ['from', 'to']) };
      const fields = fieldChanges(before, after);
      if (fields.length) {
        diff.dependencies.changed.push({ from: d.from, to: d.to, fields });
        conflict(`${d.from} → ${d.to}`, 'CHANGED', stored.submissions);
      }
    }
  }
  if (opts.replace) {
    const page = 20_000;
    const removed = new Set<string>();
    let after = '';
    for (;;) {
      const rows = await read('queries/entity-kinds', { after, limit: neo4j.int(page) });
      for (const r of rows) {
        const id = r.get('id') as string;
        if (!kept.has(id)) {
          removed.add(id);
          diff.entities.removed.push({ id, kind: LABEL_KIND[r.get('label') as string]! });
        }
      }
      if (rows.length < page) break;
      after = rows[rows.length - 1]!.get('id') as string;
    }
    if (removed.size) {
      const ids = [...removed];
      for (const r of await read('queries/provenance/of-entities', { ids }))
        if (!diff.conflicts.some((c) => c.target === r.get('id')))
          conflict(r.get('id') as string, 'REMOVED', [(r.get('submission') as { id: string }).id]);
    }
    after = '';
    for (;;) {
      const rows = await read('queries/provenance/dependency-assertions', { after, limit: neo4j.int(page) });
      for (const r of rows) {
        const from = r.get('from') as string;
        if (removed.has(from)) continue;
        for (const d of r.get('deps') as { to: string; submissions: string[] }[])
          if (!removed.has(d.to) && !keepEdges.has(`${from}\u0000${d.to}`))
            conflict(`${from} → ${d.to}`, 'REMOVED', d.submissions);
      }
      if (rows.length < page) break;
      after = rows[rows.length - 1]!.get('from') as string;
    }
    after = '';
    for (;;) {
      const rows = await read('queries/export/dependencies', { after, limit: neo4j.int(page) });
      for (const r of rows) {
        const from = r.get('from') as string;
        if (removed.has(from)) continue;
        for (const d of r.get('deps') as { to: string }[])
          if (!removed.has(d.to) && !keepEdges.has(`${from}\u0000${d.to}`))
            diff.dependencies.removed.push({ from, to: d.to });
      }
      if (rows.length < page) break;
      after = rows[rows.length - 1]!.get('from') as string;
    }
  }
  return diff;
}
