// Incident mode (issue 14 item 3) through the API on a real Neo4j: declare, list, open,
// update, close, each write audited, refusals located; and each incident's picture at a
// moment, every figure worked out by hand below.
//
// The hand-built ecosystem (test/fixtures/hand-built.ts) and:
//   org-clinic "Dunmore Valley Clinic"
//     wf-clinic-ehr "EHR access"          CLINICAL, tolerance 8 h  → svc-cloud
//     wf-clinic-billing "Clinic billing"  ADMINISTRATIVE, 60 h     → svc-ch1
//   org-hosp gets wf-hosp-rx "Inpatient pharmacy"  CLINICAL, 30 h → svc-pbm
// sup-ch1 and sup-cloud fail, expected to last 48 h. Failure times (§3):
//   0 h   sup-ch1, svc-ch1, sup-cloud, svc-cloud, svc-pbm (on svc-cloud, no tolerance)
//   2 h   wf-dispense (org-pharm, CLINICAL, 2 h on svc-pbm)
//   8 h   wf-clinic-ehr (org-clinic, CLINICAL)
//   24 h  wf-claims (org-hosp, ADMINISTRATIVE)
//   30 h  wf-hosp-rx (org-hosp, CLINICAL)
//   wf-clinic-billing: 60 h ≥ 48 h → DEGRADED from 0 h; wf-elig keeps svc-ch2; wf-er has no dependency.
// Every affected workflow is disrupted at 0 h (its dependency fails at 0 h).
//
// At 0 h:  failed now = the 5 at 0 h (no workflow, no organization); degraded now = the 5
//          workflows (3 organizations); failing within 6 h: wf-dispense; 12 h: + wf-clinic-ehr;
//          24 h: + wf-claims; 72 h: + wf-hosp-rx. Call list: Corner Pharmacy (2 h),
//          Dunmore Valley Clinic (8 h), Riverside General (30 h).
// At 10 h: failed now 7 (wf-dispense, wf-clinic-ehr: 2 workflows, 2 organizations); degraded
//          now 3 (wf-claims, wf-hosp-rx, wf-clinic-billing: 2 organizations); within 6 h and
//          12 h nothing, within 24 h and 72 h wf-claims and wf-hosp-rx; the call list is the same
//          three, 8 h and 2 h past and 20 h ahead.
// At 30 h: failed now 9 (4 workflows, 3 organizations), degraded now 1; nothing fails next.
// Closed at 12 h: the actual 12 h is simulated: wf-claims (24 h) and wf-hosp-rx (30 h) only
//          degrade, so the call list is Corner Pharmacy and Dunmore Valley Clinic.
import type { Template } from '@smart/domain';
import { INCIDENTS, backtest, backtestLines, demoEcosystem } from '@smart/seed';
import { importTemplate } from '@smart/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handBuilt } from '../../../test/fixtures/hand-built';
import { type TestApi, startTestApi } from '../../../test/support/api';
import { resetDatabase, testStore } from '../../../test/support/neo4j';

const store = testStore();
let api: TestApi;

function ecosystem(): Template {
  const t = handBuilt();
  t.organizations.push({ id: 'org-clinic', name: 'Dunmore Valley Clinic', subsector: 'DIRECT_PATIENT_CARE' });
  t.workflows.push(
    {
      id: 'wf-clinic-ehr',
      name: 'EHR access',
      organizationId: 'org-clinic',
      category: 'CLINICAL',
      toleranceHours: 8,
    },
    {
      id: 'wf-clinic-billing',
      name: 'Clinic billing',
      organizationId: 'org-clinic',
      category: 'ADMINISTRATIVE',
      toleranceHours: 60,
      workaroundCapacity: 0.3,
    },
    {
      id: 'wf-hosp-rx',
      name: 'Inpatient pharmacy',
      organizationId: 'org-hosp',
      category: 'CLINICAL',
      toleranceHours: 30,
    },
  );
  t.dependencies.push(
    { from: 'wf-clinic-ehr', to: 'svc-cloud' },
    { from: 'wf-clinic-billing', to: 'svc-ch1' },
    { from: 'wf-hosp-rx', to: 'svc-pbm' },
  );
  return t;
}

const START = '2024-02-21T08:00:00Z';
const INPUT = {
  name: 'Clearinghouse and cloud down',
  failed: [{ id: 'sup-ch1' }, { id: 'sup-cloud' }],
  startedAt: START,
  expectedDurationHours: 48,
  note: 'ransomware at the clearinghouse',
};

const FIELDS =
  'id name failed { id } startedAt expectedDurationHours endedAt note status declaredBy updatedBy';
const REPORT = `hoursElapsed at durationHours overrun graphVersion
  failedNow { count workflows organizations entities { entity { id } failedAtHours } }
  degradedNow { count workflows organizations entities { entity { id } disruptedAtHours } }
  failingNext { within6h { hours workflows entities { entity { id } } } within12h { workflows entities { entity { id } } }
    within24h { workflows entities { entity { id } } } within72h { workflows entities { entity { id } } } }
  callCount
  callList { organization { id name } firstFailureAtHours hoursUntilFirstFailure
    workflows { entity { id } failedAtHours because reason } }
  impact { summary { workflowsFailed workflowsDegraded } }`;

interface Report {
  hoursElapsed: number;
  at: string;
  durationHours: number | null;
  overrun: boolean;
  failedNow: {
    count: number;
    workflows: number;
    organizations: number;
    entities: { entity: { id: string } }[];
  };
  degradedNow: {
    count: number;
    workflows: number;
    organizations: number;
    entities: { entity: { id: string } }[];
  };
  failingNext: Record<string, { workflows: number; entities: { entity: { id: string } }[] }>;
  callCount: number;
  callList: {
    organization: { id: string; name: string };
    firstFailureAtHours: number;
    hoursUntilFirstFailure: number;
    workflows: { entity: { id: string }; failedAtHours: number; because: string[]; reason: string | null }[];
  }[];
  impact: { summary: { workflowsFailed: number; workflowsDegraded: number } };
}
interface IncidentRow {
  id: string;
  status: string;
  endedAt: string | null;
  expectedDurationHours: number | null;
  declaredBy: string;
  updatedBy: string;
}

beforeAll(async () => {
  await resetDatabase(store);
  await importTemplate(store, ecosystem(), { actor: 'test' });
  api = await startTestApi(store);
});
afterAll(async () => {
  await api?.close();
  await store.close();
});

async function declare(input: Record<string, unknown> = INPUT): Promise<IncidentRow> {
  const res = await api.gql<{ declareIncident: IncidentRow }>(
    `mutation($input: IncidentInput!) { declareIncident(input: $input) { ${FIELDS} } }`,
    { input },
    { role: 'ANALYST' },
  );
  expect(res.errors).toBeUndefined();
  return res.data!.declareIncident;
}

async function report(id: string, args: { hoursElapsed?: number; now?: string } = {}): Promise<Report> {
  const res = await api.gql<{ incident: { report: Report } }>(
    `query($id: ID!, $h: Float, $now: String) { incident(id: $id) { report(hoursElapsed: $h, now: $now) { ${REPORT} } } }`,
    { id, h: args.hoursElapsed, now: args.now },
    { role: 'VIEWER' },
  );
  expect(res.errors).toBeUndefined();
  return res.data!.incident.report;
}

const ids = (xs: { entity: { id: string } }[]) => xs.map((x) => x.entity.id);
const calls = (r: Report) =>
  r.callList.map((c) => [
    c.organization.name,
    c.firstFailureAtHours,
    c.hoursUntilFirstFailure,
    ids(c.workflows),
  ]);

describe('an incident’s picture at a moment', () => {
  let id: string;
  beforeAll(async () => {
    id = (await declare()).id;
  });

  it('at 0 h: only the failed set has failed, every affected workflow degrades, four fail next', async () => {
    const r = await report(id, { hoursElapsed: 0 });
    expect(r.hoursElapsed).toBe(0);
    expect(r.at).toBe('2024-02-21T08:00:00.000Z');
    expect(r.durationHours).toBe(48);
    expect(r.failedNow).toMatchObject({ count: 5, workflows: 0, organizations: 0 });
    expect(new Set(ids(r.failedNow.entities))).toEqual(
      new Set(['sup-ch1', 'svc-ch1', 'sup-cloud', 'svc-cloud', 'svc-pbm']),
    );
    expect(r.degradedNow).toMatchObject({ count: 5, workflows: 5, organizations: 3 });
    expect(r.failingNext.within6h).toMatchObject({ hours: 6, workflows: 1 });
    expect(ids(r.failingNext.within6h!.entities)).toEqual(['wf-dispense']);
    expect(ids(r.failingNext.within12h!.entities)).toEqual(['wf-dispense', 'wf-clinic-ehr']);
    expect(ids(r.failingNext.within24h!.entities)).toEqual(['wf-dispense', 'wf-clinic-ehr', 'wf-claims']);
    expect(ids(r.failingNext.within72h!.entities)).toEqual([
      'wf-dispense',
      'wf-clinic-ehr',
      'wf-claims',
      'wf-hosp-rx',
    ]);
    expect(r.callCount).toBe(3);
    expect(calls(r)).toEqual([
      ['Corner Pharmacy', 2, 2, ['wf-dispense']],
      ['Dunmore Valley Clinic', 8, 8, ['wf-clinic-ehr']],
      ['Riverside General', 30, 30, ['wf-hosp-rx']],
    ]);
    // Each call's workflow carries why: its causal path back to the failed set.
    expect(r.callList[0]!.workflows[0]!.because).toEqual([
      'wf-dispense',
      'svc-pbm',
      'svc-cloud',
      'sup-cloud',
    ]);
    expect(r.callList[0]!.workflows[0]!.reason).toBeTruthy();
    // The whole simulation is the impact of the same failed set over 48 h.
    expect(r.impact.summary).toEqual({ workflowsFailed: 4, workflowsDegraded: 1 });
  });

  it('at 10 h (asked as an instant): two clinical workflows have failed, two fail within 24 h', async () => {
    const r = await report(id, { now: '2024-02-21T18:00:00Z' });
    expect(r.hoursElapsed).toBe(10);
    expect(r.failedNow).toMatchObject({ count: 7, workflows: 2, organizations: 2 });
    expect(ids(r.failedNow.entities).slice(-2)).toEqual(['wf-dispense', 'wf-clinic-ehr']);
    expect(r.degradedNow).toMatchObject({ count: 3, workflows: 3, organizations: 2 });
    expect(new Set(ids(r.degradedNow.entities))).toEqual(
      new Set(['wf-claims', 'wf-hosp-rx', 'wf-clinic-billing']),
    );
    expect(r.failingNext.within6h!.workflows).toBe(0);
    expect(r.failingNext.within12h!.workflows).toBe(0);
    expect(ids(r.failingNext.within24h!.entities)).toEqual(['wf-claims', 'wf-hosp-rx']);
    expect(r.failingNext.within72h!.workflows).toBe(2);
    expect(calls(r)).toEqual([
      ['Corner Pharmacy', 2, -8, ['wf-dispense']],
      ['Dunmore Valley Clinic', 8, -2, ['wf-clinic-ehr']],
      ['Riverside General', 30, 20, ['wf-hosp-rx']],
    ]);
    expect(r.overrun).toBe(false);
  });

  it('at 30 h every failure has happened; past the 48 h estimate it is an overrun', async () => {
    const r = await report(id, { hoursElapsed: 30 });
    expect(r.failedNow).toMatchObject({ count: 9, workflows: 4, organizations: 3 });
    expect(r.degradedNow).toMatchObject({ count: 1, workflows: 1, organizations: 1 });
    expect(r.failingNext.within72h!.workflows).toBe(0);
    expect((await report(id, { hoursElapsed: 50 })).overrun).toBe(true);
  });

  it('defaults to the server’s clock while open', async () => {
    const started = new Date(Date.now() - 10 * 3_600_000 - 60_000).toISOString();
    const live = await declare({ ...INPUT, startedAt: started });
    const r = await report(live.id);
    // Started 10 h 1 min ago: between the two failures that bracket it.
    expect(r.hoursElapsed).toBeGreaterThan(10);
    expect(r.hoursElapsed).toBeLessThan(24);
    expect(r.failedNow.count).toBe(7);
  });
});

describe('declare, list, update, close', () => {
  it('stores each incident with who declared it, lists open ones first, audits every write', async () => {
    const a = await declare({ ...INPUT, name: 'Older', startedAt: '2024-01-01T00:00:00Z' });
    expect(a).toMatchObject({
      status: 'OPEN',
      endedAt: null,
      declaredBy: 'test-analyst',
      expectedDurationHours: 48,
    });

    const updated = await api.gql<{ updateIncident: IncidentRow }>(
      `mutation($id: ID!, $input: IncidentInput!) { updateIncident(id: $id, input: $input) { ${FIELDS} } }`,
      {
        id: a.id,
        input: { ...INPUT, name: 'Older', startedAt: '2024-01-01T00:00:00+01:00', expectedDurationHours: 72 },
      },
      { role: 'ANALYST' },
    );
    expect(updated.errors).toBeUndefined();
    expect(updated.data!.updateIncident).toMatchObject({
      expectedDurationHours: 72,
      startedAt: '2023-12-31T23:00:00.000Z',
      status: 'OPEN',
    });

    const closed = await api.gql<{ closeIncident: IncidentRow & { report: Report } }>(
      `mutation($id: ID!, $end: String!) { closeIncident(id: $id, endedAt: $end) { ${FIELDS} report { ${REPORT} } } }`,
      { id: a.id, end: '2024-01-01T11:00:00Z' },
      { role: 'ANALYST' },
    );
    expect(closed.errors).toBeUndefined();
    const c = closed.data!.closeIncident;
    expect(c).toMatchObject({
      status: 'CLOSED',
      endedAt: '2024-01-01T11:00:00.000Z',
      updatedBy: 'test-analyst',
    });
    // Closed: the actual 12 h is simulated, the picture taken at the end.
    expect(c.report.durationHours).toBe(12);
    expect(c.report.hoursElapsed).toBe(12);
    expect(c.report.overrun).toBe(false);
    expect(c.report.failedNow).toMatchObject({ count: 7, workflows: 2 });
    expect(c.report.degradedNow).toMatchObject({ count: 3, workflows: 3 });
    expect(calls(c.report)).toEqual([
      ['Corner Pharmacy', 2, -10, ['wf-dispense']],
      ['Dunmore Valley Clinic', 8, -4, ['wf-clinic-ehr']],
    ]);

    const list = await api.gql<{ incidents: IncidentRow[] }>(
      `{ incidents { id status startedAt } }`,
      {},
      { role: 'VIEWER' },
    );
    expect(list.errors).toBeUndefined();
    const rows = list.data!.incidents;
    expect(rows.at(-1)!.id).toBe(a.id);
    expect(rows.slice(0, -1).every((r) => r.status === 'OPEN')).toBe(true);

    const audit = await api.gql<{ auditEvents: { action: string; target: string; actor: string }[] }>(
      '{ auditEvents(first: 3) { action target actor } }',
    );
    expect(audit.data!.auditEvents).toEqual([
      { action: 'closeIncident', target: a.id, actor: 'test-analyst' },
      { action: 'updateIncident', target: a.id, actor: 'test-analyst' },
      { action: 'declareIncident', target: a.id, actor: 'test-analyst' },
    ]);

    // Closing (or updating) a closed incident is refused, and nothing is written.
    const again = await api.gql(
      'mutation($id: ID!) { closeIncident(id: $id, endedAt: "2024-01-02T00:00:00Z") { id } }',
      { id: a.id },
      { role: 'ANALYST' },
    );
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', argument: 'id' });
    const edit = await api.gql(
      'mutation($id: ID!, $input: IncidentInput!) { updateIncident(id: $id, input: $input) { id } }',
      { id: a.id, input: INPUT },
      { role: 'ANALYST' },
    );
    expect(edit.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', argument: 'id' });
    const after = await api.gql<{ auditEvents: { action: string }[] }>(
      '{ auditEvents(first: 1) { action } }',
    );
    expect(after.data!.auditEvents[0]!.action).toBe('closeIncident');
    const still = await api.gql<{ incident: IncidentRow }>(
      `query($id: ID!) { incident(id: $id) { ${FIELDS} } }`,
      {
        id: a.id,
      },
    );
    expect(still.data!.incident).toMatchObject({ endedAt: '2024-01-01T11:00:00.000Z', status: 'CLOSED' });
  });

  it('refuses bad input with BAD_USER_INPUT naming the field, writing nothing', async () => {
    const before = (await api.gql<{ incidents: { id: string }[] }>('{ incidents(first: 500) { id } }')).data!
      .incidents.length;
    const refused = async (input: Record<string, unknown>, argument: string) => {
      const res = await api.gql(
        'mutation($input: IncidentInput!) { declareIncident(input: $input) { id } }',
        { input },
        { role: 'ANALYST' },
      );
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
      return res.errors![0]!.message;
    };
    expect(
      await refused({ ...INPUT, failed: [{ id: 'sup-ch1' }, { id: 'sup-nope' }] }, 'input.failed'),
    ).toContain("'sup-nope'");
    await refused({ ...INPUT, failed: [] }, 'input.failed');
    await refused({ ...INPUT, expectedDurationHours: -4 }, 'input.expectedDurationHours');
    await refused({ ...INPUT, expectedDurationHours: 0 }, 'input.expectedDurationHours');
    await refused({ ...INPUT, startedAt: 'yesterday' }, 'input.startedAt');
    await refused({ ...INPUT, startedAt: '2024-02-21T08:00:00' }, 'input.startedAt');
    await refused(
      { ...INPUT, startedAt: new Date(Date.now() + 86_400_000).toISOString() },
      'input.startedAt',
    );
    await refused({ ...INPUT, name: '  ' }, 'input.name');
    const after = (await api.gql<{ incidents: { id: string }[] }>('{ incidents(first: 500) { id } }')).data!
      .incidents.length;
    expect(after).toBe(before);

    const open = await declare();
    const end = async (endedAt: string) =>
      (
        await api.gql(
          'mutation($id: ID!, $e: String!) { closeIncident(id: $id, endedAt: $e) { id } }',
          { id: open.id, e: endedAt },
          { role: 'ANALYST' },
        )
      ).errors?.[0]?.extensions;
    expect(await end('2024-02-21T07:00:00Z')).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'endedAt' });
    expect(await end(START)).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'endedAt' });
    expect(await end('not a time')).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'endedAt' });
    const missing = await api.gql(
      'mutation { closeIncident(id: "nope", endedAt: "2024-02-22T00:00:00Z") { id } }',
      {},
      { role: 'ANALYST' },
    );
    expect(missing.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', argument: 'id' });

    const early = await api.gql(
      'query($id: ID!) { incident(id: $id) { report(now: "2024-02-21T07:00:00Z") { hoursElapsed } } }',
      { id: open.id },
    );
    expect(early.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'now' });
    const negative = await api.gql(
      'query($id: ID!) { incident(id: $id) { report(hoursElapsed: -1) { hoursElapsed } } }',
      { id: open.id },
    );
    expect(negative.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'hoursElapsed',
    });
  });

  it('lets a viewer read and an analyst write; a viewer cannot declare, update or close', async () => {
    const res = await api.gql(
      'mutation($input: IncidentInput!) { declareIncident(input: $input) { id } }',
      { input: INPUT },
      { role: 'VIEWER' },
    );
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const open = await declare();
    const close = await api.gql(
      'mutation($id: ID!) { closeIncident(id: $id, endedAt: "2024-02-22T00:00:00Z") { id } }',
      { id: open.id },
      { role: 'VIEWER' },
    );
    expect(close.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const read = await api.gql<{ incident: { id: string } }>(
      'query($id: ID!) { incident(id: $id) { id } }',
      { id: open.id },
      { role: 'VIEWER' },
    );
    expect(read.data!.incident.id).toBe(open.id);
  });
});

describe('the incident library', () => {
  it('lists the three scenarios with their public figures beside the demo map’s, and whether this map has them', async () => {
    const res = await api.gql<{
      incidentLibrary: {
        id: string;
        failed: string[];
        durationHours: number;
        available: boolean;
        demoFigures: string[];
        figures: { what: string; value: string; demo: string | null; notModelled: string | null }[];
      }[];
    }>(
      '{ incidentLibrary { id failed durationHours available demoFigures figures { what value demo notModelled } } }',
      {},
      {
        role: 'VIEWER',
      },
    );
    expect(res.errors).toBeUndefined();
    const lib = res.data!.incidentLibrary;
    expect(lib.map((l) => l.id)).toEqual([
      'clearinghouse-weeks',
      'endpoint-agent-update',
      'pathology-provider-ransomware',
    ]);
    // The demo's figures are the back-test's (docs/backtests.md), whatever map is loaded.
    const demo = demoEcosystem();
    for (const [i, l] of lib.entries()) {
      expect(l.demoFigures).toEqual(backtestLines(backtest(demo, INCIDENTS[i]!)));
      expect(l.failed).toEqual(INCIDENTS[i]!.failed);
      // The hand-built map has none of the demo's suppliers.
      expect(l.available).toBe(false);
    }
    expect(lib[0]!.figures[0]).toMatchObject({
      value: '94 %',
      demo: expect.stringMatching(/^38 % \(23 of 60 hospitals/),
    });
    expect(lib[1]!.figures[1]).toMatchObject({ demo: null, notModelled: expect.stringContaining('devices') });
  });
});
