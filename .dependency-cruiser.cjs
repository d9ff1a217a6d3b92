// The architecture's import rules, checked by `npm run lint:deps` (part of `npm test`):
// libraries (packages/*) never import applications (apps/*) or tooling (tools/*); the
// pure packages (domain, engine) and the browser app use no Node built-ins; every
// package imports only what its own package.json declares; no cycles.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'library-imports-application',
      comment: 'packages/* are libraries: they never depend on apps/* or tools/*.',
      severity: 'error',
      from: { path: '^packages/' },
      to: { path: ['^(apps|tools)/', '^node_modules/@smart/(api|web|cli|bench|neo4j-tools)/'] },
    },
    {
      name: 'application-imports-tooling',
      comment:
        'apps/* are shipped; tools/* (Neo4j provisioning, bench) are not, so apps never import them — except the CLI, whose db and bench commands are those tools.',
      severity: 'error',
      from: { path: '^apps/(api|web)/src/' },
      to: { path: ['^tools/', '^node_modules/@smart/(bench|neo4j-tools)/'] },
    },
    {
      name: 'pure-package-uses-node',
      comment: 'domain and engine run in Node and in the browser: no Node built-ins.',
      severity: 'error',
      from: { path: '^packages/(domain|engine)/src/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'browser-app-uses-node',
      comment: 'The web app runs in the browser: no Node built-ins in apps/web/src.',
      severity: 'error',
      from: { path: '^apps/web/src/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'undeclared-dependency',
      comment:
        "An import of a package the importing workspace's package.json does not declare. The repository-level test support (test/) serves every workspace's tests and may use any of them.",
      severity: 'error',
      from: { pathNot: '^test/' },
      to: { dependencyTypes: ['npm-no-pkg', 'npm-unknown'] },
    },
    {
      name: 'source-imports-dev-dependency',
      comment:
        'Shipped code (src/) must not rely on a devDependency; component tests beside their components may.',
      severity: 'error',
      from: { path: '^(apps|packages|tools)/[^/]+/src/', pathNot: '\\.test\\.tsx?$' },
      to: { dependencyTypes: ['npm-dev'] },
    },
    {
      name: 'resolver-uses-store',
      comment:
        "Resolvers, and the request-path modules they call (reports, loaders, the read audit, the scope, authorization and cost plugins, the CSV export), use the context's per-concept interfaces (ctx.analysis, ctx.entityRepository, ctx.userDirectory…), never @smart/store's values; its types are fine, and its errors are recognised through ../errors (issue 15 item 2). Only backends/, analysis/ (the AnalysisService's implementation), auth/, app.ts, errors.ts and the rate and sign-in stores (HTTP middleware, before a context exists) reach the store.",
      severity: 'error',
      from: {
        path: [
          '^apps/api/src/(resolvers|reports)/',
          '^apps/api/src/(context|loaders)\\.ts$',
          '^apps/api/src/security/(read-audit|scope|scope-plugin|authorization|cost|analyses|operations|limits)\\.ts$',
        ],
      },
      to: {
        path: ['^node_modules/@smart/store/', '^packages/store/'],
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Workspace packages stay node_modules/@smart/* (not their real folders), so an import
    // of one is checked against the importer's package.json like any other package.
    preserveSymlinks: true,
    // A workspace's own package.json, plus the root's (test tooling such as vitest and
    // fast-check is declared once, at the root, as devDependencies).
    combinedDependencies: true,
    // Build output and generated code (only ours: a package's dist/ must still be checked),
    // and the fixture that breaks every rule on purpose (test/architecture.test.ts).
    exclude: { path: ['^(apps|packages|tools)/[^/]+/(dist|src/generated)/', '^test/fixtures/architecture/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'],
    },
  },
};
