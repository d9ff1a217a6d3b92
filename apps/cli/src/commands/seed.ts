// Demo data on an empty database (`npm start`), and `npm run seed`: the demo
// ecosystem or a generated one of a given size, into Neo4j or to a template folder.
import { SIZES, generateEcosystem, writeGeneratedCsv } from '@smart/seed';
import { type Store, graphStats, importTemplate } from '@smart/store';
import { openStore } from './database';
import { progressBar } from './progress';
import { DEMO_TEMPLATE } from '../paths';
import { importPath, printImportOutcome } from './import';

export async function seedDemoIfEmpty(store: Store, log: (m: string) => void): Promise<void> {
  const stats = await graphStats(store);
  if (stats.counts.some((c) => c.count > 0)) return;
  log('The database is empty: importing the demo ecosystem…');
  const outcome = await importPath(store, DEMO_TEMPLATE, { actor: 'seed', quiet: true });
  if (!outcome.ok) {
    printImportOutcome(outcome, false);
    throw new Error('the demo template did not import; see the problems above');
  }
}

/** `--size S|M|L|<entities>` as an entity count. */
export function entityCount(size: string): number {
  const named = SIZES[size.toUpperCase() as keyof typeof SIZES];
  const n = named ?? Number(size);
  if (!Number.isInteger(n) || n < 100 || n > 5_000_000) {
    throw new Error(`--size must be S, M, L or a number of entities from 100 to 5000000, not '${size}'`);
  }
  return n;
}

export async function seedCommand(args: {
  size?: string;
  seed?: string;
  out?: string;
  replace?: boolean;
}): Promise<number> {
  const seed = Number(args.seed ?? 1);
  if (!Number.isInteger(seed)) throw new Error(`--seed must be a whole number, not '${args.seed}'`);
  if (args.size && args.out) {
    // Streamed straight to CSV: works for size L without holding it in memory.
    const bar = progressBar('Generating');
    const entities = entityCount(args.size);
    const r = await writeGeneratedCsv({ entities, seed }, args.out, (done: number) =>
      bar.update(done, Math.max(done, entities * 6)),
    );
    bar.stop();
    const rows = Object.values(r.rows).reduce((sum, n) => sum + n, 0);
    console.log(
      `Wrote ${rows} rows (${r.entities} entities, ${r.dependencies} dependencies) to ${args.out} in ${(r.ms / 1000).toFixed(1)} s.`,
    );
    return 0;
  }
  const store = await openStore();
  try {
    if (args.size) {
      const template = generateEcosystem({ entities: entityCount(args.size), seed });
      const bar = progressBar('Importing');
      const summary = await importTemplate(store, template, {
        actor: 'seed',
        source: `generated size ${args.size} seed ${seed}`,
        replace: args.replace,
        onProgress: (done, total) => bar.update(done, total),
      });
      bar.stop();
      printImportOutcome({ ok: true, problems: [], problemCount: 0, summary }, false);
      return 0;
    }
    const outcome = await importPath(store, DEMO_TEMPLATE, { actor: 'seed', replace: args.replace });
    printImportOutcome(outcome, false);
    return outcome.ok ? 0 : 1;
  } finally {
    await store.close();
  }
}
