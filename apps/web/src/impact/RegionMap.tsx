// Where an impact hits (issue 16 item 2): US states shaded by the organizations affected
// in them, or by the volume per day lost in one unit (patients, claims… as the workflows
// give them), with a legend, and the same figures as a table (the accessible route, and
// the only place for regions that name no state). The boundaries are us-atlas's states,
// already projected (Albers USA, 975 × 610), drawn by d3-geo as SVG paths: shipped in the
// bundle, so no tiles and no network at run time.
import { geoPath } from 'd3-geo';
import { feature } from 'topojson-client';
import states from 'us-atlas/states-albers-10m.json';
import { useState } from 'react';
import {
  fillOf,
  formatVolume,
  type Measure,
  measureOf,
  NO_IMPACT,
  ORGANIZATIONS,
  type RegionInput,
  regionMapModel,
  unitsLost,
} from './regionMap';

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

/** The measure's name in the legend, the selector and the table's extra column. */
const measureName = (m: Measure) =>
  m.kind === 'organizations' ? 'Organizations affected' : `${m.unit} per day lost`;

export function RegionMap({ byRegion }: { byRegion: readonly RegionInput[] }) {
  const units = unitsLost(byRegion);
  const [picked, setPicked] = useState<Measure>(ORGANIZATIONS);
  // A unit this report does not lose (another report's choice) falls back to organizations.
  const measure =
    picked.kind === 'volume' && units.some((u) => u.unit === picked.unit) ? picked : ORGANIZATIONS;
  const volume = measure.kind === 'volume' ? measure.unit : null;
  const model = regionMapModel(byRegion, measure);
  const figures = new Map(model.states.map((s) => [s.state.fips, s]));
  const onMap = model.states.length;
  const show = (x: number) => (volume ? formatVolume(x) : n(x));
  return (
    <section className="region-map" aria-labelledby="region-map-title">
      <div className="table-tools">
        <h3 id="region-map-title">Where it hits</h3>
        <label className="small">
          Shade by{' '}
          <select
            value={volume ?? ''}
            onChange={(e) =>
              setPicked(e.target.value ? { kind: 'volume', unit: e.target.value } : ORGANIZATIONS)
            }
          >
            <option value="">Organizations affected</option>
            {units.map((u) => (
              <option key={u.unit} value={u.unit}>
                {u.unit} per day lost
              </option>
            ))}
          </select>
        </label>
        <span className="muted small">
          {onMap === 0
            ? 'No affected organization has a region in a US state.'
            : `${plural(onMap, 'state', 'states')} with affected organizations`}
          {units.length === 0 && ' · no workflow affected gives a volume unit'}
        </span>
      </div>
      <div className="region-map-body">
        <figure className="region-map-figure">
          <svg
            viewBox="0 0 975 610"
            role="img"
            aria-label={`Map of US states shaded by ${measureName(measure).toLowerCase()}: ${
              model.states.map((s) => `${s.state.name} ${show(measureOf(s, measure))}`).join(', ') || 'none'
            }. The table lists the same figures.`}
          >
            {stateShapes().map((s) => {
              const f = figures.get(s.fips);
              const value = f ? measureOf(f, measure) : 0;
              return (
                <path
                  key={s.fips}
                  d={s.d}
                  data-state={s.fips}
                  data-organizations={f?.organizationsAffected ?? 0}
                  data-value={value}
                  fill={f ? fillOf(value, measure, model.classes) : NO_IMPACT}
                  stroke="#8a93a3"
                  strokeWidth={0.6}
                >
                  {f && (
                    <title>
                      {`${f.state.name}: ${plural(f.organizationsAffected, 'organization', 'organizations')} affected, ${plural(f.workflowsFailed, 'workflow', 'workflows')} failed${volume ? `, ${formatVolume(value)} ${volume} per day lost` : ''}`}
                    </title>
                  )}
                </path>
              );
            })}
          </svg>
          <figcaption>
            <span className="muted small" data-testid="legend-title">
              {measureName(measure)}
            </span>
            <ul className="region-legend">
              <li>
                <span className="swatch" style={{ background: NO_IMPACT }} aria-hidden="true" /> none
              </li>
              {model.classes.map((c) => (
                <li key={c.from}>
                  <span className="swatch" style={{ background: c.color }} aria-hidden="true" />{' '}
                  {volume
                    ? c.from === 0
                      ? `up to ${formatVolume(c.to)}`
                      : `${formatVolume(c.from)}–${formatVolume(c.to)}`
                    : c.from === c.to
                      ? n(c.from)
                      : `${n(c.from)}–${n(c.to)}`}
                </li>
              ))}
            </ul>
          </figcaption>
        </figure>
        <div className="table-scroll region-table">
          <table>
            <caption className="muted small">
              Organizations affected and their workflows{volume ? `, and ${volume} per day lost` : ''}, per
              state (regions that name no state below)
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
                {volume && (
                  <th scope="col" className="num">
                    {volume} per day lost
                  </th>
                )}
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
                  {volume && (
                    <td className="num" data-volume={measureOf(s, measure)}>
                      {formatVolume(measureOf(s, measure))}
                    </td>
                  )}
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
                  {volume && (
                    <td className="num" data-volume={measureOf(r, measure)}>
                      {formatVolume(measureOf(r, measure))}
                    </td>
                  )}
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
