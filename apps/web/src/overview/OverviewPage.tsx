// The sector overview: the whole map as super-nodes (suppliers and services by
// category, organizations by subsector or type, workflows by category, each critical
// function), sized by their members and joined by edges weighted by the links they
// stand for. Picking a super-node — on the canvas or in the lists, which are the
// keyboard and screen-reader route to the same thing — lists its members, most linked
// first, each a link into the explorer, and zooms the canvas onto it. Semantic zoom
// (semanticZoom.ts): zoomed in far enough on a super-node, the canvas draws its most
// linked members in its place; zoomed out, the aggregate returns.
import { skipToken, useQuery } from '@apollo/client/react';
import { SigmaContainer, useRegisterEvents, useSigma } from '@react-sigma/core';
import '@react-sigma/core/lib/style.css';
import Graph from 'graphology';
import { useEffect, useMemo, useRef, useState } from 'react';
import { EDGE_COLOR, KIND_META, SUBSECTOR_LABEL } from '../explorer/kinds';
import { hasWebGL } from '../explorer/webgl';
import type {
  EntityKind,
  OverviewDimension,
  OverviewMembersQuery,
  OverviewMembersQueryVariables,
  SectorOverviewQuery,
  SectorOverviewQueryVariables,
} from '../generated/graphql';
import { KindIcon } from '../ui/KindIcon';
import { Link } from '../ui/Link';
import { HOME, type OverviewRoute } from '../url/route';
import { navigate } from '../url/useRoute';
import { edgeWidth, overviewLayout } from './layout';
import { OVERVIEW_MEMBERS, SECTOR_OVERVIEW } from './queries';
import { ENTER_RATIO, memberLayout, ZOOM_MEMBERS, zoomedInto } from './semanticZoom';

const PAGE = 25;
const KINDS = (Object.keys(KIND_META) as EntityKind[]).sort((a, b) => KIND_META[a].tier - KIND_META[b].tier);

function groupBy(route: OverviewRoute): OverviewDimension[] {
  return [
    'SUPPLIER_CATEGORY',
    'SERVICE_CATEGORY',
    route.organizations === 'type' ? 'ORGANIZATION_TYPE' : 'ORGANIZATION_SUBSECTOR',
    'ASSET_CATEGORY',
    'WORKFLOW_CATEGORY',
    'CRITICAL_FUNCTION',
  ];
}

type Overview = SectorOverviewQuery['sectorOverview'];
type SuperNode = Overview['nodes'][number];

/** A group's name in words: subsectors spelled out, the rest as the data has them. */
const labelOf = (n: SuperNode) =>
  n.key.startsWith('ORGANIZATION_SUBSECTOR:')
    ? (SUBSECTOR_LABEL[n.label as keyof typeof SUBSECTOR_LABEL] ?? n.label)
    : n.label;

const plural = (kind: EntityKind, n: number) =>
  `${n.toLocaleString('en-US')} ${(n === 1 ? KIND_META[kind].label : KIND_META[kind].plural).toLowerCase()}`;

export function OverviewPage({ route }: { route: OverviewRoute }) {
  const dims = groupBy(route);
  const overview = useQuery<SectorOverviewQuery, SectorOverviewQueryVariables>(SECTOR_OVERVIEW, {
    variables: { groupBy: dims },
  });
  const data = overview.data?.sectorOverview;
  const selected = data?.nodes.find((n) => n.key === route.node) ?? null;
  const open = (key: string | null) => navigate({ ...route, node: key }, { replace: false });

  return (
    <section className="page overview">
      <h1>Sector overview</h1>
      <p className="lede">
        The whole map as groups: each circle stands for the entities of one kind that share a category (its
        area follows how many), each line for the dependencies between two groups (its width follows how
        many). Pick a group to list its members.
      </p>
      <label className="inline-field">
        Organizations by{' '}
        <select
          value={route.organizations}
          onChange={(e) =>
            navigate({
              ...route,
              organizations: e.target.value === 'type' ? 'type' : 'subsector',
              node: null,
            })
          }
        >
          <option value="subsector">subsector</option>
          <option value="type">type</option>
        </select>
      </label>
      {overview.error && (
        <p className="alert" role="alert">
          Could not load the overview: {overview.error.message}
        </p>
      )}
      {!data && !overview.error && <p className="status">Loading the overview…</p>}
      {data && (
        <div className="overview-body">
          <OverviewCanvas overview={data} dims={dims} selected={route.node} onPick={open} />
          <div className="overview-side">
            {selected ? (
              <Members node={selected} dims={dims} onClose={() => open(null)} />
            ) : (
              <p className="hint">
                {data.nodes.length} groups,{' '}
                {data.edges.reduce((a, e) => a + e.dependencies, 0).toLocaleString('en-US')} links. Pick one
                to see its members.
              </p>
            )}
            <GroupLists nodes={data.nodes} selected={route.node} onPick={open} />
          </div>
        </div>
      )}
    </section>
  );
}

/** Every super-node as a button, by kind: the canvas's equivalent for keyboards and screen readers. */
function GroupLists({
  nodes,
  selected,
  onPick,
}: {
  nodes: readonly SuperNode[];
  selected: string | null;
  onPick: (key: string) => void;
}) {
  return (
    <div className="overview-groups">
      {KINDS.map((kind) => {
        const ofKind = nodes.filter((n) => n.kind === kind);
        if (ofKind.length === 0) return null;
        return (
          <section key={kind} aria-labelledby={`overview-${kind}`}>
            <h2 id={`overview-${kind}`}>
              <KindIcon kind={kind} /> {KIND_META[kind].plural}
            </h2>
            <ul>
              {ofKind.map((n) => (
                <li key={n.key}>
                  <button type="button" aria-pressed={n.key === selected} onClick={() => onPick(n.key)}>
                    <span className="group-label">{labelOf(n)}</span>{' '}
                    <span className="group-count">{plural(n.kind, n.members)}</span>
                  </button>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}

function Members({
  node,
  dims,
  onClose,
}: {
  node: SuperNode;
  dims: OverviewDimension[];
  onClose: () => void;
}) {
  const members = useQuery<OverviewMembersQuery, OverviewMembersQueryVariables>(OVERVIEW_MEMBERS, {
    variables: { key: node.key, groupBy: dims, first: PAGE, offset: 0 },
  });
  const [more, setMore] = useState<OverviewMembersQuery['overviewMembers']['entities']>([]);
  const [next, setNext] = useState<number | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  useEffect(() => {
    setMore([]);
    setNext(members.data?.overviewMembers.nextOffset ?? null);
  }, [members.data]);
  const page = members.data?.overviewMembers;
  const rows = [...(page?.entities ?? []), ...more];
  return (
    <section className="overview-members" aria-labelledby="overview-members-title">
      <h2 id="overview-members-title">
        <KindIcon kind={node.kind} /> {labelOf(node)}
      </h2>
      <p>
        {plural(node.kind, node.members)}, most linked first.{' '}
        <button type="button" className="link-button" onClick={onClose}>
          Back to all groups
        </button>
      </p>
      {members.error && (
        <p className="alert" role="alert">
          Could not load the members: {members.error.message}
        </p>
      )}
      {!page && !members.error && <p className="status">Loading members…</p>}
      {page && (
        <>
          <ol className="member-list">
            {rows.map((m) => (
              <li key={m.entity.id}>
                <Link to={{ ...HOME, focus: m.entity.id }} title={m.entity.name}>
                  {m.entity.name}
                </Link>{' '}
                <span className="member-links">{m.links.toLocaleString('en-US')} links</span>
              </li>
            ))}
          </ol>
          <p className="status" aria-live="polite">
            Showing {rows.length.toLocaleString('en-US')} of {page.totalCount.toLocaleString('en-US')}.
          </p>
          {next !== null && (
            <button
              type="button"
              disabled={loadingMore}
              onClick={async () => {
                setLoadingMore(true);
                try {
                  const res = await members.fetchMore({ variables: { offset: next } });
                  const got = res.data?.overviewMembers;
                  if (got) {
                    setMore((m) => [...m, ...got.entities]);
                    setNext(got.nextOffset ?? null);
                  }
                } finally {
                  setLoadingMore(false);
                }
              }}
            >
              {loadingMore ? 'Loading…' : `Show ${PAGE} more`}
            </button>
          )}
        </>
      )}
    </section>
  );
}

type NodeAttrs = {
  x: number;
  y: number;
  size: number;
  label: string;
  color: string;
  /** A member drawn in place of its open super-node (semantic zoom): its entity id. */
  entity?: string;
};
type EdgeAttrs = { size: number; color: string };

/** Graph units around an open super-node's centre where its members are drawn (rows are 40 apart). */
const MEMBER_RADIUS = 17;

function OverviewCanvas({
  overview,
  dims,
  selected,
  onPick,
}: {
  overview: Overview;
  dims: OverviewDimension[];
  selected: string | null;
  onPick: (key: string) => void;
}) {
  const [webgl] = useState(hasWebGL);
  // The super-node the camera has zoomed into (semantic zoom), and its members.
  const [open, setOpen] = useState<string | null>(null);
  const members = useQuery<OverviewMembersQuery, OverviewMembersQueryVariables>(
    OVERVIEW_MEMBERS,
    open ? { variables: { key: open, groupBy: dims, first: ZOOM_MEMBERS, offset: 0 } } : skipToken,
  );
  const openNode = overview.nodes.find((n) => n.key === open) ?? null;
  const drawnMembers = open && members.data ? members.data.overviewMembers : null;
  const graph = useMemo(() => {
    const g = new Graph<NodeAttrs, EdgeAttrs>({ multi: true, type: 'directed' });
    const placed = new Map(overviewLayout(overview.nodes).map((p) => [p.key, p]));
    for (const n of overview.nodes) {
      const p = placed.get(n.key)!;
      g.addNode(n.key, {
        x: p.x,
        y: p.y,
        size: p.size,
        label: `${labelOf(n)} (${n.members.toLocaleString('en-US')})`,
        color: KIND_META[n.kind].color,
      });
    }
    for (const e of overview.edges) {
      g.addEdge(e.from, e.to, { size: edgeWidth(e.dependencies), color: EDGE_COLOR });
    }
    return g;
  }, [overview]);
  if (!webgl) return null;
  const largest = overview.nodes[0];
  return (
    <div className="overview-canvas-box">
      <div
        className="canvas-wrap overview-canvas"
        role="img"
        aria-label={`Sector overview: ${overview.nodes.length} groups${largest ? `, the largest ${labelOf(largest)} with ${plural(largest.kind, largest.members)}` : ''}. The lists beside it hold the same groups.`}
      >
        <SigmaContainer<NodeAttrs, EdgeAttrs>
          graph={graph}
          className="sigma"
          settings={{
            defaultEdgeType: 'arrow',
            labelDensity: 0.6,
            labelGridCellSize: 90,
            labelRenderedSizeThreshold: 4,
            stagePadding: 50,
            allowInvalidContainer: true,
            zIndex: true,
          }}
        >
          <Picks selected={selected} open={open} onPick={onPick} />
          <SemanticZoom
            graph={graph}
            open={open}
            onOpen={setOpen}
            selected={selected}
            members={drawnMembers?.entities ?? null}
          />
        </SigmaContainer>
      </div>
      <p className="overview-zoom small muted" aria-live="polite" data-testid="zoom-status">
        {openNode
          ? drawnMembers
            ? `Zoomed into ${labelOf(openNode)}: its ${drawnMembers.entities.length.toLocaleString('en-US')} most linked of ${drawnMembers.totalCount.toLocaleString('en-US')} members drawn. Zoom out for the groups.`
            : `Zoomed into ${labelOf(openNode)}: loading its members…`
          : `Groups drawn. Zoom in on one (or pick it) to see its members.`}
      </p>
    </div>
  );
}

type Member = OverviewMembersQuery['overviewMembers']['entities'][number];

/**
 * Follows the camera: zoomed in under ENTER_RATIO on a super-node it opens it (onOpen),
 * zoomed out past LEAVE_RATIO it closes it; the open super-node's members are drawn in
 * its place (the super-node hidden, see Picks) and a click on one opens it in the explorer.
 * Picking a group (list or canvas) zooms onto it; "Back to all groups" zooms out.
 */
function SemanticZoom({
  graph,
  open,
  onOpen,
  selected,
  members,
}: {
  /** The super-nodes' graph (a new one for another grouping). */
  graph: Graph<NodeAttrs, EdgeAttrs>;
  open: string | null;
  onOpen: (key: string | null) => void;
  selected: string | null;
  members: readonly Member[] | null;
}) {
  const sigma = useSigma<NodeAttrs, EdgeAttrs>();
  const register = useRegisterEvents<NodeAttrs, EdgeAttrs>();
  const openRef = useRef(open);
  openRef.current = open;
  const onOpenRef = useRef(onOpen);
  onOpenRef.current = onOpen;
  // A fixed frame with room for members around every super-node, so drawing them never moves the camera.
  useEffect(() => {
    const g = graph;
    let x0 = Number.POSITIVE_INFINITY;
    let x1 = Number.NEGATIVE_INFINITY;
    let y0 = Number.POSITIVE_INFINITY;
    let y1 = Number.NEGATIVE_INFINITY;
    g.forEachNode((_n, a) => {
      if (a.entity) return;
      x0 = Math.min(x0, a.x);
      x1 = Math.max(x1, a.x);
      y0 = Math.min(y0, a.y);
      y1 = Math.max(y1, a.y);
    });
    if (Number.isFinite(x0))
      sigma.setCustomBBox({
        x: [x0 - MEMBER_RADIUS, x1 + MEMBER_RADIUS],
        y: [y0 - MEMBER_RADIUS, y1 + MEMBER_RADIUS],
      });
  }, [sigma, graph]);
  useEffect(() => {
    const camera = sigma.getCamera();
    let timer: ReturnType<typeof setTimeout> | null = null;
    const check = () => {
      // Not while the camera flies (a pick's animation passes over other groups).
      if (camera.isAnimated()) {
        onMove();
        return;
      }
      const g = sigma.getGraph();
      const { width, height } = sigma.getDimensions();
      const a = sigma.viewportToGraph({ x: 0, y: 0 });
      const b = sigma.viewportToGraph({ x: width, y: height });
      const view = {
        x0: Math.min(a.x, b.x),
        y0: Math.min(a.y, b.y),
        x1: Math.max(a.x, b.x),
        y1: Math.max(a.y, b.y),
      };
      const discs = g.filterNodes((_n, a) => !a.entity).map((key) => ({ key, ...g.getNodeAttributes(key) }));
      const next = zoomedInto(openRef.current, camera.getState().ratio, view, discs);
      if (next !== openRef.current) onOpen(next);
    };
    function onMove() {
      if (timer) clearTimeout(timer);
      timer = setTimeout(check, 120);
    }
    camera.on('updated', onMove);
    return () => {
      if (timer) clearTimeout(timer);
      camera.off('updated', onMove);
    };
  }, [sigma, onOpen]);

  // Picking a group zooms onto it (past the threshold: its members replace it); none, zooms out.
  useEffect(() => {
    const camera = sigma.getCamera();
    if (selected && sigma.getGraph().hasNode(selected)) {
      const d = sigma.getNodeDisplayData(selected);
      // The group open before closes; the one under the camera when it lands opens.
      onOpenRef.current(null);
      if (d) void camera.animate({ x: d.x, y: d.y, ratio: ENTER_RATIO * 0.6 }, { duration: 400 });
    } else if (camera.getState().ratio < 1) void camera.animatedReset({ duration: 400 });
  }, [sigma, selected]);

  // The open super-node's members, drawn around its centre.
  useEffect(() => {
    const g = sigma.getGraph();
    g.filterNodes((_n, a) => Boolean(a.entity)).forEach((n) => {
      g.dropNode(n);
    });
    if (!open || !members || !g.hasNode(open)) return;
    const c = g.getNodeAttributes(open);
    const at = memberLayout(c, MEMBER_RADIUS, members.length);
    members.forEach((m, i) => {
      g.addNode(`member:${m.entity.id}`, {
        ...at[i]!,
        size: 4,
        label: m.entity.name,
        color: KIND_META[m.entity.kind].color,
        entity: m.entity.id,
      });
    });
  }, [sigma, open, members]);

  useEffect(() => {
    register({
      clickNode: (e) => {
        const entity = sigma.getGraph().getNodeAttribute(e.node, 'entity');
        if (entity) navigate({ ...HOME, focus: entity });
      },
    });
  }, [register, sigma]);
  return null;
}

/**
 * Clicks pick a group; the picked group and its links stand out, the rest recede. An
 * open super-node (semantic zoom) is hidden: its members stand in its place.
 */
function Picks({
  selected,
  open,
  onPick,
}: {
  selected: string | null;
  open: string | null;
  onPick: (key: string) => void;
}) {
  const sigma = useSigma<NodeAttrs, EdgeAttrs>();
  const register = useRegisterEvents<NodeAttrs, EdgeAttrs>();
  useEffect(() => {
    register({
      clickNode: (e) => {
        if (!sigma.getGraph().getNodeAttribute(e.node, 'entity')) onPick(e.node);
      },
    });
  }, [register, onPick, sigma]);
  useEffect(() => {
    const graph = sigma.getGraph();
    const near = new Set<string>();
    if (selected && graph.hasNode(selected)) {
      near.add(selected);
      for (const n of graph.neighbors(selected)) near.add(n);
    }
    sigma.setSetting('nodeReducer', (node, attrs) =>
      node === open
        ? { ...attrs, hidden: true }
        : attrs.entity || near.size === 0 || near.has(node)
          ? { ...attrs, highlighted: node === selected }
          : { ...attrs, color: RECEDED, label: null },
    );
    sigma.setSetting('edgeReducer', (edge, attrs) =>
      near.size === 0 || graph.extremities(edge).includes(selected ?? '')
        ? attrs
        : { ...attrs, color: RECEDED_EDGE },
    );
    sigma.refresh();
  }, [sigma, selected, open]);
  return null;
}

const RECEDED = '#d9dde3';
const RECEDED_EDGE = '#eceff3';
