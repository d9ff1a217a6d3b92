// The import resolvers over an in-memory ImportService (no Neo4j): an upload is read
// against the stored kinds the service gives, passed on with the options the API always
// sets, and the service's refusals come back as problems located in the file. The Neo4j
// implementation is tested in import / values-import / replace int tests.
import { GraphBuilder } from '@smart/engine';
import { UndoError } from '@smart/store';
import { describe, expect, it } from 'vitest';
import { MemoryImportService, fakeAnalysis, runOperation } from './support/backends';

// A scoped reader's upload is read against the projection they may see; these readers are unscoped.
const analysis = fakeAnalysis({ graph: async () => new GraphBuilder().build() });

const upload = (fileName: string, text: string, extra = '') =>
  `mutation { importTemplate(fileName: "${fileName}", contentBase64: "${Buffer.from(text).toString('base64')}"${extra}) {
     ok dryRun rows graphVersion problemCount problems { file line column message } summary { kind created } } }`;

describe('import resolvers over an in-memory ImportService', () => {
  it('a valid upload is imported by the signed-in user with a snapshot, and its summary shaped', async () => {
    const imports = new MemoryImportService();
    const { data, errors } = await runOperation(upload('suppliers.csv', 'id,name\ns1,Vendor\n'), {
      importService: imports,
      analysis,
    });
    expect(errors).toBeUndefined();
    expect(data?.importTemplate).toEqual({
      ok: true,
      dryRun: false,
      rows: 1,
      graphVersion: '5',
      problemCount: 0,
      problems: [],
      summary: [{ kind: 'SUPPLIER', created: 1 }],
    });
    const [[method, template, options]] = imports.calls as [[string, { suppliers: unknown[] }, unknown]];
    expect(method).toBe('import');
    expect(template.suppliers).toEqual([expect.objectContaining({ id: 's1', name: 'Vendor' })]);
    expect(options).toEqual({
      replace: false,
      dryRun: false,
      tables: ['suppliers'],
      allowEmpty: [],
      snapshot: true,
      actor: 'ann',
      source: 'suppliers.csv',
    });
  });

  it("a kind conflict the service meets is a problem at the defining row's id", async () => {
    const imports = new MemoryImportService();
    imports.next = {
      ok: false,
      refusal: {
        kind: 'KIND_CONFLICTS',
        conflicts: [
          { id: 's1', templateKind: 'SUPPLIER', existingKind: 'SERVICE', table: 'suppliers', row: 0 },
        ],
      },
    };
    const { data } = await runOperation(upload('suppliers.csv', 'id,name\ns1,Vendor\n'), {
      importService: imports,
      analysis,
    });
    expect(data?.importTemplate).toMatchObject({
      ok: false,
      summary: [],
      problems: [
        {
          file: 'suppliers.csv',
          line: 2,
          column: 'id',
          message: "id 's1' already belongs to a SERVICE in the database, not a SUPPLIER",
        },
      ],
    });
  });

  it('references are read against the stored kinds: an unknown organization is refused before any write', async () => {
    const imports = new MemoryImportService();
    imports.kinds.set('h1', 'ORGANIZATION');
    const ok = await runOperation(
      upload('workflows.csv', 'id,name,organization_id,category\nw1,Claims,h1,CLINICAL\n'),
      {
        importService: imports,
        analysis,
      },
    );
    expect(ok.data?.importTemplate).toMatchObject({ problemCount: 0 });
    const bad = await runOperation(
      upload('workflows.csv', 'id,name,organization_id,category\nw1,Claims,h9,CLINICAL\n', ', dryRun: true'),
      { importService: imports, analysis },
    );
    expect(bad.data?.importTemplate).toMatchObject({ ok: false, dryRun: true });
    const { problems } = bad.data!.importTemplate as { problems: { column: string }[] };
    expect(problems.map((p) => p.column)).toEqual(['organization_id']);
    // The dry run that failed is on the audit record; nothing was imported.
    expect(imports.calls.slice(1).map(([m]) => m)).toEqual(['auditAttempt']);
    expect(imports.calls[1]![1]).toMatchObject({
      actor: 'ann',
      action: 'import-dry-run',
      source: 'workflows.csv',
    });
  });

  it('a file that is no template is refused by name before the service is asked', async () => {
    const imports = new MemoryImportService();
    const { errors } = await runOperation(upload('notes.txt', 'hello'), { importService: imports, analysis });
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'fileName' });
    expect(imports.calls).toEqual([]);
  });

  it("undoLastImport: the service's refusal is a CONFLICT with its message; ADMIN only", async () => {
    const imports = new MemoryImportService();
    imports.undoFails = new UndoError('there is no import to undo');
    const admin = { username: 'ada', role: 'ADMIN' as const };
    const { errors } = await runOperation(
      'mutation { undoLastImport { graphVersion } }',
      { importService: imports, analysis },
      { principal: admin },
    );
    expect(errors?.[0]).toMatchObject({
      message: 'there is no import to undo',
      extensions: { code: 'CONFLICT' },
    });
    expect(imports.calls).toEqual([['undoLastImport', 'ada']]);
    const analyst = await runOperation('mutation { undoLastImport { graphVersion } }', {
      importService: imports,
      analysis,
    });
    expect(analyst.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
