// Waiting for a state instead of sleeping for a while: `until` checks a condition
// again and again until it holds. Its deadline is only a safety net against a hang
// (generous, for a loaded machine), never what a test asserts.
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function until<T>(
  what: string,
  check: () => T | Promise<T>,
  opts: { timeoutMs?: number; everyMs?: number } = {},
): Promise<NonNullable<T>> {
  // performance.now, not Date.now: a test may hold the Date clock still (vi.useFakeTimers).
  const deadline = performance.now() + (opts.timeoutMs ?? 120_000);
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (performance.now() > deadline) throw new Error(`gave up waiting: ${what}`);
    await pause(opts.everyMs ?? 50);
  }
}
