// The explorer's left column: search, legend (which is also the kind filter),
// subsector and workflow-category filters, layout and size controls, and a keyboard
// route to every entity on the canvas.
import type { EntityKind } from '../generated/graphql';
import { MAX_NODES, type Preferences } from '../settings';
import { KindIcon } from '../ui/KindIcon';
import { type CanvasFilters, isFiltering, NO_FILTERS, toggle } from './filters';
import {
  DIMMED_COLOR,
  KIND_META,
  KINDS,
  STATE_META,
  SUBSECTOR_LABEL,
  WORKFLOW_CATEGORY_LABEL,
} from './kinds';
import type { SceneNode } from './scene';
import { type SearchHit, SearchBox } from './SearchBox';

export function Sidebar({
  nodes,
  hiddenCount,
  filters,
  onFilters,
  prefs,
  onPrefs,
  impactLegend,
  selected,
  onPick,
  onSelect,
  onOpenCluster,
}: {
  nodes: readonly SceneNode[];
  hiddenCount: number;
  filters: CanvasFilters;
  onFilters: (f: CanvasFilters) => void;
  prefs: Preferences;
  onPrefs: (p: Partial<Preferences>) => void;
  impactLegend: boolean;
  selected: string | null;
  onPick: (hit: SearchHit) => void;
  onSelect: (id: string) => void;
  onOpenCluster: (id: string) => void;
}) {
  const counts = new Map<EntityKind, number>();
  const subsectors = new Set<string>();
  const categories = new Set<string>();
  for (const n of nodes) {
    counts.set(n.kind, (counts.get(n.kind) ?? 0) + 1);
    if (n.subsector) subsectors.add(n.subsector);
    if (n.kind === 'WORKFLOW' && n.category) categories.add(n.category);
  }
  for (const s of filters.subsectors) subsectors.add(s);
  for (const c of filters.categories) categories.add(c);
  const sorted = [...nodes].filter((n) => !n.cluster).sort((a, b) => a.label.localeCompare(b.label));
  const clusters = nodes.filter((n) => n.cluster);

  return (
    <aside className="sidebar" aria-label="Explorer controls">
      <SearchBox onPick={onPick} />

      <section aria-labelledby="legend-title" className="side-section">
        <h2 id="legend-title" className="side-title">
          Kinds <span className="muted">(click to filter)</span>
        </h2>
        <ul className="legend">
          {KINDS.map((k) => {
            const on = filters.kinds.size === 0 || filters.kinds.has(k);
            return (
              <li key={k}>
                <label className={on ? undefined : 'off'}>
                  <input
                    type="checkbox"
                    checked={filters.kinds.has(k)}
                    onChange={() => onFilters({ ...filters, kinds: toggle(filters.kinds, k) })}
                  />
                  <KindIcon kind={k} color={impactLegend ? DIMMED_COLOR : undefined} />
                  <span>{KIND_META[k].plural}</span>
                  <span className="count">{counts.get(k) ?? 0}</span>
                </label>
              </li>
            );
          })}
        </ul>
        {impactLegend && (
          <ul className="legend states" aria-label="Impact states">
            <li className="state-item">
              <span className="swatch" style={{ background: STATE_META.FAILED.color }} aria-hidden="true" />
              <span>✕ Failed</span>
            </li>
            <li className="state-item">
              <span className="swatch" style={{ background: STATE_META.DEGRADED.color }} aria-hidden="true" />
              <span>◐ Degraded (workaround)</span>
            </li>
            <li className="state-item">
              <span className="swatch" style={{ background: DIMMED_COLOR }} aria-hidden="true" />
              <span>Not affected</span>
            </li>
          </ul>
        )}
        <p className="muted small">Size: number of dependents. Arrows: the way a failure travels.</p>
      </section>

      {subsectors.size > 0 && (
        <fieldset className="side-section">
          <legend className="side-title">Subsector</legend>
          {[...subsectors].sort().map((s) => (
            <label key={s} className="check">
              <input
                type="checkbox"
                checked={filters.subsectors.has(s)}
                onChange={() => onFilters({ ...filters, subsectors: toggle(filters.subsectors, s) })}
              />
              {SUBSECTOR_LABEL[s] ?? s}
            </label>
          ))}
        </fieldset>
      )}
      {categories.size > 0 && (
        <fieldset className="side-section">
          <legend className="side-title">Workflow category</legend>
          {[...categories].sort().map((c) => (
            <label key={c} className="check">
              <input
                type="checkbox"
                checked={filters.categories.has(c)}
                onChange={() => onFilters({ ...filters, categories: toggle(filters.categories, c) })}
              />
              {WORKFLOW_CATEGORY_LABEL[c] ?? c}
            </label>
          ))}
        </fieldset>
      )}
      {isFiltering(filters) && (
        <p className="small">
          {hiddenCount} hidden by filters.{' '}
          <button type="button" className="link" onClick={() => onFilters(NO_FILTERS)}>
            Clear filters
          </button>
        </p>
      )}

      <fieldset className="side-section">
        <legend className="side-title">Layout</legend>
        <label className="check">
          <input
            type="radio"
            name="layout"
            checked={prefs.layout === 'tiered'}
            onChange={() => onPrefs({ layout: 'tiered' })}
          />
          Tiered: supplier → function
        </label>
        <label className="check">
          <input
            type="radio"
            name="layout"
            checked={prefs.layout === 'force'}
            onChange={() => onPrefs({ layout: 'force' })}
          />
          Force-directed
        </label>
        <label className="inline-field">
          Show at most
          <input
            type="number"
            min={20}
            max={MAX_NODES}
            step={50}
            value={prefs.maxNodes}
            onChange={(e) => onPrefs({ maxNodes: Number(e.target.value) })}
          />
          nodes
        </label>
      </fieldset>

      <details className="side-section">
        <summary className="side-title">On the canvas ({sorted.length})</summary>
        {clusters.length > 0 && (
          <ul className="canvas-list groups-list">
            {clusters.map((c) => (
              <li key={c.id}>
                <button type="button" className="link" onClick={() => onOpenCluster(c.id)}>
                  <KindIcon kind={c.kind} size={12} />
                  Show {Math.min(50, c.cluster?.members.length ?? 0)} of {c.label}
                </button>
              </li>
            ))}
          </ul>
        )}
        <ul className="canvas-list">
          {sorted.map((n) => (
            <li key={n.id}>
              <button
                type="button"
                className={n.id === selected ? 'link current' : 'link'}
                aria-current={n.id === selected ? 'true' : undefined}
                onClick={() => onSelect(n.id)}
              >
                <KindIcon kind={n.kind} size={12} />
                {n.label}
              </button>
            </li>
          ))}
        </ul>
      </details>
    </aside>
  );
}
