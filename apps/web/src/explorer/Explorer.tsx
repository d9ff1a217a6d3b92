// The explorer view: one canvas, three ways to fill it (exploring neighbourhoods, an
// impact simulation's causal tree, traced paths), all driven by the URL.
import { useApolloClient } from '@apollo/client/react';
import { useCallback, useEffect, useMemo, useReducer, useRef } from 'react';
import { invalidateGraphData } from '../apollo';
import { can } from '../auth/roles';
import { type EditDone, EditPanel } from '../edit/EditPanel';
import type { NeighborhoodQuery, NeighborhoodQueryVariables, Role } from '../generated/graphql';
import { AffectedTable } from '../impact/AffectedTable';
import type { AffectedRow } from '../impact/model';
import { OrganizationTable } from '../impact/OrganizationTable';
import { RegionMap } from '../impact/RegionMap';
import { formatHours, outagePhrase } from '../impact/duration';
import { GROUP_LABEL, GROUP_STEP } from '../impact/causalTop';
import { causeEdgeIds } from '../impact/impactScene';
import { ImpactAggregates } from '../impact/ImpactAggregates';
import { ImpactSummary } from '../impact/ImpactSummary';
import { SaveScenario } from '../impact/SaveScenario';
import { type Named, SimulateForm } from '../impact/SimulateForm';
import { Timeline } from '../impact/Timeline';
import { impactInput, useImpact } from '../impact/useImpact';
import { WhatIfPanel } from '../impact/WhatIfPanel';
import { PathsPanel } from '../paths/PathsPanel';
import { pathEdgeId } from '../paths/pathScene';
import { PATH_LIMIT, usePaths } from '../paths/usePaths';
import { lastOutageHours, rememberOutageHours, usePreferences } from '../settings';
import type { ExplorerRoute, ImpactRoute, PathsRoute } from '../url/route';
import { navigate } from '../url/useRoute';
import { DetailsPanel } from './DetailsPanel';
import { explorerReducer, type ExplorerMode, initialExplorerState, type PanelTab } from './explorerState';
import { isCluster, toScene } from './exploreModel';
import { hiddenNodes } from './filters';
import { GraphCanvas } from './GraphCanvas';
import { NEIGHBORHOOD } from './queries';
import type { Scene, SceneNode, StoredEdge } from './scene';
import { Sidebar } from './Sidebar';
import { StartHere } from './StartHere';

export function Explorer({ route, role }: { route: ExplorerRoute; role: Role }) {
  const client = useApolloClient();
  const [prefs, setPrefs] = usePreferences();
  const mode: ExplorerMode = route.paths ? 'paths' : route.impact ? 'impact' : 'explore';
  // Every state transition is explorerState.ts's reducer; this component runs the effects.
  const [state, dispatch] = useReducer(explorerReducer, mode, initialExplorerState);
  const { model, filters, frame, explained, resultsTab, pathIndex, notice, busy, tab, drawer } = state;
  const { lastEdit, editNote } = state;
  // The state as of the last render, for callbacks that must not re-run when it changes.
  const latest = useRef(state);
  latest.current = state;
  const explain = explained?.id ?? null;
  const selected = route.focus;
  // A selection made on the canvas is not re-framed (the user is already looking at it).
  const clickedOnCanvas = useRef<string | null>(null);

  useEffect(() => dispatch({ type: 'modeEntered', mode }), [mode]);

  const go = useCallback(
    (patch: Partial<ExplorerRoute>, replace = false) => navigate({ ...route, ...patch }, { replace }),
    [route],
  );

  // ---- exploring: neighbourhoods ------------------------------------------------------
  const expandOptions = { maxNodes: prefs.maxNodes, fanoutThreshold: prefs.fanoutThreshold, page: 50 };
  const expand = useCallback(
    async (id: string, opts: { frame?: boolean } = {}) => {
      if (isCluster(id)) return;
      dispatch({ type: 'neighbourhoodRequested' });
      try {
        const res = await client.query<NeighborhoodQuery, NeighborhoodQueryVariables>({
          query: NEIGHBORHOOD,
          // the API's most per neighbourhood is 5,000
          variables: { id, depth: 1, limit: Math.min(5000, prefs.maxNodes * 2) },
        });
        const nb = res.data?.neighborhood;
        if (!nb) throw new Error(res.error?.message ?? 'no answer');
        const nodes: SceneNode[] = nb.nodes.map((n) => ({
          id: n.id,
          label: n.name,
          kind: n.kind,
          subsector: n.subsector ?? null,
          category: n.category ?? null,
          dependents: n.dependents,
        }));
        const edges: StoredEdge[] = nb.edges.map((e) => ({
          id: e.id,
          source: e.source,
          target: e.target,
          type: e.type,
          group: e.group ?? null,
        }));
        dispatch({
          type: 'neighbourhoodLoaded',
          id,
          data: { nodes, edges },
          truncated: nb.truncated,
          limits: { maxNodes: prefs.maxNodes, fanoutThreshold: prefs.fanoutThreshold },
          frameNonce: opts.frame ? Date.now() : null,
        });
      } catch (e) {
        dispatch({ type: 'neighbourhoodFailed', id, message: (e as Error).message });
      }
    },
    [client, prefs.maxNodes, prefs.fanoutThreshold],
  );

  // ---- edits (ANALYST and up): refresh to the new graph version, offer the undo --------
  const afterEdit = useCallback(
    async (removed: readonly string[], focus?: string) => {
      // Everything read from the old graph goes (the open simulation and paths run again).
      invalidateGraphData(client);
      if (focus) go({ focus }, false);
      else if (selected && removed.includes(selected)) go({ focus: null }, true);
      // The canvas is rebuilt from the neighbourhoods that were open, read again.
      const open = [...latest.current.model.expanded].filter((id) => !removed.includes(id));
      dispatch({ type: 'mapReset' });
      for (const id of open) await expand(id);
    },
    [client, go, selected, expand],
  );
  const onEdited = (done: EditDone) => {
    dispatch({ type: 'entityEdited', done });
    void afterEdit(done.removed ?? [], done.focus);
  };
  const undoLast = async () => {
    const edit = lastEdit;
    if (!edit) return;
    dispatch({ type: 'undoStarted' });
    try {
      dispatch({ type: 'undoFinished', note: await edit.undo() });
    } catch (e) {
      dispatch({ type: 'undoFinished', note: `Could not undo: ${(e as Error).message}` });
    }
    await afterEdit(edit.undoRemoves ?? []);
  };

  const doCollapse = (id: string) =>
    dispatch({ type: 'entityCollapsed', id, keep: new Set(selected ? [selected] : []) });
  const doOpenCluster = (id: string) => dispatch({ type: 'clusterOpened', id, limits: expandOptions });

  // Focus from the URL (search, deep link, a link in a panel): load and frame it.
  useEffect(() => {
    if (!selected) return;
    if (clickedOnCanvas.current === selected) {
      clickedOnCanvas.current = null;
      return;
    }
    if (mode === 'explore' && !latest.current.model.nodes.has(selected))
      void expand(selected, { frame: true });
    else dispatch({ type: 'entityFramed', id: selected, nonce: Date.now() });
    if (mode === 'explore') dispatch({ type: 'tabChosen', tab: 'details' });
  }, [selected, mode, expand]);

  // ---- impact -------------------------------------------------------------------------
  const impactRoute = route.impact;
  const commitAt = useCallback(
    (at: number | null) => {
      if (route.impact) go({ impact: { ...route.impact, at } }, true);
    },
    [route.impact, go],
  );
  const impact = useImpact(impactRoute, { explain: explained, onCommitAt: commitAt });
  const { report, rows, horizon, states } = impact;
  const iScene = impact.scene;
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new simulation clears the explanation
  useEffect(() => dispatch({ type: 'rowExplained', row: null }), [impact.key]);
  const rowNames = useMemo(() => new Map<string, Named>(rows.map((r) => [r.id, r])), [rows]);

  // ---- paths --------------------------------------------------------------------------
  const pathsRoute = route.paths;
  const paths = usePaths(pathsRoute, prefs.maxNodes);
  const { traced, shown: shownPaths } = paths;
  const pScene = paths.scene;
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new trace clears the highlighted path
  useEffect(() => dispatch({ type: 'pathHighlighted', index: null }), [paths.key]);

  // ---- what the canvas shows ---------------------------------------------------------------
  const exploreScene = useMemo(() => toScene(model), [model]);
  const scene: Scene = mode === 'impact' ? iScene : mode === 'paths' ? pScene : exploreScene;
  const keep = useMemo(() => {
    const k = new Set<string>(impactRoute?.ids ?? []);
    if (selected) k.add(selected);
    if (pathsRoute) k.add(pathsRoute.from);
    return k;
  }, [impactRoute, selected, pathsRoute]);
  const hidden = useMemo(() => hiddenNodes(scene.nodes, filters, keep), [scene, filters, keep]);
  const highlight = useMemo(() => {
    if (mode === 'impact' && explained) {
      const path = explained.because;
      return { nodes: new Set(path), edges: new Set(causeEdgeIds(path)) };
    }
    if (mode === 'paths' && pathIndex !== null) {
      const p = shownPaths[pathIndex];
      if (p) {
        const ids = p.nodes.map((n) => n.id);
        return { nodes: new Set(ids), edges: new Set(ids.slice(1).map((id, i) => pathEdgeId(ids[i]!, id))) };
      }
    }
    return null;
  }, [mode, explained, pathIndex, shownPaths]);

  const sceneName = (id: string) =>
    scene.nodes.find((n) => n.id === id)?.label ?? rowNames.get(id)?.name ?? id;
  const selectedNamed: Named | null = selected
    ? { id: selected, name: sceneName(selected), kind: scene.nodes.find((n) => n.id === selected)?.kind }
    : null;

  const onCanvasSelect = (id: string | null) => {
    if (id) clickedOnCanvas.current = id;
    if (mode === 'impact') dispatch({ type: 'rowExplained', row: rows.find((r) => r.id === id) ?? null });
    if (mode === 'explore' && id) dispatch({ type: 'tabChosen', tab: 'details' });
    go({ focus: id }, true);
  };
  const selectFromPanel = (id: string, row?: AffectedRow) => {
    if (mode === 'impact')
      dispatch({ type: 'rowExplained', row: row ?? rows.find((r) => r.id === id) ?? null });
    go({ focus: id }, true);
  };
  const runImpact = (r: ImpactRoute) => {
    rememberOutageHours(r.hours);
    go({ impact: r, paths: null });
  };
  const runPaths = (p: PathsRoute) => go({ paths: p, impact: null, focus: route.focus ?? p.from });
  const simulate = (id: string) =>
    runImpact({ ids: [id], hours: lastOutageHours(), model: 'DISCRETE', at: null });
  const trace = (id: string) => runPaths({ from: id, to: null, categories: [] });

  const title =
    mode === 'impact' && impactRoute
      ? `Impact: ${impactRoute.ids.map(sceneName).join(', ')} failing ${
          impactRoute.invalidHours === undefined ? outagePhrase(impactRoute.hours) : '(invalid duration)'
        }`
      : mode === 'paths' && pathsRoute
        ? `Paths from ${sceneName(pathsRoute.from)}`
        : 'Explorer';
  const description =
    mode === 'impact'
      ? `Top of the causal tree of the simulated failure: ${iScene.nodes.length} entities drawn, the most critical workflows of each category first and the critical functions they support at the end. The table below lists every affected entity.`
      : mode === 'paths'
        ? `Dependency paths drawn left to right; the list on the right describes them.`
        : `Dependency map with ${scene.nodes.length} entities. Use the search box and the "On the canvas" list to move between them.`;

  return (
    <div className={`explorer mode-${mode}${drawer && mode === 'impact' ? ' with-drawer' : ''}`}>
      <Sidebar
        nodes={scene.nodes}
        hiddenCount={hidden.size}
        filters={filters}
        onFilters={(f) => dispatch({ type: 'filtersChanged', filters: f })}
        prefs={prefs}
        onPrefs={setPrefs}
        impactLegend={mode === 'impact'}
        selected={selected}
        onPick={(h) => {
          if (scene.nodes.some((n) => n.id === h.id)) selectFromPanel(h.id);
          else go({ focus: h.id, impact: null, paths: null });
        }}
        onSelect={selectFromPanel}
        onOpenCluster={doOpenCluster}
      />

      <section className="stage" aria-label="Map">
        <div className="stage-head">
          <h1 className="stage-title" title={title}>
            {title}
          </h1>
          {busy && <span className="muted small">Loading…</span>}
          {mode === 'explore' && model.nodes.size > 0 && (
            <button
              type="button"
              className="link small"
              onClick={() => {
                dispatch({ type: 'mapCleared' });
                go({ focus: null });
              }}
            >
              Clear map
            </button>
          )}
          {mode === 'impact' && (
            <button
              type="button"
              className="link small"
              onClick={() => dispatch({ type: 'drawerToggled' })}
              aria-expanded={drawer}
            >
              {drawer ? 'Hide table' : 'Show table'}
            </button>
          )}
        </div>
        <div className="canvas-area">
          <GraphCanvas
            scene={scene}
            layout={prefs.layout}
            selected={selected}
            states={states}
            hidden={hidden}
            highlight={highlight}
            frame={frame}
            onSelect={onCanvasSelect}
            onExpand={(id) => {
              if (mode !== 'explore') go({ focus: id, impact: null, paths: null });
              else if (model.expanded.has(id)) doCollapse(id);
              else void expand(id);
            }}
            onOpenCluster={doOpenCluster}
            description={description}
          />
          {mode === 'explore' && model.nodes.size === 0 && !busy && !selected && (
            <StartHere onPick={(id) => go({ focus: id })} />
          )}
          {mode === 'impact' && report && iScene.groups.some((g) => g.total > 0) && (
            <section className="canvas-info small scene-groups" aria-label="Drawn on the map">
              <p>
                Drawn: the failure, what lies between it and the workflows, the most critical workflows of
                each category (then the earliest to fail), and {iScene.functions} critical function
                {iScene.functions === 1 ? '' : 's'} at the end.
                {iScene.omitted > 0 &&
                  ` ${iScene.omitted.toLocaleString('en-US')} more affected are in the table.`}
              </p>
              <ul>
                {iScene.groups
                  .filter((g) => g.total > 0)
                  .map((g) => (
                    <li key={g.category} data-group={g.category}>
                      {GROUP_LABEL[g.category]}:{' '}
                      <span data-testid="drawn">{g.drawn.toLocaleString('en-US')}</span> of{' '}
                      <span data-testid="total">{g.total.toLocaleString('en-US')}</span>
                      {g.drawn < g.total && (
                        <>
                          {' '}
                          <button
                            type="button"
                            className="link"
                            disabled={impact.sceneLoading}
                            onClick={() => impact.showMore(g.category)}
                          >
                            Show {Math.min(GROUP_STEP, g.total - g.drawn)} more
                          </button>
                        </>
                      )}
                    </li>
                  ))}
              </ul>
            </section>
          )}
          {mode === 'impact' && impact.sceneError && (
            <p className="canvas-notice" role="alert">
              Could not draw the causal tree: {impact.sceneError}
            </p>
          )}
          {mode === 'impact' && impact.query.loading && <p className="canvas-status">Simulating…</p>}
          {mode === 'paths' && paths.query.loading && <p className="canvas-status">Tracing…</p>}
          {notice && (
            <p className="canvas-notice" role="status">
              {notice}{' '}
              <button
                type="button"
                className="link"
                onClick={() => dispatch({ type: 'noticeDismissed' })}
                aria-label="Dismiss"
              >
                ×
              </button>
            </p>
          )}
        </div>
      </section>

      <aside className="panel" aria-label="Details and analysis">
        <div className="tabs" role="tablist" aria-label="Panels">
          {(
            [
              ['details', 'Details'],
              ['impact', 'Simulate'],
              ['paths', 'Paths'],
            ] as [PanelTab, string][]
          ).map(([t, label]) => (
            <button
              key={t}
              type="button"
              role="tab"
              id={`tab-${t}`}
              aria-selected={tab === t}
              aria-controls={`tabpanel-${t}`}
              tabIndex={tab === t ? 0 : -1}
              className={tab === t ? 'tab active' : 'tab'}
              onClick={() => dispatch({ type: 'tabChosen', tab: t })}
              onKeyDown={(e) => {
                const order: PanelTab[] = ['details', 'impact', 'paths'];
                const i = order.indexOf(t);
                if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
                  const next = order[(i + (e.key === 'ArrowRight' ? 1 : 2)) % 3]!;
                  dispatch({ type: 'tabChosen', tab: next });
                  document.getElementById(`tab-${next}`)?.focus();
                }
              }}
            >
              {label}
            </button>
          ))}
        </div>
        <div className="tabpanel" role="tabpanel" id={`tabpanel-${tab}`} aria-labelledby={`tab-${tab}`}>
          {(lastEdit || editNote) && (
            <div className="edit-undo" role="status" aria-label="Last edit">
              <span>{lastEdit ? lastEdit.label : editNote}</span>
              {lastEdit && (
                <button type="button" onClick={() => void undoLast()}>
                  Undo
                </button>
              )}
              <button
                type="button"
                className="link"
                aria-label="Dismiss"
                onClick={() => dispatch({ type: 'editDismissed' })}
              >
                ✕
              </button>
            </div>
          )}
          {tab === 'details' &&
            (selected && !isCluster(selected) ? (
              <DetailsPanel
                id={selected}
                impact={
                  mode === 'impact'
                    ? (rows.find((r) => r.id === selected) ??
                      (explained?.id === selected ? explained : undefined))
                    : undefined
                }
                expanded={mode === 'explore' && model.expanded.has(selected)}
                onSelect={(id) => go({ focus: id }, false)}
                onTrace={trace}
                onSimulate={simulate}
                onExpand={(id) => {
                  if (mode !== 'explore') go({ focus: id, impact: null, paths: null });
                  else void expand(id, { frame: true });
                }}
                onCollapse={doCollapse}
                editor={can(role, 'edit') ? <EditPanel id={selected} onDone={onEdited} /> : undefined}
              />
            ) : (
              <div className="hint">
                <h2>Details</h2>
                <p className="muted">
                  Select an entity on the map (click), or search for one. Double-click a node to expand its
                  neighbourhood, again to collapse it.
                </p>
              </div>
            ))}
          {tab === 'impact' && (
            <div className="impact-panel">
              <SimulateForm
                current={impactRoute}
                suggestion={selectedNamed}
                names={rowNames}
                onRun={runImpact}
                onClear={() => go({ impact: null })}
              />
              {impactRoute?.invalidHours !== undefined && (
                <p className="alert" role="alert">
                  The link's outage duration <code>hours={impactRoute.invalidHours}</code> is not valid: give
                  a positive number of hours (for example <code>hours=54</code>), or{' '}
                  <code>hours=indefinite</code>. Choose a duration below and run the simulation.
                </p>
              )}
              {impactRoute && impact.query.error && (
                <p className="alert" role="alert">
                  The simulation failed: {impact.query.error.message}
                </p>
              )}
              {impactRoute && report && (
                <>
                  <ImpactSummary
                    report={report}
                    note={
                      impactRoute.hours === null
                        ? 'If it never recovers.'
                        : `At the end of an outage of ${formatHours(impactRoute.hours)}.`
                    }
                  />
                  <ImpactAggregates
                    summary={report.summary}
                    timeline={report.timeline}
                    timed={impactRoute.model !== 'INOPERABILITY'}
                  />
                  {can(role, 'saveScenario') && (
                    <SaveScenario
                      input={impactInput(impactRoute)}
                      defaultName={`${impactRoute.ids.map(sceneName).join(' + ')} · ${formatHours(impactRoute.hours)}`}
                    />
                  )}
                  <WhatIfPanel
                    key={impact.key}
                    input={impactInput(impactRoute)}
                    defaultName={`${impactRoute.ids.map(sceneName).join(' + ')} · ${formatHours(impactRoute.hours)}`}
                    canSave={can(role, 'saveScenario')}
                  />
                  <p className="muted small">Graph version {report.graphVersion}</p>
                </>
              )}
            </div>
          )}
          {tab === 'paths' && (
            <PathsPanel
              route={pathsRoute}
              fromName={pathsRoute ? sceneName(pathsRoute.from) : null}
              suggestion={selectedNamed}
              paths={shownPaths}
              total={traced.length}
              loading={paths.query.loading}
              error={paths.query.error ? paths.query.error.message : null}
              highlighted={pathIndex}
              omitted={pScene.omittedPaths}
              limit={PATH_LIMIT}
              onRoute={runPaths}
              onHighlight={(index) => dispatch({ type: 'pathHighlighted', index })}
              onSelect={selectFromPanel}
              onClose={() => go({ paths: null })}
            />
          )}
        </div>
      </aside>
      {mode === 'impact' && drawer && report && impact.input && (
        <div className="drawer">
          {impactRoute?.model !== 'INOPERABILITY' && (
            <Timeline
              input={impact.input}
              series={report.timeline}
              horizon={horizon}
              at={impact.at}
              onAt={impact.setAt}
              onPick={(row) => {
                dispatch({ type: 'rowExplained', row });
                go({ focus: row.id }, true);
              }}
            />
          )}
          <div className="drawer-results">
            <div className="drawer-tabs" role="tablist" aria-label="Results">
              {(
                [
                  ['entities', 'Affected entities'],
                  ['organizations', 'By organization'],
                  ['regions', 'Where it hits'],
                ] as const
              ).map(([t, label]) => (
                <button
                  key={t}
                  type="button"
                  role="tab"
                  aria-selected={resultsTab === t}
                  className={resultsTab === t ? 'tab active' : 'tab'}
                  onClick={() => dispatch({ type: 'resultsTabChosen', tab: t })}
                >
                  {label}
                </button>
              ))}
            </div>
            {resultsTab === 'entities' ? (
              <AffectedTable
                input={impact.input}
                at={impactRoute?.model === 'INOPERABILITY' ? 0 : impact.at}
                selected={selected}
                highlighted={explain}
                showInoperability={impactRoute?.model === 'INOPERABILITY'}
                onSelect={(id, row) => selectFromPanel(id, row)}
                onExplain={(r) => dispatch({ type: 'explanationToggled', row: r })}
              />
            ) : resultsTab === 'organizations' ? (
              <OrganizationTable
                input={impact.input}
                at={impactRoute?.model === 'INOPERABILITY' ? 0 : impact.at}
                onSelect={(id) => selectFromPanel(id)}
              />
            ) : (
              <RegionMap byRegion={report.summary.byRegion} />
            )}
          </div>
        </div>
      )}
    </div>
  );
}
