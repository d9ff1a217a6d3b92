// Entry of the projection worker thread (see analysis-entry.mjs for why tsx is registered
// here, and for SMART_WORKER_BUNDLE, whose projection-worker.js it then loads).
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const bundle = process.env.SMART_WORKER_BUNDLE;
let worker;
if (bundle) {
  worker = await import(pathToFileURL(join(bundle, 'projection-worker.js')).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  worker = await import('./projection-worker.ts');
}
export default worker.default;
export const close = worker.close;
