// The property rows of the details panel, per entity type (pure formatting).
import { formatHours } from '../impact/duration';
import type { EntityDetailsQuery } from '../generated/graphql';
import { SUBSECTOR_LABEL, WORKFLOW_CATEGORY_LABEL } from './kinds';

type Entity = NonNullable<EntityDetailsQuery['entity']>;

export function propertyRows(e: Entity): [string, string][] {
  const rows: [string, string | number | null | undefined][] = [];
  if ('subsector' in e) {
    rows.push(['Subsector', SUBSECTOR_LABEL[e.subsector] ?? e.subsector]);
    rows.push(['Type', e.orgType], ['Region', e.region], ['Size', cap(e.size)], ['Beds', e.beds]);
  }
  if ('securityRating' in e) {
    rows.push(['Category', e.category], ['Country', e.country]);
    rows.push(['Security rating', e.securityRating == null ? null : `${e.securityRating} / 100`]);
  }
  if ('serviceType' in e)
    rows.push(['Type', cap(e.serviceType)], ['Category', e.category], ['Region', e.region]);
  if ('assetType' in e) rows.push(['Type', e.assetType]);
  if ('workflowCategory' in e) {
    rows.push(['Category', WORKFLOW_CATEGORY_LABEL[e.workflowCategory] ?? e.workflowCategory]);
    rows.push(['Sector workflow', e.sectorWorkflow]);
    rows.push(['Criticality', e.criticality == null ? null : `${e.criticality} (1 most critical … 5)`]);
    rows.push([
      'Workaround holds',
      e.toleranceHours == null
        ? null
        : e.toleranceHours === 0
          ? 'no workaround'
          : formatHours(e.toleranceHours),
    ]);
    rows.push([
      'Workaround capacity',
      e.workaroundCapacity == null ? null : `${Math.round(e.workaroundCapacity * 100)} % of normal volume`,
    ]);
    rows.push([
      'Volume',
      e.volumePerDay == null
        ? null
        : `${e.volumePerDay.toLocaleString('en-US')} ${e.volumeUnit ?? ''} per day`.trim(),
    ]);
  }
  if ('ncf' in e) rows.push(['Description', e.description], ['National Critical Function', e.ncf]);
  if ('notes' in e) rows.push(['Notes', e.notes]);
  return rows
    .filter((r): r is [string, string | number] => r[1] !== null && r[1] !== undefined && r[1] !== '')
    .map(([k, v]) => [k, String(v)]);
}

function cap(s: string | null | undefined): string | null {
  return s ? s.charAt(0) + s.slice(1).toLowerCase() : null;
}

export function percent(x: number): string {
  const p = x * 100;
  return `${p >= 10 || p === 0 ? Math.round(p) : p.toFixed(1)} %`;
}
