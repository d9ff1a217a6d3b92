import { describe, expect, it } from 'vitest';
import { formatProblem, hasErrors, type Problem } from '../src';

const p = (over: Partial<Problem>): Problem => ({
  file: 'workflows.csv',
  line: 14,
  column: 'tolerance_hours',
  message: 'must be a number ≥ 0',
  severity: 'error',
  ...over,
});

describe('problems', () => {
  it('formats file, line, column and message', () => {
    expect(formatProblem(p({}))).toBe('workflows.csv:14: tolerance_hours: must be a number ≥ 0');
  });

  it('leaves out a line of 0 and an empty column', () => {
    expect(
      formatProblem(
        p({ file: 'notes.txt', line: 0, column: '', message: 'unknown file', severity: 'warning' }),
      ),
    ).toBe('notes.txt: unknown file');
  });

  it('has errors only when one problem is an error', () => {
    expect(hasErrors([])).toBe(false);
    expect(hasErrors([p({ severity: 'warning' })])).toBe(false);
    expect(hasErrors([p({ severity: 'warning' }), p({})])).toBe(true);
  });
});
