// Entry of an analysis worker thread. A worker does not inherit a TypeScript loader
// registered at run time (vitest, an embedding host), so it registers tsx's before
// loading the TypeScript module; under `tsx` itself this is a harmless second hook.
import { register } from 'tsx/esm/api';

register();
const worker = await import('./worker.ts');
export default worker.default;
