// An impact simulation as the explorer shows it: the report for the route's
// simulation (summary, timeline series, the entities the canvas draws), the
// causal-tree scene, and the state of every drawn entity at the scrubber's time.
// The tables page through the report themselves (usePages).
import { skipToken, useQuery } from '@apollo/client/react';
import { useEffect, useMemo, useState } from 'react';
import type {
  AffectedPageQuery,
  ImpactInput,
  ImpactQuery,
  ImpactQueryVariables,
  ImpactState,
} from '../generated/graphql';
import type { ImpactRoute } from '../url/route';
import { impactScene } from './impactScene';
import type { AffectedRow } from './model';
import { AFFECTED_PAGE, IMPACT } from './queries';
import { affectedRow, reportRows } from './report';
import { statesAt, timelineHorizon } from './timeline';
import { usePages } from './usePages';

/** The most entities the canvas asks for at once (the API's page limit). */
export const MAX_SCENE = 1000;

export const impactInput = (route: ImpactRoute): ImpactInput => ({
  failed: route.ids.map((id) => ({ id })),
  durationHours: route.hours,
  model: route.model,
});

export function useImpact(
  route: ImpactRoute | null,
  options: { limit: number; explain: AffectedRow | null; onCommitAt: (at: number | null) => void },
) {
  const { limit, explain, onCommitAt } = options;
  // A link with unreadable hours is shown as an error, never run.
  const input = route && route.invalidHours === undefined ? impactInput(route) : null;
  const sceneFirst = Math.min(MAX_SCENE, Math.max(1, limit));
  const query = useQuery<ImpactQuery, ImpactQueryVariables>(
    IMPACT,
    input ? { variables: { input, sceneFirst } } : skipToken,
  );
  const report = route ? query.data?.impact : undefined;
  const rows = useMemo(() => (report ? reportRows(report.scene.edges) : []), [report]);
  const drawn = useMemo(() => new Set(rows.map((r) => r.id)), [rows]);
  // An entity being explained is drawn with its causal chain even beyond the node limit.
  const chainIds = explain && !drawn.has(explain.id) ? explain.because : null;
  const chain = usePages<AffectedPageQuery, AffectedRow>(
    AFFECTED_PAGE,
    input && chainIds ? { input, ids: chainIds } : null,
    (d) => {
      const c = d.impact.affected;
      return { ...c, edges: c.edges.map((e) => ({ node: affectedRow(e.node) })) };
    },
  );
  const sceneRows = useMemo(
    () => (chainIds ? [...rows, ...chain.nodes.filter((r) => !drawn.has(r.id))] : rows),
    [rows, chain.nodes, chainIds, drawn],
  );
  const scene = useMemo(() => {
    const s = impactScene(sceneRows, rows.length, new Set(chainIds ?? []));
    // What the report holds beyond the drawn entities (the server pages the rest).
    return { ...s, omitted: Math.max(0, (report?.scene.totalCount ?? 0) - rows.length) };
  }, [sceneRows, rows.length, chainIds, report]);
  const horizon = useMemo(() => {
    const last = report?.timeline[report.timeline.length - 1]?.atHours ?? 0;
    return timelineHorizon([{ id: '', disruptedAtHours: last, failedAtHours: null }], route?.hours ?? null);
  }, [report, route?.hours]);

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
    if (route.model === 'INOPERABILITY') return new Map(sceneRows.map((r) => [r.id, r.state]));
    return statesAt(sceneRows, atClamped);
  }, [route, report, sceneRows, atClamped]);

  return {
    query,
    input,
    report,
    rows: sceneRows,
    scene,
    horizon,
    at: atClamped,
    setAt,
    states,
    key,
  };
}
