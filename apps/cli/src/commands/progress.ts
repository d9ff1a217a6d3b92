// A progress bar on stderr for long work (reading, snapshot, writing; generation): rows
// done, rows per second and time left. Silent when stderr is not a terminal or output is
// JSON, so scripts get clean output.
import cliProgress from 'cli-progress';

export interface Progress {
  update(done: number, total: number): void;
  stop(): void;
}

export function progressBar(label: string, enabled = process.stderr.isTTY === true): Progress {
  if (!enabled) return { update() {}, stop() {} };
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} [{bar}] {percentage}% | {value}/{total} rows | {rate} rows/s | {eta_formatted} left`,
      stream: process.stderr,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = 0;
  return {
    update(done, total) {
      if (!started) {
        bar.start(total, 0, { rate: '–' });
        started = performance.now();
      }
      const seconds = (performance.now() - started) / 1000;
      bar.setTotal(total);
      bar.update(done, { rate: seconds > 0.5 ? Math.round(done / seconds).toLocaleString('en') : '–' });
    },
    stop() {
      if (started) bar.stop();
      started = 0;
    },
  };
}
