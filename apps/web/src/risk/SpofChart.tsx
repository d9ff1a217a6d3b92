// The single-point-of-failure chart: one bar per supplier (its services listed under
// it), each bar's length proportional to its value on a track of one width.
import type { EntityKind } from '../generated/graphql';
import { KindIcon } from '../ui/KindIcon';
import { Link } from '../ui/Link';
import { HOME } from '../url/route';
import { barWidths, type RankingRow, spofEntries } from './ranking';

const focus = (id: string) => ({ ...HOME, focus: id });

const name = (r: RankingRow) => (
  <Link to={focus(r.entity.id)} className="entity-ref long-name" title={r.entity.name}>
    <KindIcon kind={r.entity.kind as EntityKind} size={12} />
    <span className="truncate">{r.entity.name}</span>
  </Link>
);

export function SpofChart({ rows, first = 25 }: { rows: readonly RankingRow[]; first?: number }) {
  const entries = spofEntries(rows, first);
  const widths = barWidths(entries.map((e) => e.row.singlePointOfFailureFor));
  if (entries.length === 0) return <p className="muted">None found.</p>;
  return (
    <ol className="bars">
      {entries.map((e, i) => (
        <li key={e.row.entity.id}>
          <div className="bar-row">
            {name(e.row)}
            <span className="bar-cell">
              <span className="hbar-track" aria-hidden="true">
                <span
                  className="hbar"
                  data-value={e.row.singlePointOfFailureFor}
                  style={{ width: `${widths[i]}%` }}
                />
              </span>
              <span className="num">{e.row.singlePointOfFailureFor} workflows</span>
            </span>
          </div>
          {e.services.length > 0 && (
            <ul className="bar-services" aria-label={`Services of ${e.row.entity.name}`}>
              {e.services.map((s) => (
                <li key={s.entity.id}>
                  {name(s)}
                  <span className="num muted small">{s.singlePointOfFailureFor} workflows</span>
                </li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ol>
  );
}
