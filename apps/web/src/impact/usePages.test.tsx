// @vitest-environment happy-dom
// A report's page request is cancelled when nobody waits for it any more: the component
// unmounts (the user leaves the page) or its key changes (new input or filters). The
// fetch's signal is aborted, so the browser drops the request and the API stops the
// analysis and gives the user's slot back (at most 4 at once: a request left running
// made the next page's analyses answer 429 BUSY).
import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';
import { ApolloProvider } from '@apollo/client/react';
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { AFFECTED_PAGE } from './queries';
import { usePages } from './usePages';

afterEach(cleanup);

/** A client whose fetches never answer; each records its body and signal. */
function hangingClient() {
  const fetches: { key: string; signal: AbortSignal }[] = [];
  const fetch = (_uri: RequestInfo | URL, init?: RequestInit) => {
    const body = JSON.parse(String(init?.body)) as { variables: { input: { failed: { id: string }[] } } };
    fetches.push({ key: body.variables.input.failed[0]!.id, signal: init!.signal! });
    return new Promise<Response>(() => {});
  };
  const client = new ApolloClient({
    link: new HttpLink({ uri: 'http://api.test/graphql', fetch }),
    cache: new InMemoryCache(),
  });
  return { client, fetches };
}

function Pages({ k }: { k: string }) {
  const pages = usePages(AFFECTED_PAGE, { input: { failed: [{ id: k }] } }, () => null);
  return <p>{pages.loading ? 'loading' : 'idle'}</p>;
}

describe('usePages', () => {
  it('aborts its request in flight when the component unmounts', async () => {
    const { client, fetches } = hangingClient();
    const view = render(
      <ApolloProvider client={client}>
        <Pages k="a" />
      </ApolloProvider>,
    );
    await view.findByText('loading');
    expect(fetches.map((f) => [f.key, f.signal.aborted])).toEqual([['a', false]]);
    view.unmount();
    expect(fetches[0]!.signal.aborted).toBe(true);
  });

  it('aborts the request for the old key when the key changes, and keeps the new one', async () => {
    const { client, fetches } = hangingClient();
    const view = render(
      <ApolloProvider client={client}>
        <Pages k="a" />
      </ApolloProvider>,
    );
    await view.findByText('loading');
    view.rerender(
      <ApolloProvider client={client}>
        <Pages k="b" />
      </ApolloProvider>,
    );
    await new Promise((r) => setTimeout(r, 0));
    expect(fetches.map((f) => [f.key, f.signal.aborted])).toEqual([
      ['a', true],
      ['b', false],
    ]);
  });
});
