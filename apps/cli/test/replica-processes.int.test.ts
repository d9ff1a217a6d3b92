// Two API replicas as two operating-system processes (issue 10 item 5): each is the
// real `smart start` (API only, SMART_SERVE_WEB=0) with its own memory, projection,
// worker pool and driver, against the one test Neo4j. A write through either one is
// in the next analysis on the other, at the graph version the write made, with no
// restart and no waiting: each replica reads the version from Neo4j before answering
// and catches up from the change log. (replicas.int.test.ts covers the same within
// one process, plus revocation and the shared rate limits.)
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { issueToken } from '@smart/api';
import { importTemplate } from '@smart/store';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { handBuilt } from '../../../test/fixtures/hand-built';
import { resetDatabase, testStore } from '../../../test/support/neo4j';
import { REPO_ROOT, SPAWNS, TEST_SECRET, cliCommand } from './spawn-cli';

// The tokens this process signs must verify in the replicas.
process.env.SMART_SECRET = TEST_SECRET;

const store = testStore();

interface Replica {
  url: string;
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const srv = createServer();
    srv.on('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => done(port));
    });
  });
}

/** Starts `smart start` on a free port; resolves once it says it is running. */
async function startReplica(name: string): Promise<Replica> {
  const port = await freePort();
  const cli = cliCommand(['start']);
  const child = spawn(cli.command, cli.args, {
    cwd: REPO_ROOT,
    // Its own process group, so that nothing is left behind after a failure.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      NEO4J_URI: inject('neo4jUri'),
      NEO4J_USER: 'neo4j',
      NEO4J_PASSWORD: inject('neo4jPassword'),
      SMART_SECRET: TEST_SECRET,
      SMART_DEMO: '0',
      SMART_SERVE_WEB: '0',
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      USER: `replica-${name}`,
      NO_COLOR: '1',
    },
  });
  let out = '';
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  await new Promise<void>((ready, fail) => {
    const seen = (s: Buffer) => {
      out += s.toString();
      if (out.includes('SMART Graph is running')) ready();
    };
    child.stdout!.on('data', seen);
    child.stderr!.on('data', seen);
    void exited.then((code) => fail(new Error(`replica ${name} exited with ${code}:\n${out}`)));
  });
  return { url: `http://127.0.0.1:${port}`, child, output: () => out, exited };
}

/** SIGTERM to the spawned process (under tsx, tsx passes it on to the server; a signal to the whole group would be a second one). */
async function stopReplica(r: Replica | undefined): Promise<void> {
  if (!r || r.child.exitCode !== null || r.child.pid === undefined) return;
  r.child.kill('SIGTERM');
  await r.exited;
}

/** After a failed test: nothing of the replica's group is left running. */
function killGroup(r: Replica | undefined): void {
  if (!r?.child.pid) return;
  try {
    process.kill(-r.child.pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

let a: Replica | undefined;
let b: Replica | undefined;

beforeAll(async () => {
  await resetDatabase(store);
  await importTemplate(store, handBuilt(), { actor: 'test' });
  [a, b] = await Promise.all([startReplica('a'), startReplica('b')]);
}, 600_000);
afterAll(async () => {
  await Promise.all([stopReplica(a), stopReplica(b)]);
  killGroup(a);
  killGroup(b);
  await store.close();
});

async function gql<T>(r: Replica, query: string): Promise<{ data?: T; errors?: unknown[] }> {
  const token = await issueToken({ username: 'replica-test', role: 'ANALYST' });
  const res = await fetch(`${r.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query }),
  });
  return (await res.json()) as { data?: T; errors?: unknown[] };
}

const IMPACT = `query { impact(input: { failed: [{ id: "sup-ch1" }] }) {
  graphVersion summary { workflowsFailed }
} }`;
interface Impact {
  impact: { graphVersion: string; summary: { workflowsFailed: number } };
}

describe('two API replicas in two processes', SPAWNS, () => {
  it('each answers, on its next analysis, a write made through the other', async () => {
    // sup-ch1 failing: wf-claims fails; wf-elig has the alternative svc-ch2 (fixture).
    const before = await gql<Impact>(b!, IMPACT);
    expect(before.errors).toBeUndefined();
    expect(before.data!.impact.summary.workflowsFailed).toBe(1);
    const beforeOnA = await gql<Impact>(a!, IMPACT);
    expect(beforeOnA.data!.impact.summary.workflowsFailed).toBe(1);

    // Through A: wf-er comes to depend on svc-ch1 alone, so it fails with sup-ch1 too.
    const added = await gql(
      a!,
      'mutation { addDependency(input: { from: "wf-er", to: "svc-ch1" }) { from { id } } }',
    );
    expect(added.errors).toBeUndefined();
    const version = Number((await store.graphVersion()).toString());
    const after = await gql<Impact>(b!, IMPACT);
    expect(after.errors).toBeUndefined();
    expect(after.data!.impact.summary.workflowsFailed).toBe(2);
    expect(Number(after.data!.impact.graphVersion)).toBe(version);

    // And back through B: removed again, A answers 1 at the newer version.
    const removed = await gql(b!, 'mutation { removeDependency(from: "wf-er", to: "svc-ch1") }');
    expect(removed.errors).toBeUndefined();
    const version2 = Number((await store.graphVersion()).toString());
    expect(version2).toBeGreaterThan(version);
    const back = await gql<Impact>(a!, IMPACT);
    expect(back.errors).toBeUndefined();
    expect(back.data!.impact.summary.workflowsFailed).toBe(1);
    expect(Number(back.data!.impact.graphVersion)).toBe(version2);
  });

  it('were two processes that stop cleanly on SIGTERM', async () => {
    expect(a!.child.pid).not.toBe(b!.child.pid);
    await Promise.all([stopReplica(a), stopReplica(b)]);
    expect(await a!.exited, a!.output()).toBe(0);
    expect(await b!.exited, b!.output()).toBe(0);
  });
});
