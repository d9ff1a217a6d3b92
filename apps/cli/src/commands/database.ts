// The database the CLI talks to: NEO4J_URI when set, else the project's local
// Neo4j (started here if it is not running), with the schema applied and an interrupted
// import rolled back (its journal found: @smart/store journal.ts).
import { Store, configFromEnv, migrate, recoverInterruptedImport } from '@smart/store';
import { type Instance, instance, start } from '@smart/neo4j-tools';

/**
 * The project's local Neo4j the CLI runs: `dev` (port NEO4J_BOLT_PORT, default 7687), or
 * the instance SMART_NEO4J_INSTANCE names (tests run one of their own, on NEO4J_BOLT_PORT).
 */
export function localInstance(env: NodeJS.ProcessEnv = process.env): Instance {
  const name = env.SMART_NEO4J_INSTANCE || 'dev';
  if (name === 'dev') return instance('dev');
  if (!env.NEO4J_BOLT_PORT) throw new Error(`SMART_NEO4J_INSTANCE=${name} needs NEO4J_BOLT_PORT (its port)`);
  return instance(name, { boltPort: Number(env.NEO4J_BOLT_PORT) });
}

export async function openStore(
  opts: { startLocal?: boolean; log?: (m: string) => void } = {},
): Promise<Store> {
  const log = opts.log ?? ((m: string) => console.error(m));
  if (!process.env.NEO4J_URI && opts.startLocal !== false) await start(localInstance(), log);
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
