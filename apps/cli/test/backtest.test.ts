// docs/backtests.md shows, for each incident of the library, the figures the engine
// gives on the demo map beside the public ones: this keeps the page equal to the model
// (`npm run backtest -- --write` regenerates it).
import { readFileSync } from 'node:fs';
import { demoEcosystem, INCIDENTS } from '@smart/seed';
import { describe, expect, it } from 'vitest';
import { BACKTESTS_DOC, backtest, backtestLines, regeneratedDoc } from '../src/commands/backtest';

const doc = readFileSync(BACKTESTS_DOC, 'utf8');

function documented(id: string): string[] {
  const m = new RegExp(`<!-- backtest:${id} -->\\n([\\s\\S]*?)<!-- /backtest -->`).exec(doc);
  if (!m) throw new Error(`docs/backtests.md has no block for ${id}`);
  return m[1]!
    .trim()
    .split('\n')
    .filter((l) => l.startsWith('- '))
    .map((l) => l.replace(/^- /, ''));
}

describe('back-tests', () => {
  const t = demoEcosystem();
  for (const incident of INCIDENTS) {
    it(`${incident.id}: the documented demo figures are the engine's`, () => {
      expect(documented(incident.id)).toEqual(backtestLines(backtest(t, incident)));
    });
  }

  it('regenerating the page changes nothing (tables and lists are what the script computes now)', () => {
    expect(regeneratedDoc(doc)).toBe(doc);
    // Every public figure is in its incident's table, beside a demo figure or a reason.
    for (const incident of INCIDENTS)
      for (const p of incident.publicFigures)
        expect(doc).toContain(`| ${p.what} | ${p.value} (${p.source}) |`);
  });

  it('reads the clearinghouse outage as financial, not clinical, at hospitals', () => {
    const f = backtest(t, INCIDENTS.find((i) => i.id === 'clearinghouse-weeks')!);
    expect(f.hospitalsFinancial).toBeGreaterThan(0);
    expect(f.hospitalsPatientCare).toBe(0);
    expect(f.hospitals).toBe(t.organizations.filter((o) => o.type === 'Acute care hospital').length);
  });
});
