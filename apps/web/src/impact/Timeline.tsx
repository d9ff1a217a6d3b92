// The outage over time: a stacked step chart of workflows degraded and failed, a
// scrubber (a native range input, so it works from the keyboard) and play/pause.
// The canvas follows the scrubber.
import { useEffect, useMemo, useRef, useState } from 'react';
import { STATE_META } from '../explorer/kinds';
import { formatHours, formatHoursShort } from './duration';
import { type AffectedRow, displayName } from './model';
import { niceTicks, timelineEvents, timelineSeries } from './timeline';
import { useWidth } from '../ui/useWidth';

const H = 96;
const PAD = { l: 34, r: 10, t: 8, b: 20 };

export function Timeline({
  rows,
  horizon,
  at,
  onAt,
  onPick,
}: {
  rows: readonly AffectedRow[];
  horizon: number;
  at: number;
  onAt: (t: number) => void;
  onPick: (id: string) => void;
}) {
  const workflows = useMemo(() => rows.filter((r) => r.kind === 'WORKFLOW'), [rows]);
  const series = useMemo(() => timelineSeries(workflows, horizon), [workflows, horizon]);
  const events = useMemo(() => timelineEvents(workflows).filter((e) => e.t <= horizon), [workflows, horizon]);
  const names = useMemo(() => new Map(rows.map((r) => [r.id, displayName(r)])), [rows]);
  const [playing, setPlaying] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const W = Math.max(200, useWidth(box, 360));
  const atRef = useRef(at);
  atRef.current = at;
  const list = useRef<HTMLOListElement>(null);
  // Keep the next transitions in view as the scrubber moves.
  useEffect(() => {
    const ol = list.current;
    if (!ol) return;
    const next = events.findIndex((e) => e.t > at);
    const shown = Math.min(events.length, 400);
    const li = ol.children[next === -1 ? shown - 1 : Math.min(next, shown - 1)] as HTMLElement | undefined;
    if (li) ol.scrollTop = Math.max(0, li.offsetTop - ol.clientHeight / 3);
  }, [at, events]);

  useEffect(() => {
    if (!playing) return;
    let frame = 0;
    let last = performance.now();
    const step = (now: number) => {
      // The whole outage plays in about ten seconds.
      const next = Math.min(horizon, atRef.current + ((now - last) / 10_000) * horizon);
      last = now;
      onAt(next);
      if (next >= horizon) setPlaying(false);
      else frame = requestAnimationFrame(step);
    };
    frame = requestAnimationFrame(step);
    return () => cancelAnimationFrame(frame);
  }, [playing, horizon, onAt]);

  const maxY = Math.max(1, ...series.map((p) => p.degraded + p.failed));
  const x = (t: number) => PAD.l + (Math.min(t, horizon) / horizon) * (W - PAD.l - PAD.r);
  const y = (v: number) => H - PAD.b - (v / maxY) * (H - PAD.t - PAD.b);
  const area = (
    top: (p: (typeof series)[number]) => number,
    bottom: (p: (typeof series)[number]) => number,
  ) => {
    const pts: string[] = [];
    series.forEach((p, i) => {
      const next = series[i + 1]?.t ?? horizon;
      pts.push(`${x(p.t)},${y(top(p))}`, `${x(next)},${y(top(p))}`);
    });
    const back: string[] = [];
    for (let i = series.length - 1; i >= 0; i--) {
      const p = series[i]!;
      const next = series[i + 1]?.t ?? horizon;
      back.push(`${x(next)},${y(bottom(p))}`, `${x(p.t)},${y(bottom(p))}`);
    }
    return [...pts, ...back].join(' ');
  };
  const now = [...series].reverse().find((p) => p.t <= at) ?? { degraded: 0, failed: 0 };
  const ticks = niceTicks(horizon, Math.max(3, Math.floor(W / 90)));

  return (
    <section className="timeline" aria-label="Timeline">
      <div className="timeline-controls">
        <button
          type="button"
          onClick={() => {
            if (!playing && at >= horizon) onAt(0);
            setPlaying((p) => !p);
          }}
          aria-label={playing ? 'Pause' : 'Play the outage'}
        >
          {playing ? '❚❚ Pause' : '▶ Play'}
        </button>
        <label className="scrubber">
          <span className="sr-only">Time into the outage</span>
          <input
            type="range"
            min={0}
            max={horizon}
            step={horizon / 500}
            value={Math.min(at, horizon)}
            aria-valuetext={formatHours(at)}
            onChange={(e) => {
              setPlaying(false);
              onAt(Number(e.target.value));
            }}
          />
        </label>
        <output className="timeline-now" aria-live="polite">
          <strong>{formatHours(at)}</strong>: {now.failed} workflows failed, {now.degraded} degraded
        </output>
      </div>
      <div ref={box} className="timeline-box">
        <svg viewBox={`0 0 ${W} ${H}`} width={W} height={H} className="timeline-chart" aria-hidden="true">
          <polygon
            points={area(
              (p) => p.failed + p.degraded,
              (p) => p.failed,
            )}
            fill={STATE_META.DEGRADED.color}
          />
          <polygon
            points={area(
              (p) => p.failed,
              () => 0,
            )}
            fill={STATE_META.FAILED.color}
          />
          <line x1={PAD.l} x2={W - PAD.r} y1={H - PAD.b} y2={H - PAD.b} className="axis-line" />
          {ticks.map((t) => (
            <text key={t} x={x(t)} y={H - 5} textAnchor={t === 0 ? 'start' : 'middle'} className="axis">
              {formatHoursShort(t)}
            </text>
          ))}
          <text x={PAD.l - 4} y={y(maxY) + 4} textAnchor="end" className="axis">
            {maxY}
          </text>
          <text x={PAD.l - 4} y={H - PAD.b} textAnchor="end" className="axis">
            0
          </text>
          <line x1={x(at)} x2={x(at)} y1={PAD.t - 4} y2={H - PAD.b} className="cursor" />
        </svg>
      </div>
      <ol className="events" aria-label="Workflow transitions" ref={list}>
        {events.slice(0, 400).map((e) => (
          <li key={`${e.id}-${e.to}`} className={e.t <= at ? 'past' : undefined}>
            <span className="event-time">{formatHours(e.t)}</span>
            <span className={`state-badge ${e.to.toLowerCase()}`}>
              {e.to === 'FAILED' ? '✕ fails' : '◐ degrades'}
            </span>
            <button type="button" className="link" onClick={() => onPick(e.id)}>
              {names.get(e.id) ?? e.id}
            </button>
          </li>
        ))}
        {events.length === 0 && <li className="muted">No workflow is affected.</li>}
      </ol>
    </section>
  );
}
