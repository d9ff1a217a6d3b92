// The analysis resolvers over an in-memory fake of the AnalysisService: no Neo4j, no
// workers. They pass the GraphQL arguments through, shape the service's results
// into the schema's types, resolve named entities through the service, and let the
// service's request errors reach the client with their code and path.
import { ApolloServer } from '@apollo/server';
import {
  type CompactGraph,
  type ConcentrationEntry,
  type DependencyPath,
  GraphBuilder,
  type NeighborhoodResult,
} from '@smart/engine';
import type { ConcentrationCell, EntityRecord } from '@smart/store';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type {
  AnalysisService,
  ComparedReports,
  ImpactReportParent,
  RankingParent,
} from '../src/analysis/service';
import { impactArgs } from '../src/analysis/service';
import type { Context } from '../src/context';
import { makeFormatError } from '../src/errors';
import { partialFieldResolver } from '../src/loaders';
import { resolvers } from '../src/resolvers';
import { notFound } from '../src/resolvers/failures';
import { typeDefs } from '../src/schema';
import { authorizationPlugin } from '../src/security/authorization';
import { Scope } from '../src/security/scope';
import { EntityLoader } from '../src/loaders';
import {
  MemoryEntityRepository,
  MemoryImportService,
  MemoryIncidentRepository,
  MemoryScenarioRepository,
  MemoryUserDirectory,
} from './support/backends';

const ENTITIES: Record<string, EntityRecord> = {
  sup: { id: 'sup', kind: 'SUPPLIER', name: 'Clearing Co' },
  svc: { id: 'svc', kind: 'SERVICE', name: 'Claims API' },
  wf: { id: 'wf', kind: 'WORKFLOW', name: 'Submit claims' },
  fn: { id: 'fn', kind: 'CRITICAL_FUNCTION', name: 'Revenue cycle' },
};

/** A fake service: fixed answers, and a record of every call and its arguments. */
class FakeAnalysis implements AnalysisService {
  readonly calls: [string, unknown][] = [];

  private note(name: string, args: unknown) {
    this.calls.push([name, args]);
  }

  async impact(
    input: Parameters<AnalysisService['impact']>[0],
    argument = 'input',
  ): Promise<ImpactReportParent> {
    this.note('impact', { input, argument });
    if (input.failed.some((f) => !(f.id in ENTITIES))) throw notFound(input.failed.map((f) => f.id));
    return {
      summary: {
        failed: 2,
        degraded: 0,
        workflowsFailed: 1,
        workflowsDegraded: 0,
        organizationsAffected: 0,
        functions: [{ functionId: 'fn', capacityLoss: 0.5, failedWorkflows: 1, degradedWorkflows: 0 }],
      },
      affected: [
        {
          id: 'wf',
          state: 'FAILED',
          disruptedAtHours: 0,
          failedAtHours: 24,
          inoperability: null,
          because: ['wf', 'sup'],
          reason: { cause: 'NO_ALTERNATIVE' },
          reasonText: 'Fails at 24 h.',
        },
      ],
      graphVersion: '7',
    } as unknown as ImpactReportParent;
  }
  async compare(): Promise<ComparedReports> {
    throw new Error('not used');
  }
  async paths(args: Parameters<AnalysisService['paths']>[0]): Promise<DependencyPath[]> {
    this.note('paths', args);
    return [{ nodes: ['sup', 'svc', 'wf'], length: 2 } as DependencyPath];
  }
  async shortestPath(args: Parameters<AnalysisService['shortestPath']>[0]) {
    this.note('shortestPath', args);
    return args.to === 'wf' ? { nodes: ['sup', 'svc', 'wf'], length: 2 } : null;
  }
  async systemicRisk(args: Parameters<AnalysisService['systemicRisk']>[0]): Promise<RankingParent[]> {
    this.note('systemicRisk', args);
    return [
      {
        id: 'sup',
        kind: 'SUPPLIER',
        score: 123.5,
        components: { capacityLoss: 0.75, organizationsAffected: 4, failedWorkflowWeight: 3.5 },
        directDependents: 3,
        organizationsAffected: 4,
        workflowsFailed: 5,
        functionsImpaired: 1,
        singlePointOfFailureFor: 2,
        graphVersion: '6',
      },
    ];
  }
  async fourthPartyConcentration(args: { first?: number | null }): Promise<ConcentrationEntry[]> {
    this.note('fourthPartyConcentration', args);
    return [{ id: 'svc', kind: 'SERVICE', firstTierDependents: 9, organizationsReached: 4 }];
  }
  async concentrationMatrix(): Promise<ConcentrationCell[]> {
    return [
      { supplierCategory: 'Clearinghouse', subsector: 'DIRECT_PATIENT_CARE', organizations: 3, suppliers: 1 },
    ];
  }
  async alternatives() {
    return [];
  }
  async neighborhood(): Promise<NeighborhoodResult> {
    throw new Error('not used');
  }
  async overview(dimensions: Parameters<AnalysisService['overview']>[0]) {
    this.note('overview', dimensions);
    return {
      graphVersion: '7',
      nodes: [
        {
          key: 'SUPPLIER_CATEGORY:Clearinghouse',
          kind: 'SUPPLIER' as const,
          label: 'Clearinghouse',
          members: 1,
        },
      ],
      edges: [],
      withheldNodes: 0,
      withheldEdges: 0,
    };
  }
  async overviewMembers(key: string, dimensions: Parameters<AnalysisService['overview']>[0]) {
    this.note('overviewMembers', { key, dimensions });
    return [
      { id: 'sup', links: 3 },
      { id: 'svc', links: 1 },
    ];
  }
  async directDependents(id: string) {
    this.note('directDependents', id);
    return 2;
  }
  async duplicates(kinds: Parameters<AnalysisService['duplicates']>[0], minScore: number) {
    this.note('duplicates', { kinds, minScore });
    return [{ ids: ['sup', 'svc'], score: 0.8, evidence: ['alike'] }];
  }
  async mitigations(
    input: Parameters<AnalysisService['mitigations']>[0],
    options: Parameters<AnalysisService['mitigations']>[1],
  ) {
    this.note('mitigations', { input, options });
    return [
      {
        kind: 'ADD_ALTERNATIVE' as const,
        changes: [
          { addDependency: { from: 'wf', to: 'svc', group: 'alternative|svc', strength: 1 } },
          { addDependency: { from: 'wf', to: 'sup', group: 'alternative|svc', strength: 1 } },
        ],
        explanation: 'Give Submit claims an alternative',
        workflowsSaved: 1,
        organizationsSpared: 0,
        capacityLossReduction: 0.5,
        functions: [{ functionId: 'fn', reduction: 0.5 }],
      },
    ];
  }
  async entity(id: string): Promise<EntityRecord> {
    this.note('entity', id);
    return ENTITIES[id]!;
  }
  async size() {
    return { entities: 4, links: 3, byKind: {} as never };
  }
  /** The projection report rows are paged on: the fixed entities, sup ← svc ← wf → fn. */
  async graph(): Promise<CompactGraph> {
    return new GraphBuilder()
      .addNodes(Object.values(ENTITIES).map((e) => ({ id: e.id, kind: e.kind, name: e.name })))
      .addProvidedBy('svc', 'sup')
      .addDependency({ from: 'wf', to: 'svc' })
      .addSupports('wf', 'fn')
      .build();
  }
}

const server = new ApolloServer<Context>({
  typeDefs,
  resolvers,
  fieldResolver: partialFieldResolver as never,
  includeStacktraceInErrorResponses: false,
  // The production error mapper: engine errors reach the client as they would in the API.
  formatError: makeFormatError(pino({ level: 'silent' })),
  // Roles are the schema's @requires directives, checked by this plugin before execution.
  plugins: [authorizationPlugin()],
});

async function run(query: string, role: 'VIEWER' | null = 'VIEWER', organizations: string[] | null = null) {
  const analysis = new FakeAnalysis();
  // Only the read audit writes (issue 19), through the user directory (the audit trail).
  const userDirectory = new MemoryUserDirectory();
  const contextValue: Context = {
    principal: role ? { username: 'ann', role } : null,
    log: pino({ level: 'silent' }),
    analysis,
    entityRepository: new MemoryEntityRepository(Object.values(ENTITIES)),
    scenarioRepository: new MemoryScenarioRepository(),
    incidentRepository: new MemoryIncidentRepository(),
    importService: new MemoryImportService(),
    userDirectory,
    entities: new EntityLoader(new MemoryEntityRepository(Object.values(ENTITIES))),
    templateLimits: {} as Context['templateLimits'],
    scope: new Scope(organizations),
  };
  const res = await server.executeOperation({ query }, { contextValue });
  if (res.body.kind !== 'single') throw new Error('expected a single result');
  const { data, errors } = res.body.singleResult;
  const audits = userDirectory.events;
  return { data: data as Record<string, unknown> | undefined, errors, calls: analysis.calls, audits };
}

describe('analysis resolvers over a fake AnalysisService', () => {
  it('impact: passes the input through and shapes the report, entities resolved by the service', async () => {
    const { data, errors, calls, audits } = await run(
      `{ impact(input: { failed: [{ id: "sup" }], durationHours: 48 }) {
          graphVersion summary { failed functions { capacityLoss function { name } } }
          affected(first: 10) { totalCount edges { node { state failedAtHours because reason entity { id name kind } } } } } }`,
    );
    expect(errors).toBeUndefined();
    // A sector-wide affected list is audited once: who, what (details as JSON).
    expect(audits).toEqual([
      expect.objectContaining({ actor: 'ann', action: 'read-affected', target: null }),
    ]);
    expect(JSON.parse(String(audits[0]!.details))).toMatchObject({ graphVersion: '7', affected: 1 });
    expect(calls[0]).toEqual([
      'impact',
      {
        input: { failed: [{ id: 'sup', inoperability: 1 }], durationHours: 48, model: 'DISCRETE' },
        argument: 'input',
      },
    ]);
    expect(data?.impact).toEqual({
      graphVersion: '7',
      summary: { failed: 2, functions: [{ capacityLoss: 0.5, function: { name: 'Revenue cycle' } }] },
      affected: {
        totalCount: 1,
        edges: [
          {
            node: {
              state: 'FAILED',
              failedAtHours: 24,
              because: ['wf', 'sup'],
              reason: 'Fails at 24 h.',
              entity: { id: 'wf', name: 'Submit claims', kind: 'WORKFLOW' },
            },
          },
        ],
      },
    });
    expect(
      calls
        .filter(([n]) => n === 'entity')
        .map(([, id]) => id)
        .sort(),
    ).toEqual(['fn', 'wf']);
  });

  it("the read audit goes to the user directory: a scoped reader's own view is not recorded, a sector-wide one once per report", async () => {
    const query = `{ impact(input: { failed: [{ id: "sup" }] }) {
        a: affected(first: 1) { totalCount } b: affected(first: 2) { totalCount } } }`;
    const scoped = await run(query, 'VIEWER', ['org-1']);
    expect(scoped.errors).toBeUndefined();
    expect(scoped.audits).toEqual([]);
    const sectorWide = await run(query);
    expect(sectorWide.errors).toBeUndefined();
    expect(sectorWide.audits.map((e) => [e.actor, e.action])).toEqual([['ann', 'read-affected']]);
  });

  it('mitigations and plan: arguments passed through; change is the last of changes; functions resolved', async () => {
    const { data, errors, calls } = await run(
      `{ mitigations(input: { failed: [{ id: "sup" }] }, kinds: [ADD_ALTERNATIVE], first: 5) {
           kind change { addDependency { to group } } changes { addDependency { to } removeDependency { to } }
           workflowsSaved functions { function { name } reduction } }
         plan(input: { failed: [{ id: "sup" }] }, steps: 2) { kind } }`,
    );
    expect(errors).toBeUndefined();
    expect(
      calls.filter(([n]) => n === 'mitigations').map(([, a]) => (a as { options: unknown }).options),
    ).toEqual([
      { kinds: ['ADD_ALTERNATIVE'], first: 5, workaroundHours: 24 },
      { kinds: undefined, workaroundHours: 24, steps: 2 },
    ]);
    expect(data?.mitigations).toEqual([
      {
        kind: 'ADD_ALTERNATIVE',
        change: { addDependency: { to: 'sup', group: 'alternative|svc' } },
        changes: [
          { addDependency: { to: 'svc' }, removeDependency: null },
          { addDependency: { to: 'sup' }, removeDependency: null },
        ],
        workflowsSaved: 1,
        functions: [{ function: { name: 'Revenue cycle' }, reduction: 0.5 }],
      },
    ]);
  });

  it("a service's NOT_FOUND reaches the client with its code and path", async () => {
    const { data, errors } = await run('{ impact(input: { failed: [{ id: "nope" }] }) { graphVersion } }');
    expect(data).toBeNull();
    expect(errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(errors?.[0]?.path).toEqual(['impact']);
    expect(errors?.[0]?.message).toMatch(/'nope'/);
  });

  it('systemicRisk: the arguments as given, the ranking with its graph version and capacity loss', async () => {
    const { data, errors, calls } = await run(
      '{ systemicRisk(kinds: [SUPPLIER, SERVICE], durationHours: 12, first: 3) { score capacityLoss graphVersion singlePointOfFailureFor entity { name } } }',
    );
    expect(errors).toBeUndefined();
    expect(calls[0]).toEqual([
      'systemicRisk',
      { kinds: ['SUPPLIER', 'SERVICE'], durationHours: 12, first: 3 },
    ]);
    expect(data?.systemicRisk).toEqual([
      {
        score: 123.5,
        capacityLoss: 0.75,
        graphVersion: '6',
        singlePointOfFailureFor: 2,
        entity: { name: 'Clearing Co' },
      },
    ]);
    // The SDL's defaults reach the service; the service applies its own to what is left open.
    const defaults = await run('{ systemicRisk { score } }');
    expect(defaults.calls[0]).toEqual(['systemicRisk', { kinds: ['SUPPLIER'], first: 50 }]);
  });

  it('paths, shortestPath, fourthPartyConcentration and concentrationMatrix are thin calls', async () => {
    const { data, errors, calls } = await run(`{
      paths(from: "sup") { length nodes { id } }
      near: shortestPath(from: "sup", to: "wf") { length nodes { name } }
      none: shortestPath(from: "sup", to: "fn") { length }
      fourthPartyConcentration(first: 2) { firstTierDependents entity { id } }
      concentrationMatrix { supplierCategory organizations } }`);
    expect(errors).toBeUndefined();
    expect(data).toEqual({
      paths: [{ length: 2, nodes: [{ id: 'sup' }, { id: 'svc' }, { id: 'wf' }] }],
      near: {
        length: 2,
        nodes: [{ name: 'Clearing Co' }, { name: 'Claims API' }, { name: 'Submit claims' }],
      },
      none: null,
      fourthPartyConcentration: [{ firstTierDependents: 9, entity: { id: 'svc' } }],
      concentrationMatrix: [{ supplierCategory: 'Clearinghouse', organizations: 3 }],
    });
    expect(calls.find(([n]) => n === 'paths')?.[1]).toEqual({
      from: 'sup',
      toKinds: ['WORKFLOW'],
      maxDepth: 6,
      limit: 100,
    });
    expect(calls.find(([n]) => n === 'fourthPartyConcentration')?.[1]).toEqual({ first: 2 });
  });

  it('sectorOverview and overviewMembers: the grouping checked and sorted, members paged here', async () => {
    const o = await run(
      '{ sectorOverview(groupBy: [WORKFLOW_CATEGORY, SUPPLIER_CATEGORY]) { graphVersion nodes { key } } }',
    );
    expect(o.errors).toBeUndefined();
    expect(o.calls[0]).toEqual(['overview', ['SUPPLIER_CATEGORY', 'WORKFLOW_CATEGORY']]);
    const bad = await run(
      '{ sectorOverview(groupBy: [ORGANIZATION_TYPE, ORGANIZATION_SUBSECTOR]) { graphVersion } }',
    );
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'groupBy' });
    expect(bad.calls).toEqual([]);
    const m = await run(
      '{ overviewMembers(key: "SUPPLIER", first: 1) { totalCount nextOffset entities { links entity { name } } } }',
    );
    expect(m.data?.overviewMembers).toEqual({
      totalCount: 2,
      nextOffset: 1,
      entities: [{ links: 3, entity: { name: 'Clearing Co' } }],
    });
  });

  it('duplicateCandidates: kinds sorted, suppliers and services by default, entities by the service', async () => {
    const { data, calls } = await run(
      '{ duplicateCandidates(minScore: 0.7) { score evidence entities { name } } }',
    );
    expect(calls[0]).toEqual(['duplicates', { kinds: ['SERVICE', 'SUPPLIER'], minScore: 0.7 }]);
    expect(data?.duplicateCandidates).toEqual([
      { score: 0.8, evidence: ['alike'], entities: [{ name: 'Clearing Co' }, { name: 'Claims API' }] },
    ]);
  });

  it('without a principal nothing reaches the service', async () => {
    const { errors, calls } = await run('{ systemicRisk { score } }', null);
    expect(errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(calls).toEqual([]);
  });
});

describe('impact defaults and bounds (one place: the service)', () => {
  it('applies DISCRETE and an indefinite outage, and names the argument in errors', () => {
    expect(impactArgs({ failed: [{ id: 'a' }] }, 'input')).toEqual({
      failed: [{ id: 'a', inoperability: undefined }],
      durationHours: undefined,
      model: 'DISCRETE',
      changes: [],
      changesField: 'input.changes',
    });
    // Only the members a change sets are passed on; too many changes are refused here.
    expect(
      impactArgs(
        { failed: [{ id: 'a' }], changes: [{ setWorkflow: { id: 'w', toleranceHours: 4 } }] },
        'scenario',
      ).changes,
    ).toEqual([{ setWorkflow: { id: 'w', toleranceHours: 4, workaroundCapacity: null } }]);
    expect(() =>
      impactArgs(
        { failed: [{ id: 'a' }], changes: Array.from({ length: 201 }, () => ({ unaffected: { id: 'w' } })) },
        'input',
      ),
    ).toThrow(/^input\.changes: at most 200 changes/);
    expect(() => impactArgs({ failed: [] }, 'scenario')).toThrow(/^scenario\.failed: name at least one/);
    expect(() => impactArgs({ failed: [{ id: 'a' }], durationHours: -1 }, 'input')).toThrow(
      /^input\.durationHours: must be a number of hours above 0/,
    );
    expect(() =>
      impactArgs({ failed: Array.from({ length: 1001 }, (_, i) => ({ id: `x${i}` })) }, 'input'),
    ).toThrow(/at most 1000 entities/);
  });
});
