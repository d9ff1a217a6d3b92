// What an impact amounts to before any entity is drawn (issue 16 item 3): workflows and
// organizations by subsector, region and workflow category, and workflows by time to
// failure. Every figure comes from the report's summary and timeline, so a report of
// 64k entities reads at once; the tables below page through the entities themselves.
import { SUBSECTOR_LABEL, WORKFLOW_CATEGORY_LABEL } from '../explorer/kinds';
import { failureBands, type TimelinePointLike } from './aggregates';

interface Figures {
  organizationsAffected?: number;
  workflowsFailed: number;
  workflowsDegraded: number;
}

export interface AggregateSummary {
  bySubsector: (Figures & { subsector?: string | null })[];
  byRegion: (Figures & { region?: string | null })[];
  byWorkflowCategory: (Figures & { category?: string | null })[];
}

/** The regions listed here; the map tab has them all. */
const TOP_REGIONS = 5;

const n = (x: number) => x.toLocaleString('en-US');

function Table({ caption, head, rows }: { caption: string; head: string[]; rows: [string, ...number[]][] }) {
  return (
    <table className="aggregate">
      <caption>{caption}</caption>
      <thead>
        <tr>
          {head.map((h, i) => (
            <th key={h} scope="col" className={i > 0 ? 'num' : undefined}>
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map(([label, ...values]) => (
          <tr key={label}>
            <th scope="row">{label}</th>
            {values.map((v, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a fixed set of columns
              <td key={i} className="num">
                {n(v)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ImpactAggregates({
  summary,
  timeline,
  timed,
}: {
  summary: AggregateSummary;
  timeline: readonly TimelinePointLike[];
  /** Discrete model: failures have times (the inoperability model has none). */
  timed: boolean;
}) {
  const regions = summary.byRegion.slice(0, TOP_REGIONS);
  const more = summary.byRegion.length - regions.length;
  return (
    <section className="impact-aggregates" aria-label="Impact by group">
      <Table
        caption="By subsector"
        head={['Subsector', 'Organizations', 'Workflows failed']}
        rows={summary.bySubsector.map((s) => [
          s.subsector ? (SUBSECTOR_LABEL[s.subsector] ?? s.subsector) : 'No subsector given',
          s.organizationsAffected ?? 0,
          s.workflowsFailed,
        ])}
      />
      <Table
        caption={more > 0 ? `By region (the first ${TOP_REGIONS}; all on "Where it hits")` : 'By region'}
        head={['Region', 'Organizations', 'Workflows failed']}
        rows={regions.map((r) => [
          r.region ?? 'No region given',
          r.organizationsAffected ?? 0,
          r.workflowsFailed,
        ])}
      />
      <Table
        caption="By workflow category"
        head={['Category', 'Workflows failed', 'Degraded']}
        rows={summary.byWorkflowCategory.map((c) => [
          c.category ? (WORKFLOW_CATEGORY_LABEL[c.category] ?? c.category) : 'No category given',
          c.workflowsFailed,
          c.workflowsDegraded,
        ])}
      />
      {timed && (
        <Table
          caption="By time to failure"
          head={['Workflows fail', 'Workflows']}
          rows={failureBands(timeline).map((b) => [b.label, b.workflows])}
        />
      )}
    </section>
  );
}
