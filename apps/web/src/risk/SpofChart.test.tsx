// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { RankingRow } from './ranking';
import { SpofChart } from './SpofChart';

const row = (
  id: string,
  kind: string,
  spof: number,
  supplier?: { id: string; name: string },
): RankingRow => ({
  entity: { id, name: `Name ${id}`, kind, supplier: supplier ?? null },
  score: 0,
  capacityLoss: 0,
  organizationsAffected: 0,
  workflowsFailed: 0,
  functionsImpaired: 0,
  directDependents: 0,
  singlePointOfFailureFor: spof,
});

afterEach(cleanup);

describe('SpofChart', () => {
  it('draws bars whose widths are proportional to their values (1,138 longer than 953)', () => {
    render(
      <SpofChart
        rows={[row('s1', 'SUPPLIER', 953), row('s2', 'SUPPLIER', 1138), row('s3', 'SUPPLIER', 12)]}
      />,
    );
    const bars = [...document.querySelectorAll<HTMLElement>('.hbar')];
    const values = bars.map((b) => Number(b.dataset.value));
    expect(values).toEqual([1138, 953, 12]);
    const widths = bars.map((b) => Number.parseFloat(b.style.width));
    expect(widths[0]).toBeCloseTo(100, 6);
    for (let i = 0; i < bars.length; i++) expect(widths[i]! / 100).toBeCloseTo(values[i]! / 1138, 6);
  });

  it('lists a supplier once, with its own services under it', () => {
    const sup = { id: 'sup', name: 'Name sup' };
    render(
      <SpofChart
        rows={[
          row('svc-a', 'SERVICE', 300, sup),
          row('sup', 'SUPPLIER', 400),
          row('svc-b', 'SERVICE', 100, sup),
          row('lone', 'SERVICE', 50, { id: 'other', name: 'Other' }),
          row('none', 'SUPPLIER', 0),
        ]}
      />,
    );
    const entries = document.querySelectorAll('ol.bars > li');
    expect(entries).toHaveLength(2);
    expect(
      within(entries[0] as HTMLElement)
        .getAllByRole('link')[0]!
        .getAttribute('title'),
    ).toBe('Name sup');
    const services = within(entries[0] as HTMLElement).getByRole('list', { name: 'Services of Name sup' });
    expect(
      within(services)
        .getAllByRole('link')
        .map((a) => a.getAttribute('title')),
    ).toEqual(['Name svc-a', 'Name svc-b']);
    // a service whose supplier is not a single point of failure stands on its own
    expect(
      within(entries[1] as HTMLElement)
        .getAllByRole('link')[0]!
        .getAttribute('title'),
    ).toBe('Name lone');
    expect(document.querySelectorAll('.hbar')).toHaveLength(2);
  });

  it('says so when nothing is a single point of failure', () => {
    render(<SpofChart rows={[row('x', 'SUPPLIER', 0)]} />);
    expect(screen.getByText('None found.')).toBeTruthy();
  });
});
