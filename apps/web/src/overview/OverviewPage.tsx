// The sector overview: the whole map as super-nodes (suppliers and services by
// category, organizations by subsector or type, workflows by category, each critical
// function), sized by their members and joined by edges weighted by the links they
// stand for. Picking a super-node — on the canvas or in the lists, which are the
// keyboard and screen-reader route to the same thing — lists its members, most linked
// first, each a link into the explorer.
import { useQuery } from '@apollo/client/react';
import { SigmaContainer, useRegisterEvents, useSigma } from '@react-sigma/core';
import '@react-sigma/core/lib/style.css';
import Graph from 'graphology';
import { useEffect, useMemo, useState } from 'react';
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
          <OverviewCanvas overview={data} selected={route.node} onPick={open} />
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

type NodeAttrs = { x: number; y: number; size: number; label: string; color: string };
type EdgeAttrs = { size: number; color: string };

function OverviewCanvas({
  overview,
  selected,
  onPick,
}: {
  overview: Overview;
  selected: string | null;
  onPick: (key: string) => void;
}) {
  const [webgl] = useState(hasWebGL);
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
        <Picks selected={selected} onPick={onPick} />
      </SigmaContainer>
    </div>
  );
}

/** Clicks pick a group; the picked group and its links stand out, the rest recede. */
function Picks({ selected, onPick }: { selected: string | null; onPick: (key: string) => void }) {
  const sigma = useSigma<NodeAttrs, EdgeAttrs>();
  const register = useRegisterEvents<NodeAttrs, EdgeAttrs>();
  useEffect(() => {
    register({ clickNode: (e) => onPick(e.node) });
  }, [register, onPick]);
  useEffect(() => {
    const graph = sigma.getGraph();
    const near = new Set<string>();
    if (selected && graph.hasNode(selected)) {
      near.add(selected);
      for (const n of graph.neighbors(selected)) near.add(n);
    }
    sigma.setSetting('nodeReducer', (node, attrs) =>
      near.size === 0 || near.has(node)
        ? { ...attrs, highlighted: node === selected }
        : { ...attrs, color: RECEDED, label: null },
    );
    sigma.setSetting('edgeReducer', (edge, attrs) =>
      near.size === 0 || graph.extremities(edge).includes(selected ?? '')
        ? attrs
        : { ...attrs, color: RECEDED_EDGE },
    );
    sigma.refresh();
  }, [sigma, selected]);
  return null;
}

const RECEDED = '#d9dde3';
const RECEDED_EDGE = '#eceff3';
