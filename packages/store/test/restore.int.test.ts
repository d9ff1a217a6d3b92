// Restore is all-or-nothing and never brings a revoked token back (issue 12, item 3):
// a restore that fails part-way, even with `force`, leaves the live database exactly as
// it was; a successful one keeps every live revocation and the later validAfter per user.
import { createHash } from 'node:crypto';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { handBuilt } from '../../../test/fixtures/hand-built';
import { resetDatabase, testStore } from '../../../test/support/neo4j';
import {
  type Backup,
  authenticateUser,
  closeIncident,
  countAll,
  createBackup,
  createUser,
  declareIncident,
  exportTemplate,
  listIncidents,
  importTemplate,
  restoreBackup,
  revokeTokenId,
  revokeUserTokens,
  saveScenario,
  setUserPassword,
  undoLastImport,
  upsertEntity,
} from '../src';

const store = testStore();
afterAll(async () => {
  await store.close();
});

const HOUR = 3_600_000;

/** Users, a scenario, revocations and the hand-built map. */
async function seed(): Promise<void> {
  await resetDatabase(store);
  await importTemplate(store, handBuilt(), { actor: 'seed' });
  await createUser(store, { username: 'olga', role: 'ANALYST', password: 'olga password 1' }, 'root');
  await saveScenario(store, {
    name: 'Clearinghouse down',
    failed: [{ id: 'sup-ch1', inoperability: 1 }],
    durationHours: 24,
    model: 'DISCRETE',
    notes: null,
    author: 'olga',
  });
  await revokeTokenId(store, 'jti-before-backup', 'root', Date.now() + 24 * HOUR);
  await revokeUserTokens(store, 'olga', 'root');
}

/**
 * Everything in the database, as text: every node's labels and typed properties, every
 * relationship with its endpoints' keys and typed properties, sorted, then hashed; and
 * the counts. Equal digests mean byte-for-byte the same content.
 */
async function contentHash(): Promise<{ counts: unknown; digest: string; lines: number }> {
  // A list property (a user's organizations) has no toString(): its items are joined.
  const lines = await store.read(async (tx) => {
    const nodes = await tx.run(
      `MATCH (n)
       WITH n, [k IN keys(n) | k + '=' + valueType(n[k]) + ':' + CASE WHEN valueType(n[k]) STARTS WITH 'LIST' THEN '[' + reduce(s = '', i IN n[k] | s + toString(i) + ',') + ']' ELSE toString(n[k]) END] AS props
       RETURN reduce(s = '', l IN labels(n) | s + ':' + l) + ' ' + reduce(s = '', p IN props | s + p + ';') AS line
       ORDER BY line`,
    );
    const rels = await tx.run(
      `MATCH (a)-[r]->(b)
       WITH a, r, b, [k IN keys(r) | k + '=' + valueType(r[k]) + ':' + CASE WHEN valueType(r[k]) STARTS WITH 'LIST' THEN '[' + reduce(s = '', i IN r[k] | s + toString(i) + ',') + ']' ELSE toString(r[k]) END] AS props
       RETURN coalesce(a.id, a.username, a.key, '?') + ' -' + type(r) + '-> ' +
              coalesce(b.id, b.username, b.key, '?') + ' ' + reduce(s = '', p IN props | s + p + ';') AS line
       ORDER BY line`,
    );
    return [...nodes.records, ...rels.records].map((r) => r.get('line') as string);
  });
  const sorted = lines.map((l) => l.split(';').sort().join(';'));
  return {
    counts: await countAll(store),
    digest: createHash('sha256').update(sorted.join('\n')).digest('hex'),
    lines: lines.length,
  };
}

async function revocationState() {
  return store.read(async (tx) => ({
    jtis: (
      await tx.run('MATCH (r:RevokedToken) RETURN r.jti AS jti, r.expiresAt AS expiresAt ORDER BY jti')
    ).records.map((r) => ({ jti: r.get('jti') as string, expiresAt: Number(r.get('expiresAt')) })),
    users: Object.fromEntries(
      (await tx.run('MATCH (r:TokenRevocation) RETURN r.username AS u, r.validAfter AS v')).records.map(
        (r) => [r.get('u') as string, Number(r.get('v'))],
      ),
    ),
  }));
}

const clone = (b: Backup): Backup => JSON.parse(JSON.stringify(b)) as Backup;

describe('restore is all-or-nothing', () => {
  let backup: Backup;
  beforeEach(async () => {
    await seed();
    backup = await createBackup(store);
    // The live database moves on after the backup, so a restore that went through
    // (even partly) would be visible.
    await createUser(store, { username: 'newer', role: 'VIEWER', password: 'newer password' }, 'root');
    await revokeTokenId(store, 'jti-after-backup', 'root', Date.now() + 24 * HOUR);
  });

  it('a constraint violation late in the backup (with force) leaves the live database unchanged', async () => {
    const before = await contentHash();
    expect(before.lines).toBeGreaterThan(30);
    const bad = clone(backup);
    // Two users of the same name: the unique constraint fails after the graph part.
    bad.nodes.users.push(bad.nodes.users[0]!);
    bad.counts.users += 1;
    await expect(restoreBackup(store, bad, { actor: 't', force: true })).rejects.toThrow(
      /nothing was restored: the backup breaks a uniqueness rule/,
    );
    expect(await contentHash()).toEqual(before);
  });

  it('a count that does not verify rolls the whole restore back', async () => {
    const before = await contentHash();
    const bad = clone(backup);
    bad.counts.suppliers += 1;
    await expect(restoreBackup(store, bad, { actor: 't', force: true })).rejects.toThrow(
      /differs from the backup: suppliers/,
    );
    expect(await contentHash()).toEqual(before);
  });

  it('a dependency whose endpoint is missing from the backup fails the restore, nothing changes', async () => {
    const before = await contentHash();
    const bad = clone(backup);
    bad.template.dependencies.push({ ...bad.template.dependencies[0]!, to: 'no-such-entity' });
    bad.counts.dependencies += 1;
    await expect(restoreBackup(store, bad, { actor: 't', force: true })).rejects.toThrow(
      /nothing was restored: .*dependencies 5 \(expected 6\)/,
    );
    expect(await contentHash()).toEqual(before);
  });

  it('without force, a non-empty database is refused and left alone', async () => {
    const before = await contentHash();
    await expect(restoreBackup(store, backup, { actor: 't' })).rejects.toThrow(/not empty/);
    expect(await contentHash()).toEqual(before);
  });

  it('with force, replaces the content and verifies it (one audit event for the restore)', async () => {
    const result = await restoreBackup(store, backup, { actor: 't', force: true });
    const counts = await countAll(store);
    expect(result.counts).toEqual(counts);
    // The live-only revocation is kept (below); everything else is the backup's.
    expect(counts).toEqual({
      ...backup.counts,
      auditEvents: backup.counts.auditEvents + 1,
      revokedTokens: backup.counts.revokedTokens + 1,
    });
    const users = await store.readRows<{ username: string }>('queries/users/list');
    expect(users.map((u) => u.username)).toEqual(['olga']);
    expect(result.usersToReview).toEqual([]);
  });

  it('names the restored users whose password changed after the backup', async () => {
    await setUserPassword(store, 'olga', 'a new password 2', 'root');
    const result = await restoreBackup(store, backup, { actor: 't', force: true });
    expect(result.usersToReview).toEqual(['olga']);
    // The backup's password is back (SECURITY.md, Known limits); her earlier tokens stay void.
    expect(await authenticateUser(store, 'olga', 'olga password 1')).not.toBeNull();
  });

  it('keeps an undo snapshot first: undo brings back the map as it was before the restore', async () => {
    // The live map moves on after the backup: one more supplier the backup lacks.
    await upsertEntity(store, { kind: 'SUPPLIER', id: 'sup-after-backup', name: 'After the backup' }, 'root');
    const before = await exportTemplate(store);
    const result = await restoreBackup(store, backup, { actor: 't', force: true });
    expect((await exportTemplate(store)).suppliers.map((s) => s.id)).not.toContain('sup-after-backup');
    const undo = await undoLastImport(store, { actor: 't' });
    expect(undo.undone.action).toBe('restore');
    expect(undo.undone.id).toBe(result.snapshotId);
    expect(await exportTemplate(store)).toEqual(before);
  });

  it('undo of a restore brings back the incidents, users and scenarios it replaced, and keeps those made since', async () => {
    const fields = (name: string) => ({
      name,
      failed: [{ id: 'sup-ch1', inoperability: 1 }],
      startedAt: '2026-11-28T06:00:00.000Z',
      expectedDurationHours: 24,
      note: null,
    });
    // The backup (taken in beforeEach) has no incident. After it: one declared and closed,
    // a user, a scenario; the restore replaces them with the backup's (none of them).
    const replaced = await declareIncident(store, fields('Declared before the restore'), 'olga');
    await closeIncident(store, replaced.id, '2026-11-29T06:00:00.000Z', 'olga');
    await createUser(store, { username: 'quinn', role: 'VIEWER', password: 'quinn password 1' }, 'root');
    const incidentsBefore = await listIncidents(store);
    const scenariosBefore = await store.readRows('queries/backup/read-scenarios');
    await restoreBackup(store, backup, { actor: 't', force: true });
    expect(await listIncidents(store)).toEqual([]);
    expect((await store.readRows<{ username: string }>('queries/users/list')).map((u) => u.username)).toEqual(
      ['olga'],
    );
    // Made after the restore (an incident does not move the graph version, so undo may run).
    const since = await declareIncident(store, fields('Declared after the restore'), 'olga');

    const undo = await undoLastImport(store, { actor: 't' });
    expect(undo.undone.action).toBe('restore');
    const incidents = await listIncidents(store);
    expect(incidents).toEqual([since, ...incidentsBefore]);
    expect(incidents.find((i) => i.id === replaced.id)).toMatchObject({
      status: 'CLOSED',
      endedAt: '2026-11-29T06:00:00.000Z',
    });
    expect(
      (await store.readRows<{ username: string }>('queries/users/list')).map((u) => u.username).sort(),
    ).toEqual(['newer', 'olga', 'quinn']);
    expect(await authenticateUser(store, 'quinn', 'quinn password 1')).toMatchObject({ role: 'VIEWER' });
    expect(await store.readRows('queries/backup/read-scenarios')).toEqual(scenariosBefore);
  });
});

describe('restore never brings a revoked token back', () => {
  it('keeps the union of live and backed-up revocations and the later validAfter per user', async () => {
    await seed();
    await revokeUserTokens(store, 'later-in-backup', 'root');
    await revokeTokenId(store, 'jti-longer-in-backup', 'root', Date.now() + 2 * HOUR);
    const backup = await createBackup(store);
    const atBackup = await revocationState();

    // After the backup: a new jti, a new user-wide revocation, a later one for olga,
    // and an earlier expiry and validAfter live than in the backup for two others.
    await revokeTokenId(store, 'jti-after-backup', 'root', Date.now() + 24 * HOUR);
    await revokeUserTokens(store, 'revoked-after-backup', 'root');
    await store.write(async (tx) => {
      await tx.run("MATCH (r:TokenRevocation {username: 'olga'}) SET r.validAfter = r.validAfter + $d", {
        d: HOUR,
      });
      await tx.run(
        "MATCH (r:TokenRevocation {username: 'later-in-backup'}) SET r.validAfter = r.validAfter - $d",
        { d: HOUR },
      );
      await tx.run(
        "MATCH (r:RevokedToken {jti: 'jti-longer-in-backup'}) SET r.expiresAt = r.expiresAt - $d",
        { d: HOUR },
      );
    });
    const live = await revocationState();

    const result = await restoreBackup(store, backup, { actor: 't', force: true });
    const after = await revocationState();
    // olga is in the backup and was revoked since; the other names are no stored users.
    expect(result.usersToReview).toEqual(['olga']);

    const byJti = (s: typeof live) => Object.fromEntries(s.jtis.map((j) => [j.jti, j.expiresAt]));
    expect(byJti(after)).toEqual({
      'jti-before-backup': byJti(atBackup)['jti-before-backup'],
      'jti-after-backup': byJti(live)['jti-after-backup'],
      'jti-longer-in-backup': byJti(atBackup)['jti-longer-in-backup'],
    });
    expect(after.users).toEqual({
      olga: live.users.olga,
      'revoked-after-backup': live.users['revoked-after-backup'],
      'later-in-backup': atBackup.users['later-in-backup'],
    });
    expect(live.users.olga).toBeGreaterThan(atBackup.users.olga!);
    expect(atBackup.users['later-in-backup']).toBeGreaterThan(live.users['later-in-backup']!);
  });
});
