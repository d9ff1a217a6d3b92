// Every affected entity with when and why: sortable, filterable, exportable. Each
// row's "why" is its causal path; activating it highlights the path on the canvas.
import { useMemo, useState } from 'react';
import { percent } from '../explorer/details';
import { KIND_META, KINDS } from '../explorer/kinds';
import type { EntityKind } from '../generated/graphql';
import { downloadText, toCsv } from '../ui/csv';
import { KindIcon } from '../ui/KindIcon';
import { formatHours } from './duration';
import { type AffectedRow, displayName } from './model';
import { filterRows, type SortKey, type SortSpec, sortRows } from './table';

const PAGE = 200;

export function AffectedTable({
  rows,
  selected,
  highlighted,
  showInoperability,
  onSelect,
  onExplain,
  fileName = 'impact.csv',
}: {
  rows: readonly AffectedRow[];
  selected: string | null;
  highlighted: string | null;
  showInoperability: boolean;
  onSelect: (id: string) => void;
  onExplain: (row: AffectedRow) => void;
  fileName?: string;
}) {
  const [sort, setSort] = useState<SortSpec>({ key: 'failedAtHours', dir: 'asc' });
  const [text, setText] = useState('');
  const [kind, setKind] = useState<EntityKind | ''>('');
  const [state, setState] = useState<'' | 'FAILED' | 'DEGRADED'>('');
  const [limit, setLimit] = useState(PAGE);
  const names = useMemo(() => new Map(rows.map((r) => [r.id, displayName(r)])), [rows]);
  const view = useMemo(
    () =>
      sortRows(
        filterRows(rows, {
          text,
          kinds: kind ? new Set([kind]) : undefined,
          states: state ? new Set([state]) : undefined,
        }),
        sort,
      ),
    [rows, text, kind, state, sort],
  );
  const why = (r: AffectedRow) =>
    r.because.length <= 1
      ? 'initial failure'
      : r.because
          .slice(1)
          .map((id) => names.get(id) ?? id)
          .join(' ← ');

  const exportCsv = () =>
    downloadText(
      fileName,
      toCsv(view, [
        { header: 'id', value: (r) => r.id },
        { header: 'name', value: (r) => r.name },
        { header: 'organization', value: (r) => r.organization ?? '' },
        { header: 'kind', value: (r) => r.kind },
        { header: 'state', value: (r) => r.state },
        { header: 'disrupted_at_hours', value: (r) => r.disruptedAtHours },
        { header: 'failed_at_hours', value: (r) => r.failedAtHours },
        ...(showInoperability
          ? [{ header: 'inoperability', value: (r: AffectedRow) => r.inoperability }]
          : []),
        { header: 'because', value: (r) => r.because.join(' > ') },
        { header: 'reason', value: (r) => r.reason ?? '' },
      ]),
    );

  const header = (key: SortKey, label: string, numeric = false) => {
    const active = sort.key === key;
    return (
      <th
        scope="col"
        className={numeric ? 'num' : undefined}
        aria-sort={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}
      >
        <button
          type="button"
          className="sort"
          onClick={() => setSort({ key, dir: active && sort.dir === 'asc' ? 'desc' : 'asc' })}
        >
          {label}
          <span aria-hidden="true">{active ? (sort.dir === 'asc' ? ' ▲' : ' ▼') : ''}</span>
        </button>
      </th>
    );
  };

  return (
    <section className="affected" aria-label="Affected entities">
      <div className="table-tools">
        <h3>
          Affected entities <span className="count">{rows.length.toLocaleString('en-US')}</span>
        </h3>
        <input
          type="search"
          aria-label="Filter affected entities"
          placeholder="Filter by name or id"
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <select aria-label="Kind" value={kind} onChange={(e) => setKind(e.target.value as EntityKind | '')}>
          <option value="">All kinds</option>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {KIND_META[k].plural}
            </option>
          ))}
        </select>
        <select aria-label="State" value={state} onChange={(e) => setState(e.target.value as typeof state)}>
          <option value="">Failed and degraded</option>
          <option value="FAILED">Failed</option>
          <option value="DEGRADED">Degraded</option>
        </select>
        <button type="button" onClick={exportCsv} disabled={view.length === 0}>
          Export CSV
        </button>
      </div>
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              {header('state', 'State')}
              {header('name', 'Entity')}
              {header('kind', 'Kind')}
              {header('disruptedAtHours', 'Disrupted', true)}
              {header('failedAtHours', 'Fails', true)}
              {showInoperability && <th scope="col">Inoperability</th>}
              {header('depth', 'Why (causal path)')}
            </tr>
          </thead>
          <tbody>
            {view.slice(0, limit).map((r) => (
              <tr
                key={r.id}
                className={
                  [r.id === selected ? 'selected' : '', r.id === highlighted ? 'explained' : '']
                    .join(' ')
                    .trim() || undefined
                }
              >
                <td>
                  <span className={`state-badge ${r.state.toLowerCase()}`}>
                    {r.state === 'FAILED' ? '✕ Failed' : '◐ Degraded'}
                  </span>
                </td>
                <td>
                  <button type="button" className="link" onClick={() => onSelect(r.id)}>
                    {r.name}
                  </button>
                  {r.organization && <div className="muted small">{r.organization}</div>}
                </td>
                <td className="nowrap">
                  <KindIcon kind={r.kind} size={12} /> {KIND_META[r.kind].label}
                </td>
                <td className="num">{formatHours(r.disruptedAtHours)}</td>
                <td className="num">{r.failedAtHours === null ? '—' : formatHours(r.failedAtHours)}</td>
                {showInoperability && (
                  <td className="num">{r.inoperability === null ? '—' : percent(r.inoperability)}</td>
                )}
                <td>
                  <button
                    type="button"
                    className="link why"
                    aria-pressed={r.id === highlighted}
                    title="Highlight this path on the map"
                    onClick={() => onExplain(r)}
                  >
                    {why(r)}
                  </button>
                  {r.reason && <div className="reason small">{r.reason}</div>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {view.length === 0 && <p className="muted pad">No affected entity matches.</p>}
        {view.length > limit && (
          <p className="pad">
            <button type="button" onClick={() => setLimit((l) => l + PAGE)}>
              Show {Math.min(PAGE, view.length - limit)} more of {view.length - limit}
            </button>
          </p>
        )}
      </div>
    </section>
  );
}
