// The CLI tests spawn `smart` tens of times: build it once per run as one bundle
// (test/support/cli-bundle.ts) and tell the tests where it is. SMART_TEST_CLI=tsx runs
// them through `tsx apps/cli/src/main.ts` instead, as the npm scripts do.
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { buildCliBundle } from './support/cli-bundle';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The bundled CLI's entry file, or '' to run the CLI through tsx. */
    cliMain: string;
  }
}

let dir: string | undefined;

export async function setup(project: TestProject) {
  if (process.env.SMART_TEST_CLI === 'tsx') {
    project.provide('cliMain', '');
    return;
  }
  const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
  const bundle = await buildCliBundle(root);
  dir = bundle.dir;
  project.provide('cliMain', bundle.main);
  // In watch mode, each rerun spawns the CLI as its source is now.
  project.onTestsRerun(async () => {
    await buildCliBundle(root, bundle.dir);
  });
}

export function teardown() {
  if (dir) rmSync(dir, { recursive: true, force: true });
}
