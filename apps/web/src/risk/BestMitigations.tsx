// The best single change for each of the top three of the ranking (issue 14 item 2):
// what would most reduce the damage if that supplier failed for the dashboard's
// duration, with its effect measured by re-running the simulation (Query.mitigations).
import { useQuery } from '@apollo/client/react';
import type { BestMitigationsQuery, BestMitigationsQueryVariables } from '../generated/graphql';
import { formatHours } from '../impact/duration';
import { BEST_MITIGATIONS } from './queries';

export const BEST_OF = 3;

export function BestMitigations({
  top,
  hours,
}: {
  top: readonly { id: string; name: string }[];
  hours: number | null;
}) {
  const shown = top.slice(0, BEST_OF);
  const input = (i: number) => ({ failed: [{ id: shown[i]?.id ?? shown[0]!.id }], durationHours: hours });
  const q = useQuery<BestMitigationsQuery, BestMitigationsQueryVariables>(BEST_MITIGATIONS, {
    variables: { a: input(0), b: input(1), c: input(2), hasB: shown.length > 1, hasC: shown.length > 2 },
  });
  const found = [q.data?.a, q.data?.b, q.data?.c];
  return (
    <section className="card" aria-labelledby="mitigation-title">
      <h2 id="mitigation-title">Best mitigation per top supplier</h2>
      <p className="muted small">
        For each of the top {shown.length}, the single change that saves the most workflows if it fails for{' '}
        {formatHours(hours)}: an alternative provider of the same category, a longer manual workaround, or a
        single point of failure removed. Each effect is a fresh simulation with the change.
      </p>
      {q.error && (
        <p className="alert" role="alert">
          Could not rank mitigations: {q.error.message}
        </p>
      )}
      {q.loading && !q.data && <p className="status">Simulating candidate changes…</p>}
      {q.data && (
        <ul className="best-mitigations">
          {shown.map((s, i) => {
            const best = found[i]?.[0];
            return (
              <li key={s.id} data-supplier={s.id}>
                <strong>{s.name}</strong>:{' '}
                {best ? (
                  <>
                    {best.explanation}.{' '}
                    <span className="muted">
                      Saves {best.workflowsSaved.toLocaleString('en-US')}{' '}
                      {best.workflowsSaved === 1 ? 'workflow' : 'workflows'}, spares{' '}
                      {best.organizationsSpared.toLocaleString('en-US')}{' '}
                      {best.organizationsSpared === 1 ? 'organization' : 'organizations'}.
                    </span>
                  </>
                ) : (
                  <span className="muted">no single change on its failure's paths helps.</span>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
