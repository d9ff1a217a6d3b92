// "No endpoint reveals data without a role": before anything executes, every root field
// of the operation is checked against the role its SDL gives it, `@requires(role: …)`
// on the field (and on an argument, when the request gives that argument a value), or
// `@public`. The directives are the one source: resolvers do not check roles. Only
// `@public` fields and the introspection meta-fields answer without a token.
import type { ApolloServerPlugin } from '@apollo/server';
import { type Role, roleRank } from '@smart/domain';
import {
  type ConstDirectiveNode,
  type ConstValueNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLSchema,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import { requireRole } from '../auth/roles';
import type { Context } from '../context';

/** The introspection meta-fields: the schema is no secret (introspection is off in production). */
const META_FIELDS = new Set(['__typename', '__schema', '__type']);

/** A root field with neither directive is refused to all but ADMIN (fails closed). */
const UNDECLARED: Role = 'ADMIN';

/** What a root field needs: a role (null = open to anyone), and more for some arguments. */
export interface FieldAccess {
  role: Role | null;
  /** Arguments that need a higher role when given a value other than null or false. */
  arguments: Map<string, Role>;
  /** False when the field carries neither @requires nor @public. */
  declared: boolean;
}

// The directives are read from the SDL's syntax tree, not through graphql-js's value
// coercion: Apollo may load another instance of graphql-js (its CommonJS build) than this
// module (ESM), and coercion refuses types from another instance.
type WithDirectives = { readonly directives?: readonly ConstDirectiveNode[] } | null | undefined;

function hasDirective(node: WithDirectives, name: string): boolean {
  return !!node?.directives?.some((d) => d.name.value === name);
}

function requiresOf(node: WithDirectives): Role | null {
  const directive = node?.directives?.find((d) => d.name.value === 'requires');
  const value = directive?.arguments?.find((a) => a.name.value === 'role')?.value;
  return value?.kind === Kind.ENUM || value?.kind === Kind.STRING ? (value.value as Role) : null;
}

export function fieldAccess(field: GraphQLField<unknown, unknown>): FieldAccess {
  const isPublic = hasDirective(field.astNode, 'public');
  const role = requiresOf(field.astNode);
  const args = new Map<string, Role>();
  for (const arg of field.args) {
    const r = requiresOf(arg.astNode);
    if (r) args.set(arg.name, r);
  }
  return { role: isPublic ? null : (role ?? UNDECLARED), arguments: args, declared: isPublic || !!role };
}

/** A literal's value as far as "given or not" goes: null, false, or something else. */
function literal(value: ConstValueNode | ValueNode | undefined): unknown {
  if (!value) return undefined;
  if (value.kind === Kind.NULL) return null;
  if (value.kind === Kind.BOOLEAN) return value.value;
  return true;
}

/** The value an argument takes in one field selection: given, from a variable, or its default. */
function argumentValue(
  node: FieldNode,
  definition: GraphQLArgument,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): unknown {
  const given = node.arguments?.find((a) => a.name.value === definition.name)?.value;
  if (!given) return literal(definition.astNode?.defaultValue);
  if (given.kind !== Kind.VARIABLE) return literal(given);
  const name = given.name.value;
  if (name in variables) return variables[name];
  const declared = operation.variableDefinitions?.find((v) => v.variable.name.value === name);
  return declared?.defaultValue ? literal(declared.defaultValue) : literal(definition.astNode?.defaultValue);
}

// Once per schema: the access of every Query and Mutation field, by `Type.field`.
const cache = new WeakMap<GraphQLSchema, Map<string, FieldAccess>>();

export function accessRules(schema: GraphQLSchema): Map<string, FieldAccess> {
  let rules = cache.get(schema);
  if (!rules) {
    rules = new Map();
    for (const type of [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]) {
      if (!type) continue;
      for (const field of Object.values(type.getFields()))
        rules.set(`${type.name}.${field.name}`, fieldAccess(field));
    }
    cache.set(schema, rules);
  }
  return rules;
}

/** The root field names an operation selects, through fragments (also used by ./scope). */
export function rootFields(
  selectionSet: SelectionSetNode,
  fragments: Map<string, FragmentDefinitionNode>,
): Set<string> {
  return new Set(rootFieldNodes(selectionSet, fragments).map((f) => f.name.value));
}

function rootFieldNodes(
  selectionSet: SelectionSetNode,
  fragments: Map<string, FragmentDefinitionNode>,
  out: FieldNode[] = [],
  seen: Set<string> = new Set(),
): FieldNode[] {
  for (const sel of selectionSet.selections) {
    if (sel.kind === Kind.FIELD) out.push(sel);
    else if (sel.kind === Kind.INLINE_FRAGMENT) rootFieldNodes(sel.selectionSet, fragments, out, seen);
    else if (!seen.has(sel.name.value)) {
      seen.add(sel.name.value);
      const f = fragments.get(sel.name.value);
      if (f) rootFieldNodes(f.selectionSet, fragments, out, seen);
    }
  }
  return out;
}

/** The least role the operation needs (null: none), from its root fields and their arguments. */
export function requiredRole(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> = {},
): Role | null {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions)
    if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const root =
    operation.operation === 'query'
      ? schema.getQueryType()
      : operation.operation === 'mutation'
        ? schema.getMutationType()
        : schema.getSubscriptionType();
  if (!root) return UNDECLARED;
  const rules = accessRules(schema);
  let needed: Role | null = null;
  const need = (role: Role | null) => {
    if (role && (!needed || roleRank(role) > roleRank(needed))) needed = role;
  };
  for (const node of rootFieldNodes(operation.selectionSet, fragments)) {
    if (META_FIELDS.has(node.name.value)) continue;
    const access = rules.get(`${root.name}.${node.name.value}`);
    if (!access) {
      need(UNDECLARED); // validation has refused unknown fields already; fail closed anyway
      continue;
    }
    need(access.role);
    if (!access.arguments.size) continue;
    const field = root.getFields()[node.name.value]!;
    for (const [arg, role] of access.arguments) {
      const definition = field.args.find((x) => x.name === arg)!;
      const v = argumentValue(node, definition, operation, variables);
      if (v !== undefined && v !== null && v !== false) need(role);
    }
  }
  return needed;
}

export function authorizationPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, contextValue, schema, request }) {
          if (!operation) return; // Apollo has answered already
          const needed = requiredRole(schema, document, operation, request.variables ?? {});
          if (needed) requireRole(contextValue.principal, needed);
        },
      };
    },
  };
}
