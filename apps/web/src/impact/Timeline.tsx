// The outage over time: a stacked step chart of workflows degraded and failed, a
// scrubber (a native range input, so it works from the keyboard) and play/pause.
// The canvas follows the scrubber.
import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { STATE_META } from '../explorer/kinds';
import type { AffectedPageQuery, ImpactInput } from '../generated/graphql';
import { formatHours, formatHoursShort } from './duration';
import { type AffectedRow, displayName } from './model';
import { AFFECTED_PAGE } from './queries';
import { affectedRow } from './report';
import { niceTicks } from './timeline';
import { usePages } from './usePages';
import { useWidth } from '../ui/useWidth';

const H = 96;
const PAD = { l: 34, r: 10, t: 8, b: 20 };
const EVENTS_PAGE = 100;

/** Workflows degraded and failed right after `atHours` (ImpactReport.timeline). */
export interface SeriesPoint {
  atHours: number;
  degraded: number;
  failed: number;
}

/** When a workflow reached its state: its failure, else the start of its degradation. */
const onset = (r: AffectedRow) => r.failedAtHours ?? r.disruptedAtHours;

export function Timeline({
  input,
  series: points,
  horizon,
  at,
  onAt,
  onPick,
}: {
  input: ImpactInput;
  series: readonly SeriesPoint[];
  horizon: number;
  at: number;
  onAt: (t: number) => void;
  onPick: (row: AffectedRow) => void;
}) {
  const series = points.filter((p) => p.atHours <= horizon).map((p) => ({ t: p.atHours, ...p }));
  // Every affected workflow, in the order it reaches its state, a page at a time.
  const events = usePages<AffectedPageQuery, AffectedRow>(
    AFFECTED_PAGE,
    { input, kinds: ['WORKFLOW'], orderBy: { field: 'TIME', direction: 'ASC' } },
    (d) => {
      const c = d.impact.affected;
      return { ...c, edges: c.edges.map((e) => ({ node: affectedRow(e.node) })) };
    },
    EVENTS_PAGE,
  );
  const rows = events.nodes;
  const [playing, setPlaying] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const W = Math.max(200, useWidth(box, 360));
  const atRef = useRef(at);
  atRef.current = at;
  const list = useRef<HTMLOListElement>(null);
  // One tab stop: the list's current item; the arrow keys move inside it.
  const [current, setCurrent] = useState(0);
  const focusItem = (i: number) => {
    const index = Math.max(0, Math.min(rows.length - 1, i));
    setCurrent(index);
    const button = list.current?.querySelectorAll<HTMLButtonElement>('li button')[index];
    button?.focus();
    if (index >= rows.length - 5 && events.hasMore) events.loadMore();
  };
  const onKeyDown = (e: KeyboardEvent<HTMLOListElement>) => {
    const moves: Record<string, number> = {
      ArrowDown: current + 1,
      ArrowRight: current + 1,
      ArrowUp: current - 1,
      ArrowLeft: current - 1,
      PageDown: current + 10,
      PageUp: current - 10,
      Home: 0,
      End: rows.length - 1,
    };
    const next = moves[e.key];
    if (next === undefined) return;
    e.preventDefault();
    focusItem(next);
  };
  // Keep the next transitions in view as the scrubber moves.
  useEffect(() => {
    const ol = list.current;
    if (!ol || rows.length === 0) return;
    const next = rows.findIndex((r) => onset(r) > at);
    const li = ol.children[next === -1 ? rows.length - 1 : next] as HTMLElement | undefined;
    if (li) ol.scrollTop = Math.max(0, li.offsetTop - ol.clientHeight / 3);
  }, [at, rows]);

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
      <ol
        className="events"
        aria-label={`Workflow transitions: ${events.totalCount ?? '…'} workflows; arrow keys move between them`}
        ref={list}
        onKeyDown={onKeyDown}
      >
        {rows.map((r, i) => (
          <li key={r.id} className={onset(r) <= at ? 'past' : undefined}>
            <span className="event-time">{formatHours(onset(r))}</span>
            <span className={`state-badge ${r.state.toLowerCase()}`}>
              {r.state === 'FAILED' ? '✕ fails' : '◐ degrades'}
            </span>
            <button
              type="button"
              className="link"
              tabIndex={i === Math.min(current, rows.length - 1) ? 0 : -1}
              onFocus={() => setCurrent(i)}
              onClick={() => onPick(r)}
            >
              {displayName(r)}
            </button>
            {r.state === 'FAILED' && r.disruptedAtHours < onset(r) && (
              <span className="muted small"> (degraded from {formatHours(r.disruptedAtHours)})</span>
            )}
          </li>
        ))}
        {events.totalCount === 0 && <li className="muted">No workflow is affected.</li>}
      </ol>
      {events.hasMore && (
        <p className="small">
          {rows.length.toLocaleString('en-US')} of {(events.totalCount ?? 0).toLocaleString('en-US')}{' '}
          workflows.{' '}
          <button type="button" className="link" onClick={events.loadMore} disabled={events.loading}>
            Load {EVENTS_PAGE} more
          </button>
        </p>
      )}
    </section>
  );
}
