// The explorer page's state and its transitions, as one pure reducer (issue 15 item 6):
// what is on the exploring canvas (the model and the edges learnt per expansion), what
// the user has asked to see (panel, results tab, drawer, filters, a framed entity, the
// explained impact row, the highlighted path), and what the page tells them (a notice,
// loading, the last edit and its undo). The URL stays the source of the mode and the
// focus (../url/route); side effects (queries, navigation, undo) stay in Explorer.tsx,
// which dispatches what happened. Every action is named for that event.
import type { EditDone } from '../edit/EditPanel';
import type { AffectedRow } from '../impact/model';
import {
  addNeighborhood,
  collapse,
  emptyModel,
  type ExpandOptions,
  type ExploreModel,
  type NeighborhoodData,
  openCluster,
} from './exploreModel';
import { type CanvasFilters, NO_FILTERS } from './filters';
import type { FrameRequest } from './GraphCanvas';
import type { StoredEdge } from './scene';

/** The side panel's tabs. */
export type PanelTab = 'details' | 'impact' | 'paths';
/** The impact drawer's result tabs. */
export type ResultsTab = 'entities' | 'organizations' | 'regions';
/** What the canvas shows, from the URL: neighbourhoods, an impact's causal tree, or paths. */
export type ExplorerMode = PanelTab | 'explore';

export interface ExplorerState {
  /** The exploring canvas's working set. */
  model: ExploreModel;
  /** Edges learnt per expanded entity, to link a cluster's members when it is opened. */
  learnt: ReadonlyMap<string, readonly StoredEdge[]>;
  filters: CanvasFilters;
  /** The last request to centre the camera (a new nonce frames again). */
  frame: FrameRequest | null;
  /** The affected entity whose causal chain is highlighted (impact mode). */
  explained: AffectedRow | null;
  /** The highlighted path (paths mode), by its index in the list. */
  pathIndex: number | null;
  notice: string | null;
  /** A neighbourhood is being read. */
  busy: boolean;
  tab: PanelTab;
  /** The impact drawer (timeline and tables) is open. */
  drawer: boolean;
  resultsTab: ResultsTab;
  /** The last edit, while its undo is offered. */
  lastEdit: EditDone | null;
  /** What the last undo did (or why it failed). */
  editNote: string | null;
}

export type ExplorerAction =
  | { type: 'neighbourhoodRequested' }
  | {
      type: 'neighbourhoodLoaded';
      id: string;
      data: NeighborhoodData;
      /** The API cut the neighbourhood at its limit. */
      truncated: boolean;
      limits: ExpandOptions;
      /** Frame the entity once drawn (the nonce of the request), or not. */
      frameNonce: number | null;
    }
  | { type: 'neighbourhoodFailed'; id: string; message: string }
  | { type: 'entityCollapsed'; id: string; keep: ReadonlySet<string> }
  | { type: 'clusterOpened'; id: string; limits: ExpandOptions }
  | { type: 'mapCleared' }
  /** After an edit the canvas is rebuilt from the neighbourhoods read again. */
  | { type: 'mapReset' }
  | { type: 'entityFramed'; id: string | null; nonce: number }
  | { type: 'modeEntered'; mode: ExplorerMode }
  | { type: 'tabChosen'; tab: PanelTab }
  | { type: 'rowExplained'; row: AffectedRow | null }
  | { type: 'explanationToggled'; row: AffectedRow }
  | { type: 'pathHighlighted'; index: number | null }
  | { type: 'noticeDismissed' }
  | { type: 'drawerToggled' }
  | { type: 'resultsTabChosen'; tab: ResultsTab }
  | { type: 'filtersChanged'; filters: CanvasFilters }
  | { type: 'entityEdited'; done: EditDone }
  | { type: 'undoStarted' }
  | { type: 'undoFinished'; note: string }
  | { type: 'editDismissed' };

export function initialExplorerState(mode: ExplorerMode): ExplorerState {
  return {
    model: emptyModel(),
    learnt: new Map(),
    filters: NO_FILTERS,
    frame: null,
    explained: null,
    pathIndex: null,
    notice: null,
    busy: false,
    tab: mode === 'explore' ? 'details' : mode,
    drawer: true,
    resultsTab: 'entities',
    lastEdit: null,
    editNote: null,
  };
}

/** What the page says after a neighbourhood was added (null: nothing worth saying). */
export function neighbourhoodNotice(
  before: ExploreModel,
  after: ExploreModel,
  id: string,
  name: string,
  truncated: boolean,
): string | null {
  if (truncated) return `${name}: the closest neighbours are shown; it has more than the node limit allows.`;
  const grouped = [...after.nodes.values()].filter(
    (n) => n.cluster?.parent === id && !before.nodes.has(n.id),
  ).length;
  if (grouped > 0)
    return `${name} has many neighbours: they are grouped. Click a group (or use “On the canvas”) to show 50 at a time.`;
  if (after.nodes.size === before.nodes.size) return `${name}: every neighbour is already on the map.`;
  return null;
}

export function explorerReducer(state: ExplorerState, action: ExplorerAction): ExplorerState {
  switch (action.type) {
    case 'neighbourhoodRequested':
      return { ...state, busy: true };
    case 'neighbourhoodLoaded': {
      const { id, data } = action;
      const learnt = new Map(state.learnt).set(id, data.edges);
      const model = addNeighborhood(state.model, id, data, {
        maxNodes: action.limits.maxNodes,
        fanoutThreshold: action.limits.fanoutThreshold,
      });
      const name = data.nodes.find((n) => n.id === id)?.label ?? id;
      return {
        ...state,
        model,
        learnt,
        busy: false,
        notice: neighbourhoodNotice(state.model, model, id, name, action.truncated),
        frame: action.frameNonce === null ? state.frame : { id, nonce: action.frameNonce },
      };
    }
    case 'neighbourhoodFailed':
      return {
        ...state,
        busy: false,
        notice: `Could not load the neighbourhood of ${action.id}: ${action.message}`,
      };
    case 'entityCollapsed':
      return { ...state, model: collapse(state.model, action.id, action.keep) };
    case 'clusterOpened': {
      const parent = state.model.nodes.get(action.id)?.cluster?.parent;
      const model = openCluster(state.model, action.id, state.learnt.get(parent ?? '') ?? [], action.limits);
      if (model !== state.model) return { ...state, model };
      return {
        ...state,
        notice: `The map shows ${action.limits.maxNodes} nodes, its limit. Raise it or collapse something first.`,
      };
    }
    case 'mapCleared':
      return { ...state, model: emptyModel() };
    case 'mapReset':
      return { ...state, model: emptyModel(), learnt: new Map() };
    case 'entityFramed':
      return { ...state, frame: { id: action.id, nonce: action.nonce } };
    case 'modeEntered':
      return action.mode === 'explore' || state.tab === action.mode ? state : { ...state, tab: action.mode };
    case 'tabChosen':
      return state.tab === action.tab ? state : { ...state, tab: action.tab };
    case 'rowExplained':
      return { ...state, explained: action.row };
    case 'explanationToggled':
      return { ...state, explained: state.explained?.id === action.row.id ? null : action.row };
    case 'pathHighlighted':
      return { ...state, pathIndex: action.index };
    case 'noticeDismissed':
      return { ...state, notice: null };
    case 'drawerToggled':
      return { ...state, drawer: !state.drawer };
    case 'resultsTabChosen':
      return { ...state, resultsTab: action.tab };
    case 'filtersChanged':
      return { ...state, filters: action.filters };
    case 'entityEdited':
      return { ...state, lastEdit: action.done, editNote: null };
    case 'undoStarted':
      return { ...state, lastEdit: null };
    case 'undoFinished':
      return { ...state, editNote: action.note };
    case 'editDismissed':
      return { ...state, lastEdit: null, editNote: null };
  }
}
