import { useQuery } from '@apollo/client/react';
import type { StatsQuery } from '../generated/graphql';
import { STATS } from './queries';

const LABELS: Record<string, string> = {
  ORGANIZATION: 'Organizations',
  SUPPLIER: 'Suppliers',
  SERVICE: 'Services',
  ASSET: 'Assets',
  WORKFLOW: 'Workflows',
  CRITICAL_FUNCTION: 'Critical functions',
};

export function StatsPanel() {
  const { data, loading, error } = useQuery<StatsQuery>(STATS);
  if (loading) return <p className="status">Loading the map…</p>;
  if (error) return <p role="alert">Could not load the map: {error.message}</p>;
  const stats = data!.stats;
  return (
    <section aria-label="Graph counts" className="stats">
      <h2>The sector map</h2>
      <dl>
        {stats.counts.map((c) => (
          <div key={c.kind} className="stat">
            <dt>{LABELS[c.kind] ?? c.kind}</dt>
            <dd data-kind={c.kind}>{c.count.toLocaleString('en-US')}</dd>
          </div>
        ))}
        <div className="stat">
          <dt>Dependencies</dt>
          <dd data-kind="DEPENDENCIES">{stats.dependencies.toLocaleString('en-US')}</dd>
        </div>
      </dl>
      <p className="muted">Graph version {stats.graphVersion}</p>
    </section>
  );
}
