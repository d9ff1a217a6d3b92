// For an organization: which dependencies of its workflows and assets have an
// alternative and which are single points of failure (dependencyAlternatives).
import { useQuery } from '@apollo/client/react';
import type {
  EntityKind,
  OrganizationAlternativesQuery,
  OrganizationAlternativesQueryVariables,
} from '../generated/graphql';
import { KindIcon } from '../ui/KindIcon';
import { ORGANIZATION_ALTERNATIVES } from './queries';

export function OrganizationAlternatives({ id, onSelect }: { id: string; onSelect: (id: string) => void }) {
  const { data, error } = useQuery<OrganizationAlternativesQuery, OrganizationAlternativesQueryVariables>(
    ORGANIZATION_ALTERNATIVES,
    { variables: { organization: id } },
  );
  if (error) return <p className="alert">Could not load alternatives: {error.message}</p>;
  if (!data) return null;
  const rows = data.dependencyAlternatives;
  const single = rows.filter((r) => r.singlePointOfFailure);
  const ref = (x: { id: string; name: string; kind: EntityKind }) => (
    <button type="button" className="link entity-ref" onClick={() => onSelect(x.id)}>
      <KindIcon kind={x.kind} size={12} />
      {x.name}
    </button>
  );
  return (
    <section className="rel org-alternatives" aria-label="Alternatives">
      <h3>Alternatives</h3>
      <p className="small">
        Of {rows.length} dependencies of its workflows and assets, {rows.length - single.length} have an
        alternative; <strong>{single.length}</strong> have none.
      </p>
      {single.length > 0 && (
        <ul className="ref-list">
          {single.map((r) => (
            <li key={`${r.dependent.id}>${r.dependency.id}`}>
              {ref(r.dependent)} <span className="muted small">on</span> {ref(r.dependency)}
              <span className="spof-tag"> no alternative</span>
              {r.category && <span className="muted small"> · {r.category}</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
