// The schema is the SDL files in ./schema; graphql-codegen generates the resolver
// types from the same files (see codegen.ts at the root).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SCHEMA_DIR = fileURLToPath(new URL('./schema', import.meta.url));

export const typeDefs: string[] = readdirSync(SCHEMA_DIR)
  .filter((f) => f.endsWith('.graphql'))
  .sort()
  .map((f) => readFileSync(join(SCHEMA_DIR, f), 'utf8'));
