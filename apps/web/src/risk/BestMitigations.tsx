// The best single change for each of the top three of the ranking (issue 14 item 2):
// what would most reduce the damage if that supplier failed for the dashboard's
// duration, with its effect measured by re-running the simulation (Query.mitigations).
// One request per supplier, each within the per-request analysis budget, one after the
// other and after the dashboard's own analyses: a user runs at most
// `maxConcurrentAnalysesPerUser` (4) at once (a fifth is refused with 429 BUSY).
import { useQuery } from '@apollo/client/react';
import { useEffect, useState } from 'react';
import type { BestMitigationQuery, BestMitigationQueryVariables } from '../generated/graphql';
import { formatHours } from '../impact/duration';
import { BEST_MITIGATION } from './queries';

export const BEST_OF = 3;

export function BestMitigations({
  top,
  hours,
  ready = true,
}: {
  top: readonly { id: string; name: string }[];
  hours: number | null;
  /** False while the page's other analyses run: the first ranking waits for them. */
  ready?: boolean;
}) {
  const shown = top.slice(0, BEST_OF);
  // How many rows have their answer (or error): the next one asks only then.
  const [settled, setSettled] = useState(0);
  const key = shown.map((s) => s.id).join(',');
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new top or duration starts over.
  useEffect(() => setSettled(0), [key, hours]);
  return (
    <section className="card" aria-labelledby="mitigation-title">
      <h2 id="mitigation-title">Best mitigation per top supplier</h2>
      <p className="muted small">
        For each of the top {shown.length}, the single change that saves the most workflows if it fails for{' '}
        {formatHours(hours)}: an alternative provider of the same category, a longer manual workaround, or a
        single point of failure removed. Each effect is a fresh simulation with the change.
      </p>
      <ul className="best-mitigations">
        {shown.map((s, i) => (
          <BestMitigation
            key={s.id}
            supplier={s}
            hours={hours}
            wait={!ready || i > settled}
            onSettled={() => setSettled((n) => Math.max(n, i + 1))}
          />
        ))}
      </ul>
    </section>
  );
}

function BestMitigation({
  supplier,
  hours,
  wait,
  onSettled,
}: {
  supplier: { id: string; name: string };
  hours: number | null;
  /** An earlier row is still asking. */
  wait: boolean;
  onSettled: () => void;
}) {
  const q = useQuery<BestMitigationQuery, BestMitigationQueryVariables>(BEST_MITIGATION, {
    variables: { input: { failed: [{ id: supplier.id }], durationHours: hours } },
    skip: wait,
  });
  const done = Boolean(q.data || q.error);
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per answer.
  useEffect(() => {
    if (done) onSettled();
  }, [done]);
  const best = q.data?.mitigations[0];
  return (
    <li data-supplier={supplier.id} aria-busy={!done}>
      <strong>{supplier.name}</strong>:{' '}
      {q.error ? (
        <span className="alert" role="alert">
          could not rank mitigations: {q.error.message}
        </span>
      ) : wait ? (
        <span className="status">waiting…</span>
      ) : !q.data ? (
        <span className="status">simulating candidate changes…</span>
      ) : best ? (
        <>
          {best.explanation}.{' '}
          <span className="muted">
            Saves {best.workflowsSaved.toLocaleString('en-US')}{' '}
            {best.workflowsSaved === 1 ? 'workflow' : 'workflows'}, spares{' '}
            {/* "< k" when suppressed for a user scoped to organizations (issue 19). */}
            {best.organizationsSpared?.toLocaleString('en-US') ?? best.organizationsSparedCount.display}{' '}
            {best.organizationsSpared === 1 ? 'organization' : 'organizations'}.
          </span>
        </>
      ) : (
        <span className="muted">no single change on its failure's paths helps.</span>
      )}
    </li>
  );
}
