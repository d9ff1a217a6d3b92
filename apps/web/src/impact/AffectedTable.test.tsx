// @vitest-environment happy-dom
import { ApolloClient, ApolloLink, InMemoryCache, Observable } from '@apollo/client';
import { ApolloProvider } from '@apollo/client/react';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AffectedTable } from './AffectedTable';

afterEach(cleanup);

const org = { __typename: 'Organization', id: 'org', name: 'General Hospital' };
const NODES = [
  {
    __typename: 'ImpactedEntity',
    state: 'FAILED',
    disruptedAtHours: 0,
    failedAtHours: 0,
    inoperability: null,
    because: ['sup'],
    reason: 'Failed at the start.',
    entity: { __typename: 'Supplier', id: 'sup', name: 'Clearing Co', kind: 'SUPPLIER' },
    causalPath: [{ __typename: 'Supplier', id: 'sup', name: 'Clearing Co' }],
  },
  {
    __typename: 'ImpactedEntity',
    state: 'DEGRADED',
    disruptedAtHours: 2,
    failedAtHours: null,
    inoperability: null,
    because: ['wf', 'sup'],
    reason: 'The workaround holds.',
    entity: {
      __typename: 'Workflow',
      id: 'wf',
      name: 'Submit claims',
      kind: 'WORKFLOW',
      workflowCategory: 'ADMINISTRATIVE',
      criticality: 2,
      organization: org,
    },
    causalPath: [
      { __typename: 'Workflow', id: 'wf', name: 'Submit claims', organization: org },
      { __typename: 'Supplier', id: 'sup', name: 'Clearing Co' },
    ],
  },
];

/** A client whose every AffectedPage request is recorded and answered with NODES. */
function client(sent: Record<string, unknown>[]) {
  const link = new ApolloLink(
    (operation) =>
      new Observable((observer) => {
        sent.push(operation.variables);
        observer.next({
          data: {
            impact: {
              __typename: 'ImpactReport',
              graphVersion: '3',
              affected: {
                __typename: 'ImpactedEntityConnection',
                totalCount: NODES.length,
                edges: NODES.map((node, i) => ({ __typename: 'ImpactedEntityEdge', cursor: `c${i}`, node })),
                pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: 'c1' },
              },
            },
          },
        });
        observer.complete();
      }),
  );
  return new ApolloClient({ link, cache: new InMemoryCache() });
}

function renderTable() {
  const sent: Record<string, unknown>[] = [];
  const onSelect = vi.fn();
  const onExplain = vi.fn();
  render(
    <ApolloProvider client={client(sent)}>
      <AffectedTable
        input={{ failed: [{ id: 'sup' }], durationHours: 72 }}
        selected={null}
        highlighted="wf"
        showInoperability={false}
        onSelect={onSelect}
        onExplain={onExplain}
      />
    </ApolloProvider>,
  );
  return { sent, onSelect, onExplain };
}

describe('AffectedTable', () => {
  it('asks for the first page in failure-time order and shows each row with state, times and why', async () => {
    const { sent } = renderTable();
    await screen.findByRole('button', { name: 'Submit claims' });
    expect(sent[0]).toMatchObject({ input: { failed: [{ id: 'sup' }], durationHours: 72 }, first: 100 });
    const rows = screen.getAllByRole('row').slice(1);
    expect(
      rows.map((r) =>
        within(r)
          .getAllByRole('cell')
          .map((c) => c.textContent),
      ),
    ).toEqual([
      ['✕ Failed', 'Clearing Co', ' Supplier', '0 h', '0 h', 'initial failureFailed at the start.'],
      [
        '◐ Degraded',
        'Submit claimsGeneral Hospital',
        ' Workflow',
        '2 h',
        '—',
        'Clearing CoThe workaround holds.',
      ],
    ]);
    // The highlighted row's path is pressed.
    expect(within(rows[1]!).getByRole('button', { name: 'Clearing Co' }).getAttribute('aria-pressed')).toBe(
      'true',
    );
  });

  it('a filter asks again with it; names and paths call back with their row', async () => {
    const { sent, onSelect, onExplain } = renderTable();
    await screen.findByRole('button', { name: 'Submit claims' });
    fireEvent.change(screen.getByRole('combobox', { name: 'State' }), { target: { value: 'DEGRADED' } });
    await vi.waitFor(() => expect(sent.length).toBe(2));
    expect(sent[1]).toMatchObject({ states: ['DEGRADED'] });
    fireEvent.click(await screen.findByRole('button', { name: 'Submit claims' }));
    expect(onSelect).toHaveBeenCalledWith(
      'wf',
      expect.objectContaining({ id: 'wf', organization: 'General Hospital' }),
    );
    fireEvent.click(screen.getByRole('button', { name: 'initial failure' }));
    expect(onExplain).toHaveBeenCalledWith(expect.objectContaining({ id: 'sup', because: ['sup'] }));
  });
});
