// An impact simulation as the explorer shows it: the report for the route's
// simulation (summary, timeline series), the top of its causal tree for the canvas
// (causalTop.ts: the failure, what lies between, the first workflows of each category,
// critical functions at the end; each category grows by "show more"), and the state of
// every drawn entity at the scrubber's time. The tables page through the report
// themselves (usePages).
import { skipToken, useApolloClient, useQuery } from '@apollo/client/react';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type {
  AffectedPageQuery,
  ImpactInput,
  ImpactQuery,
  ImpactQueryVariables,
  ImpactState,
  SceneChainQuery,
  SceneChainQueryVariables,
  SceneWorkflowsQuery,
  SceneWorkflowsQueryVariables,
} from '../generated/graphql';
import type { ImpactRoute } from '../url/route';
import {
  causalTopScene,
  chainIds,
  GROUP_STEP,
  type GroupPage,
  WORKFLOW_GROUPS,
  type WorkflowGroup,
} from './causalTop';
import type { AffectedRow } from './model';
import { AFFECTED_PAGE, IMPACT, SCENE_CHAIN, SCENE_WORKFLOWS } from './queries';
import { affectedRow } from './report';
import { statesAt, timelineHorizon } from './timeline';
import { usePages } from './usePages';

/** The most entities the API returns in one page. */
export const MAX_SCENE = 1000;

type Firsts = Record<WorkflowGroup, number>;
/** A report's three category pages (IMPACT and SCENE_WORKFLOWS ask for the same). */
type SceneGroups = Pick<SceneWorkflowsQuery['impact'], 'clinical' | 'administrative' | 'manufacturing'>;
const FIRSTS: Firsts = { CLINICAL: GROUP_STEP, ADMINISTRATIVE: GROUP_STEP, MANUFACTURING: GROUP_STEP };

interface Top {
  key: string;
  /** The simulation alone (without the group sizes). */
  inputKey: string;
  groups: GroupPage[];
  chain: AffectedRow[];
  supports: Map<string, string[]>;
}

/** The three categories' pages of a report (IMPACT or SCENE_WORKFLOWS), and what each workflow supports. */
function groupsOf(impact: SceneGroups): { groups: GroupPage[]; supports: Map<string, string[]> } {
  const supports = new Map<string, string[]>();
  const groups: GroupPage[] = WORKFLOW_GROUPS.map((category) => {
    const page =
      impact[
        category === 'CLINICAL'
          ? 'clinical'
          : category === 'ADMINISTRATIVE'
            ? 'administrative'
            : 'manufacturing'
      ];
    for (const e of page.edges)
      if ('functions' in e.node.entity)
        supports.set(
          e.node.entity.id,
          e.node.entity.functions.map((f) => f.id),
        );
    return { category, total: page.totalCount, rows: page.edges.map((e) => affectedRow(e.node)) };
  });
  return { groups, supports };
}

/**
 * The top of the causal tree for `input`: each category's first workflows (with the
 * report; more by SCENE_WORKFLOWS on "show more"), then the entities on their chains by
 * id (one request per 1,000). Requests bypass Apollo's cache: a report is a value
 * replaced whole there, and the summary's query must not be overwritten by these.
 */
function useCausalTop(
  input: ImpactInput | null,
  failed: readonly string[],
  firsts: Firsts,
  /** The report, with the first workflows of each category; the tree's requests wait for it. */
  report: SceneGroups | undefined,
) {
  const client = useApolloClient();
  const ready = Boolean(report);
  const inputKey = input ? JSON.stringify(input) : '';
  const key = input ? JSON.stringify([input, firsts]) : '';
  const [top, setTop] = useState<Top | null>(null);
  const [error, setError] = useState<string | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for input and firsts
  useEffect(() => {
    // One analysis at a time for the tree, after the report's: a user runs at most 4 at
    // once (SMART_MAX_CONCURRENT_ANALYSES), and the tables and the timeline run theirs too.
    if (!input || !ready) return;
    let live = true;
    // Cancelled with the effect (new input, unmount): the server stops the analysis.
    const stop = new AbortController();
    const context = { fetchOptions: { signal: stop.signal } };
    setError(null);
    (async () => {
      let impact: SceneGroups | undefined = report;
      if (WORKFLOW_GROUPS.some((g) => firsts[g] !== FIRSTS[g])) {
        const res = await client.query<SceneWorkflowsQuery, SceneWorkflowsQueryVariables>({
          query: SCENE_WORKFLOWS,
          variables: {
            input,
            clinical: Math.min(MAX_SCENE, firsts.CLINICAL),
            administrative: Math.min(MAX_SCENE, firsts.ADMINISTRATIVE),
            manufacturing: Math.min(MAX_SCENE, firsts.MANUFACTURING),
          },
          fetchPolicy: 'no-cache',
          context,
        });
        impact = res.data?.impact;
      }
      if (!impact) throw new Error('no answer');
      const { groups, supports } = groupsOf(impact);
      const ids = chainIds(failed, groups);
      const chain: AffectedRow[] = [];
      for (let i = 0; i < ids.length; i += MAX_SCENE) {
        const part = ids.slice(i, i + MAX_SCENE);
        const c = await client.query<SceneChainQuery, SceneChainQueryVariables>({
          query: SCENE_CHAIN,
          variables: { input, ids: part, first: part.length },
          fetchPolicy: 'no-cache',
          context,
        });
        if (!c.data) throw new Error(c.error?.message ?? 'no answer');
        chain.push(...c.data.impact.affected.edges.map((e) => affectedRow(e.node)));
      }
      if (live) setTop({ key, inputKey, groups, chain, supports });
    })().catch((e: unknown) => {
      if (live) setError((e as Error).message);
    });
    return () => {
      live = false;
      stop.abort();
    };
  }, [client, key, ready]);
  return {
    // While "show more" loads, the tree drawn so far stays (the same simulation).
    top: top && top.inputKey === inputKey ? top : null,
    loading: Boolean(input) && top?.key !== key && !error,
    error,
  };
}

export const impactInput = (route: ImpactRoute): ImpactInput => ({
  failed: route.ids.map((id) => ({ id })),
  durationHours: route.hours,
  model: route.model,
});

export function useImpact(
  route: ImpactRoute | null,
  options: { explain: AffectedRow | null; onCommitAt: (at: number | null) => void },
) {
  const { explain, onCommitAt } = options;
  // A link with unreadable hours is shown as an error, never run.
  const input = route && route.invalidHours === undefined ? impactInput(route) : null;
  const query = useQuery<ImpactQuery, ImpactQueryVariables>(
    IMPACT,
    input
      ? {
          variables: {
            input,
            clinical: FIRSTS.CLINICAL,
            administrative: FIRSTS.ADMINISTRATIVE,
            manufacturing: FIRSTS.MANUFACTURING,
          },
        }
      : skipToken,
  );
  const report = route ? query.data?.impact : undefined;
  const key = route ? `${route.ids.join(',')}|${route.hours}|${route.model}` : '';

  // ---- the top of the causal tree, a category at a time ----
  const [firsts, setFirsts] = useState<Firsts>(FIRSTS);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new simulation starts from the first workflows
  useEffect(() => setFirsts(FIRSTS), [key]);
  const showMore = useCallback(
    (group: WorkflowGroup) => setFirsts((f) => ({ ...f, [group]: f[group] + GROUP_STEP })),
    [],
  );
  const causal = useCausalTop(input, route?.ids ?? [], firsts, report);
  const top = causal.top;
  const rows = useMemo(
    () =>
      top
        ? [...new Map([...top.chain, ...top.groups.flatMap((g) => g.rows)].map((r) => [r.id, r])).values()]
        : [],
    [top],
  );
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
  const scene = useMemo(
    () =>
      causalTopScene({
        groups: top?.groups ?? [],
        chain: top?.chain ?? [],
        include: chainIds ? chain.nodes.filter((r) => !drawn.has(r.id)) : [],
        supports: top?.supports ?? new Map(),
        functions: (report?.summary.functions ?? []).map((f) => ({
          id: f.function.id,
          name: f.function.name,
          capacityLoss: f.capacityLoss,
        })),
        totalAffected: report?.scene.totalCount ?? 0,
      }),
    [top, chainIds, chain.nodes, drawn, report],
  );
  const horizon = useMemo(() => {
    const last = report?.timeline[report.timeline.length - 1]?.atHours ?? 0;
    return timelineHorizon([{ id: '', disruptedAtHours: last, failedAtHours: null }], route?.hours ?? null);
  }, [report, route?.hours]);

  const [at, setAt] = useState<number>(route?.at ?? Number.POSITIVE_INFINITY);
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
    const s =
      route.model === 'INOPERABILITY'
        ? new Map(sceneRows.map((r) => [r.id, r.state]))
        : statesAt(sceneRows, atClamped);
    // A critical function is drawn impaired (DEGRADED) while a drawn workflow supporting it is affected.
    for (const e of scene.edges)
      if (e.type === 'SUPPORTS' && s.has(e.source) && !s.has(e.target)) s.set(e.target, 'DEGRADED');
    return s;
  }, [route, report, sceneRows, atClamped, scene]);

  return {
    query,
    input,
    report,
    rows: sceneRows,
    scene,
    /** The tree is being read (first time or "show more"). */
    sceneLoading: causal.loading,
    sceneError: causal.error,
    showMore,
    horizon,
    at: atClamped,
    setAt,
    states,
    key,
  };
}
