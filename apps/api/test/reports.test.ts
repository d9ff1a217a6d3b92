// The report tables' pure functions (apps/api/src/reports) on a small map whose
// results are derived by hand below, and the cursors' refusals.
import { affectedNodes, GraphBuilder, impact } from '@smart/engine';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { type AffectedSortField, affectedRows, filterAffected, sortAffected } from '../src/reports/affected';
import {
  type OrganizationSortField,
  organizationRows,
  organizationTypes,
  sortOrganizations,
} from '../src/reports/organizations';
import { decodeCursor, encodeCursor, fingerprint, pageOf, pageSize } from '../src/reports/paging';
import { timelineSeries } from '../src/reports/timeline';

// sup-x fails for 24 h; svc-x (its service) with it. Workflows that depend on svc-x
// alone start their workaround at 0 h and fail when it runs out (tolerance < 24 h),
// else stay DEGRADED; tolerance 0 fails at once. wf-c2 has an alternative (svc-y) and
// is not affected. Organizations are not affected themselves (only their workflows).
//
//   org-a "Dunmore Valley Hospital" (Acute care hospital, DIRECT_PATIENT_CARE)
//     wf-a1 CLINICAL, tol 4, crit 1, → cf-1   FAILED at 4
//     wf-a2 ADMINISTRATIVE, tol 10, → cf-2     FAILED at 10
//     wf-a3 CLINICAL, tol 48, → cf-1           DEGRADED from 0
//   org-b "Ashford Clinic" (Clinic, DIRECT_PATIENT_CARE)
//     wf-b1 CLINICAL, tol 12, crit 2, → cf-1   FAILED at 12
//   org-c "Northbridge Health Plan" (Payer, HEALTH_PLANS_PAYERS)
//     wf-c1 ADMINISTRATIVE, tol 0              FAILED at 0
//     wf-c2 CLINICAL, svc-x or svc-y           unaffected
//   org-d "Quiet Pharmacy": nothing depends on svc-x
function fixture() {
  const b = new GraphBuilder();
  const org = (id: string, name: string, type: string, subsector: string) =>
    b.addNode({ id, kind: 'ORGANIZATION', name, category: type, subsector });
  const wf = (id: string, orgId: string, category: string, tol: number, criticality = 3) => {
    b.addNode({ id, kind: 'WORKFLOW', name: `${id} work`, category, toleranceHours: tol, criticality });
    b.addPerforms(orgId, id);
  };
  b.addNode({ id: 'sup-x', kind: 'SUPPLIER', name: 'X Cloud' });
  b.addNode({ id: 'svc-x', kind: 'SERVICE', name: 'X hosting' });
  b.addNode({ id: 'sup-y', kind: 'SUPPLIER', name: 'Y Cloud' });
  b.addNode({ id: 'svc-y', kind: 'SERVICE', name: 'Y hosting' });
  b.addProvidedBy('svc-x', 'sup-x');
  b.addProvidedBy('svc-y', 'sup-y');
  b.addNode({ id: 'cf-1', kind: 'CRITICAL_FUNCTION', name: 'Provide care' });
  b.addNode({ id: 'cf-2', kind: 'CRITICAL_FUNCTION', name: 'Pay claims' });
  org('org-a', 'Dunmore Valley Hospital', 'Acute care hospital', 'DIRECT_PATIENT_CARE');
  org('org-b', 'Ashford Clinic', 'Clinic', 'DIRECT_PATIENT_CARE');
  org('org-c', 'Northbridge Health Plan', 'Payer', 'HEALTH_PLANS_PAYERS');
  org('org-d', 'Quiet Pharmacy', 'Pharmacy', 'PHARMA_LABS_BLOOD');
  wf('wf-a1', 'org-a', 'CLINICAL', 4, 1);
  wf('wf-a2', 'org-a', 'ADMINISTRATIVE', 10);
  wf('wf-a3', 'org-a', 'CLINICAL', 48);
  wf('wf-b1', 'org-b', 'CLINICAL', 12, 2);
  wf('wf-c1', 'org-c', 'ADMINISTRATIVE', 0);
  wf('wf-c2', 'org-c', 'CLINICAL', 0);
  wf('wf-d1', 'org-d', 'CLINICAL', 0);
  for (const w of ['wf-a1', 'wf-a2', 'wf-a3', 'wf-b1', 'wf-c1']) b.addDependency({ from: w, to: 'svc-x' });
  b.addDependency({ from: 'wf-c2', to: 'svc-x', group: 'hosting' });
  b.addDependency({ from: 'wf-c2', to: 'svc-y', group: 'hosting' });
  b.addDependency({ from: 'wf-d1', to: 'svc-y' });
  b.addSupports('wf-a1', 'cf-1');
  b.addSupports('wf-a3', 'cf-1');
  b.addSupports('wf-b1', 'cf-1');
  b.addSupports('wf-a2', 'cf-2');
  const g = b.build();
  const result = impact(g, { failed: [{ id: 'sup-x' }], durationHours: 24 });
  return { g, result, rows: affectedRows(g, result.affected) };
}

const ids = (rows: { entity: { id: string } }[]) => rows.map((r) => r.entity.id);

describe('affected rows', () => {
  const { g, result, rows } = fixture();

  it('holds the hand-derived states and times', () => {
    const by = Object.fromEntries(result.affected.map((a) => [a.id, [a.state, a.failedAtHours]]));
    expect(by).toEqual({
      'sup-x': ['FAILED', 0],
      'svc-x': ['FAILED', 0],
      'wf-a1': ['FAILED', 4],
      'wf-a2': ['FAILED', 10],
      'wf-a3': ['DEGRADED', null],
      'wf-b1': ['FAILED', 12],
      'wf-c1': ['FAILED', 0],
    });
  });

  it("are the same rows with the engine's node of each row as with its id looked up", () => {
    const nodes = affectedNodes(result.affected);
    expect(nodes).toBeDefined();
    expect(affectedRows(g, result.affected, nodes)).toEqual(rows);
  });

  it('filters by each filter, and by the names shown', () => {
    const f = (filter: Parameters<typeof filterAffected>[2]) =>
      ids(sortAffected(filterAffected(g, rows, filter), { field: 'NAME' }));
    expect(f({})).toHaveLength(7);
    // The organization's name is searched, not only ids: "dunmore valley" is only shown.
    expect(f({ search: 'dunmore valley' })).toEqual(['wf-a1', 'wf-a2', 'wf-a3']);
    expect(f({ search: '  DUNMORE   a2 ' })).toEqual(['wf-a2']);
    expect(f({ search: 'x cloud' })).toEqual(['sup-x']);
    expect(f({ kinds: ['SUPPLIER', 'SERVICE'] })).toEqual(['sup-x', 'svc-x']);
    expect(f({ states: ['DEGRADED'] })).toEqual(['wf-a3']);
    expect(f({ failsWithin: { from: 0, to: 4 } })).toEqual(['wf-a1', 'wf-c1', 'sup-x', 'svc-x']);
    expect(f({ failsWithin: { from: 5, to: 12 } })).toEqual(['wf-a2', 'wf-b1']);
    expect(f({ workflowCategories: ['CLINICAL'] })).toEqual(['wf-a1', 'wf-a3', 'wf-b1']);
    expect(f({ maxCriticality: 2 })).toEqual(['wf-a1', 'wf-b1']);
    expect(f({ organizationTypes: ['acute CARE hospital'] })).toEqual(['wf-a1', 'wf-a2', 'wf-a3']);
    expect(f({ subsectors: ['HEALTH_PLANS_PAYERS'] })).toEqual(['wf-c1']);
    expect(f({ ids: ['wf-b1', 'nope'] })).toEqual(['wf-b1']);
    expect(
      f({ workflowCategories: ['CLINICAL'], states: ['FAILED'], failsWithin: { from: 5, to: 24 } }),
    ).toEqual(['wf-b1']);
  });

  it('orders by any field, missing failure times last, ties by name', () => {
    const o = (field: AffectedSortField, direction: 'ASC' | 'DESC' = 'ASC') =>
      ids(sortAffected(rows, { field, direction }));
    // Names: sup-x "X Cloud", svc-x "X hosting", workflows "wf-… work" ("wf" < "x").
    expect(o('FAILED_AT')).toEqual(['wf-c1', 'sup-x', 'svc-x', 'wf-a1', 'wf-a2', 'wf-b1', 'wf-a3']);
    expect(o('FAILED_AT', 'DESC')).toEqual(['wf-b1', 'wf-a2', 'wf-a1', 'wf-c1', 'sup-x', 'svc-x', 'wf-a3']);
    expect(o('STATE', 'DESC')[0]).toBe('wf-a3');
    expect(o('DEPTH')).toEqual(['sup-x', 'svc-x', 'wf-a1', 'wf-a2', 'wf-b1', 'wf-c1', 'wf-a3']);
    expect(o('DEPTH', 'DESC')[0]).toBe('wf-a3');
    expect(o('NAME')).toEqual(['wf-a1', 'wf-a2', 'wf-a3', 'wf-b1', 'wf-c1', 'sup-x', 'svc-x']);
    expect(o('TIME')).toEqual(['wf-a3', 'wf-c1', 'sup-x', 'svc-x', 'wf-a1', 'wf-a2', 'wf-b1']);
    // criticality 1, 2, then the criticality-3 workflows by failure time (DEGRADED last); none last
    expect(ids(sortAffected(rows, { field: 'CRITICALITY' }, g))).toEqual([
      'wf-a1',
      'wf-b1',
      'wf-c1',
      'wf-a2',
      'wf-a3',
      'sup-x',
      'svc-x',
    ]);
  });

  it('counts workflows over time', () => {
    expect(timelineSeries(result.affected)).toEqual([
      { atHours: 0, degraded: 4, failed: 1 },
      { atHours: 4, degraded: 3, failed: 2 },
      { atHours: 10, degraded: 2, failed: 3 },
      { atHours: 12, degraded: 1, failed: 4 },
    ]);
  });
});

describe('results per organization', () => {
  const { g, result, rows } = fixture();
  const table = (f: Parameters<typeof organizationRows>[2] = {}) =>
    Object.fromEntries(
      sortOrganizations(organizationRows(g, rows, f)).map((o) => [
        o.id,
        [
          o.type,
          o.subsector,
          o.firstClinicalFailureAtHours,
          o.workflowsFailed,
          o.workflowsDegraded,
          o.criticalFunctions,
        ],
      ]),
    );

  it('gives each affected organization its hand-derived values', () => {
    expect(table()).toEqual({
      'org-a': ['Acute care hospital', 'DIRECT_PATIENT_CARE', 4, 2, 1, ['cf-1', 'cf-2']],
      'org-b': ['Clinic', 'DIRECT_PATIENT_CARE', 12, 1, 0, ['cf-1']],
      'org-c': ['Payer', 'HEALTH_PLANS_PAYERS', null, 1, 0, []],
    });
    expect(Object.keys(table())).toEqual(['org-a', 'org-b', 'org-c']);
    expect(organizationRows(g, rows)).toHaveLength(result.summary.organizationsAffected);
    expect(organizationTypes(organizationRows(g, rows))).toEqual(['Acute care hospital', 'Clinic', 'Payer']);
  });

  it('counts only the workflows its filters keep', () => {
    expect(table({ workflowCategories: ['CLINICAL'] })).toEqual({
      'org-a': ['Acute care hospital', 'DIRECT_PATIENT_CARE', 4, 1, 1, ['cf-1']],
      'org-b': ['Clinic', 'DIRECT_PATIENT_CARE', 12, 1, 0, ['cf-1']],
    });
    expect(table({ failsWithin: { from: 5, to: 12 } })).toEqual({
      'org-b': ['Clinic', 'DIRECT_PATIENT_CARE', 12, 1, 0, ['cf-1']],
      'org-a': ['Acute care hospital', 'DIRECT_PATIENT_CARE', null, 1, 0, ['cf-2']],
    });
    expect(Object.keys(table({ types: ['clinic'] }))).toEqual(['org-b']);
    expect(Object.keys(table({ subsectors: ['DIRECT_PATIENT_CARE'] }))).toEqual(['org-a', 'org-b']);
    expect(Object.keys(table({ search: 'dunmore valley' }))).toEqual(['org-a']);
    expect(Object.keys(table({ search: 'payer' }))).toEqual(['org-c']);
  });

  it('orders by any column', () => {
    const o = (field: OrganizationSortField, direction: 'ASC' | 'DESC' = 'ASC') =>
      sortOrganizations(organizationRows(g, rows), { field, direction }).map((r) => r.id);
    expect(o('FIRST_CLINICAL_FAILURE', 'DESC')).toEqual(['org-b', 'org-a', 'org-c']);
    expect(o('NAME')).toEqual(['org-b', 'org-a', 'org-c']);
    expect(o('CRITICAL_FUNCTIONS', 'DESC')).toEqual(['org-a', 'org-b', 'org-c']);
    // Ties (org-b and org-c fail one workflow each) by more failed, then name.
    expect(o('WORKFLOWS_FAILED')).toEqual(['org-b', 'org-c', 'org-a']);
  });
});

describe('pages and cursors', () => {
  const items = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
  const key = fingerprint({ input: 1, states: null });

  it('walks every row once, page by page', () => {
    const seen: string[] = [];
    let offset = 0;
    let pages = 0;
    for (;;) {
      const p = pageOf(items, offset, 3, '42', key, (x) => x);
      expect(p.totalCount).toBe(7);
      seen.push(...p.edges.map((e) => e.node));
      pages++;
      if (!p.pageInfo.hasNextPage) break;
      offset = decodeCursor(p.pageInfo.endCursor, '42', key);
    }
    expect(seen).toEqual(items);
    expect(pages).toBe(3);
    const empty = pageOf([], 0, 3, '42', key, (x) => x);
    expect(empty.pageInfo).toEqual({ hasNextPage: false, endCursor: null });
  });

  it('refuses a cursor of another version, another report, or none at all, naming the argument', () => {
    const c = encodeCursor('41', key, 3);
    const error = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(GraphQLError);
        return [
          (e as GraphQLError).extensions.code,
          (e as GraphQLError).extensions.argument,
          (e as Error).message,
        ];
      }
      throw new Error('no error');
    };
    expect(error(() => decodeCursor(c, '42', key))).toEqual([
      'BAD_USER_INPUT',
      'after',
      expect.stringContaining('graph version 41'),
    ]);
    expect(error(() => decodeCursor(encodeCursor('42', fingerprint({ input: 2 }), 3), '42', key))[2]).toMatch(
      /another report/,
    );
    expect(error(() => decodeCursor('not-a-cursor', '42', key))[2]).toMatch(/^after: is not a cursor/);
    expect(decodeCursor(encodeCursor('42', key, 3), '42', key)).toBe(3);
    expect(error(() => pageSize(1001))[1]).toBe('first');
    expect(pageSize(undefined)).toBe(100);
  });
});
