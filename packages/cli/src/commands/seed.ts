// Demo data on an empty database (`npm start`), and `npm run seed`: the demo
// ecosystem or a generated one of a given size, into Neo4j or to a template folder.
import { type Store, graphStats } from '@smart/store';
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

export async function seedCommand(args: {
  size?: string;
  seed?: string;
  out?: string;
  replace?: boolean;
}): Promise<number> {
  if (args.size) throw new Error('--size needs the scale generator, which is not wired in yet');
  const { openStore } = await import('./database');
  const store = await openStore();
  try {
    const outcome = await importPath(store, DEMO_TEMPLATE, { actor: 'seed', replace: args.replace });
    printImportOutcome(outcome, false);
    return outcome.ok ? 0 : 1;
  } finally {
    await store.close();
  }
}
