// The export of a user scoped to organizations (issue 19): their organizations and what
// belongs to them, the shared catalogue, and only the links between what they see.
import type { Template } from '@smart/domain';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BAY, HARBOR, SECRETS, twoOrganizations } from '../../../test/fixtures/two-organizations';
import { scopeTemplate, unknownScopeOrganizations, visibleIds } from '../src';
import { template as anyTemplate } from './arbitraries';

const ids = <T extends { id: string }>(rows: T[]) => rows.map((r) => r.id).sort();
const links = (t: Template) => t.dependencies.map((d) => `${d.from}>${d.to}`).sort();

describe('scopeTemplate', () => {
  it("keeps Harbor's organization, workflows, assets, the catalogue and the links among them", () => {
    const t = scopeTemplate(twoOrganizations(), [HARBOR]);
    expect(ids(t.organizations)).toEqual([HARBOR]);
    expect(ids(t.workflows)).toEqual(['wf-a-billing', 'wf-a-claims']);
    expect(ids(t.assets)).toEqual(['asset-a-ie']);
    expect(ids(t.suppliers)).toEqual(['sup-ch', 'sup-cloud']);
    expect(ids(t.services)).toEqual(['svc-ch', 'svc-cloud']);
    expect(ids(t.criticalFunctions)).toEqual(['cf-care', 'cf-pay']);
    expect(t.workflowFunctions).toEqual([{ workflowId: 'wf-a-claims', functionId: 'cf-pay' }]);
    // Bay's dependency on Harbor's asset is Bay's row: left out with the rest of Bay.
    expect(links(t)).toEqual(['asset-a-ie>svc-ch', 'wf-a-billing>wf-a-claims', 'wf-a-claims>svc-ch']);
    const text = JSON.stringify(t);
    for (const secret of SECRETS[BAY]!) expect(text).not.toContain(secret);
  });

  it("keeps Bay's rows for Bay, and the dependency into Harbor's asset only with both in scope", () => {
    const bay = scopeTemplate(twoOrganizations(), [BAY]);
    expect(ids(bay.workflows)).toEqual(['wf-b-billing', 'wf-b-claims', 'wf-b-er']);
    expect(links(bay)).toEqual(['asset-b-ehr>svc-cloud', 'wf-b-claims>svc-ch', 'wf-b-er>asset-b-ehr']);
    for (const secret of SECRETS[HARBOR]!) expect(JSON.stringify(bay)).not.toContain(secret);
    const both = scopeTemplate(twoOrganizations(), [HARBOR, BAY]);
    expect(both).toEqual(twoOrganizations());
  });

  it('names the organizations a scope asks for that the template does not have', () => {
    expect(unknownScopeOrganizations(twoOrganizations(), [HARBOR, 'org-x', 'wf-a-claims', 'org-x'])).toEqual([
      'org-x',
      'wf-a-claims',
    ]);
    expect(unknownScopeOrganizations(twoOrganizations(), [BAY])).toEqual([]);
  });

  it('property: every row kept is visible, and every visible row of the input is kept', () => {
    const withScope = anyTemplate.chain((t) =>
      fc.tuple(fc.constant(t), fc.subarray(t.organizations.map((o) => o.id))),
    );
    fc.assert(
      fc.property(withScope, ([t, orgs]) => {
        const scope = new Set(orgs);
        const seen = visibleIds(t, orgs);
        const out = scopeTemplate(t, orgs);
        const rowVisible: { [K in keyof Template]: (row: Template[K][number]) => boolean } = {
          organizations: (o) => scope.has(o.id),
          suppliers: () => true,
          services: () => true,
          assets: (a) => scope.has(a.organizationId),
          workflows: (w) => scope.has(w.organizationId),
          criticalFunctions: () => true,
          workflowFunctions: (l) => seen.has(l.workflowId) && seen.has(l.functionId),
          dependencies: (d) => seen.has(d.from) && seen.has(d.to),
        };
        for (const table of Object.keys(rowVisible) as (keyof Template)[]) {
          const visible = rowVisible[table] as (row: unknown) => boolean;
          const input = t[table] as unknown[];
          const kept = out[table] as unknown[];
          expect(kept.every(visible)).toBe(true);
          expect(kept).toEqual(input.filter(visible));
        }
        // No id of an organization out of scope is left anywhere in the output.
        const hidden = t.organizations.filter((o) => !scope.has(o.id));
        const theirs = new Set([
          ...hidden.map((o) => o.id),
          ...t.workflows.filter((w) => !scope.has(w.organizationId)).map((w) => w.id),
          ...t.assets.filter((a) => !scope.has(a.organizationId)).map((a) => a.id),
        ]);
        const named = [
          ...out.organizations.map((o) => o.id),
          ...out.workflows.flatMap((w) => [w.id, w.organizationId]),
          ...out.assets.flatMap((a) => [a.id, a.organizationId]),
          ...out.workflowFunctions.map((l) => l.workflowId),
          ...out.dependencies.flatMap((d) => [d.from, d.to]),
        ];
        expect(named.filter((id) => theirs.has(id))).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});
