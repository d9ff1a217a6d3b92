// Every operation the web app sends must be accepted by the production server: valid
// against the schema and within the server's own limits (depth, aliases, directives,
// shape cost, analysis cost, tokens). The rules and limits come from the API itself
// (operationGuards, limitsFromEnv), so a UI query can never be refused by its own server.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { demandsOf, limitsFromEnv, operationGuards, price, typeDefs } from '@smart/api';
import { SIZES, generateEcosystem } from '@smart/seed';
import { templateSize } from '@smart/store';
import {
  buildASTSchema,
  concatAST,
  type DocumentNode,
  GraphQLError,
  Kind,
  parse,
  print,
  specifiedRules,
  validate,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { apolloClient } from '../src/apollo';

const SRC = 'apps/web/src';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'generated' ? [] : sourceFiles(p);
    return /\.tsx?$/.test(e.name) ? [p] : [];
  });
}

const files = sourceFiles(SRC);
const withGql = files.filter((f) => /\bgql`/.test(readFileSync(f, 'utf8')));

/** Every operation the app can send, as Apollo sends it (fragments included, __typename added). */
async function appOperations(): Promise<{ name: string; file: string; document: DocumentNode }[]> {
  const out: { name: string; file: string; document: DocumentNode }[] = [];
  for (const file of withGql) {
    const mod = (await import(join(process.cwd(), file))) as Record<string, unknown>;
    for (const value of Object.values(mod)) {
      const doc = value as DocumentNode;
      if (doc?.kind !== Kind.DOCUMENT) continue;
      for (const op of doc.definitions) {
        if (op.kind !== Kind.OPERATION_DEFINITION) continue;
        const sent = apolloClient.cache.transformDocument(doc);
        out.push({ name: op.name?.value ?? '(anonymous)', file: relative(SRC, file), document: sent });
      }
    }
  }
  return out;
}

const limits = limitsFromEnv({});
const guards = operationGuards(limits, true);
const schema = buildASTSchema(concatAST(typeDefs.map((t) => parse(t))));

/** What the server would answer to this document at validation: its error messages, or none. */
function refusals(document: DocumentNode): string[] {
  try {
    // The server parses the text it receives, with its token limit.
    const received = parse(print(document), guards.parseOptions);
    return validate(schema, received, [...specifiedRules, ...guards.validationRules]).map((e) => e.message);
  } catch (e) {
    // graphql-armor's rules throw rather than report.
    if (e instanceof GraphQLError || e instanceof Error) return [e.message];
    throw e;
  }
}

describe('the web app’s GraphQL operations', () => {
  it('all live in queries.ts files, where this test finds them', () => {
    expect(withGql.map((f) => relative(SRC, f)).filter((f) => !f.endsWith('queries.ts'))).toEqual([]);
  });

  it('are found (a sanity check on the collection)', async () => {
    const names = (await appOperations()).map((o) => o.name);
    for (const known of [
      'Viewer',
      'Stats',
      'Impact',
      'Scenario',
      'Scenarios',
      'CompareScenarios',
      'SaveScenario',
    ])
      expect(names).toContain(known);
  });

  it('are each accepted by the production server’s schema and limits', async () => {
    const refused = (await appOperations())
      .map((o) => ({ operation: `${o.name} (${o.file})`, errors: refusals(o.document) }))
      .filter((r) => r.errors.length > 0);
    expect(refused).toEqual([]);
  });

  it('each fit the analysis budget on a graph of size M with 50 saved scenarios', async () => {
    // Default variables (the schema's defaults): the analyses priced as the explorer asks for them.
    const size = templateSize(generateEcosystem({ entities: SIZES.M, seed: 1 }));
    const over = (await appOperations())
      .map((o) => {
        const op = o.document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
        if (op?.kind !== Kind.OPERATION_DEFINITION) return { operation: o.name, cost: 0 };
        return { operation: o.name, cost: price(demandsOf(schema, o.document, op, {}), size, 50).total };
      })
      .filter((r) => r.cost > limits.maxAnalysisCost);
    expect(over).toEqual([]);
  });

  it('would be refused past a limit (the check is live)', () => {
    // organization { workflows { organization { … } } }: two fields per round.
    let nested = 'id';
    for (let i = 0; i < limits.maxDepth; i++) nested = `organization { workflows { ${nested} } }`;
    const deep = parse(`query Deep { entity(id: "x") { ... on Workflow { ${nested} } } }`);
    expect(refusals(deep).join()).toMatch(/depth limit/);
    const aliases = Array.from({ length: limits.maxAliases + 1 }, (_, i) => `a${i}: stats { dependencies }`);
    expect(refusals(parse(`query Many { ${aliases.join(' ')} }`)).join()).toMatch(/alias/i);
  });
});
