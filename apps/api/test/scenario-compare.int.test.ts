// compareScenarios lists what changed between two saved scenarios on the demo
// ecosystem: ClearHouse One down 72 h vs 14 days (issue 18: the comparison listed
// nothing although 41 more workflows failed).
import { importTemplate } from '@smart/store';
import { hasErrors, readTemplate } from '@smart/templates';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApi, startTestApi } from '../../../test/support/api';
import { resetDatabase, testStore } from '../../../test/support/neo4j';

const store = testStore();
let api: TestApi;

beforeAll(async () => {
  await resetDatabase(store);
  const { template, problems } = await readTemplate('packages/seed/demo');
  expect(hasErrors(problems)).toBe(false);
  await importTemplate(store, template, { actor: 'test' });
  api = await startTestApi(store);
});
afterAll(async () => {
  await api?.close();
  await store.close();
});

async function ok<T>(
  query: string,
  variables: Record<string, unknown> = {},
  role: 'VIEWER' | 'ANALYST' = 'VIEWER',
) {
  const res = await api.gql<T>(query, variables, { role });
  expect(res.errors).toBeUndefined();
  return res.data!;
}

interface Affected {
  state: 'FAILED' | 'DEGRADED';
  disruptedAtHours: number;
  failedAtHours: number | null;
  entity: { id: string; kind: string; organization?: { id: string } | null };
}
interface Change {
  change: string;
  stateA: string | null;
  stateB: string | null;
  failedAtHoursA: number | null;
  failedAtHoursB: number | null;
  disruptedAtHoursA: number | null;
  disruptedAtHoursB: number | null;
  shiftHours: number | null;
  entity: { id: string; kind: string; organization?: { id: string; name: string } | null };
}
type Totals = Record<
  'onlyA' | 'onlyB' | 'degradedToFailed' | 'failedToDegraded' | 'earlierInB' | 'laterInB' | 'total',
  number
>;

const ENTITY =
  'entity { id kind ... on Workflow { organization { id name } } ... on Asset { organization { id name } } }';
const CHANGE = `change stateA stateB failedAtHoursA failedAtHoursB disruptedAtHoursA disruptedAtHoursB shiftHours ${ENTITY}`;
const TOTALS = 'onlyA onlyB degradedToFailed failedToDegraded earlierInB laterInB total';

async function save(name: string, durationHours: number) {
  const d = await ok<{ saveScenario: { id: string } }>(
    'mutation S($input: ScenarioInput!) { saveScenario(input: $input) { id } }',
    { input: { name, impact: { failed: [{ id: 'sup-clearhouse-one' }], durationHours } } },
    'ANALYST',
  );
  return d.saveScenario.id;
}

async function report(durationHours: number) {
  const d = await ok<{
    impact: {
      summary: { workflowsFailed: number };
      affected: { totalCount: number; edges: { node: Affected }[] };
    };
  }>(
    `query I($input: ImpactInput!, $first: Int = 1000) { impact(input: $input) {
      summary { workflowsFailed } affected(first: $first) { totalCount edges { node {
        state disruptedAtHours failedAtHours ${ENTITY} } } } } }`,
    { input: { failed: [{ id: 'sup-clearhouse-one' }], durationHours } },
  );
  const affected = d.impact.affected.edges.map((e) => e.node);
  expect(affected).toHaveLength(d.impact.affected.totalCount);
  return { ...d.impact, affected };
}

describe('compareScenarios', () => {
  it('lists every entity whose state or time differs, by organization, with totals', async () => {
    const a = await save('ClearHouse One 72 h', 72);
    const b = await save('ClearHouse One 14 days', 336);
    const d = await ok<{
      compareScenarios: {
        onlyA: unknown[];
        onlyB: unknown[];
        changes: Change[];
        changeTotals: Totals;
        byOrganization: {
          organization: { id: string; name: string } | null;
          changes: Change[];
          totals: Totals;
        }[];
      };
    }>(
      `query C($a: ID!, $b: ID!) { compareScenarios(a: $a, b: $b) {
        onlyA { state } onlyB { state }
        changes { ${CHANGE} }
        changeTotals { ${TOTALS} }
        byOrganization { organization { id name } changes { ${CHANGE} } totals { ${TOTALS} } } } }`,
      { a, b },
    );
    const c = d.compareScenarios;
    const [ra, rb] = await Promise.all([report(72), report(336)]);

    // What the two reports say, entity by entity.
    const at = (x: Affected) => (x.state === 'FAILED' ? x.failedAtHours : x.disruptedAtHours);
    const inA = new Map(ra.affected.map((x) => [x.entity.id, x]));
    const inB = new Map(rb.affected.map((x) => [x.entity.id, x]));
    const differ = [...new Set([...inA.keys(), ...inB.keys()])].filter((id) => {
      const xa = inA.get(id);
      const xb = inB.get(id);
      return !xa || !xb || xa.state !== xb.state || at(xa) !== at(xb);
    });
    expect(differ.length).toBeGreaterThan(0);
    expect(c.changes.map((x) => x.entity.id).sort()).toEqual(differ.sort());
    for (const x of c.changes) {
      expect(x.stateA).toBe(inA.get(x.entity.id)?.state ?? null);
      expect(x.stateB).toBe(inB.get(x.entity.id)?.state ?? null);
    }

    // The case: nothing only in A or B, but workflows that go from degraded to failed.
    expect(c.onlyA).toEqual([]);
    expect(c.onlyB).toEqual([]);
    const failedWorkflows = (kind: string) =>
      c.changes.filter((x) => x.entity.kind === 'WORKFLOW' && x.change === kind).length;
    expect(failedWorkflows('DEGRADED_TO_FAILED')).toBeGreaterThan(0);
    expect(failedWorkflows('DEGRADED_TO_FAILED') - failedWorkflows('FAILED_TO_DEGRADED')).toBe(
      rb.summary.workflowsFailed - ra.summary.workflowsFailed,
    );

    // Totals, and groups that add up to the flat list.
    const count = (kind: string) => c.changes.filter((x) => x.change === kind).length;
    expect(c.changeTotals).toEqual({
      onlyA: count('ONLY_A'),
      onlyB: count('ONLY_B'),
      degradedToFailed: count('DEGRADED_TO_FAILED'),
      failedToDegraded: count('FAILED_TO_DEGRADED'),
      earlierInB: count('EARLIER_IN_B'),
      laterInB: count('LATER_IN_B'),
      total: c.changes.length,
    });
    expect(c.byOrganization.flatMap((o) => o.changes)).toEqual(c.changes);
    for (const o of c.byOrganization) {
      expect(o.totals.total).toBe(o.changes.length);
      for (const x of o.changes) expect(x.entity.organization?.id ?? null).toBe(o.organization?.id ?? null);
    }
    const names = c.byOrganization.flatMap((o) => (o.organization ? [o.organization.name] : []));
    expect(names).toEqual([...names].sort((x, y) => x.localeCompare(y)));
  });
});
