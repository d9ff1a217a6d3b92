// An impact simulation as the explorer shows it: the report for the route's
// simulation, its rows, the causal-tree scene, and the state of every entity at the
// scrubber's time.
import { skipToken, useQuery } from '@apollo/client/react';
import { useEffect, useMemo, useState } from 'react';
import type { ImpactQuery, ImpactQueryVariables, ImpactState } from '../generated/graphql';
import type { ImpactRoute } from '../url/route';
import { impactScene } from './impactScene';
import { IMPACT } from './queries';
import { reportRows } from './report';
import { statesAt, timelineHorizon } from './timeline';

export function useImpact(
  route: ImpactRoute | null,
  options: { limit: number; explain: string | null; onCommitAt: (at: number | null) => void },
) {
  const { limit, explain, onCommitAt } = options;
  const query = useQuery<ImpactQuery, ImpactQueryVariables>(
    IMPACT,
    // A link with unreadable hours is shown as an error, never run.
    route && route.invalidHours === undefined
      ? {
          variables: {
            input: {
              failed: route.ids.map((id) => ({ id })),
              durationHours: route.hours,
              model: route.model,
            },
          },
        }
      : skipToken,
  );
  const report = route ? query.data?.impact : undefined;
  const rows = useMemo(() => (report ? reportRows(report) : []), [report]);
  const baseScene = useMemo(() => impactScene(rows, limit), [rows, limit]);
  // An entity being explained is drawn even when it lies beyond the node limit.
  const scene = useMemo(
    () =>
      explain && !baseScene.nodes.some((n) => n.id === explain)
        ? impactScene(rows, limit, new Set([explain]))
        : baseScene,
    [rows, limit, explain, baseScene],
  );
  const horizon = useMemo(() => timelineHorizon(rows, route?.hours ?? null), [rows, route?.hours]);

  const [at, setAt] = useState<number>(route?.at ?? Number.POSITIVE_INFINITY);
  const key = route ? `${route.ids.join(',')}|${route.hours}|${route.model}` : '';
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new simulation restarts the scrubber
  useEffect(() => setAt(route?.at ?? Number.POSITIVE_INFINITY), [key]);
  const atClamped = Math.min(at, horizon);
  // The scrubber goes into the URL a moment after it stops moving.
  const routeAt = route?.at ?? null;
  useEffect(() => {
    if (!key) return;
    const t = setTimeout(() => {
      const value = at >= horizon ? null : Math.round(at * 100) / 100;
      if (value !== routeAt) onCommitAt(value);
    }, 500);
    return () => clearTimeout(t);
  }, [at, horizon, key, routeAt, onCommitAt]);

  const states = useMemo<Map<string, ImpactState> | null>(() => {
    if (!route || !report) return null;
    // The inoperability model has no times: every state holds from the start.
    if (route.model === 'INOPERABILITY') return new Map(rows.map((r) => [r.id, r.state]));
    return statesAt(rows, atClamped);
  }, [route, report, rows, atClamped]);

  return { query, report, rows, scene, horizon, at: atClamped, setAt, states, key };
}
