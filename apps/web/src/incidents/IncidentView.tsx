// One incident at /incidents/<id>[?at=H]: the now marker on its impact timeline (the real
// now by default; a number field and the timeline's scrubber move it), what is failed and
// degraded at the marker, what fails in the next 6/12/24/72 h, and the call list —
// organizations in order of their first failed clinical workflow, with which and why.
// An analyst updates the estimate and closes it with its actual end.
import { useMutation, useQuery } from '@apollo/client/react';
import { type FormEvent, type ReactNode, useEffect, useState } from 'react';
import { can } from '../auth/roles';
import type {
  CloseIncidentMutation,
  CloseIncidentMutationVariables,
  IncidentQuery,
  IncidentQueryVariables,
  Role,
  UpdateIncidentMutation,
  UpdateIncidentMutationVariables,
} from '../generated/graphql';
import { formatHours } from '../impact/duration';
import { Timeline } from '../impact/Timeline';
import { Link } from '../ui/Link';
import { HOME } from '../url/route';
import { navigate } from '../url/useRoute';
import { when } from './when';
import { CLOSE_INCIDENT, INCIDENT, UPDATE_INCIDENT } from './queries';
import { isoToLocal, localToIso, markerHours, untilPhrase } from './time';

type IncidentData = NonNullable<IncidentQuery['incident']>;

/** How long the marker waits for the scrubber to settle before asking for the picture there. */
const SETTLE_MS = 250;

export function IncidentView({ id, at, role }: { id: string; at: number | null; role: Role }) {
  // The marker as shown (follows the scrubber at once) and as asked for (once it settles).
  const [marker, setMarker] = useState<number | null>(at);
  useEffect(() => setMarker(at), [at]);
  useEffect(() => {
    if (marker === at) return;
    const t = setTimeout(() => navigate({ view: 'incidents', id, at: marker }, { replace: true }), SETTLE_MS);
    return () => clearTimeout(t);
  }, [marker, at, id]);
  const { data, previousData, loading, error } = useQuery<IncidentQuery, IncidentQueryVariables>(INCIDENT, {
    variables: { id, hoursElapsed: at },
  });
  const shown = data ?? previousData;
  const incident = shown?.incident;
  if (loading && !shown) return <p className="status">Loading the incident…</p>;
  if (error && !shown)
    return (
      <p className="alert page-alert" role="alert">
        Could not load the incident: {error.message}
      </p>
    );
  if (!incident)
    return (
      <section className="page">
        <h1>Incident not found</h1>
        <p>
          <Link to={{ view: 'incidents', id: null, at: null }}>All incidents</Link>
        </p>
      </section>
    );
  const r = incident.report;
  const settled = !loading && data !== undefined;
  const input = {
    failed: incident.failed.map((f) => ({ id: f.id })),
    durationHours: r.durationHours,
    model: 'DISCRETE' as const,
  };
  const horizon = Math.max(24, r.durationHours ?? 0, Math.ceil((marker ?? r.hoursElapsed) + 72));
  const next = r.failingNext;
  return (
    <div className="page incident">
      <header className="page-head">
        <p className="crumbs">
          <Link to={{ view: 'incidents', id: null, at: null }}>Incidents</Link> /
        </p>
        <h1>
          {incident.name}{' '}
          <span className={`status-badge ${incident.status.toLowerCase()}`}>
            {incident.status.toLowerCase()}
          </span>
        </h1>
        <p className="muted">
          {incident.failed.map((f) => f.id).join(', ')} failed on {when(incident.startedAt)} · expected to
          last{' '}
          {incident.expectedDurationHours === null
            ? 'an unknown time'
            : formatHours(incident.expectedDurationHours)}
          {incident.endedAt && <> · ended on {when(incident.endedAt)}</>} · declared by {incident.declaredBy}
          {incident.updatedAt !== incident.declaredAt && <> · last changed by {incident.updatedBy}</>}
        </p>
        {incident.note && <p>{incident.note}</p>}
      </header>

      <section className="card" aria-labelledby="now-marker">
        <div className="card-head">
          <h2 id="now-marker">Now</h2>
          <div className="toolbar">
            <label>
              Hours since the start{' '}
              <input
                type="number"
                min="0"
                step="0.1"
                className="hours-input"
                value={marker ?? markerHours(r.hoursElapsed)}
                onChange={(e) => {
                  const v = Number(e.target.value);
                  if (e.target.value !== '' && Number.isFinite(v) && v >= 0) setMarker(markerHours(v));
                }}
              />
            </label>
            {at !== null && (
              <button type="button" onClick={() => setMarker(null)}>
                {incident.status === 'OPEN' ? 'Back to the real now' : 'Back to the end'}
              </button>
            )}
          </div>
        </div>
        <p className="small" aria-live="polite" data-testid="marker">
          {at === null ? (incident.status === 'OPEN' ? 'The real now: ' : 'The end: ') : 'Marker: '}
          <strong>{formatHours(r.hoursElapsed)}</strong> since the start ({when(r.at)}). Simulated outage:{' '}
          {r.durationHours === null ? 'indefinite' : formatHours(r.durationHours)}
          {incident.status === 'CLOSED' ? ' (the actual one)' : ' (the estimate)'}.
          {!settled && <span className="muted"> Updating…</span>}
        </p>
        {r.overrun && (
          <p className="alert" role="status">
            The marker is past the expected duration: the simulation stops at the estimate. Update it below.
          </p>
        )}
        <Timeline
          input={input}
          series={r.impact.timeline}
          horizon={horizon}
          at={marker ?? r.hoursElapsed}
          onAt={(t) => setMarker(markerHours(t))}
          onPick={(row) => navigate({ ...HOME, focus: row.id })}
        />
      </section>

      <section className="card figures" aria-label="At the marker" aria-busy={!settled}>
        <Figure label="Failed now" testId="failedNow" value={r.failedNow.count}>
          {r.failedNow.workflows} workflows · {r.failedNow.organizations} organizations
        </Figure>
        <Figure label="Degraded now" testId="degradedNow" value={r.degradedNow.count}>
          {r.degradedNow.workflows} workflows · {r.degradedNow.organizations} organizations
        </Figure>
        {(
          [
            ['within6h', 6],
            ['within12h', 12],
            ['within24h', 24],
            ['within72h', 72],
          ] as const
        ).map(([k, h]) => (
          <Figure key={k} label={`Fail within ${h} h`} testId={k} value={next[k].workflows}>
            workflows
          </Figure>
        ))}
      </section>
      {next.within72h.entities.length > 0 && (
        <section className="card" aria-labelledby="next-failures">
          <h2 id="next-failures">Next failures</h2>
          <ol className="small">
            {next.within72h.entities.map((e) => (
              <li key={e.entity.id}>
                {e.entity.name} fails {untilPhrase((e.failedAtHours ?? 0) - r.hoursElapsed)} (at{' '}
                {formatHours(e.failedAtHours)})
              </li>
            ))}
          </ol>
        </section>
      )}

      <CallList report={r} />
      {can(role, 'declareIncident') && incident.status === 'OPEN' && <Manage incident={incident} />}
    </div>
  );
}

function Figure({
  label,
  value,
  testId,
  children,
}: {
  label: string;
  value: number;
  testId: string;
  children: ReactNode;
}) {
  return (
    <div className="figure" data-figure={testId}>
      <span className="figure-label">{label}</span>
      <strong className="figure-value">{value.toLocaleString('en-US')}</strong>
      <span className="muted small">{children}</span>
    </div>
  );
}

function CallList({ report: r }: { report: IncidentData['report'] }) {
  return (
    <section className="card" aria-labelledby="call-list">
      <h2 id="call-list">Call list</h2>
      <p className="muted small">
        Organizations with a clinical workflow that fails, in the order they were or will be hit (
        {r.callCount.toLocaleString('en-US')} in all
        {r.callCount > r.callList.length ? `, first ${r.callList.length} shown` : ''}).
      </p>
      {r.callList.length === 0 ? (
        <p className="muted">No clinical workflow fails in this outage.</p>
      ) : (
        <div className="table-scroll">
          <table className="call-list">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">Organization</th>
                <th scope="col">First clinical failure</th>
                <th scope="col">From the marker</th>
                <th scope="col">Clinical workflows failing, and why</th>
              </tr>
            </thead>
            <tbody>
              {r.callList.map((c, i) => (
                <tr
                  key={c.organization.id}
                  data-organization={c.organization.id}
                  className={c.hoursUntilFirstFailure <= 0 ? 'past' : undefined}
                >
                  <td>{i + 1}</td>
                  <td>
                    <Link to={{ ...HOME, focus: c.organization.id }}>{c.organization.name}</Link>
                  </td>
                  <td className="nowrap">{formatHours(c.firstFailureAtHours)}</td>
                  <td className="nowrap" data-until={c.hoursUntilFirstFailure}>
                    {c.hoursUntilFirstFailure <= 0 ? 'failed ' : 'fails '}
                    {untilPhrase(c.hoursUntilFirstFailure)}
                  </td>
                  <td>
                    <ul className="because">
                      {c.workflows.map((w) => (
                        <li key={w.entity.id}>
                          <strong>{w.entity.name}</strong> at {formatHours(w.failedAtHours)}:{' '}
                          <span className="muted">{w.because.join(' ← ')}</span>
                          {w.reason && <div className="small muted">{w.reason}</div>}
                        </li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function Manage({ incident }: { incident: IncidentData }) {
  const [hours, setHours] = useState(
    incident.expectedDurationHours === null ? '' : String(incident.expectedDurationHours),
  );
  const [ended, setEnded] = useState(isoToLocal(new Date()));
  const [problem, setProblem] = useState<string | null>(null);
  const [update, updating] = useMutation<UpdateIncidentMutation, UpdateIncidentMutationVariables>(
    UPDATE_INCIDENT,
    { refetchQueries: 'active' },
  );
  const [close, closing] = useMutation<CloseIncidentMutation, CloseIncidentMutationVariables>(
    CLOSE_INCIDENT,
    {
      refetchQueries: 'active',
    },
  );
  const run = async (e: FormEvent, work: () => Promise<unknown>) => {
    e.preventDefault();
    setProblem(null);
    try {
      await work();
    } catch (err) {
      setProblem((err as Error).message);
    }
  };
  return (
    <section className="card" aria-labelledby="manage-incident">
      <h2 id="manage-incident">Update or close</h2>
      <form
        className="incident-form"
        onSubmit={(e) =>
          run(e, () =>
            update({
              variables: {
                id: incident.id,
                input: {
                  name: incident.name,
                  failed: incident.failed.map((f) => ({ id: f.id, inoperability: f.inoperability })),
                  startedAt: incident.startedAt,
                  expectedDurationHours: hours.trim() === '' ? null : Number(hours),
                  note: incident.note,
                },
              },
            }),
          )
        }
      >
        <label>
          Expected duration (hours)
          <input type="number" min="0" step="any" value={hours} onChange={(e) => setHours(e.target.value)} />
        </label>
        <div className="actions">
          <button type="submit" disabled={updating.loading}>
            Update the estimate
          </button>
        </div>
      </form>
      <form
        className="incident-form"
        onSubmit={(e) =>
          run(e, async () => {
            const endedAt = localToIso(ended);
            if (!endedAt) throw new Error('Give the end as a date and time.');
            await close({ variables: { id: incident.id, endedAt } });
            navigate({ view: 'incidents', id: incident.id, at: null }, { replace: true });
          })
        }
      >
        <label>
          Ended at
          <input type="datetime-local" required value={ended} onChange={(e) => setEnded(e.target.value)} />
        </label>
        <div className="actions">
          <button type="submit" className="danger" disabled={closing.loading}>
            Close the incident
          </button>
        </div>
      </form>
      {problem && (
        <p className="alert" role="alert">
          {problem}
        </p>
      )}
    </section>
  );
}
