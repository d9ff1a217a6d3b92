// `npm run db:start | db:stop | db:status` — the developer's local Neo4j.
// With NEO4J_URI set, the project uses that server and starts nothing.
import { boltUri, instance, start, status, stop } from './instance';

const [command = 'status', which = 'dev'] = process.argv.slice(2);
const inst = instance(which === 'test' ? 'test' : 'dev');
const external = process.env.NEO4J_URI;

async function main() {
  switch (command) {
    case 'start':
      if (external)
        return console.log(`NEO4J_URI is set (${external}): using that server, starting nothing.`);
      await start(inst);
      return;
    case 'stop':
      if (external) return console.log(`NEO4J_URI is set (${external}): nothing to stop here.`);
      await stop(inst);
      return;
    case 'status': {
      const uri = external ?? boltUri(inst);
      const s = await status(uri, process.env.NEO4J_USER ?? 'neo4j', inst.password);
      if (s.running) console.log(`Neo4j ${s.version} ${s.edition} at ${uri}`);
      else {
        console.log(`Neo4j is not reachable at ${uri}`);
        process.exitCode = 1;
      }
      return;
    }
    default:
      console.error(`unknown command '${command}': use start, stop or status`);
      process.exitCode = 2;
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
