// The node and relationship CSV files of `neo4j-admin database import` written from template
// rows (the bench's offline limit and `smart import --bulk`).
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ADMIN_FILES,
  adminArgs,
  adminField,
  adminHeader,
  adminLine,
  AdminCsvWriter,
  fieldOf,
  writeAdminCsv,
} from '../src/admin-csv';

const file = (name: string) => ADMIN_FILES.find((f) => f.file === name)!;

describe("neo4j-admin's CSV format", () => {
  it('names properties as the product import does', () => {
    expect(fieldOf('security_rating')).toBe('securityRating');
    expect(fieldOf('volume_per_day')).toBe('volumePerDay');
    expect(fieldOf('id')).toBe('id');
  });

  it('writes node headers with the id column, typed numbers and no owner columns', () => {
    expect(adminHeader(file('nodes-workflows.csv'))).toBe(
      'id:ID,name,category,sectorWorkflow,criticality:float,toleranceHours:float,workaroundCapacity:float,volumePerDay:float,volumeUnit,notes',
    );
    expect(adminHeader(file('nodes-services.csv'))).toBe('id:ID,name,type,category,region,notes');
    expect(adminHeader(file('rels-depends_on.csv'))).toBe(
      ':START_ID,:END_ID,group,strength:float,source,confidence:float,notes',
    );
    expect(adminHeader(file('rels-performs.csv'))).toBe(':START_ID,:END_ID');
  });

  it('writes rows: relationships in the direction of the domain model, fields quoted when needed', () => {
    expect(adminLine(file('rels-provided_by.csv'), { id: 'svc-1', supplierId: 'sup-1', name: 'x' })).toBe(
      'svc-1,sup-1\n',
    );
    expect(adminLine(file('rels-performs.csv'), { id: 'wf-1', organizationId: 'org-1' })).toBe(
      'org-1,wf-1\n',
    );
    expect(adminLine(file('rels-supports.csv'), { workflowId: 'wf-1', functionId: 'cf-1' })).toBe(
      'wf-1,cf-1\n',
    );
    expect(adminLine(file('rels-depends_on.csv'), { from: 'a', to: 'b', group: 'g', strength: 0.5 })).toBe(
      'a,b,g,0.5,,,\n',
    );
    expect(adminLine(file('nodes-critical_functions.csv'), { id: 'cf', name: 'Care, "acute"' })).toBe(
      'cf,"Care, ""acute""",,\n',
    );
  });

  it('writes numbers in plain notation and absent values as empty fields', () => {
    expect(adminField(1e-7)).toBe('0.0000001');
    expect(adminField(1e21)).toBe('1000000000000000000000');
    expect(adminField(undefined)).toBe('');
    expect(adminField(null)).toBe('');
    expect(adminField('a\nb')).toBe('"a\nb"');
  });

  it('gives neo4j-admin every file with its labels or type', () => {
    const args = adminArgs('/d');
    expect(args).toContain('--nodes=Entity:Organization=/d/nodes-organizations.csv');
    expect(args).toContain('--relationships=DEPENDS_ON=/d/rels-depends_on.csv');
    expect(args).toHaveLength(11);
  });

  it('streams template rows into the files', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'admin-csv-'));
    try {
      const r = await writeAdminCsv(
        [
          { table: 'suppliers', row: { id: 'sup-1', name: 'Acme', securityRating: 70 } },
          { table: 'services', row: { id: 'svc-1', name: 'API', supplierId: 'sup-1', type: 'SOFTWARE' } },
          { table: 'dependencies', row: { from: 'svc-1', to: 'sup-1' } },
        ],
        dir,
      );
      expect(r.rows).toBe(3);
      expect(await readFile(join(dir, 'nodes-suppliers.csv'), 'utf8')).toBe(
        'id:ID,name,category,country,securityRating:float,notes\nsup-1,Acme,,,70,\n',
      );
      expect(await readFile(join(dir, 'rels-provided_by.csv'), 'utf8')).toBe(
        ':START_ID,:END_ID\nsvc-1,sup-1\n',
      );
      expect(await readFile(join(dir, 'nodes-assets.csv'), 'utf8')).toBe('id:ID,name,type,notes\n');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('writes rows as they are added, and a table again from its header (rewrite)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'admin-csv-'));
    try {
      const w = await AdminCsvWriter.open(dir);
      w.add('workflows', { id: 'wf-1', name: 'Claims', organizationId: 'org-1' });
      w.add('workflowFunctions', { workflowId: 'wf-1', functionId: 'cf-1' });
      w.add('workflowFunctions', { workflowId: 'wf-1', functionId: 'cf-1' });
      await w.drain();
      expect(w.written('workflowFunctions')).toBe(2);
      // The repeat turned out to be dropped: the table's files are written again.
      await w.rewrite('workflowFunctions', async () => {
        w.add('workflowFunctions', { workflowId: 'wf-1', functionId: 'cf-1' });
      });
      expect(w.written('workflowFunctions')).toBe(1);
      expect(w.rows).toBe(2);
      await w.close();
      await w.close(); // once
      expect(await readFile(join(dir, 'rels-supports.csv'), 'utf8')).toBe(':START_ID,:END_ID\nwf-1,cf-1\n');
      expect(await readFile(join(dir, 'rels-performs.csv'), 'utf8')).toBe(':START_ID,:END_ID\norg-1,wf-1\n');
      expect(await readFile(join(dir, 'nodes-workflows.csv'), 'utf8')).toContain('\nwf-1,Claims,');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('with a submission, lists it in every entity and DEPENDS_ON row, as the import asserts them (issue 13)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'admin-csv-'));
    try {
      await writeAdminCsv(
        [
          { table: 'suppliers', row: { id: 'sup-1', name: 'Acme' } },
          { table: 'services', row: { id: 'svc-1', name: 'API', supplierId: 'sup-1', type: 'SOFTWARE' } },
          { table: 'workflows', row: { id: 'wf-1', name: 'Claims', organizationId: 'org-1' } },
          { table: 'dependencies', row: { from: 'wf-1', to: 'svc-1' } },
        ],
        dir,
        { submission: 'sub-2026-01-10-abcd1234' },
      );
      expect(await readFile(join(dir, 'nodes-suppliers.csv'), 'utf8')).toBe(
        'id:ID,name,category,country,securityRating:float,notes,submissions:string[]\nsup-1,Acme,,,,,sub-2026-01-10-abcd1234\n',
      );
      expect(await readFile(join(dir, 'rels-depends_on.csv'), 'utf8')).toBe(
        ':START_ID,:END_ID,group,strength:float,source,confidence:float,notes,submissions:string[]\n' +
          'wf-1,svc-1,,,,,,sub-2026-01-10-abcd1234\n',
      );
      // The structural links are no assertion of their own (the import asserts rows, not links).
      expect(await readFile(join(dir, 'rels-provided_by.csv'), 'utf8')).toBe(
        ':START_ID,:END_ID\nsvc-1,sup-1\n',
      );
      expect(await readFile(join(dir, 'rels-performs.csv'), 'utf8')).toBe(':START_ID,:END_ID\norg-1,wf-1\n');
      await expect(writeAdminCsv([], dir, { submission: 'a;b' })).rejects.toThrow("holds no ';'");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
