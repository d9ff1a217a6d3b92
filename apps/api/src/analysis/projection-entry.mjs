// Entry of the projection worker thread (see analysis-entry.mjs for why tsx is registered here).
import { register } from 'tsx/esm/api';

register();
const worker = await import('./projection-worker.ts');
export default worker.default;
export const close = worker.close;
