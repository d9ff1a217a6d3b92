// The paged reads (the engine's projection, the template export) and the user reads of
// cypher/ against small fixture graphs in the real Neo4j (issue 15 item 5, BloodHound
// style): each fixture is drawn below, each case runs one named query and compares its
// rows, worked out by hand from the drawing, exactly.
import { type Template, emptyTemplate } from '@smart/domain';
import neo4j from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resetDatabase, testStore } from '../../../test/support/neo4j';
import { importTemplate } from '../src';

const store = testStore();
afterAll(async () => {
  await store.close();
});

const page = (after: string, limit: number) => ({ after, limit: neo4j.int(limit) });

// The map:
//   o-1 Alpha Hospital (DPC, region "north") performs w-1 Admissions (tolerance 12 h,
//       workaround 0.5, 40 patients/day, criticality 1) and owns a-1 Bed board;
//   w-1 ─► v-1 (strength 1), w-1 ─► v-2 and a-1 ─► v-2 (group "net", strength 0.5);
//   s-1 Cloud Co (category "cloud") provides v-1 (TECHNOLOGY) and v-2 (SOFTWARE);
//   w-1 supports f-1 Patient access.
function map(): Template {
  const t = emptyTemplate();
  t.organizations.push({
    id: 'o-1',
    name: 'Alpha Hospital',
    subsector: 'DIRECT_PATIENT_CARE',
    region: 'north',
  });
  t.suppliers.push({ id: 's-1', name: 'Cloud Co', category: 'cloud' });
  t.services.push(
    { id: 'v-1', name: 'Compute', supplierId: 's-1', type: 'TECHNOLOGY' },
    { id: 'v-2', name: 'Network', supplierId: 's-1', type: 'SOFTWARE' },
  );
  t.assets.push({ id: 'a-1', name: 'Bed board', organizationId: 'o-1' });
  t.workflows.push({
    id: 'w-1',
    name: 'Admissions',
    organizationId: 'o-1',
    category: 'CLINICAL',
    criticality: 1,
    toleranceHours: 12,
    workaroundCapacity: 0.5,
    volumePerDay: 40,
    volumeUnit: 'patients',
  });
  t.criticalFunctions.push({ id: 'f-1', name: 'Patient access' });
  t.workflowFunctions.push({ workflowId: 'w-1', functionId: 'f-1' });
  t.dependencies.push(
    { from: 'w-1', to: 'v-1' },
    { from: 'w-1', to: 'v-2', group: 'net', strength: 0.5 },
    { from: 'a-1', to: 'v-2', group: 'net', strength: 0.5 },
  );
  return t;
}

/** A projection row with the lists in a fixed order (pattern comprehensions have none). */
const sortedLists = (r: Record<string, unknown>) =>
  Object.fromEntries(
    Object.entries(r).map(([k, v]) =>
      Array.isArray(v)
        ? [k, [...v].sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)))]
        : [k, v],
    ),
  );

describe('paged reads on a small map', () => {
  beforeAll(async () => {
    await resetDatabase(store);
    await importTemplate(store, map(), { actor: 'test' });
  });

  it('projection/page: every entity in id order with the numbers and links the engine needs', async () => {
    const rows = (await store.readRows('queries/projection/page', page('', 100))).map(sortedLists);
    const none = {
      toleranceHours: null,
      workaroundCapacity: null,
      volumePerDay: null,
      criticality: null,
      category: null,
      subsector: null,
      region: null,
      volumeUnit: null,
      deps: [],
      suppliers: [],
      owners: [],
      functions: [],
    };
    expect(rows).toEqual([
      { ...none, id: 'a-1', label: 'Asset', name: 'Bed board', deps: [['v-2', 'net', 0.5]], owners: ['o-1'] },
      { ...none, id: 'f-1', label: 'CriticalFunction', name: 'Patient access' },
      {
        ...none,
        id: 'o-1',
        label: 'Organization',
        name: 'Alpha Hospital',
        subsector: 'DIRECT_PATIENT_CARE',
        region: 'north',
      },
      { ...none, id: 's-1', label: 'Supplier', name: 'Cloud Co', category: 'cloud' },
      { ...none, id: 'v-1', label: 'Service', name: 'Compute', category: 'TECHNOLOGY', suppliers: ['s-1'] },
      { ...none, id: 'v-2', label: 'Service', name: 'Network', category: 'SOFTWARE', suppliers: ['s-1'] },
      {
        ...none,
        id: 'w-1',
        label: 'Workflow',
        name: 'Admissions',
        toleranceHours: 12,
        workaroundCapacity: 0.5,
        volumePerDay: 40,
        criticality: 1,
        category: 'CLINICAL',
        volumeUnit: 'patients',
        // A strength never given is not stored: null here, the engine's default (1) applies.
        deps: [
          ['v-1', null, null],
          ['v-2', 'net', 0.5],
        ],
        owners: ['o-1'],
        functions: ['f-1'],
      },
    ]);
  });

  it('projection/page: pages after the last id, at most `limit`', async () => {
    const ids = async (after: string, limit: number) =>
      (await store.readRows<{ id: string }>('queries/projection/page', page(after, limit))).map((r) => r.id);
    expect(await ids('', 3)).toEqual(['a-1', 'f-1', 'o-1']);
    expect(await ids('o-1', 3)).toEqual(['s-1', 'v-1', 'v-2']);
    expect(await ids('v-2', 3)).toEqual(['w-1']);
    expect(await ids('w-1', 3)).toEqual([]);
  });

  it('export/entities: id order, kind, stored fields and owner (supplier or organization)', async () => {
    const rows = await store.readRows<{
      id: string;
      label: string;
      props: Record<string, unknown>;
      owner: string;
    }>('queries/export/entities', page('', 100));
    expect(rows.map(({ id, label, owner }) => ({ id, label, owner }))).toEqual([
      { id: 'a-1', label: 'Asset', owner: 'o-1' },
      { id: 'f-1', label: 'CriticalFunction', owner: null },
      { id: 'o-1', label: 'Organization', owner: null },
      { id: 's-1', label: 'Supplier', owner: null },
      { id: 'v-1', label: 'Service', owner: 's-1' },
      { id: 'v-2', label: 'Service', owner: 's-1' },
      { id: 'w-1', label: 'Workflow', owner: 'o-1' },
    ]);
    // Only the fields given are stored (no nulls for the missing ones).
    expect(Object.fromEntries(rows.map((r) => [r.id, r.props]))).toEqual({
      'a-1': { id: 'a-1', name: 'Bed board' },
      'f-1': { id: 'f-1', name: 'Patient access' },
      'o-1': { id: 'o-1', name: 'Alpha Hospital', subsector: 'DIRECT_PATIENT_CARE', region: 'north' },
      's-1': { id: 's-1', name: 'Cloud Co', category: 'cloud' },
      'v-1': { id: 'v-1', name: 'Compute', type: 'TECHNOLOGY' },
      'v-2': { id: 'v-2', name: 'Network', type: 'SOFTWARE' },
      'w-1': {
        id: 'w-1',
        name: 'Admissions',
        category: 'CLINICAL',
        criticality: 1,
        toleranceHours: 12,
        workaroundCapacity: 0.5,
        volumePerDay: 40,
        volumeUnit: 'patients',
      },
    });
    expect(
      (await store.readRows<{ id: string }>('queries/export/entities', page('s-1', 2))).map((r) => r.id),
    ).toEqual(['v-1', 'v-2']);
  });

  it('export/dependencies: one row per source in id order, its DEPENDS_ON edges with their properties', async () => {
    const rows = await store.readRows<{
      from: string;
      deps: { to: string; props: Record<string, unknown> }[];
    }>('queries/export/dependencies', page('', 100));
    const shaped = rows.map((r) => ({
      from: r.from,
      deps: r.deps
        .map((d) => ({ to: d.to, group: d.props.group ?? null, strength: d.props.strength ?? null }))
        .sort((x, y) => x.to.localeCompare(y.to)),
    }));
    expect(shaped).toEqual([
      { from: 'a-1', deps: [{ to: 'v-2', group: 'net', strength: 0.5 }] },
      { from: 'f-1', deps: [] },
      { from: 'o-1', deps: [] },
      { from: 's-1', deps: [] },
      { from: 'v-1', deps: [] },
      { from: 'v-2', deps: [] },
      {
        from: 'w-1',
        deps: [
          { to: 'v-1', group: null, strength: null },
          { to: 'v-2', group: 'net', strength: 0.5 },
        ],
      },
    ]);
    expect(
      (await store.readRows('queries/export/dependencies', page('v-2', 100))).map((r) => r.from),
    ).toEqual(['w-1']);
  });

  it('export/workflow-functions: each workflow in id order with the functions it supports', async () => {
    expect(await store.readRows('queries/export/workflow-functions', page('', 100))).toEqual([
      { workflowId: 'w-1', functionIds: ['f-1'] },
    ]);
    expect(await store.readRows('queries/export/workflow-functions', page('w-1', 100))).toEqual([]);
  });
});

// The users and the audit trail, written as fixtures with fixed instants (no import, so
// no import's own audit event), beside organization o-1 and supplier s-1:
//   ada ADMIN (2026-01-01), bob VIEWER scoped to o-1 (2026-01-02), cy ANALYST with no
//   organizations property (created before scopes, 2026-01-03);
//   events e1 createUser 01-01T10:00, e2 read-affected 01-01T11:00, e3 read-export
//   01-01T11:00 (same instant: id breaks the tie), e4 deleteUser 01-01T12:00;
//   revoked jtis j-old (expires 2026-01-01) and j-new (2030-01-01), bob's tokens valid
//   after 2026-01-05 (instants in ms since the epoch, as the writes store them).
const USERS = `
CREATE (:Entity:Organization {id: 'o-1', name: 'Alpha Hospital'})
CREATE (:Entity:Supplier {id: 's-1', name: 'Cloud Co'})
CREATE (:User {username: 'bob', role: 'VIEWER', passwordHash: 'h-bob', organizations: ['o-1'], createdAt: datetime('2026-01-02T00:00:00Z')})
CREATE (:User {username: 'ada', role: 'ADMIN', passwordHash: 'h-ada', organizations: [], createdAt: datetime('2026-01-01T00:00:00Z')})
CREATE (:User {username: 'cy', role: 'ANALYST', passwordHash: 'h-cy', createdAt: datetime('2026-01-03T00:00:00Z')})
CREATE (:AuditEvent {id: 'e1', at: datetime('2026-01-01T10:00:00Z'), actor: 'ada', action: 'createUser', target: 'bob', details: null})
CREATE (:AuditEvent {id: 'e2', at: datetime('2026-01-01T11:00:00Z'), actor: 'bob', action: 'read-affected', target: null, details: '{"affected":3}'})
CREATE (:AuditEvent {id: 'e3', at: datetime('2026-01-01T11:00:00Z'), actor: 'bob', action: 'read-export', target: null, details: '{"rows":3}'})
CREATE (:AuditEvent {id: 'e4', at: datetime('2026-01-01T12:00:00Z'), actor: 'ada', action: 'deleteUser', target: 'cy', details: null})
CREATE (:RevokedToken {jti: 'j-old', expiresAt: 1767225600000})
CREATE (:RevokedToken {jti: 'j-new', expiresAt: 1893456000000})
CREATE (:TokenRevocation {username: 'bob', validAfter: 1767571200000})
`;

const event = (
  id: string,
  at: string,
  actor: string,
  action: string,
  target: string | null,
  details: string | null,
) => ({
  id,
  at,
  actor,
  action,
  target,
  details,
});
const E1 = event('e1', '2026-01-01T10:00:00Z', 'ada', 'createUser', 'bob', null);
const E2 = event('e2', '2026-01-01T11:00:00Z', 'bob', 'read-affected', null, '{"affected":3}');
const E3 = event('e3', '2026-01-01T11:00:00Z', 'bob', 'read-export', null, '{"rows":3}');
const E4 = event('e4', '2026-01-01T12:00:00Z', 'ada', 'deleteUser', 'cy', null);

describe('user reads on fixture users and events', () => {
  beforeAll(async () => {
    await resetDatabase(store);
    await store.runAutoCommit(USERS);
  });

  it('users/list: every user by name, never the hash; no organizations property reads as []', async () => {
    expect(await store.readRows('queries/users/list')).toEqual([
      { username: 'ada', role: 'ADMIN', organizations: [], createdAt: '2026-01-01T00:00:00Z' },
      { username: 'bob', role: 'VIEWER', organizations: ['o-1'], createdAt: '2026-01-02T00:00:00Z' },
      { username: 'cy', role: 'ANALYST', organizations: [], createdAt: '2026-01-03T00:00:00Z' },
    ]);
  });

  it('users/get: one user with the hash; nothing for an unknown name', async () => {
    expect(await store.readRows('queries/users/get', { username: 'bob' })).toEqual([
      {
        username: 'bob',
        role: 'VIEWER',
        passwordHash: 'h-bob',
        organizations: ['o-1'],
        createdAt: '2026-01-02T00:00:00Z',
      },
    ]);
    expect(await store.readRows('queries/users/get', { username: 'zed' })).toEqual([]);
  });

  it('users/audit-events: newest first, ties by id descending, at most `first`', async () => {
    expect(await store.readRows('queries/users/audit-events', { first: neo4j.int(10) })).toEqual([
      E4,
      E3,
      E2,
      E1,
    ]);
    expect(await store.readRows('queries/users/audit-events', { first: neo4j.int(2) })).toEqual([E4, E3]);
  });

  it('users/audit-page: the page after a cursor (its at and id), the tie at one instant split by id', async () => {
    const read = (afterAt: string | null, afterId: string | null, limit: number) =>
      store.readRows('queries/users/audit-page', { afterAt, afterId, limit: neo4j.int(limit) });
    expect(await read(null, null, 2)).toEqual([E4, E3]);
    expect(await read(E3.at, 'e3', 2)).toEqual([E2, E1]);
    expect(await read(E2.at, 'e2', 2)).toEqual([E1]);
    expect(await read(E1.at, 'e1', 2)).toEqual([]);
  });

  it('users/read-audit: only the read-… events, newest first', async () => {
    expect(await store.readRows('queries/users/read-audit', { first: neo4j.int(10) })).toEqual([E3, E2]);
    expect(await store.readRows('queries/users/read-audit', { first: neo4j.int(1) })).toEqual([E3]);
  });

  it('users/revocations: the revoked jtis not expired at $now and every per-user validAfter', async () => {
    expect(
      await store.readRows('queries/users/revocations', { now: Date.parse('2026-06-01T00:00:00Z') }),
    ).toEqual([
      { jtis: ['j-new'], users: [{ username: 'bob', validAfter: Date.parse('2026-01-05T00:00:00Z') }] },
    ]);
    // An instant exactly at an expiry still counts the token as revoked.
    expect(
      (
        await store.readRows<{ jtis: string[] }>('queries/users/revocations', {
          now: Date.parse('2026-01-01T00:00:00Z'),
        })
      )[0]!.jtis.sort(),
    ).toEqual(['j-new', 'j-old']);
  });

  it('users/unknown-organizations: the ids of a scope that name no organization, in the order given', async () => {
    expect(
      await store.readRows('queries/users/unknown-organizations', { ids: ['o-1', 'o-9', 's-1', 'o-8'] }),
    ).toEqual([{ missing: ['o-9', 's-1', 'o-8'] }]);
    expect(await store.readRows('queries/users/unknown-organizations', { ids: ['o-1'] })).toEqual([
      { missing: [] },
    ]);
  });
});
