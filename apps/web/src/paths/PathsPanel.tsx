// Path tracing: from a supplier, service or asset down to the workflows (or critical
// functions) that depend on it, clinical first. The canvas draws their union.
import { toggle } from '../explorer/filters';
import { WORKFLOW_CATEGORY_LABEL } from '../explorer/kinds';
import { SearchBox } from '../explorer/SearchBox';
import { KindIcon } from '../ui/KindIcon';
import type { PathsRoute } from '../url/route';
import { hopText, pathCategory, type TracedPath } from './pathScene';

const CATEGORIES = ['CLINICAL', 'MANUFACTURING', 'ADMINISTRATIVE'];

export function PathsPanel({
  route,
  fromName,
  suggestion,
  paths,
  total,
  loading,
  error,
  highlighted,
  omitted,
  limit,
  onRoute,
  onHighlight,
  onSelect,
  onClose,
}: {
  route: PathsRoute | null;
  fromName: string | null;
  suggestion: { id: string; name: string } | null;
  paths: readonly TracedPath[];
  total: number;
  loading: boolean;
  error: string | null;
  highlighted: number | null;
  omitted: number;
  /** The most paths the query asks for. */
  limit: number;
  onRoute: (r: PathsRoute) => void;
  onHighlight: (index: number | null) => void;
  onSelect: (id: string) => void;
  onClose: () => void;
}) {
  const to = route?.to ?? 'WORKFLOW';
  const toKind = to === 'CRITICAL_FUNCTION' ? 'CRITICAL_FUNCTION' : 'WORKFLOW';
  const categories = new Set(route?.categories ?? []);
  const set = (patch: Partial<PathsRoute>) => {
    const from = patch.from ?? route?.from ?? suggestion?.id;
    if (from) onRoute({ from, to: route?.to ?? null, categories: route?.categories ?? [], ...patch });
  };

  return (
    <section className="paths-panel" aria-label="Path tracing">
      <div className="form">
        <p className="field-label">From</p>
        {route ? (
          <p className="from">
            <strong>{fromName ?? route.from}</strong>
          </p>
        ) : suggestion ? (
          <button type="button" className="primary" onClick={() => set({ from: suggestion.id })}>
            Trace from {suggestion.name}
          </button>
        ) : (
          <p className="muted small">Select an entity on the map, or search one:</p>
        )}
        <SearchBox
          label="Trace from"
          placeholder="Supplier, service or asset…"
          onPick={(h) => set({ from: h.id, to: route?.to ?? null })}
        />
        <fieldset>
          <legend>Down to</legend>
          <label className="check">
            <input
              type="radio"
              name="to"
              checked={toKind === 'WORKFLOW'}
              onChange={() => set({ to: 'WORKFLOW' })}
            />
            Workflows
          </label>
          <label className="check">
            <input
              type="radio"
              name="to"
              checked={toKind === 'CRITICAL_FUNCTION'}
              onChange={() => set({ to: 'CRITICAL_FUNCTION' })}
            />
            Critical functions
          </label>
        </fieldset>
        <fieldset>
          <legend>Workflow category</legend>
          <div className="toggle-row">
            {CATEGORIES.map((c) => (
              <button
                key={c}
                type="button"
                className="toggle"
                aria-pressed={categories.has(c)}
                onClick={() => set({ categories: [...toggle(categories, c)] })}
              >
                {WORKFLOW_CATEGORY_LABEL[c]}
              </button>
            ))}
          </div>
        </fieldset>
        {route && (
          <button type="button" onClick={onClose}>
            Close path tracing
          </button>
        )}
      </div>

      {route && (
        <div className="path-results" aria-live="polite">
          {loading && <p className="status">Tracing…</p>}
          {error && (
            <p className="alert" role="alert">
              {error}
            </p>
          )}
          {!loading && !error && (
            <p className="small">
              {paths.length} of {total >= limit ? `the first ${total}` : total} paths
              {categories.size > 0 ? ' in the chosen categories' : ''}, clinical first.
              {omitted > 0 ? ` ${omitted} not drawn (node limit).` : ''}
            </p>
          )}
          <ol className="path-list">
            {paths.map((p, i) => {
              const cat = pathCategory(p);
              return (
                <li
                  key={p.nodes.map((n) => n.id).join('>')}
                  className={highlighted === i ? 'highlighted' : undefined}
                >
                  <button
                    type="button"
                    className="path-toggle"
                    aria-pressed={highlighted === i}
                    onClick={() => onHighlight(highlighted === i ? null : i)}
                  >
                    <span className="path-meta">
                      {cat ? (
                        <span className={`cat cat-${cat.toLowerCase()}`}>
                          {WORKFLOW_CATEGORY_LABEL[cat] ?? cat}
                        </span>
                      ) : null}
                      {p.length} {p.length === 1 ? 'hop' : 'hops'}
                    </span>
                    <span className="path-nodes">
                      {p.nodes.map((n, j) => (
                        <span key={n.id} className="path-node">
                          {j > 0 && (
                            <span className="arrow">
                              <span aria-hidden="true">→</span>
                              <span className="sr-only">then</span>
                            </span>
                          )}
                          <KindIcon kind={n.kind} size={11} />
                          {n.name}
                          {n.organization && j === p.nodes.length - 1 && (
                            <span className="muted"> ({n.organization})</span>
                          )}
                        </span>
                      ))}
                    </span>
                  </button>
                  {highlighted === i && p.hops && (
                    <ol className="path-hops" aria-label="Hops of this path">
                      {p.hops.map((hop, j) => (
                        <li key={p.nodes[j]!.id}>
                          <span className="hop-ends">
                            {p.nodes[j]!.name} → {p.nodes[j + 1]!.name}
                          </span>
                          <span className="muted small"> · {hopText(p.nodes[j]!, p.nodes[j + 1]!, hop)}</span>
                        </li>
                      ))}
                    </ol>
                  )}
                  <button
                    type="button"
                    className="link small"
                    onClick={() => onSelect(p.nodes[p.nodes.length - 1]!.id)}
                  >
                    Select target
                  </button>
                </li>
              );
            })}
          </ol>
        </div>
      )}
    </section>
  );
}
