// The import rules of .dependency-cruiser.cjs (run on the repository by `npm run
// lint:deps`) must be able to fail: each rule is run on a small fixture tree that
// breaks it once, so a rule that stopped matching would be noticed here.
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { cruise, type IConfiguration } from 'dependency-cruiser';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const config = require('../.dependency-cruiser.cjs') as IConfiguration;
const FIXTURE = resolve(import.meta.dirname, 'fixtures/architecture');

async function violations(): Promise<Set<string>> {
  const result = await cruise(['packages', 'apps', 'tools'], {
    ...config.options,
    ruleSet: { forbidden: config.forbidden },
    baseDir: FIXTURE,
    tsConfig: undefined,
    validate: true,
  });
  if (typeof result.output === 'string') throw new Error('expected a JSON result');
  // A package outside the fixture is named by its package name, not its resolved file.
  const target = (to: string) => to.replace(/^(\.\.\/)*node_modules\/((@[^/]+\/)?[^/]+)\/.*$/, '$2');
  return new Set(result.output.summary.violations.map((v) => `${v.rule.name} ${v.from} -> ${target(v.to)}`));
}

describe('import rules', () => {
  it('each rule reports the fixture file that breaks it, and nothing else', async () => {
    const found = [...(await violations())].sort();
    expect(found).toEqual(
      [
        'application-imports-tooling apps/web/src/main.ts -> tools/neo4j/src/start.ts',
        'browser-app-uses-node apps/web/src/main.ts -> path',
        'library-imports-application packages/engine/src/graph.ts -> apps/api/src/app.ts',
        'no-circular apps/api/src/app.ts -> apps/api/src/routes.ts',
        'pure-package-uses-node packages/engine/src/graph.ts -> fs',
        'resolver-uses-store apps/api/src/resolvers/entities.ts -> packages/store/src/index.ts',
        'resolver-uses-store apps/api/src/security/read-audit.ts -> packages/store/src/index.ts',
        'source-imports-dev-dependency apps/api/src/app.ts -> vitest',
        'undeclared-dependency packages/engine/src/graph.ts -> zod',
        'unresolvable apps/api/src/app.ts -> ./missing',
      ].sort(),
    );
  });
});
