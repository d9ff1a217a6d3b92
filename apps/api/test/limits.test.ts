// The analysis threads' nice value from the environment: 0–19, default 10; anything else
// is refused at start-up with the variable's name and what is allowed.
import { describe, expect, it } from 'vitest';
import { limitsFromEnv } from '../src/security/limits';

describe('SMART_ANALYSIS_NICE', () => {
  it('defaults to 10, below the request loop', () => {
    expect(limitsFromEnv({}).analysisNice).toBe(10);
    expect(limitsFromEnv({ SMART_ANALYSIS_NICE: '' }).analysisNice).toBe(10);
  });

  it('takes 0 (the request loop’s priority) to 19', () => {
    expect(limitsFromEnv({ SMART_ANALYSIS_NICE: '0' }).analysisNice).toBe(0);
    expect(limitsFromEnv({ SMART_ANALYSIS_NICE: '19' }).analysisNice).toBe(19);
  });

  it.each(['20', '-1', '2.5', 'low'])('refuses %s, saying what is allowed', (raw) => {
    expect(() => limitsFromEnv({ SMART_ANALYSIS_NICE: raw })).toThrow(
      `SMART_ANALYSIS_NICE must be a whole number from 0 to 19, not '${raw}'`,
    );
  });
});
