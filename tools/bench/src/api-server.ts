// The API as the benchmarks run it: a child process of its own (so its memory can be
// measured apart), on the bench Neo4j, with authentication on, like production.
// Started by api-process.ts with NEO4J_URI/NEO4J_PASSWORD/PORT/SMART_SECRET set;
// prints "listening <port>" on stdout when ready.
import { createApi, listen, shutdown } from '@smart/api';
import { Store, configFromEnv } from '@smart/store';

const store = new Store(configFromEnv());
// The logger comes from LOG_LEVEL (the runner sets 'warn': a log line per request would be measured too).
const api = await createApi({ store, auth: 'on' });
const server = await listen(api, Number(process.env.PORT ?? 4100), '127.0.0.1');
// As `npm start` does: the projection loads from the start (api:first-call waits for it).
api.analysis.warm();
const address = server.address();
process.stdout.write(`listening ${typeof address === 'object' && address ? address.port : ''}\n`);

const stop = async () => {
  await shutdown(api, server, { drainMs: 2_000 });
  await store.close();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
