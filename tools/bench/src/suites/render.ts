// Benchmark 6, render: the explorer's canvas code (Sigma 3 + graphology, WebGL; its
// settings, node program, tiered layout and big-scene policy imported from
// apps/web/src/explorer) drawing 5k, 20k and 50k entities of a generated ecosystem in
// headless Chromium with SwiftShader (software WebGL: no GPU on the benchmark machine),
// and, for reference, plain Sigma drawing the largest with every edge. The page is
// tools/bench/render, built with Vite and served by a tiny static server.
import { createReadStream, existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { type Server, createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateEcosystem } from '@smart/seed';
import type { Progress } from '../progress';
import { mulberry32 } from '../scenarios';
import { round, summarize } from '../stats';
import type { BenchResult } from '../types';

const PAGE_DIR = fileURLToPath(new URL('../../render', import.meta.url));
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--disable-background-networking',
  '--no-first-run',
];
const LOADS = 2;
const FRAMES = 5;

// The explorer's colours per kind (apps/web/src/explorer/kinds.ts), in tier order:
// supplier, service, organisation, asset, workflow, critical function.
const COLORS = ['#0072B2', '#56B4E9', '#CC79A7', '#8C8C8C', '#009E73', '#E69F00'];

export interface RenderData {
  nodes: [string, string, number, number, number, number][];
  edges: [number, number][];
  colors: string[];
}

/**
 * The entities and links of a generated ecosystem of ~n entities, placed in the
 * explorer's tiers (supplier → service → organisation → asset → workflow → function,
 * left to right) with seeded jitter, sized by how many depend on them.
 */
export function renderData(n: number, seed: number): RenderData {
  const t = generateEcosystem({ entities: n, seed });
  const ids: string[] = [];
  const labels: string[] = [];
  const tiers: number[] = [];
  const index = new Map<string, number>();
  const add = (rows: readonly { id: string; name: string }[], tier: number) => {
    for (const r of rows) {
      index.set(r.id, ids.length);
      ids.push(r.id);
      labels.push(r.name);
      tiers.push(tier);
    }
  };
  add(t.suppliers, 0);
  add(t.services, 1);
  add(t.organizations, 2);
  add(t.assets, 3);
  add(t.workflows, 4);
  add(t.criticalFunctions, 5);
  const edges: [number, number][] = [];
  const link = (a: string, b: string) => {
    const s = index.get(a);
    const d = index.get(b);
    if (s !== undefined && d !== undefined) edges.push([s, d]);
  };
  // Flow direction, as the explorer draws it: from the provider to who depends on it.
  for (const d of t.dependencies) link(d.to, d.from);
  for (const s of t.services) link(s.supplierId, s.id);
  for (const w of t.workflows) link(w.organizationId, w.id);
  for (const a of t.assets) link(a.organizationId, a.id);
  for (const l of t.workflowFunctions) link(l.workflowId, l.functionId);
  const degree = new Int32Array(ids.length);
  for (const [s] of edges) degree[s]!++;
  const rand = mulberry32(seed);
  const height = Math.sqrt(ids.length) * 6;
  const nodes = ids.map((id, i): [string, string, number, number, number, number] => {
    const x = tiers[i]! * 100 + rand() * 70;
    const y = rand() * height;
    const size = Math.min(20, 2 + Math.log2(1 + degree[i]!));
    return [
      id,
      labels[i]!,
      Math.round(x * 100) / 100,
      Math.round(y * 100) / 100,
      Math.round(size * 10) / 10,
      tiers[i]!,
    ];
  });
  return { nodes, edges, colors: COLORS };
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.css': 'text/css',
};

/** Serves `root` on 127.0.0.1 (an ephemeral port). */
export async function staticServer(root: string): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(
      /^(\.\.[/\\])+/,
      '',
    );
    const file = join(root, path === '/' ? 'index.html' : path);
    if (!file.startsWith(root) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { server, url: `http://127.0.0.1:${port}` };
}

async function buildPage(outDir: string): Promise<void> {
  const { build } = await import('vite');
  await build({
    root: PAGE_DIR,
    configFile: false,
    logLevel: 'error',
    base: './',
    build: { outDir, emptyOutDir: true, minify: true, reportCompressedSize: false },
  });
}

const label = (n: number) => (n >= 1000 ? `${Math.round(n / 1000)}k` : String(n));

export async function renderSuite(
  nodeCounts: number[],
  seed: number,
  outDir: string,
  progress: Progress,
): Promise<BenchResult[]> {
  if (!existsSync(CHROMIUM))
    throw new Error(`no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  progress.step('render: building the bench page with Vite…');
  await buildPage(outDir);
  const sizes: Record<number, { nodes: number; edges: number }> = {};
  for (const n of nodeCounts) {
    const data = renderData(n, seed);
    sizes[n] = { nodes: data.nodes.length, edges: data.edges.length };
    await writeFile(join(outDir, `graph-${n}.json`), JSON.stringify(data));
  }
  const { server, url } = await staticServer(outDir);
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  const results: BenchResult[] = [];
  try {
    // Every size as the explorer draws it, and the largest once more with plain Sigma and
    // every edge (what the big-scene policy saves).
    const runs = [
      ...nodeCounts.map((n) => ({ n, plain: false })),
      ...(nodeCounts.length ? [{ n: Math.max(...nodeCounts), plain: true }] : []),
    ];
    for (const { n, plain } of runs) {
      const first: number[] = [];
      const graphMs: number[] = [];
      const layoutMs: number[] = [];
      const constructMs: number[] = [];
      const zoomMs: number[] = [];
      const frames: number[] = [];
      let firstEdges = 0;
      let zoomEdges = 0;
      const name = `${label(n)}${plain ? ' plain Sigma, all edges' : ''}`;
      for (let load = 0; load < LOADS; load++) {
        progress.status(`render: ${name}, load ${load + 1}/${LOADS}`);
        const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
        try {
          await page.goto(`${url}/index.html?n=${n}&mode=${plain ? 'plain' : 'explorer'}&frames=${FRAMES}`);
          // The page sets window.__bench when done (render/main.ts).
          const done = () => (globalThis as { __bench?: unknown }).__bench;
          await page.waitForFunction(
            () => (globalThis as { __bench?: unknown }).__bench !== undefined,
            undefined,
            {
              timeout: 600_000,
            },
          );
          const r = (await page.evaluate(done)) as
            | {
                firstRenderMs: number;
                graphMs: number;
                layoutMs: number;
                constructMs: number;
                zoomMs: number;
                frameMs: number[];
                edges: number;
                zoomEdges: number;
              }
            | { error: string };
          if ('error' in r) throw new Error(`the render page failed: ${r.error}`);
          first.push(r.firstRenderMs);
          graphMs.push(r.graphMs);
          layoutMs.push(r.layoutMs);
          constructMs.push(r.constructMs);
          zoomMs.push(r.zoomMs);
          frames.push(...r.frameMs);
          firstEdges = r.edges;
          zoomEdges = r.zoomEdges;
        } finally {
          await page.close();
        }
      }
      progress.clear();
      const f = summarize(first);
      const fr = summarize(frames);
      const z = summarize(zoomMs);
      const all = `${sizes[n]!.nodes.toLocaleString('en')} nodes, ${sizes[n]!.edges.toLocaleString('en')} edges`;
      const drawn = `${firstEdges.toLocaleString('en')} edges drawn`;
      progress.step(
        `render: ${name}: first render p50 ${Math.round(f.p50)} ms, zoom-in p50 ${Math.round(z.p50)} ms, frame p50 ${Math.round(fr.p50)} ms`,
      );
      const how = plain
        ? 'plain Sigma 3, every edge, positions given'
        : `the explorer's canvas code: tiered layout${sizes[n]!.nodes >= 2000 ? ' (1 sweep), big-scene edges (none unfocused when zoomed out)' : ', every edge'}`;
      results.push(
        {
          name: `render:first ${name}`,
          size: '-',
          p50_ms: round(f.p50),
          p95_ms: round(f.p95),
          ratio_vs_limit: null,
          ratio_vs_baseline: null,
          samples: f.n,
          layout_ms: round(summarize(layoutMs).p50),
          graph_build_ms: round(summarize(graphMs).p50),
          // From holding the data until `new Sigma()` returned (layout and graph building included).
          sigma_constructed_at_ms: round(summarize(constructMs).p50),
          nodes: sizes[n]!.nodes,
          edges: firstEdges,
          note: `${all} (${drawn}); ${how}: layout + graphology graph + Sigma constructed + first frame finished (pixel read back); data already fetched; SwiftShader; ${LOADS} page loads`,
        },
        {
          name: `render:zoom ${name}`,
          size: '-',
          p50_ms: round(z.p50),
          p95_ms: round(z.p95),
          ratio_vs_limit: null,
          ratio_vs_baseline: null,
          samples: z.n,
          nodes: sizes[n]!.nodes,
          edges: zoomEdges,
          note: `${all}: zoom in to the edge threshold (camera ratio 0.36), the edges in view added (${zoomEdges.toLocaleString('en')}), one frame; SwiftShader`,
        },
        {
          name: `render:frame ${name}`,
          size: '-',
          p50_ms: round(fr.p50),
          p95_ms: round(fr.p95),
          ratio_vs_limit: null,
          ratio_vs_baseline: null,
          samples: fr.n,
          nodes: sizes[n]!.nodes,
          edges: firstEdges,
          note: `${all} (${drawn}): one pan/zoom frame, Sigma render() + pixel read back, ${LOADS} × ${FRAMES} frames; SwiftShader`,
        },
      );
    }
  } finally {
    await browser.close();
    server.close();
  }
  return results;
}
