import { fileURLToPath } from 'node:url';

/** The committed demo template folder (packages/seed/demo). */
export const DEMO_DIR = fileURLToPath(new URL('../demo', import.meta.url));
