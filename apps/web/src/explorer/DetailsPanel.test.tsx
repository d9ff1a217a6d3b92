// @vitest-environment happy-dom
import { ApolloClient, ApolloLink, InMemoryCache, Observable } from '@apollo/client';
import { ApolloProvider } from '@apollo/client/react';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { percent } from './details';
import { DetailsPanel } from './DetailsPanel';

afterEach(cleanup);

const ref = (typename: string, id: string, name: string, kind: string) => ({
  __typename: typename,
  id,
  name,
  kind,
});
const SUP = ref('Supplier', 'sup', 'Clearing Co', 'SUPPLIER');
const CLOUD = ref('Service', 'cloud-a', 'Cloud A', 'SERVICE');
const CLOUD_B = ref('Service', 'cloud-b', 'Cloud B', 'SERVICE');
const DNS = ref('Service', 'dns', 'DNS', 'SERVICE');
const WF = {
  ...ref('Workflow', 'wf', 'Submit claims', 'WORKFLOW'),
  organization: { __typename: 'Organization', id: 'org', name: 'General Hospital' },
};

const dep = (to: object, strength = 1, source: string | null = null) => ({
  __typename: 'Dependency',
  to,
  strength,
  source,
  confidence: null,
  provenance: [],
});

/** The details of one service, answered to every EntityDetails request (recorded). */
function client(sent: Record<string, unknown>[]) {
  const data = {
    entity: {
      __typename: 'Service',
      id: 'svc',
      name: 'Claims API',
      kind: 'SERVICE',
      serviceType: 'SOFTWARE',
      category: 'Clearinghouse',
      region: null,
      notes: null,
      supplier: SUP,
      provenance: [
        {
          __typename: 'ProvenanceRecord',
          submission: { __typename: 'Submission', id: 'sub-1', contributor: 'org-bay' },
          assertedAt: '2026-01-05',
          confirmedAt: '2026-06-01',
        },
      ],
    },
    dependencies: [
      {
        __typename: 'DependencyGroup',
        group: 'hosting',
        alternatives: [dep(CLOUD), dep(CLOUD_B, 0.5, 'CONTRACT')],
      },
      { __typename: 'DependencyGroup', group: null, alternatives: [dep(DNS)] },
    ],
    dependents: [
      {
        __typename: 'Dependency',
        from: WF,
        to: { __typename: 'Service', id: 'svc', name: 'Claims API' },
        group: 'claims',
        strength: 1,
        source: null,
      },
    ],
    directDependents: 1,
  };
  const link = new ApolloLink(
    (operation) =>
      new Observable((observer) => {
        sent.push(operation.variables);
        observer.next({ data });
        observer.complete();
      }),
  );
  return new ApolloClient({
    link,
    cache: new InMemoryCache({
      possibleTypes: {
        Entity: ['Organization', 'Supplier', 'Service', 'Asset', 'Workflow', 'CriticalFunction'],
      },
    }),
  });
}

function renderPanel(expanded = false) {
  const sent: Record<string, unknown>[] = [];
  const actions = {
    onSelect: vi.fn(),
    onTrace: vi.fn(),
    onSimulate: vi.fn(),
    onExpand: vi.fn(),
    onCollapse: vi.fn(),
  };
  render(
    <ApolloProvider client={client(sent)}>
      <DetailsPanel id="svc" expanded={expanded} {...actions} />
    </ApolloProvider>,
  );
  return { sent, actions };
}

describe('DetailsPanel', () => {
  it('shows the entity, its supplier, its dependencies grouped into alternatives, and who depends on it', async () => {
    const { sent } = renderPanel();
    expect(screen.getByText('Loading svc…')).toBeTruthy();
    expect(await screen.findByRole('heading', { level: 2, name: 'Claims API' })).toBeTruthy();
    expect(sent).toEqual([{ id: 'svc' }]);
    // Who asserted it (issue 13 item 3).
    expect(screen.getByText('Asserted by org-bay on 2026-01-05 · last confirmed 2026-06-01')).toBeTruthy();
    const section = (title: RegExp) => screen.getByRole('heading', { level: 3, name: title }).parentElement!;
    expect(within(section(/^Provided by/)).getByRole('button', { name: 'Clearing Co' })).toBeTruthy();
    const dependsOn = section(/^Depends on/);
    expect(within(dependsOn).getByText(/Any one of 2 alternatives/).textContent).toBe(
      'Any one of 2 alternatives (hosting)',
    );
    // Each group is a list item holding its members' items.
    const groups = within(dependsOn)
      .getAllByRole('listitem')
      .filter((li) => li.classList.contains('group'));
    expect(
      groups.map((g) =>
        within(g)
          .getAllByRole('listitem')
          .map((li) => li.textContent),
      ),
    ).toEqual([['Cloud A', `Cloud B · strength ${percent(0.5)} · contract`], ['DNS']]);
    expect(groups.map((g) => g.classList.contains('alt'))).toEqual([true, false]);
    // A service's single dependency is not flagged: its supplier is implicit, not an alternative.
    expect(within(dependsOn).queryByText(/no alternative/)).toBeNull();
    const dependedOn = section(/^Depended on by/);
    expect(
      within(dependedOn)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Submit claims · General Hospital · alternative in “claims”']);
  });

  it('its actions call back with the entity; a name selects that entity', async () => {
    const { actions } = renderPanel();
    await screen.findByRole('heading', { level: 2, name: 'Claims API' });
    fireEvent.click(screen.getByRole('button', { name: 'Trace paths' }));
    fireEvent.click(screen.getByRole('button', { name: 'Simulate failure' }));
    fireEvent.click(screen.getByRole('button', { name: 'Expand' }));
    fireEvent.click(screen.getByRole('button', { name: 'DNS' }));
    expect(actions.onTrace).toHaveBeenCalledWith('svc');
    expect(actions.onSimulate).toHaveBeenCalledWith('svc');
    expect(actions.onExpand).toHaveBeenCalledWith('svc');
    expect(actions.onSelect).toHaveBeenCalledWith('dns');
  });
});
