// The empty canvas: how to begin, and the most systemic suppliers as starting points.
import { useQuery } from '@apollo/client/react';
import type { SystemicRiskQuery, SystemicRiskQueryVariables } from '../generated/graphql';
import { SYSTEMIC_RISK } from '../risk/queries';
import { KindIcon } from '../ui/KindIcon';

export function StartHere({ onPick }: { onPick: (id: string) => void }) {
  const { data, loading, error } = useQuery<SystemicRiskQuery, SystemicRiskQueryVariables>(SYSTEMIC_RISK, {
    variables: { kinds: ['SUPPLIER'], first: 8 },
  });
  return (
    <div className="start-here">
      <h2>Explore the sector map</h2>
      <p>
        Search for a supplier, service, organization or workflow, or start from one of the suppliers whose
        failure would reach furthest:
      </p>
      {loading && <p className="muted">Ranking suppliers…</p>}
      {error && <p className="muted small">The ranking is not available: {error.message}</p>}
      <ul className="start-list">
        {data?.systemicRisk.map((r) => (
          <li key={r.entity.id}>
            <button type="button" onClick={() => onPick(r.entity.id)}>
              <KindIcon kind={r.entity.kind} />
              <span className="hit-name">{r.entity.name}</span>
              <span className="muted small">
                {r.organizationsAffectedCount?.display ?? r.organizationsAffected} organizations
              </span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
