// Pages of a report's connection (affected entities, organizations), loaded one after
// another with "load more". Each page is a fresh request (no cache): the report is
// recomputed by the server and its cursors hold for its graph version, so pages of
// one list never mix two versions; a change of `key` (input, filters, order) starts over.
// A request still in flight is cancelled (its fetch aborted, so the server stops the
// analysis and gives the user's slot back) when the key changes or the component goes.
import { useApolloClient } from '@apollo/client/react';
import type { DocumentNode } from 'graphql';
import { useCallback, useEffect, useRef, useState } from 'react';

export interface Connection<N> {
  totalCount: number;
  edges: { node: N }[];
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
}

export interface Pages<N> {
  nodes: N[];
  totalCount: number | null;
  hasMore: boolean;
  loading: boolean;
  error: string | null;
  loadMore: () => void;
}

export function usePages<Q, N>(
  query: DocumentNode,
  /** Variables without `first`/`after`; null: nothing to load. */
  variables: Record<string, unknown> | null,
  pick: (data: Q) => Connection<N> | null | undefined,
  pageSize = 100,
): Pages<N> {
  const client = useApolloClient();
  const key = variables ? JSON.stringify(variables) : '';
  const [state, setState] = useState<{
    key: string;
    nodes: N[];
    total: number | null;
    cursor: string | null;
    hasMore: boolean;
  }>({ key: '', nodes: [], total: null, cursor: null, hasMore: false });
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const current = useRef(key);
  current.current = key;
  const pickRef = useRef(pick);
  pickRef.current = pick;
  // `key` stands for the variables: a new object with the same content loads nothing.
  const varsRef = useRef(variables);
  varsRef.current = variables;
  const inFlight = useRef<AbortController | null>(null);

  const load = useCallback(
    async (after: string | null, append: boolean) => {
      const vars = varsRef.current;
      if (!vars) return;
      const asked = key;
      inFlight.current?.abort();
      const stop = new AbortController();
      inFlight.current = stop;
      setLoading(true);
      setError(null);
      try {
        const res = await client.query<Q>({
          query,
          variables: { ...vars, first: pageSize, after },
          fetchPolicy: 'no-cache',
          context: { fetchOptions: { signal: stop.signal } },
        });
        if (current.current !== asked) return; // the filters changed meanwhile
        const page = res.data ? pickRef.current(res.data as Q) : null;
        if (!page) throw new Error(res.error?.message ?? 'no answer');
        setState((s) => ({
          key: asked,
          nodes:
            append && s.key === asked
              ? [...s.nodes, ...page.edges.map((e) => e.node)]
              : page.edges.map((e) => e.node),
          total: page.totalCount,
          cursor: page.pageInfo.endCursor ?? null,
          hasMore: page.pageInfo.hasNextPage,
        }));
      } catch (e) {
        if (stop.signal.aborted) return; // cancelled: nobody waits for it
        if (current.current === asked) setError((e as Error).message);
      } finally {
        if (current.current === asked) setLoading(false);
      }
    },
    [client, query, key, pageSize],
  );

  useEffect(() => {
    void load(null, false);
    return () => inFlight.current?.abort();
  }, [load]);

  const fresh = state.key === key;
  return {
    nodes: fresh ? state.nodes : [],
    totalCount: fresh ? state.total : null,
    hasMore: fresh && state.hasMore,
    loading,
    error,
    loadMore: () => {
      if (fresh && state.hasMore && !loading) void load(state.cursor, true);
    },
  };
}
