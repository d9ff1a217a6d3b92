// Integration and end-to-end tests run against a real Neo4j 5.26 of their own:
// the project's `test` instance (own port, own data folder under .neo4j/test),
// never the developer's database.
import type { TestProject } from 'vitest/node';
import {
  type Instance,
  boltUri,
  configuredBoltPort,
  freePort,
  instance,
  readPid,
  start,
  stop,
} from '../tools/neo4j/src/instance';
import { runningRestartable } from './support/restartable-neo4j';

declare module 'vitest' {
  export interface ProvidedContext {
    neo4jUri: string;
    neo4jPassword: string;
  }
}

let startedHere = false;
let inst: Instance | undefined;

/** NEO4J_TEST_BOLT_PORT when set; else the port of a test server already running, else a free one. */
async function testInstance(): Promise<Instance> {
  if (process.env.NEO4J_TEST_BOLT_PORT) return instance('test');
  const running = readPid(instance('test')) !== null ? configuredBoltPort(instance('test')) : null;
  return instance('test', { boltPort: running ?? (await freePort()) });
}

/** Stops the restart tests' shared private instance (test/support/neo4j.ts restartableNeo4j), if it runs. */
async function stopRestartable(): Promise<void> {
  const restartable = runningRestartable();
  if (restartable) await stop(restartable, () => {});
}

export async function setup(project: TestProject) {
  // One left by an aborted run: the tests start it afresh, with this run's settings.
  await stopRestartable();
  inst = await testInstance();
  startedHere = (await start(inst, (m) => console.log(`[neo4j] ${m}`))).started;
  project.provide('neo4jUri', boltUri(inst));
  project.provide('neo4jPassword', inst.password);
}

export async function teardown() {
  await stopRestartable();
  // Leave a server that was already running (a developer's watch loop) alone.
  if (inst && startedHere && !process.env.SMART_TEST_KEEP_DB) await stop(inst, () => {});
}
