// Where an impact hits (issue 16 item 2): US states shaded by the organizations affected
// in them, with a legend, and the same figures as a table (the accessible route, and the
// only place for regions that name no state). The boundaries are us-atlas's states,
// already projected (Albers USA, 975 × 610), drawn by d3-geo as SVG paths: shipped in the
// bundle, so no tiles and no network at run time.
import { geoPath } from 'd3-geo';
import { feature } from 'topojson-client';
import states from 'us-atlas/states-albers-10m.json';
import { NO_IMPACT, type RegionInput, regionMapModel, shadeOf } from './regionMap';

interface StateShape {
  fips: string;
  d: string;
}

let shapes: StateShape[] | null = null;
/** The states' outlines, decoded once (the topology is the same for every report). */
export function stateShapes(): StateShape[] {
  if (!shapes) {
    // the JSON's literal type is not a Topology to TypeScript; its shape is (us-atlas 3)
    const topology = states as unknown as Parameters<typeof feature>[0];
    const fc = feature(topology, topology.objects.states as Parameters<typeof feature>[1]);
    if (fc.type !== 'FeatureCollection') return [];
    const path = geoPath();
    shapes = fc.features.map((f) => ({ fips: String(f.id), d: path(f) ?? '' }));
  }
  return shapes;
}

const n = (x: number) => x.toLocaleString('en-US');
const plural = (x: number, one: string, many: string) => `${n(x)} ${x === 1 ? one : many}`;

export function RegionMap({ byRegion }: { byRegion: readonly RegionInput[] }) {
  const model = regionMapModel(byRegion);
  const figures = new Map(model.states.map((s) => [s.state.fips, s]));
  const onMap = model.states.length;
  return (
    <section className="region-map" aria-labelledby="region-map-title">
      <div className="table-tools">
        <h3 id="region-map-title">Where it hits</h3>
        <span className="muted small">
          {onMap === 0
            ? 'No affected organization has a region in a US state.'
            : `${plural(onMap, 'state', 'states')} with affected organizations`}
        </span>
      </div>
      <div className="region-map-body">
        <figure className="region-map-figure">
          <svg
            viewBox="0 0 975 610"
            role="img"
            aria-label={`Map of US states shaded by organizations affected: ${
              model.states.map((s) => `${s.state.name} ${n(s.organizationsAffected)}`).join(', ') || 'none'
            }. The table lists the same figures.`}
          >
            {stateShapes().map((s) => {
              const f = figures.get(s.fips);
              return (
                <path
                  key={s.fips}
                  d={s.d}
                  data-state={s.fips}
                  data-organizations={f?.organizationsAffected ?? 0}
                  fill={f ? shadeOf(f.organizationsAffected, model.classes) : NO_IMPACT}
                  stroke="#8a93a3"
                  strokeWidth={0.6}
                >
                  {f && (
                    <title>
                      {`${f.state.name}: ${plural(f.organizationsAffected, 'organization', 'organizations')} affected, ${plural(f.workflowsFailed, 'workflow', 'workflows')} failed`}
                    </title>
                  )}
                </path>
              );
            })}
          </svg>
          <figcaption>
            <span className="muted small">Organizations affected</span>
            <ul className="region-legend">
              <li>
                <span className="swatch" style={{ background: NO_IMPACT }} aria-hidden="true" /> none
              </li>
              {model.classes.map((c) => (
                <li key={c.from}>
                  <span className="swatch" style={{ background: c.color }} aria-hidden="true" />{' '}
                  {c.from === c.to ? n(c.from) : `${n(c.from)}–${n(c.to)}`}
                </li>
              ))}
            </ul>
          </figcaption>
        </figure>
        <div className="table-scroll region-table">
          <table>
            <caption className="muted small">
              Organizations affected and their workflows, per state (regions that name no state below)
            </caption>
            <thead>
              <tr>
                <th scope="col">Region</th>
                <th scope="col" className="num">
                  Organizations affected
                </th>
                <th scope="col" className="num">
                  Workflows failed
                </th>
                <th scope="col" className="num">
                  Workflows degraded
                </th>
              </tr>
            </thead>
            <tbody>
              {model.states.map((s) => (
                <tr key={s.state.fips} data-state={s.state.fips}>
                  <th scope="row">
                    {s.state.name}
                    {(s.regions.length > 1 || s.regions[0] !== s.state.name) && (
                      <div className="muted small">{s.regions.join('; ')}</div>
                    )}
                  </th>
                  <td className="num">{n(s.organizationsAffected)}</td>
                  <td className="num">{n(s.workflowsFailed)}</td>
                  <td className="num">{n(s.workflowsDegraded)}</td>
                </tr>
              ))}
              {model.unplaced.map((r) => (
                <tr key={r.region ?? ''} className="unplaced">
                  <th scope="row">
                    {r.region ?? 'No region given'}
                    <div className="muted small">not on the map</div>
                  </th>
                  <td className="num">{n(r.organizationsAffected)}</td>
                  <td className="num">{n(r.workflowsFailed)}</td>
                  <td className="num">{n(r.workflowsDegraded)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {byRegion.length === 0 && <p className="muted pad">No organization is affected.</p>}
        </div>
      </div>
    </section>
  );
}
