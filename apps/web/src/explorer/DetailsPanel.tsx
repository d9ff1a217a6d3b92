// Everything about the selected entity: its properties, what it depends on (grouped
// into alternatives), who depends on it, and the actions that start from it.
import { useQuery } from '@apollo/client/react';
import type { ReactNode } from 'react';
import type { EntityDetailsQuery, EntityDetailsQueryVariables, EntityKind } from '../generated/graphql';
import { formatHours } from '../impact/duration';
import type { AffectedRow } from '../impact/model';
import { KindIcon, KindLabel } from '../ui/KindIcon';
import { percent, propertyRows } from './details';
import { OrganizationAlternatives } from './OrganizationAlternatives';
import { ENTITY_DETAILS } from './queries';

export interface DetailsActions {
  onSelect: (id: string) => void;
  onTrace: (id: string) => void;
  onSimulate: (id: string) => void;
  onExpand: (id: string) => void;
  onCollapse: (id: string) => void;
}

const TRACEABLE: readonly EntityKind[] = ['SUPPLIER', 'SERVICE', 'ASSET', 'WORKFLOW', 'ORGANIZATION'];

export function DetailsPanel({
  id,
  expanded,
  impact,
  editor,
  ...actions
}: {
  id: string;
  expanded: boolean;
  impact?: AffectedRow;
  /** The edit controls (ANALYST and up); absent for a VIEWER. */
  editor?: ReactNode;
} & DetailsActions) {
  const { data, loading, error } = useQuery<EntityDetailsQuery, EntityDetailsQueryVariables>(ENTITY_DETAILS, {
    variables: { id },
  });
  if (loading && !data) return <p className="status">Loading {id}…</p>;
  if (error)
    return (
      <p className="alert" role="alert">
        Could not load {id}: {error.message}
      </p>
    );
  const e = data?.entity;
  if (!e)
    return (
      <p className="alert" role="alert">
        No entity with id <code>{id}</code>.
      </p>
    );

  const ref = (x: { id: string; name: string; kind: EntityKind; organization?: { name: string } | null }) => (
    <>
      <button type="button" className="link entity-ref" onClick={() => actions.onSelect(x.id)}>
        <KindIcon kind={x.kind} size={12} />
        {x.name}
      </button>
      {x.organization && x.organization.name !== e.name && (
        <span className="muted small"> · {x.organization.name}</span>
      )}
    </>
  );
  const dependents = data.dependents.slice(0, 100);
  const related: { label: string; items: { id: string; name: string; kind: EntityKind }[] }[] = [];
  if ('services' in e) related.push({ label: 'Services', items: e.services });
  if ('supplier' in e && e.supplier) related.push({ label: 'Provided by', items: [e.supplier] });
  if ('organization' in e && e.organization) related.push({ label: 'Organization', items: [e.organization] });
  if ('functions' in e && e.functions.length > 0) related.push({ label: 'Supports', items: e.functions });

  return (
    <article className="details" aria-labelledby="details-title">
      <header className="details-head">
        <KindLabel kind={e.kind} />
        <h2 id="details-title">{e.name}</h2>
        <code className="muted small">{e.id}</code>
      </header>
      {impact && (
        <section className="impact-reason" aria-label="In this simulation">
          <h3>In this simulation</h3>
          <p>
            <span className={`state-badge ${impact.state.toLowerCase()}`}>
              {impact.state === 'FAILED' ? '✕ Failed' : '◐ Degraded'}
            </span>{' '}
            {impact.failedAtHours !== null
              ? `at ${formatHours(impact.failedAtHours)}`
              : `from ${formatHours(impact.disruptedAtHours)}`}
          </p>
          {impact.reason && <p className="reason">{impact.reason}</p>}
        </section>
      )}
      <div className="actions">
        {TRACEABLE.includes(e.kind) && (
          <button type="button" onClick={() => actions.onTrace(e.id)}>
            Trace paths
          </button>
        )}
        <button type="button" className="primary" onClick={() => actions.onSimulate(e.id)}>
          Simulate failure
        </button>
        {expanded ? (
          <button type="button" onClick={() => actions.onCollapse(e.id)}>
            Collapse
          </button>
        ) : (
          <button type="button" onClick={() => actions.onExpand(e.id)}>
            Expand
          </button>
        )}
      </div>
      {editor}

      <dl className="props">
        {propertyRows(e).map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>

      <p className="provenance muted small">
        {e.provenance.length === 0
          ? 'No submission recorded it.'
          : `Asserted by ${e.provenance.map((p) => `${p.submission.contributor} on ${p.assertedAt}`).join('; ')} · last confirmed ${e.provenance[0]!.confirmedAt}`}
      </p>

      {related.map((r) => (
        <section key={r.label} className="rel">
          <h3>
            {r.label} <span className="count">{r.items.length}</span>
          </h3>
          <ul className="ref-list">
            {r.items.map((x) => (
              <li key={x.id}>{ref(x)}</li>
            ))}
          </ul>
        </section>
      ))}

      {e.kind === 'ORGANIZATION' && <OrganizationAlternatives id={e.id} onSelect={actions.onSelect} />}

      <section className="rel">
        <h3>
          Depends on <span className="count">{data.dependencies.length}</span>
        </h3>
        {data.dependencies.length === 0 ? (
          <p className="muted small">No recorded dependencies.</p>
        ) : (
          <ul className="groups">
            {data.dependencies.map((g, i) => (
              <li
                key={g.group ?? `single-${i}`}
                className={g.alternatives.length > 1 ? 'group alt' : 'group'}
              >
                {g.alternatives.length > 1 && (
                  <p className="group-head">
                    Any one of {g.alternatives.length} alternatives
                    {g.group ? (
                      <>
                        {' '}
                        <span className="muted">({g.group})</span>
                      </>
                    ) : null}
                  </p>
                )}
                <ul className="ref-list">
                  {g.alternatives.map((d) => (
                    <li key={d.to.id}>
                      {ref(d.to)}
                      {g.alternatives.length === 1 && e.kind !== 'SERVICE' && (
                        <span className="spof-tag" title="A single point of failure: a group of one">
                          {' '}
                          no alternative
                        </span>
                      )}
                      <span className="muted small">
                        {d.strength < 1 ? ` · strength ${percent(d.strength)}` : ''}
                        {d.source ? ` · ${d.source.toLowerCase()}` : ''}
                        {d.confidence != null ? ` · confidence ${percent(d.confidence)}` : ''}
                        {d.provenance.length > 0
                          ? ` · asserted by ${d.provenance.map((p) => `${p.submission.contributor} on ${p.assertedAt}`).join('; ')}`
                          : ''}
                      </span>
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="rel">
        <h3>
          Depended on by{' '}
          <span
            className="count"
            title={
              e.kind === 'SUPPLIER'
                ? 'Distinct entities with a dependency on it or on one of its services (as in the systemic-risk ranking)'
                : 'Distinct entities with a dependency on it (as in the systemic-risk ranking)'
            }
          >
            {data.directDependents}
          </span>
        </h3>
        {dependents.length === 0 ? (
          <p className="muted small">Nothing depends on it directly.</p>
        ) : (
          <ul className="ref-list">
            {dependents.map((d) => (
              <li key={`${d.from.id}>${d.to.id}`}>
                {ref(d.from)}
                {d.to.id !== e.id && <span className="muted small"> · on {d.to.name}</span>}
                {d.group && <span className="muted small"> · alternative in “{d.group}”</span>}
              </li>
            ))}
          </ul>
        )}
        {data.dependents.length > 100 && <p className="muted small">Showing the first 100 dependencies.</p>}
      </section>
    </article>
  );
}
