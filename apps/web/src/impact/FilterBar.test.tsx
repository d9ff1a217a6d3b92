// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  MoreRows,
  SearchFilter,
  SortHeader,
  TableHeading,
  TimeWindowFilter,
  WINDOWS,
  WorkflowCategoryFilter,
} from './FilterBar';

afterEach(cleanup);

/** A header wired as the tables wire theirs: state held by the caller. */
function SortableColumns() {
  const [sort, setSort] = useState<{ key: 'a' | 'b'; ascending: boolean }>({ key: 'a', ascending: true });
  return (
    <table>
      <thead>
        <tr>
          {(['a', 'b'] as const).map((key) => (
            <SortHeader
              key={key}
              label={key === 'a' ? 'Alpha' : 'Bravo'}
              numeric={key === 'b'}
              active={sort.key === key}
              ascending={sort.ascending}
              onSort={(ascending) => setSort({ key, ascending })}
            />
          ))}
        </tr>
      </thead>
    </table>
  );
}

describe('the report tables’ filter bar', () => {
  it('shows the count once known, with thousands separated', () => {
    const { rerender } = render(<TableHeading title="Organizations" total={null} />);
    expect(screen.getByRole('heading').textContent).toBe('Organizations …');
    rerender(<TableHeading title="Organizations" total={12345} />);
    expect(screen.getByRole('heading').textContent).toBe('Organizations 12,345');
  });

  it('reports what is typed and chosen, as the table’s values', () => {
    const text = vi.fn();
    const category = vi.fn();
    const window = vi.fn();
    render(
      <>
        <SearchFilter label="Filter rows" placeholder="Filter" value="" onChange={text} />
        <WorkflowCategoryFilter value="" onChange={category} />
        <TimeWindowFilter value={null} onChange={window} />
      </>,
    );
    fireEvent.change(screen.getByRole('searchbox', { name: 'Filter rows' }), { target: { value: 'riv' } });
    expect(text).toHaveBeenLastCalledWith('riv');
    fireEvent.change(screen.getByRole('combobox', { name: 'Workflow category' }), {
      target: { value: 'CLINICAL' },
    });
    expect(category).toHaveBeenLastCalledWith('CLINICAL');
    const windows = screen.getByRole('combobox', { name: 'Time window' });
    expect([...windows.querySelectorAll('option')].map((o) => o.textContent)).toEqual([
      'Any time',
      ...WINDOWS.map((h) => `Fails in the next ${h} h`),
    ]);
    fireEvent.change(windows, { target: { value: '24' } });
    expect(window).toHaveBeenLastCalledWith(24);
    fireEvent.change(windows, { target: { value: '' } });
    expect(window).toHaveBeenLastCalledWith(null);
  });

  it('sorts by a column ascending first, flips on a second press, and marks it with aria-sort', () => {
    render(<SortableColumns />);
    const alpha = () => screen.getByRole('columnheader', { name: /Alpha/ });
    const bravo = () => screen.getByRole('columnheader', { name: /Bravo/ });
    expect(alpha().getAttribute('aria-sort')).toBe('ascending');
    expect(bravo().getAttribute('aria-sort')).toBe('none');
    expect(bravo().className).toBe('num');
    fireEvent.click(screen.getByRole('button', { name: /Bravo/ }));
    expect(bravo().getAttribute('aria-sort')).toBe('ascending');
    expect(alpha().getAttribute('aria-sort')).toBe('none');
    fireEvent.click(screen.getByRole('button', { name: /Bravo/ }));
    expect(bravo().getAttribute('aria-sort')).toBe('descending');
    expect(bravo().textContent).toBe('Bravo ▼');
  });

  it('offers the next page while rows remain, at most a page of them', () => {
    const more = vi.fn();
    const { rerender } = render(
      <MoreRows total={1250} shown={100} page={100} hasMore loading={false} onMore={more} />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Show 100 more of 1,150' }));
    expect(more).toHaveBeenCalledOnce();
    rerender(<MoreRows total={1250} shown={1200} page={100} hasMore loading onMore={more} />);
    expect((screen.getByRole('button', { name: 'Show 50 more of 50' }) as HTMLButtonElement).disabled).toBe(
      true,
    );
    rerender(<MoreRows total={1250} shown={1250} page={100} hasMore={false} loading={false} onMore={more} />);
    expect(screen.queryByRole('button')).toBeNull();
  });
});
