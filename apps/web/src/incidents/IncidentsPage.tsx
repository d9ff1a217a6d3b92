// Incident mode (issue 14 item 3): the declared incidents, a form to declare one, and
// the incident library (item 4) — scenarios modelled on public incidents, each opened as
// a simulation or declared as an incident. One incident opens at /incidents/<id>.
import { useMutation, useQuery } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { can } from '../auth/roles';
import type {
  DeclareIncidentMutation,
  DeclareIncidentMutationVariables,
  IncidentLibraryQuery,
  IncidentsQuery,
  Role,
} from '../generated/graphql';
import { formatHours } from '../impact/duration';
import { Link } from '../ui/Link';
import { HOME, type IncidentsRoute } from '../url/route';
import { navigate } from '../url/useRoute';
import { IncidentView } from './IncidentView';
import { when } from './when';
import { DECLARE_INCIDENT, INCIDENT_LIBRARY, INCIDENTS } from './queries';
import { idList, isoToLocal, localToIso } from './time';

export function IncidentsPage({ route, role }: { route: IncidentsRoute; role: Role }) {
  if (route.id) return <IncidentView id={route.id} at={route.at} role={role} />;
  return <IncidentList role={role} />;
}

interface Draft {
  name: string;
  failed: string;
  startedAt: string;
  hours: string;
  note: string;
}
const blank = (): Draft => ({ name: '', failed: '', startedAt: isoToLocal(new Date()), hours: '', note: '' });

function IncidentList({ role }: { role: Role }) {
  const { data, loading, error } = useQuery<IncidentsQuery>(INCIDENTS, { fetchPolicy: 'cache-and-network' });
  const [draft, setDraft] = useState<Draft>(blank);
  const list = data?.incidents ?? [];
  return (
    <div className="page">
      <header className="page-head">
        <h1>Incidents</h1>
        <p className="muted">
          A real outage followed as it unfolds: what has failed by now, what fails next, and whom to call
          first. Each incident has its own link to share.
        </p>
      </header>
      <section className="card" aria-labelledby="incidents-list">
        <h2 id="incidents-list">Declared incidents</h2>
        {loading && !data && <p className="status">Loading…</p>}
        {error && (
          <p className="alert" role="alert">
            Could not load the incidents: {error.message}
          </p>
        )}
        {data && list.length === 0 && <p className="muted">No incident declared yet.</p>}
        {list.length > 0 && (
          <div className="table-scroll">
            <table className="incidents">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Status</th>
                  <th scope="col">Failed</th>
                  <th scope="col">Started</th>
                  <th scope="col">Expected</th>
                  <th scope="col">Ended</th>
                  <th scope="col">Declared by</th>
                </tr>
              </thead>
              <tbody>
                {list.map((i) => (
                  <tr key={i.id}>
                    <td>
                      <Link to={{ view: 'incidents', id: i.id, at: null }}>{i.name}</Link>
                    </td>
                    <td>
                      <span className={`status-badge ${i.status.toLowerCase()}`}>
                        {i.status.toLowerCase()}
                      </span>
                    </td>
                    <td>{i.failed.map((f) => f.id).join(', ')}</td>
                    <td className="nowrap">{when(i.startedAt)}</td>
                    <td>
                      {i.expectedDurationHours === null ? 'not known' : formatHours(i.expectedDurationHours)}
                    </td>
                    <td className="nowrap">{when(i.endedAt)}</td>
                    <td>{i.declaredBy}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {can(role, 'declareIncident') ? (
        <DeclareForm draft={draft} setDraft={setDraft} />
      ) : (
        <p className="muted card">
          Declaring an incident needs the Analyst role; you can open and follow them.
        </p>
      )}
      <Library role={role} onDeclare={(d) => setDraft(d)} />
    </div>
  );
}

function DeclareForm({ draft, setDraft }: { draft: Draft; setDraft: (d: Draft) => void }) {
  const [declare, { loading }] = useMutation<DeclareIncidentMutation, DeclareIncidentMutationVariables>(
    DECLARE_INCIDENT,
    { refetchQueries: [{ query: INCIDENTS }] },
  );
  const [problem, setProblem] = useState<string | null>(null);
  const set = (k: keyof Draft) => (e: { target: { value: string } }) =>
    setDraft({ ...draft, [k]: e.target.value });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setProblem(null);
    const startedAt = localToIso(draft.startedAt);
    if (!startedAt) return setProblem('Give the start as a date and time.');
    const hours = draft.hours.trim() === '' ? null : Number(draft.hours);
    try {
      const res = await declare({
        variables: {
          input: {
            name: draft.name,
            failed: idList(draft.failed).map((id) => ({ id })),
            startedAt,
            expectedDurationHours: hours,
            note: draft.note || null,
          },
        },
      });
      const id = res.data?.declareIncident.id;
      if (id) {
        setDraft(blank());
        navigate({ view: 'incidents', id, at: null });
      }
    } catch (err) {
      setProblem((err as Error).message);
    }
  };
  return (
    <section className="card" aria-labelledby="declare-incident">
      <h2 id="declare-incident">Declare an incident</h2>
      <form className="incident-form" onSubmit={submit}>
        <label>
          Name
          <input required value={draft.name} onChange={set('name')} />
        </label>
        <label>
          Failed entities (ids, comma-separated)
          <input required value={draft.failed} onChange={set('failed')} placeholder="sup-clearhouse-one" />
        </label>
        <label>
          Started at
          <input type="datetime-local" required value={draft.startedAt} onChange={set('startedAt')} />
        </label>
        <label>
          Expected duration (hours)
          <input
            type="number"
            min="0"
            step="any"
            value={draft.hours}
            onChange={set('hours')}
            placeholder="not known"
          />
        </label>
        <label className="wide">
          Note
          <input value={draft.note} onChange={set('note')} />
        </label>
        <div className="actions">
          <button type="submit" className="primary" disabled={loading}>
            Declare
          </button>
        </div>
        {problem && (
          <p className="alert" role="alert">
            {problem}
          </p>
        )}
      </form>
    </section>
  );
}

function Library({ role, onDeclare }: { role: Role; onDeclare: (d: Draft) => void }) {
  const { data, error } = useQuery<IncidentLibraryQuery>(INCIDENT_LIBRARY);
  return (
    <section className="card" aria-labelledby="incident-library">
      <h2 id="incident-library">Incident library</h2>
      <p className="muted small">
        Scenarios modelled on public incidents, on the demo map (its suppliers are fictional): the public
        headline figures beside what the product simulates. docs/backtests.md says where they differ and why.
      </p>
      {error && (
        <p className="alert" role="alert">
          Could not load the library: {error.message}
        </p>
      )}
      <ul className="library">
        {data?.incidentLibrary.map((l) => (
          <li key={l.id} data-library={l.id} className="library-entry">
            <h3>{l.title}</h3>
            <p className="muted small">
              Modelled on {l.modelledOn}. Fails {l.failed.join(', ')} for {formatHours(l.durationHours)}.
            </p>
            <table className="library-figures">
              <thead>
                <tr>
                  <th scope="col">Measure</th>
                  <th scope="col">Public</th>
                  <th scope="col">Demo map (simulated)</th>
                </tr>
              </thead>
              <tbody>
                {l.figures.map((f) => (
                  <tr key={f.what}>
                    <th scope="row">{f.what}</th>
                    <td>
                      {f.value} <span className="muted small">({f.source})</span>
                    </td>
                    <td>{f.demo ?? <span className="muted">not modelled: {f.notModelled}</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <ul className="small demo-figures">
              {l.demoFigures.map((d) => (
                <li key={d}>{d}</li>
              ))}
            </ul>
            {l.available ? (
              <div className="actions">
                <Link
                  className="button"
                  to={{
                    ...HOME,
                    impact: { ids: l.failed, hours: l.durationHours, model: 'DISCRETE', at: null },
                  }}
                >
                  Open as a simulation
                </Link>
                {can(role, 'declareIncident') && (
                  <button
                    type="button"
                    onClick={() => {
                      onDeclare({
                        name: l.title,
                        failed: l.failed.join(', '),
                        startedAt: isoToLocal(new Date()),
                        hours: String(l.durationHours),
                        note: `From the incident library: modelled on ${l.modelledOn}.`,
                      });
                      document.getElementById('declare-incident')?.scrollIntoView();
                    }}
                  >
                    Declare as an incident…
                  </button>
                )}
              </div>
            ) : (
              <p className="muted small">Not on this map: load the demo map to open it.</p>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
