// Roles come from one place, the SDL's @requires / @public directives (issue 15 item 3):
// every root field declares one, the authorization plugin reads them (arguments
// included), and introspection shows the role in the field's description. The full
// role matrix against a running API is security.int.test.ts.
import { ROLES } from '@smart/domain';
import {
  type ConstDirectiveNode,
  type GraphQLArgument,
  Kind,
  type OperationDefinitionNode,
  buildSchema,
  parse,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { typeDefs } from '../src/schema';
import { accessRules, requiredRole } from '../src/security/authorization';

const schema = buildSchema(typeDefs.join('\n'));
type WithDirectives = { readonly directives?: readonly ConstDirectiveNode[] } | null | undefined;

function roleFor(query: string, variables: Record<string, unknown> = {}) {
  const document = parse(query);
  const operation = document.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  )!;
  return requiredRole(schema, document, operation, variables);
}

describe('the role of every root field', () => {
  it('is declared on every Query and Mutation field, by @requires or @public', () => {
    const rules = accessRules(schema);
    const undeclared = [...rules].filter(([, a]) => !a.declared).map(([key]) => key);
    expect(undeclared, 'root fields with neither @requires nor @public').toEqual([]);
    const roots = [schema.getQueryType()!, schema.getMutationType()!];
    expect(rules.size).toBe(roots.reduce((n, t) => n + Object.keys(t.getFields()).length, 0));
    for (const [key, access] of rules) {
      if (access.role !== null) expect(ROLES, key).toContain(access.role);
    }
  });

  it('is stated nowhere else: the directives sit on root fields and their arguments only', () => {
    const misplaced: string[] = [];
    const roots = new Set(['Query', 'Mutation']);
    for (const type of Object.values(schema.getTypeMap())) {
      if (roots.has(type.name) || type.name.startsWith('__') || !('getFields' in type)) continue;
      for (const field of Object.values(type.getFields())) {
        const args: readonly GraphQLArgument[] = 'args' in field ? field.args : [];
        const nodes: WithDirectives[] = [field.astNode, ...args.map((a) => a.astNode)];
        const access = (n: WithDirectives) =>
          n?.directives?.some((d) => d.name.value === 'requires' || d.name.value === 'public');
        if (nodes.some(access)) misplaced.push(`${type.name}.${field.name}`);
      }
    }
    expect(misplaced).toEqual([]);
  });

  it('is at least ANALYST for every mutation (VIEWER reads and simulates, DESIGN.md §6)', () => {
    const low = [...accessRules(schema)]
      .filter(([key, a]) => key.startsWith('Mutation.') && (a.role === null || a.role === 'VIEWER'))
      .map(([key]) => key);
    expect(low).toEqual([]);
  });

  it('is public only for viewer', () => {
    const open = [...accessRules(schema)].filter(([, a]) => a.role === null).map(([key]) => key);
    expect(open).toEqual(['Query.viewer']);
  });

  it('appears in the description introspection shows', () => {
    const fields = schema.getQueryType()!.getFields();
    expect(fields.users!.description).toMatch(/Needs the ADMIN role\.$/);
    expect(fields.stats!.description).toMatch(/Needs the VIEWER role\.$/);
    expect(fields.viewer!.description).toMatch(/Open to anyone/);
    const replace = schema
      .getMutationType()!
      .getFields()
      .importTemplate!.args.find((a) => a.name === 'replace');
    expect(replace!.description).toMatch(/Giving it needs the ADMIN role\.$/);
  });
});

describe('the role an operation needs', () => {
  it('is the highest of its root fields, fragments included; meta-fields need none', () => {
    expect(roleFor('{ viewer { username } __typename }')).toBeNull();
    expect(roleFor('{ __schema { queryType { name } } }')).toBeNull();
    expect(roleFor('{ stats { graphVersion } viewer { role } }')).toBe('VIEWER');
    expect(roleFor('{ stats { graphVersion } ...F } fragment F on Query { users { username } }')).toBe(
      'ADMIN',
    );
    expect(roleFor('{ ... on Query { deleteEntityPreview(id: "x") { version } } }')).toBe('ANALYST');
    expect(roleFor('mutation { deleteScenario(id: "x") }')).toBe('ANALYST');
  });

  it('rises with an argument that needs more, given as a literal or a variable', () => {
    const upload = (replace: string) =>
      `mutation($r: Boolean) { importTemplate(fileName: "a.csv", contentBase64: "", replace: ${replace}) { ok } }`;
    expect(roleFor(upload('false'))).toBe('ANALYST');
    expect(roleFor(upload('null'))).toBe('ANALYST');
    expect(roleFor(upload('true'))).toBe('ADMIN');
    expect(roleFor(upload('$r'), {})).toBe('ANALYST');
    expect(roleFor(upload('$r'), { r: false })).toBe('ANALYST');
    expect(roleFor(upload('$r'), { r: true })).toBe('ADMIN');
    // Omitted: its default (false) applies.
    expect(roleFor('mutation { importTemplate(fileName: "a.csv", contentBase64: "") { ok } }')).toBe(
      'ANALYST',
    );
  });

  it('is ADMIN for a root field that declares no role (fails closed)', () => {
    const bare = buildSchema(
      'directive @requires(role: String!) on FIELD_DEFINITION | ARGUMENT_DEFINITION\ntype Query { a: Int @requires(role: "VIEWER") b: Int }',
    );
    const run = (q: string) => {
      const document = parse(q);
      return requiredRole(bare, document, document.definitions[0] as OperationDefinitionNode);
    };
    expect(run('{ a }')).toBe('VIEWER');
    expect(run('{ a b }')).toBe('ADMIN');
  });
});
