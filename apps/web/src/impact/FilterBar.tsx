// The pieces the report tables share (AffectedTable, OrganizationTable): the heading
// with its live count, the filters both offer (names shown, workflow category, a time
// window following the scrubber), sortable column headers and the "show more" button.
// Each table keeps its own state and its own extra filters; these only draw.
import { useEffect, useState } from 'react';
import type { WorkflowCategory } from '../generated/graphql';

/** "Fails within the next N h" choices. */
export const WINDOWS = [6, 12, 24, 48, 72] as const;

/** A value that follows `value` once it has stopped changing for `ms`. */
export function useDebounced<T>(value: T, ms = 300): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

/** The table's title and how many rows match every filter (… while loading). */
export function TableHeading({ title, total }: { title: string; total: number | null }) {
  return (
    <h3>
      {title}{' '}
      <span className="count" aria-live="polite">
        {total === null ? '…' : total.toLocaleString('en-US')}
      </span>
    </h3>
  );
}

export function SearchFilter({
  label,
  placeholder,
  value,
  onChange,
}: {
  label: string;
  placeholder: string;
  value: string;
  onChange: (text: string) => void;
}) {
  return (
    <input
      type="search"
      aria-label={label}
      placeholder={placeholder}
      value={value}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}

export function WorkflowCategoryFilter({
  value,
  onChange,
}: {
  value: WorkflowCategory | '';
  onChange: (category: WorkflowCategory | '') => void;
}) {
  return (
    <select
      aria-label="Workflow category"
      value={value}
      onChange={(e) => onChange(e.target.value as WorkflowCategory | '')}
    >
      <option value="">Any workflow category</option>
      <option value="CLINICAL">Clinical workflows</option>
      <option value="ADMINISTRATIVE">Administrative workflows</option>
      <option value="MANUFACTURING">Manufacturing workflows</option>
    </select>
  );
}

/** Null: any time; else the window's length in hours, from the scrubber's time on. */
export function TimeWindowFilter({
  value,
  onChange,
}: {
  value: number | null;
  onChange: (hours: number | null) => void;
}) {
  return (
    <select
      aria-label="Time window"
      value={value ?? ''}
      onChange={(e) => onChange(e.target.value ? Number(e.target.value) : null)}
    >
      <option value="">Any time</option>
      {WINDOWS.map((h) => (
        <option key={h} value={h}>
          Fails in the next {h} h
        </option>
      ))}
    </select>
  );
}

/** A column header that sorts by its column: ascending first, then flips. */
export function SortHeader({
  label,
  active,
  ascending,
  numeric = false,
  onSort,
}: {
  label: string;
  /** The table is sorted by this column. */
  active: boolean;
  /** Its direction, when active. */
  ascending: boolean;
  numeric?: boolean;
  /** Called with the direction to sort by next. */
  onSort: (ascending: boolean) => void;
}) {
  return (
    <th
      scope="col"
      className={numeric ? 'num' : undefined}
      aria-sort={active ? (ascending ? 'ascending' : 'descending') : 'none'}
    >
      <button type="button" className="sort" onClick={() => onSort(!(active && ascending))}>
        {label}
        <span aria-hidden="true">{active ? (ascending ? ' ▲' : ' ▼') : ''}</span>
      </button>
    </th>
  );
}

/** "Show N more of M" while rows remain beyond the pages loaded. */
export function MoreRows({
  total,
  shown,
  page,
  hasMore,
  loading,
  onMore,
}: {
  total: number | null;
  shown: number;
  page: number;
  hasMore: boolean;
  loading: boolean;
  onMore: () => void;
}) {
  if (!hasMore || total === null) return null;
  return (
    <p className="pad">
      <button type="button" onClick={onMore} disabled={loading}>
        Show {Math.min(page, total - shown)} more of {(total - shown).toLocaleString('en-US')}
      </button>
    </p>
  );
}
