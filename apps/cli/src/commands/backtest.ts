// `npm run backtest [--json]`: the incident library (@smart/seed INCIDENTS) simulated on
// the demo map, in-process (no database: the demo template straight into the engine),
// with the shares people compare with the public figures. docs/backtests.md shows the
// same numbers beside the public ones (a test keeps them equal).
import type { Template } from '@smart/domain';
import { graphFromTemplate, impact } from '@smart/engine';
import { demoEcosystem, INCIDENTS, type Incident } from '@smart/seed';

export const HOSPITAL_TYPE = 'Acute care hospital';

export interface BacktestFigures {
  incident: string;
  hospitals: number;
  /** Hospitals with an administrative (financial) workflow failed or degraded. */
  hospitalsFinancial: number;
  /** Hospitals with a clinical workflow failed or degraded. */
  hospitalsPatientCare: number;
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

export async function backtestCommand(args: string[]): Promise<number> {
  const json = args.includes('--json');
  const t = demoEcosystem();
  const all = INCIDENTS.map((i) => ({ incident: i, figures: backtest(t, i) }));
  if (json) {
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
