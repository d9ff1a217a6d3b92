// A template as a user scoped to organizations may see it (issue 19, DESIGN.md §6):
// `npm run export -- DIR --org ORG_ID[,…]` writes the map through this filter. Kept:
// those organizations, their workflows and assets; the shared catalogue (suppliers,
// services, critical functions); the dependencies whose both ends are kept; the
// function links of kept workflows. Everything of another organization is left out,
// and so is any row naming an id the template does not define. Pure.
import type { Template } from '@smart/domain';

/** The organization ids of `orgs` that the template has no organization for, in the order given. */
export function unknownScopeOrganizations(template: Template, orgs: Iterable<string>): string[] {
  const known = new Set(template.organizations.map((o) => o.id));
  return [...new Set(orgs)].filter((o) => !known.has(o));
}

/** The ids a user scoped to `orgs` sees among those the template defines. */
export function visibleIds(template: Template, orgs: Iterable<string>): Set<string> {
  const scope = new Set(orgs);
  const ids = new Set<string>();
  for (const o of template.organizations) if (scope.has(o.id)) ids.add(o.id);
  for (const w of template.workflows) if (scope.has(w.organizationId)) ids.add(w.id);
  for (const a of template.assets) if (scope.has(a.organizationId)) ids.add(a.id);
  for (const s of template.suppliers) ids.add(s.id);
  for (const s of template.services) ids.add(s.id);
  for (const f of template.criticalFunctions) ids.add(f.id);
  return ids;
}

/** The rows of `template` a user scoped to the organizations `orgs` may see (rows are not copied). */
export function scopeTemplate(template: Template, orgs: Iterable<string>): Template {
  const scope = new Set(orgs);
  const seen = visibleIds(template, scope);
  return {
    organizations: template.organizations.filter((o) => scope.has(o.id)),
    suppliers: [...template.suppliers],
    services: [...template.services],
    assets: template.assets.filter((a) => scope.has(a.organizationId)),
    workflows: template.workflows.filter((w) => scope.has(w.organizationId)),
    criticalFunctions: [...template.criticalFunctions],
    workflowFunctions: template.workflowFunctions.filter(
      (l) => seen.has(l.workflowId) && seen.has(l.functionId),
    ),
    dependencies: template.dependencies.filter((d) => seen.has(d.from) && seen.has(d.to)),
  };
}
