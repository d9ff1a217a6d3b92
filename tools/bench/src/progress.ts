// Progress on stderr while the suite runs (it is long): one line per step with the
// time since the start, and a self-overwriting status line on a terminal.

export class Progress {
  private readonly t0 = performance.now();
  private transient = false;

  constructor(
    private readonly out: NodeJS.WriteStream = process.stderr,
    private readonly quiet = false,
  ) {}

  private stamp(): string {
    const s = Math.floor((performance.now() - this.t0) / 1000);
    return `[${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}]`;
  }

  /** A line that stays. */
  step(message: string): void {
    if (this.quiet) return;
    this.clear();
    this.out.write(`${this.stamp()} ${message}\n`);
  }

  /** A status line that the next one replaces (only on a terminal). */
  status(message: string): void {
    if (this.quiet || !this.out.isTTY) return;
    const width = (this.out.columns ?? 100) - 1;
    this.out.write(`\r${`${this.stamp()} ${message}`.slice(0, width).padEnd(width)}`);
    this.transient = true;
  }

  clear(): void {
    if (this.transient) {
      this.out.write(`\r${' '.repeat((this.out.columns ?? 100) - 1)}\r`);
      this.transient = false;
    }
  }

  elapsedSeconds(): number {
    return (performance.now() - this.t0) / 1000;
  }
}

/** Milliseconds taken by `work`, with its result. */
export async function timed<T>(work: () => T | Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await work();
  return { ms: performance.now() - t0, value };
}

export function timedSync<T>(work: () => T): { ms: number; value: T } {
  const t0 = performance.now();
  const value = work();
  return { ms: performance.now() - t0, value };
}
