import type { Report } from './report';
import { CapacityChart } from './CapacityChart';

export function ImpactSummary({
  report,
  title,
  note,
  wide = false,
}: {
  report: Report;
  title?: string;
  note?: string;
  /** A full-width page: tiles in one row. */
  wide?: boolean;
}) {
  const s = report.summary;
  const tiles: [string, number | string, string][] = [
    ['Entities failed', s.failed, 'failed'],
    ['Entities degraded', s.degraded, 'degraded'],
    ['Workflows failed', s.workflowsFailed, 'workflowsFailed'],
    ['Workflows degraded', s.workflowsDegraded, 'workflowsDegraded'],
    // "< k" for a user scoped to organizations when fewer than k are affected (issue 19).
    [
      'Organizations affected',
      s.organizationsAffected ?? s.organizationsAffectedCount?.display ?? '',
      'organizationsAffected',
    ],
  ];
  return (
    <section className={wide ? 'impact-summary wide' : 'impact-summary'} aria-label="Impact summary">
      {title && <h3>{title}</h3>}
      {note && <p className="muted small summary-note">{note}</p>}
      <dl className="tiles">
        {tiles.map(([label, value, key]) => (
          <div key={key} className={`tile tile-${key}`}>
            <dt>{label}</dt>
            <dd data-metric={key}>{typeof value === 'number' ? value.toLocaleString('en-US') : value}</dd>
          </div>
        ))}
      </dl>
      <CapacityChart functions={s.functions} />
    </section>
  );
}
