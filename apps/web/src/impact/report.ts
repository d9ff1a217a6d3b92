// Turns the API's report rows into the flat rows the views share.
import type { AffectedFieldsFragment, ReportFieldsFragment } from '../generated/graphql';
import type { AffectedRow } from './model';

export type Report = ReportFieldsFragment;

export function affectedRow(a: AffectedFieldsFragment): AffectedRow {
  return {
    id: a.entity.id,
    name: a.entity.name,
    kind: a.entity.kind,
    state: a.state,
    disruptedAtHours: a.disruptedAtHours,
    failedAtHours: a.failedAtHours ?? null,
    inoperability: a.inoperability ?? null,
    because: a.because,
    becauseNames: a.causalPath.map((e) => {
      const org = 'organization' in e ? e.organization?.name : null;
      return org ? `${e.name} · ${org}` : e.name;
    }),
    reason: a.reason ?? null,
    category: 'workflowCategory' in a.entity ? a.entity.workflowCategory : null,
    criticality: 'criticality' in a.entity ? (a.entity.criticality ?? null) : null,
    organization: 'organization' in a.entity ? (a.entity.organization?.name ?? null) : null,
  };
}

export const reportRows = (edges: readonly { node: AffectedFieldsFragment }[]): AffectedRow[] =>
  edges.map((e) => affectedRow(e.node));
