// Entry of an analysis worker thread. A worker does not inherit a TypeScript loader
// registered at run time (vitest, an embedding host), so it registers tsx's before
// loading the TypeScript module; under `tsx` itself this is a harmless second hook.
// SMART_WORKER_BUNDLE names a folder holding worker.js, this folder's worker.ts compiled
// by esbuild (the tests build one per run, test/support/cli-bundle.ts): then the thread
// loads that plain JavaScript and starts no TypeScript loader (~0.1 s of CPU instead of
// ~0.5 s for each worker an API starts).
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const bundle = process.env.SMART_WORKER_BUNDLE;
let worker;
if (bundle) {
  worker = await import(pathToFileURL(join(bundle, 'worker.js')).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  worker = await import('./worker.ts');
}
export default worker.default;
