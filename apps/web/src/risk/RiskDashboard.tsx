// Systemic risk: who would break the most if they failed, where the sector leans on
// one category of supplier, what has no alternative, and hidden fourth parties.
import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import type {
  ConcentrationMatrixQuery,
  EntityKind,
  FourthPartyConcentrationQuery,
  FourthPartyConcentrationQueryVariables,
  SystemicRiskQuery,
  SystemicRiskQueryVariables,
} from '../generated/graphql';
import { formatHours } from '../impact/duration';
import { downloadText, toCsv } from '../ui/csv';
import { KindIcon } from '../ui/KindIcon';
import { Link } from '../ui/Link';
import { HOME } from '../url/route';
import { navigate } from '../url/useRoute';
import { BestMitigations } from './BestMitigations';
import { HeatMap } from './HeatMap';
import { NoAlternative } from './NoAlternative';
import { RankingTable } from './RankingTable';
import { SpofChart } from './SpofChart';
import { CONCENTRATION_MATRIX, FOURTH_PARTY, SYSTEMIC_RISK } from './queries';

const DURATIONS: (number | null)[] = [24, 72, 168, 720, null];

const focus = (id: string) => ({ ...HOME, focus: id });

export function RiskDashboard({
  route,
}: {
  route: { view: 'risk'; hours: number | null; invalidHours?: string };
}) {
  const [kinds, setKinds] = useState<EntityKind[]>(['SUPPLIER']);
  const hours = route.hours;
  const ranking = useQuery<SystemicRiskQuery, SystemicRiskQueryVariables>(SYSTEMIC_RISK, {
    variables: { kinds, durationHours: hours, first: 50 },
  });
  const spof = useQuery<SystemicRiskQuery, SystemicRiskQueryVariables>(SYSTEMIC_RISK, {
    variables: { kinds: ['SUPPLIER', 'SERVICE', 'ASSET'], durationHours: null, first: 200 },
  });
  const matrix = useQuery<ConcentrationMatrixQuery>(CONCENTRATION_MATRIX);
  const fourth = useQuery<FourthPartyConcentrationQuery, FourthPartyConcentrationQueryVariables>(
    FOURTH_PARTY,
    {
      variables: { first: 20 },
    },
  );

  const rows = ranking.data?.systemicRisk ?? [];

  return (
    <div className="page risk">
      <header className="page-head">
        <h1>Systemic risk</h1>
        <p className="muted">
          Which third parties would take the most of the sector down with them, and where the sector has put
          its eggs in one basket.
        </p>
        {route.invalidHours !== undefined && (
          <p className="alert" role="alert">
            The link's outage duration <code>hours={route.invalidHours}</code> is not valid: give a positive
            number of hours, or <code>hours=indefinite</code>. Shown for the default, {formatHours(hours)}.
          </p>
        )}
      </header>

      <section className="card" aria-labelledby="ranking-title">
        <div className="card-head">
          <h2 id="ranking-title">Ranked by systemic risk</h2>
          <div className="toolbar">
            <fieldset className="segmented">
              <legend className="sr-only">Kinds</legend>
              {(
                [
                  [['SUPPLIER'], 'Suppliers'],
                  [['SERVICE'], 'Services'],
                  [['SUPPLIER', 'SERVICE'], 'Both'],
                ] as [EntityKind[], string][]
              ).map(([k, label]) => (
                <label key={label} className={k.join() === kinds.join() ? 'on' : undefined}>
                  <input
                    type="radio"
                    name="kinds"
                    checked={k.join() === kinds.join()}
                    onChange={() => setKinds(k)}
                  />
                  {label}
                </label>
              ))}
            </fieldset>
            <label>
              Outage{' '}
              <select
                value={hours === null ? 'inf' : String(hours)}
                onChange={(e) =>
                  navigate(
                    { view: 'risk', hours: e.target.value === 'inf' ? null : Number(e.target.value) },
                    { replace: true },
                  )
                }
              >
                {hours !== null && !DURATIONS.includes(hours) && (
                  <option value={String(hours)}>{formatHours(hours)}</option>
                )}
                {DURATIONS.map((d) => (
                  <option key={String(d)} value={d === null ? 'inf' : String(d)}>
                    {formatHours(d)}
                  </option>
                ))}
              </select>
            </label>
            <button
              type="button"
              disabled={rows.length === 0}
              onClick={() =>
                downloadText(
                  `systemic-risk-${hours ?? 'indefinite'}h.csv`,
                  toCsv(rows, [
                    { header: 'id', value: (r) => r.entity.id },
                    { header: 'name', value: (r) => r.entity.name },
                    { header: 'kind', value: (r) => r.entity.kind },
                    { header: 'score', value: (r) => r.score },
                    { header: 'capacity_loss', value: (r) => r.capacityLoss },
                    {
                      header: 'organizations_affected',
                      value: (r) => r.organizationsAffected ?? r.organizationsAffectedCount?.display ?? '',
                    },
                    { header: 'workflows_failed', value: (r) => r.workflowsFailed },
                    { header: 'functions_impaired', value: (r) => r.functionsImpaired },
                    { header: 'direct_dependents', value: (r) => r.directDependents },
                    { header: 'single_point_of_failure_for', value: (r) => r.singlePointOfFailureFor },
                  ]),
                )
              }
            >
              Export CSV
            </button>
          </div>
        </div>
        <p className="muted small">
          Score = 100 × Σ critical-function capacity loss + 10 × organizations affected + Σ over failed
          workflows of (6 − criticality) / 5, when the entity alone fails for {formatHours(hours)}.
        </p>
        {ranking.error && (
          <p className="alert" role="alert">
            Could not rank: {ranking.error.message}
          </p>
        )}
        {ranking.loading && !ranking.data && <p className="status">Simulating every candidate…</p>}
        {rows.length > 0 && (
          <div className="table-scroll tall">
            <RankingTable rows={rows} hours={hours} />
          </div>
        )}
        {hours === null && rows.length > 0 && (
          <p className="muted small">
            At an indefinite outage the workflows an entity alone fails are exactly those it is the sole
            dependency of, so "Sole dependency of" is not shown: it would repeat "Failed".
          </p>
        )}
      </section>

      {rows.length > 0 && kinds.length === 1 && kinds[0] === 'SUPPLIER' && (
        <BestMitigations
          top={rows.map((r) => r.entity)}
          hours={hours}
          // After the dashboard's own analyses: a user runs at most 4 at once.
          ready={!spof.loading && !matrix.loading && !fourth.loading}
        />
      )}

      <section className="card" aria-labelledby="heat-title">
        <h2 id="heat-title">Concentration: supplier category × subsector</h2>
        <p className="muted small">
          Organizations of each subsector that depend on suppliers of each category. Choose a cell to list
          them.
        </p>
        {matrix.error && <p className="alert">Could not load: {matrix.error.message}</p>}
        {matrix.data && <HeatMap cells={matrix.data.concentrationMatrix} />}
      </section>

      <NoAlternative />

      <div className="grid-2">
        <section className="card" aria-labelledby="spof-title">
          <h2 id="spof-title">Single points of failure</h2>
          <p className="muted small">
            Workflows that fail when this entity alone fails (no alternative, no lasting workaround).
          </p>
          {spof.loading && !spof.data && <p className="status">Looking for single points of failure…</p>}
          {spof.error && <p className="alert">Could not load: {spof.error.message}</p>}
          {spof.data && <SpofChart rows={spof.data.systemicRisk} />}
        </section>
        <section className="card" aria-labelledby="fourth-title">
          <h2 id="fourth-title">Fourth-party concentration</h2>
          <p className="muted small">
            Services and suppliers that many other suppliers' services depend on: the hidden layer beneath the
            contracts.
          </p>
          {fourth.error && <p className="alert">Could not load: {fourth.error.message}</p>}
          {fourth.data && (
            <div className="table-scroll">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Entity</th>
                    <th scope="col">Category</th>
                    <th scope="col" className="num">
                      First-tier services depending on it
                    </th>
                    <th scope="col" className="num">
                      Organizations reached
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {fourth.data.fourthPartyConcentration.map((c) => (
                    <tr key={c.entity.id}>
                      <td>
                        <Link to={focus(c.entity.id)} className="entity-ref">
                          <KindIcon kind={c.entity.kind} size={12} />
                          {c.entity.name}
                        </Link>
                      </td>
                      <td>{'category' in c.entity ? (c.entity.category ?? '—') : '—'}</td>
                      <td className="num">{c.firstTierDependents}</td>
                      <td className="num">{c.organizationsReachedCount.display}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      </div>
    </div>
  );
}
