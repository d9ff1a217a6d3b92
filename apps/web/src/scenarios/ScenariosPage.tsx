// Saved what-ifs: the list, one scenario re-run on today's graph, and two side by side.
import { useMutation, useQuery } from '@apollo/client/react';
import { skipToken } from '@apollo/client/react';
import { useState } from 'react';
import { can } from '../auth/roles';
import type {
  CompareScenariosQuery,
  CompareScenariosQueryVariables,
  DeleteScenarioMutation,
  DeleteScenarioMutationVariables,
  Role,
  ScenarioQuery,
  ScenarioQueryVariables,
  ScenariosQuery,
} from '../generated/graphql';
import { AffectedTable } from '../impact/AffectedTable';
import { formatHours, outagePhrase } from '../impact/duration';
import { ImpactSummary } from '../impact/ImpactSummary';
import type { AffectedRow } from '../impact/model';
import { OrganizationTable } from '../impact/OrganizationTable';
import { Link } from '../ui/Link';
import { HOME } from '../url/route';
import { navigate } from '../url/useRoute';
import { changesInput, savedChangeText } from './changes';
import { CompareView } from './CompareView';
import { COMPARE, DELETE_SCENARIO, SCENARIO, SCENARIOS } from './queries';

type ScenariosRoute = { view: 'scenarios'; id: string | null; compare: [string, string] | null };

export function ScenariosPage({ route, role }: { route: ScenariosRoute; role: Role }) {
  if (route.id) return <ScenarioView id={route.id} role={role} />;
  if (route.compare) return <Compare ids={route.compare} />;
  return <ScenarioList role={role} />;
}

const when = (iso: string) => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? iso
    : d.toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
};

function ScenarioList({ role }: { role: Role }) {
  const { data, loading, error } = useQuery<ScenariosQuery>(SCENARIOS, { fetchPolicy: 'cache-and-network' });
  const [chosen, setChosen] = useState<string[]>([]);
  const [remove] = useMutation<DeleteScenarioMutation, DeleteScenarioMutationVariables>(DELETE_SCENARIO, {
    refetchQueries: [{ query: SCENARIOS }],
  });
  const list = data?.scenarios ?? [];
  const toggle = (id: string) =>
    setChosen((c) => (c.includes(id) ? c.filter((x) => x !== id) : [...c, id].slice(-2)));

  return (
    <div className="page">
      <header className="page-head">
        <h1>Scenarios</h1>
        <p className="muted">
          Saved what-ifs, re-run on the current graph each time they are opened.
          {can(role, 'saveScenario') ? ' Save one from a simulation in the explorer.' : ''}
        </p>
      </header>
      <section className="card">
        <div className="card-head">
          <h2>Saved scenarios</h2>
          <div className="toolbar">
            <span className="small muted">{chosen.length}/2 chosen</span>
            <button
              type="button"
              className="primary"
              disabled={chosen.length !== 2}
              onClick={() => navigate({ view: 'scenarios', id: null, compare: [chosen[0]!, chosen[1]!] })}
            >
              Compare
            </button>
          </div>
        </div>
        {loading && !data && <p className="status">Loading…</p>}
        {error && (
          <p className="alert" role="alert">
            Could not load the scenarios: {error.message}
          </p>
        )}
        {data && list.length === 0 && <p className="muted">No scenario saved yet.</p>}
        {list.length > 0 && (
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">
                    <span className="sr-only">Compare</span>
                  </th>
                  <th scope="col">Name</th>
                  <th scope="col">Fails</th>
                  <th scope="col">Duration</th>
                  <th scope="col">Model</th>
                  <th scope="col">What-if changes</th>
                  <th scope="col">Author</th>
                  <th scope="col">Saved</th>
                  {can(role, 'deleteScenario') && (
                    <th scope="col">
                      <span className="sr-only">Actions</span>
                    </th>
                  )}
                </tr>
              </thead>
              <tbody>
                {list.map((s) => (
                  <tr key={s.id} className={chosen.includes(s.id) ? 'selected' : undefined}>
                    <td>
                      <input
                        type="checkbox"
                        aria-label={`Compare ${s.name}`}
                        checked={chosen.includes(s.id)}
                        onChange={() => toggle(s.id)}
                      />
                    </td>
                    <td>
                      <Link to={{ view: 'scenarios', id: s.id, compare: null }}>{s.name}</Link>
                      {s.notes && <div className="muted small">{s.notes}</div>}
                    </td>
                    <td>{s.failed.map((f) => f.id).join(', ')}</td>
                    <td>{formatHours(s.durationHours)}</td>
                    <td>{s.model.toLowerCase()}</td>
                    <td>{s.changes.length === 0 ? 'none' : s.changes.length}</td>
                    <td>{s.author}</td>
                    <td className="nowrap">{when(s.createdAt)}</td>
                    {can(role, 'deleteScenario') && (
                      <td>
                        <button
                          type="button"
                          className="link danger"
                          onClick={() => {
                            if (window.confirm(`Delete the scenario “${s.name}”?`))
                              void remove({ variables: { id: s.id } }).catch(() => {});
                          }}
                        >
                          Delete
                        </button>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}

function ScenarioView({ id, role }: { id: string; role: Role }) {
  const { data, loading, error } = useQuery<ScenarioQuery, ScenarioQueryVariables>(SCENARIO, {
    variables: { id },
  });
  const s = data?.scenario;
  const [explained, setExplained] = useState<AffectedRow | null>(null);
  if (loading && !data) return <p className="status">Loading the scenario…</p>;
  if (error)
    return (
      <p className="alert page-alert" role="alert">
        Could not load the scenario: {error.message}
      </p>
    );
  if (!s)
    return (
      <section className="page">
        <h1>Scenario not found</h1>
        <p>
          <Link to={{ view: 'scenarios', id: null, compare: null }}>All scenarios</Link>
        </p>
      </section>
    );
  const open = {
    ...HOME,
    impact: { ids: s.failed.map((f) => f.id), hours: s.durationHours ?? null, model: s.model, at: null },
  };
  const explainedRow = explained;
  // The tables simulate what the report did: the failure with the scenario's changes.
  const input = {
    failed: s.failed.map((f) => ({ id: f.id, inoperability: f.inoperability })),
    durationHours: s.durationHours,
    model: s.model,
    changes: changesInput(s.changes),
  };
  return (
    <div className="page">
      <header className="page-head">
        <p className="crumbs">
          <Link to={{ view: 'scenarios', id: null, compare: null }}>Scenarios</Link> /
        </p>
        <h1>{s.name}</h1>
        <p className="muted">
          {s.failed.length} {s.failed.length === 1 ? 'entity fails' : 'entities fail'}{' '}
          {outagePhrase(s.durationHours)} · {s.model.toLowerCase()} model · saved by {s.author} on{' '}
          {when(s.createdAt)}
        </p>
        {s.notes && <p>{s.notes}</p>}
        <section aria-labelledby="scenario-changes">
          <h2 id="scenario-changes" className="small-heading">
            What-if changes ({s.changes.length})
          </h2>
          {s.changes.length === 0 ? (
            <p className="muted small">None: the map as it is.</p>
          ) : (
            <>
              <ol className="small scenario-changes">
                {s.changes.map((c, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: the changes are ordered and never reordered
                  <li key={i}>{savedChangeText(c)}</li>
                ))}
              </ol>
              <p className="muted small">
                Applied in this order for the simulation only, never written to the map. “Open in the
                explorer” opens the failure without them.
              </p>
            </>
          )}
        </section>
        <div className="actions">
          <Link className="button primary" to={open}>
            Open in the explorer
          </Link>
          {!can(role, 'saveScenario') && (
            <span className="muted small">Viewers can open and compare scenarios.</span>
          )}
        </div>
      </header>
      <section className="card">
        <ImpactSummary report={s.report} wide note="On the current graph." />
      </section>
      {explainedRow && (
        <p className="card small" role="status">
          <strong>{explainedRow.name}</strong> is {explainedRow.state.toLowerCase()} because:{' '}
          {explainedRow.because.map((b, i) => explainedRow.becauseNames?.[i] ?? b).join(' ← ')}
        </p>
      )}
      <section className="card">
        <AffectedTable
          input={input}
          selected={null}
          highlighted={explained?.id ?? null}
          showInoperability={s.model === 'INOPERABILITY'}
          onSelect={(rid) => navigate({ ...open, focus: rid })}
          onExplain={(r) => setExplained((x) => (x?.id === r.id ? null : r))}
        />
      </section>
      <section className="card">
        <OrganizationTable input={input} onSelect={(rid) => navigate({ ...open, focus: rid })} />
      </section>
    </div>
  );
}

function Compare({ ids }: { ids: [string, string] }) {
  const { data, loading, error } = useQuery<CompareScenariosQuery, CompareScenariosQueryVariables>(
    COMPARE,
    ids ? { variables: { a: ids[0], b: ids[1] } } : skipToken,
  );
  if (loading && !data) return <p className="status">Comparing…</p>;
  if (error)
    return (
      <p className="alert page-alert" role="alert">
        Could not compare: {error.message}
      </p>
    );
  if (!data) return null;
  return <CompareView comparison={data.compareScenarios} />;
}
