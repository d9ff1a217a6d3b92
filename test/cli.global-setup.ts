// The CLI tests spawn `smart` tens of times: build it once per run as one bundle
// (test/support/cli-bundle.ts) and tell the tests where it is. SMART_TEST_CLI=tsx runs
// them through `tsx apps/cli/src/main.ts` instead, as the npm scripts do.
// The same folder holds the API's worker entries compiled: SMART_WORKER_BUNDLE names it
// for the test processes (and the CLIs they spawn), whose APIs' worker threads then
// load them instead of starting tsx in each thread (see test/support/cli-bundle.ts).
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
  process.env.SMART_WORKER_BUNDLE = bundle.dir;
  // In watch mode, each rerun spawns the CLI as its source is now.
  project.onTestsRerun(async () => {
    await buildCliBundle(root, bundle.dir);
  });
}

export function teardown() {
  delete process.env.SMART_WORKER_BUNDLE;
  if (dir) rmSync(dir, { recursive: true, force: true });
}
