// The entity, dependency, merge, quality and concentration drill-down resolvers over an
// in-memory EntityRepository (no Neo4j): what they pass on, how they shape the answer,
// which arguments they refuse before the repository is asked, and what a scoped reader
// is shown. The Neo4j implementation is tested in values-entities / edits / merge int tests.
import type { EntityRecord } from '@smart/store';
import { describe, expect, it } from 'vitest';
import { MemoryEntityRepository, runOperation } from './support/backends';

const ENTITIES: EntityRecord[] = [
  { id: 'sup', kind: 'SUPPLIER', name: 'Clearing Co' },
  { id: 'svc', kind: 'SERVICE', name: 'Claims API', supplierId: 'sup' },
  { id: 'svc2', kind: 'SERVICE', name: 'Claims backup', supplierId: 'sup' },
  { id: 'org', kind: 'ORGANIZATION', name: 'General Hospital' },
  { id: 'org2', kind: 'ORGANIZATION', name: 'Other Clinic' },
  { id: 'wf', kind: 'WORKFLOW', name: 'Submit claims', organizationId: 'org' },
  { id: 'wf2', kind: 'WORKFLOW', name: 'Other claims', organizationId: 'org2' },
];

function repository() {
  return new MemoryEntityRepository(ENTITIES, [
    { from: 'wf', to: 'svc', group: 'claims' },
    { from: 'wf', to: 'svc2', group: 'claims', strength: 0.5 },
    { from: 'wf2', to: 'svc' },
  ]);
}

describe('entity resolvers over an in-memory EntityRepository', () => {
  it("entity(id): a stored entity, a merged-away id's survivor, or null", async () => {
    const repo = repository();
    repo.aliases.set('old-sup', 'sup');
    const { data, errors } = await runOperation(
      `{ a: entity(id: "svc") { id name ... on Service { supplier { name } v: version } }
         b: entity(id: "old-sup") { id }
         c: entity(id: "nope") { id } }`,
      { entityRepository: repo },
    );
    expect(errors).toBeUndefined();
    expect(data).toEqual({
      a: {
        id: 'svc',
        name: 'Claims API',
        supplier: { name: 'Clearing Co' },
        v: repo.entityVersion(ENTITIES[1]!),
      },
      b: { id: 'sup' },
      c: null,
    });
  });

  it("an organization's workflows and a supplier's services come from the repository's relatives", async () => {
    const { data } = await runOperation(
      `{ o: entity(id: "org") { ... on Organization { workflows { id } } }
         s: entity(id: "sup") { ... on Supplier { services { id } } } }`,
      { entityRepository: repository() },
    );
    expect(data).toEqual({
      o: { workflows: [{ id: 'wf' }] },
      s: { services: [{ id: 'svc' }, { id: 'svc2' }] },
    });
  });

  it('search: kinds passed as labels, first bounded, long text refused before the repository is asked', async () => {
    const repo = repository();
    const { data } = await runOperation('{ search(text: "claims", kinds: [SERVICE], first: 5) { id } }', {
      entityRepository: repo,
    });
    expect(repo.calls).toEqual([['search', 'claims', ['Service'], 5]]);
    expect(data?.search).toEqual([{ id: 'svc' }, { id: 'svc2' }, { id: 'wf' }, { id: 'wf2' }]);

    const tooMany = await runOperation('{ search(text: "claims", first: 101) { id } }', {
      entityRepository: repo,
    });
    expect(tooMany.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'first' });
    const tooLong = await runOperation(`{ searchHits(text: "${'x'.repeat(201)}") { matchedText } }`, {
      entityRepository: repo,
    });
    expect(tooLong.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'text' });
    expect(repo.calls).toHaveLength(1);
  });

  it("a scoped reader's search leaves out another organization's workflows", async () => {
    const { data } = await runOperation(
      '{ searchHits(text: "claims") { entity { id } matchedField } }',
      { entityRepository: repository() },
      { principal: { username: 'sam', role: 'VIEWER', organizations: ['org'] } },
    );
    expect(data?.searchHits).toEqual([
      { entity: { id: 'svc' }, matchedField: 'NAME' },
      { entity: { id: 'svc2' }, matchedField: 'NAME' },
      { entity: { id: 'wf' }, matchedField: 'NAME' },
    ]);
  });

  it("dependencies: a group's alternatives together, a service's supplier as an implicit dependency", async () => {
    const { data, errors } = await runOperation(
      `{ wf: dependencies(id: "wf") { group alternatives { to { id } strength } }
         svc: dependencies(id: "svc") { group alternatives { to { id } notes } } }`,
      { entityRepository: repository() },
    );
    expect(errors).toBeUndefined();
    expect(data).toEqual({
      wf: [
        {
          group: 'claims',
          alternatives: [
            { to: { id: 'svc' }, strength: 1 },
            { to: { id: 'svc2' }, strength: 0.5 },
          ],
        },
      ],
      svc: [{ group: null, alternatives: [{ to: { id: 'sup' }, notes: 'provided by' }] }],
    });
  });

  it("dependents: unknown ids are NOT_FOUND; a scoped reader does not see another organization's edges", async () => {
    const repo = repository();
    const missing = await runOperation('{ dependents(id: "nope") { from { id } } }', {
      entityRepository: repo,
    });
    expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const scoped = await runOperation(
      '{ dependents(id: "svc", first: 10) { from { id } } }',
      { entityRepository: repo },
      { principal: { username: 'sam', role: 'VIEWER', organizations: ['org'] } },
    );
    expect(scoped.data?.dependents).toEqual([{ from: { id: 'wf' } }]);
    expect(repo.calls).toEqual([['dependentsOf', 'svc', 10]]);
  });

  it('edits: the signed-in user is the actor, the version passed on, a repository refusal mapped to its code', async () => {
    const repo = repository();
    const { data, errors } = await runOperation(
      `mutation { upsertEntity(input: { id: "sup2", kind: SUPPLIER, name: "Second" }) { id name }
        addDependency(input: { from: "wf", to: "sup2" }, expectedVersion: "absent") { to { name } } }`,
      { entityRepository: repo },
    );
    expect(errors).toBeUndefined();
    expect(data).toEqual({
      upsertEntity: { id: 'sup2', name: 'Second' },
      addDependency: { to: { name: 'Second' } },
    });
    expect(repo.calls.map(([m, , actor]) => [m, actor])).toEqual([
      ['upsert', 'ann'],
      ['addDependency', 'ann'],
    ]);
    expect(repo.calls[1]![3]).toBe('absent');

    const self = await runOperation('mutation { addDependency(input: { from: "wf", to: "wf" }) { group } }', {
      entityRepository: repo,
    });
    expect(self.errors?.[0]).toMatchObject({
      message: 'input.to: an entity cannot depend on itself',
      extensions: { code: 'BAD_USER_INPUT', argument: 'input.to' },
    });
    const stale = await runOperation(
      'mutation { upsertEntity(input: { id: "sup", kind: SUPPLIER, name: "X" }, expectedVersion: "old") { id } }',
      { entityRepository: repo },
    );
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', argument: 'expectedVersion' });
  });

  it('a VIEWER is refused an edit before the repository is asked', async () => {
    const repo = repository();
    const { errors } = await runOperation(
      'mutation { deleteEntity(id: "sup") }',
      { entityRepository: repo },
      { principal: { username: 'vic', role: 'VIEWER' } },
    );
    expect(errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(repo.calls).toEqual([]);
  });

  it('merge: too many others refused; the survivor returned; quality and drill-down bounds applied', async () => {
    const repo = repository();
    const many = JSON.stringify(Array.from({ length: 101 }, (_, i) => `x${i}`));
    const refused = await runOperation(`{ mergePreview(survivor: "svc", others: ${many}) { version } }`, {
      entityRepository: repo,
    });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'others' });
    const { data, errors } = await runOperation(
      `mutation { mergeEntities(survivor: "svc", others: ["svc2"], expectedVersion: "v1") { id } }`,
      { entityRepository: repo },
    );
    expect(errors).toBeUndefined();
    expect(data?.mergeEntities).toEqual({ id: 'svc' });
    expect(repo.calls).toEqual([['merge', 'svc', ['svc2'], 'ann', 'v1']]);

    await runOperation(
      `{ dataQuality { check } concentrationOrganizations(supplierCategory: "Cloud", subsector: HEALTH_IT) { organization { id } } }`,
      { entityRepository: repo },
    );
    expect(repo.calls.slice(1)).toEqual([
      ['dataQuality', 10, null, 365],
      ['concentrationOrganizations', { supplierCategory: 'Cloud', subsector: 'HEALTH_IT' }, 100, null],
    ]);
  });
});
