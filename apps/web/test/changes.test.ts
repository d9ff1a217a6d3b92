import { describe, expect, it } from 'vitest';
import { changesInput, describeChange, savedChangeText, totalsText } from '../src/scenarios/changes';

describe('what changed between two scenarios, in words', () => {
  it('says each kind of change with its times in hours', () => {
    expect(
      describeChange({
        change: 'DEGRADED_TO_FAILED',
        stateA: 'DEGRADED',
        stateB: 'FAILED',
        failedAtHoursB: 96,
      }),
    ).toBe('degraded in A → failed in B at 96 h (4 days)');
    expect(
      describeChange({
        change: 'FAILED_TO_DEGRADED',
        stateA: 'FAILED',
        stateB: 'DEGRADED',
        failedAtHoursA: 6,
      }),
    ).toBe('failed in A at 6 h → degraded in B');
    expect(describeChange({ change: 'ONLY_B', stateB: 'FAILED', failedAtHoursB: 2 })).toBe(
      'only in B: failed at 2 h',
    );
    expect(describeChange({ change: 'ONLY_A', stateA: 'DEGRADED', disruptedAtHoursA: 0 })).toBe(
      'only in A: degraded from 0 h',
    );
    expect(
      describeChange({
        change: 'EARLIER_IN_B',
        stateA: 'FAILED',
        stateB: 'FAILED',
        failedAtHoursA: 15,
        failedAtHoursB: 5,
        shiftHours: -10,
      }),
    ).toBe('fails 10 h earlier in B: at 5 h instead of 15 h');
    expect(
      describeChange({
        change: 'LATER_IN_B',
        stateA: 'DEGRADED',
        stateB: 'DEGRADED',
        disruptedAtHoursA: 4,
        disruptedAtHoursB: 28,
        shiftHours: 24,
      }),
    ).toBe('degraded 24 h (1 day) later in B: at 28 h (1.2 days) instead of 4 h');
  });

  it('sums up totals, leaving out the kinds with none', () => {
    const none = { onlyA: 0, onlyB: 0, degradedToFailed: 0, failedToDegraded: 0, earlierInB: 0, laterInB: 0 };
    expect(totalsText({ ...none, degradedToFailed: 41, earlierInB: 3, total: 44 })).toBe(
      '41 degraded → failed · 3 earlier in B',
    );
    expect(totalsText({ ...none, total: 0 })).toBe('no change');
  });
});

describe("a saved scenario's what-if changes, in words", () => {
  it('says each kind of change by the ids it names', () => {
    expect(savedChangeText({ addDependency: { from: 'wf-a', to: 'svc-b', group: 'g', strength: 0.5 } })).toBe(
      'wf-a depends on svc-b (in group “g”, strength 50 %)',
    );
    expect(
      savedChangeText({ addDependency: { from: 'wf-a', to: 'svc-b', group: null, strength: null } }),
    ).toBe('wf-a depends on svc-b');
    expect(savedChangeText({ removeDependency: { from: 'wf-a', to: 'svc-b' } })).toBe(
      'wf-a no longer depends on svc-b',
    );
    expect(
      savedChangeText({ setWorkflow: { id: 'wf-a', toleranceHours: 48, workaroundCapacity: 0.25 } }),
    ).toBe('wf-a: its workaround holds 48 h (2 days), at 25 % of normal volume');
    expect(savedChangeText({ unaffected: { id: 'wf-a' } })).toBe(
      'wf-a is unaffected (it fails only when named as failed)',
    );
  });

  it('sends them back as ImpactInput.changes: members that are set, without __typename', () => {
    const saved = [
      {
        addDependency: null,
        setWorkflow: {
          __typename: 'WorkflowChange',
          id: 'wf-a',
          toleranceHours: 5,
          workaroundCapacity: null,
        },
      },
    ] as never;
    expect(changesInput(saved)).toEqual([
      { setWorkflow: { id: 'wf-a', toleranceHours: 5, workaroundCapacity: null } },
    ]);
  });
});
