// The resolution step before an import (issue 13 item 5): ids merged away by
// mergeEntities are aliases of their survivor, so a later submission that still uses
// one is written onto the survivor. A small step of its own in front of the import
// writer (which it leaves untouched): the template is rewritten, then imported.
import type { EntityKind, Template } from '@smart/domain';
import type { StagedTemplate } from './import';
import { resolveAliases } from './merge';
import type { Store } from './store';

export interface AliasResolution {
  template: Template;
  /** Each alias the template used, and its survivor. */
  resolved: { alias: string; survivor: string }[];
}

/**
 * Rewrites every alias in `t` to its survivor: references (a service's supplier, an
 * asset's or workflow's organization, both ends of a dependency, workflow–function
 * links) and rows that define an alias. Such a row becomes a row of the survivor
 * (its values replace the survivor's, as a re-import of the survivor would), unless the
 * template defines the survivor itself: then that row stands and the alias row is left
 * out. Pure; `aliases` maps alias → survivor.
 */
export function applyAliases(t: Template, aliases: ReadonlyMap<string, string>): AliasResolution {
  if (aliases.size === 0) return { template: t, resolved: [] };
  const used = new Map<string, string>();
  const to = (id: string): string => {
    const survivor = aliases.get(id);
    if (survivor === undefined) return id;
    used.set(id, survivor);
    return survivor;
  };
  const defined = new Set<string>();
  for (const rows of [t.organizations, t.suppliers, t.services, t.assets, t.workflows, t.criticalFunctions])
    for (const r of rows) if (!aliases.has(r.id)) defined.add(r.id);
  const rowsOf = <R extends { id: string }>(rows: R[], refs: (r: R) => R = (r) => r): R[] =>
    rows.flatMap((r) => {
      const survivor = aliases.get(r.id);
      if (survivor !== undefined) {
        used.set(r.id, survivor);
        if (defined.has(survivor)) return [];
        defined.add(survivor); // a second alias of the same survivor is left out too
        return [refs({ ...r, id: survivor })];
      }
      return [refs(r)];
    });
  const template: Template = {
    organizations: rowsOf(t.organizations),
    suppliers: rowsOf(t.suppliers),
    services: rowsOf(t.services, (r) => ({ ...r, supplierId: to(r.supplierId) })),
    assets: rowsOf(t.assets, (r) => ({ ...r, organizationId: to(r.organizationId) })),
    workflows: rowsOf(t.workflows, (r) => ({ ...r, organizationId: to(r.organizationId) })),
    criticalFunctions: rowsOf(t.criticalFunctions),
    workflowFunctions: t.workflowFunctions.map((l) => ({
      workflowId: to(l.workflowId),
      functionId: to(l.functionId),
    })),
    dependencies: t.dependencies.map((d) => ({ ...d, from: to(d.from), to: to(d.to) })),
  };
  return {
    template,
    resolved: [...used]
      .map(([alias, survivor]) => ({ alias, survivor }))
      .sort((a, b) => (a.alias < b.alias ? -1 : 1)),
  };
}

/** Every id a template uses, defined or referenced. */
export function templateIds(t: Template): string[] {
  const ids = new Set<string>();
  for (const rows of [t.organizations, t.suppliers, t.services, t.assets, t.workflows, t.criticalFunctions])
    for (const r of rows) ids.add(r.id);
  for (const s of t.services) ids.add(s.supplierId);
  for (const r of [...t.assets, ...t.workflows]) ids.add(r.organizationId);
  for (const l of t.workflowFunctions) {
    ids.add(l.workflowId);
    ids.add(l.functionId);
  }
  for (const d of t.dependencies) {
    ids.add(d.from);
    ids.add(d.to);
  }
  return [...ids];
}

/** Reads the aliases a template uses from Neo4j and rewrites them (applyAliases). */
export async function resolveTemplateAliases(store: Store, t: Template): Promise<AliasResolution> {
  const ids = templateIds(t);
  const aliases = new Map<string, string>();
  for (let i = 0; i < ids.length; i += 20_000)
    for (const [a, s] of await resolveAliases(store, ids.slice(i, i + 20_000))) aliases.set(a, s);
  return applyAliases(t, aliases);
}

/**
 * The kinds of the entities in the database (`allEntityKinds`) with every alias added
 * under its kind, for reading a template: a reference to a merged-away id is valid
 * (resolveTemplateAliases then writes it onto the survivor).
 */
export async function withAliasKinds(
  store: Store,
  existing: ReadonlyMap<string, EntityKind>,
): Promise<ReadonlyMap<string, EntityKind>> {
  const rows = await store.readRows<{ id: string; kind: EntityKind }>('queries/merge/alias-kinds');
  if (rows.length === 0) return existing;
  const out = new Map(existing);
  for (const r of rows) if (!out.has(r.id)) out.set(r.id, r.kind);
  return out;
}

/**
 * Whether a template read a batch at a time uses an id merged away: then it must be
 * rewritten whole first (resolveTemplateAliases), not streamed.
 */
export async function templateUsesAliases(store: Store, src: StagedTemplate): Promise<boolean> {
  const ids = [...src.kinds.keys(), ...new Set(src.outsideReferences().map((r) => r.id))];
  for (let i = 0; i < ids.length; i += 20_000)
    if ((await resolveAliases(store, ids.slice(i, i + 20_000))).size > 0) return true;
  return false;
}
