// Two scenarios side by side: the headline numbers, capacity loss per critical
// function (paired bars), and every entity whose outcome differs, by organization.
import { useRef } from 'react';
import { percent } from '../explorer/details';
import { useWidth } from '../ui/useWidth';
import type { CompareScenariosQuery } from '../generated/graphql';
import { formatHours } from '../impact/duration';
import { describeChange, totalsText } from './changes';
import { KindIcon } from '../ui/KindIcon';
import { Link } from '../ui/Link';
import { HOME } from '../url/route';

type Comparison = CompareScenariosQuery['compareScenarios'];

const METRICS = [
  ['failed', 'Entities failed'],
  ['degraded', 'Entities degraded'],
  ['workflowsFailed', 'Workflows failed'],
  ['workflowsDegraded', 'Workflows degraded'],
  ['organizationsAffected', 'Organizations affected'],
] as const;

export function CompareView({ comparison: c }: { comparison: Comparison }) {
  const fns = [...c.functions].sort(
    (x, y) => Math.max(y.capacityLossA, y.capacityLossB) - Math.max(x.capacityLossA, x.capacityLossB),
  );
  return (
    <div className="page compare">
      <header className="page-head">
        <p className="crumbs">
          <Link to={{ view: 'scenarios', id: null, compare: null }}>Scenarios</Link> / compare
        </p>
        <h1>
          <span className="tag-a">A</span> {c.a.name} <span className="muted">vs</span>{' '}
          <span className="tag-b">B</span> {c.b.name}
        </h1>
      </header>
      <section className="card">
        <table className="compare-table">
          <thead>
            <tr>
              <th scope="col">
                <span className="sr-only">Metric</span>
              </th>
              <th scope="col">
                <span className="tag-a">A</span>{' '}
                <Link to={{ view: 'scenarios', id: c.a.id, compare: null }}>{c.a.name}</Link>
                <div className="muted small">
                  {c.a.failed.map((f) => f.id).join(', ')} · {formatHours(c.a.durationHours)}
                </div>
              </th>
              <th scope="col">
                <span className="tag-b">B</span>{' '}
                <Link to={{ view: 'scenarios', id: c.b.id, compare: null }}>{c.b.name}</Link>
                <div className="muted small">
                  {c.b.failed.map((f) => f.id).join(', ')} · {formatHours(c.b.durationHours)}
                </div>
              </th>
              <th scope="col">B − A</th>
            </tr>
          </thead>
          <tbody>
            {METRICS.map(([key, label]) => {
              // (Scenarios are not offered to scoped users, whose counts may be null: then "—".)
              const a = c.a.report.summary[key] ?? Number.NaN;
              const b = c.b.report.summary[key] ?? Number.NaN;
              return (
                <tr key={key}>
                  <th scope="row">{label}</th>
                  <td className="num">{Number.isNaN(a) ? '—' : a}</td>
                  <td className="num">{Number.isNaN(b) ? '—' : b}</td>
                  <td className={`num ${b > a ? 'worse' : b < a ? 'better' : ''}`}>
                    {Number.isNaN(b - a) ? '—' : b - a > 0 ? `+${b - a}` : b - a}
                  </td>
                </tr>
              );
            })}
            <tr>
              <th scope="row">Affected in both</th>
              <td className="center" colSpan={2}>
                {c.both}
              </td>
              <td />
            </tr>
          </tbody>
        </table>
      </section>

      <section className="card">
        <h2>Critical-function capacity loss</h2>
        <PairedBars rows={fns} />
      </section>

      <Changes comparison={c} />
    </div>
  );
}

function PairedBars({ rows }: { rows: Comparison['functions'] }) {
  const box = useRef<HTMLDivElement>(null);
  const width = Math.min(960, useWidth(box, 700));
  if (rows.length === 0) return <p className="muted">Neither scenario impairs a critical function.</p>;
  const ROW = 34;
  const LABEL = Math.min(300, Math.round(width * 0.38));
  const BAR = width - LABEL - 70;
  const height = rows.length * ROW + 10;
  return (
    <div ref={box}>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        width={width}
        height={height}
        role="img"
        aria-label={rows
          .map((r) => `${r.function.name}: A ${percent(r.capacityLossA)}, B ${percent(r.capacityLossB)}`)
          .join('; ')}
        className="paired"
      >
        {rows.map((r, i) => {
          const y = i * ROW;
          return (
            <g key={r.function.id}>
              <text x={LABEL - 8} y={y + ROW / 2 + 4} textAnchor="end" className="bar-label">
                {r.function.name.length > LABEL / 6.5
                  ? `${r.function.name.slice(0, Math.floor(LABEL / 6.5) - 1)}…`
                  : r.function.name}
              </text>
              <rect
                x={LABEL}
                y={y + 4}
                width={Math.max(1, r.capacityLossA * BAR)}
                height={12}
                className="bar-a"
              />
              <text x={LABEL + r.capacityLossA * BAR + 4} y={y + 14} className="bar-value">
                A {percent(r.capacityLossA)}
              </text>
              <rect
                x={LABEL}
                y={y + 18}
                width={Math.max(1, r.capacityLossB * BAR)}
                height={12}
                className="bar-b"
              />
              <text x={LABEL + r.capacityLossB * BAR + 4} y={y + 28} className="bar-value">
                B {percent(r.capacityLossB)}
              </text>
            </g>
          );
        })}
      </svg>
    </div>
  );
}

/** Groups shown open when there are this few; otherwise each opens on demand. */
const OPEN_GROUPS = 8;
/** Rows drawn per organization before "…and N more". */
const ROWS_PER_GROUP = 300;

function Changes({ comparison: c }: { comparison: Comparison }) {
  const t = c.changeTotals;
  return (
    <section className="card changes" aria-labelledby="changes-head">
      <h2 id="changes-head">What changed from A to B ({t.total})</h2>
      <p className="change-totals">{totalsText(t)}</p>
      {c.byOrganization.map((o) => (
        <details
          key={o.organization?.id ?? '-'}
          className="change-group"
          open={c.byOrganization.length <= OPEN_GROUPS}
        >
          <summary>
            <strong>{o.organization?.name ?? 'Suppliers, services and critical functions'}</strong>{' '}
            <span className="muted small">
              {o.totals.total} {o.totals.total === 1 ? 'change' : 'changes'}: {totalsText(o.totals)}
            </span>
          </summary>
          <ul className="ref-list">
            {o.changes.slice(0, ROWS_PER_GROUP).map((x) => (
              <li key={x.entity.id}>
                <span className={`state-badge ${(x.stateB ?? x.stateA ?? '').toLowerCase()}`}>
                  {(x.stateB ?? x.stateA) === 'FAILED' ? '✕' : '◐'}
                </span>{' '}
                <Link to={{ ...HOME, focus: x.entity.id }} className="entity-ref">
                  <KindIcon kind={x.entity.kind} size={12} />
                  {x.entity.name}
                </Link>
                <span className="muted small"> · {describeChange(x)}</span>
              </li>
            ))}
            {o.changes.length > ROWS_PER_GROUP && (
              <li className="muted">…and {o.changes.length - ROWS_PER_GROUP} more</li>
            )}
          </ul>
        </details>
      ))}
      {t.total === 0 && (
        <p className="muted">Both scenarios affect the same entities, in the same way, at the same times.</p>
      )}
    </section>
  );
}
