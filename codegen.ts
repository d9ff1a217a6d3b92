// Types come from one source: the SDL in apps/api/src/schema generates the API's
// resolver types and the web app's operation types.
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: 'apps/api/src/schema/*.graphql',
  silent: true,
  ignoreNoDocuments: true,
  generates: {
    'apps/api/src/generated/resolvers.ts': {
      plugins: ['typescript', 'typescript-resolvers'],
      config: {
        contextType: '../context#Context',
        useTypeImports: true,
        enumsAsTypes: true,
        useIndexSignature: false,
        mappers: {},
        avoidOptionals: false,
        maybeValue: 'T | null | undefined',
      },
    },
    'apps/web/src/generated/graphql.ts': {
      documents: ['apps/web/src/**/*.{ts,tsx}', '!apps/web/src/generated/**'],
      plugins: ['typescript', 'typescript-operations'],
      config: { useTypeImports: true, enumsAsTypes: true, avoidOptionals: false, skipTypename: true },
    },
  },
};
export default config;
