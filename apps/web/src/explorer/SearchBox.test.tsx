// @vitest-environment happy-dom
import { MockedProvider } from '@apollo/client/testing/react';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SEARCH } from './queries';
import { type SearchHit, SearchBox } from './SearchBox';

afterEach(cleanup);

const HITS = [
  {
    __typename: 'SearchHit',
    matchedField: 'NAME',
    matchedText: 'Claims API',
    entity: {
      __typename: 'Service',
      id: 'svc',
      name: 'Claims API',
      kind: 'SERVICE',
      category: 'Clearinghouse',
    },
  },
  {
    __typename: 'SearchHit',
    matchedField: 'CATEGORY',
    matchedText: 'Claims clearing',
    entity: {
      __typename: 'Supplier',
      id: 'sup',
      name: 'Change Co',
      kind: 'SUPPLIER',
      category: 'Claims clearing',
    },
  },
];

function renderBox(onPick: (h: SearchHit) => void) {
  const mocks = [
    {
      request: { query: SEARCH, variables: { text: 'cla', kinds: null, first: 12 } },
      result: { data: { searchHits: HITS } },
      maxUsageCount: 5,
    },
  ];
  render(
    <MockedProvider mocks={mocks}>
      <SearchBox onPick={onPick} />
    </MockedProvider>,
  );
  return screen.getByRole('combobox', { name: 'Search entities' });
}

describe('SearchBox', () => {
  it('asks nothing for one letter; for two or more lists the hits with kind, detail and what matched', async () => {
    const input = renderBox(() => {});
    fireEvent.change(input, { target: { value: 'c' } });
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(input.getAttribute('aria-expanded')).toBe('false');
    fireEvent.change(input, { target: { value: 'cla' } });
    const options = await screen.findAllByRole('option');
    expect(options.map((o) => o.textContent)).toEqual([
      'Claims APIService · Clearinghouse',
      'Change CoSupplier · Claims clearingmatched category: Claims clearing',
    ]);
    expect(input.getAttribute('aria-expanded')).toBe('true');
    expect(options[0]!.getAttribute('aria-selected')).toBe('true');
  });

  it('arrow keys move the active option; Enter picks it and clears the box', async () => {
    const onPick = vi.fn();
    const input = renderBox(onPick);
    fireEvent.change(input, { target: { value: 'cla' } });
    const options = await screen.findAllByRole('option');
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    expect(input.getAttribute('aria-activedescendant')).toBe(options[1]!.id);
    fireEvent.keyDown(input, { key: 'ArrowDown' }); // stays on the last
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(onPick).toHaveBeenCalledWith({
      id: 'sup',
      name: 'Change Co',
      kind: 'SUPPLIER',
      detail: 'Claims clearing',
      matched: 'category: Claims clearing',
    });
    expect((input as HTMLInputElement).value).toBe('');
    expect(screen.queryByRole('listbox')).toBeNull();
  });

  it('Escape closes the list without picking; a click picks', async () => {
    const onPick = vi.fn();
    const input = renderBox(onPick);
    fireEvent.change(input, { target: { value: 'cla' } });
    await screen.findAllByRole('option');
    fireEvent.keyDown(input, { key: 'Escape' });
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(onPick).not.toHaveBeenCalled();
    fireEvent.focus(input);
    fireEvent.click((await screen.findAllByRole('option'))[0]!);
    expect(onPick).toHaveBeenCalledWith(expect.objectContaining({ id: 'svc', matched: null }));
  });
});
