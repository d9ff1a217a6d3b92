// A user scoped to organizations imports their own organizations' rows only (issue 19):
// every row outside the scope is located (file, line, column).
import { describe, expect, it } from 'vitest';
import { contributionIds, contributionProblems } from '../src';
import { readFiles } from './helpers';

/** Harbor's own rows, referencing the shared catalogue and a workflow of Bay. */
const HARBOR_ROWS: Record<string, string> = {
  'organizations.csv': 'id,name,subsector\nh1,Harbor,DIRECT_PATIENT_CARE\n',
  'assets.csv': 'id,name,organization_id\na1,EHR,h1\n',
  'workflows.csv':
    'id,name,organization_id,category\nw1,Claims,h1,ADMINISTRATIVE\nw2,Billing,h1,ADMINISTRATIVE\n',
  'workflow_functions.csv': 'workflow_id,function_id\nw1,cf1\n',
  'dependencies.csv': 'from_id,to_id\nw1,sv1\nw2,a1\n',
};
const EXISTING = new Map([
  ['sv1', 'SERVICE'],
  ['cf1', 'CRITICAL_FUNCTION'],
  ['h2', 'ORGANIZATION'],
  ['w9', 'WORKFLOW'],
] as const);
/** As the database has them: the catalogue is nobody's, w9 is Bay's (h2). */
const OWNERS = new Map<string, string | null>([
  ['sv1', null],
  ['cf1', null],
  ['h2', 'h2'],
  ['w9', 'h2'],
]);

describe('contributions of a scoped user', () => {
  it("accepts a template of the user's own rows referencing the shared catalogue", async () => {
    const r = await readFiles(HARBOR_ROWS, { existing: EXISTING });
    expect(r.problems).toEqual([]);
    expect(contributionIds(r.template).sort()).toEqual(['a1', 'h1', 'sv1', 'w1', 'w2']);
    expect(contributionProblems(r, { organizations: new Set(['h1']), owners: OWNERS })).toEqual([]);
  });

  it("locates every row of another organization, of the catalogue, and each link into another's rows", async () => {
    const r = await readFiles(
      {
        ...HARBOR_ROWS,
        'organizations.csv':
          'id,name,subsector\nh1,Harbor,DIRECT_PATIENT_CARE\nh3,Another,DIRECT_PATIENT_CARE\n',
        'suppliers.csv': 'id,name\ns5,New vendor\n',
        'workflows.csv':
          'id,name,organization_id,category\nw1,Claims,h1,ADMINISTRATIVE\nw2,Billing,h1,ADMINISTRATIVE\nw3,Theirs,h2,CLINICAL\nw9,Taken over,h1,CLINICAL\n',
        'dependencies.csv': 'from_id,to_id\nw1,sv1\nw2,w9\nw3,sv1\nw1,w3\n',
      },
      { existing: EXISTING },
    );
    expect(r.problems).toEqual([]);
    const problems = contributionProblems(r, { organizations: new Set(['h1']), owners: OWNERS });
    const mine = 'you may import rows of h1 only';
    expect(problems.map(({ severity: _, ...p }) => p)).toEqual([
      {
        file: 'organizations.csv',
        line: 3,
        column: 'id',
        message: `"h3" is not one of your organizations' rows: ${mine}`,
      },
      {
        file: 'suppliers.csv',
        line: 2,
        column: 'id',
        message: `"s5": suppliers, services and critical functions are the shared catalogue, kept by unscoped analysts; ${mine}`,
      },
      {
        file: 'workflows.csv',
        line: 4,
        column: 'organization_id',
        message: `"h2" is not one of your organizations' rows: ${mine}`,
      },
      {
        file: 'workflows.csv',
        line: 5,
        column: 'id',
        message: `"w9" is not one of your organizations' rows: ${mine}`,
      },
      {
        file: 'dependencies.csv',
        line: 4,
        column: 'from_id',
        message: `"w3" is not one of your organizations' rows: ${mine}`,
      },
      {
        file: 'dependencies.csv',
        line: 5,
        column: 'to_id',
        message: 'unknown id "w3": not in the template nor among the entities you may see',
      },
    ]);
    // w2 → w9: w9 is defined here as Harbor's, but it is Bay's in the database (refused at its row).
  });
});
