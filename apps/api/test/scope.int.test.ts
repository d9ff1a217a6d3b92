// Need to know (issue 19) on a real Neo4j: two hospitals and a user scoped to each.
// Every Query field of the schema (enumerated by introspection, so a new field without
// a scope decision fails here) is asked by both scoped users; none of the other
// hospital's ids or names may come back, through aliases and fragments too, and the
// same probe as ADMIN shows that it would have.
import { MUTATION_SCOPE, QUERY_SCOPE, issueToken, withheldFields } from '@smart/api';
import { Kind, type OperationDefinitionNode, parse } from 'graphql';
import { type Template, emptyTemplate } from '@smart/domain';
import { createUser, importTemplate } from '@smart/store';
import { templateToBuffer } from '@smart/templates';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BAY, HARBOR, SECRETS, twoOrganizations } from '../../../test/fixtures/two-organizations';
import { type TestApi, startTestApi } from '../../../test/support/api';
import { resetDatabase, testStore } from '../../../test/support/neo4j';

const store = testStore();
let api: TestApi;
const tokens: Record<string, string> = {};

/** Per organization: one of its workflows (a dependency on the clearinghouse). */
const OWN_WORKFLOW: Record<string, string> = { [HARBOR]: 'wf-a-claims', [BAY]: 'wf-b-claims' };
const OTHER: Record<string, string> = { [HARBOR]: BAY, [BAY]: HARBOR };
/** Per organization: its billing workflow (Bay's depends on Harbor's interface engine). */
const BILLING: Record<string, string> = { [HARBOR]: 'wf-a-billing', [BAY]: 'wf-b-billing' };

beforeAll(async () => {
  await resetDatabase(store);
  await importTemplate(store, twoOrganizations(), { actor: 'test' });
  api = await startTestApi(store);
  for (const org of [HARBOR, BAY])
    tokens[org] = await issueToken({ username: `analyst-${org}`, role: 'ANALYST', organizations: [org] });
}, 120_000);
afterAll(async () => {
  await api?.close();
  await store.close();
});

const ENTITY = '{ id name }';

/**
 * One probe per Query field: a query asking for what would leak another organization,
 * given the reader's own organization. `leaks`: the ADMIN's answer holds the other
 * organization's secrets (so the scoped answer's lacking them means something).
 */
const PROBES: Record<string, { query: (own: string) => string; leaks?: boolean }> = {
  viewer: { query: () => '{ viewer { username role organizations } }' },
  stats: { query: () => '{ stats { graphVersion counts { kind count } dependencies } }' },
  entity: {
    query: (own) =>
      `{ mine: entity(id: "${OWN_WORKFLOW[own]}") ${ENTITY} theirs: entity(id: "${OWN_WORKFLOW[OTHER[own]!]}") ${ENTITY} org: entity(id: "${OTHER[own]}") { ...on Organization { id name workflows ${ENTITY} } } }`,
    leaks: true,
  },
  search: { query: () => `{ search(text: "claims") ${ENTITY} }`, leaks: true },
  searchHits: {
    query: () => `{ searchHits(text: "billing") { entity ${ENTITY} matchedText } }`,
    leaks: true,
  },
  // Bay's billing depends on Harbor's interface engine: that edge is not Bay's to see.
  dependencies: {
    query: (own) =>
      `{ dependencies(id: "${BILLING[own]}") { group alternatives { from ${ENTITY} to ${ENTITY} } } }`,
    leaks: true,
  },

  dependents: {
    query: () => `{ dependents(id: "svc-ch") { from ${ENTITY} to ${ENTITY} } }`,
    leaks: true,
  },
  directDependents: { query: () => '{ directDependents(id: "svc-ch") }' },
  neighborhood: {
    query: () =>
      '{ neighborhood(id: "svc-ch", depth: 3) { nodes { id name } edges { source target } truncated } }',
    leaks: true,
  },
  // The catalogue's clearinghouse service: both hospitals depend on it.
  deleteEntityPreview: {
    query: () =>
      `{ deleteEntityPreview(id: "svc-ch") { entities ${ENTITY} dependencies { from ${ENTITY} to ${ENTITY} } functionLinks { workflowId } version } }`,
    leaks: true,
  },
  impact: {
    query: () => `{ impact(input: { failed: [{ id: "sup-ch" }] }) {
      summary { organizationsAffected organizationsAffectedCount { value suppressed display }
        functions { function ${ENTITY} capacityLoss } }
      affected(first: 100) { totalCount edges { node { entity ${ENTITY} because causalPath ${ENTITY} reason cutAtBoundary } } }
      organizations { totalCount types edges { node { organization ${ENTITY} } } }
      timeline { atHours failed degraded }
      organizationGroups { subsector type organizations { value suppressed display } workflowsFailed } } }`,
    leaks: true,
  },
  paths: { query: () => `{ paths(from: "sup-ch") { nodes ${ENTITY} length } }`, leaks: true },
  shortestPath: {
    query: (own) => `{ shortestPath(from: "sup-ch", to: "${OWN_WORKFLOW[own]}") { nodes ${ENTITY} } }`,
  },
  systemicRisk: {
    query: () =>
      `{ systemicRisk(kinds: [SUPPLIER, SERVICE, WORKFLOW, ASSET, ORGANIZATION], first: 100) { entity ${ENTITY} organizationsAffected organizationsAffectedCount { display } } }`,
    leaks: true,
  },
  fourthPartyConcentration: {
    query: () =>
      `{ fourthPartyConcentration { entity ${ENTITY} organizationsReached organizationsReachedCount { display } } }`,
  },
  concentrationMatrix: {
    query: () =>
      '{ concentrationMatrix { supplierCategory subsector organizations organizationsCount { value suppressed display } } }',
  },
  concentrationOrganizations: {
    query: () =>
      `{ concentrationOrganizations(supplierCategory: "clearinghouse", subsector: DIRECT_PATIENT_CARE) { organization ${ENTITY} suppliers ${ENTITY} } }`,
    leaks: true,
  },
  singlePointsOfFailure: {
    query: () =>
      `{ singlePointsOfFailure { organization ${ENTITY} dependent ${ENTITY} dependency ${ENTITY} } }`,
    leaks: true,
  },
  dependencyAlternatives: {
    query: () =>
      `{ dependencyAlternatives { organization ${ENTITY} dependent ${ENTITY} dependency ${ENTITY} } }`,
    leaks: true,
  },
  sectorOverview: {
    query: () =>
      '{ sectorOverview(groupBy: [ORGANIZATION_TYPE]) { graphVersion nodes { key label members } edges { from to dependencies } withheldNodes withheldEdges } }',
  },
  overviewMembers: {
    query: () =>
      `{ overviewMembers(key: "ORGANIZATION_SUBSECTOR:DIRECT_PATIENT_CARE") { totalCount entities { entity ${ENTITY} } } }`,
    leaks: true,
  },
  dataQuality: {
    query: () => `{ dataQuality(samples: 100) { check count samples { entity ${ENTITY} detail } } }`,
    leaks: true,
  },
  duplicateCandidates: {
    query: () => `{ duplicateCandidates(kinds: [WORKFLOW], minScore: 0.1) { entities ${ENTITY} score } }`,
    leaks: true,
  },
  scenarios: { query: () => '{ scenarios { id name } }' },
  scenario: { query: () => '{ scenario(id: "none") { id } }' },
  compareScenarios: { query: () => '{ compareScenarios(a: "x", b: "y") { both } }' },
  lastImport: { query: () => '{ lastImport { blocked } }' },
  importInProgress: { query: () => '{ importInProgress { actor source rowsWritten } }' },
  users: { query: () => '{ users { username } }' },
  auditEvents: { query: () => '{ auditEvents { action } }' },
  auditLog: { query: () => '{ auditLog { edges { node { action } } } }' },
  readAudit: { query: () => '{ readAudit { action actor } }' },
  // Workarounds and cut single points of failure name the workflows they change.
  mitigations: {
    query: () =>
      '{ mitigations(input: { failed: [{ id: "sup-ch" }] }, first: 100) { explanation workflowsSaved organizationsSpared organizationsSparedCount { display } } }',
    leaks: true,
  },
  plan: {
    query: () =>
      '{ plan(input: { failed: [{ id: "sup-ch" }] }, steps: 10) { explanation workflowsSaved organizationsSpared } }',
  },
  mergePreview: {
    query: () =>
      `{ mergePreview(survivor: "svc-cloud", others: ["svc-ch"]) { survivor ${ENTITY} others ${ENTITY} moves { from to newFrom newTo outcome } moved merged dropped version } }`,
    leaks: true,
  },
  // Incidents (issue 14 item 3): withheld from scoped users.
  incidents: { query: () => '{ incidents { id name failed { id } } }' },
  incident: {
    query: () => `{ incident(id: "none") { id report { callList { organization ${ENTITY} } } } }`,
  },
  incidentLibrary: {
    query: () => '{ incidentLibrary { id failed available figures { demo } demoFigures } }',
  },
};

function leaked(body: unknown, org: string): string[] {
  const text = JSON.stringify(body);
  return SECRETS[org]!.filter((s) => text.includes(s));
}

describe('every Query field for a user scoped to one organization', () => {
  it('has a scope decision and a probe for each field the schema has', async () => {
    const r = await api.gql<{ __schema: { queryType: { fields: { name: string }[] } } }>(
      '{ __schema { queryType { fields { name } } } }',
    );
    const fields = r.data!.__schema.queryType.fields.map((f) => f.name).sort();
    expect(Object.keys(QUERY_SCOPE).sort()).toEqual(fields);
    expect(Object.keys(PROBES).sort()).toEqual(fields);
  });

  for (const [field, probe] of Object.entries(PROBES)) {
    it(`${field}: ${QUERY_SCOPE[field] ?? 'no decision'}`, async () => {
      const decision = QUERY_SCOPE[field];
      for (const own of [HARBOR, BAY]) {
        const r = await api.gql(probe.query(own), {}, { token: tokens[own]! });
        if (decision === 'open' || decision === 'scoped') {
          // (A NOT_FOUND of an out-of-scope id is an answer too; any other error is not.)
          for (const e of r.errors ?? []) expect(e.extensions?.code, e.message).toBe('NOT_FOUND');
          expect(leaked(r, OTHER[own]!), JSON.stringify(r)).toEqual([]);
        } else {
          expect(r.errors?.[0]?.extensions?.code, JSON.stringify(r)).toBe('FORBIDDEN');
          expect(r.data ?? null).toBeNull();
        }
      }
      if (probe.leaks) {
        // Bay's probe, asked by an unscoped ADMIN, does reach Harbor.
        const admin = await api.gql(probe.query(BAY), {}, { role: 'ADMIN' });
        expect(admin.errors).toBeUndefined();
        expect(
          leaked(admin, HARBOR).length,
          'the probe reaches Harbor for an unscoped reader',
        ).toBeGreaterThan(0);
      }
    });
  }
});

describe('ids out of scope', () => {
  it('are NOT_FOUND with the message of an unknown id, in every field that takes one', async () => {
    const asks: [string, (id: string) => string][] = [
      ['dependencies', (id) => `{ dependencies(id: "${id}") { group } }`],
      ['dependents', (id) => `{ dependents(id: "${id}") { version } }`],
      ['directDependents', (id) => `{ directDependents(id: "${id}") }`],
      ['neighborhood', (id) => `{ neighborhood(id: "${id}") { truncated } }`],
      ['impact', (id) => `{ impact(input: { failed: [{ id: "${id}" }] }) { graphVersion } }`],
      ['paths', (id) => `{ paths(from: "${id}") { length } }`],
      ['shortestPath', (id) => `{ shortestPath(from: "sup-ch", to: "${id}") { length } }`],
      ['singlePointsOfFailure', (id) => `{ singlePointsOfFailure(organization: "${id}") { group } }`],
    ];
    for (const [field, ask] of asks) {
      const hidden = await api.gql(ask('wf-a-claims'), {}, { token: tokens[BAY]! });
      const unknown = await api.gql(ask('wf-nowhere'), {}, { token: tokens[BAY]! });
      expect(hidden.errors?.[0]?.extensions?.code, field).toBe('NOT_FOUND');
      expect(hidden.errors![0]!.message.replace('wf-a-claims', 'ID'), field).toBe(
        unknown.errors![0]!.message.replace('wf-nowhere', 'ID'),
      );
      // The owner's user gets an answer.
      expect(
        (await api.gql(ask('wf-a-claims'), {}, { token: tokens[HARBOR]! })).errors,
        field,
      ).toBeUndefined();
    }
    // entity(id) answers null for both, as for any unknown id.
    const r = await api.gql(
      '{ a: entity(id: "wf-a-claims") { id } b: entity(id: "wf-nowhere") { id } }',
      {},
      {
        token: tokens[BAY]!,
      },
    );
    expect(r.data).toEqual({ a: null, b: null });
  });
});

describe('aliases and fragments', () => {
  it('reach the same scoped answers, and a withheld field hidden in a fragment is refused', async () => {
    const q = `query { ...Q x: search(text: "Harbor") { ...E } }
      fragment Q on Query { y: entity(id: "org-a") { ...E } z: impact(input: { failed: [{ id: "sup-ch" }] }) {
        affected { edges { node { entity { ...E } causalPath { ...E } } } } } }
      fragment E on Entity { id name }`;
    const bay = await api.gql(q, {}, { token: tokens[BAY]! });
    expect(bay.errors).toBeUndefined();
    expect(leaked(bay, HARBOR)).toEqual([]);
    const admin = await api.gql(q, {}, { role: 'ADMIN' });
    expect(leaked(admin, HARBOR).length).toBeGreaterThan(0);
    // Every field a scoped user may reach has a decision now; the plugin's check still
    // finds a field without one (or withheld, or ADMIN) through fragments.
    const doc = parse(
      'mutation { ...M } fragment M on Mutation { ... on Mutation { createUser(input: { username: "x", role: VIEWER }) { username } upsertEntity(input: { id: "x", kind: SUPPLIER, name: "x" }) { id } } }',
    );
    const op = doc.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION) as OperationDefinitionNode;
    expect(withheldFields(doc, op)).toEqual(['Mutation.createUser']);
    expect(MUTATION_SCOPE.createUser).toBeUndefined();
  });
});

interface ImpactView {
  impact: {
    summary: {
      organizationsAffected: number | null;
      organizationsAffectedCount: {
        value: number | null;
        suppressed: boolean;
        threshold: number;
        display: string;
      };
    };
    affected: {
      edges: {
        node: { entity: { id: string }; because: string[]; cutAtBoundary: boolean; reason: string };
      }[];
    };
    organizations: { totalCount: number };
    organizationGroups: {
      subsector: string;
      type: string;
      organizations: { value: number | null; suppressed: boolean; display: string };
      workflowsFailed: number | null;
    }[];
  };
}

const IMPACT = `{ impact(input: { failed: [{ id: "sup-ch" }] }) {
  summary { organizationsAffected organizationsAffectedCount { value suppressed threshold display } }
  affected(first: 100) { edges { node { entity { id } because cutAtBoundary reason } } }
  organizations { totalCount }
  organizationGroups { subsector type organizations { value suppressed display } workflowsFailed } } }`;

describe('impact for a scoped user', () => {
  it("cuts `because` at another organization's asset and says so", async () => {
    const r = await api.gql<ImpactView>(IMPACT, {}, { token: tokens[BAY]! });
    const rows = r.data!.impact.affected.edges.map((e) => e.node);
    expect(rows.map((n) => n.entity.id).sort()).toEqual(['sup-ch', 'svc-ch', 'wf-b-billing', 'wf-b-claims']);
    const billing = rows.find((n) => n.entity.id === 'wf-b-billing')!;
    expect(billing).toMatchObject({ because: ['wf-b-billing'], cutAtBoundary: true });
    expect(billing.reason).toContain('an entity of another organization');
    expect(rows.find((n) => n.entity.id === 'wf-b-claims')).toMatchObject({
      because: ['wf-b-claims', 'svc-ch', 'sup-ch'],
      cutAtBoundary: false,
    });
    // Its own organization only, in the list of organizations.
    expect(r.data!.impact.organizations.totalCount).toBe(1);
    // The ADMIN sees the whole path.
    const admin = await api.gql<ImpactView>(IMPACT, {}, { role: 'ADMIN' });
    const full = admin.data!.impact.affected.edges.find((e) => e.node.entity.id === 'wf-b-billing')!.node;
    expect(full).toMatchObject({
      because: ['wf-b-billing', 'asset-a-ie', 'svc-ch', 'sup-ch'],
      cutAtBoundary: false,
    });
  });

  it('shows fewer than k affected organizations as "< k" (k = 5 by default), the unscoped reader the number', async () => {
    const bay = await api.gql<ImpactView>(IMPACT, {}, { token: tokens[BAY]! });
    expect(bay.data!.impact.summary).toEqual({
      organizationsAffected: null,
      organizationsAffectedCount: { value: null, suppressed: true, threshold: 5, display: '< 5' },
    });
    expect(bay.data!.impact.organizationGroups).toEqual([
      {
        subsector: 'DIRECT_PATIENT_CARE',
        type: 'Acute care hospital',
        organizations: { value: null, suppressed: true, display: '< 5' },
        workflowsFailed: null,
      },
    ]);
    const admin = await api.gql<ImpactView>(IMPACT, {}, { role: 'ADMIN' });
    expect(admin.data!.impact.summary.organizationsAffectedCount).toEqual({
      value: 2,
      suppressed: false,
      threshold: 5,
      display: '2',
    });
    expect(admin.data!.impact.organizationGroups[0]!.workflowsFailed).toBe(4);
  });

  it('shows a group of k or more (SMART_MIN_GROUP = 2 here)', async () => {
    const small = await startTestApi(store, { minGroup: 2 });
    try {
      const r = await small.gql<ImpactView>(IMPACT, {}, { token: tokens[BAY]! });
      expect(r.data!.impact.summary.organizationsAffectedCount).toEqual({
        value: 2,
        suppressed: false,
        threshold: 2,
        display: '2',
      });
      expect(r.data!.impact.organizationGroups[0]!.workflowsFailed).toBe(4);
    } finally {
      await small.close();
    }
  });
});

interface BreakdownView {
  impact: {
    summary: {
      byRegion: { region: string | null; organizationsAffected: number; workflowsFailed: number }[];
      bySubsector: { subsector: string | null; organizationsAffected: number; workflowsFailed: number }[];
    };
  };
}

const BREAKDOWN = `{ impact(input: { failed: [{ id: "sup-ch" }] }) { summary {
  byRegion { region organizationsAffected workflowsFailed }
  bySubsector { subsector organizationsAffected workflowsFailed } } } }`;

describe('where it hits, for a scoped user', () => {
  it('leaves out a region or subsector of fewer than k affected organizations', async () => {
    const admin = (await api.gql<BreakdownView>(BREAKDOWN, {}, { role: 'ADMIN' })).data!.impact.summary;
    const small = (n: number, k: number) => n > 0 && n < k;
    // The fixture's two organizations make groups below k = 5: there is something to hide.
    expect(admin.bySubsector.some((g) => small(g.organizationsAffected, 5))).toBe(true);
    const bay = (await api.gql<BreakdownView>(BREAKDOWN, {}, { token: tokens[BAY]! })).data!.impact.summary;
    expect(bay.byRegion).toEqual(admin.byRegion.filter((g) => !small(g.organizationsAffected, 5)));
    expect(bay.bySubsector).toEqual(admin.bySubsector.filter((g) => !small(g.organizationsAffected, 5)));
    // With k = 2 the same groups are shown.
    const k2 = await startTestApi(store, { minGroup: 2 });
    try {
      const r = (await k2.gql<BreakdownView>(BREAKDOWN, {}, { token: tokens[BAY]! })).data!.impact.summary;
      expect(r.bySubsector).toEqual(admin.bySubsector.filter((g) => !small(g.organizationsAffected, 2)));
    } finally {
      await k2.close();
    }
  });
});

describe('what if, for a scoped user', () => {
  it("refuses a change naming another organization's entity exactly as an unknown id", async () => {
    const ask = (id: string) =>
      `{ impact(input: { failed: [{ id: "sup-ch" }], changes: [{ addDependency: { from: "${id}", to: "svc-cloud" } }, { setWorkflow: { id: "${id}", toleranceHours: 48 } }] }) { graphVersion } }`;
    const hidden = await api.gql(ask('wf-a-claims'), {}, { token: tokens[BAY]! });
    const unknown = await api.gql(ask('wf-nowhere'), {}, { token: tokens[BAY]! });
    expect(hidden.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(hidden.errors![0]!.message).toBe(
      "input.changes[0].addDependency.from: no entity has id 'wf-a-claims'",
    );
    expect(hidden.errors![0]!.message.replace('wf-a-claims', 'ID')).toBe(
      unknown.errors![0]!.message.replace('wf-nowhere', 'ID'),
    );
    expect((await api.gql(ask('wf-a-claims'), {}, { token: tokens[HARBOR]! })).errors).toBeUndefined();
  });

  it('lists only mitigations of what the reader sees, ranked as for everyone, organizations spared suppressed below k', async () => {
    type M = {
      mitigations: {
        explanation: string;
        organizationsSpared: number | null;
        organizationsSparedCount: { display: string };
      }[];
    };
    const Q =
      '{ mitigations(input: { failed: [{ id: "sup-ch" }] }, first: 100) { explanation organizationsSpared organizationsSparedCount { display } } }';
    const admin = (await api.gql<M>(Q, {}, { role: 'ADMIN' })).data!.mitigations;
    const bay = (await api.gql<M>(Q, {}, { token: tokens[BAY]! })).data!.mitigations;
    expect(admin.some((m) => m.explanation.includes('Harbor'))).toBe(true);
    expect(bay.length).toBeGreaterThan(0);
    // The admin's ranking without the rows naming Harbor, in the same order.
    expect(bay.map((m) => m.explanation)).toEqual(
      admin.map((m) => m.explanation).filter((e) => !/Harbor/.test(e)),
    );
    for (const m of bay)
      if (m.organizationsSparedCount.display.startsWith('<')) expect(m.organizationsSpared).toBeNull();
  });
});

describe('scenarios of a scoped user', () => {
  const SAVE = `mutation Save($input: ScenarioInput!) { saveScenario(input: $input) { id author } }`;
  type Saved = { saveScenario: { id: string } };
  type Listed = { scenarios: { id: string }[] };
  const LIST = '{ scenarios { id } }';

  it("are seen by users scoped within their author's organizations only, and compared without others' entities", async () => {
    const bay = { token: tokens[BAY]! };
    const harbor = { token: tokens[HARBOR]! };
    const save = (
      name: string,
      opts: Parameters<TestApi['gql']>[2],
      changes: unknown[] = [],
      failed = 'sup-ch',
    ) => api.gql<Saved>(SAVE, { input: { name, impact: { failed: [{ id: failed }], changes } } }, opts);
    const a = (await save('Bay: clearinghouse down', bay)).data!.saveScenario.id;
    // Its failure hits Harbor's workflows too (the clearinghouse), B's (the cloud) only Bay's.
    const b = (
      await save(
        'Bay: cloud down, with a workaround',
        bay,
        [{ setWorkflow: { id: 'wf-b-er', toleranceHours: 48 } }],
        'svc-cloud',
      )
    ).data!.saveScenario.id;
    const sector = (await save('Sector: clearinghouse down', { role: 'ADMIN' })).data!.saveScenario.id;
    // A change naming Harbor's workflow: refused as an unknown id, nothing saved.
    const refused = await save('Bay: sneaky', bay, [
      { setWorkflow: { id: 'wf-a-claims', toleranceHours: 48 } },
    ]);
    expect(refused.errors?.[0]?.message).toBe(
      "input.impact.changes[0].setWorkflow.id: no entity has id 'wf-a-claims'",
    );
    const ids = async (opts: Parameters<TestApi['gql']>[2]) =>
      (await api.gql<Listed>(LIST, {}, opts)).data!.scenarios.map((s) => s.id);
    expect((await ids(bay)).sort()).toEqual([a, b].sort());
    expect(await ids(harbor)).toEqual([]);
    expect(await ids({ role: 'ADMIN' })).toEqual(expect.arrayContaining([a, b, sector]));
    expect((await api.gql(`{ scenario(id: "${a}") { id } }`, {}, harbor)).data).toEqual({ scenario: null });
    expect((await api.gql(`{ scenario(id: "${sector}") { id } }`, {}, bay)).data).toEqual({ scenario: null });
    // Harbor's user cannot delete Bay's scenario.
    expect((await api.gql(`mutation { deleteScenario(id: "${a}") }`, {}, harbor)).data).toEqual({
      deleteScenario: false,
    });
    const CMP = (x: string, y: string) =>
      `{ compareScenarios(a: "${x}", b: "${y}") { both onlyA { entity { id name } } onlyB { entity { id name } }
        changes { entity { id name } } byOrganization { organization { id name } } } }`;
    const mine = await api.gql(CMP(a, b), {}, bay);
    expect(mine.errors).toBeUndefined();
    expect(leaked(mine, HARBOR)).toEqual([]);
    const hidden = await api.gql(CMP(a, b), {}, harbor);
    const unknown = await api.gql(CMP('nope', b), {}, harbor);
    expect(hidden.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(hidden.errors![0]!.message.replace(a, 'ID')).toBe(
      unknown.errors![0]!.message.replace('nope', 'ID'),
    );
    // The same comparison for the ADMIN names Harbor's workflows (only in A).
    expect(leaked(await api.gql(CMP(a, b), {}, { role: 'ADMIN' }), HARBOR).length).toBeGreaterThan(0);
  });
});

describe('aggregates for a scoped user (small groups)', () => {
  it('concentration: counts of fewer than k organizations suppressed, the drill-down lists own organizations only', async () => {
    type Cells = {
      concentrationMatrix: {
        supplierCategory: string;
        organizations: number | null;
        organizationsCount: { display: string };
      }[];
    };
    const M = '{ concentrationMatrix { supplierCategory organizations organizationsCount { display } } }';
    const admin = (await api.gql<Cells>(M, {}, { role: 'ADMIN' })).data!.concentrationMatrix;
    const ch = (c: Cells['concentrationMatrix']) => c.find((x) => x.supplierCategory === 'clearinghouse');
    expect(ch(admin)).toMatchObject({ organizations: 2, organizationsCount: { display: '2' } });
    const bay = (await api.gql<Cells>(M, {}, { token: tokens[BAY]! })).data!.concentrationMatrix;
    expect(ch(bay)).toMatchObject({ organizations: null, organizationsCount: { display: '< 5' } });
    const D = `{ concentrationOrganizations(supplierCategory: "clearinghouse", subsector: DIRECT_PATIENT_CARE) { organization { id } } }`;
    type Members = { concentrationOrganizations: { organization: { id: string } }[] };
    const ids = async (opts: Parameters<TestApi['gql']>[2]) =>
      (await api.gql<Members>(D, {}, opts)).data!.concentrationOrganizations.map((m) => m.organization.id);
    expect(await ids({ role: 'ADMIN' })).toEqual([BAY, HARBOR]);
    expect(await ids({ token: tokens[BAY]! })).toEqual([BAY]);
    expect(await ids({ token: tokens[HARBOR]! })).toEqual([HARBOR]);
  });

  it('sector overview: groups of fewer than k organizations withheld and counted; members and data quality own rows only', async () => {
    type O = {
      sectorOverview: {
        nodes: { key: string; kind: string }[];
        edges: { from: string; to: string }[];
        withheldNodes: number;
        withheldEdges: number;
      };
    };
    const Q = '{ sectorOverview { nodes { key kind } edges { from to } withheldNodes withheldEdges } }';
    const admin = (await api.gql<O>(Q, {}, { role: 'ADMIN' })).data!.sectorOverview;
    expect(admin.withheldNodes).toBe(0);
    const bay = (await api.gql<O>(Q, {}, { token: tokens[BAY]! })).data!.sectorOverview;
    // Two hospitals < k = 5: every group of organizations, workflows and assets is withheld.
    expect(new Set(bay.nodes.map((n) => n.kind))).toEqual(
      new Set(['SUPPLIER', 'SERVICE', 'CRITICAL_FUNCTION']),
    );
    expect(bay.withheldNodes).toBe(admin.nodes.length - bay.nodes.length);
    expect(bay.withheldNodes).toBeGreaterThan(0);
    expect(bay.withheldEdges).toBe(admin.edges.length - bay.edges.length);
    const k2 = await startTestApi(store, { minGroup: 2 });
    try {
      const r = (await k2.gql<O>(Q, {}, { token: tokens[BAY]! })).data!.sectorOverview;
      // Both hospitals perform administrative workflows: that group is shown at k = 2.
      expect(r.nodes.map((n) => n.key)).toContain('WORKFLOW_CATEGORY:ADMINISTRATIVE');
      expect(r.nodes.map((n) => n.key)).not.toContain('WORKFLOW_CATEGORY:CLINICAL');
    } finally {
      await k2.close();
    }
    type Members = { overviewMembers: { totalCount: number; entities: { entity: { id: string } }[] } };
    const M =
      '{ overviewMembers(key: "WORKFLOW_CATEGORY:ADMINISTRATIVE") { totalCount entities { entity { id } } } }';
    const all = (await api.gql<Members>(M, {}, { role: 'ADMIN' })).data!.overviewMembers;
    expect(all.totalCount).toBe(4);
    const mine = (await api.gql<Members>(M, {}, { token: tokens[BAY]! })).data!.overviewMembers;
    expect(mine.entities.map((e) => e.entity.id).sort()).toEqual(['wf-b-billing', 'wf-b-claims']);
    expect(mine.totalCount).toBe(2);
    type Q = { dataQuality: { check: string; count: number; samples: { entity: { id: string } }[] }[] };
    const DQ = '{ dataQuality(samples: 100) { check count samples { entity { id } } } }';
    const noFunction = (r: Q) => r.dataQuality.find((f) => f.check === 'WORKFLOWS_WITHOUT_FUNCTION')!;
    const sector = noFunction((await api.gql<Q>(DQ, {}, { role: 'ADMIN' })).data!);
    expect(sector.samples.map((s) => s.entity.id).sort()).toEqual(['wf-a-billing', 'wf-b-billing']);
    const own = noFunction((await api.gql<Q>(DQ, {}, { token: tokens[BAY]! })).data!);
    expect(own).toMatchObject({ count: 1, samples: [{ entity: { id: 'wf-b-billing' } }] });
  });
});

describe('scoped users and their sessions', () => {
  it('a password sign-in carries the scope into the session', async () => {
    await createUser(
      store,
      { username: 'bay-analyst', role: 'ANALYST', password: 'a sturdy passphrase', organizations: [BAY] },
      'test',
    );
    const res = await fetch(`${api.url}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'bay-analyst', password: 'a sturdy passphrase' }),
    });
    expect(res.status).toBe(200);
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
    const r = await api.gql(
      '{ viewer { username role organizations } search(text: "claims") { id } }',
      {},
      { cookie },
    );
    expect(r.data).toEqual({
      viewer: { username: 'bay-analyst', role: 'ANALYST', organizations: [BAY] },
      search: expect.any(Array),
    });
    const found = (r.data as { search: { id: string }[] }).search.map((e) => e.id);
    expect(found).toContain('wf-b-claims');
    expect(found).not.toContain('wf-a-claims');
  });
});

const IMPORT = `mutation Import($data: String!) {
  importTemplate(fileName: "bay.xlsx", contentBase64: $data) {
    ok graphVersion problems { file line column message severity } summary { kind created updated }
  }
}`;

interface ImportResult {
  importTemplate: {
    ok: boolean;
    graphVersion: string;
    problems: { file: string; line: number; column: string; message: string; severity: string }[];
    summary: { kind: string; created: number; updated: number }[];
  };
}

async function upload(t: Template, token: string) {
  const data = Buffer.from(await templateToBuffer(t, 'xlsx')).toString('base64');
  return api.gql<ImportResult>(IMPORT, { data }, { token });
}

describe('contributions of a scoped analyst', () => {
  it('refuses a template touching another organization, locating each row, and writes nothing', async () => {
    const before = String(await store.graphVersion());
    const t = emptyTemplate();
    t.suppliers.push({ id: 'sup-new', name: 'New vendor' });
    t.workflows.push(
      { id: 'wf-b-lab', name: 'Bay lab orders', organizationId: BAY, category: 'CLINICAL' },
      { id: 'wf-a-lab', name: 'Harbor lab orders', organizationId: HARBOR, category: 'CLINICAL' },
    );
    t.dependencies.push({ from: 'wf-b-lab', to: 'svc-ch' }, { from: 'wf-b-lab', to: 'asset-a-ie' });
    const r = await upload(t, tokens[BAY]!);
    expect(r.errors).toBeUndefined();
    const out = r.data!.importTemplate;
    expect(out.ok).toBe(false);
    // Harbor and its asset read as any unknown id would; nothing says they exist.
    expect(out.problems.map((p) => [p.file, p.line, p.column, p.message])).toEqual([
      [
        'workflows',
        3,
        'organization_id',
        'unknown id "org-a": must be the id of an Organization in the template or the database',
      ],
      [
        'dependencies',
        3,
        'to_id',
        'unknown id "asset-a-ie": a dependency must point to a Workflow, an Asset, a Service or a Supplier in the template or the database',
      ],
    ]);
    expect(JSON.stringify(out.problems)).not.toContain('Harbor');
    // Rows that reference nothing hidden but are not Bay's: the catalogue, and Harbor's
    // billing workflow claimed for Bay (ids are unique across the map).
    t.dependencies.pop();
    t.workflows[1] = { id: 'wf-a-billing', name: 'Claimed', organizationId: BAY, category: 'CLINICAL' };
    const again = (await upload(t, tokens[BAY]!)).data!.importTemplate;
    expect(again.ok).toBe(false);
    expect(again.problems.map((p) => [p.file, p.line, p.column])).toEqual([
      ['suppliers', 2, 'id'],
      ['workflows', 3, 'id'],
    ]);
    expect(again.problems[1]!.message).toContain(`you may import rows of ${BAY} only`);
    expect(String(await store.graphVersion())).toBe(before);
    const none = await api.gql(
      '{ a: entity(id: "wf-b-lab") { id } b: entity(id: "sup-new") { id } }',
      {},
      {
        role: 'ADMIN',
      },
    );
    expect(none.data).toEqual({ a: null, b: null });
    const billing = await api.gql('{ entity(id: "wf-a-billing") { name } }', {}, { role: 'ADMIN' });
    expect(billing.data).toEqual({ entity: { name: 'Harbor billing' } });
  });

  it("imports a template of the analyst's own rows", async () => {
    const t = emptyTemplate();
    t.workflows.push({ id: 'wf-b-lab', name: 'Bay lab orders', organizationId: BAY, category: 'CLINICAL' });
    t.dependencies.push({ from: 'wf-b-lab', to: 'svc-ch' });
    const r = await upload(t, tokens[BAY]!);
    expect(r.errors).toBeUndefined();
    expect(r.data!.importTemplate.ok).toBe(true);
    const mine = await api.gql('{ entity(id: "wf-b-lab") { id } }', {}, { token: tokens[BAY]! });
    expect(mine.data).toEqual({ entity: { id: 'wf-b-lab' } });
    // Harbor's analyst cannot see it.
    const theirs = await api.gql('{ entity(id: "wf-b-lab") { id } }', {}, { token: tokens[HARBOR]! });
    expect(theirs.data).toEqual({ entity: null });
  });

  it("edits of the analyst's own rows only: others' ids NOT_FOUND as unknown, the catalogue FORBIDDEN, nothing written", async () => {
    const bay = { token: tokens[BAY]! };
    const gql = (q: string) => api.gql<Record<string, unknown>>(q, {}, bay);
    const add = (from: string, to: string) =>
      `mutation { addDependency(input: { from: "${from}", to: "${to}" }) { from { id } to { id } } }`;
    const before = String(await store.graphVersion());
    // Another organization's asset as the target, or its workflow as the dependent: as unknown.
    for (const [hidden, unknown] of [
      [add('wf-b-lab', 'asset-a-ie'), add('wf-b-lab', 'asset-nowhere')],
      [add('wf-a-claims', 'svc-cloud'), add('wf-nowhere', 'svc-cloud')],
      ['mutation { deleteEntity(id: "wf-a-claims") }', 'mutation { deleteEntity(id: "wf-nowhere") }'],
      [
        'mutation { removeDependency(from: "wf-a-claims", to: "svc-ch") }',
        'mutation { removeDependency(from: "wf-nowhere", to: "svc-ch") }',
      ],
      [
        '{ deleteEntityPreview(id: "asset-a-ie") { version } }',
        '{ deleteEntityPreview(id: "asset-nowhere") { version } }',
      ],
    ] as const) {
      const h = await gql(hidden);
      const u = await gql(unknown);
      expect(h.errors?.[0]?.extensions?.code, hidden).toBe('NOT_FOUND');
      const norm = (m: string) => m.replace(/'[^']+'/g, 'ID');
      expect(norm(h.errors![0]!.message), hidden).toBe(norm(u.errors![0]!.message));
      expect(JSON.stringify(h)).not.toMatch(/Harbor/);
    }
    // The catalogue, and another organization's id claimed by a create: FORBIDDEN.
    for (const q of [
      add('svc-ch', 'sup-cloud'),
      'mutation { deleteEntity(id: "sup-cloud") }',
      'mutation { upsertEntity(input: { id: "sup-ch", kind: SUPPLIER, name: "Renamed" }) { id } }',
      'mutation { upsertEntity(input: { id: "wf-a-billing", kind: WORKFLOW, name: "Claimed", organizationId: "org-b" }) { id } }',
      'mutation { upsertEntity(input: { id: "wf-b-new", kind: WORKFLOW, name: "Moved", organizationId: "org-a" }) { id } }',
      'mutation { mergeEntities(survivor: "sup-ch", others: ["sup-cloud"]) { id } }',
    ]) {
      const r = await gql(q);
      expect(r.errors?.[0]?.extensions?.code, q).toBe('FORBIDDEN');
      expect(r.errors?.[0]?.message, q).toContain(`you may edit rows of ${BAY} only`);
    }
    expect(String(await store.graphVersion())).toBe(before);
    // Its own rows: a dependency added and removed, a workflow created, previewed and deleted.
    expect((await gql(add('wf-b-lab', 'asset-b-ehr'))).errors).toBeUndefined();
    expect((await gql('mutation { removeDependency(from: "wf-b-lab", to: "asset-b-ehr") }')).data).toEqual({
      removeDependency: true,
    });
    const created = await gql(
      'mutation { upsertEntity(input: { id: "wf-b-temp", kind: WORKFLOW, name: "Bay temp", category: "CLINICAL", organizationId: "org-b" }) { id } }',
    );
    expect(created.data, JSON.stringify(created.errors)).toEqual({ upsertEntity: { id: 'wf-b-temp' } });
    const preview = await api.gql<{ deleteEntityPreview: { version: string } }>(
      '{ deleteEntityPreview(id: "wf-b-temp") { version } }',
      {},
      bay,
    );
    const deleted = await gql(
      `mutation { deleteEntity(id: "wf-b-temp", expectedVersion: "${preview.data!.deleteEntityPreview.version}") }`,
    );
    expect(deleted.data).toEqual({ deleteEntity: true });
    // Harbor's analyst cannot touch Bay's rows.
    const harbor = await api.gql(
      'mutation { removeDependency(from: "wf-b-lab", to: "svc-ch") }',
      {},
      { token: tokens[HARBOR]! },
    );
    expect(harbor.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it("previews list only the rows between what the reader sees, with the whole preview's version", async () => {
    type P = { deleteEntityPreview: { dependencies: { from: { id: string } }[]; version: string } };
    const Q = '{ deleteEntityPreview(id: "svc-ch") { dependencies { from { id } } version } }';
    const admin = (await api.gql<P>(Q, {}, { role: 'ADMIN' })).data!.deleteEntityPreview;
    const bay = (await api.gql<P>(Q, {}, { token: tokens[BAY]! })).data!.deleteEntityPreview;
    expect(admin.dependencies.map((d) => d.from.id)).toContain('wf-a-claims');
    expect(bay.dependencies.map((d) => d.from.id).sort()).toEqual(['wf-b-claims', 'wf-b-lab']);
    expect(bay.version).toBe(admin.version);
  });

  it('refuses declaring, updating and closing incidents to a scoped analyst', async () => {
    const input = '{ name: "x", failed: [{ id: "sup-ch" }], startedAt: "2024-02-21T08:00:00Z" }';
    for (const [field, m] of [
      ['declareIncident', `mutation { declareIncident(input: ${input}) { id } }`],
      ['updateIncident', `mutation { updateIncident(id: "x", input: ${input}) { id } }`],
      ['closeIncident', 'mutation { closeIncident(id: "x", endedAt: "2024-02-22T08:00:00Z") { id } }'],
    ] as const) {
      const r = await api.gql(m, {}, { token: tokens[BAY]! });
      expect(r.errors?.[0]?.extensions?.code, field).toBe('FORBIDDEN');
      expect(r.errors?.[0]?.message).toContain(`Mutation.${field}`);
    }
  });
});

describe('read audit', () => {
  const AUDIT = '{ readAudit(first: 100) { actor action target details at } }';
  type Audited = {
    readAudit: { actor: string; action: string; target: string | null; details: string; at: string }[];
  };

  it("records an unscoped reader's affected list and every export (who, what, when); ADMIN lists them", async () => {
    const viewer = await issueToken({ username: 'sector-viewer', role: 'VIEWER' });
    const before = (await api.gql<Audited>(AUDIT, {})).data!.readAudit.length;
    const ask =
      '{ impact(input: { failed: [{ id: "svc-cloud" }] }) { affected(first: 5) { totalCount } organizations { totalCount } } }';
    expect((await api.gql(ask, {}, { token: viewer })).errors).toBeUndefined();
    // A scoped reader's list holds their own organizations only: not a sector-wide read.
    expect((await api.gql(ask, {}, { token: tokens[BAY]! })).errors).toBeUndefined();
    const input = encodeURIComponent(JSON.stringify({ failed: [{ id: 'svc-cloud' }] }));
    const csv = await fetch(`${api.url}/export/impact.csv?input=${input}`, {
      headers: { authorization: `Bearer ${tokens[BAY]!}` },
    });
    expect(csv.status).toBe(200);
    expect(await csv.text()).not.toMatch(/Harbor|org-a/);
    const events = (await api.gql<Audited>(AUDIT, {})).data!.readAudit;
    expect(events.length - before).toBe(2);
    expect(
      events
        .slice(0, 2)
        .map((e) => [e.actor, e.action])
        .sort(),
    ).toEqual([
      ['analyst-org-b', 'read-export'],
      ['sector-viewer', 'read-affected'],
    ]);
    const affected = events.find((e) => e.action === 'read-affected')!;
    expect(JSON.parse(affected.details)).toMatchObject({
      input: { failed: [{ id: 'svc-cloud' }] },
      affected: 3,
    });
    expect(Date.parse(affected.at)).toBeGreaterThan(Date.now() - 600_000);
    // Only ADMIN may list them.
    expect((await api.gql(AUDIT, {}, { token: viewer })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
