// The `smart` command as one esbuild bundle, built once per integration run by
// test/cli.global-setup.ts, so each CLI test spawns plain `node` on already compiled
// JavaScript instead of `tsx apps/cli/src/main.ts`, which transforms and loads a few
// hundred TypeScript modules through its loader on every spawn (~3 s of CPU each;
// the CLI tests spawn it about seventy times). The bundle is the same source: the
// workspace packages (@smart/*) are compiled in, every other package stays an import
// resolved from node_modules as under tsx, each lazily loaded command stays its own
// chunk, and `import.meta.url` keeps naming the source file it appears in, so the paths
// the code derives from it (cypher/, the GraphQL schema, the worker entries, .smart/)
// are the same as under tsx.
//
// The API's two worker entries are built into the same folder (worker.js,
// projection-worker.js): the global setup names it in SMART_WORKER_BUNDLE, so the worker
// threads of every API the tests start (in the test process, or in a spawned `smart
// start`) load compiled JavaScript instead of registering tsx and transforming the
// engine and the store in each thread (apps/api/src/analysis/analysis-entry.mjs).
import { mkdtempSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Plugin, build } from 'esbuild';

const sourceUrls: Plugin = {
  name: 'source-urls',
  setup(b) {
    // Third-party packages load from node_modules at run time, exactly as under tsx.
    b.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith('@smart/') || args.path.startsWith('node:') ? undefined : { external: true },
    );
    b.onLoad({ filter: /\.tsx?$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      return {
        contents: text.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)),
        loader: args.path.endsWith('.tsx') ? 'tsx' : 'ts',
      };
    });
  },
};

/**
 * Bundles apps/cli/src/main.ts into a fresh folder under node_modules/.cache (inside the
 * repository, so the bundle's external imports resolve from its node_modules), or again
 * into the folder `into` of an earlier build; returns the bundle's entry file and its
 * folder (which also holds the worker entries, worker.js and projection-worker.js).
 */
export async function buildCliBundle(
  repoRoot: string,
  into?: string,
): Promise<{ main: string; dir: string }> {
  const cache = join(repoRoot, 'node_modules', '.cache', 'smart-cli-test');
  await mkdir(cache, { recursive: true });
  const dir = into ?? mkdtempSync(join(cache, 'run-'));
  await build({
    absWorkingDir: repoRoot,
    // Named: from folders this far apart esbuild would keep their paths below apps/.
    entryPoints: {
      main: join(repoRoot, 'apps/cli/src/main.ts'),
      worker: join(repoRoot, 'apps/api/src/analysis/worker.ts'),
      'projection-worker': join(repoRoot, 'apps/api/src/analysis/projection-worker.ts'),
    },
    outdir: dir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    plugins: [sourceUrls],
    logLevel: 'warning',
  });
  return { main: join(dir, 'main.js'), dir };
}
