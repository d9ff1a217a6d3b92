// The private Neo4j the tests that stop and start their server share (restartableNeo4j in
// ./neo4j.ts), found from its pid file and neo4j.conf; apart from ./neo4j.ts, which uses
// vitest's inject(), so the global setup can stop it.
import { type Instance, configuredBoltPort, instance, readPid } from '../../tools/neo4j/src/instance';

/** Sized like ownNeo4j's: these tests hold a hand-built graph or a size-S map. */
export const PRIVATE_SIZE = { heap: '512m', pageCache: '128m' };

export const RESTARTABLE = 'restartable';

/** The restartable instance as configured now (its port from its neo4j.conf), or null when it is not running. */
export function runningRestartable(): Instance | null {
  const probe = instance(RESTARTABLE, { boltPort: 0, ...PRIVATE_SIZE });
  const port = readPid(probe) !== null ? configuredBoltPort(probe) : null;
  return port === null ? null : instance(RESTARTABLE, { boltPort: port, ...PRIVATE_SIZE });
}
