// The schema's own rules (issue 15 item 4), checked on the SDL files themselves:
// every type, field, argument, enum value and input field is described; the Query and
// Mutation roots are declared once (schema.graphql) and extended per concept; each
// concept's SDL file has one resolver module that resolves only what that file
// declares; and the enums the domain also defines hold the same values.
import { readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  DEPENDENCY_SOURCES,
  ENTITY_KINDS,
  IMPACT_MODELS,
  ORGANIZATION_SIZES,
  ROLES,
  SERVICE_TYPES,
  SUBSECTORS,
  WORKFLOW_CATEGORIES,
} from '@smart/domain';
import { IMPACT_DEFAULTS } from '@smart/engine';
import {
  type DefinitionNode,
  type DocumentNode,
  Kind,
  type Location,
  buildASTSchema,
  concatAST,
  getLocation,
  parse,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { RESOLVER_MODULES } from '../src/resolvers';

const SCHEMA_DIR = fileURLToPath(new URL('../src/schema', import.meta.url));
const FILES = readdirSync(SCHEMA_DIR)
  .filter((f) => f.endsWith('.graphql'))
  .sort();
const ROOT_FILE = 'schema.graphql';
const ROOTS = new Set(['Query', 'Mutation']);

const docs = new Map<string, DocumentNode>(
  FILES.map((f) => [f, parse(readFileSync(join(SCHEMA_DIR, f), 'utf8'))]),
);

/** `file:line:column` of a node. */
function where(file: string, loc: Location | undefined): string {
  if (!loc) return file;
  const { line, column } = getLocation(loc.source, loc.start);
  return `${file}:${line}:${column}`;
}

/**
 * Every element of an SDL document that has no description, as `file:line:column
 * Type.field(argument)`. Type extensions cannot carry one (their type's definition
 * does), but their fields and arguments are checked.
 */
export function undescribed(file: string, doc: DocumentNode): string[] {
  const out: string[] = [];
  const check = (node: { description?: { value: string }; loc?: Location }, name: string) => {
    if (!node.description?.value.trim()) out.push(`${where(file, node.loc)} ${name}`);
  };
  for (const def of doc.definitions) {
    if (!('name' in def) || !def.name) continue;
    const type = def.name.value;
    const isExtension = def.kind.endsWith('Extension');
    // The roots are declared once, described there (schema.graphql).
    if (!isExtension) check(def as DefinitionNode & { description?: { value: string } }, type);
    if ('fields' in def && def.fields) {
      for (const field of def.fields) {
        const name = `${type}.${field.name.value}`;
        check(field, name);
        if ('arguments' in field)
          for (const arg of field.arguments ?? []) check(arg, `${name}(${arg.name.value})`);
      }
    }
    if ('values' in def && def.values) for (const v of def.values) check(v, `${type}.${v.name.value}`);
  }
  return out;
}

/** What a file declares a resolver may serve: `Type.field` of its types and extensions. */
function declaredFields(doc: DocumentNode): Set<string> {
  const out = new Set<string>();
  for (const def of doc.definitions) {
    if (!('name' in def) || !def.name) continue;
    const type = def.name.value;
    // An abstract type's resolver is its __resolveType.
    if (def.kind === Kind.INTERFACE_TYPE_DEFINITION || def.kind === Kind.UNION_TYPE_DEFINITION)
      out.add(`${type}.__resolveType`);
    if ('fields' in def && def.fields) for (const f of def.fields) out.add(`${type}.${f.name.value}`);
  }
  return out;
}

describe('undescribed (the check itself)', () => {
  it('names every kind of element that lacks a description, with its place', () => {
    const doc = parse(
      [
        'type Thing { id: ID! }',
        '"Described." enum Colour { "Red." RED BLUE }',
        '"Described." input Paint { "Described." colour: Colour!  shade: Float }',
        'extend type Query { "Described." thing(id: ID!): Thing  things: [Thing!]! }',
        '"Described." type Fine { "Described." ok("Described." flag: Boolean): Boolean }',
      ].join('\n'),
    );
    expect(undescribed('fixture.graphql', doc)).toEqual([
      'fixture.graphql:1:1 Thing',
      'fixture.graphql:1:14 Thing.id',
      'fixture.graphql:2:39 Colour.BLUE',
      'fixture.graphql:3:58 Paint.shade',
      'fixture.graphql:4:40 Query.thing(id)',
      'fixture.graphql:4:57 Query.things',
    ]);
  });
});

describe('the GraphQL schema', () => {
  it('builds from the SDL files', () => {
    expect(() => buildASTSchema(concatAST([...docs.values()]))).not.toThrow();
  });

  it('describes every type, field, argument, enum value and input field', () => {
    const missing = [...docs].flatMap(([file, doc]) => undescribed(file, doc));
    expect(missing, `elements without a description:\n${missing.join('\n')}`).toEqual([]);
  });

  it('declares the Query and Mutation roots once, in schema.graphql; every other file extends them', () => {
    const misplaced: string[] = [];
    for (const [file, doc] of docs) {
      for (const def of doc.definitions) {
        if (def.kind !== Kind.OBJECT_TYPE_DEFINITION || !ROOTS.has(def.name.value)) continue;
        if (file !== ROOT_FILE || def.fields?.length)
          misplaced.push(`${where(file, def.loc)} type ${def.name.value}`);
      }
    }
    expect(misplaced).toEqual([]);
    const types = docs.get(ROOT_FILE)!.definitions.filter((d) => d.kind === Kind.OBJECT_TYPE_DEFINITION);
    expect(types.map((d) => d.name.value).sort()).toEqual(['Mutation', 'Query']);
  });

  it('has one resolver module per concept file, resolving only what that file declares', () => {
    const concepts = FILES.filter((f) => f !== ROOT_FILE).map((f) => basename(f, '.graphql'));
    expect(Object.keys(RESOLVER_MODULES).sort()).toEqual(concepts);
    const strays: string[] = [];
    for (const concept of concepts) {
      const declared = declaredFields(docs.get(`${concept}.graphql`)!);
      for (const [type, fields] of Object.entries(RESOLVER_MODULES[concept]!)) {
        for (const field of Object.keys(fields as object)) {
          if (!declared.has(`${type}.${field}`)) strays.push(`resolvers/${concept}.ts: ${type}.${field}`);
        }
      }
    }
    expect(strays, 'resolvers for fields their SDL file does not declare').toEqual([]);
  });

  it('spells the enums the domain defines exactly as @smart/domain does', () => {
    const schema = buildASTSchema(concatAST([...docs.values()]));
    const values = (name: string) => {
      const t = schema.getType(name);
      return t && 'getValues' in t ? t.getValues().map((v) => v.name) : [];
    };
    const domain: Record<string, readonly string[]> = {
      EntityKind: ENTITY_KINDS,
      Subsector: SUBSECTORS,
      OrganizationSize: ORGANIZATION_SIZES,
      ServiceType: SERVICE_TYPES,
      WorkflowCategory: WORKFLOW_CATEGORIES,
      DependencySource: DEPENDENCY_SOURCES,
      ImpactModel: IMPACT_MODELS,
      Role: ROLES,
      ImportSummaryKind: [...ENTITY_KINDS, 'DEPENDENCY'],
    };
    for (const [name, expected] of Object.entries(domain)) expect(values(name), name).toEqual([...expected]);
  });

  it('states the impact defaults the engine applies (IMPACT_DEFAULTS), nothing else', () => {
    const schema = buildASTSchema(concatAST([...docs.values()]));
    const input = (name: string) => {
      const t = schema.getType(name);
      return t && 'getFields' in t ? (t.getFields() as Record<string, { defaultValue?: unknown }>) : {};
    };
    expect(input('ImpactInput').model?.defaultValue).toBe(IMPACT_DEFAULTS.model);
    expect(input('FailureInput').inoperability?.defaultValue).toBe(IMPACT_DEFAULTS.inoperability);
  });
});
