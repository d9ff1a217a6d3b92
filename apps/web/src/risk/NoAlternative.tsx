// "Hospitals with no alternative for EHR hosting": the dependencies of organizations'
// workflows and assets that form a group of one (singlePointsOfFailure), filtered by
// the dependency's category, the organization's subsector and type.
import { useQuery } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { SUBSECTOR_LABEL } from '../explorer/kinds';
import type { SinglePointsQuery, SinglePointsQueryVariables, Subsector } from '../generated/graphql';
import { KindIcon } from '../ui/KindIcon';
import { Link } from '../ui/Link';
import { HOME } from '../url/route';
import { SINGLE_POINTS } from './queries';

const FIRST = 500;
const focus = (id: string) => ({ ...HOME, focus: id });

interface Filter {
  category: string;
  subsector: Subsector | '';
  organizationType: string;
}

export function NoAlternative() {
  const [draft, setDraft] = useState<Filter>({ category: '', subsector: '', organizationType: '' });
  const [filter, setFilter] = useState<Filter>(draft);
  const { data, loading, error } = useQuery<SinglePointsQuery, SinglePointsQueryVariables>(SINGLE_POINTS, {
    variables: {
      category: filter.category.trim() || null,
      subsector: filter.subsector || null,
      organizationType: filter.organizationType.trim() || null,
      first: FIRST,
    },
  });
  const rows = data?.singlePointsOfFailure ?? [];
  const organizations = new Set(rows.map((r) => r.organization.id)).size;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setFilter(draft);
  };
  const what = filter.category.trim() ? `for ${filter.category.trim()}` : 'for a dependency';
  const who = filter.subsector ? `${SUBSECTOR_LABEL[filter.subsector]} organizations` : 'Organizations';

  return (
    <section className="card no-alternative" aria-labelledby="noalt-title">
      <h2 id="noalt-title">No alternative</h2>
      <p className="muted small">
        Dependencies of an organization's workflows and assets with no alternative (a group of one): if it
        fails, they are disrupted whatever else is up.
      </p>
      <form className="filters" onSubmit={submit} aria-label="No-alternative filters">
        <label>
          Category{' '}
          <input
            type="text"
            value={draft.category}
            placeholder="e.g. EHR hosting"
            onChange={(e) => setDraft({ ...draft, category: e.target.value })}
          />
        </label>
        <label>
          Subsector{' '}
          <select
            value={draft.subsector}
            onChange={(e) => setDraft({ ...draft, subsector: e.target.value as Subsector | '' })}
          >
            <option value="">All</option>
            {Object.entries(SUBSECTOR_LABEL).map(([k, label]) => (
              <option key={k} value={k}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Organization type{' '}
          <input
            type="text"
            value={draft.organizationType}
            placeholder="e.g. Acute care hospital"
            onChange={(e) => setDraft({ ...draft, organizationType: e.target.value })}
          />
        </label>
        <button type="submit">Show</button>
      </form>
      {error && <p className="alert">Could not load: {error.message}</p>}
      {loading && !data && <p className="status">Looking for single points of failure…</p>}
      {data && (
        <p className="noalt-count" aria-live="polite">
          {who} with no alternative {what}: <strong>{organizations}</strong> ({rows.length}
          {rows.length === FIRST ? '+' : ''} dependencies)
        </p>
      )}
      {rows.length > 0 && (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">Organization</th>
                <th scope="col">Workflow or asset</th>
                <th scope="col">Depends on, with no alternative</th>
                <th scope="col">Supplier</th>
                <th scope="col">Category</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={`${r.dependent.id}>${r.dependency.id}`}>
                  <td>
                    <Link to={focus(r.organization.id)}>{r.organization.name}</Link>
                  </td>
                  <td>
                    <Link to={focus(r.dependent.id)} className="entity-ref">
                      <KindIcon kind={r.dependent.kind} size={12} />
                      {r.dependent.name}
                    </Link>
                  </td>
                  <td>
                    <Link to={focus(r.dependency.id)} className="entity-ref">
                      <KindIcon kind={r.dependency.kind} size={12} />
                      {r.dependency.name}
                    </Link>
                  </td>
                  <td>{r.supplier ? <Link to={focus(r.supplier.id)}>{r.supplier.name}</Link> : '—'}</td>
                  <td>{r.category ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
