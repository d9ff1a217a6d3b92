import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
export const WEB_ROOT = resolve(REPO_ROOT, 'apps/web');
export const WEB_DIST = resolve(WEB_ROOT, 'dist');
export const DEMO_TEMPLATE = resolve(REPO_ROOT, 'packages/seed/demo');
