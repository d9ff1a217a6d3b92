// The database the CLI talks to: NEO4J_URI when set, else the project's local
// Neo4j (started here if it is not running), with the schema applied.
import { Store, configFromEnv, migrate } from '@smart/store';
import { instance, start } from '@smart/neo4j-tools';

export async function openStore(
  opts: { startLocal?: boolean; log?: (m: string) => void } = {},
): Promise<Store> {
  const log = opts.log ?? ((m: string) => console.error(m));
  if (!process.env.NEO4J_URI && opts.startLocal !== false) await start(instance('dev'), log);
  const store = new Store(configFromEnv());
  await migrate(store);
  return store;
}
