// The explorer page's reducer (src/explorer/explorerState.ts): each transition as the page
// relies on it, and properties over generated sequences of events (fast-check).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EditDone } from '../src/edit/EditPanel';
import { clusterId } from '../src/explorer/exploreModel';
import {
  type ExplorerAction,
  type ExplorerState,
  explorerReducer,
  initialExplorerState,
} from '../src/explorer/explorerState';
import type { SceneNode, StoredEdge } from '../src/explorer/scene';
import type { AffectedRow } from '../src/impact/model';

const node = (id: string, kind: SceneNode['kind'] = 'WORKFLOW'): SceneNode => ({
  id,
  label: `Name of ${id}`,
  kind,
  dependents: 0,
});
const dep = (from: string, to: string): StoredEdge => ({
  id: `${from}-${to}`,
  source: from,
  target: to,
  type: 'DEPENDS_ON',
});
const LIMITS = { maxNodes: 500, fanoutThreshold: 25 };
const run = (actions: ExplorerAction[], state = initialExplorerState('explore')) =>
  actions.reduce(explorerReducer, state);

/** A service with `n` dependent workflows, as the API answers its neighbourhood. */
const fan = (center: string, n: number) => ({
  nodes: [node(center, 'SERVICE'), ...Array.from({ length: n }, (_, i) => node(`${center}-w${i}`))],
  edges: Array.from({ length: n }, (_, i) => dep(`${center}-w${i}`, center)),
});
const loaded = (
  id: string,
  data: ReturnType<typeof fan>,
  more: Partial<Extract<ExplorerAction, { type: 'neighbourhoodLoaded' }>> = {},
): ExplorerAction => ({
  type: 'neighbourhoodLoaded',
  id,
  data,
  truncated: false,
  limits: LIMITS,
  frameNonce: null,
  ...more,
});
const row = (id: string): AffectedRow => ({
  id,
  name: id,
  kind: 'WORKFLOW',
  state: 'FAILED',
  disruptedAtHours: 0,
  failedAtHours: 0,
  inoperability: null,
  because: [id],
});

describe('explorer state', () => {
  it('starts on the tab of the mode the URL names (Details when exploring), drawer open', () => {
    expect(initialExplorerState('explore')).toMatchObject({ tab: 'details', drawer: true, busy: false });
    expect(initialExplorerState('impact').tab).toBe('impact');
    expect(initialExplorerState('paths').tab).toBe('paths');
  });

  it('a neighbourhood: loading while read, then on the map, framed when asked, learnt for its clusters', () => {
    const asking = run([{ type: 'neighbourhoodRequested' }]);
    expect(asking.busy).toBe(true);
    const done = run([loaded('svc', fan('svc', 2), { frameNonce: 7 })], asking);
    expect(done.busy).toBe(false);
    expect([...done.model.nodes.keys()].sort()).toEqual(['svc', 'svc-w0', 'svc-w1']);
    expect(done.model.expanded).toEqual(new Set(['svc']));
    expect(done.frame).toEqual({ id: 'svc', nonce: 7 });
    expect(done.learnt.get('svc')).toHaveLength(2);
    expect(done.notice).toBeNull();
    // Not asked to frame: the last frame request stands.
    expect(run([loaded('svc-w0', fan('svc-w0', 0))], done).frame).toEqual({ id: 'svc', nonce: 7 });
  });

  it('says when a neighbourhood was cut, grouped, or added nothing', () => {
    expect(run([loaded('svc', fan('svc', 2), { truncated: true })]).notice).toBe(
      'Name of svc: the closest neighbours are shown; it has more than the node limit allows.',
    );
    expect(run([loaded('svc', fan('svc', 30))]).notice).toMatch(
      /^Name of svc has many neighbours: they are grouped/,
    );
    const once = run([loaded('svc', fan('svc', 2))]);
    expect(run([loaded('svc', fan('svc', 2))], once).notice).toBe(
      'Name of svc: every neighbour is already on the map.',
    );
  });

  it('a failed read says so and stops loading; the map is unchanged', () => {
    const before = run([loaded('svc', fan('svc', 1)), { type: 'neighbourhoodRequested' }]);
    const after = explorerReducer(before, { type: 'neighbourhoodFailed', id: 'x', message: 'timeout' });
    expect(after.busy).toBe(false);
    expect(after.notice).toBe('Could not load the neighbourhood of x: timeout');
    expect(after.model).toBe(before.model);
  });

  it('a cluster opens a page of its members from the learnt edges; at the node limit it says so instead', () => {
    const grouped = run([loaded('svc', fan('svc', 30))]);
    const cluster = clusterId('svc', 'WORKFLOW', 'down');
    expect(grouped.model.nodes.has(cluster)).toBe(true);
    const opened = explorerReducer(grouped, {
      type: 'clusterOpened',
      id: cluster,
      limits: { ...LIMITS, page: 5 },
    });
    expect(opened.model.nodes.size).toBe(grouped.model.nodes.size + 5);
    expect(
      [...opened.model.edges.values()].filter((e) => e.source === 'svc' && e.target !== cluster),
    ).toHaveLength(5);
    const full = explorerReducer(grouped, {
      type: 'clusterOpened',
      id: cluster,
      limits: { ...LIMITS, maxNodes: grouped.model.nodes.size },
    });
    expect(full.model).toBe(grouped.model);
    expect(full.notice).toBe(
      `The map shows ${grouped.model.nodes.size} nodes, its limit. Raise it or collapse something first.`,
    );
  });

  it('collapsing keeps what is asked to stay; clearing empties the map, a reset forgets the learnt edges too', () => {
    const two = run([
      loaded('svc', fan('svc', 2)),
      loaded('svc-w0', {
        nodes: [node('svc-w0'), node('org', 'ORGANIZATION')],
        edges: [{ id: 'own', source: 'org', target: 'svc-w0', type: 'PERFORMS' }],
      }),
    ]);
    expect(two.model.nodes.has('org')).toBe(true);
    expect(
      run([{ type: 'entityCollapsed', id: 'svc-w0', keep: new Set() }], two).model.nodes.has('org'),
    ).toBe(false);
    expect(
      run([{ type: 'entityCollapsed', id: 'svc-w0', keep: new Set(['org']) }], two).model.nodes.has('org'),
    ).toBe(true);
    const cleared = run([{ type: 'mapCleared' }], two);
    expect(cleared.model.nodes.size).toBe(0);
    expect(cleared.learnt.size).toBe(2);
    const reset = run([{ type: 'mapReset' }], two);
    expect(reset.model.nodes.size).toBe(0);
    expect(reset.learnt.size).toBe(0);
  });

  it('entering a mode shows its tab; exploring again leaves the tab as it was', () => {
    const impact = run([{ type: 'modeEntered', mode: 'impact' }]);
    expect(impact.tab).toBe('impact');
    expect(run([{ type: 'modeEntered', mode: 'explore' }], impact).tab).toBe('impact');
    expect(run([{ type: 'tabChosen', tab: 'paths' }], impact).tab).toBe('paths');
  });

  it('an explanation toggles on the same row; a highlighted path and the drawer are remembered', () => {
    const a = row('a');
    const on = run([{ type: 'explanationToggled', row: a }]);
    expect(on.explained).toBe(a);
    expect(run([{ type: 'explanationToggled', row: a }], on).explained).toBeNull();
    expect(run([{ type: 'explanationToggled', row: row('b') }], on).explained?.id).toBe('b');
    expect(run([{ type: 'rowExplained', row: null }], on).explained).toBeNull();
    expect(run([{ type: 'pathHighlighted', index: 2 }]).pathIndex).toBe(2);
    expect(run([{ type: 'drawerToggled' }]).drawer).toBe(false);
    expect(run([{ type: 'drawerToggled' }, { type: 'drawerToggled' }]).drawer).toBe(true);
    expect(run([{ type: 'resultsTabChosen', tab: 'regions' }]).resultsTab).toBe('regions');
  });

  it('an edit offers its undo; the undo withdraws the offer and notes its outcome; dismissing clears both', () => {
    const done: EditDone = { label: 'Renamed', undo: async () => 'Renamed back' };
    const edited = run([
      { type: 'undoFinished', note: 'old note' },
      { type: 'entityEdited', done },
    ]);
    expect(edited).toMatchObject({ lastEdit: done, editNote: null });
    const undone = run([{ type: 'undoStarted' }, { type: 'undoFinished', note: 'Renamed back' }], edited);
    expect(undone).toMatchObject({ lastEdit: null, editNote: 'Renamed back' });
    expect(run([{ type: 'editDismissed' }], edited)).toMatchObject({ lastEdit: null, editNote: null });
  });
});

// Generated event sequences over a small universe of entities.
const IDS = ['s0', 's1', 's2', 's3'];
const actionArb: fc.Arbitrary<ExplorerAction> = fc.oneof(
  fc
    .record({
      id: fc.constantFrom(...IDS),
      n: fc.nat(40),
      truncated: fc.boolean(),
      max: fc.integer({ min: 5, max: 80 }),
    })
    .map(
      ({ id, n, truncated, max }): ExplorerAction => ({
        type: 'neighbourhoodLoaded',
        id,
        data: fan(id, n),
        truncated,
        limits: { maxNodes: max, fanoutThreshold: 10 },
        frameNonce: null,
      }),
    ),
  fc.constant<ExplorerAction>({ type: 'neighbourhoodRequested' }),
  fc.constantFrom(...IDS).map((id): ExplorerAction => ({ type: 'neighbourhoodFailed', id, message: 'x' })),
  fc.constantFrom(...IDS).map((id): ExplorerAction => ({ type: 'entityCollapsed', id, keep: new Set() })),
  fc.tuple(fc.constantFrom(...IDS), fc.integer({ min: 5, max: 80 })).map(
    ([id, max]): ExplorerAction => ({
      type: 'clusterOpened',
      id: clusterId(id, 'WORKFLOW', 'down'),
      limits: { maxNodes: max, fanoutThreshold: 10, page: 7 },
    }),
  ),
  fc.constant<ExplorerAction>({ type: 'mapCleared' }),
  fc.constant<ExplorerAction>({ type: 'mapReset' }),
  fc
    .constantFrom('explore', 'impact', 'paths', 'details')
    .map((mode): ExplorerAction => ({ type: 'modeEntered', mode: mode as 'explore' })),
  fc.constant<ExplorerAction>({ type: 'noticeDismissed' }),
  fc.constant<ExplorerAction>({ type: 'drawerToggled' }),
);

/** A deep copy of what can be compared (Maps and Sets as arrays). */
const snapshot = (s: ExplorerState) =>
  JSON.stringify(s, (_k, v) => (v instanceof Map ? [...v.entries()] : v instanceof Set ? [...v] : v));

describe('explorer state: properties', () => {
  it('never changes the state it was given', () => {
    fc.assert(
      fc.property(fc.array(actionArb, { maxLength: 25 }), (actions) => {
        let state = initialExplorerState('explore');
        for (const a of actions) {
          const before = snapshot(state);
          const next = explorerReducer(state, a);
          expect(snapshot(state)).toBe(before);
          state = next;
        }
      }),
    );
  });

  it('every edge on the map joins two entities on it; expanded entities are on it', () => {
    fc.assert(
      fc.property(fc.array(actionArb, { maxLength: 25 }), (actions) => {
        const { model } = run(actions);
        for (const e of model.edges.values()) {
          expect(model.nodes.has(e.source)).toBe(true);
          expect(model.nodes.has(e.target)).toBe(true);
        }
        for (const id of model.expanded) expect(model.nodes.has(id)).toBe(true);
      }),
    );
  });

  it('loading ends with the read: after a loaded or failed neighbourhood the page is not busy', () => {
    fc.assert(
      fc.property(fc.array(actionArb, { maxLength: 25 }), actionArb, (actions, last) => {
        const s = run([...actions, { type: 'neighbourhoodRequested' }, last]);
        expect(s.busy).toBe(!/^neighbourhood(Loaded|Failed)$/.test(last.type));
      }),
    );
  });
});
