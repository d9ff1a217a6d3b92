// The web app's action-to-role table (apps/web/src/auth/roles.ts) agrees with the API:
// each UI action needs exactly the role the API's @requires directives demand of the
// operations it sends (so a control is shown exactly when its request would be allowed),
// and every mutation the web app sends belongs to an action. The operations are the web
// app's own documents; the roles are computed by the API's authorization code.
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { typeDefs } from '../apps/api/src/schema';
import { requiredRole } from '../apps/api/src/security/authorization';
import { buildASTSchema, type DocumentNode, Kind, type OperationDefinitionNode, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { ACTION_OPERATIONS, type Action, can, neededRole } from '../apps/web/src/auth/roles';

const schema = buildASTSchema(parse(typeDefs.join('\n')));
const WEB = resolve(import.meta.dirname, '../apps/web/src');

/** Every operation the web app's queries.ts modules define, by name. */
async function webOperations(): Promise<
  Map<string, { document: DocumentNode; operation: OperationDefinitionNode }>
> {
  const out = new Map<string, { document: DocumentNode; operation: OperationDefinitionNode }>();
  for (const dir of readdirSync(WEB, { withFileTypes: true })) {
    if (!dir.isDirectory()) continue;
    if (!readdirSync(resolve(WEB, dir.name)).includes('queries.ts')) continue;
    const module = (await import(resolve(WEB, dir.name, 'queries.ts'))) as Record<string, unknown>;
    for (const value of Object.values(module)) {
      const document = value as DocumentNode;
      if (document?.kind !== Kind.DOCUMENT) continue;
      for (const d of document.definitions)
        if (d.kind === Kind.OPERATION_DEFINITION && d.name) out.set(d.name.value, { document, operation: d });
    }
  }
  return out;
}

describe("the web app's action roles", () => {
  it("each action needs exactly the API's role for the operations it sends", async () => {
    const operations = await webOperations();
    const found: Record<string, string | null> = {};
    const expected: Record<string, string | null> = {};
    for (const [action, sends] of Object.entries(ACTION_OPERATIONS) as [
      Action,
      (typeof ACTION_OPERATIONS)[Action],
    ][]) {
      let most: string | null = null;
      for (const { operation: name, variables } of sends) {
        const op = operations.get(name);
        expect(op, `${action}: the web app has no operation named ${name}`).toBeDefined();
        const role = requiredRole(schema, op!.document, op!.operation, variables);
        const rank = (r: string | null) => (r === null ? -1 : ['VIEWER', 'ANALYST', 'ADMIN'].indexOf(r));
        if (rank(role) > rank(most)) most = role;
      }
      found[action] = neededRole(action);
      expected[action] = most;
    }
    expect(found).toEqual(expected);
  });

  it('every mutation the web app sends belongs to an action', async () => {
    const operations = await webOperations();
    const listed = new Set(
      Object.values(ACTION_OPERATIONS).flatMap((sends) => sends.map((s) => s.operation)),
    );
    const mutations = [...operations.values()]
      .filter(({ operation }) => operation.operation === 'mutation')
      .map(({ operation }) => operation.name!.value);
    expect(mutations.length).toBeGreaterThan(5);
    expect(mutations.filter((m) => !listed.has(m))).toEqual([]);
  });

  it('can() follows the role order of @smart/domain', () => {
    expect(can('VIEWER', 'simulate')).toBe(true);
    expect(can('VIEWER', 'edit')).toBe(false);
    expect(can('ANALYST', 'edit')).toBe(true);
    expect(can('ANALYST', 'replace')).toBe(false);
    expect(can('ADMIN', 'undoImport')).toBe(true);
    expect(can(null, 'simulate')).toBe(false);
  });
});
