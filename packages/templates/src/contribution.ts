// Contributions of a user scoped to organizations (issue 19, DESIGN.md §5 and §6):
// they may import only their own organizations' rows — the organization itself, its
// workflows and assets, their function links and the dependencies from them. The
// shared catalogue (suppliers, services, critical functions) is maintained by
// unscoped analysts. Checked after reading and before anything is written: a template
// with one row outside the scope is refused whole, each such row located
// (file, line, column). Pure: the caller reads the owners of the ids it references.
import { TEMPLATE_TABLES, type TemplateTableName } from '@smart/domain';
import type { Problem } from './problems';
import type { ReadResult } from './read';

export interface Contributor {
  /** The organizations the user may contribute rows of. */
  organizations: ReadonlySet<string>;
  /**
   * The owner of every id the template references that the database holds: an
   * organization's id for an Organization (itself), a Workflow or an Asset; null for the
   * shared catalogue. Ids the template defines are owned as the template says.
   */
  owners: ReadonlyMap<string, string | null>;
}

/** The ids a template references or defines, whose owners the caller reads from the database. */
export function contributionIds(template: ReadResult['template']): string[] {
  const ids = new Set<string>();
  for (const o of template.organizations) ids.add(o.id);
  for (const w of template.workflows) ids.add(w.id);
  for (const a of template.assets) ids.add(a.id);
  for (const l of template.workflowFunctions) ids.add(l.workflowId);
  for (const d of template.dependencies) {
    ids.add(d.from);
    ids.add(d.to);
  }
  return [...ids];
}

/** Every row a scoped contributor may not import, as located problems (empty: the template is theirs). */
export function contributionProblems(read: ReadResult, who: Contributor): Problem[] {
  const t = read.template;
  const problems: Problem[] = [];
  const mine = (org: string | null | undefined) => typeof org === 'string' && who.organizations.has(org);
  const scope = [...who.organizations].join(', ');
  const at = (table: TemplateTableName, row: number, column: string, message: string) =>
    problems.push({
      file: read.tables[table] ?? TEMPLATE_TABLES[table].file,
      line: read.lines[table]?.[row] ?? 0,
      column,
      message,
      severity: 'error',
    });

  // Owners as the template defines them, else as the database holds them.
  const defined = new Map<string, string | null>();
  for (const o of t.organizations) defined.set(o.id, o.id);
  for (const w of t.workflows) defined.set(w.id, w.organizationId);
  for (const a of t.assets) defined.set(a.id, a.organizationId);
  for (const s of t.suppliers) defined.set(s.id, null);
  for (const s of t.services) defined.set(s.id, null);
  for (const f of t.criticalFunctions) defined.set(f.id, null);
  const ownerOf = (id: string) => (defined.has(id) ? defined.get(id) : who.owners.get(id));
  // Visible: the shared catalogue, or one of the contributor's organizations.
  const visible = (id: string) => {
    const o = ownerOf(id);
    return o === null || mine(o);
  };
  /** Neither "another organization has it" nor "it does not exist": both read the same. */
  const notYours = (id: string) =>
    `"${id}" is not one of your organizations' rows: you may import rows of ${scope} only`;

  t.organizations.forEach((o, r) => {
    if (!mine(o.id)) at('organizations', r, 'id', notYours(o.id));
  });
  const catalogue = (table: 'suppliers' | 'services' | 'criticalFunctions', ids: { id: string }[]) => {
    ids.forEach((row, r) => {
      at(
        table,
        r,
        'id',
        `"${row.id}": suppliers, services and critical functions are the shared catalogue, kept by unscoped analysts; you may import rows of ${scope} only`,
      );
    });
  };
  catalogue('suppliers', t.suppliers);
  catalogue('services', t.services);
  catalogue('criticalFunctions', t.criticalFunctions);
  for (const table of ['workflows', 'assets'] as const) {
    t[table].forEach((row, r) => {
      if (!mine(row.organizationId)) at(table, r, 'organization_id', notYours(row.organizationId));
      else {
        // An existing id of another organization cannot be taken over by naming it here.
        const before = who.owners.get(row.id);
        if (before !== undefined && !mine(before)) at(table, r, 'id', notYours(row.id));
      }
    });
  }
  t.workflowFunctions.forEach((l, r) => {
    if (!mine(ownerOf(l.workflowId))) at('workflowFunctions', r, 'workflow_id', notYours(l.workflowId));
  });
  t.dependencies.forEach((d, r) => {
    if (!mine(ownerOf(d.from))) at('dependencies', r, 'from_id', notYours(d.from));
    else if (!visible(d.to))
      at(
        'dependencies',
        r,
        'to_id',
        `unknown id "${d.to}": not in the template nor among the entities you may see`,
      );
  });
  return problems;
}
