// Back-tests (issue 14 item 4): each incident of the library simulated on the demo map
// with the discrete model, in-process (the demo template straight into the engine), and
// the figures people compare with the public ones. `npm run backtest -- --write`
// regenerates the generated blocks of docs/backtests.md from here, the API's incident
// library shows the same figures, and a test keeps the page equal to what this computes.
import type { Template } from '@smart/domain';
import { graphFromTemplate, impact } from '@smart/engine';
import type { DemoMeasure, Incident } from './incidents';

export const HOSPITAL_TYPE = 'Acute care hospital';

export interface BacktestFigures {
  incident: string;
  hospitals: number;
  /** Hospitals with an administrative (financial) workflow failed or degraded. */
  hospitalsFinancial: number;
  /** Hospitals with a clinical workflow failed or degraded. */
  hospitalsPatientCare: number;
  /** Hospitals with any workflow failed or degraded. */
  hospitalsDisrupted: number;
  organizationsAffected: number;
  organizations: number;
  workflowsFailed: number;
  workflowsDegraded: number;
  /** Clinical workflows failed, anywhere. */
  clinicalWorkflowsFailed: number;
}

export function backtest(t: Template, incident: Incident): BacktestFigures {
  const g = graphFromTemplate(t);
  const r = impact(g, {
    failed: incident.failed.map((id) => ({ id })),
    durationHours: incident.durationHours,
  });
  const state = new Map(r.affected.map((a) => [a.id, a.state]));
  const hospitals = new Set(t.organizations.filter((o) => o.type === HOSPITAL_TYPE).map((o) => o.id));
  const financial = new Set<string>();
  const care = new Set<string>();
  let clinicalWorkflowsFailed = 0;
  for (const w of t.workflows) {
    const s = state.get(w.id);
    if (!s) continue;
    if (w.category === 'CLINICAL' && s === 'FAILED') clinicalWorkflowsFailed++;
    if (!hospitals.has(w.organizationId)) continue;
    (w.category === 'CLINICAL' ? care : financial).add(w.organizationId);
  }
  return {
    incident: incident.id,
    hospitals: hospitals.size,
    hospitalsFinancial: financial.size,
    hospitalsPatientCare: care.size,
    hospitalsDisrupted: new Set([...financial, ...care]).size,
    organizationsAffected: r.summary.organizationsAffected,
    organizations: t.organizations.length,
    workflowsFailed: r.summary.workflowsFailed,
    workflowsDegraded: r.summary.workflowsDegraded,
    clinicalWorkflowsFailed,
  };
}

const pct = (n: number, of: number) => `${Math.round((100 * n) / Math.max(1, of))} %`;

/** The figures of one incident as the lines docs/backtests.md shows. */
export function backtestLines(f: BacktestFigures): string[] {
  return [
    `hospitals with a financial workflow disrupted: ${f.hospitalsFinancial} of ${f.hospitals} (${pct(f.hospitalsFinancial, f.hospitals)})`,
    `hospitals with a patient-care workflow disrupted: ${f.hospitalsPatientCare} of ${f.hospitals} (${pct(f.hospitalsPatientCare, f.hospitals)})`,
    `organizations affected: ${f.organizationsAffected} of ${f.organizations}`,
    `workflows failed: ${f.workflowsFailed} (clinical: ${f.clinicalWorkflowsFailed}), degraded: ${f.workflowsDegraded}`,
  ];
}

/** The demo's figure a public one is set beside, in words; null when the demo does not measure it. */
export function demoFigure(measure: DemoMeasure | null, f: BacktestFigures): string | null {
  switch (measure) {
    case 'hospitalsFinancial':
      return `${pct(f.hospitalsFinancial, f.hospitals)} (${f.hospitalsFinancial} of ${f.hospitals} hospitals lose or degrade a financial workflow)`;
    case 'hospitalsPatientCare':
      return `${pct(f.hospitalsPatientCare, f.hospitals)} (${f.hospitalsPatientCare} of ${f.hospitals} hospitals lose or degrade a patient-care workflow)`;
    case 'hospitalsDisrupted':
      return `${pct(f.hospitalsDisrupted, f.hospitals)} (${f.hospitalsDisrupted} of ${f.hospitals} hospitals lose or degrade a workflow)`;
    case 'organizationsAffected':
      return `${pct(f.organizationsAffected, f.organizations)} (${f.organizationsAffected} of ${f.organizations} organizations affected)`;
    default:
      return null;
  }
}

/** One incident's generated block: the public figures beside the demo's, then the demo's own lines. */
export function backtestBlock(incident: Incident, f: BacktestFigures): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|');
  const rows = incident.publicFigures.map(
    (p) =>
      `| ${cell(p.what)} | ${cell(`${p.value} (${p.source})`)} | ${cell(demoFigure(p.demo, f) ?? `not modelled: ${p.notModelled ?? 'the demo has no such measure'}`)} |`,
  );
  return [
    '| | public | demo (simulated) |',
    '|---|---|---|',
    ...rows,
    '',
    ...backtestLines(f).map((l) => `- ${l}`),
  ].join('\n');
}

/**
 * docs/backtests.md with each incident's generated block (between
 * `<!-- backtest:ID -->` and `<!-- /backtest -->`) replaced by what `blocks` holds; the
 * prose around them is kept. Throws when an incident has no block in the page.
 */
export function renderBacktestDoc(doc: string, blocks: ReadonlyMap<string, string>): string {
  let out = doc;
  for (const [id, block] of blocks) {
    const re = new RegExp(`(<!-- backtest:${id} -->\\n)[\\s\\S]*?(<!-- /backtest -->)`);
    if (!re.test(out)) throw new Error(`docs/backtests.md has no block for ${id}`);
    out = out.replace(re, (_m, open: string, close: string) => `${open}${block}\n${close}`);
  }
  return out;
}
