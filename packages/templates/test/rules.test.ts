// One test per validation rule, asserting exact file, line, column and message.
import { describe, expect, it } from 'vitest';
import { hasErrors } from '../src';
import { errors, readFiles, VALID, withFiles } from './helpers';

describe('a valid template', () => {
  it('reads without problems', async () => {
    const r = await readFiles(VALID);
    expect(r.problems).toEqual([]);
    expect(r.rows).toBe(8);
    expect(r.template.dependencies).toEqual([{ from: 'w1', to: 'sv1' }]);
  });
});

describe('validation rules', () => {
  it('required column missing from the header: line 1, once, not on every row', async () => {
    const r = await readFiles(withFiles({ 'organizations.csv': 'ID,Name\nh1,General\nh2,Other\n' }));
    expect(errors(r)).toEqual([
      {
        file: 'organizations.csv',
        line: 1,
        column: 'subsector',
        message: 'required column is missing from the header (required: id, name, subsector)',
      },
    ]);
    expect(r.template.organizations).toEqual([]);
  });

  it('required value missing', async () => {
    const r = await readFiles(withFiles({ 'suppliers.csv': 'id,name\ns1,Change\ns2,  \n' }));
    expect(errors(r)).toEqual([
      { file: 'suppliers.csv', line: 3, column: 'name', message: 'a value is required' },
    ]);
    expect(r.template.suppliers.map((s) => s.id)).toEqual(['s1']);
  });

  it('duplicate id across files: the second occurrence, naming the first', async () => {
    const r = await readFiles(
      withFiles({ 'suppliers.csv': 'id,name\ns1,Change\nh1,Named like the hospital\n' }),
    );
    expect(errors(r)).toEqual([
      {
        file: 'suppliers.csv',
        line: 3,
        column: 'id',
        message:
          'duplicate id "h1": already used at organizations.csv:2; ids must be unique across all files',
      },
    ]);
    expect(r.template.organizations).toHaveLength(1);
    expect(r.template.suppliers.map((s) => s.id)).toEqual(['s1']);
  });

  it('duplicate id within one file', async () => {
    const r = await readFiles(withFiles({ 'suppliers.csv': 'id,name\ns1,Change\ns1,Again\n' }));
    expect(errors(r)).toEqual([
      {
        file: 'suppliers.csv',
        line: 3,
        column: 'id',
        message: 'duplicate id "s1": already used at suppliers.csv:2; ids must be unique across all files',
      },
    ]);
  });

  it('unknown references in every referencing column', async () => {
    const r = await readFiles(
      withFiles({
        'services.csv': 'id,name,supplier_id,type\nsv1,Claims API,s9,SOFTWARE\n',
        'assets.csv': 'id,name,organization_id\na1,EHR,h9\n',
        'workflows.csv': 'id,name,organization_id,category\nw1,Claims,h9,ADMINISTRATIVE\n',
        'workflow_functions.csv': 'workflow_id,function_id\nw9,cf9\n',
        'dependencies.csv': 'from_id,to_id\nx1,x2\n',
      }),
    );
    expect(errors(r)).toEqual([
      {
        file: 'services.csv',
        line: 2,
        column: 'supplier_id',
        message: 'unknown id "s9": must be the id of a Supplier in the template',
      },
      {
        file: 'assets.csv',
        line: 2,
        column: 'organization_id',
        message: 'unknown id "h9": must be the id of an Organization in the template',
      },
      {
        file: 'workflows.csv',
        line: 2,
        column: 'organization_id',
        message: 'unknown id "h9": must be the id of an Organization in the template',
      },
      {
        file: 'workflow_functions.csv',
        line: 2,
        column: 'workflow_id',
        message: 'unknown id "w9": must be the id of a Workflow in the template',
      },
      {
        file: 'workflow_functions.csv',
        line: 2,
        column: 'function_id',
        message: 'unknown id "cf9": must be the id of a Critical function in the template',
      },
      {
        file: 'dependencies.csv',
        line: 2,
        column: 'from_id',
        message:
          'unknown id "x1": a dependency must start at a Workflow, an Asset or a Service in the template',
      },
      {
        file: 'dependencies.csv',
        line: 2,
        column: 'to_id',
        message:
          'unknown id "x2": a dependency must point to a Workflow, an Asset, a Service or a Supplier in the template',
      },
    ]);
  });

  it('references to entities already in the database (a map)', async () => {
    const files = withFiles({ 'dependencies.csv': 'from_id,to_id\nw1,db-supplier\nw1,nowhere\n' });
    const existing = new Map([['db-supplier', 'SUPPLIER' as const]]);
    const r = await readFiles(files, { existing });
    expect(errors(r)).toEqual([
      {
        file: 'dependencies.csv',
        line: 3,
        column: 'to_id',
        message:
          'unknown id "nowhere": a dependency must point to a Workflow, an Asset, a Service or a Supplier in the template or the database',
      },
    ]);
    expect(r.template.dependencies).toEqual([{ from: 'w1', to: 'db-supplier' }]);
  });

  it('references to entities already in the database (asked once, for the ids not defined here)', async () => {
    const asked: string[][] = [];
    const existing = async (ids: string[]) => {
      asked.push(ids);
      return new Map([['db-workflow', 'WORKFLOW' as const]]);
    };
    const r = await readFiles(withFiles({ 'dependencies.csv': 'from_id,to_id\ndb-workflow,sv1\nw1,sv1\n' }), {
      existing,
    });
    expect(r.problems).toEqual([]);
    expect(asked).toEqual([['db-workflow']]);
  });

  it('an id defined here with another kind in the database', async () => {
    const existing = new Map([['s1', 'ORGANIZATION' as const]]);
    const r = await readFiles(VALID, { existing });
    expect(errors(r)).toEqual([
      {
        file: 'suppliers.csv',
        line: 2,
        column: 'id',
        message: 'id "s1" is already an Organization in the database; ids must be unique across all kinds',
      },
    ]);
  });

  it('a reference to an entity of the wrong kind', async () => {
    const r = await readFiles(
      withFiles({
        'services.csv': 'id,name,supplier_id,type\nsv1,Claims API,h1,SOFTWARE\n',
        'assets.csv': 'id,name,organization_id\na1,EHR,s1\n',
      }),
    );
    expect(errors(r)).toEqual([
      {
        file: 'services.csv',
        line: 2,
        column: 'supplier_id',
        message: '"h1" is an Organization; must be the id of a Supplier',
      },
      {
        file: 'assets.csv',
        line: 2,
        column: 'organization_id',
        message: '"s1" is a Supplier; must be the id of an Organization',
      },
    ]);
  });

  it('workflow_functions: a Workflow and a Critical function', async () => {
    const r = await readFiles(withFiles({ 'workflow_functions.csv': 'workflow_id,function_id\ncf1,w1\n' }));
    expect(errors(r)).toEqual([
      {
        file: 'workflow_functions.csv',
        line: 2,
        column: 'workflow_id',
        message: '"cf1" is a Critical function; must be the id of a Workflow',
      },
      {
        file: 'workflow_functions.csv',
        line: 2,
        column: 'function_id',
        message: '"w1" is a Workflow; must be the id of a Critical function',
      },
    ]);
  });

  it('dependency endpoints of the wrong kind', async () => {
    const r = await readFiles(withFiles({ 'dependencies.csv': 'from_id,to_id\ns1,sv1\nw1,h1\nh1,cf1\n' }));
    expect(errors(r)).toEqual([
      {
        file: 'dependencies.csv',
        line: 2,
        column: 'from_id',
        message: '"s1" is a Supplier; a dependency must start at a Workflow, an Asset or a Service',
      },
      {
        file: 'dependencies.csv',
        line: 3,
        column: 'to_id',
        message:
          '"h1" is an Organization; a dependency must point to a Workflow, an Asset, a Service or a Supplier',
      },
      {
        file: 'dependencies.csv',
        line: 4,
        column: 'from_id',
        message: '"h1" is an Organization; a dependency must start at a Workflow, an Asset or a Service',
      },
      {
        file: 'dependencies.csv',
        line: 4,
        column: 'to_id',
        message:
          '"cf1" is a Critical function; a dependency must point to a Workflow, an Asset, a Service or a Supplier',
      },
    ]);
    expect(r.template.dependencies).toEqual([]);
  });

  it('self-dependency', async () => {
    const r = await readFiles(withFiles({ 'dependencies.csv': 'from_id,to_id\nw1,sv1\nsv1,sv1\n' }));
    expect(errors(r)).toEqual([
      {
        file: 'dependencies.csv',
        line: 3,
        column: 'to_id',
        message: 'a dependency cannot point to itself: from_id and to_id are both "sv1"',
      },
    ]);
  });

  it('duplicate dependency: the second, naming the line of the first', async () => {
    const r = await readFiles(
      withFiles({ 'dependencies.csv': 'from_id,to_id,group\nw1,sv1,a\nw1,a1\nw1,sv1,b\nsv1,s1\nw1,sv1\n' }),
    );
    expect(errors(r)).toEqual([
      {
        file: 'dependencies.csv',
        line: 4,
        column: 'to_id',
        message:
          'duplicate dependency "w1" → "sv1": already at line 2; each from_id, to_id pair may appear once',
      },
      {
        file: 'dependencies.csv',
        line: 6,
        column: 'to_id',
        message:
          'duplicate dependency "w1" → "sv1": already at line 2; each from_id, to_id pair may appear once',
      },
    ]);
    expect(r.template.dependencies.map((d) => `${d.from}>${d.to}`)).toEqual(['w1>sv1', 'w1>a1', 'sv1>s1']);
  });

  it('a number that is not a number, or out of range, with the allowed range', async () => {
    const r = await readFiles(
      withFiles({
        'workflows.csv':
          'id,name,organization_id,category,criticality,tolerance_hours,workaround_capacity\n' +
          'w1,Claims,h1,ADMINISTRATIVE,2,twelve,1.5\n' +
          'w2,Billing,h1,ADMINISTRATIVE,0,-1,0.5\n',
        'suppliers.csv': 'id,name,security_rating\ns1,Change,101\n',
      }),
    );
    expect(errors(r)).toEqual([
      {
        file: 'suppliers.csv',
        line: 2,
        column: 'security_rating',
        message: 'must be a number from 0 to 100',
      },
      { file: 'workflows.csv', line: 2, column: 'tolerance_hours', message: 'must be a number ≥ 0' },
      {
        file: 'workflows.csv',
        line: 2,
        column: 'workaround_capacity',
        message: 'must be a number from 0 to 1',
      },
      {
        file: 'workflows.csv',
        line: 3,
        column: 'criticality',
        message: 'must be a whole number from 1 to 5',
      },
      { file: 'workflows.csv', line: 3, column: 'tolerance_hours', message: 'must be a number ≥ 0' },
    ]);
  });

  it('an unknown enum value, listing the allowed values', async () => {
    const r = await readFiles(
      withFiles({
        'organizations.csv': 'id,name,subsector,size\nh1,General,hospital,huge\n',
        'dependencies.csv': 'from_id,to_id,source\nw1,sv1,rumour\n',
      }),
    );
    expect(errors(r)).toEqual([
      {
        file: 'organizations.csv',
        line: 2,
        column: 'subsector',
        message:
          'must be one of DIRECT_PATIENT_CARE, HEALTH_PLANS_PAYERS, PHARMA_LABS_BLOOD, MEDICAL_MATERIALS_DEVICES, HEALTH_IT, PUBLIC_HEALTH, MASS_FATALITY',
      },
      { file: 'organizations.csv', line: 2, column: 'size', message: 'must be one of SMALL, MEDIUM, LARGE' },
      {
        file: 'dependencies.csv',
        line: 2,
        column: 'source',
        message: 'must be one of CONTRACT, QUESTIONNAIRE, SBOM, ATTESTATION, INFERRED',
      },
    ]);
  });

  it('a row with errors still defines its id: references to it are not reported as unknown', async () => {
    const r = await readFiles(withFiles({ 'suppliers.csv': 'id,name,security_rating\ns1,Change,high\n' }));
    expect(errors(r)).toEqual([
      {
        file: 'suppliers.csv',
        line: 2,
        column: 'security_rating',
        message: 'must be a number from 0 to 100',
      },
    ]);
  });

  it('a file that is not text: one problem for the file, its rows ignored', async () => {
    const binary = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00, 0xff, 0x10]);
    const latin1 = Buffer.from('id,name\ns1,Soci\xe9t\xe9 G\xe9n\xe9rale\n', 'latin1');
    const r = await readFiles(withFiles({ 'organizations.csv': binary, 'suppliers.csv': latin1 }));
    expect(errors(r)).toEqual([
      {
        file: 'organizations.csv',
        line: 0,
        column: '',
        message: 'is not a text file (it contains binary data); save the table as "CSV UTF-8"',
      },
      {
        file: 'suppliers.csv',
        line: 0,
        column: '',
        message: 'is not UTF-8 text; save the table as "CSV UTF-8"',
      },
      // The rows of the unreadable files are gone, so references to them are unknown.
      {
        file: 'services.csv',
        line: 2,
        column: 'supplier_id',
        message: 'unknown id "s1": must be the id of a Supplier in the template',
      },
      {
        file: 'assets.csv',
        line: 2,
        column: 'organization_id',
        message: 'unknown id "h1": must be the id of an Organization in the template',
      },
      {
        file: 'workflows.csv',
        line: 2,
        column: 'organization_id',
        message: 'unknown id "h1": must be the id of an Organization in the template',
      },
    ]);
  });

  it('unknown files and unknown columns are ignored with a warning', async () => {
    const r = await readFiles(
      withFiles({ 'notes.txt': 'hello', 'suppliers.csv': 'id,name,Owner\ns1,Change,Jo\n' }),
    );
    expect(hasErrors(r.problems)).toBe(false);
    expect(r.problems).toEqual([
      {
        file: 'suppliers.csv',
        line: 1,
        column: 'Owner',
        message:
          'unknown column, ignored; the columns of suppliers.csv are id, name, category, country, security_rating, notes',
        severity: 'warning',
      },
      {
        file: 'notes.txt',
        line: 0,
        column: '',
        message:
          'unknown file, ignored; the files of a template are organizations.csv, suppliers.csv, services.csv, assets.csv, workflows.csv, critical_functions.csv, workflow_functions.csv, dependencies.csv',
        severity: 'warning',
      },
    ]);
    expect(r.template.suppliers).toEqual([{ id: 's1', name: 'Change' }]);
  });

  it('sorts problems by template file order, line, then template column order', async () => {
    const r = await readFiles(
      withFiles({
        'dependencies.csv': 'from_id,to_id,strength\nw1,sv1,2\n',
        'workflows.csv': 'id,name,organization_id,category,tolerance_hours\nw1,,h1,nope,x\n',
        'organizations.csv': 'id,name,subsector\nh1,General,DIRECT_PATIENT_CARE\nh2,Other,bad\n',
      }),
    );
    expect(r.problems.map((p) => `${p.file}:${p.line}:${p.column}`)).toEqual([
      'organizations.csv:3:subsector',
      'workflows.csv:2:name',
      'workflows.csv:2:category',
      'workflows.csv:2:tolerance_hours',
      'dependencies.csv:2:strength',
    ]);
  });

  it('a record with a line break in a quoted field is one spreadsheet row', async () => {
    // The second record spans physical lines 2-4; the third record is on spreadsheet row 3.
    const r = await readFiles(
      withFiles({ 'suppliers.csv': 'id,name,notes\ns1,Change,"three\nline\nnote"\ns2,Other,,\ns3,,\n' }),
    );
    expect(errors(r)).toEqual([
      { file: 'suppliers.csv', line: 4, column: 'name', message: 'a value is required' },
    ]);
    expect(r.template.suppliers[0]?.notes).toBe('three\nline\nnote');
  });

  it('blank rows count as spreadsheet rows but are skipped', async () => {
    const r = await readFiles(withFiles({ 'suppliers.csv': 'id,name\n\ns1,Change\n,\n\ns2,\n\n\n' }));
    expect(errors(r)).toEqual([
      { file: 'suppliers.csv', line: 6, column: 'name', message: 'a value is required' },
    ]);
    expect(r.rows).toBe(9); // 7 data rows in VALID besides suppliers, plus s1 and s2
  });

  it('a quoted field that is never closed: reported where its record starts', async () => {
    const r = await readFiles(withFiles({ 'suppliers.csv': 'id,name\ns1,Change\ns2,"Other\ns3,Third\n' }));
    expect(errors(r)).toEqual([
      {
        file: 'suppliers.csv',
        line: 3,
        column: '',
        message: 'a quoted field is not closed (a " is missing); the rest of the file is not read',
      },
    ]);
    expect(r.template.suppliers.map((s) => s.id)).toEqual(['s1']);
  });

  it('a column named twice in the header', async () => {
    const r = await readFiles(withFiles({ 'suppliers.csv': 'id,name,Name\ns1,Change,Other\n' }));
    expect(errors(r)).toEqual([
      {
        file: 'suppliers.csv',
        line: 1,
        column: 'name',
        message: 'the column appears twice in the header; keep one',
      },
    ]);
  });

  it('a semicolon-separated file gets a hint', async () => {
    const r = await readFiles(withFiles({ 'suppliers.csv': 'id;name\ns1;Change\n' }));
    expect(errors(r)[0]).toEqual({
      file: 'suppliers.csv',
      line: 1,
      column: '',
      message: 'the header is not separated by commas; save the table as CSV with commas',
    });
  });

  it('a repeated workflow–function link is a warning, kept once', async () => {
    const r = await readFiles(
      withFiles({ 'workflow_functions.csv': 'workflow_id,function_id\nw1,cf1\nw1,cf1\n' }),
    );
    expect(r.problems).toEqual([
      {
        file: 'workflow_functions.csv',
        line: 3,
        column: 'function_id',
        message: 'this workflow–function link is already at line 2; the repeat is ignored',
        severity: 'warning',
      },
    ]);
    expect(r.template.workflowFunctions).toEqual([{ workflowId: 'w1', functionId: 'cf1' }]);
  });

  it('a folder without any template file', async () => {
    const r = await readFiles({ 'notes.txt': 'x' });
    expect(errors(r)).toEqual([
      expect.objectContaining({
        line: 0,
        column: '',
        message: expect.stringMatching(/^holds none of the template files/),
      }),
    ]);
  });
});
