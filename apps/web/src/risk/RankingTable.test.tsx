// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { RankingRow } from './ranking';
import { RankingTable } from './RankingTable';

const row = (id: string, name: string, over: Partial<RankingRow> = {}): RankingRow => ({
  entity: { id, name, kind: 'SUPPLIER', category: 'Cloud' },
  score: 0,
  capacityLoss: 0,
  organizationsAffected: 0,
  workflowsFailed: 0,
  functionsImpaired: 0,
  directDependents: 0,
  singlePointOfFailureFor: 0,
  ...over,
});

// In the server's order: by score, highest first.
const ROWS = [
  row('a', 'Alpha', { score: 90, capacityLoss: 6.9, directDependents: 3, workflowsFailed: 10 }),
  row('b', 'Bravo', { score: 50, capacityLoss: 1.25, directDependents: 252, workflowsFailed: 30 }),
  row('c', 'charlie', { score: 10, capacityLoss: 0.5, directDependents: 40, workflowsFailed: 20 }),
];

const names = () =>
  screen
    .getAllByRole('row')
    .slice(1)
    .map((r) => within(r).getAllByRole('link')[0]!.getAttribute('title'));
const header = (name: RegExp) => screen.getByRole('columnheader', { name });

afterEach(cleanup);

describe('RankingTable', () => {
  it('opens in score order, ranked, with aria-sort on the rank', () => {
    render(<RankingTable rows={ROWS} hours={72} />);
    expect(names()).toEqual(['Alpha', 'Bravo', 'charlie']);
    expect(header(/^#/).getAttribute('aria-sort')).toBe('ascending');
    expect(header(/Direct dependents/).getAttribute('aria-sort')).toBe('none');
  });

  it('sorts by a numeric column biggest first, then flips on a second press', () => {
    render(<RankingTable rows={ROWS} hours={72} />);
    const button = within(header(/Direct dependents/)).getByRole('button');
    fireEvent.click(button);
    expect(names()).toEqual(['Bravo', 'charlie', 'Alpha']);
    expect(header(/Direct dependents/).getAttribute('aria-sort')).toBe('descending');
    expect(header(/^#/).getAttribute('aria-sort')).toBe('none');
    fireEvent.click(button);
    expect(names()).toEqual(['Alpha', 'charlie', 'Bravo']);
    expect(header(/Direct dependents/).getAttribute('aria-sort')).toBe('ascending');
    // the rank stays the score rank whatever the order
    const firstCells = screen
      .getAllByRole('row')
      .slice(1)
      .map((r) => within(r).getAllByRole('cell')[0]!.textContent);
    expect(firstCells).toEqual(['1', '3', '2']);
  });

  it('sorts names A to Z ignoring case; headers are buttons a keyboard reaches', () => {
    render(<RankingTable rows={ROWS} hours={72} />);
    const button = within(header(/Entity/)).getByRole('button');
    expect(button.tagName).toBe('BUTTON');
    fireEvent.click(button);
    expect(names()).toEqual(['Alpha', 'Bravo', 'charlie']);
    fireEvent.click(button);
    expect(names()).toEqual(['charlie', 'Bravo', 'Alpha']);
  });

  it('labels every number with its unit', () => {
    render(<RankingTable rows={ROWS} hours={72} />);
    expect(header(/Capacity loss/).textContent).toContain("functions' worth");
    expect(header(/Score/).textContent).toContain('points');
    expect(header(/Affected/).textContent).toContain('organizations');
    expect(header(/Failed/).textContent).toContain('workflows');
    expect(header(/Impaired/).textContent).toContain('critical functions');
    expect(header(/Direct dependents/).textContent).toContain('entities');
    expect(header(/Sole dependency of/).textContent).toContain('workflows');
  });

  it('drops "Sole dependency of" at an indefinite outage, where it equals "Failed"', () => {
    render(<RankingTable rows={ROWS} hours={null} />);
    expect(screen.queryByRole('columnheader', { name: /Sole dependency of/ })).toBeNull();
    expect(header(/Failed/)).toBeTruthy();
  });

  it('keeps the full name of a long entity in its title', () => {
    const long = 'A very long supplier name that would not fit in its column at all, cut with an ellipsis';
    render(<RankingTable rows={[row('l', long)]} hours={72} />);
    expect(screen.getByRole('link', { name: long }).getAttribute('title')).toBe(long);
  });
});
