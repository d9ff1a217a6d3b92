// The sign-in backoff's guarantees, for any sequence of failures from any addresses,
// on an injected clock: a fresh address never waits more than the per-username cap,
// no one waits more than the larger cap, and the right password starts over.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MemoryLedger, SignInBackoff, backoffDelayMs } from '../src/security/sign-in-backoff';

const POLICY = { freeFailures: 5, maxMs: 15 * 60_000, userFreeFailures: 10, userMaxMs: 30_000 };

describe('SignInBackoff', () => {
  it('doubles from 1 s after the free failures, up to the cap', () => {
    expect([4, 5, 6, 7, 30].map((n) => backoffDelayMs(n, 5, 15 * 60_000))).toEqual([
      0, 1_000, 2_000, 4_000, 900_000,
    ]);
  });

  it('bounds every wait, and a fresh address waits at most the per-username cap', async () => {
    const attempt = fc.record({
      ip: fc.integer({ min: 0, max: 4 }),
      user: fc.constantFrom('admin', 'ADMIN', 'dana'),
      advanceMs: fc.integer({ min: 0, max: 120_000 }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(attempt, { maxLength: 80 }), async (attempts) => {
        let clock = 1_700_000_000_000;
        const b = new SignInBackoff(POLICY, new MemoryLedger(), () => clock);
        for (const a of attempts) {
          clock += a.advanceMs;
          const ip = `10.0.0.${a.ip}`;
          const before = await b.waitMs(a.user, ip);
          // Attempts made while refused are not failures (the password is not checked).
          const wait = await b.attempt(a.user, ip);
          expect(wait).toBe(before);
          expect(wait).toBeGreaterThanOrEqual(0);
          expect(wait).toBeLessThanOrEqual(POLICY.maxMs);
          for (const user of ['admin', 'dana'])
            expect(await b.waitMs(user, '192.0.2.99')).toBeLessThanOrEqual(POLICY.userMaxMs);
        }
        await b.succeed('admin', '10.0.0.0');
        expect(await b.waitMs('Admin', '10.0.0.0')).toBe(0);
      }),
      { seed: 12, numRuns: 300 },
    );
  });
});
