// Traced paths for the route: queried, ordered clinical first, filtered by category
// (and target), and drawn as one scene.
import { skipToken, useQuery } from '@apollo/client/react';
import { useMemo } from 'react';
import type { PathsQuery, PathsQueryVariables } from '../generated/graphql';
import type { PathsRoute } from '../url/route';
import { PATHS } from './queries';
import { filterPaths, orderPaths, pathScene, type TracedPath, targetOf } from './pathScene';

/** Paths asked for per trace: shortest first, so the first 500 are the ones that matter. */
export const PATH_LIMIT = 500;

export function usePaths(route: PathsRoute | null, maxNodes: number) {
  const { toKinds, target } = targetOf(route?.to ?? null);
  const query = useQuery<PathsQuery, PathsQueryVariables>(
    PATHS,
    route ? { variables: { from: route.from, toKinds, maxDepth: 6, limit: PATH_LIMIT } } : skipToken,
  );
  const data = route ? query.data : undefined;
  const traced = useMemo<TracedPath[]>(
    () =>
      orderPaths(
        (data?.paths ?? []).map((p) => ({
          length: p.length,
          nodes: p.nodes.map((n) => ({
            id: n.id,
            name: n.name,
            kind: n.kind,
            category: 'workflowCategory' in n ? n.workflowCategory : null,
            criticality: 'criticality' in n ? (n.criticality ?? null) : null,
            organization: 'organization' in n ? (n.organization?.name ?? null) : null,
          })),
          hops: p.dependencies.map((d) =>
            d
              ? {
                  source: d.source ?? null,
                  confidence: d.confidence ?? null,
                  assertedBy: d.provenance.map((r) => ({
                    contributor: r.submission.contributor,
                    date: r.assertedAt,
                  })),
                }
              : null,
          ),
        })),
      ),
    [data],
  );
  const categories = route?.categories.join(',') ?? '';
  const shown = useMemo(
    () => filterPaths(traced, new Set(categories ? categories.split(',') : []), target),
    [traced, categories, target],
  );
  const scene = useMemo(() => pathScene(shown, maxNodes), [shown, maxNodes]);
  return { query, traced, shown, scene, key: route ? `${route.from}|${route.to}|${categories}` : '' };
}
