// Entity.provenance and Dependency.provenance over an in-memory EntityRepository (no
// Neo4j): the values the repository gives, read in one batch per request tick however
// many entities or edges ask (no read per row), and none for a scoped reader. The Neo4j
// reads are tested in provenance.int.test.ts.
import { GraphBuilder } from '@smart/engine';
import type { EntityRecord, ProvenanceRecord } from '@smart/store';
import { dependencyKey } from '@smart/store';
import { describe, expect, it } from 'vitest';
import { MemoryEntityRepository, fakeAnalysis, runOperation } from './support/backends';

const ENTITIES: EntityRecord[] = [
  { id: 'sup', kind: 'SUPPLIER', name: 'Clearing Co' },
  { id: 'svc1', kind: 'SERVICE', name: 'Claims API', supplierId: 'sup' },
  { id: 'svc2', kind: 'SERVICE', name: 'Claims backup', supplierId: 'sup' },
  { id: 'svc3', kind: 'SERVICE', name: 'Eligibility', supplierId: 'sup' },
  { id: 'org', kind: 'ORGANIZATION', name: 'General Hospital' },
  { id: 'wf1', kind: 'WORKFLOW', name: 'Submit claims', organizationId: 'org' },
  { id: 'wf2', kind: 'WORKFLOW', name: 'Check eligibility', organizationId: 'org' },
];

const asserted = (id: string, contributor: string, date: string): ProvenanceRecord => ({
  submission: { id, contributor, contact: null, date, note: null, recordedAt: null, actor: null },
  assertedAt: date,
  confirmedAt: date,
});

function repository() {
  const repo = new MemoryEntityRepository(ENTITIES, [
    { from: 'wf1', to: 'svc1', group: 'claims' },
    { from: 'wf1', to: 'svc2', group: 'claims' },
    { from: 'wf1', to: 'svc3' },
    { from: 'wf2', to: 'svc1', source: 'CONTRACT', confidence: 0.8 },
  ]);
  repo.provenance.set(dependencyKey('wf1', 'svc1'), [asserted('s1', 'Riverside', '2026-01-10')]);
  repo.provenance.set(dependencyKey('wf1', 'svc3'), [asserted('s2', 'ClearPath', '2026-02-01')]);
  repo.provenance.set('wf1', [asserted('s1', 'Riverside', '2026-01-10')]);
  repo.provenance.set('wf2', [asserted('s2', 'ClearPath', '2026-02-01')]);
  return repo;
}

const provenanceCalls = (repo: MemoryEntityRepository) =>
  repo.calls.filter(([m]) => m === 'entityProvenance' || m === 'dependencyProvenance');

describe('provenance resolvers', () => {
  it("a details panel's dependencies: every edge's provenance in one read, values as the repository has them", async () => {
    const repo = repository();
    const { data, errors } = await runOperation(
      `{ dependencies(id: "wf1") { group alternatives { to { id } provenance { submission { contributor } assertedAt } } } }`,
      { entityRepository: repo },
    );
    expect(errors).toBeUndefined();
    expect(data?.dependencies).toEqual([
      {
        group: 'claims',
        alternatives: [
          {
            to: { id: 'svc1' },
            provenance: [{ submission: { contributor: 'Riverside' }, assertedAt: '2026-01-10' }],
          },
          { to: { id: 'svc2' }, provenance: [] },
        ],
      },
      {
        group: null,
        alternatives: [
          {
            to: { id: 'svc3' },
            provenance: [{ submission: { contributor: 'ClearPath' }, assertedAt: '2026-02-01' }],
          },
        ],
      },
    ]);
    // Three edges, one read (the resolver asked once per edge before: three reads).
    expect(provenanceCalls(repo)).toEqual([
      [
        'dependencyProvenance',
        [
          ['wf1', 'svc1'],
          ['wf1', 'svc2'],
          ['wf1', 'svc3'],
        ],
      ],
    ]);
  });

  it("many entities' provenance in one read, an entity asked twice read once", async () => {
    const repo = repository();
    const { data, errors } = await runOperation(
      '{ dependents(id: "svc1", first: 10) { from { id provenance { submission { id } } } } }',
      { entityRepository: repo },
    );
    expect(errors).toBeUndefined();
    expect(data?.dependents).toEqual([
      { from: { id: 'wf1', provenance: [{ submission: { id: 's1' } }] } },
      { from: { id: 'wf2', provenance: [{ submission: { id: 's2' } }] } },
    ]);
    expect(provenanceCalls(repo)).toEqual([['entityProvenance', ['wf1', 'wf2']]]);

    const twice = repository();
    const again = await runOperation(
      `{ a: entity(id: "wf1") { provenance { submission { id } } }
         b: entity(id: "wf1") { provenance { submission { id } } } }`,
      { entityRepository: twice },
    );
    expect(again.data).toEqual({
      a: { provenance: [{ submission: { id: 's1' } }] },
      b: { provenance: [{ submission: { id: 's1' } }] },
    });
    expect(provenanceCalls(twice)).toEqual([['entityProvenance', ['wf1']]]);
  });

  it('a reader scoped to organizations gets no provenance, and none is read', async () => {
    const repo = repository();
    const { data, errors } = await runOperation(
      `{ entity(id: "wf1") { provenance { assertedAt } }
         dependencies(id: "wf1") { alternatives { provenance { assertedAt } } } }`,
      { entityRepository: repo },
      { principal: { username: 'sam', role: 'VIEWER', organizations: ['org'] } },
    );
    expect(errors).toBeUndefined();
    expect(data).toEqual({
      entity: { provenance: [] },
      dependencies: [
        { alternatives: [{ provenance: [] }, { provenance: [] }] },
        { alternatives: [{ provenance: [] }] },
      ],
    });
    expect(provenanceCalls(repo)).toEqual([]);
  });

  it("a path's hops: every hop of every path read in one query, their provenance in one more", async () => {
    const repo = repository();
    const analysis = fakeAnalysis({
      paths: async () => [
        { nodes: ['sup', 'svc1', 'wf1'], length: 2 },
        { nodes: ['sup', 'svc1', 'wf2'], length: 2 },
        { nodes: ['sup', 'svc3', 'wf1'], length: 2 },
      ],
      entity: async (id: string) => repo.entities.get(id)!,
      // For the read audit of paths (none here: the projection names no organization).
      graph: async () => new GraphBuilder().build(),
    });
    const { data, errors } = await runOperation(
      `{ paths(from: "sup") { dependencies { from { id } to { id } source confidence
           provenance { submission { contributor } } } } }`,
      { entityRepository: repo, analysis },
    );
    expect(errors).toBeUndefined();
    const riverside = [{ submission: { contributor: 'Riverside' } }];
    expect(data?.paths).toEqual([
      {
        dependencies: [
          null,
          { from: { id: 'wf1' }, to: { id: 'svc1' }, source: null, confidence: null, provenance: riverside },
        ],
      },
      {
        dependencies: [
          null,
          { from: { id: 'wf2' }, to: { id: 'svc1' }, source: 'CONTRACT', confidence: 0.8, provenance: [] },
        ],
      },
      {
        dependencies: [
          null,
          {
            from: { id: 'wf1' },
            to: { id: 'svc3' },
            source: null,
            confidence: null,
            provenance: [{ submission: { contributor: 'ClearPath' } }],
          },
        ],
      },
    ]);
    // Each hop a → b asks for b → a and a → b; a hop two paths share is asked once.
    expect(repo.calls.filter(([m]) => m === 'dependenciesBetween')).toEqual([
      [
        'dependenciesBetween',
        [
          ['svc1', 'sup'],
          ['sup', 'svc1'],
          ['wf1', 'svc1'],
          ['svc1', 'wf1'],
          ['wf2', 'svc1'],
          ['svc1', 'wf2'],
          ['svc3', 'sup'],
          ['sup', 'svc3'],
          ['wf1', 'svc3'],
          ['svc3', 'wf1'],
        ],
      ],
    ]);
    expect(provenanceCalls(repo)).toEqual([
      [
        'dependencyProvenance',
        [
          ['wf1', 'svc1'],
          ['wf2', 'svc1'],
          ['wf1', 'svc3'],
        ],
      ],
    ]);
  });
});
