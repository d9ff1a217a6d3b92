// Backup then restore into an emptied database gives the same graph: the template
// export, users (password hashes included), scenarios, the audit trail, token
// revocations, declared incidents (open and closed), submissions with every row's
// provenance list, and merged-away ids (aliases, merge records), with their property types.
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { gunzipSync, gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { emptyTemplate } from '@smart/domain';
import { demoEcosystem } from '@smart/seed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resetDatabase, testStore } from '../../../test/support/neo4j';
import {
  BackupError,
  authenticateUser,
  checkSubmission,
  closeIncident,
  declareIncident,
  exportProvenance,
  listIncidents,
  mergeEntities,
  backupToFile,
  countAll,
  createBackup,
  createUser,
  decodeBackup,
  exportTemplate,
  importTemplate,
  restoreFromFile,
  revokeTokenId,
  revokeUserTokens,
  saveScenario,
} from '../src';

const store = testStore();
const dir = mkdtempSync(join(tmpdir(), 'smart-backup-'));

beforeAll(async () => {
  await resetDatabase(store);
  await importTemplate(store, demoEcosystem(), { actor: 'seed' });
  await createUser(store, { username: 'olga', role: 'ANALYST', password: 'olga password 1' }, 'root');
  await createUser(store, { username: 'pat', role: 'ADMIN', password: 'pat password 22' }, 'root');
  const some = (await exportTemplate(store)).suppliers.slice(0, 2).map((s) => s.id);
  await saveScenario(store, {
    name: 'Clearinghouse down 72 h',
    failed: some.map((id) => ({ id, inoperability: 1 })),
    durationHours: 72,
    model: 'DISCRETE',
    notes: 'weekly drill',
    author: 'olga',
  });
  await saveScenario(store, {
    name: 'Partial outage',
    failed: [{ id: some[0]!, inoperability: 0.4 }],
    durationHours: null,
    model: 'INOPERABILITY',
    notes: null,
    author: 'pat',
  });
  await revokeTokenId(store, 'revoked-jti-1', 'root', Date.now() + 86_400_000);
  await revokeUserTokens(store, 'gone-user', 'root');
  // Incidents: one open (no estimate yet), one closed with its actual end.
  const [s0, s1, s2, s3] = (await exportTemplate(store)).suppliers.map((s) => s.id);
  await declareIncident(
    store,
    {
      name: 'EHR vendor outage',
      failed: [{ id: s0!, inoperability: 1 }],
      startedAt: '2026-11-28T06:00:00.000Z',
      expectedDurationHours: null,
      note: 'vendor says hours',
    },
    'olga',
  );
  const closed = await declareIncident(
    store,
    {
      name: 'Clearinghouse down',
      failed: [{ id: s1!, inoperability: 0.5 }],
      startedAt: '2026-11-20T00:00:00.000Z',
      expectedDurationHours: 48,
      note: null,
    },
    'pat',
  );
  await closeIncident(store, closed.id, '2026-11-22T12:00:00.000Z', 'pat');
  // A submission asserting one supplier and one dependency (their provenance lists).
  const demo = await exportTemplate(store);
  const asserted = emptyTemplate();
  asserted.suppliers.push(demo.suppliers[0]!);
  asserted.dependencies.push(demo.dependencies[0]!);
  await importTemplate(store, asserted, {
    actor: 'olga',
    submission: checkSubmission({ contributor: 'Riverside General', date: '2026-11-01' }, 'olga'),
  });
  // A merge: s3's id becomes an alias of s2, with the merge's undo record.
  await mergeEntities(store, s2!, [s3!], 'pat');
}, 120_000);
afterAll(async () => {
  await store.close();
});

/** Every node of the given labels with each property's value and Cypher type. */
async function typedNodes(label: string) {
  const rows = await store.read(async (tx) =>
    (
      await tx.run(
        // A list property (a user's organizations) has no toString(): its items are joined.
        `MATCH (n) WHERE $label IN labels(n)
         RETURN [k IN keys(n) | [k, CASE WHEN valueType(n[k]) STARTS WITH 'LIST'
           THEN '[' + reduce(s = '', i IN n[k] | s + toString(i) + ',') + ']'
           ELSE toString(n[k]) END, valueType(n[k])]] AS props`,
        { label },
      )
    ).records.map((r) => r.get('props') as [string, string, string][]),
  );
  return (
    rows
      // Keys in order: Neo4j gives a node's keys in no fixed order, and the sort below compares JSON.
      .map((props) =>
        Object.fromEntries(
          props.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v, t]) => [k, `${t}:${v}`]),
        ),
      )
      .sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1))
  );
}

describe('backup and restore', () => {
  it('restores into an emptied database exactly what the backup held', async () => {
    const template = await exportTemplate(store);
    const counts = await countAll(store);
    const system = {
      users: await typedNodes('User'),
      scenarios: await typedNodes('Scenario'),
      audit: await typedNodes('AuditEvent'),
      revoked: await typedNodes('RevokedToken'),
      revocations: await typedNodes('TokenRevocation'),
      incidents: await typedNodes('Incident'),
      submissions: await typedNodes('Submission'),
      aliases: await typedNodes('EntityAlias'),
      merges: await typedNodes('EntityMerge'),
    };
    const incidents = await listIncidents(store);
    const provenance = await exportProvenance(store);
    expect(counts.workflows).toBeGreaterThan(1000);
    expect(counts.users).toBe(2);
    expect(counts.scenarios).toBe(2);
    expect(counts).toMatchObject({
      incidents: 2,
      submissions: 1,
      entityAliases: 1,
      entityMerges: 1,
      entityProvenance: 1,
      dependencyProvenance: 1,
    });
    expect(incidents.map((i) => [i.name, i.status, i.endedAt, i.expectedDurationHours])).toEqual([
      ['EHR vendor outage', 'OPEN', null, null],
      ['Clearinghouse down', 'CLOSED', '2026-11-22T12:00:00.000Z', 48],
    ]);

    const file = join(dir, 'smart.json.gz');
    const backup = await backupToFile(store, file);
    expect(backup.counts).toEqual(counts);
    const raw = readFileSync(file);
    expect([raw[0], raw[1]]).toEqual([0x1f, 0x8b]); // gzip
    expect(statSync(file).mode & 0o777).toBe(0o600); // it holds password hashes

    await resetDatabase(store);
    expect(Object.values(await countAll(store)).every((n) => n === 0)).toBe(true);

    const result = await restoreFromFile(store, file, { actor: 'restore-test' });
    expect(result.counts).toEqual({ ...counts, auditEvents: counts.auditEvents + 1 });
    expect(await exportTemplate(store)).toEqual(template);
    expect(await typedNodes('User')).toEqual(system.users);
    expect(await typedNodes('Scenario')).toEqual(system.scenarios);
    expect(await typedNodes('RevokedToken')).toEqual(system.revoked);
    expect(await typedNodes('TokenRevocation')).toEqual(system.revocations);
    expect(await typedNodes('Incident')).toEqual(system.incidents);
    expect(await listIncidents(store)).toEqual(incidents);
    expect(await typedNodes('Submission')).toEqual(system.submissions);
    expect(await exportProvenance(store)).toEqual(provenance);
    expect(provenance.entities).toHaveLength(1);
    expect(provenance.dependencies).toHaveLength(1);
    expect(await typedNodes('EntityAlias')).toEqual(system.aliases);
    expect(await typedNodes('EntityMerge')).toEqual(system.merges);
    const audit = await typedNodes('AuditEvent');
    for (const e of system.audit) expect(audit).toContainEqual(e);
    expect(audit.some((e) => e.action === 'STRING NOT NULL:restore')).toBe(true);
    // The restored password hashes still sign people in.
    expect(await authenticateUser(store, 'olga', 'olga password 1')).toMatchObject({ role: 'ANALYST' });
  });

  it('refuses to restore over data unless forced, then replaces it', async () => {
    const file = join(dir, 'plain.json');
    await backupToFile(store, file);
    expect(readFileSync(file, 'utf8').startsWith('{')).toBe(true);
    const before = await countAll(store);
    await expect(restoreFromFile(store, file, { actor: 't' })).rejects.toThrow(/not empty/);
    expect(await countAll(store)).toEqual(before);
    const version = await store.graphVersion();
    const result = await restoreFromFile(store, file, { actor: 't', force: true });
    expect({ ...result.counts, auditEvents: 0 }).toEqual({ ...before, auditEvents: 0 });
    // The graph version moves forward, so no cached projection of the old graph survives.
    expect(await store.graphVersion()).toBeGreaterThan(version);
  });

  it('refuses a file that is not a backup', async () => {
    const file = join(dir, 'junk.json');
    writeFileSync(file, '{"hello": "world"}');
    await expect(restoreFromFile(store, file, { actor: 't' })).rejects.toThrow(BackupError);
    expect(() => decodeBackup(Buffer.from('not json'))).toThrow(/not a SMART Graph backup/);
  });

  it('restores a version 1 backup (one JSON object) as before', async () => {
    const template = await exportTemplate(store);
    const counts = await countAll(store);
    const { format, createdAt, graphVersion, counts: c, template: t, nodes } = await createBackup(store);
    const file = join(dir, 'legacy.json');
    writeFileSync(
      file,
      JSON.stringify({ format, version: 1, createdAt, graphVersion, counts: c, template: t, nodes }),
    );
    await resetDatabase(store);
    const result = await restoreFromFile(store, file, { actor: 't' });
    expect(result.counts).toEqual({ ...counts, auditEvents: counts.auditEvents + 1 });
    expect(await exportTemplate(store)).toEqual(template);
  });

  it('restores a version 2 backup written before incidents, provenance and aliases were in one', async () => {
    const file = join(dir, 'current.json');
    await backupToFile(store, file);
    const later = [
      'incidents',
      'submissions',
      'entityAliases',
      'entityMerges',
      'entityProvenance',
      'dependencyProvenance',
    ];
    const old = readFileSync(file, 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l))
      .filter((l) => !later.includes(l.n))
      .map((l) =>
        l.end
          ? { ...l, counts: Object.fromEntries(Object.entries(l.counts).filter(([k]) => !later.includes(k))) }
          : l,
      );
    const oldFile = join(dir, 'older.json');
    writeFileSync(oldFile, `${old.map((l) => JSON.stringify(l)).join('\n')}\n`);
    const template = await exportTemplate(store);
    const result = await restoreFromFile(store, oldFile, { actor: 't', force: true });
    expect(result.counts).toMatchObject({
      incidents: 0,
      submissions: 0,
      entityAliases: 0,
      entityProvenance: 0,
    });
    expect(await exportTemplate(store)).toEqual(template);
  });

  it('refuses a backup cut short (no trailer) or damaged inside, changing nothing', async () => {
    const file = join(dir, 'whole.json.gz');
    await backupToFile(store, file);
    const lines = gunzipSync(readFileSync(file)).toString('utf8').trimEnd().split('\n');
    expect(JSON.parse(lines.at(-1)!)).toHaveProperty('end', true);
    const before = await countAll(store);
    const version = await store.graphVersion();

    const cut = join(dir, 'cut.json.gz');
    writeFileSync(cut, gzipSync(`${lines.slice(0, -1).join('\n')}\n`));
    await expect(restoreFromFile(store, cut, { actor: 't', force: true })).rejects.toThrow(
      `nothing was restored: the backup ends at line ${lines.length - 1} without its trailer (the file was cut short)`,
    );
    const damaged = join(dir, 'damaged.json');
    writeFileSync(damaged, [...lines.slice(0, 3), '{"t":"suppliers"', ...lines.slice(4)].join('\n'));
    await expect(restoreFromFile(store, damaged, { actor: 't', force: true })).rejects.toThrow(
      'line 4 of the backup is not JSON: the file is damaged or cut short',
    );
    const badGzip = join(dir, 'bad.json.gz');
    writeFileSync(badGzip, readFileSync(file).subarray(0, 60));
    await expect(restoreFromFile(store, badGzip, { actor: 't', force: true })).rejects.toThrow(BackupError);
    expect(await countAll(store)).toEqual(before);
    expect(await store.graphVersion()).toBe(version);
  });
});
