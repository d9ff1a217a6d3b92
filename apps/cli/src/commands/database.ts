// The database the CLI talks to: NEO4J_URI when set, else the project's local
// Neo4j (started here if it is not running), with the schema applied and an interrupted
// import rolled back (its journal found: @smart/store journal.ts).
import { Store, configFromEnv, migrate, recoverInterruptedImport } from '@smart/store';
import { instance, start } from '@smart/neo4j-tools';

export async function openStore(
  opts: { startLocal?: boolean; log?: (m: string) => void } = {},
): Promise<Store> {
  const log = opts.log ?? ((m: string) => console.error(m));
  if (!process.env.NEO4J_URI && opts.startLocal !== false) await start(instance('dev'), log);
  const store = new Store(configFromEnv());
  await migrate(store);
  // An import killed part-way left its journal: the map goes back to what it was before it.
  const recovery = await recoverInterruptedImport(store);
  if (recovery?.rolledBack)
    log(
      `An interrupted import (${recovery.journal.action} by ${recovery.journal.actor}, started ${recovery.journal.startedAt}) was rolled back: the map is as it was before it.`,
    );
  return store;
}
