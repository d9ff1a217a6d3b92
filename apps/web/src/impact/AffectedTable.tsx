// Every affected entity with when and why, a page at a time from the server: sortable,
// filterable (names shown, kind, state, workflow category, criticality, and a time
// window that follows the scrubber), downloadable as CSV. Each row's "why" is its
// causal path; activating it highlights the path on the canvas.
import { useState } from 'react';
import { percent } from '../explorer/details';
import { KIND_META, KINDS } from '../explorer/kinds';
import type { AffectedPageQuery, EntityKind, ImpactInput, WorkflowCategory } from '../generated/graphql';
import { KindIcon } from '../ui/KindIcon';
import { formatHours } from './duration';
import {
  MoreRows,
  SearchFilter,
  SortHeader,
  TableHeading,
  TimeWindowFilter,
  WorkflowCategoryFilter,
  useDebounced,
} from './FilterBar';
import type { AffectedRow } from './model';
import { AFFECTED_PAGE } from './queries';
import { affectedRow } from './report';
import { type SortKey, type SortSpec, affectedVariables, csvUrl, windowFrom } from './table';
import { usePages } from './usePages';

const PAGE = 100;

export function AffectedTable({
  input,
  at = 0,
  selected,
  highlighted,
  showInoperability,
  onSelect,
  onExplain,
}: {
  input: ImpactInput | null;
  /** The scrubber's time: the start of the "fails within" window. */
  at?: number;
  selected: string | null;
  highlighted: string | null;
  showInoperability: boolean;
  /** An entity's name was activated (its row given: the canvas may not hold it). */
  onSelect: (id: string, row: AffectedRow) => void;
  onExplain: (row: AffectedRow) => void;
}) {
  const [sort, setSort] = useState<SortSpec>({ key: 'failedAtHours', dir: 'asc' });
  const [text, setText] = useState('');
  const search = useDebounced(text);
  const [kind, setKind] = useState<EntityKind | ''>('');
  const [state, setState] = useState<'' | 'FAILED' | 'DEGRADED'>('');
  const [category, setCategory] = useState<WorkflowCategory | ''>('');
  const [criticality, setCriticality] = useState<number | null>(null);
  const [windowHours, setWindowHours] = useState<number | null>(null);
  // The window follows the scrubber, in steps of a hundredth of an hour.
  const failsWithin = windowFrom(useDebounced(at, 200), windowHours);
  const filter = {
    text: search,
    kinds: kind ? [kind] : undefined,
    states: state ? [state] : undefined,
    workflowCategories: category ? [category] : undefined,
    maxCriticality: criticality,
    failsWithin,
  };
  const pages = usePages<AffectedPageQuery, AffectedRow>(
    AFFECTED_PAGE,
    input ? { input, ...affectedVariables(filter, sort) } : null,
    (d) => {
      const c = d.impact.affected;
      return { ...c, edges: c.edges.map((e) => ({ node: affectedRow(e.node) })) };
    },
    PAGE,
  );
  const rows = pages.nodes;
  const why = (r: AffectedRow) =>
    r.because.length <= 1
      ? 'initial failure'
      : r.because
          .slice(1)
          .map((id, i) => r.becauseNames?.[i + 1] ?? id)
          .join(' ← ');

  const header = (key: SortKey, label: string, numeric = false) => (
    <SortHeader
      label={label}
      numeric={numeric}
      active={sort.key === key}
      ascending={sort.dir === 'asc'}
      onSort={(ascending) => setSort({ key, dir: ascending ? 'asc' : 'desc' })}
    />
  );
  const total = pages.totalCount;

  return (
    <section className="affected" aria-label="Affected entities" aria-busy={pages.loading}>
      <div className="table-tools">
        <TableHeading title="Affected entities" total={total} />
        <SearchFilter
          label="Filter affected entities"
          placeholder="Filter by name, organization or id"
          value={text}
          onChange={setText}
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
        <WorkflowCategoryFilter value={category} onChange={setCategory} />
        <select
          aria-label="Criticality"
          value={criticality ?? ''}
          onChange={(e) => setCriticality(e.target.value ? Number(e.target.value) : null)}
        >
          <option value="">Any criticality</option>
          {[1, 2, 3].map((c) => (
            <option key={c} value={c}>
              Criticality {c === 1 ? '1 (most critical)' : `1–${c}`}
            </option>
          ))}
        </select>
        <TimeWindowFilter value={windowHours} onChange={setWindowHours} />
        {input && (
          <a className="button" href={csvUrl(input, filter, sort)} download>
            Download CSV
          </a>
        )}
      </div>
      {failsWithin && (
        <p className="muted small">
          Failing between {formatHours(failsWithin.from)} and {formatHours(failsWithin.to)} (follows the
          timeline's scrubber).
        </p>
      )}
      {pages.error && (
        <p className="alert" role="alert">
          Could not load the rows: {pages.error}
        </p>
      )}
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
            {rows.map((r) => (
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
                  <button type="button" className="link" onClick={() => onSelect(r.id, r)}>
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
        {total === 0 && <p className="muted pad">No affected entity matches.</p>}
        <MoreRows
          total={total}
          shown={rows.length}
          page={PAGE}
          hasMore={pages.hasMore}
          loading={pages.loading}
          onMore={pages.loadMore}
        />
      </div>
    </section>
  );
}
