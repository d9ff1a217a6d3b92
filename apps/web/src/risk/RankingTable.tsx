// The systemic-risk ranking: every column sortable (a button in its header, aria-sort
// on the header), every number with its unit under the header.
import { useState } from 'react';
import type { EntityKind } from '../generated/graphql';
import { KindIcon } from '../ui/KindIcon';
import { Link } from '../ui/Link';
import { HOME } from '../url/route';
import { DEFAULT_SORT, nextSort, type RankingRow, rankingColumns, type Sort, sortRanking } from './ranking';

const focus = (id: string) => ({ ...HOME, focus: id });

export function RankingTable({ rows, hours }: { rows: readonly RankingRow[]; hours: number | null }) {
  const [sort, setSort] = useState<Sort>(DEFAULT_SORT);
  const columns = rankingColumns(hours === null);
  const shown = columns.some((c) => c.key === sort.key) ? sort : DEFAULT_SORT;
  const sorted = sortRanking(rows, shown);
  const maxScore = Math.max(1, ...rows.map((r) => r.score));
  const cell = (r: RankingRow, rank: number, key: Sort['key']) => {
    switch (key) {
      case 'rank':
        return rank;
      case 'name':
        return (
          <Link to={focus(r.entity.id)} className="entity-ref long-name" title={r.entity.name}>
            <KindIcon kind={r.entity.kind as EntityKind} size={12} />
            <span className="truncate">{r.entity.name}</span>
          </Link>
        );
      case 'category':
        return r.entity.category ?? '—';
      case 'score':
        return (
          <>
            <span className="score-track" aria-hidden="true">
              <span className="score-bar" style={{ width: `${(r.score / maxScore) * 100}%` }} />
            </span>
            <span className="score-value">{r.score.toFixed(1)}</span>
          </>
        );
      case 'capacityLoss':
        return r.capacityLoss.toFixed(2);
      case 'organizationsAffected':
        return r.organizationsAffectedCount?.display ?? r.organizationsAffected;
      default:
        return r[key];
    }
  };
  return (
    <table className="ranking">
      <caption className="sr-only">
        Entities ranked by systemic risk, sorted by{' '}
        {columns.find((c) => c.key === shown.key)?.label ?? 'rank'} {shown.dir}
      </caption>
      <thead>
        <tr>
          {columns.map((c) => (
            <th
              key={c.key}
              scope="col"
              className={c.numeric ? 'num' : undefined}
              aria-sort={shown.key === c.key ? shown.dir : 'none'}
              title={c.title}
            >
              <button
                type="button"
                className="sort"
                onClick={() => setSort(nextSort(shown, c.key, c.numeric))}
              >
                <span className="sort-label">
                  {c.label}
                  {c.unit && <span className="unit">{c.unit}</span>}
                </span>
                <span className="sort-mark" aria-hidden="true">
                  {shown.key === c.key ? (shown.dir === 'ascending' ? '▲' : '▼') : '↕'}
                </span>
              </button>
            </th>
          ))}
          <th scope="col">
            <span className="sr-only">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {sorted.map(({ rank, row: r }) => (
          <tr key={r.entity.id}>
            {columns.map((c) => (
              <td
                key={c.key}
                className={
                  c.key === 'score' ? 'num score' : c.numeric ? 'num' : c.key === 'name' ? 'name' : undefined
                }
              >
                {cell(r, rank, c.key)}
              </td>
            ))}
            <td className="nowrap">
              <Link
                className="small"
                to={{
                  ...HOME,
                  focus: r.entity.id,
                  impact: { ids: [r.entity.id], hours, model: 'DISCRETE', at: null },
                }}
                aria-label={`Simulate ${r.entity.name}`}
              >
                Simulate
              </Link>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
