// The concentration heat map (supplier category × subsector). Each non-empty cell is a
// button that drills into the organizations behind it (concentrationOrganizations, the
// same pattern as the matrix), listed under the map with the suppliers they reach.
import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { SUBSECTOR_LABEL } from '../explorer/kinds';
import type {
  ConcentrationMatrixQuery,
  ConcentrationOrganizationsQuery,
  ConcentrationOrganizationsQueryVariables,
  Subsector,
} from '../generated/graphql';
import { Link } from '../ui/Link';
import { HOME } from '../url/route';
import { heatColor, heatTextColor, pivot } from './heatmap';
import { CONCENTRATION_ORGANIZATIONS } from './queries';

const SUBSECTOR_ORDER = Object.keys(SUBSECTOR_LABEL);
const FIRST = 200;
const focus = (id: string) => ({ ...HOME, focus: id });

interface Picked {
  supplierCategory: string;
  subsector: Subsector;
  organizations: number;
}

export function HeatMap({ cells }: { cells: ConcentrationMatrixQuery['concentrationMatrix'] }) {
  const [picked, setPicked] = useState<Picked | null>(null);
  // A count suppressed for a scoped reader (null, shown "< k") is coloured as none.
  const p = pivot(
    cells.map((c) => ({ ...c, organizations: c.organizations ?? 0, display: c.organizationsCount.display })),
    SUBSECTOR_ORDER,
  );
  if (p.rows.length === 0) return <p className="muted">No dependencies on suppliers yet.</p>;
  const isPicked = (r: string, c: string) => picked?.supplierCategory === r && picked.subsector === c;
  return (
    <>
      <div className="heat-scroll">
        <table className="heatmap">
          <caption className="sr-only">
            Organizations per supplier category (rows) and subsector (columns); a cell lists them
          </caption>
          <thead>
            <tr>
              <th scope="col">Supplier category</th>
              {p.cols.map((c) => (
                <th key={c} scope="col" className="rot">
                  <span>{SUBSECTOR_LABEL[c] ?? c}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {p.rows.map((r) => (
              <tr key={r}>
                <th scope="row">{r}</th>
                {p.cols.map((c) => {
                  const cell = p.get(r, c);
                  const v = cell?.organizations ?? 0;
                  const label = `${r} → ${SUBSECTOR_LABEL[c] ?? c}: ${v} organizations on ${cell?.suppliers ?? 0} suppliers`;
                  return (
                    <td key={c} style={{ background: heatColor(v, p.max) }}>
                      {v > 0 && (
                        <button
                          type="button"
                          className="heat-cell"
                          style={{ color: heatTextColor(v, p.max) }}
                          title={`${label}: show them`}
                          aria-label={label}
                          aria-pressed={isPicked(r, c)}
                          aria-controls="heat-drill"
                          onClick={() =>
                            setPicked(
                              isPicked(r, c)
                                ? null
                                : { supplierCategory: r, subsector: c as Subsector, organizations: v },
                            )
                          }
                        >
                          {v}
                        </button>
                      )}
                      {v === 0 && cell?.display && cell.display !== '0' && (
                        <span title={`${r} → ${SUBSECTOR_LABEL[c] ?? c}: ${cell.display} organizations`}>
                          {cell.display}
                        </span>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
        <div className="heat-legend" aria-hidden="true">
          <span>0</span>
          <span className="ramp" />
          <span>{p.max} organizations</span>
        </div>
      </div>
      <div id="heat-drill" aria-live="polite">
        {picked && <CellOrganizations cell={picked} onClose={() => setPicked(null)} />}
      </div>
    </>
  );
}

function CellOrganizations({ cell, onClose }: { cell: Picked; onClose: () => void }) {
  const { data, loading, error } = useQuery<
    ConcentrationOrganizationsQuery,
    ConcentrationOrganizationsQueryVariables
  >(CONCENTRATION_ORGANIZATIONS, {
    variables: { supplierCategory: cell.supplierCategory, subsector: cell.subsector, first: FIRST },
  });
  const rows = data?.concentrationOrganizations ?? [];
  const title = `${SUBSECTOR_LABEL[cell.subsector] ?? cell.subsector} organizations on ${cell.supplierCategory} suppliers`;
  return (
    <section className="heat-drill" aria-label={title}>
      <div className="card-head">
        <h3>
          {title} ({cell.organizations})
        </h3>
        <button type="button" className="link small" onClick={onClose}>
          Close
        </button>
      </div>
      {loading && !data && <p className="status">Loading the organizations…</p>}
      {error && <p className="alert">Could not load: {error.message}</p>}
      {rows.length > 0 && (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">Organization</th>
                <th scope="col">Type</th>
                <th scope="col">Region</th>
                <th scope="col">{cell.supplierCategory} suppliers it depends on</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((m) => (
                <tr key={m.organization.id}>
                  <td>
                    <Link to={focus(m.organization.id)} title={m.organization.name}>
                      {m.organization.name}
                    </Link>
                  </td>
                  <td>{m.organization.type ?? '—'}</td>
                  <td>{m.organization.region ?? '—'}</td>
                  <td>
                    {m.suppliers.map((s, i) => (
                      <span key={s.id}>
                        {i > 0 && ', '}
                        <Link to={focus(s.id)}>{s.name}</Link>
                      </span>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {rows.length < cell.organizations && data && (
        <p className="muted small">
          Showing the first {rows.length} of {cell.organizations}.
        </p>
      )}
    </section>
  );
}
