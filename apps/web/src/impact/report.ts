// Turns the API's report into the flat rows the views share.
import type { ReportFieldsFragment } from '../generated/graphql';
import type { AffectedRow } from './model';

export type Report = ReportFieldsFragment;

export function reportRows(report: Report): AffectedRow[] {
  return report.affected.map((a) => ({
    id: a.entity.id,
    name: a.entity.name,
    kind: a.entity.kind,
    state: a.state,
    disruptedAtHours: a.disruptedAtHours,
    failedAtHours: a.failedAtHours ?? null,
    inoperability: a.inoperability ?? null,
    because: a.because,
    reason: a.reason ?? null,
    category: 'workflowCategory' in a.entity ? a.entity.workflowCategory : null,
    criticality: 'criticality' in a.entity ? (a.entity.criticality ?? null) : null,
    organization: 'organization' in a.entity ? (a.entity.organization?.name ?? null) : null,
  }));
}
