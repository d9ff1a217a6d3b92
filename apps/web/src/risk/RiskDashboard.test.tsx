// @vitest-environment happy-dom
import { ApolloClient, ApolloLink, InMemoryCache, Observable } from '@apollo/client';
import { ApolloProvider } from '@apollo/client/react';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RiskDashboard } from './RiskDashboard';

afterEach(cleanup);

const RANKED = {
  __typename: 'RiskRanking',
  entity: {
    __typename: 'Supplier',
    id: 'sup',
    name: 'Clearing Co',
    kind: 'SUPPLIER',
    category: 'Clearinghouse',
  },
  score: 321.5,
  capacityLoss: 1.2,
  directDependents: 40,
  organizationsAffected: 12,
  organizationsAffectedCount: { __typename: 'OrganizationCount', display: '12' },
  workflowsFailed: 30,
  functionsImpaired: 2,
  singlePointOfFailureFor: 5,
};

/**
 * A client that records every request by operation name; the main ranking (first: 50)
 * gets one supplier, everything else fails (the dashboard's other cards say so).
 */
function client(sent: { name: string; variables: Record<string, unknown> }[]) {
  const link = new ApolloLink(
    (operation) =>
      new Observable((observer) => {
        sent.push({ name: operation.operationName ?? '', variables: operation.variables });
        if (operation.operationName === 'SystemicRisk' && operation.variables.first === 50)
          observer.next({ data: { systemicRisk: [RANKED] } });
        else observer.next({ errors: [{ message: 'not in this test' }] });
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

function renderDashboard(route: { view: 'risk'; hours: number | null; invalidHours?: string }) {
  const sent: { name: string; variables: Record<string, unknown> }[] = [];
  render(
    <ApolloProvider client={client(sent)}>
      <RiskDashboard route={route} />
    </ApolloProvider>,
  );
  return sent;
}

const rankings = (sent: { name: string; variables: Record<string, unknown> }[]) =>
  sent.filter((s) => s.name === 'SystemicRisk' && s.variables.first === 50).map((s) => s.variables);

const rankingCard = () => screen.getByRole('region', { name: 'Ranked by systemic risk' });

describe('RiskDashboard', () => {
  it("ranks suppliers for the route's outage and lists them; the other cards are asked for once each", async () => {
    const sent = renderDashboard({ view: 'risk', hours: 72 });
    const table = (await within(rankingCard()).findAllByRole('link', { name: /Clearing Co/ }))[0]!.closest(
      'table',
    )!;
    expect(within(table).getAllByRole('row')).toHaveLength(2);
    expect(rankings(sent)).toEqual([{ kinds: ['SUPPLIER'], durationHours: 72, first: 50 }]);
    const names = sent.map((s) => s.name);
    for (const card of ['ConcentrationMatrix', 'FourthPartyConcentration', 'SinglePoints'])
      expect(names.filter((n) => n === card)).toHaveLength(1);
    // The single-points chart ranks suppliers, services and assets at an indefinite outage.
    expect(sent).toContainEqual({
      name: 'SystemicRisk',
      variables: { kinds: ['SUPPLIER', 'SERVICE', 'ASSET'], durationHours: null, first: 200 },
    });
    expect(
      (screen.getByRole('button', { name: 'Export CSV' }) as HTMLButtonElement).hasAttribute('disabled'),
    ).toBe(false);
  });

  it('choosing services ranks again with that kind', async () => {
    const sent = renderDashboard({ view: 'risk', hours: 72 });
    (await within(rankingCard()).findAllByRole('link', { name: /Clearing Co/ }))[0]!;
    fireEvent.click(screen.getByRole('radio', { name: 'Services' }));
    await vi.waitFor(() => expect(rankings(sent)).toHaveLength(2));
    expect(rankings(sent)[1]).toEqual({ kinds: ['SERVICE'], durationHours: 72, first: 50 });
  });

  it("says when the link's hours are not valid, and which default it shows", async () => {
    renderDashboard({ view: 'risk', hours: 72, invalidHours: 'soon' });
    const alert = screen.getAllByRole('alert').find((a) => a.textContent?.includes('hours=soon'));
    expect(alert?.textContent).toContain('Shown for the default, 72 h (3 days).');
  });
});
