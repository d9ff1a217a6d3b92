// `npm start` builds the web app when it is not built or its sources changed since.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { WEB_DIST, WEB_ROOT } from '../paths';

function newestMtime(dir: string): number {
  let newest = 0;
  for (const name of readdirSync(dir)) {
    if (name === 'generated') continue;
    const p = join(dir, name);
    const s = statSync(p);
    newest = Math.max(newest, s.isDirectory() ? newestMtime(p) : s.mtimeMs);
  }
  return newest;
}

export function webBuildIsCurrent(): boolean {
  const index = join(WEB_DIST, 'index.html');
  if (!existsSync(index)) return false;
  const built = statSync(index).mtimeMs;
  return (
    newestMtime(join(WEB_ROOT, 'src')) <= built && statSync(join(WEB_ROOT, 'index.html')).mtimeMs <= built
  );
}

export async function ensureWebBuilt(log: (m: string) => void): Promise<void> {
  if (webBuildIsCurrent()) return;
  log('Building the web app…');
  const { build } = await import('vite');
  await build({ root: WEB_ROOT, logLevel: 'warn', configFile: join(WEB_ROOT, 'vite.config.ts') });
}
