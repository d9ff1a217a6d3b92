// `npm run backtest [--json | --write]`: the incident library (@smart/seed INCIDENTS)
// simulated on the demo map, in-process (no database: the demo template straight into
// the engine), with the shares people compare with the public figures (@smart/seed
// backtest). `--write` regenerates the generated blocks of docs/backtests.md (the prose
// around them is kept); a test keeps the page equal to what this computes.
import { readFileSync, writeFileSync } from 'node:fs';
import {
  INCIDENTS,
  backtest,
  backtestBlock,
  backtestLines,
  demoEcosystem,
  renderBacktestDoc,
} from '@smart/seed';

export { HOSPITAL_TYPE, type BacktestFigures, backtest, backtestLines } from '@smart/seed';

export const BACKTESTS_DOC = new URL('../../../../docs/backtests.md', import.meta.url);

/** docs/backtests.md as the engine gives it today. */
export function regeneratedDoc(doc: string): string {
  const t = demoEcosystem();
  return renderBacktestDoc(doc, new Map(INCIDENTS.map((i) => [i.id, backtestBlock(i, backtest(t, i))])));
}

export async function backtestCommand(args: string[]): Promise<number> {
  if (args.includes('--write')) {
    const doc = readFileSync(BACKTESTS_DOC, 'utf8');
    const next = regeneratedDoc(doc);
    writeFileSync(BACKTESTS_DOC, next);
    console.log(next === doc ? 'docs/backtests.md is up to date' : 'docs/backtests.md regenerated');
    return 0;
  }
  const t = demoEcosystem();
  const all = INCIDENTS.map((i) => ({ incident: i, figures: backtest(t, i) }));
  if (args.includes('--json')) {
    console.log(
      JSON.stringify(
        all.map((a) => a.figures),
        null,
        2,
      ),
    );
    return 0;
  }
  for (const { incident, figures } of all) {
    console.log(`${incident.title} (modelled on ${incident.modelledOn})`);
    for (const p of incident.publicFigures) console.log(`  public: ${p.what}: ${p.value} — ${p.source}`);
    for (const line of backtestLines(figures)) console.log(`  demo:   ${line}`);
    console.log('');
  }
  return 0;
}
