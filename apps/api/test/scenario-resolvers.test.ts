// The scenario resolvers over an in-memory ScenarioRepository and a fake AnalysisService
// (no Neo4j, no workers): a scenario is checked by simulating it once before it is saved,
// saved with the defaults applied, listed within bounds, and compared by id. The Neo4j
// implementation is tested in values-scenarios / scenario-compare int tests.
import type { ImpactReportParent } from '../src/analysis/service';
import { notFound } from '../src/resolvers/failures';
import { describe, expect, it } from 'vitest';
import { MemoryScenarioRepository, fakeAnalysis, runOperation } from './support/backends';

const REPORT = {
  summary: {
    failed: 1,
    degraded: 0,
    workflowsFailed: 0,
    workflowsDegraded: 0,
    organizationsAffected: 0,
    functions: [],
  },
  affected: [],
  graphVersion: '3',
} as unknown as ImpactReportParent;

function analysis(known = ['sup']) {
  const asked: unknown[] = [];
  const service = fakeAnalysis({
    impact: async (input, argument) => {
      asked.push({ input, argument });
      const unknown = input.failed.filter((f) => !known.includes(f.id)).map((f) => f.id);
      if (unknown.length) throw notFound(unknown);
      return REPORT;
    },
  });
  return { service, asked };
}

describe('scenario resolvers over an in-memory ScenarioRepository', () => {
  it('saveScenario: simulated once, then saved trimmed, with the defaults applied and the author', async () => {
    const scenarios = new MemoryScenarioRepository();
    const { service, asked } = analysis();
    const { data, errors } = await runOperation(
      `mutation { saveScenario(input: { name: "  Clearinghouse down ", impact: { failed: [{ id: "sup" }] } }) {
          id name failed { id inoperability } durationHours model author changes { unaffected { id } } } }`,
      { scenarioRepository: scenarios, analysis: service },
    );
    expect(errors).toBeUndefined();
    expect(asked).toEqual([
      { input: { failed: [{ id: 'sup', inoperability: 1 }], model: 'DISCRETE' }, argument: 'input.impact' },
    ]);
    expect(data?.saveScenario).toEqual({
      id: 's1',
      name: 'Clearinghouse down',
      failed: [{ id: 'sup', inoperability: 1 }],
      durationHours: null,
      model: 'DISCRETE',
      author: 'ann',
      changes: [],
    });
  });

  it('saveScenario: a blank name or an unknown id is refused and nothing is saved', async () => {
    const scenarios = new MemoryScenarioRepository();
    const { service, asked } = analysis();
    const blank = await runOperation(
      'mutation { saveScenario(input: { name: "  ", impact: { failed: [{ id: "sup" }] } }) { id } }',
      { scenarioRepository: scenarios, analysis: service },
    );
    expect(blank.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'input.name' });
    expect(asked).toEqual([]);
    const unknown = await runOperation(
      'mutation { saveScenario(input: { name: "x", impact: { failed: [{ id: "nope" }] } }) { id } }',
      { scenarioRepository: scenarios, analysis: service },
    );
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(scenarios.calls).toEqual([]);
  });

  it('scenarios: newest first within 1–500; scenario(id) null when unknown; delete by the signed-in user', async () => {
    const scenarios = new MemoryScenarioRepository();
    for (const name of ['one', 'two'])
      await scenarios.save({
        name,
        failed: [{ id: 'sup', inoperability: 1 }],
        durationHours: 24,
        model: 'DISCRETE',
        changes: [],
        notes: null,
        author: 'ann',
        authorOrganizations: [],
      });
    scenarios.calls.length = 0;
    const { data } = await runOperation('{ scenarios(first: 1) { name } scenario(id: "zz") { id } }', {
      scenarioRepository: scenarios,
    });
    expect(data).toEqual({ scenarios: [{ name: 'two' }], scenario: null });
    const tooMany = await runOperation('{ scenarios(first: 501) { name } }', {
      scenarioRepository: scenarios,
    });
    expect(tooMany.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'first' });
    const deleted = await runOperation(
      'mutation { a: deleteScenario(id: "s1") b: deleteScenario(id: "s1") }',
      {
        scenarioRepository: scenarios,
      },
    );
    expect(deleted.data).toEqual({ a: true, b: false });
    expect(scenarios.calls).toEqual([
      ['list', 1],
      ['delete', 's1', 'ann'],
      ['delete', 's1', 'ann'],
    ]);
  });

  it('compareScenarios: an unknown id is NOT_FOUND naming its argument, before any analysis', async () => {
    const scenarios = new MemoryScenarioRepository();
    const { errors } = await runOperation('{ compareScenarios(a: "s9", b: "s8") { both } }', {
      scenarioRepository: scenarios,
      analysis: fakeAnalysis(),
    });
    expect(errors?.[0]).toMatchObject({
      message: "a: no scenario has id 's9'",
      extensions: { code: 'NOT_FOUND', argument: 'a' },
    });
  });
});
